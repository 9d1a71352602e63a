-- An owner invites someone by email with a role. When the account can send
-- email, the worker mints the link and emails it (job send_account_invite);
-- otherwise the API's token (p_token_hash) is stored and the link is shown once.
create or replace function public.create_account_invite(
  p_actor_user_id uuid,
  p_email text,
  p_role text,
  p_token_hash text,
  p_now timestamptz default now()
)
returns table (invite_id uuid, delivery text, expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_delivery text;
  v_invite uuid;
  v_expires timestamptz := p_now + interval '7 days';
begin
  if coalesce(p_role, '') not in ('owner', 'admin', 'setter', 'analyst', 'viewer') then
    raise exception using errcode = '22023', message = 'invalid_role',
      detail = pg_catalog.format('%s is not a role: choose owner, admin, setter, analyst or viewer', coalesce(p_role, 'nothing'));
  end if;
  if exists (select 1 from public.account_members m join public.users u on u.id = m.user_id and u.is_active
             where m.account_id = v_account and m.is_active and u.email = v_email) then
    raise exception using errcode = '23505', message = 'already_a_member',
      detail = pg_catalog.format('%s is already a member of this account: change their role instead', v_email);
  end if;
  v_delivery := case when exists (select 1 from brain.ready_channels(v_account) r where r.channel = 'email')
                     then 'email' else 'shown' end;
  if v_delivery = 'shown' and coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = '22023', message = 'invalid_token_hash',
      detail = 'the invite link''s token hash must be 64 hex characters';
  end if;
  -- A new invite replaces the open one to the same email.
  update public.account_invites i set revoked_at = p_now
  where i.account_id = v_account and i.email = v_email and i.accepted_at is null and i.revoked_at is null;
  insert into public.account_invites (account_id, email, role, token_hash, delivery, invited_by, created_at, expires_at)
  values (v_account, v_email, p_role, case when v_delivery = 'shown' then p_token_hash end, v_delivery,
          p_actor_user_id, p_now, v_expires)
  returning id into v_invite;
  if v_delivery = 'email' then
    perform graphile_worker.add_job('send_account_invite', pg_catalog.json_build_object('invite_id', v_invite),
      job_key := 'send_account_invite:' || v_invite, max_attempts := 5);
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_invited', 'create_account_invite', 'account_invite', v_invite, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('role', p_role, 'delivery', v_delivery));
  return query select v_invite, v_delivery, v_expires;
end
$$;

comment on function public.create_account_invite(uuid, text, text, text, timestamptz) is
  'An owner (p_actor_user_id, of app.account_id) invites an email with a role, valid 7 days; an open invite to the same email is revoked (replaced). delivery email: the account has a ready email provider and a send_account_invite job mints and emails the link; delivery shown: p_token_hash (SHA-256 hex of the link token) is stored and the caller shows the link once. Refuses not_an_owner (42501), invalid_role (22023), already_a_member (23505). Recorded in account_events as member_invited.';

revoke execute on function public.create_account_invite(uuid, text, text, text, timestamptz) from public;
grant execute on function public.create_account_invite(uuid, text, text, text, timestamptz) to revenue_api;
