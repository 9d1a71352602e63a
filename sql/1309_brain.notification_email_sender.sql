-- How an account sends notification email: its ready email provider and default sender,
-- as the invite email does. No row: the account cannot send email.
create or replace function brain.notification_email_sender(p_account_id uuid)
returns table (provider text, from_address text)
language sql
stable
as $$
  select r.provider, nullif(s.config #>> '{senders,0,address}', '')
  from brain.ready_channels(p_account_id) r
  join public.account_provider_settings s on s.account_id = p_account_id and s.channel = 'email' and s.is_default
  where r.channel = 'email'
  limit 1
$$;

comment on function brain.notification_email_sender(uuid) is
  'The account''s ready email provider and its default sender address (account_provider_settings), for notification emails; no row when the account cannot send email.';

revoke execute on function brain.notification_email_sender(uuid) from public;
grant execute on function brain.notification_email_sender(uuid) to revenue_worker;
