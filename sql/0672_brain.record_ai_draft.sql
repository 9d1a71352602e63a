-- Records the model's draft answer to a reply, and decides there and then whether it
-- may go out on its own (issue 17, seed 003 §8-§9). The plan is read again first
-- (brain.ai_draft_plan): a lead who opted out, or replied again, while the model wrote
-- gets no draft.
--
-- Auto-send, every hold in order, the first that applies is written on the draft:
--   AUTO_SEND_DISABLED=1 (p_auto_send_disabled) · the account's switch is off
--   (org_settings.ai_auto_send_enabled) · no campaign, or a setter_managed one · the reply
--   reads as an opt-out, a wrong number or a bounce to the consent classifier · the draft
--   has template placeholders the lead cannot fill · no confidence · confidence below
--   the campaign's threshold.
-- Otherwise one touch is scheduled a random auto_send_delay_min_seconds to
-- auto_send_delay_max_seconds (180-420 s by default) from now, and the draft is approved
-- by auto_send. A held draft waits for a person (needs_review).
create or replace function brain.record_ai_draft(
  p_message_id uuid,
  p_body text,
  p_subject text,
  p_confidence real,
  p_confidence_reason text,
  p_model text,
  p_auto_send_disabled boolean,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_plan jsonb;
  v_m public.inbound_messages;
  v_org public.org_settings;
  v_campaign jsonb;
  v_body text := pg_catalog.btrim(p_body);
  v_subject text;
  v_hold text;
  v_problems text[];
  v_consent record;
  v_threshold real;
  v_min integer;
  v_max integer;
  v_send_after timestamptz;
  v_draft public.ai_drafts;
  v_touch uuid;
begin
  if v_body is null or v_body = '' or pg_catalog.length(v_body) > 1600 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a draft needs 1 to 1600 characters';
  end if;
  if p_confidence is not null and (p_confidence < 0 or p_confidence > 1 or p_confidence = 'NaN'::real) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'confidence is between 0 and 1';
  end if;

  select m.* into v_m from public.inbound_messages m where m.id = p_message_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'message_not_found', detail = 'no such inbound message';
  end if;
  v_plan := brain.ai_draft_plan(p_message_id, p_now);
  if not (v_plan ->> 'wanted')::boolean then
    return pg_catalog.jsonb_build_object('created', false, 'reason', v_plan ->> 'reason', 'draft_id', v_plan -> 'draft_id');
  end if;
  v_subject := case when v_plan ->> 'channel' = 'email'
                    then pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_subject), ''), v_plan ->> 'subject'), 998) end;
  select o.* into v_org from public.org_settings o where o.account_id = v_m.account_id;
  v_campaign := v_plan -> 'campaign';

  v_problems := brain.template_problems(v_body, coalesce(brain.template_values(v_m.lead_id), '{}'::jsonb))
                || brain.template_problems(v_subject, coalesce(brain.template_values(v_m.lead_id), '{}'::jsonb));
  select c.kind, c.rule into v_consent
  from brain.classify_consent(pg_catalog.concat_ws(' ', v_m.subject, v_m.body)) c;
  v_threshold := (v_campaign ->> 'auto_send_threshold')::real;

  v_hold := case
    when coalesce(p_auto_send_disabled, false) then 'AUTO_SEND_DISABLED=1'
    when not coalesce(v_org.ai_auto_send_enabled, false) then 'auto-send is off for this account'
    when v_campaign is null then 'no campaign: a person answers'
    when v_campaign ->> 'response_mode' <> 'ai_auto_send' then 'setter_managed campaign'
    when v_consent.kind in ('opt_out', 'wrong_number') or v_m.keyword in ('opt_out', 'wrong_number')
      then 'the reply reads as ' || coalesce(v_consent.kind, v_m.keyword) || coalesce(' (' || v_consent.rule || ')', '')
    when v_m.auto_kind is not null then 'the reply is an automatic ' || pg_catalog.replace(v_m.auto_kind, '_', ' ')
    when pg_catalog.cardinality(v_problems) > 0
      then 'the draft has placeholders the lead cannot fill: ' || pg_catalog.array_to_string(v_problems, ', ')
    when p_confidence is null then 'no confidence score'
    when p_confidence < v_threshold
      then pg_catalog.format('confidence %s below the threshold %s', pg_catalog.to_char(p_confidence, 'FM0.00'),
                             pg_catalog.to_char(v_threshold, 'FM0.00'))
  end;

  if v_hold is null then
    v_min := (v_campaign ->> 'auto_send_delay_min_seconds')::integer;
    v_max := (v_campaign ->> 'auto_send_delay_max_seconds')::integer;
    v_send_after := p_now + pg_catalog.make_interval(secs => v_min + pg_catalog.floor(pg_catalog.random() * (v_max - v_min + 1)));
  end if;

  insert into public.ai_drafts as d (account_id, lead_id, inbound_message_id, channel, status, sentiment_tag, subject, body,
                                     to_address, cc_addresses, persona, model, confidence, confidence_reason,
                                     auto_send_action, auto_send_reason, auto_send_threshold, send_after, created_at, updated_at)
  values (v_m.account_id, v_m.lead_id, v_m.id, v_m.channel, 'pending', v_m.sentiment_tag, v_subject, v_body,
          v_plan ->> 'to_address',
          coalesce(array(select pg_catalog.jsonb_array_elements_text(v_plan -> 'cc_addresses')), '{}'),
          coalesce(v_plan -> 'persona', '{}'::jsonb), nullif(pg_catalog.left(pg_catalog.btrim(p_model), 100), ''),
          p_confidence, nullif(pg_catalog.left(pg_catalog.btrim(p_confidence_reason), 500), ''),
          case when v_hold is null then 'auto_send' else 'needs_review' end,
          coalesce(v_hold, pg_catalog.format('confidence %s at or above the threshold %s',
                                             pg_catalog.to_char(p_confidence, 'FM0.00'), pg_catalog.to_char(v_threshold, 'FM0.00'))),
          v_threshold, v_send_after, p_now, p_now)
  on conflict (account_id, inbound_message_id, channel) do nothing
  returning d.* into v_draft;
  if not found then
    select d.* into v_draft from public.ai_drafts d
    where d.account_id = v_m.account_id and d.inbound_message_id = v_m.id and d.channel = v_m.channel;
    return pg_catalog.jsonb_build_object('created', false, 'reason', 'the reply already has a draft', 'draft_id', v_draft.id);
  end if;

  perform brain.record_event(v_m.account_id, v_m.lead_id, 'ai_draft_created', 'inbound_post_process', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'inbound_message_id', v_m.id,
      'tag', v_draft.sentiment_tag, 'confidence', v_draft.confidence, 'action', v_draft.auto_send_action,
      'reason', v_draft.auto_send_reason)),
    v_m.channel::text, p_now, 'ai_draft_created:' || v_draft.id::text);

  if v_hold is null then
    v_touch := brain.queue_ai_draft_touch(v_draft.id, v_send_after, 'auto_send', p_now);
    update public.ai_drafts d
    set status = 'approved', decided_by = 'auto_send', decided_at = p_now, touch_run_id = v_touch
    where d.id = v_draft.id and d.account_id = v_draft.account_id;
    perform brain.record_event(v_m.account_id, v_m.lead_id, 'ai_auto_send_scheduled', 'inbound_post_process', 'outbound',
      pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'touch_run_id', v_touch, 'send_after', v_send_after,
                                    'confidence', v_draft.confidence),
      v_m.channel::text, p_now);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'created', true, 'draft_id', v_draft.id, 'action', v_draft.auto_send_action, 'reason', v_draft.auto_send_reason,
    'send_after', v_send_after, 'touch_run_id', v_touch));
end
$$;

comment on function brain.record_ai_draft(uuid, text, text, real, text, text, boolean, timestamptz) is
  'Records the AI draft answering an inbound message (one per message and channel: a second call answers created false with the draft already there) when brain.ai_draft_plan still wants one (else {created: false, reason}), and decides auto-send on the spot. Holds, first match written as auto_send_reason with action needs_review: AUTO_SEND_DISABLED=1 (p_auto_send_disabled), the account''s switch off (org_settings.ai_auto_send_enabled), no campaign, a setter_managed campaign, a reply the consent classifier reads as opt_out or wrong_number, a reply that is an automatic one by its headers, template placeholders the lead cannot fill, no confidence, confidence below the campaign''s auto_send_threshold. Otherwise action auto_send: one touch (brain.queue_ai_draft_touch) scheduled a random auto_send_delay_min_seconds..auto_send_delay_max_seconds from p_now (send_after), and the draft approved by auto_send. Writes ai_draft_created (and ai_auto_send_scheduled) memory events. Returns {created, draft_id, action, reason, send_after, touch_run_id}. 22023 invalid_argument (body 1-1600 characters, confidence 0-1); P0002 message_not_found.';

revoke execute on function brain.record_ai_draft(uuid, text, text, real, text, text, boolean, timestamptz) from public;
grant execute on function brain.record_ai_draft(uuid, text, text, real, text, text, boolean, timestamptz) to revenue_worker;
