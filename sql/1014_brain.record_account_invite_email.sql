-- The outcome of an invite email, for the Team page.
create or replace function brain.record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamptz default now())
returns void
language sql
volatile
set search_path = ''
as $$
  update public.account_invites
  set emailed_at = case when p_error is null then p_now end,
      email_error = pg_catalog.left(p_error, 300)
  where id = p_invite_id
$$;

comment on function brain.record_account_invite_email(uuid, text, timestamptz) is
  'Records whether the invite email went out: p_error null sets emailed_at, otherwise keeps the reason (at most 300 characters) in email_error for the Team page.';

revoke execute on function brain.record_account_invite_email(uuid, text, timestamptz) from public;
grant execute on function brain.record_account_invite_email(uuid, text, timestamptz) to revenue_worker;
