-- The settings page in one read: org settings, providers and masked credentials,
-- as the caller (row-level security applies).
create or replace function public.settings_page()
returns json
-- plpgsql: its senders part reads public.v_sender_health_v1, created after this file (sql/1466).
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return pg_catalog.json_build_object(
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
              'calendly_event_type_uri', o.calendly_event_type_uri, 'auto_book_enabled', o.auto_book_enabled,
              'enrichment_wait_seconds', o.enrichment_wait_seconds)
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
                     from public.availability_caches c limit 1),
    -- Each sender's warm-up and health (issue 19): today's cap, the ramp's next 7 days.
    'senders', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'channel', h.channel, 'sender', h.sender, 'target', h.target, 'cap_today', h.cap_today,
                  'ramp_day', h.ramp_day, 'already_warm', h.already_warm, 'paused', h.paused,
                  'paused_reason', h.paused_reason, 'paused_at', h.paused_at,
                  'sends_1d', h.sends_1d, 'sends_7d', h.sends_7d, 'sends_30d', h.sends_30d,
                  'bounces_7d', h.bounces_7d, 'bounces_30d', h.bounces_30d, 'hard_bounces_30d', h.hard_bounces_30d,
                  'complaints_30d', h.complaints_30d, 'opt_outs_7d', h.opt_outs_7d, 'opt_outs_30d', h.opt_outs_30d,
                  'schedule', case when h.channel = 'email' and not h.already_warm then (
                    select pg_catalog.json_agg(pg_catalog.json_build_object(
                             'day', (pg_catalog.now() at time zone 'UTC')::date + i,
                             'cap', brain.sender_ramp_cap(coalesce(r.ramp_start_cap, 20), coalesce(r.ramp_growth_pct, 10),
                                                          h.ramp_day + i, h.target)) order by i)
                    from pg_catalog.generate_series(0, 6) i) end,
                  'ramp_start_cap', coalesce(r.ramp_start_cap, 20), 'ramp_growth_pct', coalesce(r.ramp_growth_pct, 10))
                  order by pg_catalog.array_position(array['email', 'sms', 'whatsapp'], h.channel), h.sender), '[]'::json)
                from public.v_sender_health_v1 h
                left join public.sender_reputation r
                  on r.account_id = h.account_id and r.channel::text = h.channel and r.sender = h.sender)
  );
end
$$;

comment on function public.settings_page() is
  'Everything the settings page shows, in one read (issue 14: one SQL call per page): org (the account''s org_settings, send window as HH:MM, the AI inbox''s tone, signature, auto-send switch and Slack review channel; booking: booking_provider, booking_link, calendly_event_type_uri, auto_book_enabled; enrichment_wait_seconds, issue 19), personas (the AI inbox''s ai_personas, the default first, then by name), providers (account_provider_settings by channel then provider, without secrets) credentials (public.provider_credentials_status: masked, never the value, with the last Test connection result) and availability (the booking availability cache: slots, fetched_at, expires_at, last_error, backoff_until, failures; null before the first refresh) and senders (public.v_sender_health_v1 per inbox and number: today''s cap, target, ramp day, already_warm, paused state and reason, sends, bounces, complaints and opt-outs, and for an inbox on its ramp the schedule of the next 7 UTC days'' caps, today first; email first). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account; org is null when no account is set.';

revoke execute on function public.settings_page() from public;
grant execute on function public.settings_page() to revenue_api, revenue_analyst;
