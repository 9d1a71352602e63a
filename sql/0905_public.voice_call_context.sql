-- What the voice gateway needs to brief the model for one call in progress: the touch's
-- payload (language, script, opening line), the lead's persona and the business.
create or replace function public.voice_call_context(
  p_touch_run_id uuid,
  p_provider text default null,
  p_call_id text default null
)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'outcome', 'found',
              'touch_run_id', t.id,
              'account_id', t.account_id,
              'lead_id', t.lead_id,
              'provider', m.provider,
              'call_id', m.provider_message_id,
              'persona', coalesce(t.payload -> 'meta' ->> 'persona', l.persona),
              'language', coalesce(t.payload -> 'delivery' ->> 'language', 'en'),
              'message_class', coalesce(t.payload ->> 'message_class', c.message_class),
              'script_key', t.payload -> 'delivery' -> 'channel_overrides' -> 'voice' ->> 'script_key',
              'opening', m.body,
              'lead_first_name', l.first_name,
              'business_name', o.business_name,
              'vertical', o.vertical,
              'campaign_name', c.name))
     from public.touch_runs t
     join public.leads l on l.id = t.lead_id and l.account_id = t.account_id
     join public.org_settings o on o.account_id = t.account_id
     left join public.outbound_messages m on m.touch_run_id = t.id and m.account_id = t.account_id
     left join public.campaigns c on c.id = t.campaign_id and c.account_id = t.account_id
     where t.channel = 'voice'
       and t.status in ('sending', 'sent', 'delivered', 'unknown')
       and (t.id = p_touch_run_id
            or (p_touch_run_id is null and m.channel = 'voice' and m.provider = p_provider and m.provider_message_id = p_call_id))
     limit 1),
    pg_catalog.jsonb_build_object('outcome', 'unknown_call'))
$$;

comment on function public.voice_call_context(uuid, text, text) is
  'The briefing for a call in progress, for the voice gateway''s system prompt: touch, account and lead ids, provider and call id, persona (payload meta.persona, else the lead''s), language (payload delivery.language, default en), message_class, voice script_key, the rendered opening line (the outbound message body), the lead''s first name, business_name, vertical and campaign name. The call is p_touch_run_id, or, without it, the voice message with the provider''s call id. Only a voice touch that was dialled (sending, sent, delivered, unknown) is found; otherwise {"outcome": "unknown_call"}.';

revoke execute on function public.voice_call_context(uuid, text, text) from public;
grant execute on function public.voice_call_context(uuid, text, text) to revenue_worker, revenue_ingest;
