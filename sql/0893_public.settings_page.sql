-- The settings page in one read: org settings, providers and masked credentials,
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
              'send_window_end', pg_catalog.to_char(o.send_window_end, 'HH24:MI'),
              'ai_tone', o.ai_tone, 'ai_signature', o.ai_signature, 'ai_auto_send_enabled', o.ai_auto_send_enabled,
              'slack_review_channel', o.slack_review_channel,
              'booking_provider', o.booking_provider, 'booking_link', o.booking_link,
              'calendly_event_type_uri', o.calendly_event_type_uri, 'auto_book_enabled', o.auto_book_enabled)
            from public.org_settings o
            limit 1),
    'personas', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'id', a.id, 'name', a.name, 'tone', a.tone, 'signature', a.signature, 'is_default', a.is_default)
                   order by a.is_default desc, a.name, a.id), '[]'::json)
                 from public.ai_personas a),
    'providers', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                    'channel', p.channel::text, 'provider', p.provider, 'is_default', p.is_default, 'config', p.config)
                    order by pg_catalog.array_position(array['sms', 'voice', 'whatsapp', 'email'], p.channel::text), p.provider),
                    '[]'::json)
                  from public.account_provider_settings p),
    'credentials', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                      'provider', s.provider, 'field', s.field, 'masked', s.masked, 'updated_at', s.updated_at,
                      'verified_at', s.verified_at, 'verify_ok', s.verify_ok, 'verify_detail', s.verify_detail)
                      order by s.n), '[]'::json)
                    from public.provider_credentials_status() with ordinality as s (provider, field, masked, updated_at, verified_at, verify_ok, verify_detail, n)),
    'availability', (select pg_catalog.json_build_object(
                       'slots', pg_catalog.cardinality(c.slots_utc), 'fetched_at', c.fetched_at, 'expires_at', c.expires_at,
                       'last_error', c.last_error, 'backoff_until', c.backoff_until, 'failures', c.failures)
                     from public.availability_caches c limit 1)
  )
$$;

comment on function public.settings_page() is
  'Everything the settings page shows, in one read (issue 14: one SQL call per page): org (the account''s org_settings, send window as HH:MM, the AI inbox''s tone, signature, auto-send switch and Slack review channel; booking: booking_provider, booking_link, calendly_event_type_uri, auto_book_enabled), personas (the AI inbox''s ai_personas, the default first, then by name), providers (account_provider_settings by channel then provider, without secrets) credentials (public.provider_credentials_status: masked, never the value, with the last Test connection result) and availability (the booking availability cache: slots, fetched_at, expires_at, last_error, backoff_until, failures; null before the first refresh). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account; org is null when no account is set.';

revoke execute on function public.settings_page() from public;
grant execute on function public.settings_page() to revenue_api, revenue_analyst;
