-- The settings page in one read: org settings, providers and masked secrets,
-- as the caller (row-level security applies).
create or replace function public.settings_page()
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'org', (select pg_catalog.json_build_object(
              'business_name', o.business_name, 'persona_name', o.persona_name, 'vertical', o.vertical,
              'timezone', o.timezone::text, 'contact_email', o.contact_email::text,
              'contact_phone', o.contact_phone::text, 'contact_whatsapp', o.contact_whatsapp::text,
              'leadgen_routing', o.leadgen_routing, 'onboarding_step', o.onboarding_step,
              'onboarding_completed_at', o.onboarding_completed_at,
              'send_window_start', pg_catalog.to_char(o.send_window_start, 'HH24:MI'),
              'send_window_end', pg_catalog.to_char(o.send_window_end, 'HH24:MI'))
            from public.org_settings o
            limit 1),
    'providers', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                    'channel', p.channel::text, 'provider', p.provider, 'is_default', p.is_default, 'config', p.config)
                    order by pg_catalog.array_position(array['sms', 'voice', 'whatsapp', 'email'], p.channel::text), p.provider),
                    '[]'::json)
                  from public.account_provider_settings p),
    'secrets', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'channel', s.channel, 'provider', s.provider, 'secret_key', s.secret_key, 'masked', s.masked)
                  order by s.n), '[]'::json)
                from public.provider_secrets_status() with ordinality as s (channel, provider, secret_key, masked, n))
  )
$$;

comment on function public.settings_page() is
  'Everything the settings page shows, in one read (issue 14: one SQL call per page): org (the account''s org_settings, send window as HH:MM), providers (account_provider_settings by channel then provider, without secrets) and secrets (public.provider_secrets_status: masked, never the value). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account; org is null when no account is set.';

revoke execute on function public.settings_page() from public;
grant execute on function public.settings_page() to revenue_api, revenue_analyst;
