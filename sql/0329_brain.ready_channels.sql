-- Set-returning so the planner inlines it into the views (no per-call planning).
-- One decision per account: a provider is ready when the account stored its own
-- credentials and they are not known to be refused, or, when it stored none,
-- when the environment's keys are configured (public.provider_readiness).
create or replace function brain.ready_channels(p_account_id uuid)
returns table (channel text, provider text)
language sql
stable
as $$
  select s.channel::text, s.provider
  from public.account_provider_settings s
  left join public.provider_readiness r on r.provider = s.provider
  left join public.account_provider_credentials c on c.account_id = s.account_id and c.provider = s.provider
  where s.account_id = p_account_id
    and s.is_default
    and (s.provider = 'sink'
         or (c.provider is not null and c.verify_ok is distinct from false
             -- Telnyx voice dials on the account's Call Control connection.
             and (s.provider <> 'telnyx' or s.channel::text <> 'voice' or c.masked ? 'connection_id'))
         or (c.provider is null and coalesce(r.ready, false)))
$$;

comment on function brain.ready_channels(uuid) is
  'Channels the account can send on now, with their provider: a default provider that is sink (always ready); or twilio / telnyx / elastic_email when the account stored its own credentials for it and Test connection has not found them refused (verify_ok is not false); Telnyx voice also needs the stored connection_id; or, when it stored none, when public.provider_readiness (the environment keys, written by the worker at start-up) says ready. Stored credentials that were refused make the channel not ready even when environment keys exist: sends use the stored ones.';
