create or replace function brain.channel_ready(p_account_id uuid, p_channel text)
returns boolean
language sql
stable
parallel safe
as $$
  select exists (
    select 1
    from public.account_provider_settings s
    left join public.provider_readiness r on r.provider = s.provider
    where s.account_id = p_account_id
      and s.channel = p_channel
      and s.is_default
      and (s.provider = 'sink' or coalesce(r.ready, false)))
$$;

comment on function brain.channel_ready(uuid, text) is
  'True when the account has a default provider for the channel and that provider can send: sink always can; twilio, telnyx and elastic_email only when public.provider_readiness (written by the worker at start-up) says their credentials are configured. Fail closed: no default provider means not ready.';
