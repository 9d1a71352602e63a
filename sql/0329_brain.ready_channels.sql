-- Set-returning so the planner inlines it into the views (no per-call planning).
create or replace function brain.ready_channels(p_account_id uuid)
returns table (channel text, provider text)
language sql
stable
as $$
  select s.channel::text, s.provider
  from public.account_provider_settings s
  left join public.provider_readiness r on r.provider = s.provider
  where s.account_id = p_account_id
    and s.is_default
    and (s.provider = 'sink' or coalesce(r.ready, false))
$$;

comment on function brain.ready_channels(uuid) is
  'Channels the account can send on now, with their provider: a default provider that is sink (always ready), or twilio / telnyx / elastic_email when public.provider_readiness (written by the worker at start-up) says their credentials are configured.';
