-- Seed 002's Touch payload v2 for a campaign step (or a reactivation round).
create or replace function brain.build_touch_payload(
  p_lead_id uuid,
  p_campaign_id uuid,
  p_step integer,
  p_channel text,
  p_source text,
  p_now timestamptz
)
returns jsonb
language sql
stable
as $$
  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'message_class', coalesce(c.message_class, 'reactivation'),
    'campaign_id', p_campaign_id,
    'step', p_step,
    'routing', pg_catalog.jsonb_build_object(
      'primary_channel', coalesce(cs.channel::text, p_channel),
      'current_channel', p_channel,
      'fallback', case when p_campaign_id is null then brain.reactivation_plan(p_channel) else cs.fallback end,
      'stop_on_events', pg_catalog.to_jsonb(coalesce(cs.stop_on_events, array['reply_positive', 'appointment_booked', 'do_not_contact'])),
      'expires_at', case when cs.expires_after_minutes is not null
                         then pg_catalog.to_jsonb(p_now + pg_catalog.make_interval(mins => cs.expires_after_minutes)) end),
    'delivery', pg_catalog.jsonb_build_object(
      'template_key', cs.template_key,
      'language', coalesce(cs.language, 'en'),
      'subject', cs.subject,
      'body', cs.body,
      'variables', brain.template_values(l.id)),
    'meta', pg_catalog.jsonb_build_object(
      'source', p_source,
      'created_by', p_source,
      'persona', l.persona,
      'dry_run', false)))
    -- Seed 002 keeps the provider block with explicit nulls.
    || pg_catalog.jsonb_build_object('provider', pg_catalog.jsonb_build_object('forced_provider', null, 'forced_sender_id', null))
  from public.leads l
  join public.org_settings o on o.account_id = l.account_id
  left join public.campaigns c on c.id = p_campaign_id and c.account_id = l.account_id
  left join public.campaign_steps cs on cs.campaign_id = p_campaign_id and cs.step = p_step and cs.account_id = l.account_id
  where l.id = p_lead_id
$$;

comment on function brain.build_touch_payload(uuid, uuid, integer, text, text, timestamptz) is
  'Touch payload v2 (seed 002) for a lead''s campaign step on p_channel: message_class, routing (primary/current channel, the step''s fallback plan, stop_on_events, expires_at from expires_after_minutes), delivery (template key, language, subject, body, variables: brain.template_values of the lead when the touch is planned; brain.claim_touch renders with the values at send time), provider and meta (source, persona). Without a campaign it is a reactivation touch with brain.reactivation_plan.';
