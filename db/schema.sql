--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: brain; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA brain;

--
-- Name: SCHEMA brain; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA brain IS 'Decision functions of the Lead Brain (send windows, keyword classification, send keys, ...). Defined in sql/.';

--
-- Name: lead_hunter; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA lead_hunter;

--
-- Name: SCHEMA lead_hunter; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA lead_hunter IS 'LeadGen programs (seed 001 "Craigslist (US) V0"): the task queue the hunter works from.';

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;

--
-- Name: SCHEMA private; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA private IS 'Trigger functions and internal bookkeeping (dbmate''s schema_migrations lives here). Not granted to API or analyst roles.';

--
-- Name: channel; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.channel AS text
	CONSTRAINT channel_check CHECK ((VALUE = ANY (ARRAY['voice'::text, 'sms'::text, 'whatsapp'::text, 'email'::text])));

--
-- Name: DOMAIN channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.channel IS 'An outreach channel: voice, sms, whatsapp or email.';

--
-- Name: e164_phone; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.e164_phone AS text
	CONSTRAINT e164_phone_check CHECK ((VALUE ~ '^\+[1-9][0-9]{7,14}$'::text));

--
-- Name: DOMAIN e164_phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.e164_phone IS 'A phone number in E.164 form: "+", country code and subscriber number, 8 to 15 digits, no spaces.';

--
-- Name: email_address; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.email_address AS text
	CONSTRAINT email_address_check CHECK (((VALUE = lower(btrim(VALUE))) AND (length(VALUE) <= 320) AND (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text)));

--
-- Name: DOMAIN email_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.email_address IS 'An email address, stored trimmed and lower-case.';

--
-- Name: time_zone; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.time_zone AS text
	CONSTRAINT time_zone_check CHECK (((VALUE IS NULL) OR (('2000-01-01 00:00:00+00'::timestamp with time zone AT TIME ZONE VALUE) IS NOT NULL)));

--
-- Name: DOMAIN time_zone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.time_zone IS 'An IANA time zone name known to the server, e.g. America/New_York.';

--
-- Name: address_problem(text, text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.address_problem(p_channel text, p_phone text, p_email text, p_phone_line_type text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select case
    when not brain.lead_reachable(p_channel, p_phone, p_email) then 'unreachable'
    when p_channel in ('sms', 'whatsapp') and p_phone_line_type = 'landline' then 'phone_not_mobile'
  end
$$;

--
-- Name: FUNCTION address_problem(p_channel text, p_phone text, p_email text, p_phone_line_type text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.address_problem(p_channel text, p_phone text, p_email text, p_phone_line_type text) IS 'Why a channel cannot reach a lead''s address, or null when it can: unreachable (no address for the channel: a phone for sms, whatsapp and voice, an email for email; brain.lead_reachable), phone_not_mobile (sms or whatsapp to a phone known to be a landline, leads.phone_line_type; mobile, voip and unknown are tried). A phone is always E.164 (the e164_phone domain), so its shape is never the problem. brain.claim_touch cancels with this reason before any outbound_messages row exists.';

--
-- Name: ai_draft_plan(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.ai_draft_plan(p_message_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_m public.inbound_messages;
  v_lead public.leads;
  v_org public.org_settings;
  v_campaign public.campaigns;
  v_persona jsonb;
  v_status record;
  v_to text;
  v_cc text[] := '{}';
  v_recipient text;
  v_why text;
  v_draft public.ai_drafts;
begin
  select m.* into v_m from public.inbound_messages m where m.id = p_message_id;
  if not found then
    return pg_catalog.jsonb_build_object('wanted', false, 'reason', 'no such message');
  end if;
  select l.* into v_lead from public.leads l where l.id = v_m.lead_id;
  select o.* into v_org from public.org_settings o where o.account_id = v_m.account_id;

  select d.* into v_draft from public.ai_drafts d
  where d.account_id = v_m.account_id and d.inbound_message_id = v_m.id and d.channel = v_m.channel;

  if v_m.channel::text = 'email' and v_lead.email is not null
     and pg_catalog.lower(v_m.from_address) <> pg_catalog.lower(v_lead.email::text) then
    v_to := pg_catalog.lower(v_m.from_address);
    v_cc := array[pg_catalog.lower(v_lead.email::text)];
  end if;
  v_recipient := case when v_m.channel::text = 'email' then coalesce(v_to, pg_catalog.lower(v_lead.email::text)) end;

  select s.* into v_status from brain.lead_suppression_status_at(p_now) s where s.lead_id = v_lead.id;

  v_why := case
    when v_draft.id is not null then 'the reply already has a draft'
    when v_m.sentiment_tag is null then 'the reply is not classified yet'
    when v_m.sentiment_tag not in ('Interested', 'Meeting Requested', 'Follow Up')
      then 'no draft for ' || v_m.sentiment_tag || ' replies'
    when v_m.channel::text not in ('sms', 'whatsapp', 'email') then 'no draft on ' || v_m.channel::text
    when v_m.auto_kind is not null then 'the reply is an automatic ' || pg_catalog.replace(v_m.auto_kind, '_', ' ')
    when exists (select 1 from public.inbound_messages n
                 where n.lead_id = v_m.lead_id and n.id <> v_m.id
                   and (n.received_at, n.id) > (v_m.received_at, v_m.id))
      then 'the lead has replied again since'
    when v_lead.status = 'suppressed' or coalesce(v_status.is_unsubscribed, false)
      then 'the lead is suppressed' || coalesce(' (' || v_status.suppression_reason || ')', '')
    when v_m.channel::text = any(coalesce(v_status.suppressed_channels, '{}'))
      then 'the lead is suppressed on ' || v_m.channel::text
    when v_status.stop_event = 'do_not_contact' then 'the lead is marked do not contact'
    when v_m.channel::text = 'email' and v_recipient is null then 'no address to answer'
    when v_recipient ~* '^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|bounce-[^@]*|notifications?|auto-?reply)@'
      then 'the address ' || v_recipient || ' is a bounce or no-reply address'
    when v_m.channel::text = 'email' and exists (
           select 1 from public.suppressions x
           where x.account_id = v_m.account_id and x.email is not null and pg_catalog.lower(x.email::text) = v_recipient
             and x.lifted_at is null and x.created_at <= p_now)
      then 'the address ' || v_recipient || ' is suppressed'
  end;

  -- The campaign the lead answered, else its latest active enrollment.
  select c.* into v_campaign
  from public.campaigns c
  where c.account_id = v_m.account_id
    and c.id = coalesce(
      (select t.campaign_id from public.touch_runs t
       where t.lead_id = v_m.lead_id and t.campaign_id is not null and t.status in ('sent', 'delivered')
         and t.sent_at <= v_m.received_at
       order by t.sent_at desc limit 1),
      (select cl.campaign_id from public.campaign_leads cl
       where cl.lead_id = v_m.lead_id and cl.account_id = v_m.account_id and cl.status in ('active', 'paused')
       order by cl.enrolled_at desc limit 1));

  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', p.source, 'name', p.name, 'tone', p.tone,
                                                                    'signature', p.signature))
    into v_persona
  from (
    select 'campaign' as source, a.name, a.tone, a.signature, 1 as rank
    from public.ai_personas a where a.id = v_campaign.ai_persona_id and a.account_id = v_m.account_id
    union all
    select 'default_persona', a.name, a.tone, a.signature, 2
    from public.ai_personas a where a.account_id = v_m.account_id and a.is_default
    union all
    select 'settings', coalesce(v_org.persona_name, v_org.business_name, 'The team'), v_org.ai_tone, v_org.ai_signature, 3
  ) p
  order by p.rank
  limit 1;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'wanted', v_why is null,
    'reason', v_why,
    'draft_id', v_draft.id,
    'inbound_message_id', v_m.id,
    'lead_id', v_m.lead_id,
    'account_id', v_m.account_id,
    'tag', v_m.sentiment_tag,
    'channel', v_m.channel::text,
    'to_address', v_to,
    'cc_addresses', case when pg_catalog.cardinality(v_cc) > 0 then pg_catalog.to_jsonb(v_cc) end,
    'subject', case when v_m.channel::text = 'email'
                    then pg_catalog.left(case when coalesce(v_m.subject, '') ~* '^\s*(re|aw|sv|rv)\s*:' then pg_catalog.btrim(v_m.subject)
                                              else 'Re: ' || coalesce(nullif(pg_catalog.btrim(v_m.subject), ''), coalesce(v_org.business_name, 'your message')) end, 998) end,
    'persona', v_persona,
    'campaign', case when v_campaign.id is not null then pg_catalog.jsonb_build_object(
                  'id', v_campaign.id, 'name', v_campaign.name, 'response_mode', v_campaign.response_mode,
                  'auto_send_threshold', v_campaign.auto_send_threshold,
                  'auto_send_delay_min_seconds', v_campaign.auto_send_delay_min_seconds,
                  'auto_send_delay_max_seconds', v_campaign.auto_send_delay_max_seconds) end,
    'lead', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'first_name', v_lead.first_name, 'last_name', v_lead.last_name, 'company_name', v_lead.company_name,
              'city', v_lead.city, 'timezone', v_lead.timezone)),
    'business_name', v_org.business_name,
    'vertical', v_org.vertical));
end
$$;

--
-- Name: FUNCTION ai_draft_plan(p_message_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.ai_draft_plan(p_message_id uuid, p_now timestamp with time zone) IS 'Whether a classified inbound message gets an AI draft, and the context to write and decide it: {wanted, reason (why not), draft_id (when it already has one), inbound_message_id, lead_id, account_id, tag, channel, to_address and cc_addresses (an emailed reply from a CC''d colleague: To them, the lead CC''d), subject (email: Re: …), persona {source: campaign | default_persona | settings, name, tone, signature}, campaign {id, name, response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds} (the campaign whose touch the lead answered, else its latest active or paused enrollment; absent when none), lead {first_name, last_name, company_name, city, timezone}, business_name, vertical}. Wanted only for an Interested, Meeting Requested or Follow Up reply on sms, whatsapp or email that is the lead''s latest, has no draft yet, is not a bounce or automatic reply by its headers, from a lead not suppressed (everywhere, on that channel, or do not contact), to an address that is not bounce-like (mailer-daemon, postmaster, no-reply, bounce…) nor suppressed.';

--
-- Name: apply_booking(uuid, text, text, text, text, text, text, timestamp with time zone, text, timestamp with time zone, text[], boolean); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[], p_record_receipt boolean DEFAULT true) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead record;
  v_state text;
  v_halt jsonb;
begin
  -- A null account is an account nobody could find (the webhook's slug matched none): unknown_account below.
  if p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the event id is required';
  end if;
  if p_email is null and p_phone is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a booking needs the invitee''s email or phone';
  end if;
  if p_event is null or p_event not in ('booked', 'canceled') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'event must be booked or canceled';
  end if;
  if not exists (select 1 from public.accounts a where a.id = p_account_id) then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_account');
  end if;
  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
    values ('booking', p_event_id, p_account_id, p_event, nullif(p_nul_replaced_fields, '{}'::text[]))
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', p_account_id);
    end if;
  end if;

  select * into v_lead from public.find_or_create_lead(p_account_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'source', 'booking', 'email', p_email, 'phone', p_phone, 'first_name', p_first_name, 'last_name', p_last_name)));

  perform brain.record_event(p_account_id, v_lead.lead_id,
    case p_event when 'booked' then 'appointment_booked' else 'appointment_canceled' end, 'webhook_booking', 'inbound',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('start_at', p_start_at, 'booking_uri', p_booking_uri)),
    null, p_occurred_at, 'booking:' || p_event_id, case p_event when 'booked' then 20 else -5 end);

  if p_event = 'booked' then
    v_halt := brain.halt_outreach(v_lead.lead_id, 'appointment_booked', 'stopped', p_occurred_at);
    select l.lead_state into v_state from public.leads l where l.id = v_lead.lead_id;
    if exists (select 1 from public.lead_state_transitions x where x.from_state = v_state and x.to_state = 'closed') then
      perform brain.transition_lead(v_lead.lead_id, 'closed', 'appointment_booked', 'webhook_booking');
    end if;
  end if;

  return pg_catalog.jsonb_build_object('outcome', 'recorded', 'account_id', p_account_id, 'lead_id', v_lead.lead_id,
                                       'matched_by', v_lead.matched_by, 'event', p_event)
         || coalesce(v_halt, '{}'::jsonb);
end
$$;

--
-- Name: FUNCTION apply_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean) IS 'The decision logic of a calendar booking (see public.ingest_booking). p_record_receipt false: the receipt exists (the receipts drain applies it).';

--
-- Name: apply_call_status(text, text, text, uuid, text, integer, timestamp with time zone, boolean); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer DEFAULT NULL::integer, p_occurred_at timestamp with time zone DEFAULT now(), p_record_receipt boolean DEFAULT true) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_message public.outbound_messages;
  v_lead_state text;
  v_result jsonb;
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_status is null or p_status not in ('initiated', 'ringing', 'answered', 'completed', 'busy', 'no_answer', 'failed', 'canceled') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown call status %s', coalesce(p_status, 'null'));
  end if;
  select m.* into v_message from public.outbound_messages m
  where m.channel = 'voice'
    and ((p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
         or (p_call_id is not null and m.provider = p_provider and m.provider_message_id = p_call_id))
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_call');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
    values (p_provider, p_event_id, v_message.account_id, 'call:' || p_status)
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
  end if;

  if p_status = 'answered' or (p_status = 'completed' and coalesce(p_duration_seconds, 0) > 0) then
    -- Null when the gateway already recorded this call's answer (same dedupe key).
    if brain.record_event(v_message.account_id, v_message.lead_id, 'call_answered', 'webhook_' || p_provider, 'inbound',
         pg_catalog.jsonb_build_object('touch_run_id', v_message.touch_run_id, 'call_id', p_call_id), 'voice', p_occurred_at,
         'call_answered:' || coalesce(p_call_id, v_message.touch_run_id::text), 5) is not null then
      select l.lead_state into v_lead_state from public.leads l where l.id = v_message.lead_id;
      if v_lead_state in ('new', 'touched', 'dead') then
        perform brain.transition_lead(v_message.lead_id, 'responded', 'call_answered', 'webhook_' || p_provider);
      end if;
    end if;
  end if;

  if p_status = 'completed' then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':delivery', p_call_id, v_message.touch_run_id,
                                             'delivered', 'completed', null, p_occurred_at);
  elsif p_status in ('busy', 'no_answer', 'failed', 'canceled') then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':delivery', p_call_id, v_message.touch_run_id,
                                             'failed', p_status, p_status, p_occurred_at);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'lead_id', v_message.lead_id, 'status', p_status,
    'delivery', v_result));
end
$$;

--
-- Name: FUNCTION apply_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone, p_record_receipt boolean); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone, p_record_receipt boolean) IS 'The decision logic of a call progress report (see public.ingest_call_status). p_record_receipt false: the receipt exists (the receipts drain applies it).';

--
-- Name: apply_email_event(text, text, text, text, text, uuid, timestamp with time zone, text[], boolean); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[], p_record_receipt boolean DEFAULT true) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_message public.outbound_messages;
  v_result jsonb;
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_event is null or p_event not in ('sent', 'delivered', 'bounced', 'complained', 'unsubscribed', 'opened', 'clicked') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown email event %s', coalesce(p_event, 'null'));
  end if;
  select m.* into v_message from public.outbound_messages m
  where m.channel = 'email'
    and ((p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
         or (p_transaction_id is not null and m.provider = p_provider and m.provider_message_id = p_transaction_id))
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_message');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
    values (p_provider, p_event_id, v_message.account_id, 'email:' || p_event, nullif(p_nul_replaced_fields, '{}'::text[]))
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
  end if;

  if p_event in ('sent', 'delivered') then
    v_result := public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                             p_event, p_event, null, p_occurred_at);
  elsif p_event in ('bounced', 'complained', 'unsubscribed') then
    v_result := public.suppress_lead_channel(v_message.account_id, v_message.lead_id, coalesce(p_to, v_message.to_address),
      'email', case p_event when 'bounced' then 'bounce' when 'complained' then 'complaint' else 'unsubscribe' end,
      'webhook_' || p_provider, p_occurred_at);
    if p_event = 'bounced' then
      v_result := v_result || pg_catalog.jsonb_build_object('delivery',
        public.ingest_message_status(p_provider, p_event_id || ':status', p_transaction_id, v_message.touch_run_id,
                                     'failed', 'bounced', 'bounce', p_occurred_at));
    end if;
  else
    perform brain.record_event(v_message.account_id, v_message.lead_id, 'email_' || p_event, 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('touch_run_id', v_message.touch_run_id), 'email', p_occurred_at,
      p_score_delta => case p_event when 'clicked' then 3 else 1 end);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'lead_id', v_message.lead_id, 'event', p_event,
    'effect', v_result));
end
$$;

--
-- Name: FUNCTION apply_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean) IS 'The decision logic of an email event (see public.ingest_email_event). p_record_receipt false: the receipt exists (the receipts drain applies it).';

--
-- Name: apply_inbound_message(text, text, text, text, text, text, timestamp with time zone, text[], boolean, integer, jsonb); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[], p_record_receipt boolean DEFAULT true, p_prior_suppressions integer DEFAULT 0, p_consent jsonb DEFAULT NULL::jsonb) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_route record;
  v_lead record;
  v_message_id uuid;
  v_keyword text;
  v_consent record;
  v_class text;
  v_lead_row public.leads;
  v_org public.org_settings;
  v_email text;
  v_result jsonb := '{}'::jsonb;
  v_reply uuid;
  v_new_rows integer := 0;
  v_gold boolean;
  v_stage text;
  v_suppressed boolean := false;
  v_conversation boolean;
begin
  if p_provider is null or p_from is null or p_to is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider, the sender and the receiving address are required';
  end if;
  if p_channel is null or p_channel not in ('sms', 'whatsapp') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'channel must be sms or whatsapp';
  end if;
  if p_event_id is null or length(p_event_id) = 0 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider''s message id is required';
  end if;

  select * into v_route from brain.route_inbound_address(p_to, p_channel);
  if v_route.account_id is null then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_number');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields)
    values (p_provider, 'message:' || p_event_id, v_route.account_id, 'inbound_' || p_channel,
            nullif(p_nul_replaced_fields, '{}'::text[]))
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_route.account_id);
    end if;
  end if;

  -- The reply is never lost: an unknown sender becomes a lead.
  select * into v_lead from public.find_or_create_lead(v_route.account_id,
    pg_catalog.jsonb_build_object('source', 'inbound_' || p_channel, 'phone', p_from));
  select l.* into v_lead_row from public.leads l where l.id = v_lead.lead_id;
  select o.* into v_org from public.org_settings o where o.account_id = v_route.account_id;

  -- The consent decision (brain.classify_consent) is honoured in this transaction: the
  -- consent pre-pass's reading of this same body when it made one (p_consent), else read now.
  select c.* into v_consent
  from (select p_consent ->> 'kind' as kind, p_consent ->> 'rule' as rule, p_consent ->> 'scope' as scope,
               (p_consent ->> 'needs_review')::boolean as needs_review
        where p_consent is not null
        union all
        select k.kind, k.rule, k.scope, k.needs_review from brain.classify_consent(p_body) k
        where p_consent is null) c;
  v_keyword := v_consent.kind;
  -- START/YES from someone who has not revoked consent is simply an answer ("Yes" to an offer).
  if v_keyword = 'opt_in' then
    v_suppressed := exists (select 1 from public.suppressions s
                            where s.account_id = v_route.account_id and s.phone = v_lead_row.phone and s.lifted_at is null
                              and s.reason = 'opt_out_keyword' and s.created_at <= p_received_at)
      or coalesce((select e.event_type in ('opt_out', 'unsubscribe') from public.core_memory_events e
                   where e.lead_id = v_lead.lead_id and e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')
                   order by e.created_at desc, e.id desc limit 1), false);
  end if;
  v_conversation := v_keyword = 'none' or (v_keyword = 'opt_in' and not v_suppressed);
  v_class := case when v_conversation then brain.classify_reply(p_body, v_keyword) else 'keyword' end;

  insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address,
                                       to_address, persona, body, keyword, consent_rule, classification, received_at,
                                       nul_replaced_fields)
  values (v_route.account_id, v_lead.lead_id, p_channel, p_provider, p_event_id, p_from, p_to, v_route.persona,
          p_body, v_keyword, v_consent.rule, v_class, p_received_at, nullif(p_nul_replaced_fields, '{}'::text[]))
  returning id into v_message_id;

  -- Seed 004 Part 8: the console's bell, grouped by workspace stage.
  -- The persona number decides first; otherwise the touch the lead is answering:
  -- a reactivation touch is Retarget, a nurture campaign is Content Nurture.
  v_stage := case v_route.persona when 'nudge' then 'nudger' when 'booking' then 'book_appointment' end;
  if v_stage is null then
    select case
             when t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation' then 'retarget'
             when c.message_class in ('nurture', 'content_nurture') then 'content_nurture'
           end
      into v_stage
    from public.touch_runs t
    left join public.campaigns c on c.id = t.campaign_id and c.account_id = t.account_id
    where t.lead_id = v_lead.lead_id and t.status in ('sent', 'delivered')
    order by t.sent_at desc nulls last
    limit 1;
    v_stage := coalesce(v_stage, 'initial_message');
  end if;

  perform brain.record_event(v_route.account_id, v_lead.lead_id, 'inbound_message', 'webhook_' || p_provider, 'inbound',
    pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'keyword', v_keyword,
                                  'consent_rule', v_consent.rule, 'classification', v_class, 'persona', v_route.persona,
                                  'stage', v_stage),
    p_channel, p_received_at, 'inbound:' || p_provider || ':' || p_event_id, case when v_conversation then 3 else 0 end);

  if v_keyword = 'opt_out' then
    -- A revocation in any words (FCC 24-24): texts, WhatsApp and calls to this phone stop
    -- across the account's campaigns until START or an operator's lift; every channel,
    -- email included, when the reply says so ("stop all", "don't email me either").
    with added as (
      insert into public.suppressions (account_id, channel, phone, email, reason, source, lead_id, created_at)
      select v_route.account_id, a.channel::public.channel, a.phone, a.email, 'opt_out_keyword', 'inbound_' || p_channel,
             v_lead.lead_id, p_received_at
      from (select c as channel, v_lead_row.phone as phone, null::public.email_address as email
            from pg_catalog.unnest(array['sms', 'whatsapp', 'voice']) c
            union all select null, v_lead_row.phone, null where v_consent.scope = 'all'
            union all select null, null, v_lead_row.email where v_consent.scope = 'all' and v_lead_row.email is not null) a
      on conflict do nothing
      returning 1)
    select count(*) into v_new_rows from added;
    if p_prior_suppressions > 0 then
      -- The consent pre-pass (brain.apply_pending_consent) suppressed the phone before this
      -- drain: its rows are this message's own, so the confirmation below still goes out once.
      v_new_rows := v_new_rows + p_prior_suppressions;
      update public.suppressions set lead_id = v_lead.lead_id
      where account_id = v_route.account_id and phone = v_lead_row.phone and lifted_at is null
        and reason = 'opt_out_keyword' and lead_id is null;
    end if;
    perform brain.record_event(v_route.account_id, v_lead.lead_id, 'opt_out', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'rule', v_consent.rule, 'scope', v_consent.scope,
                                    'needs_review', v_consent.needs_review), p_channel, p_received_at);
    if v_consent.needs_review then
      -- Read from a longer sentence: honoured now, shown to a person in the console.
      update public.leads set consent_review_at = p_received_at, consent_review_rule = v_consent.rule
      where id = v_lead.lead_id;
    end if;
    v_result := brain.halt_outreach(v_lead.lead_id, 'opt_out', 'stopped', p_received_at);
    update public.call_queue set status = 'canceled', completed_at = p_received_at
    where lead_id = v_lead.lead_id and status = 'pending';
    if v_new_rows > 0 then
      v_reply := brain.queue_transactional_reply(v_route.account_id, v_lead.lead_id, p_channel, 'opt_out_confirmation',
        coalesce(v_org.business_name, 'We') || case when v_consent.scope = 'all'
          then ': you are unsubscribed from all our messages. Reply START to subscribe again.'
          else ': you are unsubscribed and will get no more texts or calls. Reply START to subscribe again.' end,
        p_received_at);
    end if;
  elsif v_keyword = 'wrong_number' then
    -- Not the lead's phone: it goes on the account's do-not-contact list for SMS,
    -- WhatsApp and voice; the lead keeps its email and its campaigns.
    with added as (
      insert into public.suppressions (account_id, channel, phone, reason, source, lead_id, created_at)
      select v_route.account_id, c::public.channel, v_lead_row.phone, 'wrong_number', 'inbound_' || p_channel,
             v_lead.lead_id, p_received_at
      from pg_catalog.unnest(array['sms', 'whatsapp', 'voice']) c
      on conflict do nothing
      returning 1)
    select count(*) into v_new_rows from added;
    update public.leads set phone_wrong_number_at = p_received_at
    where id = v_lead.lead_id and phone_wrong_number_at is null;
    perform brain.record_event(v_route.account_id, v_lead.lead_id, 'wrong_number', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'rule', v_consent.rule), p_channel, p_received_at);
    update public.touch_runs
    set status = 'canceled', error_code = 'wrong_number', error_message = 'canceled: wrong_number'
    where lead_id = v_lead.lead_id and status in ('scheduled', 'queued') and channel in ('sms', 'whatsapp', 'voice')
      and coalesce(payload -> 'meta' ->> 'transactional', 'false') <> 'true';
    update public.call_queue set status = 'canceled', completed_at = p_received_at
    where lead_id = v_lead.lead_id and status = 'pending';
    if v_new_rows > 0 then
      v_reply := brain.queue_transactional_reply(v_route.account_id, v_lead.lead_id, p_channel, 'wrong_number_confirmation',
        coalesce(v_org.business_name, 'We') || ': sorry for the mistake. This number is off our list and will get no more messages.',
        p_received_at);
    end if;
  elsif v_keyword = 'opt_in' and not v_conversation then
    update public.suppressions
    set lifted_at = p_received_at, lifted_reason = 'opt_in_keyword'
    where account_id = v_route.account_id and lifted_at is null and reason = 'opt_out_keyword'
      and (phone = v_lead_row.phone or (email = v_lead_row.email and lead_id = v_lead.lead_id));
    update public.leads set consent_review_at = null, consent_review_rule = null
    where id = v_lead.lead_id and consent_review_at is not null;
    perform brain.record_event(v_route.account_id, v_lead.lead_id, 'opt_in', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('inbound_message_id', v_message_id, 'rule', v_consent.rule), p_channel, p_received_at);
    v_reply := brain.queue_transactional_reply(v_route.account_id, v_lead.lead_id, p_channel, 'opt_in_confirmation',
      coalesce(v_org.business_name, 'We') || ': you are subscribed again. Reply STOP to unsubscribe.', p_received_at);
  elsif v_keyword = 'help' then
    v_reply := brain.queue_transactional_reply(v_route.account_id, v_lead.lead_id, p_channel, 'help_reply',
      coalesce(v_org.business_name, 'This number') || ': for help contact '
        || coalesce(v_org.contact_phone::text, v_org.contact_email::text, 'us by replying here')
        || '. Reply STOP to unsubscribe.', p_received_at);
  else
    -- A conversational reply (seed 003 §11 lead_replied): the cadence waits for a human.
    v_result := brain.halt_outreach(v_lead.lead_id, 'lead_replied', 'paused', p_received_at);
    if v_lead_row.lead_state in ('new', 'touched', 'dead') then
      perform brain.transition_lead(v_lead.lead_id, 'responded', 'inbound_reply', 'webhook_' || p_provider);
    end if;
    v_email := brain.extract_email(p_body);
    if v_email is not null then
      -- The address belongs to this sender: it becomes the lead's email when it has
      -- none and no other lead of the account uses it, otherwise an alternate
      -- address. Never a merge with another lead.
      perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
        pg_catalog.format('lead:%s:email:%s', v_route.account_id, v_email), 0));
      update public.leads l
      set email = case
            when l.email is null and not exists (
              select 1 from public.leads o
              where o.account_id = l.account_id and o.id <> l.id
                and (o.email = v_email::public.email_address or o.alternate_emails @> array[v_email::public.email_address]))
            then v_email::public.email_address else l.email end,
          alternate_emails = case
            when l.email is null and not exists (
              select 1 from public.leads o
              where o.account_id = l.account_id and o.id <> l.id
                and (o.email = v_email::public.email_address or o.alternate_emails @> array[v_email::public.email_address]))
            then l.alternate_emails
            else l.alternate_emails || v_email::public.email_address end
      where l.id = v_lead.lead_id
        and l.email is distinct from v_email::public.email_address
        and not (l.alternate_emails @> array[v_email::public.email_address]);
      select l.* into v_lead_row from public.leads l where l.id = v_lead.lead_id;
      if exists (select 1 from public.lead_state_transitions x
                 where x.from_state = v_lead_row.lead_state and x.to_state = 'email_captured') then
        perform brain.transition_lead(v_lead.lead_id, 'email_captured', 'email_in_reply', 'webhook_' || p_provider);
      end if;
    end if;
    if v_class = 'positive' then
      perform brain.record_event(v_route.account_id, v_lead.lead_id, 'reply_positive', 'webhook_' || p_provider, 'inbound',
        pg_catalog.jsonb_build_object('inbound_message_id', v_message_id), p_channel, p_received_at,
        p_score_delta => 10);
      select l.* into v_lead_row from public.leads l where l.id = v_lead.lead_id;
      if exists (select 1 from public.lead_state_transitions x
                 where x.from_state = v_lead_row.lead_state and x.to_state = 'high_intent') then
        perform brain.transition_lead(v_lead.lead_id, 'high_intent', 'positive_reply', 'webhook_' || p_provider);
      end if;
      -- Seed 004 Part 6: a gold lead (mobile phone and email) goes to the call queue.
      select l.* into v_lead_row from public.leads l where l.id = v_lead.lead_id;
      -- Nobody who opted out is called: only START lifts an opt-out.
      v_gold := v_lead_row.phone is not null and v_lead_row.phone_line_type = 'mobile' and v_lead_row.email is not null
        and v_lead_row.status <> 'suppressed'
        and not exists (select 1 from public.suppressions s
                        where s.account_id = v_route.account_id and s.lifted_at is null
                          and (s.channel is null or s.channel = 'voice')
                          and (s.lead_id = v_lead.lead_id or s.phone = v_lead_row.phone or s.email = v_lead_row.email));
      if v_gold then
        insert into public.call_queue (account_id, lead_id, priority, reason, source)
        select v_route.account_id, v_lead.lead_id, v_org.call_queue_gold_priority, 'positive_reply_gold', 'webhook_' || p_provider
        where not exists (select 1 from public.call_queue q
                          where q.lead_id = v_lead.lead_id and q.status in ('pending', 'in_progress'));
        if exists (select 1 from public.lead_state_transitions x
                   where x.from_state = v_lead_row.lead_state and x.to_state = 'in_call_queue') then
          perform brain.transition_lead(v_lead.lead_id, 'in_call_queue', 'positive_reply_gold', 'webhook_' || p_provider);
        end if;
      end if;
      perform public.assign_lead_round_robin(v_lead.lead_id, p_channel);
    elsif v_class = 'negative' then
      perform brain.record_event(v_route.account_id, v_lead.lead_id, 'reply_negative', 'webhook_' || p_provider, 'inbound',
        pg_catalog.jsonb_build_object('inbound_message_id', v_message_id), p_channel, p_received_at,
        p_score_delta => -10);
    end if;
  end if;

  perform pg_catalog.pg_notify('revenue_inbound', pg_catalog.json_build_object(
    'account_id', v_route.account_id, 'lead_id', v_lead.lead_id, 'inbound_message_id', v_message_id,
    'channel', p_channel, 'stage', v_stage, 'keyword', v_keyword, 'classification', v_class)::text);

  return pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_route.account_id, 'lead_id', v_lead.lead_id,
    'lead_created', v_lead.created, 'inbound_message_id', v_message_id, 'persona', v_route.persona,
    'keyword', v_keyword, 'consent_rule', v_consent.rule, 'classification', v_class, 'reply_touch_run_id', v_reply, 'stage', v_stage)
    || v_result;
end
$$;

--
-- Name: FUNCTION apply_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean, p_prior_suppressions integer, p_consent jsonb); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean, p_prior_suppressions integer, p_consent jsonb) IS 'The decision logic of an inbound SMS/WhatsApp message (see public.ingest_inbound_message, which calls it with p_record_receipt true). The receipts drain (brain.drain_webhook_receipts) calls it with p_record_receipt false (the receipt exists and is being processed) and p_prior_suppressions: how many suppressions the consent pre-pass already created for this message, counted as new so the opt-out confirmation goes out exactly once. A START is an opt-in only against suppressions created at or before p_received_at (a STOP received later but pre-passed first does not count). p_consent: brain.classify_consent''s row for p_body as the pre-pass read it (webhook_receipts.consent), used instead of classifying the body again; null classifies it here.';

--
-- Name: apply_message_status(text, text, text, uuid, text, text, text, timestamp with time zone, boolean); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text DEFAULT NULL::text, p_error_code text DEFAULT NULL::text, p_occurred_at timestamp with time zone DEFAULT now(), p_record_receipt boolean DEFAULT true) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_message public.outbound_messages;
  v_touch public.touch_runs;
  v_rank_old integer;
  v_rank_new integer;
  v_route jsonb;
  v_settled boolean := false;
  v_rank constant jsonb := '{"pending": 0, "unknown": 0, "sent": 1, "delivered": 2, "failed": 2, "canceled": 3}';
begin
  if p_provider is null or p_event_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the provider and the event id are required';
  end if;
  if p_status is null or p_status not in ('sent', 'delivered', 'failed') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('status must be sent, delivered or failed, not %s', coalesce(p_status, 'null'));
  end if;

  select m.* into v_message from public.outbound_messages m
  where (p_touch_run_id is not null and m.touch_run_id = p_touch_run_id)
     or (p_provider_message_id is not null and m.provider = p_provider and m.provider_message_id = p_provider_message_id)
  order by (m.touch_run_id = p_touch_run_id) desc nulls last
  limit 1;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_message');
  end if;

  if p_record_receipt then
    insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
    values (p_provider, p_event_id, v_message.account_id, 'status:' || p_status)
    on conflict do nothing;
    if not found then
      return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_message.account_id);
    end if;
  end if;

  select t.* into v_touch from public.touch_runs t where t.id = v_message.touch_run_id for update;
  -- Reports for one touch are serialized by that lock (touch, then message: the order
  -- record_touch_outcome uses); what a concurrent report wrote is read only now.
  select m.* into v_message from public.outbound_messages m where m.id = v_message.id for update;

  -- A worker that died after the provider accepted the send left it unknown: the
  -- provider's own report settles it (never a resend).
  if v_touch.status in ('unknown', 'sending') then
    perform brain.record_touch_outcome(v_touch.id, 'accepted', p_provider_message_id, p_raw_status, null, null, p_occurred_at);
    v_settled := true;
    select m.* into v_message from public.outbound_messages m where m.id = v_message.id;
    select t.* into v_touch from public.touch_runs t where t.id = v_touch.id;
  end if;

  v_rank_old := (v_rank ->> v_message.status)::integer;
  v_rank_new := (v_rank ->> p_status)::integer;
  if v_rank_new <= v_rank_old then
    -- A late "sent" never overwrites "delivered", nor a late "failed" a "delivered"
    -- (the provider's raw status is refreshed only for the same status).
    update public.outbound_messages set provider_status = coalesce(p_raw_status, provider_status)
    where id = v_message.id and p_status = v_message.status;
    return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'outcome', case when v_settled then 'recorded' else 'stale' end, 'account_id', v_message.account_id,
      'status', v_message.status, 'settled_unknown', case when v_settled then true end,
      'touch_run_id', case when v_settled then v_touch.id end));
  end if;

  update public.outbound_messages
  set status = p_status,
      provider_status = coalesce(p_raw_status, provider_status),
      provider_message_id = coalesce(provider_message_id, p_provider_message_id),
      delivered_at = case when p_status = 'delivered' then p_occurred_at else delivered_at end,
      failed_at = case when p_status = 'failed' then p_occurred_at else failed_at end,
      error_code = case when p_status = 'failed' then p_error_code else error_code end
  where id = v_message.id;

  if v_touch.id is not null and v_touch.status = 'sent' and p_status in ('delivered', 'failed') then
    update public.touch_runs
    set status = p_status,
        delivered_at = case when p_status = 'delivered' then p_occurred_at end,
        failed_at = case when p_status = 'failed' then p_occurred_at end,
        error_code = case when p_status = 'failed' then coalesce(p_error_code, 'undelivered') end,
        error_message = case when p_status = 'failed' then 'the provider reported it ' || coalesce(p_raw_status, 'failed') end
    where id = v_touch.id;
    perform brain.record_event(v_touch.account_id, v_touch.lead_id,
      case when p_status = 'delivered' then 'touch_delivered' else 'delivery_failed' end, 'webhook_' || p_provider, 'outbound',
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('touch_run_id', v_touch.id::text,
        'provider_status', p_raw_status, 'error_code', p_error_code)),
      v_touch.channel::text, p_occurred_at, 'delivery:' || v_touch.id::text);
    if p_status = 'failed' then
      -- Undelivered: the fallback plan decides what comes next (the attempt was already counted).
      v_route := brain.route_touch(v_touch.id, p_occurred_at);
    end if;
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_message.account_id, 'status', p_status,
    'touch_run_id', v_touch.id, 'route', v_route, 'settled_unknown', case when v_settled then true end));
end
$$;

--
-- Name: FUNCTION apply_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone, p_record_receipt boolean); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone, p_record_receipt boolean) IS 'The decision logic of a delivery report (see public.ingest_message_status). p_record_receipt false: the receipt exists (the receipts drain applies it).';

--
-- Name: apply_pending_consent(integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_pending_consent(p_limit integer DEFAULT 1000) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_checked integer;
  v_opt_outs integer;
  v_suppressions integer;
begin
  if p_limit is null or p_limit < 1 or p_limit > 50000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_limit must be between 1 and 50000';
  end if;
  with pending as (
    -- skip locked: a receipt the drain holds is being applied in full right now.
    select r.provider, r.idempotency_key, r.account_id, r.seq, r.payload,
           coalesce((r.payload ->> 'received_at')::timestamptz, r.received_at) as received_at
    from public.webhook_receipts r
    where r.processed_at is null and r.consent_checked_at is null and r.kind = 'inbound_message'
    -- Newest first: a STOP that just arrived is read by the next pass however long the
    -- backlog behind it; older receipts are read by later passes, or applied (consent
    -- included) by the drain in order.
    order by r.seq desc
    limit p_limit
    for update skip locked),
  classified as (
    select p.*, c.kind, c.rule, c.scope, c.needs_review
    from pending p
    cross join lateral brain.classify_consent(p.payload ->> 'body') c),
  revoked as (
    select k.*
    from classified k
    where k.kind = 'opt_out' and k.payload ->> 'from' ~ '^\+[1-9][0-9]{7,14}$'),
  first_revocation as (
    -- Several STOPs from one phone in the backlog: the first one owns the new rows.
    select distinct on (v.account_id, v.payload ->> 'from') v.*
    from revoked v
    order by v.account_id, v.payload ->> 'from', v.seq),
  added as (
    insert into public.suppressions (account_id, channel, phone, reason, source, created_at)
    select f.account_id, x.channel::public.channel, (f.payload ->> 'from')::public.e164_phone, 'opt_out_keyword',
           'inbound_' || coalesce(f.payload ->> 'channel', 'sms'), f.received_at
    from first_revocation f
    cross join lateral (select c from pg_catalog.unnest(array['sms', 'whatsapp', 'voice']) c
                        union all select null where f.scope = 'all') x(channel)
    on conflict do nothing
    returning account_id, phone),
  counted as (
    select f.provider, f.idempotency_key, count(a.phone)::integer as n
    from first_revocation f
    left join added a on a.account_id = f.account_id and a.phone::text = f.payload ->> 'from'
    group by f.provider, f.idempotency_key),
  marked as (
    update public.webhook_receipts r
    set consent_checked_at = pg_catalog.clock_timestamp(),
        consent_suppressions = coalesce(c.n, 0),
        -- The drain applies this reading instead of classifying the body again.
        consent = pg_catalog.jsonb_build_object('kind', k.kind, 'rule', k.rule, 'scope', k.scope, 'needs_review', k.needs_review)
    from classified k
    left join counted c on c.provider = k.provider and c.idempotency_key = k.idempotency_key
    where r.provider = k.provider and r.idempotency_key = k.idempotency_key and r.account_id = k.account_id
    returning c.n)
  select count(*)::integer, count(n)::integer, coalesce(sum(n), 0)::integer
  into v_checked, v_opt_outs, v_suppressions
  from marked;
  return pg_catalog.jsonb_build_object('checked', v_checked, 'opt_outs', v_opt_outs, 'suppressions', v_suppressions);
end
$_$;

--
-- Name: FUNCTION apply_pending_consent(p_limit integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_pending_consent(p_limit integer) IS 'The consent pre-pass of receipts-first ingest, set-based: reads up to p_limit waiting inbound-message receipts (newest first, so a STOP that just arrived is read by the next pass however long the backlog; skipping those a drainer holds), classifies each body with brain.classify_consent and, for a revocation (opt_out), suppresses the sender''s phone for SMS, WhatsApp and voice (and every channel for the phone when the reply names them all) at once, as the full ingest would, so a STOP takes effect before the drain reaches it. Marks each receipt consent_checked_at, keeps the reading on it (webhook_receipts.consent: {kind, rule, scope, needs_review}, which the drain applies instead of classifying the body again) and records on the first revocation of each phone how many suppressions it created (webhook_receipts.consent_suppressions), which brain.apply_inbound_message counts as its own so the confirmation goes out once. The rest (the opt_out event, halting outreach, the confirmation) is the drain''s. Returns {checked, opt_outs, suppressions}.';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: webhook_receipts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_receipts (
    provider text NOT NULL,
    idempotency_key text NOT NULL,
    account_id uuid NOT NULL,
    event_type text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    nul_replaced_fields text[],
    seq bigint NOT NULL,
    kind text,
    ordering_key text,
    payload jsonb,
    processed_at timestamp with time zone DEFAULT now(),
    outcome text,
    attempts integer DEFAULT 0 NOT NULL,
    last_error_code text,
    last_error text,
    next_attempt_at timestamp with time zone,
    failed_at timestamp with time zone,
    consent_checked_at timestamp with time zone,
    consent_suppressions integer DEFAULT 0 NOT NULL,
    drain_partition smallint GENERATED ALWAYS AS (((hashtext(COALESCE(ordering_key, ''::text)) & 15))::smallint) STORED,
    consent jsonb,
    CONSTRAINT webhook_receipts_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT webhook_receipts_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 400))),
    CONSTRAINT webhook_receipts_kind_check CHECK (((kind IS NULL) OR (kind = ANY (ARRAY['inbound_message'::text, 'message_status'::text, 'call_status'::text, 'email_event'::text, 'booking'::text])))),
    CONSTRAINT webhook_receipts_ordering_key_check CHECK (((ordering_key IS NULL) OR ((length(ordering_key) >= 1) AND (length(ordering_key) <= 400)))),
    CONSTRAINT webhook_receipts_pending_check CHECK (((processed_at IS NOT NULL) OR ((kind IS NOT NULL) AND (payload IS NOT NULL) AND (ordering_key IS NOT NULL)))),
    CONSTRAINT webhook_receipts_provider_check CHECK ((provider ~ '^[a-z][a-z0-9_]{0,39}$'::text))
);

--
-- Name: TABLE webhook_receipts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.webhook_receipts IS 'One row per distinct provider event; a replay finds its row and has no second effect. Keyed by the provider''s own id and the account the event was routed to (a provider id is routed to one account, so a replay always meets its row).';

--
-- Name: COLUMN webhook_receipts.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.provider IS 'twilio, telnyx, elastic_email, booking, ...';

--
-- Name: COLUMN webhook_receipts.idempotency_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.idempotency_key IS 'Provider''s own event id (Twilio MessageSid plus status for status callbacks; Telnyx event id).';

--
-- Name: COLUMN webhook_receipts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.account_id IS 'Account the event was routed to.';

--
-- Name: COLUMN webhook_receipts.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.event_type IS 'Provider event type.';

--
-- Name: COLUMN webhook_receipts.received_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.received_at IS 'When it was first received.';

--
-- Name: COLUMN webhook_receipts.nul_replaced_fields; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.nul_replaced_fields IS 'Fields of the provider''s request (e.g. Body, data.payload.text) in which a NUL character was replaced by U+FFFD before the event was recorded; null when none was.';

--
-- Name: COLUMN webhook_receipts.seq; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.seq IS 'Arrival order (bigserial): receipts with the same ordering_key are processed in this order.';

--
-- Name: COLUMN webhook_receipts.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.kind IS 'What the drain does with it: inbound_message, message_status, call_status, email_event or booking; null for a receipt processed when it was written (a synchronous ingest function, the voice gateway).';

--
-- Name: COLUMN webhook_receipts.ordering_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.ordering_key IS 'Receipts with the same key are processed one at a time, in seq order: the lead''s address for inbound messages (phone:+1…) and bookings (email:…), the provider''s message or call id for delivery and call reports (message:…).';

--
-- Name: COLUMN webhook_receipts.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.payload IS 'The verified, parsed request: the arguments the drain applies (provider, event_id, addresses, body, times, nul_replaced_fields) and raw, the provider''s fields as received. Null for receipts processed when they were written.';

--
-- Name: COLUMN webhook_receipts.processed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.processed_at IS 'When the drain (or the synchronous ingest function that wrote it) applied the event; null while it waits.';

--
-- Name: COLUMN webhook_receipts.outcome; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.outcome IS 'What applying it did: recorded, stale, duplicate, unknown_number, unknown_message, unknown_call, unknown_account; null while it waits.';

--
-- Name: COLUMN webhook_receipts.attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.attempts IS 'How many times the drain has tried to apply it.';

--
-- Name: COLUMN webhook_receipts.last_error_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.last_error_code IS 'SQLSTATE of the last failed attempt (e.g. 22023), null when none failed.';

--
-- Name: COLUMN webhook_receipts.last_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.last_error IS 'Message and detail of the last failed attempt; never the message body.';

--
-- Name: COLUMN webhook_receipts.next_attempt_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.next_attempt_at IS 'After a failed attempt: not retried before this time (back-off).';

--
-- Name: COLUMN webhook_receipts.failed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.failed_at IS 'Set after the fifth failed attempt: the drain stops retrying (it no longer holds up the receipts behind it). brain.retry_webhook_receipt clears it.';

--
-- Name: COLUMN webhook_receipts.consent_checked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.consent_checked_at IS 'When the consent pre-pass (brain.apply_pending_consent) read this inbound message, before the full drain.';

--
-- Name: COLUMN webhook_receipts.consent_suppressions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.consent_suppressions IS 'How many suppressions the consent pre-pass created for this message (a STOP); the drain counts them as its own, so the confirmation goes out once.';

--
-- Name: COLUMN webhook_receipts.drain_partition; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.drain_partition IS 'hashtext(ordering_key) & 15: a drainer holds a partition (advisory lock) while it processes receipts of that partition, so one key is never processed by two drainers at once.';

--
-- Name: COLUMN webhook_receipts.consent; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.consent IS 'The consent pre-pass''s reading of this inbound message''s body: brain.classify_consent''s row {kind, rule, scope, needs_review}, which the drain applies (brain.apply_inbound_message p_consent) rather than classify the same text again. Null when the pre-pass did not read it.';

--
-- Name: apply_webhook_receipt(public.webhook_receipts); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.apply_webhook_receipt(p_receipt public.webhook_receipts) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  p jsonb := p_receipt.payload;
  v_at timestamptz;
  v_nul text[];
begin
  v_nul := case when pg_catalog.jsonb_typeof(p -> 'nul_replaced_fields') = 'array'
                then array(select pg_catalog.jsonb_array_elements_text(p -> 'nul_replaced_fields')) end;
  case p_receipt.kind
    when 'inbound_message' then
      v_at := coalesce((p ->> 'received_at')::timestamptz, p_receipt.received_at);
      return brain.apply_inbound_message(p ->> 'provider', p ->> 'event_id', p ->> 'channel', p ->> 'from', p ->> 'to',
                                         coalesce(p ->> 'body', ''), v_at, v_nul, false, p_receipt.consent_suppressions,
                                         p_receipt.consent);
    when 'message_status' then
      return brain.apply_message_status(p ->> 'provider', p ->> 'event_id', p ->> 'provider_message_id',
                                        (p ->> 'touch_run_id')::uuid, p ->> 'status', p ->> 'raw_status', p ->> 'error_code',
                                        coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), false);
    when 'call_status' then
      return brain.apply_call_status(p ->> 'provider', p ->> 'event_id', p ->> 'call_id', (p ->> 'touch_run_id')::uuid,
                                     p ->> 'status', (p ->> 'duration_seconds')::integer,
                                     coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), false);
    when 'email_event' then
      return brain.apply_email_event(p ->> 'provider', p ->> 'event_id', p ->> 'event', p ->> 'to', p ->> 'transaction_id',
                                     (p ->> 'touch_run_id')::uuid, coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at),
                                     v_nul, false);
    when 'booking' then
      return brain.apply_booking(p_receipt.account_id, p ->> 'event_id', p ->> 'event', p ->> 'email', p ->> 'phone',
                                 p ->> 'first_name', p ->> 'last_name', (p ->> 'start_at')::timestamptz, p ->> 'booking_uri',
                                 coalesce((p ->> 'occurred_at')::timestamptz, p_receipt.received_at), v_nul, false);
    else
      raise exception using errcode = '22023', message = 'invalid_argument',
        detail = pg_catalog.format('a receipt of kind %s cannot be applied', coalesce(p_receipt.kind, 'null'));
  end case;
end
$$;

--
-- Name: FUNCTION apply_webhook_receipt(p_receipt public.webhook_receipts); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.apply_webhook_receipt(p_receipt public.webhook_receipts) IS 'Applies one receipt written by public.receive_webhook: its payload becomes the arguments of brain.apply_inbound_message, apply_message_status, apply_call_status, apply_email_event or apply_booking (by kind), with the receipt already recorded (p_record_receipt false) and, for an inbound message, the consent pre-pass''s reading of its body (webhook_receipts.consent, null when not read); times default to the receipt''s received_at. Returns what that function returns (outcome recorded, stale, unknown_…). Raises invalid_argument for an unknown kind. Called by brain.drain_webhook_receipts.';

--
-- Name: assert_step_content(text, integer, text, text, text, boolean); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.assert_step_content(p_campaign_key text, p_step integer, p_channel text, p_body text, p_subject text, p_campaign_active boolean) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_bad record;
  v_known text;
begin
  select f.field, p.token, p.variable, p.problem into v_bad
  from (values (1, 'body', p_body), (2, 'subject', p_subject)) as f (ord, field, text)
  cross join lateral brain.template_placeholders(f.text) p
  where p.problem is not null
  order by f.ord, p.pos nulls last
  limit 1;
  if found then
    select pg_catalog.string_agg(v.name, ', ') into v_known from public.template_variables() v;
    if v_bad.problem = 'unknown_template_variable' then
      raise exception using
        errcode = '22023',
        message = 'unknown_template_variable',
        detail = pg_catalog.format('step %s %s names {{%s}}, which is not a template variable', p_step, v_bad.field, v_bad.variable),
        hint = pg_catalog.format('known variables: %s; a default is written {{first_name|there}}', v_known);
    end if;
    raise exception using
      errcode = '22023',
      message = 'invalid_template_placeholder',
      detail = pg_catalog.format('step %s %s has %s, which is not a placeholder', p_step, v_bad.field, v_bad.token),
      hint = pg_catalog.format('write {{variable}} or {{variable|default}}; known variables: %s', v_known);
  end if;

  if not coalesce(p_campaign_active, false) then
    return;
  end if;
  -- Nothing is made up at send time: every step of a running campaign says what it
  -- sends, including a call's opening (the script the assistant is briefed with).
  if pg_catalog.btrim(coalesce(p_body, '')) = '' then
    raise exception using
      errcode = 'P0001',
      message = 'step_body_required',
      detail = pg_catalog.format('step %s (%s) of campaign %s has no %s: write it before the campaign is switched on',
                                 p_step, p_channel, p_campaign_key,
                                 case when p_channel = 'voice' then 'call script' else 'message body' end);
  end if;
  if p_channel = 'email' and pg_catalog.btrim(coalesce(p_subject, '')) = '' then
    raise exception using
      errcode = 'P0001',
      message = 'step_subject_required',
      detail = pg_catalog.format('step %s (email) of campaign %s has no subject: write it before the campaign is switched on',
                                 p_step, p_campaign_key);
  end if;
end
$$;

--
-- Name: FUNCTION assert_step_content(p_campaign_key text, p_step integer, p_channel text, p_body text, p_subject text, p_campaign_active boolean); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.assert_step_content(p_campaign_key text, p_step integer, p_channel text, p_body text, p_subject text, p_campaign_active boolean) IS 'Raises unless a campaign step''s content is sendable. Always: 22023 unknown_template_variable (detail names the step, the field and {{variable}}; hint lists public.template_variables()) or invalid_template_placeholder. When the campaign is active: P0001 step_body_required (a step on any channel without a body; for voice the body is the call script the assistant opens with) or step_subject_required (an email step without a subject).';

--
-- Name: beat_worker(text, integer, text, text[], timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.beat_worker(p_worker_id text, p_pid integer, p_host text, p_job_worker_ids text[], p_now timestamp with time zone DEFAULT now()) RETURNS void
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  insert into public.worker_heartbeats (worker_id, pid, host, job_worker_ids, started_at, beat_at)
  values (p_worker_id, p_pid, p_host, coalesce(p_job_worker_ids, '{}'), p_now, p_now)
  on conflict (worker_id) do update
    set pid = excluded.pid, host = excluded.host, job_worker_ids = excluded.job_worker_ids, beat_at = excluded.beat_at
$$;

--
-- Name: FUNCTION beat_worker(p_worker_id text, p_pid integer, p_host text, p_job_worker_ids text[], p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.beat_worker(p_worker_id text, p_pid integer, p_host text, p_job_worker_ids text[], p_now timestamp with time zone) IS 'Records a heartbeat of worker process p_worker_id (insert on its first beat, then beat_at = p_now) with its graphile-worker worker ids (job locks). Called every WORKER_HEARTBEAT_MS by each worker; brain.declare_dead_workers acts on the silent ones.';

--
-- Name: begin_reply_understanding(uuid, boolean, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_m public.inbound_messages;
  v_rule record;
  v_result jsonb;
begin
  -- The row lock makes two runs for one message (a retried job beside a slow one) take turns.
  select m.* into v_m from public.inbound_messages m where m.id = p_message_id for update;
  if not found then
    return pg_catalog.jsonb_build_object('state', 'missing');
  end if;
  if v_m.classified_at is not null then
    return pg_catalog.jsonb_build_object('state', 'classified', 'already', true)
           || brain.record_reply_sentiment(v_m.id, v_m.sentiment_tag, v_m.sentiment_source, v_m.sentiment_reason,
                                           v_m.sentiment_confidence, p_now);
  end if;

  select r.tag, r.reason into v_rule
  from brain.reply_rules(v_m.body, v_m.subject, v_m.keyword, v_m.consent_rule, v_m.auto_kind, v_m.auto_reason) r;
  if v_rule.tag is not null then
    v_result := brain.record_reply_sentiment(v_m.id, v_rule.tag, 'rules', v_rule.reason, 1, p_now);
  elsif not coalesce(p_has_key, false) then
    v_result := brain.record_reply_sentiment(v_m.id, 'Neutral', 'no_key',
      'no OpenAI key: add one in Settings → Providers (or set OPENAI_API_KEY) to classify replies the rules cannot', null, p_now);
  else
    return pg_catalog.jsonb_build_object(
      'state', 'needs_llm',
      'message', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'id', v_m.id, 'lead_id', v_m.lead_id, 'account_id', v_m.account_id, 'channel', v_m.channel::text,
        'subject', v_m.subject, 'body', pg_catalog.left(v_m.body, 4000), 'received_at', v_m.received_at)),
      'transcript', brain.reply_transcript(v_m.lead_id, v_m.received_at, 40));
  end if;
  return pg_catalog.jsonb_build_object('state', 'classified', 'already', false) || v_result;
end
$$;

--
-- Name: FUNCTION begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone) IS 'The AI stage''s first step for an inbound message (row-locked): when it is already classified, answers {state: classified, already: true, …} and classifies nothing again; when brain.reply_rules tags it (Blacklist by consent or bounce, Out of Office, Automated Reply, Not Interested, Neutral for no text), records that (source rules); without a key (p_has_key false), records Neutral (source no_key) with the reason; either way answers {state: classified, already: false, recorded, tag, source, reason, drafts_rejected, plan} (brain.record_reply_sentiment). Otherwise answers {state: needs_llm, message: {id, lead_id, account_id, channel, subject, body, received_at}, transcript: brain.reply_transcript(lead, received_at, 40)} and the caller records the model''s answer with brain.record_reply_sentiment. {state: missing} for an unknown id.';

--
-- Name: build_touch_payload(uuid, uuid, integer, text, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.build_touch_payload(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_source text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
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

--
-- Name: FUNCTION build_touch_payload(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_source text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.build_touch_payload(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_source text, p_now timestamp with time zone) IS 'Touch payload v2 (seed 002) for a lead''s campaign step on p_channel: message_class, routing (primary/current channel, the step''s fallback plan, stop_on_events, expires_at from expires_after_minutes), delivery (template key, language, subject, body, variables: brain.template_values of the lead when the touch is planned; brain.claim_touch renders with the values at send time), provider and meta (source, persona). Without a campaign it is a reactivation touch with brain.reactivation_plan.';

--
-- Name: cancel_touch(uuid, text, text, timestamp with time zone, jsonb, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.cancel_touch(p_touch_run_id uuid, p_reason text, p_message text, p_now timestamp with time zone DEFAULT now(), p_event_payload jsonb DEFAULT '{}'::jsonb, p_send_key text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_touch public.touch_runs;
begin
  update public.touch_runs
  set status = 'canceled', error_code = p_reason, error_message = p_message,
      send_key = coalesce(p_send_key, send_key)
  where id = p_touch_run_id
  returning * into v_touch;
  if not found then
    raise exception using errcode = 'P0002', message = 'touch_not_found',
      detail = pg_catalog.format('no touch_run %s to cancel', p_touch_run_id);
  end if;
  perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'touch_canceled', 'dispatch_touch', 'internal',
            pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'reason', p_reason) || coalesce(p_event_payload, '{}'::jsonb),
            v_touch.channel, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'canceled', 'reason', p_reason, 'touch_run_id', v_touch.id);
end
$$;

--
-- Name: FUNCTION cancel_touch(p_touch_run_id uuid, p_reason text, p_message text, p_now timestamp with time zone, p_event_payload jsonb, p_send_key text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.cancel_touch(p_touch_run_id uuid, p_reason text, p_message text, p_now timestamp with time zone, p_event_payload jsonb, p_send_key text) IS 'Cancels a touch that will not be sent: status canceled, error_code p_reason (stable code), error_message p_message (readable, never a message body), send_key when given (duplicate_send_key), plus a touch_canceled memory event with touch_run_id, reason and p_event_payload. Returns {"outcome": "canceled", "reason", "touch_run_id"}. Raises touch_not_found (P0002) for an unknown id.';

--
-- Name: channel_ready(uuid, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.channel_ready(p_account_id uuid, p_channel text) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  -- plpgsql keeps this plan per session; views use brain.ready_channels directly.
  return exists (select 1 from brain.ready_channels(p_account_id) r where r.channel = p_channel);
end
$$;

--
-- Name: FUNCTION channel_ready(p_account_id uuid, p_channel text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.channel_ready(p_account_id uuid, p_channel text) IS 'True when the account can send on the channel now (brain.ready_channels). Fail closed: no default provider means not ready.';

--
-- Name: claim_touch(uuid, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.claim_touch(p_touch_run_id uuid, p_worker_id text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_account_id uuid;
begin
  select t.account_id into v_account_id from public.touch_runs t where t.id = p_touch_run_id;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_found');
  end if;
  return (select r.claim from brain.claim_touch_rows(v_account_id, array[p_touch_run_id], p_worker_id, p_now) r);
end
$$;

--
-- Name: FUNCTION claim_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.claim_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) IS 'Claims a due touch for sending, in one transaction with a guarded row lock (brain.claim_touch_rows for this one touch: the same rules as a batch). Outcomes: claimed (status sending, claimed_by = p_worker_id, outbound_messages row with brain.send_key inserted; the result carries everything the driver needs and not_before, the rate-limit slot), rescheduled (outside the lead''s send window, per-sender rate limit, email daily cap: status scheduled at the new time), canceled (suppressed or channel suppressed, stop event, lead suppressed/closed/dead/archived, negative cooldown, expired, campaign off, enrollment not active, channel not ready, unreachable (no address for the channel) or phone_not_mobile (sms or whatsapp to a known landline, except a transactional reply) by brain.address_problem, always before the outbound_messages row exists, no sender, or duplicate_send_key: the intent was already sent; strict templates: missing_body for a text touch without a body or template, missing_lead_data:<variable> for a placeholder the lead has no value for and no {{variable|default}}, unknown_template_variable:<variable>; those also pause the campaign enrollment with that reason, back at the touch''s step, until public.resume_campaign_lead). Variables are brain.template_values of the lead at claim time over payload delivery.variables; a voice touch without a script is dialled with no opening line (campaign voice steps cannot be activated without one). A transactional touch (payload meta.transactional: STOP confirmation, HELP reply) skips the suppression, stop-event, lead-state, cooldown, expiry, campaign and send-window checks (channel, address, sender and send-key checks still apply) and is sent literally, not rendered as a template. unknown (the touch was found still sending and the worker that claimed it has no heartbeat row: it died mid-send; the touch is marked unknown and never re-sent blindly), skipped (not found, already final, not due yet, or in_flight: still sending by a worker that is alive in worker_heartbeats).';

--
-- Name: claim_touch_rows(uuid, uuid[], text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touch_run_id uuid, claim jsonb)
    LANGUAGE plpgsql
    SET search_path TO ''
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
  v_ids uuid[];
  v_answers jsonb := '{}'::jsonb;
  v_touch public.touch_runs;
  v_candidates uuid[] := '{}';
  v_round_ids uuid[];
  v_round integer := 0;
  v_decided jsonb;
  v_d jsonb;
  v_outcome jsonb;
  v_email_ok uuid[];
  v_group record;
  v_slots jsonb;
  v_claims jsonb;
  v_pools jsonb;
  v_verdicts text[];
  v_configs jsonb;
begin
  if p_account_id is null or p_touch_run_ids is null or pg_catalog.cardinality(p_touch_run_ids) > 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'claim_touch_rows needs an account and at most 1000 touch ids';
  end if;
  -- Each id once, in the order given.
  select coalesce(pg_catalog.array_agg(u.id order by u.n), '{}') into v_ids
  from (select x.id, min(x.n) as n from pg_catalog.unnest(p_touch_run_ids) with ordinality x(id, n)
        where x.id is not null group by x.id) u;
  if exists (select 1 from public.touch_runs t where t.id = any(v_ids) and t.account_id <> p_account_id) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'claim_touch_rows claims touches of one account: some of these touches belong to another account';
  end if;

  -- The guarded row locks, in id order (a batch already holds them; a single claim
  -- waits for a claimer that holds its touch).
  perform 1 from public.touch_runs t where t.id = any(v_ids) order by t.id for update;

  -- What the touch's own row already decides.
  for v_touch in
    select t.* from pg_catalog.unnest(v_ids) with ordinality u(id, n)
    join public.touch_runs t on t.id = u.id and t.account_id = p_account_id order by u.n
  loop
    -- A touch still "sending" while the worker that claimed it beats (a second job for the
    -- same touch) is in flight: leave it to that worker.
    if v_touch.status = 'sending' and exists (select 1 from public.worker_heartbeats h where h.worker_id = v_touch.claimed_by) then
      v_outcome := pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'in_flight', 'claimed_by', v_touch.claimed_by);
    -- Otherwise its worker died between claim and outcome: never re-send blindly.
    elsif v_touch.status = 'sending' then
      update public.touch_runs set status = 'unknown', error_code = 'worker_lost',
             error_message = 'the worker stopped between claiming and recording the outcome'
      where id = v_touch.id;
      update public.outbound_messages set status = 'unknown', error_code = 'worker_lost'
      where account_id = v_touch.account_id and send_key = v_touch.send_key and status = 'pending';
      perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'touch_outcome_unknown', 'dispatch_touch', 'internal',
        pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'send_key', v_touch.send_key, 'worker_id', p_worker_id),
        v_touch.channel::text, p_now);
      v_outcome := pg_catalog.jsonb_build_object('outcome', 'unknown', 'reason', 'worker_lost', 'touch_run_id', v_touch.id);
    elsif v_touch.status not in ('scheduled', 'queued') then
      v_outcome := pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'status_' || v_touch.status);
    elsif v_touch.scheduled_at > p_now + interval '1 second' then
      v_outcome := pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_due', 'scheduled_at', v_touch.scheduled_at);
    else
      v_candidates := v_candidates || v_touch.id;
      continue;
    end if;
    v_answers := v_answers || pg_catalog.jsonb_build_object(v_touch.id::text, v_outcome);
  end loop;

  loop
    v_round := v_round + 1;
    -- This round: the v_round-th due touch of each lead.
    select coalesce(pg_catalog.array_agg(r.id order by r.n), '{}') into v_round_ids
    from (select c.id, c.n, pg_catalog.row_number() over (partition by t.lead_id order by c.n) as k
          from pg_catalog.unnest(v_candidates) with ordinality c(id, n)
          join public.touch_runs t on t.id = c.id and t.account_id = p_account_id) r
    where r.k = v_round;
    exit when pg_catalog.cardinality(v_round_ids) = 0;

    -- The sender pools this round needs (brain.sender_pool), once per channel and persona.
    select coalesce(pg_catalog.jsonb_object_agg(x.k, pg_catalog.to_jsonb(brain.sender_pool(p_account_id, x.channel, x.persona))),
                    '{}'::jsonb)
    into v_pools
    from (select distinct pg_catalog.jsonb_build_array(t.channel, l.persona)::text as k, t.channel::text as channel, l.persona
          from pg_catalog.unnest(v_round_ids) u(id)
          cross join lateral (select t_.channel, t_.lead_id from public.touch_runs t_
                              where t_.id = u.id and t_.account_id = p_account_id offset 0) t
          left join lateral (select l_.persona from public.leads l_
                             where l_.id = t.lead_id and l_.account_id = p_account_id offset 0) l on true) x;

    -- Every fact the rules read, and the first rule that stops each touch (verdict).
    -- Each lateral step ends in offset 0 so it is computed once per touch: pulled up, every
    -- later reference to its column would repeat its whole expression.
    -- Re-check everything that may have changed since the touch was planned.
    select coalesce(pg_catalog.jsonb_agg(x.d order by x.n), '[]'::jsonb), pg_catalog.array_agg(distinct x.d ->> 'verdict')
    into v_decided, v_verdicts
    from (
      select u.n, pg_catalog.jsonb_build_object(
        'id', t.id, 'n', u.n, 'lead_id', t.lead_id, 'campaign_id', t.campaign_id, 'step', t.step, 'attempt', t.attempt,
        'channel', t.channel, 'transactional', k.transactional, 'enrollment_status', cl.status,
        'provider', coalesce(st.provider, 'sink'),
        'daily_cap', case when st.config ->> 'daily_cap' ~ '^[0-9]{1,7}$' then (st.config ->> 'daily_cap')::integer else 500 end,
        'max_per_second', case when st.config ->> 'max_per_second' ~ '^[0-9]{1,4}$' then (st.config ->> 'max_per_second')::integer else 1 end,
        'to', case when t.channel = 'email' then l.email::text else l.phone::text end,
        'persona', l.persona, 'country', l.country,
        'subject_template', t.payload -> 'delivery' ->> 'subject',
        'body_template', tpl.body_template,
        'template_name', coalesce(t.payload -> 'delivery' -> 'channel_overrides' -> t.channel ->> 'template_name',
                                  t.payload -> 'delivery' ->> 'template_key'),
        'variables', tpl.variables,
        'reason', coalesce(r1.reason, r2.reason, r4.reason),
        'window_at', w.window_at, 'send_key', s.send_key, 'sender', s.sender,
        'verdict', case
          when r1.reason is not null then 'cancel'
          when r2.reason is not null then 'cancel_template'
          when w.window_at > p_now and not k.transactional then 'window'
          when r4.reason is not null then 'cancel'
          when t.channel = 'email' then 'daily_cap'
          else 'slot'
        end) as d
      -- Every lookup is by key, per touch (offset 0 keeps each a nested-loop index probe,
      -- whatever the planner guesses about the size of the batch).
      from pg_catalog.unnest(v_round_ids) with ordinality u(id, n)
      cross join lateral (select t_.* from public.touch_runs t_ where t_.id = u.id and t_.account_id = p_account_id offset 0) t
      left join lateral (select l_.* from public.leads l_ where l_.id = t.lead_id and l_.account_id = t.account_id offset 0) l on true
      left join lateral (select o_.* from public.org_settings o_ where o_.account_id = t.account_id offset 0) o on true
      left join lateral (select ss_.* from brain.lead_suppression_status_at(p_now) ss_ where ss_.lead_id = t.lead_id) ss on true
      left join lateral (select cp_.is_active from public.campaigns cp_
                         where cp_.id = t.campaign_id and cp_.account_id = t.account_id offset 0) cp on true
      left join lateral (select cl_.status from public.campaign_leads cl_
                         where cl_.account_id = t.account_id and cl_.campaign_id = t.campaign_id and cl_.lead_id = t.lead_id
                         offset 0) cl on true
      -- Named columns: the worker may not read the provider secrets.
      left join lateral (select s_.provider, s_.config from public.account_provider_settings s_
                         where s_.account_id = t.account_id and s_.channel = t.channel and s_.is_default) st on true
      cross join lateral (
        select
          -- Carrier-required replies (STOP confirmation, HELP) go to opted-out, closed or
          -- archived leads and at any hour: the suppression, lead-state, cooldown, expiry,
          -- campaign and send-window checks are skipped; the channel, address, sender and
          -- send-key checks still apply.
          coalesce(t.payload -> 'meta' ->> 'transactional' = 'true', false) as transactional,
          private.touch_expires_at(t.payload) as expires_at,
          case when pg_catalog.jsonb_typeof(t.payload -> 'routing' -> 'stop_on_events') = 'array' then (
            select e.event_type from public.core_memory_events e
            where e.lead_id = t.lead_id
              and e.event_type in (select pg_catalog.jsonb_array_elements_text(t.payload -> 'routing' -> 'stop_on_events'))
              and e.created_at > t.created_at and e.created_at <= p_now
            order by e.created_at limit 1)
          end as stop_event
        offset 0
      ) k
      cross join lateral (
        select coalesce(case
          when k.transactional then null
          when ss.is_unsubscribed then 'suppressed'
          when t.channel = any(ss.suppressed_channels) then 'channel_suppressed'
          when ss.stop_event is not null then 'stop_event:' || ss.stop_event
          when k.stop_event is not null then 'stop_event:' || k.stop_event
          when l.lead_state in ('suppressed', 'closed') then 'lead_' || l.lead_state
          when l.status = 'archived' then 'lead_archived'
          when l.lead_state = 'dead' and t.campaign_id is not null then 'lead_dead'
          when ss.in_negative_cooldown then 'negative_cooldown'
          when k.expires_at <= p_now then 'expired'
          when t.campaign_id is not null and not coalesce(cp.is_active, false) then 'campaign_inactive'
          when t.campaign_id is not null and coalesce(cl.status, 'none') not in ('active', 'completed')
            then 'enrollment_' || coalesce(cl.status, 'none')
        end, case
          when not exists (select 1 from brain.ready_channels(t.account_id) rc where rc.channel = t.channel::text)
            then 'channel_not_ready'
          -- The address, decided here and never after the outbound row exists. A carrier-required
          -- reply answers a text the lead just sent, so that line takes texts whatever its type says.
          else brain.address_problem(t.channel::text, l.phone, l.email,
                                     case when not k.transactional then l.phone_line_type end)
        end) as reason
        offset 0
      ) r1
      -- Strict templates: the content is decided here, from the lead as it is now. A text
      -- without a body is never sent (no "Hola!"); a call without a script is dialled with
      -- no opening line, and the voice gateway briefs the assistant from the business.
      cross join lateral (
        select case when r1.reason is null then
                 coalesce(t.payload -> 'delivery' -> 'variables', '{}'::jsonb)
                 || coalesce((select tv_.template_values from brain.lead_template_values() tv_ where tv_.lead_id = t.lead_id),
                             '{}'::jsonb) end as variables,
               nullif(pg_catalog.btrim(coalesce(
                 coalesce(t.payload -> 'delivery' -> 'channel_overrides' -> t.channel ->> 'body',
                          t.payload -> 'delivery' ->> 'body', t.payload ->> 'message'), '')), '') is not null as has_body,
               coalesce(t.payload -> 'delivery' -> 'channel_overrides' -> t.channel ->> 'body',
                        t.payload -> 'delivery' ->> 'body', t.payload ->> 'message') as raw_body
        offset 0
      ) tv
      cross join lateral (
        select case when tv.has_body then tv.raw_body end as body_template, tv.variables
      ) tpl
      -- A placeholder that cannot be filled cancels the touch and pauses the enrollment.
      -- A carrier-required reply is already final text: never parsed as a template.
      cross join lateral (
        select case
          when r1.reason is not null then null
          when tpl.body_template is null and t.channel <> 'voice'
               and coalesce(t.payload -> 'delivery' -> 'channel_overrides' -> t.channel ->> 'template_name',
                            t.payload -> 'delivery' ->> 'template_key') is null then 'missing_body'
          when k.transactional then null
          else (brain.template_problems(tpl.body_template, tpl.variables)
                || brain.template_problems(t.payload -> 'delivery' ->> 'subject', tpl.variables))[1]
        end as reason
        offset 0
      ) r2
      -- Outside the lead's send window: come back when it opens.
      cross join lateral (
        select case when r1.reason is null and r2.reason is null then
          brain.window_start_at((select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z_),
                                o.send_window_start, o.send_window_end, p_now) end as window_at
        offset 0
      ) w
      -- The intent, once: a send_key that already exists means it was already sent. Then the
      -- sender (config.senders by the lead's persona, brain.touch_sender's rules; the sink needs none).
      left join lateral (select array(select pg_catalog.jsonb_array_elements_text(
                                        v_pools -> pg_catalog.jsonb_build_array(t.channel, l.persona)::text)) as pool
                         offset 0) pl on true
      cross join lateral (
        select sk.send_key,
               case when r1.reason is null and r2.reason is null then
                 coalesce(brain.pick_sender(pl.pool, l.id),
                          case when st.provider = 'sink' then 'sink' end) end as sender
        from (select brain.send_key(t.lead_id, t.campaign_id, t.step, t.channel::text, t.attempt) as send_key offset 0) sk
        offset 0
      ) s
      cross join lateral (
        select case
          when r1.reason is not null or r2.reason is not null then null
          when exists (select 1 from public.outbound_messages m where m.account_id = t.account_id and m.send_key = s.send_key)
            then 'duplicate_send_key'
          when s.sender is null and t.channel <> 'email' then 'no_sender'
        end as reason
        offset 0
      ) r4
    ) x;

    -- Cancels, each through brain.cancel_touch (its row, its touch_canceled event).
    if 'cancel' = any(v_verdicts) then
      for v_d in select d from pg_catalog.jsonb_array_elements(v_decided) d where d ->> 'verdict' = 'cancel' loop
        v_outcome := case
          when v_d ->> 'reason' = 'duplicate_send_key' then
            brain.cancel_touch((v_d ->> 'id')::uuid, 'duplicate_send_key', 'this intent was already sent', p_now, '{}'::jsonb, v_d ->> 'send_key')
          when v_d ->> 'reason' = 'no_sender' then
            brain.cancel_touch((v_d ->> 'id')::uuid, 'no_sender', 'no sender number is configured for this channel', p_now, '{}'::jsonb, null)
          else brain.cancel_touch((v_d ->> 'id')::uuid, v_d ->> 'reason', 'not sent: ' || (v_d ->> 'reason'), p_now)
        end;
        v_answers := v_answers || pg_catalog.jsonb_build_object(v_d ->> 'id', v_outcome);
      end loop;
    end if;

    -- Template problems: canceled with a readable message, and the enrollment waits for a
    -- person (fix the lead, then public.resume_campaign_lead plans this step again).
    if 'cancel_template' = any(v_verdicts) then
      for v_d in select d from pg_catalog.jsonb_array_elements(v_decided) d where d ->> 'verdict' = 'cancel_template' loop
        v_outcome := brain.cancel_touch((v_d ->> 'id')::uuid, v_d ->> 'reason',
          case when v_d ->> 'reason' = 'missing_body' then 'not sent: the touch has no message body'
               when v_d ->> 'reason' like 'missing_lead_data:%'
                 then pg_catalog.format('not sent: the lead has no %s and the template gives no default',
                                        pg_catalog.split_part(v_d ->> 'reason', ':', 2))
               else 'not sent: ' || (v_d ->> 'reason') end,
          p_now, pg_catalog.jsonb_build_object('campaign_id', (v_d ->> 'campaign_id')::uuid, 'step', (v_d ->> 'step')::integer));
        if v_d ->> 'campaign_id' is not null and v_d ->> 'enrollment_status' in ('active', 'completed') then
          update public.campaign_leads
          set status = 'paused', paused_at = p_now, stopped_at = null, stop_reason = v_d ->> 'reason',
              current_step = least(current_step, (v_d ->> 'step')::integer)
          where account_id = p_account_id and campaign_id = (v_d ->> 'campaign_id')::uuid and lead_id = (v_d ->> 'lead_id')::uuid;
          perform brain.record_event(p_account_id, (v_d ->> 'lead_id')::uuid, 'enrollment_paused', 'dispatch_touch', 'internal',
                    pg_catalog.jsonb_build_object('campaign_id', (v_d ->> 'campaign_id')::uuid, 'step', (v_d ->> 'step')::integer,
                                                  'reason', v_d ->> 'reason', 'touch_run_id', (v_d ->> 'id')::uuid), p_created_at => p_now);
        end if;
        v_answers := v_answers || pg_catalog.jsonb_build_object(v_d ->> 'id', v_outcome);
      end loop;
    end if;

    -- Outside the send window: scheduled again at its opening.
    if 'window' = any(v_verdicts) then
      with moved as (
        update public.touch_runs t set status = 'scheduled', scheduled_at = (d ->> 'window_at')::timestamptz
        from pg_catalog.jsonb_array_elements(v_decided) d
        where d ->> 'verdict' = 'window' and t.id = (d ->> 'id')::uuid
        returning t.id, t.scheduled_at
      )
      select v_answers || coalesce(pg_catalog.jsonb_object_agg(m.id::text, pg_catalog.jsonb_build_object(
               'outcome', 'rescheduled', 'reason', 'outside_send_window', 'scheduled_at', m.scheduled_at)), '{}'::jsonb)
      into v_answers from moved m;
    end if;

    -- Email: the sender's daily cap, counted one send at a time; past it, tomorrow (UTC).
    v_email_ok := '{}';
    if 'daily_cap' = any(v_verdicts) then
      for v_d in select d from pg_catalog.jsonb_array_elements(v_decided) d where d ->> 'verdict' = 'daily_cap' order by (d ->> 'n')::integer loop
        if brain.count_daily_send(p_account_id, 'email', coalesce(v_d ->> 'sender', 'default'), (v_d ->> 'daily_cap')::integer, p_now) then
          v_email_ok := v_email_ok || (v_d ->> 'id')::uuid;
        else
          update public.touch_runs set status = 'scheduled',
                 scheduled_at = ((p_now at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC'
          where id = (v_d ->> 'id')::uuid;
          v_answers := v_answers || pg_catalog.jsonb_build_object(v_d ->> 'id',
            pg_catalog.jsonb_build_object('outcome', 'rescheduled', 'reason', 'daily_cap'));
        end if;
      end loop;
    end if;

    -- Per-sender limits (config.max_per_second, 1 to 9999, default 1): a slot in the next
    -- 2.5 seconds (the worker waits for it), else come back at the slot. A channel's
    -- senders are reserved in one call (their rows locked in sender order), each
    -- sender's touches in the given order. The limiter needs the time the slot is
    -- actually taken (after waiting for the senders' row locks), not the transaction's start.
    v_slots := '{}'::jsonb;
    if 'slot' = any(v_verdicts) then
      for v_group in
        select g.channel, g.max_per_second, pg_catalog.array_agg(g.sender order by g.sender) as senders,
               pg_catalog.array_agg(pg_catalog.cardinality(g.ids) order by g.sender) as counts,
               pg_catalog.jsonb_object_agg(g.sender, g.ids) as ids
        from (select d ->> 'channel' as channel, d ->> 'sender' as sender, (d ->> 'max_per_second')::integer as max_per_second,
                     pg_catalog.array_agg(d ->> 'id' order by (d ->> 'n')::integer) as ids
              from pg_catalog.jsonb_array_elements(v_decided) d
              where d ->> 'verdict' = 'slot'
              group by 1, 2, 3) g
        group by 1, 2
        order by 1, 2
      loop
        select v_slots || pg_catalog.jsonb_object_agg(v_group.ids -> r.sender ->> (r.n - 1),
                                                      pg_catalog.jsonb_build_object('slot_at', r.slot_at, 'reserved', r.reserved))
        into v_slots
        from brain.reserve_sender_slots(p_account_id, v_group.channel, v_group.senders, v_group.counts, v_group.max_per_second,
                                        greatest(p_now, pg_catalog.clock_timestamp())) r;
      end loop;
      if v_slots @? '$.*.reserved ? (@ == false)' then
        with moved as (
          update public.touch_runs t set status = 'scheduled', scheduled_at = (v_slots -> t.id::text ->> 'slot_at')::timestamptz
          where t.id = any(select (k_)::uuid from pg_catalog.jsonb_object_keys(v_slots) k_)
            and not (v_slots -> t.id::text ->> 'reserved')::boolean
          returning t.id, t.scheduled_at
        )
        select v_answers || coalesce(pg_catalog.jsonb_object_agg(m.id::text, pg_catalog.jsonb_build_object(
                 'outcome', 'rescheduled', 'reason', 'rate_limited', 'scheduled_at', m.scheduled_at)), '{}'::jsonb)
        into v_answers from moved m;
      end if;
    end if;

    -- Claimed: the outbound row (unique send_key) and the touch's claim, in this
    -- transaction, durable before any provider call.
    continue when not ('slot' = any(v_verdicts) or pg_catalog.cardinality(v_email_ok) > 0);
    with go as (
      select d, case when d ->> 'verdict' = 'slot' then (v_slots -> (d ->> 'id') ->> 'slot_at')::timestamptz else p_now end as not_before,
             case when (d ->> 'transactional')::boolean then d ->> 'subject_template'
                  else brain.render_template(d ->> 'subject_template', d -> 'variables') end as subject,
             case when (d ->> 'transactional')::boolean then coalesce(d ->> 'body_template', '')
                  else coalesce(brain.render_template(d ->> 'body_template', d -> 'variables'), '') end as body
      from pg_catalog.jsonb_array_elements(v_decided) d
      where (d ->> 'verdict' = 'slot' and (v_slots -> (d ->> 'id') ->> 'reserved')::boolean)
         or (d ->> 'id')::uuid = any(v_email_ok)
    ), sent as (
      insert into public.outbound_messages (account_id, lead_id, touch_run_id, campaign_id, channel, send_key, provider,
                                            status, to_address, from_address, subject, body)
      select p_account_id, (g.d ->> 'lead_id')::uuid, (g.d ->> 'id')::uuid, (g.d ->> 'campaign_id')::uuid,
             (g.d ->> 'channel')::public.channel, g.d ->> 'send_key', g.d ->> 'provider', 'pending',
             g.d ->> 'to', g.d ->> 'sender', g.subject, g.body
      from go g order by (g.d ->> 'n')::integer
      on conflict (account_id, send_key) do nothing
      returning outbound_messages.touch_run_id
    )
    select pg_catalog.jsonb_object_agg(g.d ->> 'id', pg_catalog.jsonb_build_object(
             'inserted', exists (select 1 from sent s_ where s_.touch_run_id = (g.d ->> 'id')::uuid),
             'not_before', g.not_before, 'subject', g.subject, 'body', g.body))
    into v_claims from go g;
    v_claims := coalesce(v_claims, '{}'::jsonb);

    -- Lost a race with another claim of the same intent after the check above.
    if v_claims @? '$.*.inserted ? (@ == false)' then
      for v_d in select d from pg_catalog.jsonb_array_elements(v_decided) d
                 where not coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, true) loop
        v_answers := v_answers || pg_catalog.jsonb_build_object(v_d ->> 'id',
          brain.cancel_touch((v_d ->> 'id')::uuid, 'duplicate_send_key', 'this intent was already sent', p_now, '{}'::jsonb, v_d ->> 'send_key'));
      end loop;
    end if;

    update public.touch_runs t
    set status = 'sending', send_key = d ->> 'send_key', claimed_at = p_now, claimed_by = p_worker_id,
        provider = d ->> 'provider'
    from pg_catalog.jsonb_array_elements(v_decided) d
    where t.id = (d ->> 'id')::uuid and coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false);

    -- Named columns: the worker may not read the provider secrets.
    if v_configs is null then
      select coalesce(pg_catalog.jsonb_object_agg(s_.channel::text, s_.config), '{}'::jsonb) into v_configs
      from public.account_provider_settings s_ where s_.account_id = p_account_id and s_.is_default;
    end if;
    select v_answers || coalesce(pg_catalog.jsonb_object_agg(d ->> 'id', pg_catalog.jsonb_build_object(
      'outcome', 'claimed',
      'not_before', v_claims -> (d ->> 'id') -> 'not_before',
      'send', pg_catalog.jsonb_build_object(
        'touch_run_id', d -> 'id',
        'send_key', d -> 'send_key',
        'account_id', p_account_id,
        'lead_id', d -> 'lead_id',
        'campaign_id', d -> 'campaign_id',
        'step', d -> 'step',
        'attempt', d -> 'attempt',
        'channel', d -> 'channel',
        'provider', d -> 'provider',
        -- The channel's settings, read once per channel below, not carried in every decision.
        'provider_config', coalesce(v_configs -> (d ->> 'channel'), '{}'::jsonb),
        'to', d -> 'to',
        'from', d -> 'sender',
        'body', v_claims -> (d ->> 'id') -> 'body',
        'subject', v_claims -> (d ->> 'id') -> 'subject',
        'template_name', d -> 'template_name',
        'template_variables', d -> 'variables',
        'in_customer_service_window', exists (
          select 1 from public.core_memory_events e
          where e.lead_id = (d ->> 'lead_id')::uuid and e.channel = 'whatsapp' and e.direction = 'inbound'
            and e.created_at > p_now - interval '24 hours' and e.created_at <= p_now),
        'persona', d -> 'persona',
        'country', d -> 'country'))), '{}'::jsonb)
    into v_answers
    from pg_catalog.jsonb_array_elements(v_decided) d
    where coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false);
  end loop;

  return query
    select u.id, coalesce(v_answers -> u.id::text, pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_found'))
    from pg_catalog.unnest(v_ids) with ordinality u(id, n)
    order by u.n;
end
$_$;

--
-- Name: FUNCTION claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text, p_now timestamp with time zone) IS 'The claim decision for a set of touches of one account (at most 1000 ids; ids of another account are refused with invalid_argument, each id is answered once, in the order given): one row per id with brain.claim_touch''s answer, decided set-based with exactly its rules, outcomes, reasons, events and enrollment pauses (see brain.claim_touch). Rows are locked for update in id order. Touches of one lead are decided one per round in the given order, so a later touch of a lead sees what an earlier one did. Each sender''s slots are reserved under one lock (brain.reserve_sender_slots), senders in a fixed order, touches in the given order; a claimed touch is sending with claimed_by = p_worker_id and its outbound_messages row exists, in the caller''s transaction, before any provider call. brain.claim_touch is this function for one id; brain.claim_touches calls it for a batch.';

--
-- Name: claim_touches(uuid, integer, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.claim_touches(p_account_id uuid, p_limit integer DEFAULT 50, p_worker_id text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touch_run_id uuid, claim jsonb)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_id uuid;
  v_rows integer := 0;
  v_ids uuid[] := '{}';
  v_claims jsonb[] := '{}';
  v_claim jsonb;
  v_ready timestamptz;
  v_shifts jsonb;
begin
  if p_account_id is null or p_limit is null or p_limit not between 1 and 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('claim_touches needs an account and a limit from 1 to 1000, not %s', coalesce(p_limit::text, 'null'));
  end if;

  -- Batches of one account claim one at a time (each claim transaction is short; the
  -- provider calls run after it, in parallel). A batch locks several of the account's
  -- sender rate rows (brain.reserve_sender_slots) and the touches it takes; two batches
  -- at once would wait on each other's rows, or deadlock on them, each costing
  -- deadlock_timeout (1 s). Sender rows belong to one account, so this lock is enough.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('brain.claim_touches:' || p_account_id::text, 0));

  select coalesce(pg_catalog.array_agg(x.id order by x.scheduled_at, x.id), '{}') into v_ids
  from (
    select t.id, t.scheduled_at
    from public.touch_runs t
    where t.account_id = p_account_id
      and t.status in ('scheduled', 'queued')
      -- claim_touch's own tolerance: due within the next second.
      and t.scheduled_at <= p_now + interval '1 second'
    order by t.scheduled_at, t.id
    limit p_limit
    for update skip locked
  ) x;
  v_rows := pg_catalog.cardinality(v_ids);

  begin
    select coalesce(pg_catalog.array_agg(r.claim order by r.n), '{}') into v_claims
    from brain.claim_touch_rows(p_account_id, v_ids, p_worker_id, p_now) with ordinality r(touch_run_id, claim, n);
  exception when deadlock_detected or lock_not_available then
    -- A lock conflict with a single claim (or an outcome being recorded): the batch's
    -- work is undone (its rows stay locked by this transaction) and each row is claimed
    -- on its own; a row that meets the conflict again is undone alone (the touch stays
    -- due) and the next batch takes it.
    v_claims := '{}';
    foreach v_id in array v_ids loop
      begin
        select r.claim into v_claim from brain.claim_touch_rows(p_account_id, array[v_id], p_worker_id, p_now) r;
      exception when deadlock_detected or lock_not_available then
        v_claim := pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'busy');
      end;
      v_claims := v_claims || v_claim;
    end loop;
  end;

  -- No send starts before this transaction commits and the worker has the answer, and
  -- a send that starts well after its slot (the limiter's margin is 400 ms) would crowd
  -- the sender's next second. So a sender whose first slot in this batch is sooner than
  -- now plus 50 ms (the commit and the way back to the worker) has all its slots of the
  -- batch moved later by the same amount, in its log (sender_rate_state) and in
  -- not_before alike. Moving a sender's newest slots later, all by one amount, never
  -- puts more sends in any window. A sender whose slots are already that far ahead
  -- keeps them: moving every slot by the batch's whole duration made each batch start
  -- where the last one's moved slots ended, and the slots ran ahead of the clock by
  -- about 50 ms more with every batch (a quarter to three quarters of a second in bench/).
  v_ready := pg_catalog.clock_timestamp() + interval '50 milliseconds';
  select coalesce(pg_catalog.jsonb_object_agg(g.channel || ' ' || g.sender,
                    pg_catalog.jsonb_build_object('shift', v_ready - g.first_slot, 'slots', g.slots)),
                  '{}'::jsonb)
  into v_shifts
  from (select c ->> 'channel' as channel, coalesce(c ->> 'from', 'sink') as sender,
               pg_catalog.min(nb) as first_slot, pg_catalog.array_agg(nb) as slots
        from (select x -> 'send' as c, (x ->> 'not_before')::timestamptz as nb
              from pg_catalog.unnest(v_claims) x
              where x ->> 'outcome' = 'claimed' and x -> 'send' ->> 'channel' <> 'email') y
        group by 1, 2) g
  where g.first_slot < v_ready;
  if v_shifts <> '{}'::jsonb then
    -- One statement for every sender of the batch (their rows are already locked by this transaction).
    update public.sender_rate_state s
    set recent = array(select case when r = any(g.slots) then r + g.shift else r end
                       from pg_catalog.unnest(s.recent) with ordinality u(r, n) order by n)
    from (select pg_catalog.split_part(k.key, ' ', 1) as channel, pg_catalog.substr(k.key, pg_catalog.strpos(k.key, ' ') + 1) as sender,
                 (k.value ->> 'shift')::interval as shift,
                 array(select t::timestamptz from pg_catalog.jsonb_array_elements_text(k.value -> 'slots') t) as slots
          from pg_catalog.jsonb_each(v_shifts) k) g
    where s.account_id = p_account_id and s.channel = g.channel and s.sender = g.sender;
    v_claims := array(
      select case when v_shifts ? (x -> 'send' ->> 'channel' || ' ' || coalesce(x -> 'send' ->> 'from', 'sink'))
                       and x ->> 'outcome' = 'claimed' and x -> 'send' ->> 'channel' <> 'email'
                  then pg_catalog.jsonb_set(x, '{not_before}', pg_catalog.to_jsonb(
                         (x ->> 'not_before')::timestamptz
                         + (v_shifts -> (x -> 'send' ->> 'channel' || ' ' || coalesce(x -> 'send' ->> 'from', 'sink')) ->> 'shift')::interval))
                  else x end
      from pg_catalog.unnest(v_claims) with ordinality u(x, n) order by n);
  end if;

  return query select u.id, u.claim
    from rows from (pg_catalog.unnest(v_ids), pg_catalog.unnest(v_claims)) with ordinality u(id, claim, n) order by u.n;

  -- A full batch may have left more due touches: another job takes the next batch
  -- now, in parallel with this one's provider calls.
  if v_rows = p_limit then
    perform private.queue_touch_dispatch(p_account_id, p_now);
  end if;
end
$$;

--
-- Name: FUNCTION claim_touches(p_account_id uuid, p_limit integer, p_worker_id text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.claim_touches(p_account_id uuid, p_limit integer, p_worker_id text, p_now timestamp with time zone) IS 'Claims up to p_limit (1 to 1000) touches of account p_account_id that are scheduled or queued and due by p_now + 1 s, oldest first, in one transaction, one batch of an account at a time (a transaction-level advisory lock per account, so two batches never deadlock on the account''s sender rate rows): rows locked by another claimer (a single brain.claim_touch) are skipped (for update skip locked), and the batch is decided by brain.claim_touch_rows, set-based, the decision brain.claim_touch also answers through (same outcomes, same refusal reasons, same events and enrollment pauses; a claimed touch is sending with claimed_by = p_worker_id and its outbound_messages row, durable once this transaction commits, before any provider call). Returns one row per touch considered: touch_run_id and claim_touch''s answer; when the batch meets a lock conflict (deadlock or lock_not_available) its work is undone and each row is claimed on its own, and a row whose claim meets the conflict again is undone and answered skipped/busy, to be taken by the next batch. A sender whose first slot in the batch is sooner than the batch''s end plus 50 ms has all its slots of the batch moved later by that difference (sender_rate_state and not_before), so no send starts more than the limiter''s margin after its slot because of the batch; slots already that far ahead stay. When the batch is full it queues another dispatch_touches job for the account at p_now (private.queue_touch_dispatch), so the next batch runs in parallel.';

--
-- Name: classify_consent(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.classify_consent(p_text text) RETURNS TABLE(kind text, rule text, scope text, needs_review boolean)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $_$
-- plpgsql, not sql: each step is computed once and the rules stop at the first match
-- (a sql body flattened by the planner repeats the regular expressions per reference).
declare
  v_s text;
  v_whole text;
  v_core text;
  v_hit text;
begin
  v_s := ' ' || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.replace(
           pg_catalog.lower(pg_catalog.translate(coalesce(p_text, ''),
             'áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ',
             'aaaaaeeeeiiiiooooouuuuncaaaaaeeeeiiiiooooouuuunc')), '#', ' number '),
           '[^a-z0-9]+', ' ', 'g')) || ' ';
  v_whole := pg_catalog.btrim(v_s);
  v_core := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(v_s,
    '\m(please|pls|plz|por favor|porfa|porfavor|now|right now|ya|thanks|thank you|thx|ty|gracias|ok|okay)\M', ' ', 'g'),
    ' +', ' ', 'g'));
  needs_review := false;
  scope := null;

  if v_core in ('stop', 'stopall', 'stop all', 'quit', 'end', 'revoke', 'opt out', 'optout', 'cancel', 'unsubscribe',
                'unsub', 'baja', 'alto', 'cancelar') then
    kind := 'opt_out';
    rule := 'opt_out_keyword:' || v_core;
  elsif v_whole in ('start', 'unstop', 'yes', 'subscribe', 'resume') then
    kind := 'opt_in';
    rule := 'opt_in_keyword:' || v_whole;
  elsif v_whole in ('help', 'info', 'ayuda') then
    kind := 'help';
    rule := 'help_keyword:' || v_whole;
  else
    v_hit := pg_catalog.substring(v_s,
      '\m(wrong (number|num|no|person|guy|girl|lady|phone|contact|text)'
          '|not (his|her|their|the right) (number|phone|cell)'
          '|[a-z]+ s (number|phone|cell) is not this'
          '|(this is not|this isn t|this isnt|not) [a-z]+ s (number|phone|cell)'
          '|(no one|nobody|noone) (here )?(by|named|with|called) th(at|is) name'
          '|(numero|telefono|celular|cel) (equivocado|incorrecto|errado|equivocada)'
          '|equivocad[oa]s? de (numero|persona)'
          '|se equivoc[oa]n? de (numero|persona)'
          '|te equivocaste de (numero|persona)'
          '|no es (su|el|mi) numero'
          '|no conozco a (ningun|ninguna|nadie)'
          '|no soy (?!(de|yo|el que|la que|quien|interesad[oa]|la persona que|el mismo)\M)[a-z]+)\M');
    if v_hit is not null then
      kind := 'wrong_number';
      rule := 'wrong_number:' || v_hit;
      scope := 'phone';
    else
      v_hit := pg_catalog.substring(v_s,
        '\m(remove me|remove my (number|name|info)|take me off|take my (number|name) off'
          '|(do not|don t|dont|pls dont|never|stop) (ever )?(text|txt|call|contact|message|msg|email|e mail|bother|sms|whatsapp|ring) me'
          '|stop all( messages| texts| calls)?|leave me alone|no more (texts|text|txts|messages|msgs|calls|emails)'
          '|stop (texting|txting|calling|messaging|contacting|sending|emailing|bothering)'
          '|opt me out|opt out|optout|unsubscribe|unsub|revoke|revoking'
          '|(lose|delete|erase) my (number|info|contact)|do not disturb)\M');
      rule := 'en_phrase:' || v_hit;
      if v_hit is null then
        v_hit := pg_catalog.substring(v_s,
          '\m(no me (vuelvas a |vuelvan a |vuelva a |sigas |sigan |siga )?(escribas|escriban|escriba|escribir|escribiendo|llames|llamen|llame|llamar|llamando|contactes|contacten|contacte|contactar|contactando|mandes|manden|mande|mandar|mandando|envies|envien|envie|enviar|enviando|textees|molestes|molesten|moleste|molestar|molestando)'
            '|(quitame|quitenme|quiteme|sacame|saquenme|saqueme|borrame|borrenme|borreme|eliminame|eliminenme|elimineme) de (la|su|tu|sus|tus|esta|esa|aqui|ahi)( lista| listas| base)?'
            '|(deja|dejen|deje|dejes|dejar|para|paren|pare|pares) de (escribir|llamar|mandar|enviar|contactar|molestar|textear)(me|nos)?'
            '|no quiero que me (escribas|escriban|llames|llamen|contactes|contacten|mandes|manden|molestes|molesten)'
            '|(?<=^ )(quitame|quitenme|sacame|saquenme|borrame|borrenme|eliminame|eliminenme)(?= $)'
            '|no molestar|(dar|darme|darnos|dame|denme|deme|doy) de baja'
            '|ya basta|basta ya|no quiero (mas|recibir) (mensajes|llamadas|textos|msj)|no mas (mensajes|llamadas|textos))\M');
        rule := 'es_phrase:' || v_hit;
      end if;
      if v_hit is null then
        v_hit := pg_catalog.substring(pg_catalog.regexp_replace(v_s,
            '\m(stop (by|in|over|past)|(bus|pit|one|truck|rest|last|first|next) stop|non stop|stop (light|sign)'
              '|end of|the end|end up|(high|low|back|front|rear|dead|week|this|that|an|a|my|your|our|far|other) end)\M', ' ', 'g'),
          '\m(stopall|stop|quit|end|cancel)\M');
        rule := 'fcc_word:' || v_hit;
        needs_review := v_hit is not null;
      end if;
      if v_hit is null then
        v_hit := pg_catalog.substring(pg_catalog.regexp_replace(v_s,
            '\m((muy|mas|tan|demasiado|bastante|algo|poco|precio|es|esta|son|estan|un|el|lo|en|que|mucho|palo|suzuki|punto|pasa|pase|siga) alto'
              '|alto (precio|kilometraje|millaje|de gama|rendimiento)'
              '|(mas|muy|tan|planta|precio|temporada|se|si|cuanto|lo|que|de) baja'
              '|baja (california|el|de|del|un|su|mucho|mas|precio|los|las))\M', ' ', 'g'),
          '\m(baja|alto|cancelar)\M');
        rule := 'es_word:' || v_hit;
        needs_review := v_hit is not null;
      end if;
      kind := case when v_hit is null then 'none' else 'opt_out' end;
    end if;
  end if;

  if kind = 'opt_out' then
    scope := case when v_s ~ ('\m(stopall|stop all|unsubscribe (me )?(from )?(all|everything)|all (channels|messages|communications|contact)'
                             '|everything|(don t|do not|dont|no more|stop|never) (email|emails|emailing|e mail|e mailing)'
                             '|(email|emails|e mail|correo|correos) (too|either|tambien)|de todo|todas las listas'
                             '|ni (por )?(correo|correos|email|emails)|(ningun|ninguna) (medio|canal))\M')
                  then 'all' else 'phone' end;
  end if;
  return next;
end
$_$;

--
-- Name: FUNCTION classify_consent(p_text text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.classify_consent(p_text text) IS 'The consent decision for an inbound reply (FCC 24-24; English and Spanish). kind: opt_out (a revocation word or phrase anywhere: stop, quit, end, revoke, opt out, cancel, unsubscribe; remove me, take me off, do not / don''t text|call|contact|message me, leave me alone, no more texts; baja, alto, no me escribas|llames|contactes|mandes, quítame|sácame de la lista, no molestar, cancelar, darme de baja), opt_in (the whole message is START, UNSTOP, YES, SUBSCRIBE or RESUME), help (HELP, INFO, AYUDA), wrong_number ("wrong number", "número equivocado", "no soy <name>", ...) or none. rule: which rule matched and the words, e.g. opt_out_keyword:stop, en_phrase:stop texting, es_phrase:no me escribas, fcc_word:end, wrong_number:numero equivocado (null for none). scope: all (the reply names every channel or email: stop all, don''t email me, de todo) or phone (SMS, WhatsApp, voice) for opt_out; phone for wrong_number; null otherwise. needs_review: a revocation word read from a longer sentence (fcc_word, es_word): honoured anyway, a person should look. Case, accents and punctuation are ignored; benign uses are not revocations (stop by, bus stop, end of the month, the end, precio muy alto, baja el precio, Baja California).';

--
-- Name: classify_keyword(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.classify_keyword(p_text text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
begin
  return (select c.kind from brain.classify_consent(p_text) c);
end
$$;

--
-- Name: FUNCTION classify_keyword(p_text text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.classify_keyword(p_text text) IS 'The kind of brain.classify_consent(p_text): opt_out, opt_in, help, wrong_number or none. A revocation word or phrase anywhere in the message is opt_out ("stop calling me", "No me escribas más"); opt_in and help only when the whole message is the keyword. See brain.classify_consent for the rule that matched.';

--
-- Name: classify_reply(text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.classify_reply(p_text text, p_consent_kind text DEFAULT NULL::text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
  with t as (
    select ' ' || pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_text, '')), '[^[:alnum:]áéíóúñü ]+', ' ', 'g') || ' ' as s,
           coalesce(p_consent_kind, (select c.kind from brain.classify_consent(p_text) c)) as consent
  )
  select case
    when consent in ('opt_out', 'wrong_number')
      then 'negative'
    when s ~ ' (not interested|no me interesa|no gracias|no thanks|no thank you|ya lo vendi|ya lo vendí|already sold|sold it|no estoy interesad[oa]) '
      then 'negative'
    when s ~ '^ *(no|nope|nah) *$'
      then 'negative'
    when s ~ ' (yes|yeah|yep|sure|ok|okay|interested|call me|give me a call|sounds good|let s talk|lets talk|how much|available|si|sí|claro|me interesa|interesad[oa]|llamame|llámame|llamenme|llámenme|cuanto|cuánto|dale|de acuerdo|perfecto|todavia lo tengo|todavía lo tengo|still have it|still available) '
      then 'positive'
    else 'neutral'
  end
  from t
$_$;

--
-- Name: FUNCTION classify_reply(p_text text, p_consent_kind text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.classify_reply(p_text text, p_consent_kind text) IS 'Rule-based sentiment of a reply, English and Spanish: negative (a revocation or wrong number by brain.classify_consent, not interested, no gracias, already sold, a bare no, ...), positive (yes, interested, call me, me interesa, llámame, sí, ...), else neutral. Negative wins over positive. p_consent_kind: the kind brain.classify_consent gives this same text, when the caller already has it (it must be that, not another text''s); null (the default) classifies it here.';

--
-- Name: count_daily_send(uuid, text, text, integer, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.count_daily_send(p_account_id uuid, p_channel text, p_sender text, p_cap integer, p_now timestamp with time zone) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_day date := (p_now at time zone 'UTC')::date;
  v_sent integer;
begin
  insert into public.sender_daily_counts (account_id, channel, sender, day, sent)
  values (p_account_id, p_channel, p_sender, v_day, 0)
  on conflict (account_id, channel, sender, day) do nothing;
  update public.sender_daily_counts c set sent = c.sent + 1
  where c.account_id = p_account_id and c.channel = p_channel and c.sender = p_sender and c.day = v_day
    and c.sent < p_cap
  returning c.sent into v_sent;
  return v_sent is not null;
end
$$;

--
-- Name: FUNCTION count_daily_send(p_account_id uuid, p_channel text, p_sender text, p_cap integer, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.count_daily_send(p_account_id uuid, p_channel text, p_sender text, p_cap integer, p_now timestamp with time zone) IS 'Counts one send for the sender''s UTC day and returns true, or returns false without counting when the day already reached p_cap (the email per-inbox daily cap).';

--
-- Name: declare_dead_workers(interval, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.declare_dead_workers(p_dead_after interval DEFAULT '00:01:00'::interval, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(worker_id text, silent_s numeric, jobs_unlocked integer, touches_unknown integer)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_dead public.worker_heartbeats;
  v_jobs integer;
  v_touches integer;
  v_any boolean := false;
begin
  for v_dead in
    select h.* from public.worker_heartbeats h
    where h.beat_at <= p_now - p_dead_after
    order by h.beat_at
    for update skip locked
  loop
    select pg_catalog.count(*)::integer into v_jobs
    from graphile_worker.jobs j where j.locked_by = any(v_dead.job_worker_ids);
    if pg_catalog.cardinality(v_dead.job_worker_ids) > 0 then
      perform graphile_worker.force_unlock_workers(v_dead.job_worker_ids);
    end if;

    with lost as (
      update public.touch_runs t
      set status = 'unknown', error_code = 'worker_dead',
          error_message = 'the worker was declared dead (no heartbeat) between claiming and recording the outcome'
      where t.status = 'sending' and t.claimed_by = v_dead.worker_id
      returning t.id, t.account_id, t.lead_id, t.channel, t.send_key
    ), outbound as (
      update public.outbound_messages m set status = 'unknown', error_code = 'worker_dead'
      from lost l where m.account_id = l.account_id and m.send_key = l.send_key and m.status = 'pending'
      returning m.id
    ), logged as (
      select pg_catalog.count(brain.record_event(l.account_id, l.lead_id, 'touch_outcome_unknown', 'reconcile', 'internal',
               pg_catalog.jsonb_build_object('touch_run_id', l.id, 'send_key', l.send_key, 'reason', 'worker_dead',
                                             'worker_id', v_dead.worker_id),
               l.channel::text, p_now)) as n
      from lost l
    )
    select (select pg_catalog.count(*)::integer from lost) into v_touches from logged;

    delete from public.worker_heartbeats h where h.worker_id = v_dead.worker_id;
    v_any := v_any or v_touches > 0;

    worker_id := v_dead.worker_id;
    silent_s := pg_catalog.round(extract(epoch from p_now - v_dead.beat_at)::numeric, 1);
    jobs_unlocked := v_jobs;
    touches_unknown := v_touches;
    return next;
  end loop;

  -- Its in-doubt touches are asked about in 10 s (brain.unknown_touches: a dead worker's
  -- touch claimed 10 s ago), not at the next crontab tick.
  if v_any then
    perform graphile_worker.add_job('reconcile_unknown_touches', '{}'::json,
                                    job_key => 'reconcile_unknown_touches', run_at => p_now + interval '10 seconds');
  end if;
end
$$;

--
-- Name: FUNCTION declare_dead_workers(p_dead_after interval, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.declare_dead_workers(p_dead_after interval, p_now timestamp with time zone) IS 'Declares dead every worker process whose last heartbeat (worker_heartbeats.beat_at) is p_dead_after (60 s) or more before p_now: unlocks its graphile-worker jobs with graphile_worker.force_unlock_workers(its job_worker_ids) so live workers run them now rather than after graphile-worker''s 4-hour lock timeout, marks the touches it claimed and left sending as unknown (error_code worker_dead, memory event touch_outcome_unknown with reason worker_dead), removes its heartbeat row, and queues reconcile_unknown_touches 10 seconds later (brain.unknown_touches lists worker_dead touches claimed 10 s ago) when any touch became unknown. Rows locked by a concurrent caller are skipped, so a worker is declared once. Returns one row per declared worker: worker_id, silent_s, jobs_unlocked, touches_unknown.';

--
-- Name: drain_webhook_receipts(integer, integer, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.drain_webhook_receipts(p_limit integer DEFAULT 500, p_partitions integer DEFAULT 16, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_lock_class constant integer := pg_catalog.hashtext('brain.drain_webhook_receipts');
  v_part integer;
  v_parts integer[] := '{}';
  v_batch public.webhook_receipts[];
  v_receipt public.webhook_receipts;
  v_result jsonb;
  v_messages uuid[] := '{}';
  v_outcomes text[] := '{}';
  v_applied_at timestamptz[] := '{}';
  v_scored integer := 0;
  v_processed integer := 0;
  v_failed integer := 0;
  v_slow boolean := false;
  v_code text;
  v_message text;
  v_detail text;
begin
  if p_limit is null or p_limit < 1 or p_limit > 5000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_limit must be between 1 and 5000';
  end if;
  if p_partitions is null or p_partitions < 1 or p_partitions > 16 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_partitions must be between 1 and 16';
  end if;

  -- A drainer owns the partitions it locks until it commits: the receipts of one
  -- ordering key (one partition) are never applied by two drainers at once. The
  -- partitions with the oldest waiting receipt are tried first.
  for v_part in
    select p.n
    from pg_catalog.generate_series(0, 15) p(n)
    cross join lateral (select min(r.seq) as oldest from public.webhook_receipts r
                        where r.drain_partition = p.n and r.processed_at is null and r.failed_at is null
                          and (r.next_attempt_at is null or r.next_attempt_at <= p_now)) o
    where o.oldest is not null
    order by o.oldest
  loop
    if pg_catalog.pg_try_advisory_xact_lock(v_lock_class, v_part) then
      v_parts := v_parts || v_part;
      exit when pg_catalog.cardinality(v_parts) >= p_partitions;
    end if;
  end loop;
  if pg_catalog.cardinality(v_parts) = 0 then
    return pg_catalog.jsonb_build_object('claimed', 0, 'processed', 0, 'failed', 0, 'partitions', 0);
  end if;

  -- for update without skip locked: the partition lock already keeps other drainers out,
  -- and skipping a row the consent pre-pass holds for a moment would let a later
  -- receipt of the same lead go first.
  select array_agg(c order by c.seq) into v_batch
  from (select r.* from public.webhook_receipts r
        where r.drain_partition = any (v_parts) and r.processed_at is null and r.failed_at is null
          and (r.next_attempt_at is null or r.next_attempt_at <= p_now)
        order by r.seq
        limit p_limit
        for update) c;
  if v_batch is null then
    return pg_catalog.jsonb_build_object('claimed', 0, 'processed', 0, 'failed', 0, 'partitions', pg_catalog.cardinality(v_parts));
  end if;

  -- The inbound_messages trigger leaves the AI stage's jobs to us: one add_jobs per batch.
  perform pg_catalog.set_config('revenue.defer_post_process', 'on', true);
  -- The priority-score triggers only note the leads they would score; each is scored
  -- once, after the batch (brain.score_leads), from its final state and events.
  perform pg_catalog.set_config('revenue.defer_priority_score', 'on', true);
  perform private.take_deferred_scoring();

  -- Fast path: the whole batch in one subtransaction, the receipts marked processed with
  -- one update at its end. If any receipt raises, it is all undone and the batch is
  -- applied again one receipt per subtransaction, so the failing ones are recorded and
  -- the others go through.
  begin
    foreach v_receipt in array v_batch loop
      v_result := brain.apply_webhook_receipt(v_receipt);
      v_outcomes := v_outcomes || (v_result ->> 'outcome');
      v_applied_at := v_applied_at || pg_catalog.clock_timestamp();
      if v_result ? 'inbound_message_id' then
        v_messages := v_messages || (v_result ->> 'inbound_message_id')::uuid;
      end if;
    end loop;
    update public.webhook_receipts r
    set processed_at = a.applied_at, outcome = a.outcome, attempts = r.attempts + 1, next_attempt_at = null
    from pg_catalog.unnest(v_batch) with ordinality b
    join rows from (pg_catalog.unnest(v_outcomes), pg_catalog.unnest(v_applied_at)) with ordinality a(outcome, applied_at, n)
      on a.n = b.ordinality
    where r.provider = b.provider and r.idempotency_key = b.idempotency_key and r.account_id = b.account_id;
    v_processed := pg_catalog.cardinality(v_batch);
  exception when others then
    v_slow := true;
  end;

  if v_slow then
    v_messages := '{}';
    v_processed := 0;
    foreach v_receipt in array v_batch loop
      begin
        v_result := brain.apply_webhook_receipt(v_receipt);
        update public.webhook_receipts
        set processed_at = pg_catalog.clock_timestamp(), outcome = v_result ->> 'outcome', attempts = attempts + 1,
            next_attempt_at = null
        where provider = v_receipt.provider and idempotency_key = v_receipt.idempotency_key
          and account_id = v_receipt.account_id;
        if v_result ? 'inbound_message_id' then
          v_messages := v_messages || (v_result ->> 'inbound_message_id')::uuid;
        end if;
        v_processed := v_processed + 1;
      exception when others then
        get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
        update public.webhook_receipts
        set attempts = attempts + 1,
            last_error_code = v_code,
            last_error = pg_catalog.left(v_message || coalesce(': ' || nullif(v_detail, ''), ''), 500),
            next_attempt_at = pg_catalog.clock_timestamp()
                              + pg_catalog.make_interval(secs => least(300, pg_catalog.power(2, attempts + 1)::integer)),
            failed_at = case when attempts + 1 >= 5 then pg_catalog.clock_timestamp() end
        where provider = v_receipt.provider and idempotency_key = v_receipt.idempotency_key
          and account_id = v_receipt.account_id;
        v_failed := v_failed + 1;
      end;
    end loop;
  end if;

  perform pg_catalog.set_config('revenue.defer_post_process', 'off', true);
  perform pg_catalog.set_config('revenue.defer_priority_score', 'off', true);
  v_scored := brain.score_leads(private.take_deferred_scoring());
  if pg_catalog.cardinality(v_messages) > 0 then
    perform graphile_worker.add_jobs(array(
      select row('inbound_post_process', pg_catalog.json_build_object('inbound_message_id', m.id), null, null,
                 5, 'inbound_post_process:' || m.id::text, null, null)::graphile_worker.job_spec
      from pg_catalog.unnest(v_messages) m(id)));
  end if;

  return pg_catalog.jsonb_build_object('claimed', pg_catalog.cardinality(v_batch), 'processed', v_processed,
                                       'failed', v_failed, 'partitions', pg_catalog.cardinality(v_parts),
                                       'post_process_jobs', pg_catalog.cardinality(v_messages), 'leads_scored', v_scored,
                                       'one_by_one', v_slow);
end
$$;

--
-- Name: FUNCTION drain_webhook_receipts(p_limit integer, p_partitions integer, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.drain_webhook_receipts(p_limit integer, p_partitions integer, p_now timestamp with time zone) IS 'The receipts drain of receipts-first ingest: locks up to p_partitions of the 16 drain partitions (pg_try_advisory_xact_lock; partitions held by another drainer are left to it, those with the oldest waiting receipt first), takes their waiting receipts (not failed, not backing off at p_now) oldest first, at most p_limit, and applies each (brain.apply_webhook_receipt) in seq order, setting processed_at and outcome in this same transaction: a crash rolls the batch back and it is drained again, never twice. A receipt that raises is rolled back alone and keeps its error (last_error_code, last_error), attempts + 1 and a back-off (next_attempt_at, 2^attempts s up to 300 s); after 5 attempts failed_at stops the retries (brain.retry_webhook_receipt restarts them); the receipts behind it go on. The batch is first applied whole in one subtransaction and marked processed with one update; only when a receipt raises is it undone and applied again one receipt per subtransaction. The AI stage''s inbound_post_process jobs of the batch are queued with one graphile_worker.add_jobs, and the leads whose priority_score the batch changed are scored once at its end (brain.score_leads; the triggers only note them while revenue.defer_priority_score is on). Returns {claimed, processed, failed, partitions, post_process_jobs, leads_scored, one_by_one: whether the batch fell back to one receipt per subtransaction}.';

--
-- Name: extract_email(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.extract_email(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select pg_catalog.lower((pg_catalog.regexp_match(coalesce(p_text, ''), '([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})'))[1])
$$;

--
-- Name: FUNCTION extract_email(p_text text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.extract_email(p_text text) IS 'The first email address written in a message, lower-cased; null when there is none.';

--
-- Name: fallback_plan(uuid, uuid, uuid, integer, jsonb, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.fallback_plan(p_account_id uuid, p_lead_id uuid, p_campaign_id uuid, p_step integer, p_fallback jsonb, p_now timestamp with time zone) RETURNS TABLE(channel text, pos bigint, attempts_allowed integer, cooldown_minutes integer, attempts_done bigint, last_attempt_at timestamp with time zone, ready boolean, reachable boolean)
    LANGUAGE sql STABLE
    AS $_$
  select
    o.channel,
    o.pos,
    case when p_fallback -> 'max_attempts' ->> o.channel ~ '^[0-9]{1,9}$'
         then least((p_fallback -> 'max_attempts' ->> o.channel)::integer, 100) else 1 end,
    case when p_fallback -> 'cooldown_minutes' ->> o.channel ~ '^[0-9]{1,9}$'
         then least((p_fallback -> 'cooldown_minutes' ->> o.channel)::integer, 525600) else 0 end,
    coalesce(a.attempts_done, 0),
    a.last_attempt_at,
    o.channel in (select r.channel from brain.ready_channels(p_account_id) r),
    brain.lead_reachable(o.channel, l.phone, l.email)
  from pg_catalog.jsonb_array_elements_text(
         case when pg_catalog.jsonb_typeof(p_fallback -> 'order') = 'array' then p_fallback -> 'order' else '[]'::jsonb end
       ) with ordinality as o(channel, pos)
  join public.leads l on l.id = p_lead_id and l.account_id = p_account_id
  left join brain.lead_channel_attempts_at(p_now) a
    on a.lead_id = p_lead_id
   and a.campaign_id is not distinct from p_campaign_id
   and a.step = p_step
   and a.channel = o.channel
$_$;

--
-- Name: FUNCTION fallback_plan(p_account_id uuid, p_lead_id uuid, p_campaign_id uuid, p_step integer, p_fallback jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.fallback_plan(p_account_id uuid, p_lead_id uuid, p_campaign_id uuid, p_step integer, p_fallback jsonb, p_now timestamp with time zone) IS 'Expands a payload v2 routing.fallback into one row per channel of its order: attempts allowed (max_attempts: a whole number, at most 100 (touch_runs.attempt''s limit); default 1), cooldown (cooldown_minutes: a whole number, at most a year; default 0), attempts done and last attempt (v_lead_channel_attempts as of p_now), provider readiness and whether the lead has the address the channel needs.';

--
-- Name: finish_lead_import(uuid, integer, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_import public.lead_imports;
begin
  if p_import_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_import_id is required';
  end if;
  select i.* into v_import from public.lead_imports i where i.id = p_import_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_import_not_found',
      detail = pg_catalog.format('no lead import %s', p_import_id);
  end if;
  -- Already ended (a retried job): nothing changes.
  if v_import.status in ('done', 'failed') then
    return v_import.status;
  end if;

  if nullif(pg_catalog.btrim(p_error), '') is not null then
    update public.lead_imports i set
      status = 'failed',
      error = pg_catalog.left(pg_catalog.btrim(p_error), 1000),
      content = null,
      finished_at = p_now,
      started_at = coalesce(i.started_at, p_now)
    where i.id = p_import_id;
    return 'failed';
  end if;

  if p_rows_total is null or p_rows_total not between 0 and 200000
     or (v_import.rows_total is not null and v_import.rows_total <> p_rows_total) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('rows_total %s does not match the %s recorded for this import (limit 200000)',
                                 p_rows_total, v_import.rows_total);
  end if;
  if v_import.rows_done <> p_rows_total then
    raise exception using errcode = '22023', message = 'lead_import_incomplete',
      detail = pg_catalog.format('%s of %s rows have been processed', v_import.rows_done, p_rows_total);
  end if;
  update public.lead_imports i set
    status = 'done',
    rows_total = p_rows_total,
    content = null,
    finished_at = p_now,
    started_at = coalesce(i.started_at, p_now)
  where i.id = p_import_id;
  return 'done';
end
$$;

--
-- Name: FUNCTION finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text, p_now timestamp with time zone) IS 'Ends a lead import and returns its status. With p_error (a sentence for the operator, e.g. the file has too many rows): failed, error = p_error. Without: done, which requires every one of p_rows_total rows to have been processed (rows_done = p_rows_total; 0 for a file with only a header). Either way the stored file is cleared and finished_at = p_now. An import already done or failed is left as it is (a retried job). Errors: 22023 lead_import_incomplete (rows remain) or invalid_argument (rows_total differs from the recorded one); P0002 lead_import_not_found.';

--
-- Name: fold_text(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.fold_text(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
    pg_catalog.translate(pg_catalog.lower(p_text),
      'áàäâãåāéèëêēíìïîīóòöôõøōúùüûūñçýÿ',
      'aaaaaaaeeeeeiiiiiooooooouuuuuncyy'),
    'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')
$$;

--
-- Name: FUNCTION fold_text(p_text text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.fold_text(p_text text) IS 'Lower case with Latin accents removed (á → a, ñ → n, ç → c, ß → ss, æ → ae, œ → oe): the folding every name match uses, so "São Paulo", "sao paulo" and "SAO PAULO" compare equal. Null in, null out.';

--
-- Name: halt_outreach(uuid, text, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_touches integer;
  v_timers integer;
  v_enrollments integer;
begin
  if p_lead_id is null or p_reason is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the lead and the reason are required';
  end if;
  if p_enrollment_status is null or p_enrollment_status not in ('paused', 'stopped') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'p_enrollment_status must be paused or stopped';
  end if;
  update public.touch_runs
  set status = 'canceled', error_code = p_reason, error_message = 'canceled: ' || p_reason
  where lead_id = p_lead_id and status in ('scheduled', 'queued')
    and coalesce(payload -> 'meta' ->> 'transactional', 'false') <> 'true';
  get diagnostics v_touches = row_count;
  update public.lead_timers
  set cancelled_at = p_now, last_error = p_reason
  where lead_id = p_lead_id and timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D')
    and executed_at is null and cancelled_at is null;
  get diagnostics v_timers = row_count;
  update public.campaign_leads
  set status = p_enrollment_status,
      paused_at = case when p_enrollment_status = 'paused' then p_now else paused_at end,
      stopped_at = case when p_enrollment_status = 'stopped' then p_now else stopped_at end,
      stop_reason = p_reason
  where lead_id = p_lead_id and status = 'active'
     or (lead_id = p_lead_id and p_enrollment_status = 'stopped' and status = 'paused');
  get diagnostics v_enrollments = row_count;
  return pg_catalog.jsonb_build_object('touches_canceled', v_touches, 'timers_cancelled', v_timers,
                                       'enrollments_' || p_enrollment_status, v_enrollments);
end
$$;

--
-- Name: FUNCTION halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone) IS 'Stops what is under way for a lead: cancels its scheduled and queued touches (not transactional replies), cancels its TIMER_7D/14D/30D timers, and pauses (a reply) or stops (opt-out, booking) its active enrollments, recording p_reason. Returns the counts.';

--
-- Name: is_within_send_window(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.is_within_send_window(p_lead_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
  select brain.next_send_window_start(p_lead_id, p_now) = p_now
$$;

--
-- Name: FUNCTION is_within_send_window(p_lead_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.is_within_send_window(p_lead_id uuid, p_now timestamp with time zone) IS 'True when p_now is inside the account''s send window in the lead''s local time (start inclusive, end exclusive). Null when the lead is not visible.';

--
-- Name: issue_account_invite_token(uuid, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, account_name text, email text, role text, invited_by_name text, expires_at timestamp with time zone, provider text, from_address text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
begin
  if coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = '22023', message = 'invalid_token_hash', detail = 'the token hash must be 64 hex characters';
  end if;
  return query
    with inv as (
      update public.account_invites i set token_hash = p_token_hash
      where i.id = p_invite_id and i.delivery = 'email' and i.emailed_at is null
        and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now
      returning i.*
    )
    select inv.account_id, a.name, inv.email::text, inv.role, coalesce(u.display_name, u.email::text),
           inv.expires_at, r.provider, nullif(s.config #>> '{senders,0,address}', '')
    from inv
    join public.accounts a on a.id = inv.account_id
    join brain.ready_channels(inv.account_id) r on r.channel = 'email'
    join public.account_provider_settings s on s.account_id = inv.account_id and s.channel = 'email' and s.is_default
    left join public.users u on u.id = inv.invited_by;
end
$_$;

--
-- Name: FUNCTION issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone) IS 'For the send_account_invite job: when the invite is open, to be emailed and not yet emailed, stores the SHA-256 (hex) of the token the worker minted (a retry replaces it) and returns the account, invited email, role, inviter''s name, expiry and the account''s ready email provider and sender. No row otherwise (nothing to send).';

--
-- Name: lead_channel_attempts_at(timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_channel_attempts_at(p_now timestamp with time zone) RETURNS TABLE(account_id uuid, lead_id uuid, campaign_id uuid, step integer, channel text, attempts_done bigint, last_attempt_at timestamp with time zone)
    LANGUAGE sql STABLE
    AS $$
  select
    tr.account_id,
    tr.lead_id,
    tr.campaign_id,
    tr.step,
    tr.channel::text,
    count(cme.id) filter (where cme.event_type in ('touch_sent', 'touch_failed')),
    max(cme.created_at) filter (where cme.event_type in ('touch_sent', 'touch_failed'))
  from public.touch_runs tr
  left join public.core_memory_events cme
    on cme.payload ->> 'touch_run_id' = tr.id::text
   and cme.lead_id = tr.lead_id
   and cme.account_id = tr.account_id
   and cme.created_at <= p_now
  where tr.created_at <= p_now
  group by tr.account_id, tr.lead_id, tr.campaign_id, tr.step, tr.channel
$$;

--
-- Name: FUNCTION lead_channel_attempts_at(p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_channel_attempts_at(p_now timestamp with time zone) IS 'v_lead_channel_attempts as of p_now: per lead, campaign, step and channel, the touch_sent and touch_failed memory events of its touch_runs (joined on payload.touch_run_id) and the time of the last one.';

--
-- Name: lead_engagement(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_engagement(p_lead_id uuid, p_now timestamp with time zone) RETURNS TABLE(engagement numeric)
    LANGUAGE sql STABLE
    AS $$
  select coalesce(sum(e.score_delta * pg_catalog.exp(-extract(epoch from (p_now - e.created_at)) / 864000.0)), 0)::numeric
  from public.core_memory_events e
  where e.lead_id = p_lead_id
    and e.created_at > p_now - interval '30 days'
    and e.created_at <= p_now
    and e.score_delta <> 0
$$;

--
-- Name: FUNCTION lead_engagement(p_lead_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_engagement(p_lead_id uuid, p_now timestamp with time zone) IS 'Recent engagement of a lead as of p_now (one row): the sum of score_delta of its memory events in the last 30 days, each weighted e^(-age / 10 days).';

--
-- Name: lead_next_action_at(timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_next_action_at(p_now timestamp with time zone) RETURNS TABLE(lead_id uuid, account_id uuid, campaign_id uuid, lead_state text, priority_score integer, next_action text, next_action_at timestamp with time zone, recommended_action text, recommended_delay_minutes integer, recommended_channel text, effective_channel text, reason text, lead_name text)
    LANGUAGE sql STABLE
    AS $$
  select
    l.id,
    l.account_id,
    case when a.pending then pend.campaign_id else enr.campaign_id end,
    l.lead_state,
    brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email, eng.engagement),
    d.next_action,
    d.next_action_at,
    d.next_action,
    case when d.next_action_at is not null
         then greatest(0, pg_catalog.ceil(extract(epoch from (d.next_action_at - p_now)) / 60))::integer end,
    d.recommended_channel,
    d.effective_channel,
    d.reason,
    nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), '')
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  join public.lead_states st on st.state = l.lead_state
  cross join lateral brain.lead_engagement(l.id, p_now) eng
  join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = l.id
  -- The touch already pending (scheduled or queued) that dispatch will claim
  -- first: the earliest by scheduled_at among those created by p_now
  -- (touch_runs_pending_lead_idx). A touch brain.claim_touch cancels on sight
  -- does not count: a campaign touch whose campaign is off or whose enrollment
  -- is neither active nor completed, a campaign touch to a dead lead, any touch
  -- to an archived lead, a suppressed or not-ready channel, no address, and
  -- during a negative cooldown any touch but a transactional one (a STOP
  -- confirmation, a HELP reply).
  -- (Unsubscribe and stop events win over a pending touch: rule 1 below.)
  left join lateral (
    select t.id, t.status, t.channel::text as channel, t.campaign_id, t.scheduled_at,
           coalesce(t.payload -> 'meta' ->> 'transactional' = 'true', false) as transactional,
           (t.campaign_id is null
             and coalesce(t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation', false)) as reactivation
    from public.touch_runs t
    where t.lead_id = l.id
      and l.status <> 'archived'
      and t.status in ('scheduled', 'queued')
      and t.created_at <= p_now
      and (not ss.in_negative_cooldown or coalesce(t.payload -> 'meta' ->> 'transactional' = 'true', false))
      and not (t.channel::text = any(ss.suppressed_channels))
      and brain.lead_reachable(t.channel::text, l.phone, l.email)
      and t.channel::text in (select r.channel from brain.ready_channels(l.account_id) r)
      and (t.campaign_id is null or (
        l.lead_state <> 'dead'
        and exists (select 1 from public.campaigns c where c.id = t.campaign_id and c.is_active)
        and exists (select 1 from public.campaign_leads cl
                    where cl.campaign_id = t.campaign_id and cl.lead_id = l.id and cl.status in ('active', 'completed'))))
    order by t.scheduled_at, t.created_at, t.id
    limit 1
  ) pend on true
  -- The enrollment whose pending step is due first.
  left join lateral (
    select cl.campaign_id, cl.current_step, cl.next_step_at, cs.channel::text as step_channel,
           coalesce(cs.fallback, pg_catalog.jsonb_build_object('order', pg_catalog.jsonb_build_array(cs.channel::text))) as plan
    from public.campaign_leads cl
    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
    join public.campaign_steps cs on cs.campaign_id = cl.campaign_id and cs.account_id = cl.account_id and cs.step = cl.current_step
    where cl.lead_id = l.id and cl.status = 'active'
    order by cl.next_step_at, cl.enrolled_at, cl.campaign_id
    limit 1
  ) enr on true
  left join lateral (
    select exists (
      select 1 from public.campaign_leads cl
      join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
      where cl.lead_id = l.id and cl.status = 'active') as any_active
  ) enrolled on true
  -- The channel the fallback plan of that step leads to: the step's channel
  -- first, then the rest of the order, skipping unusable or exhausted channels.
  left join lateral (
    select p.channel
    from (
      select f.*, max(f.pos) filter (where f.channel = enr.step_channel) over () as step_pos
      from brain.fallback_plan(l.account_id, l.id, enr.campaign_id, enr.current_step, enr.plan, p_now) f
    ) p
    where p.ready and p.reachable and p.attempts_done < p.attempts_allowed
    order by (p.channel = enr.step_channel) desc, (p.pos > coalesce(p.step_pos, 0)) desc, p.pos
    limit 1
  ) eff on enr.campaign_id is not null
  -- Reactivation goes by voice, then WhatsApp, SMS, email.
  left join lateral (
    select
      (select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
       where brain.lead_reachable(c, l.phone, l.email) order by n limit 1) as recommended,
      (select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
       where brain.lead_reachable(c, l.phone, l.email)
         and c in (select r.channel from brain.ready_channels(l.account_id) r) order by n limit 1) as effective
  ) rc on true
  cross join lateral (
    select
      (select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, s.timezone) z_) as tz,
      (not enrolled.any_active
        and ss.reactivation_eligible_at is not null
        and p_now >= ss.reactivation_eligible_at) as reactivatable
  ) z
  cross join lateral (
    select
      case
        when ss.is_unsubscribed then 'stop_all'
        when l.lead_state in ('suppressed', 'closed') then 'stop_all'
        when ss.stop_event is not null then 'stop_all'
        when pend.id is not null then case when pend.reactivation then 'reactivate' else 'send' end
        when l.lead_state = 'dead' and not (z.reactivatable and rc.effective is not null) then 'stop_all'
        when ss.in_negative_cooldown then 'cooldown'
        when l.lead_state <> 'dead' and enr.campaign_id is not null and eff.channel is not null then 'send'
        when z.reactivatable and rc.effective is not null then 'reactivate'
        else 'do_nothing'
      end as next_action,
      (pend.id is not null and not ss.is_unsubscribed and l.lead_state not in ('suppressed', 'closed')
        and ss.stop_event is null) as pending
  ) a
  cross join lateral (
    select
      a.next_action,
      case
        when a.pending and pend.transactional then greatest(pend.scheduled_at, p_now)
        when a.pending then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(pend.scheduled_at, p_now))
      else case a.next_action
        when 'cooldown' then ss.negative_cooldown_until
        when 'send' then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(enr.next_step_at, p_now))
        when 'reactivate' then brain.window_start_at(z.tz, s.send_window_start, s.send_window_end, greatest(ss.reactivation_eligible_at, p_now))
      end end as next_action_at,
      case when a.pending then pend.channel else case a.next_action
        when 'send' then enr.step_channel
        when 'cooldown' then enr.step_channel
        when 'reactivate' then rc.recommended
      end end as recommended_channel,
      case when a.pending then pend.channel else case a.next_action
        when 'send' then eff.channel
        when 'reactivate' then rc.effective
      end end as effective_channel,
      case
        when ss.is_unsubscribed then 'unsubscribed:' || ss.suppression_reason
        when l.lead_state in ('suppressed', 'closed') then 'lead_state:' || l.lead_state
        when ss.stop_event is not null then 'stop_event:' || ss.stop_event
        when a.pending then 'touch_' || pend.status || ':' || pend.id
        when a.next_action = 'stop_all' then 'lead_state:dead'
        when a.next_action = 'cooldown' then 'negative_cooldown'
        when a.next_action = 'send' then 'campaign_step_pending'
        when a.next_action = 'reactivate' then 'reactivation_due'
        when enr.campaign_id is not null or (z.reactivatable and rc.effective is null) then 'no_ready_channel'
        when enrolled.any_active then 'no_pending_step'
        when ss.last_touch_at is null then 'never_touched'
        when ss.reactivation_eligible_at is null then 'replied_since_last_touch'
        else 'reactivation_not_due'
      end as reason
  ) d
$$;

--
-- Name: FUNCTION lead_next_action_at(p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_next_action_at(p_now timestamp with time zone) IS 'lead_next_action_view_v5 as of p_now. See the view''s comment for the rules.';

--
-- Name: lead_priority(integer, text, text, text, numeric); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_priority(p_state_weight integer, p_phone text, p_phone_line_type text, p_email text, p_engagement numeric) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select least(100, greatest(0, pg_catalog.round(
    coalesce(p_state_weight, 0)
    + greatest(-20, least(20, coalesce(p_engagement, 0)))
    + case when p_phone is not null and p_phone_line_type = 'mobile' and p_email is not null then 10 else 0 end
  )))::integer
$$;

--
-- Name: FUNCTION lead_priority(p_state_weight integer, p_phone text, p_phone_line_type text, p_email text, p_engagement numeric); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_priority(p_state_weight integer, p_phone text, p_phone_line_type text, p_email text, p_engagement numeric) IS 'priority_score (0-100): the state''s lead_states.priority_weight + engagement clamped to -20..20 + 10 for a "gold" lead (a mobile phone and an email known), clamped to 0..100.';

--
-- Name: lead_reachable(text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_reachable(p_channel text, p_phone text, p_email text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select case p_channel
    when 'email' then p_email is not null
    when 'voice' then p_phone is not null
    when 'sms' then p_phone is not null
    when 'whatsapp' then p_phone is not null
    else false
  end
$$;

--
-- Name: FUNCTION lead_reachable(p_channel text, p_phone text, p_email text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_reachable(p_channel text, p_phone text, p_email text) IS 'True when the lead has the address a channel needs: a phone for voice, sms and whatsapp; an email for email.';

--
-- Name: lead_suppression_status_at(timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_suppression_status_at(p_now timestamp with time zone) RETURNS TABLE(lead_id uuid, account_id uuid, is_unsubscribed boolean, suppression_reason text, suppressed_channels text[], in_negative_cooldown boolean, negative_cooldown_until timestamp with time zone, stop_event text, last_touch_at timestamp with time zone, last_inbound_at timestamp with time zone, reactivation_eligible_at timestamp with time zone)
    LANGUAGE sql STABLE
    AS $$
  select
    l.id,
    l.account_id,
    f.unsubscribed,
    f.reason,
    case when f.unsubscribed then array['voice', 'sms', 'whatsapp', 'email']
         else array(select c from pg_catalog.unnest(array['voice', 'sms', 'whatsapp', 'email']) with ordinality u(c, n)
                    where c = any(coalesce(sup.channels, array[]::text[]))
                       or (f.phone_revoked and c <> 'email')
                    order by n) end,
    coalesce(p_now < f.cooldown_until, false),
    f.cooldown_until,
    case
      when ev.do_not_contact then 'do_not_contact'
      when ev.booked_at is not null and (ev.canceled_at is null or ev.canceled_at < ev.booked_at) then 'appointment_booked'
    end,
    ev.last_touch_at,
    ev.last_inbound_at,
    case when ev.last_touch_at is not null and (ev.last_inbound_at is null or ev.last_inbound_at < ev.last_touch_at)
          and not f.unsubscribed and not f.phone_revoked
          and not coalesce(sup.channels @> array['voice', 'sms', 'whatsapp'], false)
         then ev.last_touch_at + pg_catalog.make_interval(days => s.reactivation_after_days) end
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  left join lateral (
    select
      max(e.created_at) filter (where e.event_type = 'touch_sent') as last_touch_at,
      max(e.created_at) filter (where e.direction = 'inbound') as last_inbound_at,
      max(e.created_at) filter (where e.event_type = 'reply_negative') as last_negative_at,
      coalesce(bool_or(e.event_type = 'do_not_contact'), false) as do_not_contact,
      max(e.created_at) filter (where e.event_type = 'appointment_booked') as booked_at,
      max(e.created_at) filter (where e.event_type = 'appointment_canceled') as canceled_at,
      (array_agg(e.event_type order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_event,
      (array_agg(coalesce(e.channel::text, 'any') order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_channel,
      (array_agg(coalesce(e.payload ->> 'scope', 'all') order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_scope
    from public.core_memory_events e
    where e.lead_id = l.id and e.created_at <= p_now
  ) ev on true
  left join lateral (
    select
      coalesce(bool_or(x.channel is null), false) as all_channels,
      (array_agg(x.reason order by x.created_at, x.id) filter (where x.channel is null))[1] as all_reason,
      (array_agg(x.reason order by x.created_at, x.id) filter (where x.channel is not null))[1] as channel_reason,
      array_agg(distinct x.channel::text order by x.channel::text) filter (where x.channel is not null) as channels
    from public.suppressions x
    where x.account_id = l.account_id
      and x.created_at <= p_now
      and (x.lifted_at is null or x.lifted_at > p_now)
      and (x.phone = l.phone or x.email = l.email)
  ) sup on true
  cross join lateral (
    select
      (l.lead_state = 'suppressed' or l.status = 'suppressed'
        or coalesce(ev.last_opt_event = 'unsubscribe', false)
        or coalesce(ev.last_opt_event = 'opt_out' and ev.last_opt_scope = 'all', false)
        or coalesce(sup.all_channels, false)) as unsubscribed,
      coalesce(ev.last_opt_event = 'opt_out' and ev.last_opt_scope <> 'all', false) as phone_revoked,
      case
        when l.lead_state = 'suppressed' then 'lead_state_suppressed'
        when l.status = 'suppressed' then 'status_suppressed'
        when ev.last_opt_event in ('opt_out', 'unsubscribe') then ev.last_opt_event || ':' || ev.last_opt_channel
        when sup.all_channels then 'suppression:' || sup.all_reason
        when sup.channels is not null then 'channel_suppression:' || sup.channel_reason
      end as reason,
      ev.last_negative_at + pg_catalog.make_interval(days => s.negative_cooldown_days) as cooldown_until
  ) f
$$;

--
-- Name: FUNCTION lead_suppression_status_at(p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_suppression_status_at(p_now timestamp with time zone) IS 'lead_suppression_status_v1 as of p_now (only events and suppressions that existed at p_now count). Consent (issue 13): the latest of the lead''s opt_out / unsubscribe / opt_in / consent_lifted memory events decides. An opt_out (a revocation by SMS or WhatsApp, payload scope phone) puts voice, sms and whatsapp in suppressed_channels and leaves email alone; an opt_out with scope all (or without a scope) and an unsubscribe make the lead is_unsubscribed (all four channels). opt_in (START) and consent_lifted (an operator''s lift with a reason) end it. A suppressions row without a channel that matches the lead''s phone or email makes it is_unsubscribed (an operator''s entry, a "stop all"); a row with a channel adds only its channel (STOP and wrong number write sms, whatsapp and voice rows for the phone; an email bounce an email row). is_unsubscribed is also true when lead_state or status is suppressed. suppression_reason: the first of lead_state_suppressed, status_suppressed, opt_out:<channel> / unsubscribe:<channel>, suppression:<reason>, channel_suppression:<reason>. Negative cooldown: org_settings.negative_cooldown_days after the last reply_negative; it is over at exactly its end. stop_event: do_not_contact, or appointment_booked not followed by appointment_canceled. reactivation_eligible_at: last touch_sent plus org_settings.reactivation_after_days, when no inbound event came after that touch; null for a lead that is unsubscribed, whose latest opt event is a revocation, or whose phone is suppressed for voice, sms and whatsapp (a revoked lead or a wrong number is never reactivated).';

--
-- Name: lead_template_values(); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_template_values() RETURNS TABLE(lead_id uuid, template_values jsonb)
    LANGUAGE sql STABLE
    AS $$
  select l.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'first_name', f.first_name,
    'last_name', f.last_name,
    'full_name', nullif(pg_catalog.concat_ws(' ', f.first_name, f.last_name), ''),
    'business_name', case when pg_catalog.btrim(o.business_name) <> '' then o.business_name end,
    'city', case when pg_catalog.btrim(l.city) <> '' then l.city end,
    'vehicle', case
                 when pg_catalog.jsonb_typeof(l.attributes -> 'vehicle') = 'string'
                      and pg_catalog.btrim(l.attributes ->> 'vehicle') <> '' then l.attributes ->> 'vehicle'
                 when v.model is not null then pg_catalog.concat_ws(' ', l.attributes -> 'vehicle' ->> 'year', v.model)
               end,
    'setter_name', (select case when pg_catalog.btrim(u.display_name) <> '' then u.display_name end
                    from public.users u where u.id = l.assigned_user_id),
    'persona_name', case when pg_catalog.btrim(o.persona_name) <> '' then o.persona_name end))
  from public.leads l
  join public.org_settings o on o.account_id = l.account_id
  cross join lateral (select case when pg_catalog.btrim(l.first_name) <> '' then l.first_name end as first_name,
                             case when pg_catalog.btrim(l.last_name) <> '' then l.last_name end as last_name) f
  cross join lateral (
    select case when pg_catalog.jsonb_typeof(l.attributes -> 'vehicle') = 'object' then
             coalesce(nullif(pg_catalog.btrim(l.attributes -> 'vehicle' ->> 'make_model'), ''),
                      nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.attributes -> 'vehicle' ->> 'make',
                                                                   l.attributes -> 'vehicle' ->> 'model')), ''))
           end as model) v
$$;

--
-- Name: FUNCTION lead_template_values(); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_template_values() IS 'Every lead''s values for the variables of public.template_variables(), as a JSON object (brain.template_values is this for one lead); a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';

--
-- Name: lead_time_zone(text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.lead_time_zone(p_lead_timezone text, p_phone text, p_account_timezone text) RETURNS TABLE(time_zone text)
    LANGUAGE sql STABLE
    AS $$
  select coalesce(
    p_lead_timezone,
    (select a.time_zone::text from public.phone_area_codes a
     where p_phone like '+1%' and a.area_code = pg_catalog.substr(p_phone, 3, 3)),
    p_account_timezone)
$$;

--
-- Name: FUNCTION lead_time_zone(p_lead_timezone text, p_phone text, p_account_timezone text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.lead_time_zone(p_lead_timezone text, p_phone text, p_account_timezone text) IS 'The lead''s time zone (one row): leads.timezone when set; else the zone of its +1 (US/Canada/NANP) phone''s area code (public.phone_area_codes); else the account''s org_settings.timezone.';

--
-- Name: mark_stale_sending(interval, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.mark_stale_sending(p_older_than interval DEFAULT '00:05:00'::interval, p_now timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_count integer;
begin
  with stale as (
    select t.id, t.account_id, t.lead_id, t.channel, t.send_key
    from public.touch_runs t
    where t.status = 'sending' and t.claimed_at <= p_now - p_older_than
    for update skip locked
  ), marked as (
    update public.touch_runs t
    set status = 'unknown', error_code = 'worker_lost',
        error_message = 'the worker stopped between claiming and recording the outcome'
    from stale s where t.id = s.id and t.account_id = s.account_id
    returning t.id
  ), outbound as (
    update public.outbound_messages m set status = 'unknown', error_code = 'worker_lost'
    from stale s where m.account_id = s.account_id and m.send_key = s.send_key and m.status = 'pending'
    returning m.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(s.account_id, s.lead_id, 'touch_outcome_unknown', 'reconcile', 'internal',
             pg_catalog.jsonb_build_object('touch_run_id', s.id, 'send_key', s.send_key, 'reason', 'stale_sending'),
             s.channel::text, p_now)) as recorded
    from stale s
  )
  select (select count(*) from marked) into v_count from logged;
  return v_count;
end
$$;

--
-- Name: FUNCTION mark_stale_sending(p_older_than interval, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.mark_stale_sending(p_older_than interval, p_now timestamp with time zone) IS 'Marks touches left in sending for longer than p_older_than (their worker died between claim and outcome) as unknown, with their outbound message, and logs touch_outcome_unknown. They are then reconciled with the provider, never re-sent blindly. Returns how many.';

--
-- Name: match_lead(uuid, text, text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text) RETURNS TABLE(lead_id uuid, matched_by text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_lead_id uuid;
begin
  -- Priority order; the first rule that finds a lead wins. When a rule finds several
  -- leads, the oldest is taken. Leads of any status match (a suppressed lead must not
  -- come back as a new, contactable one).
  if p_external_id is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.source = p_source and l.external_id = p_external_id;
    if found then
      return query select v_lead_id, 'external_id'::text;
      return;
    end if;
  end if;
  if p_email is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.email = p_email::public.email_address
    order by l.created_at, l.id
    limit 1;
    if found then
      return query select v_lead_id, 'email'::text;
      return;
    end if;
    -- offset 0 keeps the limit out of the scan: with "order by created_at limit 1" the
    -- planner walks the account's leads by created_at hoping for an early match, and
    -- reads them all when (as usual) there is none; this way it asks the GIN index.
    select a.id into v_lead_id
    from (select l.id, l.created_at
          from public.leads l
          where l.account_id = p_account_id
            and l.alternate_emails @> array[p_email::public.email_address]
          offset 0) a
    order by a.created_at, a.id
    limit 1;
    if found then
      return query select v_lead_id, 'alternate_email'::text;
      return;
    end if;
  end if;
  if p_phone is not null then
    select l.id into v_lead_id
    from public.leads l
    where l.account_id = p_account_id and l.phone = p_phone::public.e164_phone
    order by l.created_at, l.id
    limit 1;
    if found then
      return query select v_lead_id, 'phone'::text;
    end if;
  end if;
end
$$;

--
-- Name: FUNCTION match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text) IS 'Lead intake step 2 (public.find_or_create_lead): the account''s lead an identity belongs to, by the first rule that finds one: 1 external_id with the same source; 2 email = leads.email; 3 email in leads.alternate_emails; 4 phone = leads.phone (oldest lead when a rule finds several; leads of every status match). Returns one row (lead_id, matched_by = external_id | email | alternate_email | phone) or none. Expects normalized values (brain.validate_lead_input); runs with the caller''s rights, so row-level security applies. Takes no lock: the caller serializes on the identity first.';

--
-- Name: leads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leads (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    status text DEFAULT 'new'::text NOT NULL,
    lead_state text DEFAULT 'new'::text NOT NULL,
    first_name text,
    last_name text,
    company_name text,
    phone public.e164_phone,
    phone_line_type text DEFAULT 'unknown'::text NOT NULL,
    email public.email_address,
    alternate_emails public.email_address[] DEFAULT '{}'::public.email_address[] NOT NULL,
    source text DEFAULT 'manual'::text NOT NULL,
    external_id text,
    city text,
    region text,
    postal_code text,
    country text,
    timezone public.time_zone,
    assigned_user_id uuid,
    assigned_at timestamp with time zone,
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    first_seen_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    priority_score smallint DEFAULT 0 NOT NULL,
    priority_scored_at timestamp with time zone,
    persona text DEFAULT 'initial'::text NOT NULL,
    phone_wrong_number_at timestamp with time zone,
    consent_review_at timestamp with time zone,
    consent_review_rule text,
    sentiment_tag text,
    sentiment_tagged_at timestamp with time zone,
    CONSTRAINT leads_attributes_check CHECK ((jsonb_typeof(attributes) = 'object'::text)),
    CONSTRAINT leads_city_check CHECK ((length(city) <= 120)),
    CONSTRAINT leads_company_name_check CHECK ((length(company_name) <= 200)),
    CONSTRAINT leads_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT leads_external_id_check CHECK (((length(external_id) >= 1) AND (length(external_id) <= 200))),
    CONSTRAINT leads_first_name_check CHECK ((length(first_name) <= 200)),
    CONSTRAINT leads_last_name_check CHECK ((length(last_name) <= 200)),
    CONSTRAINT leads_persona_check CHECK ((persona = ANY (ARRAY['initial'::text, 'nudge'::text, 'booking'::text]))),
    CONSTRAINT leads_phone_line_type_check CHECK ((phone_line_type = ANY (ARRAY['mobile'::text, 'landline'::text, 'voip'::text, 'unknown'::text]))),
    CONSTRAINT leads_postal_code_check CHECK ((length(postal_code) <= 20)),
    CONSTRAINT leads_priority_score_check CHECK (((priority_score >= 0) AND (priority_score <= 100))),
    CONSTRAINT leads_region_check CHECK ((length(region) <= 120)),
    CONSTRAINT leads_sentiment_complete_check CHECK (((sentiment_tag IS NULL) = (sentiment_tagged_at IS NULL))),
    CONSTRAINT leads_sentiment_tag_check CHECK ((sentiment_tag = ANY (ARRAY['Interested'::text, 'Meeting Requested'::text, 'Follow Up'::text, 'Not Interested'::text, 'Out of Office'::text, 'Automated Reply'::text, 'Blacklist'::text, 'Neutral'::text]))),
    CONSTRAINT leads_source_check CHECK ((source ~ '^[a-z0-9][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT leads_status_check CHECK ((status = ANY (ARRAY['new'::text, 'suppressed'::text, 'archived'::text])))
);

--
-- Name: TABLE leads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.leads IS 'People and businesses the engine may contact. One row per lead per account.';

--
-- Name: COLUMN leads.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.id IS 'Lead id.';

--
-- Name: COLUMN leads.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.account_id IS 'Owning account.';

--
-- Name: COLUMN leads.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.status IS 'Record status: new (eligible), suppressed (operator said never contact), archived (out of operations).';

--
-- Name: COLUMN leads.lead_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.lead_state IS 'Lifecycle state (lead_states); changes are validated against lead_state_transitions and logged in lead_events.';

--
-- Name: COLUMN leads.first_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.first_name IS 'Given name, when known.';

--
-- Name: COLUMN leads.last_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.last_name IS 'Family name, when known.';

--
-- Name: COLUMN leads.company_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.company_name IS 'Business name, when the lead is a business.';

--
-- Name: COLUMN leads.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.phone IS 'Phone in E.164, or null.';

--
-- Name: COLUMN leads.phone_line_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.phone_line_type IS 'mobile, landline, voip or unknown (from a lookup or the source).';

--
-- Name: COLUMN leads.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.email IS 'Primary email, lower-case.';

--
-- Name: COLUMN leads.alternate_emails; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.alternate_emails IS 'Other addresses that replied on the lead''s thread (seed 003 §6).';

--
-- Name: COLUMN leads.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.source IS 'Where the lead came from: manual, import, craigslist, webhook, inbound_sms, ...';

--
-- Name: COLUMN leads.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.external_id IS 'The source''s own id (a Craigslist posting id, a CRM id); unique per account and source.';

--
-- Name: COLUMN leads.city; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.city IS 'City, when known.';

--
-- Name: COLUMN leads.region; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.region IS 'State or province, when known.';

--
-- Name: COLUMN leads.postal_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.postal_code IS 'Postal code, when known.';

--
-- Name: COLUMN leads.country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.country IS 'ISO 3166-1 alpha-2 country code.';

--
-- Name: COLUMN leads.timezone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.timezone IS 'Lead''s own IANA time zone; null means infer it from the phone or use the account''s.';

--
-- Name: COLUMN leads.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.assigned_user_id IS 'Setter who owns the lead (must be a member of the account).';

--
-- Name: COLUMN leads.assigned_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.assigned_at IS 'When the lead was assigned.';

--
-- Name: COLUMN leads.attributes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.attributes IS 'Source-specific attributes (posting title, price, vehicle details, ...).';

--
-- Name: COLUMN leads.first_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.first_seen_at IS 'When the source first showed this lead; null when unknown (SSV uses coalesce(first_seen_at, created_at)).';

--
-- Name: COLUMN leads.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.created_at IS 'When the row was inserted.';

--
-- Name: COLUMN leads.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN leads.priority_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.priority_score IS 'priority_score as of priority_scored_at (brain.lead_priority): kept current on state, contact and scored-event changes, and aged by brain.refresh_lead_priorities. lead_next_action_view_v5 computes the live value.';

--
-- Name: COLUMN leads.priority_scored_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.priority_scored_at IS 'When priority_score was last computed; null before the first computation.';

--
-- Name: COLUMN leads.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.persona IS 'Which persona speaks to the lead next: initial, nudge or booking (seed 004). Timers escalate it; it picks the sender number and the voice prompt.';

--
-- Name: COLUMN leads.phone_wrong_number_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.phone_wrong_number_at IS 'When the person at the lead''s phone said it is not the lead''s number; null otherwise. The phone is suppressed for SMS, WhatsApp and voice; email is unaffected.';

--
-- Name: COLUMN leads.consent_review_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.consent_review_at IS 'When an ambiguous reply was read as a revocation (honoured anyway); a person should look. Cleared by an opt-in or a manual lift.';

--
-- Name: COLUMN leads.consent_review_rule; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.consent_review_rule IS 'The brain.classify_consent rule behind consent_review_at.';

--
-- Name: COLUMN leads.sentiment_tag; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.sentiment_tag IS 'The tag of the lead''s latest classified reply (inbound_messages.sentiment_tag).';

--
-- Name: COLUMN leads.sentiment_tagged_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.sentiment_tagged_at IS 'When that reply was received.';

--
-- Name: merge_lead(uuid, public.leads); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.merge_lead(p_lead_id uuid, p_in public.leads) RETURNS text[]
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
  v_new public.leads;
  v_filled text[];
begin
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using
      errcode = 'P0001',
      message = 'lead_intake_conflict',
      detail = pg_catalog.format('lead %s was deleted while it was being matched', p_lead_id),
      hint = 'Retry the call.';
  end if;
  v_new := v_lead;
  v_new.email := coalesce(v_lead.email, p_in.email);
  v_new.alternate_emails := (
    select coalesce(pg_catalog.array_agg(a.email order by a.position), '{}')
    from (
      select u.email, pg_catalog.min(u.position) as position
      from pg_catalog.unnest(v_lead.alternate_emails::text[] || p_in.email::text) with ordinality as u(email, position)
      where u.email is not null and u.email is distinct from v_new.email::text
      group by u.email
    ) a);
  v_new.phone := coalesce(v_lead.phone, p_in.phone);
  v_new.phone_line_type := case when v_lead.phone_line_type = 'unknown'
                                then coalesce(p_in.phone_line_type, 'unknown') else v_lead.phone_line_type end;
  if v_lead.external_id is null and v_lead.source = p_in.source then
    v_new.external_id := p_in.external_id;
  end if;
  v_new.first_name := coalesce(v_lead.first_name, p_in.first_name);
  v_new.last_name := coalesce(v_lead.last_name, p_in.last_name);
  v_new.company_name := coalesce(v_lead.company_name, p_in.company_name);
  v_new.city := coalesce(v_lead.city, p_in.city);
  v_new.region := coalesce(v_lead.region, p_in.region);
  v_new.postal_code := coalesce(v_lead.postal_code, p_in.postal_code);
  v_new.country := coalesce(v_lead.country, p_in.country);
  v_new.timezone := coalesce(v_lead.timezone, p_in.timezone);
  v_new.attributes := coalesce(p_in.attributes, '{}'::jsonb) || v_lead.attributes;
  v_new.first_seen_at := least(v_lead.first_seen_at, p_in.first_seen_at);

  -- Nothing new (the usual case: a reply from a known lead): no column to compare one by one.
  -- Every column's equality is exact (uuid, text in a deterministic collation, timestamps,
  -- jsonb, arrays of those), so equal rows have equal JSON values and the answer is '{}'.
  if v_new is not distinct from v_lead then
    return '{}';
  end if;

  select coalesce(pg_catalog.array_agg(n.key order by n.key), '{}') into v_filled
  from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
  join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_lead)) o on o.key = n.key
  where n.value is distinct from o.value;

  if pg_catalog.cardinality(v_filled) > 0 then
    update public.leads l set
      email = v_new.email,
      alternate_emails = v_new.alternate_emails,
      phone = v_new.phone,
      phone_line_type = v_new.phone_line_type,
      external_id = v_new.external_id,
      first_name = v_new.first_name,
      last_name = v_new.last_name,
      company_name = v_new.company_name,
      city = v_new.city,
      region = v_new.region,
      postal_code = v_new.postal_code,
      country = v_new.country,
      timezone = v_new.timezone,
      attributes = v_new.attributes,
      first_seen_at = v_new.first_seen_at
    where l.id = p_lead_id;
  end if;
  return v_filled;
end
$$;

--
-- Name: FUNCTION merge_lead(p_lead_id uuid, p_in public.leads); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.merge_lead(p_lead_id uuid, p_in public.leads) IS 'Lead intake step 3 (public.find_or_create_lead): fills in what lead p_lead_id lacks from the normalized incoming lead p_in (brain.validate_lead_input) and never overwrites a value it has: email, phone, names, company, city, region, postal_code, country, timezone when missing; phone_line_type when unknown; attributes keys added (existing keys win); external_id only when the lead has none and the same source; an email that differs from the primary is added once to alternate_emails (never the primary); first_seen_at keeps the earliest. Locks the lead row. Returns the names of the columns it changed (empty: nothing new). P0001 lead_intake_conflict when the lead no longer exists.';

--
-- Name: next_send_window_start(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.next_send_window_start(p_lead_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    AS $$
  select brain.window_start_at(
    (select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, s.timezone) z_),
    s.send_window_start, s.send_window_end, p_now)
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  where l.id = p_lead_id
$$;

--
-- Name: FUNCTION next_send_window_start(p_lead_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.next_send_window_start(p_lead_id uuid, p_now timestamp with time zone) IS 'When the lead may next be contacted: p_now itself when inside the account''s send window in the lead''s local time (brain.lead_time_zone), else the start of the next window. Null when the lead is not visible.';

--
-- Name: pick_sender(text[], uuid); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.pick_sender(p_pool text[], p_lead_id uuid) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
  select case when pg_catalog.cardinality(p_pool) > 0 then
    p_pool[((pg_catalog.hashtextextended(p_lead_id::text, 0) % pg_catalog.cardinality(p_pool))
            + pg_catalog.cardinality(p_pool)) % pg_catalog.cardinality(p_pool) + 1]
  end
$$;

--
-- Name: FUNCTION pick_sender(p_pool text[], p_lead_id uuid); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.pick_sender(p_pool text[], p_lead_id uuid) IS 'The sender of p_pool (brain.sender_pool) for lead p_lead_id: element hashtextextended(lead id) mod the pool size, so a lead always gets the same one and a pool''s leads spread across it. Null for an empty pool.';

--
-- Name: queue_ai_draft_touch(uuid, timestamp with time zone, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.queue_ai_draft_touch(p_draft_id uuid, p_scheduled_at timestamp with time zone, p_actor text, p_now timestamp with time zone DEFAULT now()) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_draft public.ai_drafts;
  v_attempt integer;
  v_id uuid;
begin
  select d.* into v_draft from public.ai_drafts d where d.id = p_draft_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  -- The lead row lock serializes attempt numbers with public.queue_manual_message.
  perform 1 from public.leads l where l.id = v_draft.lead_id and l.account_id = v_draft.account_id for update;
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = v_draft.lead_id and t.campaign_id is null and t.step = 99 and t.channel = v_draft.channel;
  if v_attempt > 100 then
    raise exception using errcode = '54000', message = 'too_many_manual_messages',
      detail = 'at most 100 operator and AI messages per lead and channel';
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (v_draft.account_id, v_draft.lead_id, null, 99, v_draft.channel, v_attempt,
          case when p_scheduled_at > p_now then 'scheduled' else 'queued' end, greatest(p_scheduled_at, p_now), p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'ai_reply',
            'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'body', v_draft.body, 'subject', v_draft.subject, 'to', v_draft.to_address,
              'cc', case when pg_catalog.cardinality(v_draft.cc_addresses) > 0 then pg_catalog.to_jsonb(v_draft.cc_addresses) end)),
            'meta', pg_catalog.jsonb_build_object('source', 'ai_inbox', 'ai_draft_id', v_draft.id,
                                                  'inbound_message_id', v_draft.inbound_message_id, 'created_by', p_actor)))
  returning id into v_id;
  return v_id;
end
$$;

--
-- Name: FUNCTION queue_ai_draft_touch(p_draft_id uuid, p_scheduled_at timestamp with time zone, p_actor text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.queue_ai_draft_touch(p_draft_id uuid, p_scheduled_at timestamp with time zone, p_actor text, p_now timestamp with time zone) IS 'Queues an AI draft''s message as a touch_run without a campaign on step 99 (attempt numbers shared with public.queue_manual_message, at most 100 per lead and channel: 54000 too_many_manual_messages): queued now, or scheduled for p_scheduled_at when that is later. Payload: message_class ai_reply, delivery {body, subject, to, cc} from the draft, meta {source: ai_inbox, ai_draft_id, inbound_message_id, created_by: p_actor}. The dispatch path sends it with every check a campaign touch gets. Returns the touch id. P0002 draft_not_found.';

--
-- Name: queue_due_dispatch(timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.queue_due_dispatch(p_now timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_account uuid;
  v_count integer := 0;
begin
  for v_account in
    select distinct t.account_id
    from public.touch_runs t
    where t.status in ('scheduled', 'queued') and t.scheduled_at <= p_now
  loop
    perform private.queue_touch_dispatch(v_account, p_now);
    v_count := v_count + 1;
  end loop;
  return v_count;
end
$$;

--
-- Name: FUNCTION queue_due_dispatch(p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.queue_due_dispatch(p_now timestamp with time zone) IS 'Queues a dispatch_touches job (private.queue_touch_dispatch, at p_now) for every account that has touches scheduled or queued and due by p_now, so a touch whose wake-up was lost is still sent within a minute. Called by the dispatch_due_touches crontab task; returns how many accounts.';

--
-- Name: queue_transactional_reply(uuid, uuid, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone DEFAULT now()) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_attempt integer;
  v_id uuid;
begin
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = p_lead_id and t.campaign_id is null and t.step = 100 and t.channel = p_channel;
  if v_attempt > 100 then
    return null;
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (p_account_id, p_lead_id, null, 100, p_channel, v_attempt, 'queued', p_now, p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'transactional',
            'delivery', pg_catalog.jsonb_build_object('body', p_body),
            'meta', pg_catalog.jsonb_build_object('source', p_kind, 'transactional', true, 'created_by', 'inbound')))
  on conflict on constraint touch_runs_attempt_key do nothing
  returning id into v_id;
  return v_id;
end
$$;

--
-- Name: FUNCTION queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone) IS 'Queues a transactional reply (p_kind: opt_out_confirmation, opt_in_confirmation, help_reply) as a touch_run on step 100 without a campaign. brain.claim_touch sends transactional touches even to an opted-out lead and outside the send window (carrier rules require the confirmation), still once per send_key and within the sender''s rate limit. At most 100 per lead and channel.';

--
-- Name: reactivation_plan(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reactivation_plan(p_first_channel text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    AS $$
  select pg_catalog.jsonb_build_object(
    'order', pg_catalog.to_jsonb(array[p_first_channel] || array(
      select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
      where c <> p_first_channel order by n)),
    'max_attempts', '{"voice": 1, "whatsapp": 1, "sms": 1, "email": 1}'::jsonb,
    'cooldown_minutes', '{"voice": 1440, "whatsapp": 1440, "sms": 1440, "email": 1440}'::jsonb)
$$;

--
-- Name: FUNCTION reactivation_plan(p_first_channel text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reactivation_plan(p_first_channel text) IS 'Fallback plan of a reactivation round: the chosen channel first, then voice, WhatsApp, SMS, email; one attempt each, a day apart.';

--
-- Name: read_lead_import_content(uuid, integer, integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if p_import_id is null or p_offset is null or p_offset < 0 or p_length is null or p_length < 1 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'p_import_id is required, p_offset must be 0 or more and p_length 1 or more';
  end if;
  return (select pg_catalog.substr(i.content, p_offset + 1, p_length) from public.lead_imports i where i.id = p_import_id);
end
$$;

--
-- Name: FUNCTION read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer) IS 'Called by the import_leads job to read a stored CSV a piece at a time: up to p_length characters of lead_imports.content after the first p_offset characters. An empty string past the end; null when the import has no stored file (it ended: done or failed, or an unknown id). Errors: 22023 invalid_argument (a negative offset, a length below 1).';

--
-- Name: ready_channels(uuid); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.ready_channels(p_account_id uuid) RETURNS TABLE(channel text, provider text)
    LANGUAGE sql STABLE
    AS $$
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

--
-- Name: FUNCTION ready_channels(p_account_id uuid); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.ready_channels(p_account_id uuid) IS 'Channels the account can send on now, with their provider: a default provider that is sink (always ready); or twilio / telnyx / elastic_email when the account stored its own credentials for it and Test connection has not found them refused (verify_ok is not false); Telnyx voice also needs the stored connection_id; or, when it stored none, when public.provider_readiness (the environment keys, written by the worker at start-up) says ready. Stored credentials that were refused make the channel not ready even when environment keys exist: sends use the stored ones.';

--
-- Name: record_account_invite_email(uuid, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone DEFAULT now()) RETURNS void
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  update public.account_invites
  set emailed_at = case when p_error is null then p_now end,
      email_error = pg_catalog.left(p_error, 300)
  where id = p_invite_id
$$;

--
-- Name: FUNCTION record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone) IS 'Records whether the invite email went out: p_error null sets emailed_at, otherwise keeps the reason (at most 300 characters) in email_error for the Team page.';

--
-- Name: record_ai_draft(uuid, text, text, real, text, text, boolean, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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

--
-- Name: FUNCTION record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone) IS 'Records the AI draft answering an inbound message (one per message and channel: a second call answers created false with the draft already there) when brain.ai_draft_plan still wants one (else {created: false, reason}), and decides auto-send on the spot. Holds, first match written as auto_send_reason with action needs_review: AUTO_SEND_DISABLED=1 (p_auto_send_disabled), the account''s switch off (org_settings.ai_auto_send_enabled), no campaign, a setter_managed campaign, a reply the consent classifier reads as opt_out or wrong_number, a reply that is an automatic one by its headers, template placeholders the lead cannot fill, no confidence, confidence below the campaign''s auto_send_threshold. Otherwise action auto_send: one touch (brain.queue_ai_draft_touch) scheduled a random auto_send_delay_min_seconds..auto_send_delay_max_seconds from p_now (send_after), and the draft approved by auto_send. Writes ai_draft_created (and ai_auto_send_scheduled) memory events. Returns {created, draft_id, action, reason, send_after, touch_run_id}. 22023 invalid_argument (body 1-1600 characters, confidence 0-1); P0002 message_not_found.';

--
-- Name: record_event(uuid, uuid, text, text, text, jsonb, text, timestamp with time zone, text, integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_event(p_account_id uuid, p_lead_id uuid, p_event_type text, p_event_source text, p_direction text, p_payload jsonb DEFAULT '{}'::jsonb, p_channel text DEFAULT NULL::text, p_created_at timestamp with time zone DEFAULT now(), p_dedupe_key text DEFAULT NULL::text, p_score_delta integer DEFAULT 0) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_id uuid;
begin
  insert into public.core_memory_events (account_id, lead_id, event_type, event_source, channel, direction, payload,
                                         score_delta, created_at, dedupe_key)
  values (p_account_id, p_lead_id, p_event_type, p_event_source, p_channel::public.channel, p_direction,
          coalesce(p_payload, '{}'::jsonb), coalesce(p_score_delta, 0), coalesce(p_created_at, pg_catalog.now()), p_dedupe_key)
  on conflict (account_id, dedupe_key) do nothing
  returning id into v_id;
  return v_id;
end
$$;

--
-- Name: FUNCTION record_event(p_account_id uuid, p_lead_id uuid, p_event_type text, p_event_source text, p_direction text, p_payload jsonb, p_channel text, p_created_at timestamp with time zone, p_dedupe_key text, p_score_delta integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_event(p_account_id uuid, p_lead_id uuid, p_event_type text, p_event_source text, p_direction text, p_payload jsonb, p_channel text, p_created_at timestamp with time zone, p_dedupe_key text, p_score_delta integer) IS 'Appends one event to core_memory_events (the lead''s memory): type, source, direction (inbound, outbound or internal), payload, channel, when, and an optional dedupe_key; an event whose dedupe_key the account already has is not recorded again (returns null). Returns the new event id.';

--
-- Name: record_inbound_post_process(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_message public.inbound_messages;
begin
  select m.* into v_message from public.inbound_messages m where m.id = p_inbound_message_id;
  if not found then
    return false;
  end if;
  return brain.record_event(v_message.account_id, v_message.lead_id, 'inbound_post_processed', 'inbound_post_process',
    'internal', pg_catalog.jsonb_build_object('inbound_message_id', v_message.id, 'stage', 'rules_only'),
    v_message.channel::text, p_now, 'inbound_post_process:' || v_message.id::text) is not null;
end
$$;

--
-- Name: FUNCTION record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone) IS 'The inbound_post_process job''s record that it ran for a message (once; the AI stage will add its findings here). Returns false when the message does not exist or was already processed.';

--
-- Name: record_lead_import_chunk(uuid, integer, integer, jsonb, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(status text, rows_done integer, applied boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_import public.lead_imports;
  v_count integer;
  v_bad text;
  v_refused jsonb := '{}'::jsonb;
  v_pos bigint;
  v_item record;
  v_result record;
  v_imported integer;
  v_duplicate integer;
  v_lead_ids uuid[];
  v_message text;
  v_detail text;
  v_enrolled bigint := 0;
begin
  if p_import_id is null or p_rows_done_before is null or p_rows_total is null then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = 'p_import_id, p_rows_done_before and p_rows_total are required';
  end if;
  if p_rows is null or pg_catalog.jsonb_typeof(p_rows) <> 'array' then
    raise exception using errcode = '22023', message = 'invalid_chunk', detail = 'p_rows must be a JSON array';
  end if;
  v_count := pg_catalog.jsonb_array_length(p_rows);
  if v_count not between 1 and 5000 then
    raise exception using errcode = '22023', message = 'invalid_chunk', detail = 'a chunk has 1 to 5000 rows';
  end if;
  -- Each item: {"row": n, "lead": {...}} to import, or {"row": n, "raw": [...], "reasons": [...]} refused.
  select pg_catalog.format('item %s', e.ord) into v_bad
  from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
  where not coalesce(case
          when pg_catalog.jsonb_typeof(e.item) is distinct from 'object' then false
          when pg_catalog.jsonb_typeof(e.item -> 'row') is distinct from 'number' then false
          when (e.item ->> 'row')::numeric < 2 or (e.item ->> 'row')::numeric > 2147483647
               or (e.item ->> 'row')::numeric <> pg_catalog.trunc((e.item ->> 'row')::numeric) then false
          when e.item ? 'lead' then pg_catalog.jsonb_typeof(e.item -> 'lead') = 'object'
          else pg_catalog.jsonb_typeof(e.item -> 'raw') = 'array'
               and pg_catalog.jsonb_typeof(e.item -> 'reasons') = 'array'
               and pg_catalog.jsonb_array_length(e.item -> 'reasons') > 0
        end, false)
  order by e.ord
  limit 1;
  if v_bad is not null then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('%s must be {row, lead} or {row, raw, reasons}, row a whole number from 2 (the header is row 1)', v_bad);
  end if;

  select i.* into v_import from public.lead_imports i where i.id = p_import_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_import_not_found',
      detail = pg_catalog.format('no lead import %s', p_import_id);
  end if;
  -- Done, failed, or already past this chunk (a retry or a second copy of the job).
  if v_import.status <> 'running' or v_import.rows_done <> p_rows_done_before then
    status := v_import.status;
    rows_done := v_import.rows_done;
    applied := false;
    return next;
    return;
  end if;
  if p_rows_total not between 0 and 200000
     or (v_import.rows_total is not null and v_import.rows_total <> p_rows_total) then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('rows_total %s does not match the %s already recorded for this import (limit 200000)',
                                 p_rows_total, v_import.rows_total);
  end if;
  if p_rows_done_before + v_count > p_rows_total then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('rows %s to %s are past the end of the file (%s rows)',
                                 p_rows_done_before + 1, p_rows_done_before + v_count, p_rows_total);
  end if;

  -- lead_events name the import as the actor.
  perform pg_catalog.set_config('app.actor', 'lead_import:' || p_import_id::text, true);

  -- Import the valid rows. find_or_create_lead may still refuse one (e.g. a time zone the
  -- server does not know): the whole pass is then undone, that row is recorded as refused,
  -- and the pass is repeated without it. One subtransaction per pass, not one per row.
  loop
    begin
      v_imported := 0;
      v_duplicate := 0;
      v_lead_ids := '{}';
      for v_item in
        select e.ord, e.item -> 'lead' as lead
        from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
        where e.item ? 'lead' and not v_refused ? e.ord::text
        order by e.ord
      loop
        v_pos := v_item.ord;
        select r.lead_id, r.created into v_result
        from public.find_or_create_lead(v_import.account_id, v_item.lead) r;
        if v_result.created then
          v_imported := v_imported + 1;
        else
          v_duplicate := v_duplicate + 1;
        end if;
        v_lead_ids := v_lead_ids || v_result.lead_id;
      end loop;
      v_pos := null;
      exit;
    exception when data_exception or check_violation or not_null_violation then
      if v_pos is null then
        raise;
      end if;
      get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail;
      v_refused := v_refused || pg_catalog.jsonb_build_object(
        v_pos::text,
        'refused by the database: ' || case when nullif(v_detail, '') is null then v_message else v_detail end);
      v_pos := null;
    end;
  end loop;

  insert into public.lead_import_rejects (account_id, import_id, row_number, raw, reasons, created_at)
  select v_import.account_id, p_import_id, (e.item ->> 'row')::integer,
         case when e.item ? 'lead' then coalesce(e.item -> 'raw', '[]'::jsonb) else e.item -> 'raw' end,
         case when e.item ? 'lead' then array[v_refused ->> e.ord::text]
              else array(select pg_catalog.jsonb_array_elements_text(e.item -> 'reasons')) end,
         p_now
  from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
  where not e.item ? 'lead' or v_refused ? e.ord::text;

  if v_import.campaign_id is not null and pg_catalog.cardinality(v_lead_ids) > 0
     and exists (select 1 from public.campaign_steps s where s.campaign_id = v_import.campaign_id and s.step = 1) then
    select r.enrolled into v_enrolled
    from public.enroll_leads(v_import.campaign_id, pg_catalog.jsonb_build_object('lead_ids', pg_catalog.to_jsonb(v_lead_ids)),
                             false, p_now) r;
  end if;

  update public.lead_imports i set
    rows_total = p_rows_total,
    rows_done = i.rows_done + v_count,
    rows_imported = i.rows_imported + v_imported,
    rows_duplicate = i.rows_duplicate + v_duplicate,
    rows_rejected = i.rows_rejected + (v_count - v_imported - v_duplicate),
    leads_enrolled = i.leads_enrolled + coalesce(v_enrolled, 0)::integer
  where i.id = p_import_id
  returning i.status, i.rows_done into status, rows_done;

  -- Keep find_or_create_lead's lookups index lookups as the account grows: merge the
  -- GIN pending list after every chunk that created leads, and refresh the planner's
  -- statistics when this import's new leads pass 1000, 2000, 4000, ...
  if v_imported > 0 then
    perform private.analyze_leads(exists (
      select 1 from pg_catalog.generate_series(0, 10) k
      where v_import.rows_imported < 1000 * 2 ^ k and v_import.rows_imported + v_imported >= 1000 * 2 ^ k));
  end if;
  applied := true;
  return next;
end
$$;

--
-- Name: FUNCTION record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone) IS 'Called by the import_leads job for each chunk of a running import (p_rows: up to 5000 items in file order, each {"row": n, "lead": {...find_or_create_lead keys}} to import or {"row": n, "raw": [fields], "reasons": [sentences]} refused by the job''s validation; row numbers count the header as row 1).
In one transaction: every lead goes through public.find_or_create_lead (created → rows_imported, matched → rows_duplicate, lead_events actor lead_import:<id>); a lead the function refuses (22xxx/23514) is recorded as rejected with its reason instead; refused items are stored in lead_import_rejects; imported and matched leads are enrolled in the import''s campaign (public.enroll_leads) when it has one; rows_total is set and rows_done (the cursor) advances by the chunk''s size. After a chunk that created leads, private.analyze_leads merges the GIN pending list of leads and, when the import''s new leads pass 1000, 2000, 4000, ..., refreshes the planner statistics, so lookups stay index lookups as the account grows.
Applied only when the import is running and rows_done equals p_rows_done_before; otherwise nothing changes and applied is false (a retried or duplicated job re-reads rows_done and continues from there). Returns (status, rows_done, applied).
Errors (nothing changes): 22023 invalid_chunk (malformed items, rows_total different from the recorded one or above 200000, rows past the end); P0002 lead_import_not_found.';

--
-- Name: record_reply_sentiment(uuid, text, text, text, real, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real DEFAULT NULL::real, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_m public.inbound_messages;
  v_recorded boolean := false;
  v_rejected integer := 0;
  v_draft record;
begin
  if p_tag is null or p_tag not in ('Interested', 'Meeting Requested', 'Follow Up', 'Not Interested', 'Out of Office',
                                    'Automated Reply', 'Blacklist', 'Neutral') then
    raise exception using errcode = '22023', message = 'invalid_sentiment_tag',
      detail = pg_catalog.format('%L is not one of Interested, Meeting Requested, Follow Up, Not Interested, Out of Office, Automated Reply, Blacklist, Neutral', p_tag);
  end if;
  if p_source is null or p_source not in ('rules', 'llm', 'no_key') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'source must be rules, llm or no_key';
  end if;
  if p_confidence is not null and (p_confidence < 0 or p_confidence > 1 or p_confidence = 'NaN'::real) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'confidence is between 0 and 1';
  end if;

  update public.inbound_messages m
  set sentiment_tag = p_tag, sentiment_source = p_source,
      sentiment_reason = pg_catalog.left(coalesce(nullif(pg_catalog.btrim(p_reason), ''), p_source), 500),
      sentiment_confidence = p_confidence, classified_at = p_now
  where m.id = p_message_id and m.classified_at is null
  returning m.* into v_m;
  v_recorded := found;
  if not v_recorded then
    select m.* into v_m from public.inbound_messages m where m.id = p_message_id;
    if not found then
      raise exception using errcode = 'P0002', message = 'message_not_found', detail = 'no such inbound message';
    end if;
    return pg_catalog.jsonb_build_object('recorded', false, 'tag', v_m.sentiment_tag, 'source', v_m.sentiment_source,
                                         'reason', v_m.sentiment_reason, 'drafts_rejected', 0,
                                         'plan', brain.ai_draft_plan(v_m.id, p_now));
  end if;

  -- The lead's latest reply decides its tag (an older reply classified late does not).
  update public.leads l
  set sentiment_tag = v_m.sentiment_tag, sentiment_tagged_at = v_m.received_at
  where l.id = v_m.lead_id and (l.sentiment_tagged_at is null or l.sentiment_tagged_at <= v_m.received_at)
    and l.sentiment_tag is distinct from v_m.sentiment_tag;
  update public.leads l set sentiment_tagged_at = v_m.received_at
  where l.id = v_m.lead_id and l.sentiment_tag = v_m.sentiment_tag and l.sentiment_tagged_at < v_m.received_at;

  perform brain.record_event(v_m.account_id, v_m.lead_id, 'reply_classified', 'inbound_post_process', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('inbound_message_id', v_m.id, 'tag', v_m.sentiment_tag,
      'source', v_m.sentiment_source, 'reason', v_m.sentiment_reason, 'confidence', v_m.sentiment_confidence)),
    v_m.channel::text, p_now, 'reply_classified:' || v_m.id::text);

  -- Drafts this reply makes moot.
  for v_draft in
    select d.id, d.status, d.touch_run_id, d.decided_by, t.status as touch_status
    from public.ai_drafts d
    join public.inbound_messages o on o.id = d.inbound_message_id and o.account_id = d.account_id
    left join public.touch_runs t on t.id = d.touch_run_id and t.account_id = d.account_id
    where d.lead_id = v_m.lead_id and d.account_id = v_m.account_id
      and (d.status = 'pending'
           or (d.status = 'approved' and d.decided_by = 'auto_send' and t.status in ('scheduled', 'queued')))
      and (v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
           or (o.received_at, o.id) < (v_m.received_at, v_m.id))
    for update of d
  loop
    if v_draft.status = 'approved' then
      -- Only while the dispatcher has not taken it: a touch being claimed is left to go.
      perform 1 from public.touch_runs t
      where t.id = v_draft.touch_run_id and t.account_id = v_m.account_id and t.status in ('scheduled', 'queued')
      for update skip locked;
      if not found then
        continue;
      end if;
      perform brain.cancel_touch(v_draft.touch_run_id, 'draft_superseded',
        'canceled: the lead replied again before this auto-sent draft went out', p_now,
        pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'inbound_message_id', v_m.id));
    end if;
    update public.ai_drafts d
    set status = 'rejected', decided_by = 'system', decided_at = p_now,
        decision_reason = case when v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
                               then 'the lead''s reply was tagged ' || v_m.sentiment_tag
                               else 'the lead replied again' end
    where d.id = v_draft.id and d.account_id = v_m.account_id;
    perform brain.record_event(v_m.account_id, v_m.lead_id, 'ai_draft_rejected', 'inbound_post_process', 'internal',
      pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', 'system', 'inbound_message_id', v_m.id,
                                    'reason', case when v_m.sentiment_tag in ('Blacklist', 'Automated Reply')
                                                   then 'tagged ' || v_m.sentiment_tag else 'replied again' end),
      v_m.channel::text, p_now);
    v_rejected := v_rejected + 1;
  end loop;

  return pg_catalog.jsonb_build_object('recorded', true, 'tag', v_m.sentiment_tag, 'source', v_m.sentiment_source,
                                       'reason', v_m.sentiment_reason, 'drafts_rejected', v_rejected,
                                       'plan', brain.ai_draft_plan(v_m.id, p_now));
end
$$;

--
-- Name: FUNCTION record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real, p_now timestamp with time zone) IS 'Records an inbound message''s sentiment tag once (the first call wins; later ones answer recorded false with the tag already there): sentiment_tag, sentiment_source (rules, llm or no_key), sentiment_reason, sentiment_confidence, classified_at. Sets the lead''s sentiment_tag when this is its latest classified reply, writes a reply_classified memory event (dedupe reply_classified:<message>), and rejects the drafts the reply makes moot: with Blacklist or Automated Reply every pending draft of the lead, otherwise the pending drafts answering its older replies; an auto-sent draft answering an older reply whose touch is still scheduled or queued is canceled too (brain.cancel_touch, draft_superseded) and rejected. Each rejection is an ai_draft_rejected event. Returns {recorded, tag, source, reason, drafts_rejected, plan: brain.ai_draft_plan}. 22023 invalid_sentiment_tag or invalid_argument; P0002 message_not_found.';

--
-- Name: record_touch_outcome(uuid, text, text, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text DEFAULT NULL::text, p_provider_status text DEFAULT NULL::text, p_error_code text DEFAULT NULL::text, p_error_message text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return (select r.answer from brain.record_touch_outcome_rows(pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'touch_run_id', p_touch_run_id, 'result', p_result, 'provider_message_id', p_provider_message_id,
    'provider_status', p_provider_status, 'error_code', p_error_code, 'error_message', p_error_message)), p_now) r);
end
$$;

--
-- Name: FUNCTION record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text, p_provider_status text, p_error_code text, p_error_message text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text, p_provider_status text, p_error_code text, p_error_message text, p_now timestamp with time zone) IS 'Records a claimed touch''s outcome once (later calls are no-ops): accepted → sent, rejected/not_sent → failed, unknown → unknown (left for reconciliation). Updates touch_runs and outbound_messages, writes one touch_sent / touch_failed / touch_outcome_unknown memory event (dedupe_key touch_outcome:<id>:<event>), moves a new or dead lead to touched on a send (not for transactional replies), starts the TIMER_7D/14D/30D timers on the first touch, then lets the smart router (brain.route_touch) decide what comes next. A touch of unknown outcome may later be settled as accepted, rejected or not_sent; when it is settled as not_sent with error_code reconciled_not_found (the provider confirmed it never received it) it is failed and sent again as a new touch_run with attempt + 1 (its own send_key, retry_of = this touch, status queued now, so the next claim checks consent, quiet hours and suppression again); the memory event is then an internal touch_not_received (reason reconciled_not_found, retried_as: the new touch; not counted as an attempt), the answer carries retried_as and attempt, and nothing is routed until the new attempt has an outcome. At most one re-send per attempt (unique attempt key), never past attempt 100.';

--
-- Name: record_touch_outcome_rows(jsonb, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touch_run_id uuid, answer jsonb)
    LANGUAGE plpgsql
    SET search_path TO ''
    SET plan_cache_mode TO 'force_generic_plan'
    AS $_$
declare
  v_items jsonb;
  v_bad record;
  v_answers jsonb := '{}'::jsonb;
  v_round integer := 0;
  v_round_ns integer[];
  v_rows jsonb;
  v_r jsonb;
  v_retries jsonb := '{}'::jsonb;
  v_retry_id uuid;
  v_leads uuid[];
  v_timed uuid[];
begin
  if pg_catalog.jsonb_typeof(p_outcomes) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'outcomes must be a JSON array of {touch_run_id, result, …} objects';
  end if;
  -- Each element with its place (n), its touch and its lead.
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'n', x.n, 'id', x.item ->> 'touch_run_id', 'result', x.item ->> 'result',
           'provider_message_id', x.item ->> 'provider_message_id', 'provider_status', x.item ->> 'provider_status',
           'error_code', x.item ->> 'error_code', 'error_message', x.item ->> 'error_message',
           'found', t.id is not null, 'lead_id', t.lead_id, 'account_id', t.account_id) order by x.n), '[]'::jsonb)
  into v_items
  from pg_catalog.jsonb_array_elements(p_outcomes) with ordinality x(item, n)
  -- By id alone, as a single outcome names its touch: the account comes from the row.
  left join lateral (select t_.id, t_.lead_id, t_.account_id from public.touch_runs t_
                     where t_.id = (x.item ->> 'touch_run_id')::uuid) t on true;

  -- Refused as a single record_touch_outcome refuses it: the first bad element raises.
  for v_bad in select e from pg_catalog.jsonb_array_elements(v_items) e
               where e ->> 'result' is null or e ->> 'result' not in ('accepted', 'rejected', 'not_sent', 'unknown')
                  or not (e ->> 'found')::boolean
               order by (e ->> 'n')::integer limit 1 loop
    if (v_bad.e ->> 'result') is null or (v_bad.e ->> 'result') not in ('accepted', 'rejected', 'not_sent', 'unknown') then
      raise exception using errcode = '22023', message = 'invalid_argument',
        detail = pg_catalog.format('result must be accepted, rejected, not_sent or unknown, not %s', coalesce(v_bad.e ->> 'result', 'null'));
    end if;
    raise exception using errcode = 'P0002', message = 'touch_not_found',
      detail = pg_catalog.format('no touch with id %s is visible', v_bad.e ->> 'id');
  end loop;

  loop
    v_round := v_round + 1;
    select coalesce(pg_catalog.array_agg(r.n order by r.n), '{}') into v_round_ns
    from (select (e ->> 'n')::integer as n,
                 pg_catalog.row_number() over (partition by e ->> 'lead_id' order by (e ->> 'n')::integer) as k
          from pg_catalog.jsonb_array_elements(v_items) e) r
    where r.k = v_round;
    exit when pg_catalog.cardinality(v_round_ns) = 0;

    perform 1 from public.touch_runs t
    where t.id = any(select (e ->> 'id')::uuid from pg_catalog.jsonb_array_elements(v_items) e
                     where (e ->> 'n')::integer = any(v_round_ns))
    order by t.id for update;

    -- Idempotent: only a touch being sent (or of unknown outcome, when reconciling) takes an outcome.
    select coalesce(pg_catalog.jsonb_agg(e || pg_catalog.jsonb_build_object(
             'account_id', t.account_id, 'campaign_id', t.campaign_id, 'step', t.step, 'attempt', t.attempt,
             'channel', t.channel, 'send_key', t.send_key, 'provider', t.provider, 'payload', t.payload,
             'was', t.status,
             'recordable', t.status in ('sending', 'unknown') and not (t.status = 'unknown' and e ->> 'result' = 'unknown'),
             'status', case e ->> 'result' when 'accepted' then 'sent' when 'unknown' then 'unknown' else 'failed' end,
             'event', case e ->> 'result' when 'accepted' then 'touch_sent' when 'unknown' then 'touch_outcome_unknown' else 'touch_failed' end)
           order by (e ->> 'n')::integer), '[]'::jsonb)
    into v_rows
    from pg_catalog.jsonb_array_elements(v_items) e
    join public.touch_runs t on t.id = (e ->> 'id')::uuid and t.account_id = (e ->> 'account_id')::uuid
    where (e ->> 'n')::integer = any(v_round_ns);

    select v_answers || coalesce(pg_catalog.jsonb_object_agg(r ->> 'n', pg_catalog.jsonb_build_object('recorded', false, 'status', r ->> 'was')), '{}'::jsonb)
    into v_answers
    from pg_catalog.jsonb_array_elements(v_rows) r where not (r ->> 'recordable')::boolean;
    select coalesce(pg_catalog.jsonb_agg(r order by (r ->> 'n')::integer), '[]'::jsonb) into v_rows
    from pg_catalog.jsonb_array_elements(v_rows) r where (r ->> 'recordable')::boolean;
    continue when pg_catalog.jsonb_array_length(v_rows) = 0;

    update public.touch_runs t
    set status = r ->> 'status',
        provider_message_id = coalesce(r ->> 'provider_message_id', t.provider_message_id),
        sent_at = case when r ->> 'status' = 'sent' then p_now else t.sent_at end,
        failed_at = case when r ->> 'status' = 'failed' then p_now else t.failed_at end,
        error_code = case when r ->> 'status' = 'sent' then null else r ->> 'error_code' end,
        error_message = case when r ->> 'status' = 'sent' then null else r ->> 'error_message' end
    from pg_catalog.jsonb_array_elements(v_rows) r
    where t.id = (r ->> 'id')::uuid;

    update public.outbound_messages m
    set status = case r ->> 'status' when 'sent' then 'sent' when 'failed' then 'failed' else 'unknown' end,
        provider_message_id = coalesce(r ->> 'provider_message_id', m.provider_message_id),
        provider_status = coalesce(r ->> 'provider_status', m.provider_status),
        sent_at = case when r ->> 'status' = 'sent' then p_now else m.sent_at end,
        failed_at = case when r ->> 'status' = 'failed' then p_now else m.failed_at end,
        error_code = case when r ->> 'status' = 'sent' then null else r ->> 'error_code' end,
        error_message = case when r ->> 'status' = 'sent' then null else r ->> 'error_message' end
    from pg_catalog.jsonb_array_elements(v_rows) r
    where m.account_id = (r ->> 'account_id')::uuid and m.send_key = r ->> 'send_key' and m.status in ('pending', 'unknown');

    -- The provider confirmed it never received this attempt (reconciliation of an unknown
    -- touch): it is sent again as the next attempt, with its own send_key, through a new
    -- claim (consent, quiet hours and suppression are checked again there). Only then;
    -- never on a guess, and never twice for one attempt (the attempt is unique).
    if v_rows @? '$[*] ? (@.was == "unknown" && @.result == "not_sent" && @.error_code == "reconciled_not_found")' then
      for v_r in select r from pg_catalog.jsonb_array_elements(v_rows) r
                 where r ->> 'was' = 'unknown' and r ->> 'result' = 'not_sent' and r ->> 'error_code' = 'reconciled_not_found'
                   and (r ->> 'attempt')::integer < 100
                 order by (r ->> 'n')::integer loop
        v_retry_id := null;
        insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at,
                                       payload, retry_of)
        values ((v_r ->> 'account_id')::uuid, (v_r ->> 'lead_id')::uuid, (v_r ->> 'campaign_id')::uuid, (v_r ->> 'step')::integer,
                (v_r ->> 'channel')::public.channel, (v_r ->> 'attempt')::integer + 1, 'queued', p_now, v_r -> 'payload',
                (v_r ->> 'id')::uuid)
        on conflict on constraint touch_runs_attempt_key do nothing
        returning id into v_retry_id;
        if v_retry_id is not null then
          v_retries := v_retries || pg_catalog.jsonb_build_object(v_r ->> 'n', v_retry_id);
        end if;
      end loop;
    end if;

    -- One memory event per outcome. Never received, so not an attempt that reached the
    -- lead (v_lead_channel_attempts counts touch_sent and touch_failed): the event says so
    -- (touch_not_received), and the timeline shows it.
    perform brain.record_event((r ->> 'account_id')::uuid, (r ->> 'lead_id')::uuid, x.event, 'dispatch_touch',
      case when r ->> 'status' = 'unknown' or x.retry_id is not null then 'internal' else 'outbound' end,
      pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'touch_run_id', r ->> 'id', 'send_key', r ->> 'send_key', 'campaign_id', (r ->> 'campaign_id')::uuid,
        'step', (r ->> 'step')::integer, 'attempt', (r ->> 'attempt')::integer, 'provider', r ->> 'provider',
        'provider_message_id', r ->> 'provider_message_id', 'error_code', r ->> 'error_code', 'retried_as', x.retry_id,
        'reason', case when x.retry_id is not null then 'reconciled_not_found' end,
        'source', r -> 'payload' -> 'meta' ->> 'source')),
      r ->> 'channel', p_now, 'touch_outcome:' || (r ->> 'id') || ':' || x.event)
    from pg_catalog.jsonb_array_elements(v_rows) r
    cross join lateral (select (v_retries ->> (r ->> 'n'))::uuid as retry_id) y
    cross join lateral (select y.retry_id,
                               case when y.retry_id is not null then 'touch_not_received' else r ->> 'event' end as event) x
    order by (r ->> 'n')::integer;

    if v_rows @? '$[*] ? (@.status == "unknown")' then
      select v_answers || coalesce(pg_catalog.jsonb_object_agg(r ->> 'n', pg_catalog.jsonb_build_object('recorded', true, 'status', 'unknown')), '{}'::jsonb)
      into v_answers
      from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' = 'unknown';
    end if;

    -- A send (not a transactional reply) moves a new or dead lead to touched, and the first
    -- touch (of a cadence, or after the last timers ran out) starts the 7/14/30-day timers (seed 004).
    if v_rows @? '$[*] ? (@.status == "sent")' then
      select coalesce(pg_catalog.array_agg((r ->> 'lead_id')::uuid order by (r ->> 'n')::integer), '{}') into v_leads
      from pg_catalog.jsonb_array_elements(v_rows) r
      join public.leads l on l.id = (r ->> 'lead_id')::uuid and l.account_id = (r ->> 'account_id')::uuid
      where r ->> 'status' = 'sent' and coalesce(r -> 'payload' -> 'meta' ->> 'transactional', 'false') <> 'true'
        and l.lead_state in ('new', 'dead');
      if pg_catalog.cardinality(v_leads) > 0 then
        perform 1 from brain.transition_leads(v_leads, 'touched', 'touch_sent', 'dispatch_touch');
      end if;
      -- Leads of this round's sends that have 7/14/30-day timers under way, each looked up by
      -- the timers' unique key (account_id, lead_id, timer_type): one lateral probe per lead
      -- (limit 1 keeps it a probe), whatever the planner guesses about the table's size, and
      -- "neither executed nor cancelled" as one coalesce so that the partial index of due
      -- timers (every pending timer of every lead) cannot be taken for it.
      select coalesce(pg_catalog.array_agg(x.lead_id), '{}') into v_timed
      from (select distinct (r ->> 'account_id')::uuid as account_id, (r ->> 'lead_id')::uuid as lead_id
            from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' = 'sent') x
      cross join lateral (select 1 from public.lead_timers lt
                          where lt.account_id = x.account_id and lt.lead_id = x.lead_id
                            and lt.timer_type in ('TIMER_7D', 'TIMER_14D', 'TIMER_30D')
                            and coalesce(lt.executed_at, lt.cancelled_at) is null
                          limit 1) y;
      insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at, payload)
      select (r ->> 'account_id')::uuid, (r ->> 'lead_id')::uuid, x.timer_type, p_now + x.after,
             pg_catalog.jsonb_build_object('touch_run_id', (r ->> 'id')::uuid, 'campaign_id', (r ->> 'campaign_id')::uuid)
      from pg_catalog.jsonb_array_elements(v_rows) r
      cross join (values ('TIMER_7D', interval '7 days'), ('TIMER_14D', interval '14 days'), ('TIMER_30D', interval '30 days')) x(timer_type, after)
      where r ->> 'status' = 'sent' and coalesce(r -> 'payload' -> 'meta' ->> 'transactional', 'false') <> 'true'
        and not ((r ->> 'lead_id')::uuid = any(v_timed))
      on conflict (account_id, lead_id, timer_type) do update
        set trigger_at = excluded.trigger_at, executed_at = null, cancelled_at = null, attempts = 0,
            last_error = null, payload = excluded.payload;
    end if;

    -- The intent is still on its way (the next attempt): nothing to route yet. Else the
    -- smart router decides what comes next, touch by touch.
    for v_r in select r from pg_catalog.jsonb_array_elements(v_rows) r where r ->> 'status' <> 'unknown'
               order by (r ->> 'n')::integer loop
      v_answers := v_answers || pg_catalog.jsonb_build_object(v_r ->> 'n',
        case when v_retries ? (v_r ->> 'n') then
          pg_catalog.jsonb_build_object('recorded', true, 'status', v_r ->> 'status', 'retried_as', v_retries -> (v_r ->> 'n'),
                                        'attempt', (v_r ->> 'attempt')::integer + 1)
        else pg_catalog.jsonb_build_object('recorded', true, 'status', v_r ->> 'status',
                                           'route', brain.route_touch((v_r ->> 'id')::uuid, p_now)) end);
    end loop;
  end loop;

  return query
    select (e ->> 'id')::uuid, v_answers -> (e ->> 'n')
    from pg_catalog.jsonb_array_elements(v_items) e
    order by (e ->> 'n')::integer;
end
$_$;

--
-- Name: FUNCTION record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone) IS 'Records the outcomes of a set of claimed touches (p_outcomes: a JSON array of {touch_run_id, result, provider_message_id, provider_status, error_code, error_message}), set-based, with exactly brain.record_touch_outcome''s rules, writes and answers (see brain.record_touch_outcome); one row per element, in order: touch_run_id and the answer. An element with an invalid result raises invalid_argument and one whose touch is not visible raises touch_not_found, so nothing is recorded. Outcomes of one lead are recorded one per round in the given order, so a later one sees what an earlier one did (a second outcome for the same touch is answered recorded false). brain.record_touch_outcome is this function for one outcome; brain.record_touch_outcomes calls it for a batch.';

--
-- Name: record_touch_outcomes(jsonb, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_item jsonb;
  v_answer jsonb;
  v_answers jsonb := '[]'::jsonb;
  v_state text;
  v_message text;
begin
  if pg_catalog.jsonb_typeof(p_outcomes) is distinct from 'array' or pg_catalog.jsonb_array_length(p_outcomes) > 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'outcomes must be a JSON array of at most 1000 {touch_run_id, result, …} objects';
  end if;
  -- The whole batch at once; when any element raises (unknown touch, invalid result, a
  -- lock conflict) that work is undone and each element is recorded on its own.
  begin
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('touch_run_id', x.item ->> 'touch_run_id') || r.answer
                                         order by x.n), '[]'::jsonb)
    into v_answers
    from brain.record_touch_outcome_rows(p_outcomes, p_now) with ordinality r(touch_run_id, answer, n)
    join pg_catalog.jsonb_array_elements(p_outcomes) with ordinality x(item, n) on x.n = r.n;
    return v_answers;
  exception when others then
    v_answers := '[]'::jsonb;
  end;
  for v_item in select x from pg_catalog.jsonb_array_elements(p_outcomes) x loop
    begin
      select r.answer into v_answer from brain.record_touch_outcome_rows(pg_catalog.jsonb_build_array(v_item), p_now) r;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      v_answer := pg_catalog.jsonb_build_object('recorded', false, 'error', v_message, 'sqlstate', v_state);
    end;
    v_answers := v_answers || pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('touch_run_id', v_item ->> 'touch_run_id') || v_answer);
  end loop;
  return v_answers;
end
$$;

--
-- Name: FUNCTION record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone) IS 'Records the outcomes of a batch of claimed touches in one transaction: p_outcomes is a JSON array (at most 1000) of {touch_run_id, result (accepted, rejected, not_sent, unknown), provider_message_id, provider_status, error_code, error_message}; the batch is recorded by brain.record_touch_outcome_rows, set-based, with brain.record_touch_outcome''s rules (idempotent: a touch already final is answered recorded false). Answers a JSON array in the same order, each element brain.record_touch_outcome''s answer plus touch_run_id; when an element raises (unknown touch, invalid result, a lock conflict) the batch''s work is undone and each element is recorded on its own: the one that raised is undone alone and answered {recorded: false, error, sqlstate} for the caller to retry, without losing the others.';

--
-- Name: refresh_lead_priorities(timestamp with time zone, integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.refresh_lead_priorities(p_now timestamp with time zone DEFAULT now(), p_limit integer DEFAULT 50000) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_updated integer;
begin
  with candidates as (
    select l.account_id, l.id
    from public.leads l
    where l.priority_scored_at is null
    union
    select distinct e.account_id, e.lead_id
    from public.core_memory_events e
    where e.score_delta <> 0
      and e.created_at > p_now - interval '31 days'
      and e.created_at <= p_now
  ), due as (
    select l.id
    from candidates c
    join public.leads l on l.id = c.id and l.account_id = c.account_id
    where l.priority_scored_at is null or l.priority_scored_at < p_now - interval '1 hour'
    order by l.priority_scored_at nulls first
    limit p_limit
  )
  update public.leads l
  set priority_score = brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                           (select g.engagement from brain.lead_engagement(l.id, p_now) g)),
      priority_scored_at = p_now
  from due, public.lead_states st
  where l.id = due.id and st.state = l.lead_state;
  get diagnostics v_updated = row_count;
  return v_updated;
end
$$;

--
-- Name: FUNCTION refresh_lead_priorities(p_now timestamp with time zone, p_limit integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.refresh_lead_priorities(p_now timestamp with time zone, p_limit integer) IS 'Recomputes stored priority_score, at most p_limit leads per call: leads never scored, and leads with scored memory events in the last 31 days whose score is more than an hour old (so decay and the 30-day horizon are reflected within an hour and a day). Returns how many it updated. Run from the worker''s crontab.';

--
-- Name: render_template(text, jsonb); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.render_template(p_text text, p_variables jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
declare
  v_problems text[];
  v_pieces text[];
  v_out text;
  v_ph record;
  v_value text;
  v_i integer := 1;
begin
  if p_text is null then
    return null;
  end if;
  -- No {{, no placeholder (brain.template_placeholders finds none): the text is final.
  if pg_catalog.strpos(p_text, '{{') = 0 then
    return p_text;
  end if;
  v_problems := brain.template_problems(p_text, p_variables);
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using
      errcode = '22023',
      message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the template cannot be rendered: %s', pg_catalog.array_to_string(v_problems, ', '));
  end if;
  -- The literal text between placeholders, then each value exactly as stored: no
  -- pattern replacement (so \1 and & stay as typed) and no second pass (so a value
  -- containing {{x}} is not expanded).
  v_pieces := pg_catalog.regexp_split_to_array(p_text, '\{\{[^{}]*\}\}');
  v_out := v_pieces[1];
  for v_ph in select p.variable, p.has_default, p.default_text from brain.template_placeholders(p_text) p order by p.pos loop
    v_value := p_variables ->> v_ph.variable;
    if pg_catalog.btrim(coalesce(v_value, '')) = '' then
      v_value := v_ph.default_text;
    end if;
    v_i := v_i + 1;
    v_out := v_out || coalesce(v_value, '') || v_pieces[v_i];
  end loop;
  return v_out;
end
$$;

--
-- Name: FUNCTION render_template(p_text text, p_variables jsonb); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.render_template(p_text text, p_variables jsonb) IS 'Renders {{variable}} and {{variable|default}} placeholders with p_variables. Values appear literally (no backreference expansion, no recursive substitution). Raises 22023 with message unknown_template_variable, invalid_template_placeholder or missing_lead_data (detail: every problem, e.g. missing_lead_data:first_name) instead of rendering a blank; brain.template_problems says the same without raising.';

--
-- Name: reply_rules(text, text, text, text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reply_rules(p_body text, p_subject text DEFAULT NULL::text, p_consent_kind text DEFAULT NULL::text, p_consent_rule text DEFAULT NULL::text, p_auto_kind text DEFAULT NULL::text, p_auto_reason text DEFAULT NULL::text) RETURNS TABLE(tag text, reason text)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
declare
  v_text text := pg_catalog.concat_ws(' ', p_subject, p_body);
  v_s text;
  v_consent record;
  v_hit text;
  v_words integer;
begin
  -- 1. consent. The caller passes what the classifier said of the body at ingest; the
  -- subject (email) is read here too, since "Unsubscribe" often is the whole subject.
  if p_consent_kind in ('opt_out', 'wrong_number') then
    tag := 'Blacklist';
    reason := 'consent: ' || p_consent_kind || coalesce(' (' || p_consent_rule || ')', '');
    return next;
    return;
  end if;
  if p_subject is not null then
    select c.kind, c.rule into v_consent from brain.classify_consent(p_subject) c;
    if v_consent.kind in ('opt_out', 'wrong_number') then
      tag := 'Blacklist';
      reason := 'consent: ' || v_consent.kind || ' in the subject (' || v_consent.rule || ')';
      return next;
      return;
    end if;
  end if;

  -- 2. bounce.
  if p_auto_kind = 'bounce' then
    tag := 'Blacklist';
    reason := 'bounce' || coalesce(': ' || p_auto_reason, '');
    return next;
    return;
  end if;

  v_s := ' ' || pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(v_text, '')), '[^a-z0-9]+', ' ', 'g')) || ' ';

  -- 3. out of office.
  v_hit := pg_catalog.substring(v_s,
    '\m(out of (the )?office|ooo|on (annual |parental |maternity |paternity |sick |medical )?leave'
        '|on (vacation|holiday|holidays|pto)|away from (the |my )?(office|desk|email|e mail)'
        '|(back|return|returning) (in|to) the office|limited access to (my )?(email|e mail)'
        '|fuera de (la )?oficina|de vacaciones|ausente (hasta|del)|acceso limitado al correo)\M');
  if v_hit is not null then
    tag := 'Out of Office';
    reason := 'out of office: "' || v_hit || '"';
    return next;
    return;
  end if;

  -- 4. automatic replies.
  if p_auto_kind = 'auto_reply' then
    tag := 'Automated Reply';
    reason := 'automatic reply' || coalesce(': ' || p_auto_reason, '');
    return next;
    return;
  end if;
  v_hit := pg_catalog.substring(v_s,
    '\m(this is an? (automated|automatic|auto generated) (message|response|reply|email|notification)'
        '|(automated|automatic) (reply|response)|auto reply|autoreply|auto response'
        '|(do not|don t|please do not) reply to this (email|e mail|message|address)'
        '|this (mailbox|inbox|address|email address) is (not|no longer) (monitored|checked|in use|active)'
        '|(respuesta|mensaje|correo) automatic[oa]|no responda (a )?este (correo|mensaje)'
        '|este (buzon|correo) no (es|esta) (monitoreado|supervisado))\M');
  if v_hit is not null then
    tag := 'Automated Reply';
    reason := 'automatic reply: "' || v_hit || '"';
    return next;
    return;
  end if;

  -- 6 before 5: nothing to read.
  if pg_catalog.btrim(v_s) = '' then
    tag := 'Neutral';
    reason := 'no text';
    return next;
    return;
  end if;

  -- 5. plain not interested.
  if brain.classify_reply(coalesce(p_body, ''), coalesce(p_consent_kind, 'none')) = 'negative' then
    v_words := pg_catalog.array_length(pg_catalog.regexp_split_to_array(pg_catalog.btrim(v_s), ' '), 1);
    if v_words <= 15 and v_s !~ '\m(but|maybe|perhaps|later|next (week|month|year|time|season)|not (right )?now|not yet|unless|if|call me|text me|email me|pero|quizas|tal vez|talvez|despues|mas adelante|luego|todavia no|ahora no|el (mes|ano) que viene|llamame|escribeme|si)\M' then
      tag := 'Not Interested';
      reason := 'not interested, plainly';
      return next;
      return;
    end if;
  end if;
  return;
end
$$;

--
-- Name: FUNCTION reply_rules(p_body text, p_subject text, p_consent_kind text, p_consent_rule text, p_auto_kind text, p_auto_reason text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reply_rules(p_body text, p_subject text, p_consent_kind text, p_consent_rule text, p_auto_kind text, p_auto_reason text) IS 'The tags a reply gets without any model call (issue 17), first match wins: Blacklist when the consent classifier read it (p_consent_kind, or the subject) as opt_out or wrong_number, or its headers made it a bounce (p_auto_kind = bounce); Out of Office by its words (out of office, OOO, on vacation/leave, away from the office, fuera de la oficina, de vacaciones, …); Automated Reply by its headers (p_auto_kind = auto_reply) or words (this is an automated message, do not reply to this email, respuesta automática, …); Neutral when there is no text; Not Interested when brain.classify_reply reads it as negative in at most 15 words with nothing that leaves a door open (but, maybe, later, next month, pero, quizás, más adelante, …). No row: the reply needs the model. reason says which rule matched.';

--
-- Name: reply_target_address(text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reply_target_address(p_phone text, p_channel text DEFAULT 'sms'::text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(
    (select m.from_address
       from public.leads l
       cross join lateral (
         select o.from_address, o.created_at
           from public.outbound_messages o
          where o.lead_id = l.id and o.channel::text = p_channel and o.from_address is not null
          order by o.created_at desc
          limit 1) m
      where l.phone = p_phone
      order by m.created_at desc
      limit 1),
    (select x.sender ->> 'address'
       from public.leads l
       join public.account_provider_settings s on s.account_id = l.account_id and s.channel::text = p_channel
       cross join lateral pg_catalog.jsonb_array_elements(s.config -> 'senders') with ordinality x(sender, n)
      where l.phone = p_phone
      order by l.created_at, s.is_default desc, (x.sender ->> 'persona' = 'initial') desc, x.n
      limit 1))
$$;

--
-- Name: FUNCTION reply_target_address(p_phone text, p_channel text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reply_target_address(p_phone text, p_channel text) IS 'The number a lead with phone p_phone would reply to on p_channel: the sender of the newest outbound message to that phone, else the first initial-persona sender of the account holding the lead. Null when neither exists. Used by make reply.';

--
-- Name: reply_transcript(uuid, timestamp with time zone, integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone DEFAULT now(), p_limit integer DEFAULT 40) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'at', x.occurred_at, 'direction', x.direction, 'channel', x.channel, 'subject', x.subject,
           'body', pg_catalog.left(x.body, 2000))) order by x.occurred_at, x.direction), '[]'::jsonb)
  from (
    select e.occurred_at, e.direction, e.channel, e.subject, e.body
    from (
      select m.received_at as occurred_at, 'inbound'::text as direction, m.channel::text as channel, m.subject, m.body
      from public.inbound_messages m
      where m.lead_id = p_lead_id and m.received_at <= p_up_to
      union all
      select coalesce(o.sent_at, o.created_at), 'outbound', o.channel::text, o.subject, o.body
      from public.outbound_messages o
      where o.lead_id = p_lead_id and o.status in ('sent', 'delivered', 'unknown')
        and coalesce(o.sent_at, o.created_at) <= p_up_to
    ) e
    order by e.occurred_at desc
    limit greatest(1, least(coalesce(p_limit, 40), 200))
  ) x
$$;

--
-- Name: FUNCTION reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone, p_limit integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone, p_limit integer) IS 'The lead''s conversation as the AI inbox''s model reads it: its last p_limit (default 40, at most 200) messages up to p_up_to, inbound (inbound_messages) and outbound (outbound_messages sent, delivered or of unknown outcome), every channel, oldest first, as a json array of {at, direction, channel, subject (email), body (at most 2,000 characters)}.';

--
-- Name: reserve_sender_slot(uuid, text, text, integer, timestamp with time zone, interval); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reserve_sender_slot(p_account_id uuid, p_channel text, p_sender text, p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval DEFAULT '00:00:02.5'::interval) RETURNS TABLE(slot_at timestamp with time zone, reserved boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- One slot is brain.reserve_sender_slots with a count of one: one rule for both.
  return query select r.slot_at, r.reserved
    from brain.reserve_sender_slots(p_account_id, p_channel, array[p_sender], array[1], p_max_per_second, p_now, p_max_wait) r;
end
$$;

--
-- Name: FUNCTION reserve_sender_slot(p_account_id uuid, p_channel text, p_sender text, p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reserve_sender_slot(p_account_id uuid, p_channel text, p_sender text, p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval) IS 'Reserves the earliest start time for one send from a sender so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the sender''s row lock is held (so a caller that queued for the lock never reserves a start already past), at least 1.4 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.4 seconds (one second plus a 400 ms margin for sends that reach the provider late) after the p_max_per_second-th most recent. When that time is more than p_max_wait away nothing is reserved (reserved = false) and the caller reschedules.';

--
-- Name: reserve_sender_slots(uuid, text, text[], integer[], integer, timestamp with time zone, interval); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reserve_sender_slots(p_account_id uuid, p_channel text, p_senders text[], p_counts integer[], p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval DEFAULT '00:00:02.5'::interval) RETURNS TABLE(sender text, n integer, slot_at timestamp with time zone, reserved boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
-- The answer's columns share names with sender_rate_state's (sender): in statements they mean the table's.
#variable_conflict use_column
declare
  v_n integer := greatest(coalesce(p_max_per_second, 1), 1);
  -- Sends reach the provider after their slot, not all equally late: on a busy
  -- worker host the crash test measured up to ~200 ms between two sends, and under a
  -- full test suite's load one send reached the provider ~240 ms after a slot it had
  -- left on time. Windows of 1.4 s (a 400 ms margin) keep the provider's view of any
  -- one second within the limit too.
  v_window constant interval := interval '1400 milliseconds';
  v_logs jsonb := '{}'::jsonb;
  v_row record;
  v_recent timestamptz[];
  v_len integer;
  v_slot timestamptz;
  v_now timestamptz;
  v_senders text[] := '{}';
  v_ns integer[] := '{}';
  v_slots timestamptz[] := '{}';
  v_reserved boolean[] := '{}';
  v_new_logs jsonb := '{}'::jsonb;
  v_taken boolean;
begin
  if p_senders is null or p_counts is null or pg_catalog.cardinality(p_senders) <> pg_catalog.cardinality(p_counts)
     or exists (select 1 from pg_catalog.unnest(p_senders) x where x is null)
     or exists (select 1 from pg_catalog.unnest(p_counts) c where c is null or c not between 1 and 10000)
     or (select count(distinct x) from pg_catalog.unnest(p_senders) x) <> pg_catalog.cardinality(p_senders) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'reserve_sender_slots needs distinct senders, each with a count of 1 to 10000 slots';
  end if;
  insert into public.sender_rate_state (account_id, channel, sender)
  select p_account_id, p_channel, x from pg_catalog.unnest(p_senders) x order by x
  on conflict (account_id, channel, sender) do nothing;

  -- The senders' rows, locked in a fixed order.
  for v_row in
    select s.sender, s.recent from public.sender_rate_state s
    where s.account_id = p_account_id and s.channel = p_channel and s.sender = any(p_senders)
    order by s.sender
    for update
  loop
    v_logs := v_logs || pg_catalog.jsonb_build_object(v_row.sender, pg_catalog.to_jsonb(coalesce(v_row.recent, '{}')));
  end loop;
  -- Never earlier than the moment the slots are taken; a later p_now (a frozen test clock) wins.
  v_now := greatest(p_now, pg_catalog.clock_timestamp());

  for i in 1 .. pg_catalog.cardinality(p_senders) loop
    -- Only starts less than one window old can hold a new one back (a start older than
    -- that is more than a window, and so more than a pacing step, before v_now): older
    -- ones are dropped from the log, which stays as short as the sender's last window,
    -- not p_max_per_second long.
    v_recent := array(select x.t::timestamptz from pg_catalog.jsonb_array_elements_text(v_logs -> p_senders[i]) with ordinality x(t, o)
                      where x.t::timestamptz > v_now - v_window
                      order by x.o);
    v_taken := false;
    for k in 1 .. p_counts[i] loop
      v_len := coalesce(pg_catalog.array_length(v_recent, 1), 0);
      v_slot := v_now;
      if v_len > 0 then
        v_slot := greatest(v_slot, v_recent[v_len] + v_window / v_n);
      end if;
      if v_len >= v_n then
        v_slot := greatest(v_slot, v_recent[v_len - v_n + 1] + v_window);
      end if;
      v_senders := v_senders || p_senders[i];
      v_ns := v_ns || k;
      v_slots := v_slots || v_slot;
      if v_slot > v_now + p_max_wait then
        -- Not reserved, and nothing changes: every later one is refused at the same slot.
        v_reserved := v_reserved || false;
        continue;
      end if;
      v_reserved := v_reserved || true;
      v_taken := true;
      v_recent := v_recent || v_slot;
      v_len := v_len + 1;
      if v_len > v_n then
        v_recent := v_recent[v_len - v_n + 1 : v_len];
      end if;
    end loop;
    if v_taken then
      v_new_logs := v_new_logs || pg_catalog.jsonb_build_object(p_senders[i], pg_catalog.to_jsonb(v_recent));
    end if;
  end loop;

  update public.sender_rate_state s
  set recent = array(select x.t::timestamptz from pg_catalog.jsonb_array_elements_text(v_new_logs -> s.sender) with ordinality x(t, o)
                     order by x.o),
      updated_at = pg_catalog.now()
  where s.account_id = p_account_id and s.channel = p_channel and v_new_logs ? s.sender;
  return query select u.sender, u.n, u.slot_at, u.reserved
    from rows from (pg_catalog.unnest(v_senders), pg_catalog.unnest(v_ns), pg_catalog.unnest(v_slots), pg_catalog.unnest(v_reserved))
         with ordinality u(sender, n, slot_at, reserved, i)
    order by u.i;
end
$$;

--
-- Name: FUNCTION reserve_sender_slots(p_account_id uuid, p_channel text, p_senders text[], p_counts integer[], p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reserve_sender_slots(p_account_id uuid, p_channel text, p_senders text[], p_counts integer[], p_max_per_second integer, p_now timestamp with time zone, p_max_wait interval) IS 'Reserves start times for p_counts[i] (1 to 10000) sends from each sender p_senders[i] (distinct) of one channel, answered per sender in the order given and per sender in order (n = 1 …), under one lock of the senders'' sender_rate_state rows (taken in sender order); a sender''s n-th slot is exactly what the n-th of its calls of brain.reserve_sender_slot in a row would get. Each is the earliest time so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the row locks are held (so a caller that queued for a lock never reserves a start already past), at least 1.4 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.4 seconds (one second plus a 400 ms margin for sends that reach the provider late) after the p_max_per_second-th most recent; the sender''s log keeps only the starts of the last 1.4 s (older ones can hold nothing back). A time more than p_max_wait away is not reserved (reserved = false, slot_at is when it would be) and changes nothing, so every later one of that sender is refused too.';

--
-- Name: reslot_touch(uuid, text, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_touch public.touch_runs;
  v_sender text;
  v_config jsonb;
  v_slot record;
begin
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id;
  if v_touch.id is null or v_touch.status <> 'sending' or v_touch.claimed_by is distinct from p_worker_id then
    raise exception using errcode = '55000', message = 'touch_not_claimed',
      detail = pg_catalog.format('touch %s is not being sent by worker %s', p_touch_run_id, coalesce(p_worker_id, 'null'));
  end if;
  -- Email has a daily cap, not a per-second one (brain.claim_touch): its slot is now.
  if v_touch.channel = 'email' then
    return coalesce(p_now, pg_catalog.clock_timestamp());
  end if;
  select m.from_address into v_sender from public.outbound_messages m
  where m.account_id = v_touch.account_id and m.touch_run_id = v_touch.id
  order by m.created_at desc limit 1;
  select s.config into v_config from public.account_provider_settings s
  where s.account_id = v_touch.account_id and s.channel = v_touch.channel and s.is_default;
  -- The same limit claim_touch applied; up to a minute ahead, so the slot is always reserved.
  select * into v_slot from brain.reserve_sender_slot(
    v_touch.account_id, v_touch.channel, coalesce(v_sender, 'sink'),
    case when v_config ->> 'max_per_second' ~ '^[0-9]{1,4}$' then (v_config ->> 'max_per_second')::integer else 1 end,
    coalesce(p_now, pg_catalog.clock_timestamp()), interval '1 minute');
  if not v_slot.reserved then
    raise exception using errcode = '55000', message = 'slot_unavailable',
      detail = pg_catalog.format('sender %s has no free slot in the next minute', coalesce(v_sender, 'sink'));
  end if;
  return v_slot.slot_at;
end
$_$;

--
-- Name: FUNCTION reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) IS 'Reserves a new sender slot for a touch that p_worker_id claimed (status sending, claimed_by = p_worker_id; else 55000 touch_not_claimed) and whose send would start late: the sender is the one the claim chose (outbound_messages.from_address), the limit is the channel setting''s max_per_second as in brain.claim_touch, and the slot may be up to a minute ahead (none free in that minute: 55000 slot_unavailable). Returns the slot (now for email, which has no per-second limit). The worker sends no earlier than it; the old slot stays taken, unused.';

--
-- Name: resolve_autos_campaign(uuid, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.resolve_autos_campaign(p_account_id uuid, p_city text DEFAULT NULL::text) RETURNS TABLE(resolution text, campaign_id uuid, campaign_key text, candidates text[])
    LANGUAGE sql STABLE
    AS $$
  with wanted as (
    select nullif(pg_catalog.btrim(
             pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_city, '')), '[^a-z0-9]+', '_', 'g'), '_'), '') as city
  ), matches as (
    select c.id, c.campaign_key
    from public.campaigns c, wanted w
    where c.account_id = p_account_id
      and c.campaign_key like 'autos\_outbound\_%'
      and (w.city is null or c.campaign_key = 'autos_outbound_' || w.city)
  ), summary as (
    select count(*) as n,
           coalesce(pg_catalog.array_agg(m.campaign_key order by m.campaign_key), '{}') as keys,
           (pg_catalog.array_agg(m.id))[1] as only_id
    from matches m
  )
  select
    case when s.n = 0 then 'needs_setup' when s.n > 1 then 'needs_confirmation' else 'ok' end,
    case when s.n = 1 then s.only_id end,
    case when s.n = 1 then s.keys[1] end,
    s.keys
  from summary s
$$;

--
-- Name: FUNCTION resolve_autos_campaign(p_account_id uuid, p_city text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.resolve_autos_campaign(p_account_id uuid, p_city text) IS 'Seed 001''s campaign_key contract for autos.activate / autos.deactivate: candidates are campaigns whose key starts with autos_outbound_; with a city the key must be exactly autos_outbound_<city> (city lower-cased, each run of other characters becomes one _, leading and trailing ones dropped: "  Fort  Lauderdale!" becomes fort_lauderdale). 0 matches: needs_setup; more than 1: needs_confirmation; exactly 1: ok with its id and key.';

--
-- Name: retire_worker(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.retire_worker(p_worker_id text) RETURNS boolean
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  with gone as (delete from public.worker_heartbeats h where h.worker_id = p_worker_id returning 1)
  select exists (select 1 from gone)
$$;

--
-- Name: FUNCTION retire_worker(p_worker_id text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.retire_worker(p_worker_id text) IS 'Removes the heartbeat row of a worker process that stopped cleanly (its jobs are finished and unlocked by graphile-worker), so brain.declare_dead_workers never declares it dead. True when a row was removed.';

--
-- Name: retry_webhook_receipt(text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.retry_webhook_receipt(p_provider text, p_idempotency_key text) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  with retried as (
    update public.webhook_receipts
    set failed_at = null, next_attempt_at = null
    where provider = p_provider and idempotency_key = p_idempotency_key and processed_at is null
      and (failed_at is not null or next_attempt_at is not null)
    returning 1)
  select exists (select 1 from retried)
$$;

--
-- Name: FUNCTION retry_webhook_receipt(p_provider text, p_idempotency_key text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.retry_webhook_receipt(p_provider text, p_idempotency_key text) IS 'Makes a waiting receipt that failed (failed_at, or backing off after an error) due for the next drain; its attempts and last error stay until it succeeds. True when there was such a receipt.';

--
-- Name: route_inbound_address(text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.route_inbound_address(p_address text, p_channel text) RETURNS TABLE(account_id uuid, persona text, provider text)
    LANGUAGE sql STABLE
    AS $$
  select s.account_id, coalesce(x.sender ->> 'persona', 'initial'), s.provider
  from public.sender_addresses o
  join public.account_provider_settings s on s.account_id = o.account_id
  cross join lateral pg_catalog.jsonb_array_elements(
    case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) x(sender)
  where o.address = pg_catalog.lower(pg_catalog.btrim(p_address))
    and pg_catalog.jsonb_typeof(x.sender) = 'object'
    and pg_catalog.lower(pg_catalog.btrim(x.sender ->> 'address')) = o.address
  order by (s.channel::text = p_channel) desc, s.is_default desc, s.provider
  limit 1
$$;

--
-- Name: FUNCTION route_inbound_address(p_address text, p_channel text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.route_inbound_address(p_address text, p_channel text) IS 'Which account, persona and provider own the number (or address) an inbound message was sent to: its one owner in sender_addresses, and that account''s account_provider_settings whose config.senders lists it, preferring the same channel, then the default provider. No row when nobody owns it.';

--
-- Name: route_touch(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.route_touch(p_touch_run_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_touch public.touch_runs;
  v_lead public.leads;
  v_org public.org_settings;
  v_decision record;
  v_current record;
  v_at timestamptz;
  v_attempt integer;
  v_next uuid;
  v_dead boolean := false;
  v_event_id uuid;
begin
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id;
  -- Once per touch: a delivery failure reported after the send was routed adds nothing.
  if exists (select 1 from public.core_memory_events e
             where e.account_id = v_touch.account_id and e.dedupe_key = 'route:' || v_touch.id::text) then
    return pg_catalog.jsonb_build_object('decision', 'already_routed');
  end if;
  if pg_catalog.jsonb_typeof(v_touch.payload -> 'routing' -> 'fallback') is distinct from 'object' then
    return pg_catalog.jsonb_build_object('decision', 'stop', 'reason', 'no_fallback');
  end if;

  select d.* into v_decision
  from public.decide_next_channel_for_lead(v_touch.lead_id, v_touch.campaign_id, v_touch.step, p_now) d;

  if v_decision.decision in ('retry_same_channel', 'switch_channel', 'wait_cooldown') then
    select l.* into v_lead from public.leads l where l.id = v_touch.lead_id;
    select o.* into v_org from public.org_settings o where o.account_id = v_touch.account_id;
    v_at := greatest(p_now, coalesce(v_decision.wait_until, p_now));
    if v_decision.decision = 'switch_channel' then
      -- Router policy: a switch waits out the current channel's cooldown, so a lead
      -- is never contacted on two channels back to back.
      select f.* into v_current
      from brain.fallback_plan(v_touch.account_id, v_touch.lead_id, v_touch.campaign_id, v_touch.step,
                               v_touch.payload -> 'routing' -> 'fallback', p_now) f
      where f.channel = v_touch.channel limit 1;
      if v_current.last_attempt_at is not null then
        v_at := greatest(v_at, v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes));
      end if;
    end if;
    v_at := brain.window_start_at((select z_.time_zone from brain.lead_time_zone(v_lead.timezone, v_lead.phone, v_org.timezone) z_),
                                  v_org.send_window_start, v_org.send_window_end, v_at);
    select coalesce(max(t.attempt), 0) + 1 into v_attempt
    from public.touch_runs t
    where t.lead_id = v_touch.lead_id and t.campaign_id is not distinct from v_touch.campaign_id
      and t.step = v_touch.step and t.channel = v_decision.next_channel;

    insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
    values (v_touch.account_id, v_touch.lead_id, v_touch.campaign_id, v_touch.step, v_decision.next_channel, v_attempt,
            case when v_at <= p_now then 'queued' else 'scheduled' end, v_at, p_now,
            pg_catalog.jsonb_set(
              pg_catalog.jsonb_set(v_touch.payload, '{routing,current_channel}', pg_catalog.to_jsonb(v_decision.next_channel)),
              '{meta,parent_touch_run_id}', pg_catalog.to_jsonb(v_touch.id::text), true))
    on conflict on constraint touch_runs_attempt_key do nothing
    returning id into v_next;
  elsif v_decision.reason = 'all_channels_exhausted' then
    -- The step's plan is used up. The lead is dead when nothing else is under way for it.
    if not exists (select 1 from public.campaign_leads cl join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id
                   where cl.lead_id = v_touch.lead_id and cl.status = 'active' and c.is_active)
       and not exists (select 1 from public.touch_runs t
                       where t.lead_id = v_touch.lead_id and t.status in ('scheduled', 'queued', 'sending')) then
      update public.campaign_leads set status = 'stopped', stopped_at = p_now, stop_reason = 'exhausted'
      where lead_id = v_touch.lead_id and status = 'completed';
      select exists (select 1 from public.leads l join public.lead_state_transitions x
                     on x.from_state = l.lead_state and x.to_state = 'dead' where l.id = v_touch.lead_id)
        into v_dead;
      if v_dead then
        perform brain.transition_lead(v_touch.lead_id, 'dead', 'all_channels_exhausted', 'smart_router');
      end if;
    end if;
  end if;

  -- The route:<touch> key is the once-per-touch guard: a concurrent second router for the
  -- same touch fails (unique_violation) and rolls its work back, as the plain insert did.
  v_event_id := brain.record_event(v_touch.account_id, v_touch.lead_id,
    case when v_decision.decision = 'stop' then 'cadence_stopped' else 'touch_routed' end,
    'smart_router', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'touch_run_id', v_touch.id::text, 'decision', v_decision.decision, 'reason', v_decision.reason,
      'next_channel', v_decision.next_channel, 'next_touch_run_id', v_next, 'scheduled_at', v_at,
      'lead_dead', case when v_dead then true end)),
    v_touch.channel::text, p_now, 'route:' || v_touch.id::text);
  if v_event_id is null then
    raise exception using errcode = '23505', message = 'touch_already_routed',
      detail = pg_catalog.format('touch %s was routed by another transaction', v_touch.id);
  end if;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'decision', v_decision.decision, 'reason', v_decision.reason, 'next_channel', v_decision.next_channel,
    'next_touch_run_id', v_next, 'scheduled_at', v_at, 'lead_dead', v_dead));
end
$$;

--
-- Name: FUNCTION route_touch(p_touch_run_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.route_touch(p_touch_run_id uuid, p_now timestamp with time zone) IS 'Smart router, run after every dispatch outcome: asks decide_next_channel_for_lead about the touch''s lead + campaign + step. retry_same_channel / switch_channel create the next touch_run (next attempt on that channel); wait_cooldown creates it scheduled at wait_until. A switch also waits out the current channel''s cooldown, and every new touch starts inside the lead''s send window. stop ends the step''s cadence; when every channel is exhausted and nothing else is under way for the lead (no active enrollment, no open touch) the lead moves to dead. Logs touch_routed or cadence_stopped with dedupe_key route:<touch id>; a touch is routed once (a later call, e.g. a delivery failure reported after the send was routed, returns already_routed and changes nothing).';

--
-- Name: run_due_timers(integer, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.run_due_timers(p_limit integer DEFAULT 500, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(timer_id uuid, lead_id uuid, timer_type text, outcome text, persona_before text, persona_after text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return query
  with due as (
    select lt.id, lt.lead_id, lt.account_id, lt.timer_type
    from public.lead_timers lt
    where lt.trigger_at <= p_now and lt.executed_at is null and lt.cancelled_at is null
      and lt.attempts < lt.max_attempts
    order by lt.trigger_at
    limit p_limit
    for update of lt skip locked
  ), decided as (
    select d.*, l.persona as before,
           case
             when l.lead_state in ('closed', 'suppressed') or ss.is_unsubscribed or ss.stop_event is not null then 'cancelled'
             else 'executed'
           end as outcome,
           case
             when d.timer_type = 'TIMER_7D' and l.persona = 'initial' then 'nudge'
             when d.timer_type in ('TIMER_14D', 'TIMER_30D') and l.persona in ('initial', 'nudge') then 'booking'
             else l.persona
           end as after
    from due d
    join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
    join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = d.lead_id
  ), marked as (
    update public.lead_timers lt
    set executed_at = case when x.outcome = 'executed' then p_now end,
        cancelled_at = case when x.outcome = 'cancelled' then p_now end,
        attempts = lt.attempts + 1
    from decided x where lt.id = x.id
    returning lt.id
  ), escalated as (
    update public.leads l set persona = x.after
    from decided x
    where l.id = x.lead_id and x.outcome = 'executed' and x.after <> x.before
    returning l.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(x.account_id, x.lead_id,
             case when x.outcome = 'executed' then 'timer_fired' else 'timer_cancelled' end, 'timers', 'internal',
             pg_catalog.jsonb_build_object('timer_type', x.timer_type, 'persona_before', x.before,
                                           'persona_after', case when x.outcome = 'executed' then x.after else x.before end),
             p_created_at => p_now)) as recorded
    from decided x
  )
  select x.id, x.lead_id, x.timer_type, x.outcome, x.before,
         case when x.outcome = 'executed' then x.after else x.before end
  from decided x cross join logged
  order by x.lead_id, x.timer_type;
end
$$;

--
-- Name: FUNCTION run_due_timers(p_limit integer, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.run_due_timers(p_limit integer, p_now timestamp with time zone) IS 'Runs up to p_limit due timers (skip locked): marks each executed, or cancelled when the lead may no longer be contacted, and escalates the persona for the next touches: TIMER_7D initial → nudge, TIMER_14D and TIMER_30D → booking (seed 004: initial outreach, nudge, booking). Logs timer_fired / timer_cancelled. FOLLOW_UP and CALLBACK timers are marked executed with no persona change.';

--
-- Name: score_leads(uuid[]); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.score_leads(p_lead_ids uuid[]) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_updated integer;
begin
  update public.leads l
  set priority_score = brain.lead_priority(st.priority_weight, l.phone, l.phone_line_type, l.email,
                                           (select g.engagement from brain.lead_engagement(l.id, pg_catalog.now()) g)),
      priority_scored_at = pg_catalog.now()
  from public.lead_states st
  where l.id = any (p_lead_ids) and st.state = l.lead_state;
  get diagnostics v_updated = row_count;
  return v_updated;
end
$$;

--
-- Name: FUNCTION score_leads(p_lead_ids uuid[]); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.score_leads(p_lead_ids uuid[]) IS 'Recomputes the stored priority_score of the leads p_lead_ids as of now() (brain.lead_priority of the lead''s state weight, phone, line type, email and brain.lead_engagement) and sets priority_scored_at. Called by the trigger on core_memory_events for one lead, and by brain.drain_webhook_receipts once per batch for the leads whose scoring it deferred (revenue.defer_priority_score). Returns how many leads it updated.';

--
-- Name: send_key(uuid, uuid, integer, text, integer); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.send_key(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_attempt integer) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
begin
  if p_lead_id is null or p_step is null or p_channel is null or p_attempt is null then
    raise exception using
      errcode = '22004',
      message = 'invalid_send_key',
      detail = 'a send key needs the lead, step, channel and attempt; only the campaign may be null';
  end if;
  return pg_catalog.concat_ws(':', 'v1', p_lead_id::text, coalesce(p_campaign_id::text, 'none'),
                              p_step::text, p_channel, p_attempt::text);
end
$$;

--
-- Name: FUNCTION send_key(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_attempt integer); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.send_key(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_channel text, p_attempt integer) IS 'outbound_messages.send_key of a send intent: v1:<lead>:<campaign or none>:<step>:<channel>:<attempt>. A pure function of the intent, so re-running an orchestrator can never produce a second key for the same intent. Raises invalid_send_key when any part but the campaign is null.';

--
-- Name: sender_pool(uuid, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.sender_pool(p_account_id uuid, p_channel text, p_persona text) RETURNS text[]
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  -- plpgsql, not sql: it is called per claim (per persona in a batch), and plpgsql keeps its plan per session.
  return coalesce(
    (with senders as (
       select x.sender ->> 'address' as address, coalesce(x.sender ->> 'persona', 'initial') as persona, x.pos
       from public.account_provider_settings s
       cross join lateral pg_catalog.jsonb_array_elements(
         case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end
       ) with ordinality as x(sender, pos)
       where s.account_id = p_account_id and s.channel = p_channel and s.is_default
         and pg_catalog.jsonb_typeof(x.sender -> 'address') = 'string'
     ), pool as (
       -- The persona's own numbers, else the initial persona's, else all.
       select * from senders where persona = p_persona
       union all
       select * from senders where persona = 'initial' and not exists (select 1 from senders where persona = p_persona)
       union all
       select * from senders where not exists (select 1 from senders where persona in (p_persona, 'initial'))
     )
     select pg_catalog.array_agg(pool.address order by pool.pos) from pool),
    -- Without senders: the account's contact phone (contact email for email), when it has one.
    (select array[a.address] from (
       select case when p_channel = 'email' then o.contact_email::text else coalesce(o.contact_phone, o.contact_whatsapp)::text end as address
       from public.org_settings o where o.account_id = p_account_id) a
     where a.address is not null),
    '{}');
end
$$;

--
-- Name: FUNCTION sender_pool(p_account_id uuid, p_channel text, p_persona text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.sender_pool(p_account_id uuid, p_channel text, p_persona text) IS 'Senders a touch may use, in config order, from the default provider''s config.senders [{address, persona}] for the channel: the numbers of the persona (seed 004: each persona has its own numbers), else the initial persona''s, else all. Without senders: the account''s contact phone (contact email for email) alone; empty when there is none. brain.pick_sender chooses the lead''s one (brain.touch_sender).';

--
-- Name: start_lead_import(uuid, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.start_lead_import(p_import_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, status text, content text, delimiter text, column_count integer, column_map jsonb, source text, default_country text, rows_total integer, rows_done integer)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_import public.lead_imports;
begin
  if p_import_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_import_id is required';
  end if;
  select i.* into v_import from public.lead_imports i where i.id = p_import_id for update;
  if not found then
    return;
  end if;
  if v_import.status = 'queued' then
    update public.lead_imports i set status = 'running', started_at = p_now
    where i.id = p_import_id
    returning i.* into v_import;
  end if;
  account_id := v_import.account_id;
  status := v_import.status;
  content := v_import.content;
  delimiter := v_import.delimiter;
  column_count := pg_catalog.cardinality(v_import.columns);
  column_map := v_import.column_map;
  source := v_import.source;
  default_country := v_import.default_country;
  rows_total := v_import.rows_total;
  rows_done := v_import.rows_done;
  return next;
end
$$;

--
-- Name: FUNCTION start_lead_import(p_import_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.start_lead_import(p_import_id uuid, p_now timestamp with time zone) IS 'Called by the import_leads job when it starts: a queued import becomes running (started_at = p_now); a running one (a retried job) stays running. Returns the import''s account, status, CSV content, delimiter, header width, column map, default source and country, rows_total and rows_done (the row to resume after). A done or failed import is returned unchanged (content null) so the job can stop; an unknown id returns no row.';

--
-- Name: template_placeholders(text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.template_placeholders(p_text text) RETURNS TABLE(pos integer, token text, variable text, has_default boolean, default_text text, problem text)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $_$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  -- Every placeholder, and every unclosed opening, starts with {{: without one there is nothing to find.
  if pg_catalog.strpos(coalesce(p_text, ''), '{{') = 0 then
    return;
  end if;
  return query
  with found as (
    select r.n::integer as pos, '{{' || r.x[1] || '}}' as token,
           pg_catalog.regexp_match(r.x[1], '^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:(\|)(.*))?$') as p
    from pg_catalog.regexp_matches(coalesce(p_text, ''), '\{\{([^{}]*)\}\}', 'g') with ordinality as r (x, n)
  )
  select f.pos, f.token, f.p[1], f.p[2] is not null, pg_catalog.btrim(f.p[3]),
         case
           when f.p is null then 'invalid_template_placeholder'
           when f.p[1] not in (select v.name from public.template_variables() v) then 'unknown_template_variable'
         end
  from found f
  union all
  -- An opening {{ that no placeholder closes (e.g. "{{first_name}" or "{{ {x} }}").
  select null, pg_catalog.substr(p_text, pg_catalog.strpos(p_text, '{{'), 30), null, false, null, 'invalid_template_placeholder'
  where pg_catalog.strpos(pg_catalog.regexp_replace(coalesce(p_text, ''), '\{\{[^{}]*\}\}', '', 'g'), '{{') > 0
  order by 1 nulls last;
end
$_$;

--
-- Name: FUNCTION template_placeholders(p_text text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.template_placeholders(p_text text) IS 'The placeholders of a template in order: {{variable}} or {{variable|default}} (the default is trimmed; an empty default is allowed and explicit). problem is unknown_template_variable when the variable is not in public.template_variables(), invalid_template_placeholder for a {{…}} that is not a placeholder or an opening {{ that is never closed; null when the placeholder is fine.';

--
-- Name: template_problems(text, jsonb); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.template_problems(p_text text, p_variables jsonb) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  -- No {{, no placeholder (brain.template_placeholders finds none): no problem.
  if pg_catalog.strpos(coalesce(p_text, ''), '{{') = 0 then
    return '{}';
  end if;
  return (
  select coalesce(pg_catalog.array_agg(q.reason order by q.first_pos), '{}')
  from (
    select r.reason, min(r.pos) as first_pos
    from (
      select coalesce(p.pos, 2147483647) as pos,
             case
               when p.problem = 'unknown_template_variable' then 'unknown_template_variable:' || p.variable
               when p.problem is not null then 'invalid_template_placeholder'
               when not p.has_default
                    and pg_catalog.btrim(coalesce(p_variables ->> p.variable, '')) = '' then 'missing_lead_data:' || p.variable
             end as reason
      from brain.template_placeholders(p_text) p
    ) r
    where r.reason is not null
    group by r.reason
  ) q);
end
$$;

--
-- Name: FUNCTION template_problems(p_text text, p_variables jsonb); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.template_problems(p_text text, p_variables jsonb) IS 'Why p_text cannot be rendered with p_variables, in the order the text shows them, each once: unknown_template_variable:<name>, invalid_template_placeholder, missing_lead_data:<name> (a known variable whose value is absent or blank and that has no {{name|default}}). Empty when it renders.';

--
-- Name: template_values(uuid); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.template_values(p_lead_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session.
begin
  return (select v.template_values from brain.lead_template_values() v where v.lead_id = p_lead_id);
end
$$;

--
-- Name: FUNCTION template_values(p_lead_id uuid); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.template_values(p_lead_id uuid) IS 'The lead''s values (brain.lead_template_values) for every variable of public.template_variables(), as a JSON object; a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';

--
-- Name: touch_sender(uuid, text, text, uuid); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.touch_sender(p_account_id uuid, p_channel text, p_persona text, p_lead_id uuid) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  -- The lead's sender from its persona's pool: the same two rules a batch claim uses.
  return brain.pick_sender(brain.sender_pool(p_account_id, p_channel, p_persona), p_lead_id);
end
$$;

--
-- Name: FUNCTION touch_sender(p_account_id uuid, p_channel text, p_persona text, p_lead_id uuid); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.touch_sender(p_account_id uuid, p_channel text, p_persona text, p_lead_id uuid) IS 'Sender for a touch, from the default provider''s config.senders [{address, persona}]: the numbers of the lead''s persona (seed 004: each persona has its own numbers), else the initial persona''s, else all; among several, the lead always gets the same one (a hash of its id, brain.pick_sender), which also spreads sends across numbers; the pool is brain.sender_pool. Without senders: the account''s contact phone (contact email for email). Null when there is none.';

--
-- Name: transition_lead(uuid, text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- One lead is brain.transition_leads with one id: one rule for both.
  return (select t.moved from brain.transition_leads(array[p_lead_id], p_to_state, p_reason, p_actor) t);
end
$$;

--
-- Name: FUNCTION transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) IS 'Moves a lead to p_to_state, recording p_reason and p_actor in lead_events. Returns false when the lead is already there; raises invalid_lead_transition when the move is not allowed, lead_not_found when the lead is not visible.';

--
-- Name: transition_leads(uuid[], text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text DEFAULT NULL::text) RETURNS TABLE(lead_id uuid, moved boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_missing uuid;
  v_moved uuid[];
begin
  -- The rows, locked in id order.
  perform 1 from public.leads l where l.id = any(p_lead_ids) order by l.id for update;
  select u.id into v_missing from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n)
  where not exists (select 1 from public.leads l where l.id = u.id)
  order by u.n limit 1;
  if found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', v_missing);
  end if;

  if not exists (select 1 from public.leads l where l.id = any(p_lead_ids) and l.lead_state is distinct from p_to_state) then
    return query select u.id, false from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n) order by u.n;
    return;
  end if;
  -- No exception block to clear these on error: a failed update aborts the transaction or
  -- the caller's subtransaction, and either takes the settings back with it. (A block here
  -- would open a subtransaction with its own xid per call: past 64 in one transaction, as
  -- in a drain batch of first replies, every other session's snapshot overflows.)
  -- The moves are logged here, with one insert, instead of one insert per row by the
  -- lead_state_transition trigger (which still refuses a move the state machine does
  -- not list, and skips its own insert while app.transition_logged is on; nothing in
  -- this statement updates another lead). Same rows, same reason and actor.
  perform pg_catalog.set_config('app.transition_reason', coalesce(p_reason, ''), true);
  perform pg_catalog.set_config('app.actor', coalesce(p_actor, ''), true);
  perform pg_catalog.set_config('app.transition_logged', 'on', true);
  with was as (
    select l.id, l.lead_state from public.leads l
    where l.id = any(p_lead_ids) and l.lead_state is distinct from p_to_state
  ), m as (
    update public.leads l set lead_state = p_to_state
    from was w
    where l.id = w.id
    returning l.id, l.account_id, w.lead_state as previous_state
  ), logged as (
    insert into public.lead_events (account_id, lead_id, event_type, previous_state, new_state, reason, actor)
    select m.account_id, m.id, 'state_transition', m.previous_state, p_to_state,
           coalesce(nullif(p_reason, ''), 'direct_update'), coalesce(nullif(p_actor, ''), current_user::text)
    from m order by m.id
  )
  select coalesce(pg_catalog.array_agg(m.id), '{}') into v_moved from m;
  perform pg_catalog.set_config('app.transition_logged', '', true);
  perform pg_catalog.set_config('app.transition_reason', '', true);
  perform pg_catalog.set_config('app.actor', '', true);
  return query select u.id, u.id = any(v_moved) from pg_catalog.unnest(p_lead_ids) with ordinality u(id, n) order by u.n;
end
$$;

--
-- Name: FUNCTION transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text) IS 'Moves every lead of p_lead_ids to p_to_state with one reason and actor (recorded in lead_events with one insert; the lead_state_transition trigger still refuses a move the state machine does not list); a lead already in that state is left alone (moved false). Rows are locked in id order. Raises lead_not_found (P0002) for an id that is not visible and invalid_lead_transition (P0001) when a move is not in public.lead_state_transitions; then nothing moves. brain.transition_lead is this function for one lead.';

--
-- Name: unknown_touches(integer, interval, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.unknown_touches(p_limit integer DEFAULT 100, p_older_than interval DEFAULT '00:02:00'::interval, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touch_run_id uuid, account_id uuid, lead_id uuid, channel text, provider text, send_key text, to_address text, from_address text, body text, claimed_at timestamp with time zone)
    LANGUAGE sql STABLE
    AS $$
  select t.id, t.account_id, t.lead_id, t.channel::text, t.provider, t.send_key, m.to_address, m.from_address, m.body, t.claimed_at
  from public.touch_runs t
  left join public.outbound_messages m on m.account_id = t.account_id and m.send_key = t.send_key
  where t.status = 'unknown'
    and (coalesce(t.claimed_at, t.updated_at) <= p_now - p_older_than
         -- Its worker was declared dead (brain.declare_dead_workers): nothing of it is still
         -- on its way to the provider a few seconds after the claim.
         or (t.error_code = 'worker_dead' and t.claimed_at <= p_now - interval '10 seconds'))
  order by t.claimed_at nulls first
  limit p_limit
$$;

--
-- Name: FUNCTION unknown_touches(p_limit integer, p_older_than interval, p_now timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.unknown_touches(p_limit integer, p_older_than interval, p_now timestamp with time zone) IS 'Touches whose outcome is unknown (a worker died mid-send, or the provider''s answer was lost), claimed p_older_than ago (2 minutes, time for a late status callback) or, when their worker was declared dead (error_code worker_dead, brain.declare_dead_workers), 10 seconds ago, oldest first, with what a reconcile task needs to ask the provider. Settle each with brain.record_touch_outcome (accepted when the provider has it, not_sent when it does not).';

--
-- Name: validate_lead_input(jsonb); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.validate_lead_input(p_lead jsonb) RETURNS public.leads
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $_$
declare
  c_keys constant text[] := array[
    'source', 'external_id', 'email', 'phone', 'first_name', 'last_name', 'company_name',
    'phone_line_type', 'city', 'region', 'postal_code', 'country', 'timezone', 'attributes',
    'first_seen_at'];
  c_ws constant text := E' \t\r\n';
  v_key text;
  v_type text;
  v_max int;
  v_value text;
  v_email text;
  v_phone text;
  v_phone_line_type text;
  v_country text;
  v_timezone text;
  v_in public.leads;
begin
  -- Shape: a JSON object whose keys are all known and whose values have the right type.
  if p_lead is null or pg_catalog.jsonb_typeof(p_lead) <> 'object' then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'p_lead must be a JSON object';
  end if;
  for v_key, v_type in
    select e.key, pg_catalog.jsonb_typeof(e.value) from pg_catalog.jsonb_each(p_lead) e order by e.key
  loop
    if not (v_key = any (c_keys)) then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('unknown key %s; the known keys are %s',
                                   pg_catalog.to_jsonb(v_key)::text, pg_catalog.array_to_string(c_keys, ', '));
    end if;
    continue when v_type = 'null';
    if v_key = 'attributes' then
      if v_type <> 'object' then
        raise exception using
          errcode = '22023', message = 'invalid_lead', detail = 'attributes must be a JSON object';
      end if;
    elsif v_key = 'external_id' then
      if v_type not in ('string', 'number') then
        raise exception using
          errcode = '22023', message = 'invalid_lead', detail = 'external_id must be a string or a number';
      end if;
    elsif v_type <> 'string' then
      raise exception using
        errcode = '22023', message = 'invalid_lead', detail = pg_catalog.format('%s must be a string', v_key);
    end if;
  end loop;

  -- Lengths of the free-text fields (the same limits as the leads table).
  for v_key, v_max in
    select * from (values ('external_id', 200), ('first_name', 200), ('last_name', 200), ('company_name', 200),
                          ('city', 120), ('region', 120), ('postal_code', 20)) as l(key, max_length)
  loop
    if pg_catalog.length(pg_catalog.btrim(p_lead ->> v_key, c_ws)) > v_max then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('%s is longer than %s characters', v_key, v_max);
    end if;
  end loop;

  -- Normalize: trim every text value; an empty string counts as missing.
  v_in.source := nullif(pg_catalog.btrim(p_lead ->> 'source', c_ws), '');
  v_in.external_id := nullif(pg_catalog.btrim(p_lead ->> 'external_id', c_ws), '');
  v_email := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'email', c_ws), ''));
  v_phone := nullif(pg_catalog.btrim(p_lead ->> 'phone', c_ws), '');
  v_in.first_name := nullif(pg_catalog.btrim(p_lead ->> 'first_name', c_ws), '');
  v_in.last_name := nullif(pg_catalog.btrim(p_lead ->> 'last_name', c_ws), '');
  v_in.company_name := nullif(pg_catalog.btrim(p_lead ->> 'company_name', c_ws), '');
  v_phone_line_type := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'phone_line_type', c_ws), ''));
  v_in.city := nullif(pg_catalog.btrim(p_lead ->> 'city', c_ws), '');
  v_in.region := nullif(pg_catalog.btrim(p_lead ->> 'region', c_ws), '');
  v_in.postal_code := nullif(pg_catalog.btrim(p_lead ->> 'postal_code', c_ws), '');
  v_country := pg_catalog.upper(nullif(pg_catalog.btrim(p_lead ->> 'country', c_ws), ''));
  v_timezone := nullif(pg_catalog.btrim(p_lead ->> 'timezone', c_ws), '');
  v_in.attributes := nullif(p_lead -> 'attributes', 'null'::jsonb);

  -- Validate the values, with the domains themselves where one exists.
  if v_in.source is null then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'source is required';
  end if;
  if v_in.source !~ '^[a-z0-9][a-z0-9_]{0,39}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('source %s must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit',
                                 pg_catalog.to_jsonb(v_in.source)::text);
  end if;
  if v_email is not null then
    begin
      v_in.email := v_email::public.email_address;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('email %s is not a valid email address', pg_catalog.to_jsonb(p_lead ->> 'email')::text);
    end;
  end if;
  if v_phone is not null then
    begin
      v_in.phone := v_phone::public.e164_phone;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('phone %s is not E.164', pg_catalog.to_jsonb(p_lead ->> 'phone')::text),
        hint = 'Normalize the number to E.164 (e.g. +13055550100) before calling.';
    end;
  end if;
  if v_phone_line_type is not null and v_phone_line_type not in ('mobile', 'landline', 'voip', 'unknown') then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('phone_line_type %s must be mobile, landline, voip or unknown',
                                 pg_catalog.to_jsonb(p_lead ->> 'phone_line_type')::text);
  end if;
  v_in.phone_line_type := v_phone_line_type;
  if v_country is not null and v_country !~ '^[A-Z]{2}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('country %s is not an ISO 3166-1 alpha-2 code', pg_catalog.to_jsonb(p_lead ->> 'country')::text);
  end if;
  v_in.country := v_country;
  if v_timezone is not null then
    begin
      v_in.timezone := v_timezone::public.time_zone;
    exception when data_exception or check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('timezone %s is not a time zone known to the server', pg_catalog.to_jsonb(v_timezone)::text);
    end;
  end if;
  v_value := nullif(pg_catalog.btrim(p_lead ->> 'first_seen_at', c_ws), '');
  if v_value is not null then
    begin
      v_in.first_seen_at := v_value::timestamptz;
    exception when data_exception then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('first_seen_at %s is not a timestamp', pg_catalog.to_jsonb(v_value)::text);
    end;
  end if;
  return v_in;
end
$_$;

--
-- Name: FUNCTION validate_lead_input(p_lead jsonb); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.validate_lead_input(p_lead jsonb) IS 'Lead intake step 1 (public.find_or_create_lead): checks an incoming lead (a JSON object with only the known keys source, external_id, email, phone, first_name, last_name, company_name, phone_line_type, city, region, postal_code, country, timezone, attributes, first_seen_at; each of the right type and length) and returns it normalized as a leads row with only those fields set: text trimmed, empty strings and JSON nulls as null, email lower-cased, country upper-cased, phone_line_type lower-cased (null when not given). Reads no table. 22023 invalid_lead, the detail naming the field (source required and ^[a-z0-9][a-z0-9_]{0,39}$; email, phone E.164, timezone by their domains; country ISO alpha-2; first_seen_at a timestamp).';

--
-- Name: window_start_at(text, time without time zone, time without time zone, timestamp with time zone); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.window_start_at(p_time_zone text, p_window_start time without time zone, p_window_end time without time zone, p_at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
  select case
    when (p_at at time zone p_time_zone)::time < p_window_start
      then ((p_at at time zone p_time_zone)::date + p_window_start) at time zone p_time_zone
    when (p_at at time zone p_time_zone)::time < p_window_end
      then p_at
    else ((p_at at time zone p_time_zone)::date + 1 + p_window_start) at time zone p_time_zone
  end
$$;

--
-- Name: FUNCTION window_start_at(p_time_zone text, p_window_start time without time zone, p_window_end time without time zone, p_at timestamp with time zone); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.window_start_at(p_time_zone text, p_window_start time without time zone, p_window_end time without time zone, p_at timestamp with time zone) IS 'Earliest instant at or after p_at whose local time in p_time_zone is inside [p_window_start, p_window_end). Local dates and times are converted with the zone''s rules for that very day, so DST changes move the instant, not the local hour.';

--
-- Name: craigslist_tasks_v1; Type: TABLE; Schema: lead_hunter; Owner: -
--

CREATE TABLE lead_hunter.craigslist_tasks_v1 (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    task_type text NOT NULL,
    city text NOT NULL,
    url text,
    external_id text,
    status text DEFAULT 'queued'::text NOT NULL,
    claimed_by text,
    claimed_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 3 NOT NULL,
    not_before timestamp with time zone DEFAULT now() NOT NULL,
    last_error text,
    result jsonb,
    lead_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT craigslist_tasks_v1_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT craigslist_tasks_v1_city_check CHECK ((city ~ '^[a-z][a-z0-9]{1,39}$'::text)),
    CONSTRAINT craigslist_tasks_v1_claim_check CHECK (((status <> 'claimed'::text) OR ((claimed_by IS NOT NULL) AND (claimed_at IS NOT NULL)))),
    CONSTRAINT craigslist_tasks_v1_detail_check CHECK (((task_type = 'discover'::text) OR (external_id IS NOT NULL))),
    CONSTRAINT craigslist_tasks_v1_external_id_check CHECK ((external_id ~ '^[0-9]{5,20}$'::text)),
    CONSTRAINT craigslist_tasks_v1_max_attempts_check CHECK (((max_attempts >= 1) AND (max_attempts <= 20))),
    CONSTRAINT craigslist_tasks_v1_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'claimed'::text, 'done'::text, 'failed'::text, 'canceled'::text]))),
    CONSTRAINT craigslist_tasks_v1_task_type_check CHECK ((task_type = ANY (ARRAY['discover'::text, 'detail'::text]))),
    CONSTRAINT craigslist_tasks_v1_url_check CHECK (((length(url) >= 1) AND (length(url) <= 2000)))
);

--
-- Name: TABLE craigslist_tasks_v1; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON TABLE lead_hunter.craigslist_tasks_v1 IS 'Craigslist hunter queue (seed 001): discover tasks read a city''s "cars & trucks - by owner" search page and queue one detail task per new posting; detail tasks read one posting and store it as a lead. queued → claimed → done | failed (canceled when the program is stopped).';

--
-- Name: COLUMN craigslist_tasks_v1.id; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.id IS 'Task id.';

--
-- Name: COLUMN craigslist_tasks_v1.account_id; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.account_id IS 'Account whose LeadGen program it serves.';

--
-- Name: COLUMN craigslist_tasks_v1.task_type; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.task_type IS 'discover (a city''s search page) or detail (one posting).';

--
-- Name: COLUMN craigslist_tasks_v1.city; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.city IS 'Craigslist site name (miami, orlando, ...).';

--
-- Name: COLUMN craigslist_tasks_v1.url; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.url IS 'Page to open; discover tasks may leave it to the hunter (its CL_BASE_URL and the city).';

--
-- Name: COLUMN craigslist_tasks_v1.external_id; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.external_id IS 'Posting id (detail tasks); unique per account.';

--
-- Name: COLUMN craigslist_tasks_v1.status; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.status IS 'queued, claimed, done, failed or canceled.';

--
-- Name: COLUMN craigslist_tasks_v1.claimed_by; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.claimed_by IS 'WORKER_ID of the hunter holding or last holding it.';

--
-- Name: COLUMN craigslist_tasks_v1.claimed_at; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.claimed_at IS 'When it was claimed.';

--
-- Name: COLUMN craigslist_tasks_v1.attempts; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.attempts IS 'Claims so far.';

--
-- Name: COLUMN craigslist_tasks_v1.max_attempts; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.max_attempts IS 'Claims after which a failing task stays failed.';

--
-- Name: COLUMN craigslist_tasks_v1.not_before; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.not_before IS 'Not to be claimed before this time (backoff after a block).';

--
-- Name: COLUMN craigslist_tasks_v1.last_error; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.last_error IS 'Failure code of the last attempt: blocked_403, blocked_503, detail_missing_dom, goto_timeout, ...';

--
-- Name: COLUMN craigslist_tasks_v1.result; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.result IS 'What the task found (discover: postings seen and queued; detail: the stored lead''s fields).';

--
-- Name: COLUMN craigslist_tasks_v1.lead_id; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.lead_id IS 'Lead stored by a detail task.';

--
-- Name: COLUMN craigslist_tasks_v1.created_at; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.created_at IS 'When it was queued (seed 001''s verification queries count by this).';

--
-- Name: COLUMN craigslist_tasks_v1.updated_at; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN craigslist_tasks_v1.finished_at; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.craigslist_tasks_v1.finished_at IS 'When it ended done, failed or canceled.';

--
-- Name: claim_craigslist_task_v1(text, interval, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.claim_craigslist_task_v1(p_worker_id text, p_stale_after interval DEFAULT '00:10:00'::interval, p_now timestamp with time zone DEFAULT now()) RETURNS SETOF lead_hunter.craigslist_tasks_v1
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if p_worker_id is null or length(p_worker_id) = 0 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a worker id is required';
  end if;
  -- Claims of hunters that died are released (or end the task once its attempts are spent).
  update lead_hunter.craigslist_tasks_v1 t
  set status = case when t.attempts >= t.max_attempts then 'failed' else 'queued' end,
      last_error = 'claim_expired',
      claimed_by = case when t.attempts >= t.max_attempts then t.claimed_by end,
      finished_at = case when t.attempts >= t.max_attempts then p_now end
  where t.status = 'claimed' and t.claimed_at < p_now - p_stale_after;

  return query
  with next_task as (
    select t.id
    from lead_hunter.craigslist_tasks_v1 t
    where t.status = 'queued' and t.not_before <= p_now and t.attempts < t.max_attempts
    order by t.task_type = 'detail' desc, t.not_before, t.created_at
    limit 1
    for update skip locked
  )
  update lead_hunter.craigslist_tasks_v1 t
  set status = 'claimed', claimed_by = p_worker_id, claimed_at = p_now, attempts = t.attempts + 1
  from next_task
  where t.id = next_task.id
  returning t.*;
end
$$;

--
-- Name: FUNCTION claim_craigslist_task_v1(p_worker_id text, p_stale_after interval, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.claim_craigslist_task_v1(p_worker_id text, p_stale_after interval, p_now timestamp with time zone) IS 'Claims the next due task for a hunter (for update skip locked, so hunters never share one; detail tasks before discovers). First releases claims older than p_stale_after (a hunter that died): back to queued, or failed with claim_expired when its attempts are spent. Returns no row when nothing is due.';

--
-- Name: complete_detail_v1(uuid, text, jsonb, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_lead record;
  v_posted timestamptz;
  v_attributes jsonb;
  v_result jsonb;
begin
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found or v_task.task_type <> 'detail' then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no detail task %s', p_task_id);
  end if;
  if v_task.status = 'done' then
    return v_task.result;
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  if pg_catalog.jsonb_typeof(p_listing) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the listing must be a JSON object';
  end if;

  begin
    v_posted := (p_listing ->> 'posted_at')::timestamptz;
  exception when others then
    v_posted := null;
  end;
  v_attributes := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'title', p_listing ->> 'title',
    'price', p_listing -> 'price',
    'location', p_listing ->> 'location',
    'body', p_listing ->> 'body',
    'posted_at', v_posted,
    'url', coalesce(p_listing ->> 'url', v_task.url),
    'vehicle', case when pg_catalog.jsonb_typeof(p_listing -> 'vehicle') = 'object' then p_listing -> 'vehicle' end,
    'contact_name', p_listing ->> 'contact_name'));

  -- The unique key (account_id, source, external_id) makes a second lead for the posting impossible.
  select * into v_lead from public.find_or_create_lead(v_task.account_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'source', 'craigslist',
    'external_id', v_task.external_id,
    'country', 'US',
    'city', coalesce(nullif(p_listing ->> 'city', ''), v_task.city),
    'phone', nullif(p_listing ->> 'phone', ''),
    'email', nullif(p_listing ->> 'email', ''),
    'first_name', nullif(p_listing ->> 'contact_name', ''),
    'first_seen_at', p_now,
    'attributes', v_attributes)));

  v_result := pg_catalog.jsonb_build_object('lead_id', v_lead.lead_id, 'matched_by', v_lead.matched_by, 'created', v_lead.created);
  update lead_hunter.craigslist_tasks_v1
  set status = 'done', finished_at = p_now, last_error = null, lead_id = v_lead.lead_id, result = v_result
  where id = p_task_id;
  return v_result;
end
$$;

--
-- Name: FUNCTION complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone) IS 'Finishes a detail task by storing its posting as a lead through find_or_create_lead: source craigslist, country US, the city, external_id = posting id, first_seen_at = when the hunter read it (the posting time stays in attributes.posted_at), and the listing (title, price, location, body, vehicle attributes, contact) in attributes; phone and email when the page shows them. Never a duplicate: the unique (account_id, source, external_id) key guarantees it and finishing a done task again returns its result and changes nothing.';

--
-- Name: complete_discover_v1(uuid, text, jsonb, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_queued integer;
  v_seen integer;
begin
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found or v_task.task_type <> 'discover' then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no discover task %s', p_task_id);
  end if;
  if v_task.status = 'done' then
    return v_task.result;
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  if pg_catalog.jsonb_typeof(p_postings) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'postings must be a JSON array';
  end if;

  with postings as (
    select distinct on (p ->> 'external_id') p ->> 'external_id' as external_id, p ->> 'url' as url
    from pg_catalog.jsonb_array_elements(p_postings) p
    where p ->> 'external_id' ~ '^[0-9]{5,20}$'
  ), inserted as (
    insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city, url, external_id)
    select v_task.account_id, 'detail', v_task.city, p.url, p.external_id
    from postings p
    -- A posting already stored as a lead needs no detail task either.
    where not exists (select 1 from public.leads l
                      where l.account_id = v_task.account_id and l.source = 'craigslist' and l.external_id = p.external_id)
    on conflict (account_id, external_id) do nothing
    returning 1
  )
  select (select count(*) from postings), (select count(*) from inserted) into v_seen, v_queued;

  update lead_hunter.craigslist_tasks_v1
  set status = 'done', finished_at = p_now, last_error = null,
      result = pg_catalog.jsonb_build_object('postings_seen', v_seen, 'detail_tasks_queued', v_queued)
  where id = p_task_id;
  return pg_catalog.jsonb_build_object('postings_seen', v_seen, 'detail_tasks_queued', v_queued);
end
$_$;

--
-- Name: FUNCTION complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone) IS 'Finishes a discover task: queues one detail task per posting [{external_id, url}] not seen before (the unique (account_id, external_id) index makes duplicates impossible; postings already stored as leads are skipped). Only the hunter holding the claim may finish it; finishing a done task again returns its result and changes nothing.';

--
-- Name: enqueue_craigslist_discover_v1(uuid, text, boolean); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean DEFAULT false) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_city text := lead_hunter.normalize_city(p_city);
  v_routing jsonb;
  v_summary record;
  v_id uuid;
begin
  if v_city is null or v_city !~ '^[a-z][a-z0-9]{1,39}$' then
    raise exception using errcode = '22023', message = 'invalid_city',
      detail = pg_catalog.format('%L is not a Craigslist city name', p_city);
  end if;
  select s.leadgen_routing into v_routing from public.org_settings s where s.account_id = p_account_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible', p_account_id);
  end if;
  if not coalesce(p_override, false) then
    -- The one routing rule (lead_hunter.leadgen_routing_summary), as the Programs page shows it.
    select r.* into v_summary from lead_hunter.leadgen_routing_summary(v_routing) r;
    if not v_summary.dealer_address_set then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_not_configured',
        detail = 'LeadGen routing has no dealer address; complete onboarding step 3, or start with an explicit override',
        hint = 'org_settings.leadgen_routing needs dealer_address and radius_miles';
    end if;
    if not v_summary.configured then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_not_configured',
        detail = 'LeadGen routing has no positive radius_miles; complete onboarding step 3, or start with an explicit override',
        hint = 'org_settings.leadgen_routing needs dealer_address and radius_miles';
    end if;
    if not v_summary.active then
      raise exception using errcode = 'P0001', message = 'leadgen_routing_inactive',
        detail = 'LeadGen routing is off; turn it on, or start with an explicit override';
    end if;
  end if;
  -- One discover per city at a time.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(p_account_id::text || ':discover:' || v_city, 0));
  if exists (select 1 from lead_hunter.craigslist_tasks_v1 t
             where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city
               and t.status in ('queued', 'claimed')) then
    raise exception using errcode = 'P0001', message = 'discover_already_running',
      detail = pg_catalog.format('a Craigslist discover for %s is already queued or running', v_city);
  end if;
  insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city)
  values (p_account_id, 'discover', v_city)
  returning id into v_id;
  return v_id;
end
$_$;

--
-- Name: FUNCTION enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean) IS 'Queues a discover task for a city (seed 001). Refuses, with readable errors, unless the account''s LeadGen routing is configured with a dealer_address and a positive radius_miles (leadgen_routing_not_configured) and on (leadgen_routing_inactive) — p_override skips both — and while a discover for the same city is already queued or claimed (discover_already_running). Returns the task id.';

--
-- Name: fail_task_v1(uuid, text, text, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_retry boolean;
  v_not_before timestamptz;
begin
  if p_code is null or p_code !~ '^[a-z][a-z0-9_]{0,63}$' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a failure code like blocked_403 is required';
  end if;
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no task %s', p_task_id);
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  -- Blocks and timeouts may pass; a page without the expected elements will not change.
  v_retry := p_code in ('blocked_403', 'blocked_503', 'http_429', 'goto_timeout', 'goto_error') and v_task.attempts < v_task.max_attempts;
  -- Never retry a block immediately: wait 10, 20, 40 minutes.
  v_not_before := p_now + pg_catalog.make_interval(mins => 10 * (2 ^ (v_task.attempts - 1))::integer);
  update lead_hunter.craigslist_tasks_v1
  set status = case when v_retry then 'queued' else 'failed' end,
      last_error = p_code,
      not_before = case when v_retry then v_not_before else not_before end,
      claimed_by = case when v_retry then null else claimed_by end,
      finished_at = case when v_retry then null else p_now end
  where id = p_task_id;
  return pg_catalog.jsonb_build_object('status', case when v_retry then 'queued' else 'failed' end,
                                       'retry_at', case when v_retry then v_not_before end);
end
$_$;

--
-- Name: FUNCTION fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone) IS 'Records a failed attempt with its code (blocked_403, blocked_503, detail_missing_dom, goto_timeout, ...). Blocks (blocked_403, blocked_503, http_429), timeouts and network errors (goto_timeout, goto_error) go back to the queue, never at once: after 10, 20, 40 minutes, until max_attempts; other failures, and the last attempt, end the task failed. Only the hunter holding the claim may fail it.';

--
-- Name: leadgen_routing_summary(jsonb); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) RETURNS TABLE(configured boolean, active boolean, dealer_address_set boolean, radius_miles numeric, city_fallback text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select
    a.address_set and r.radius is not null and r.radius > 0,
    coalesce(p_routing -> 'active' = 'true'::jsonb, false),
    a.address_set,
    r.radius,
    lead_hunter.normalize_city(case when pg_catalog.jsonb_typeof(p_routing -> 'city_fallback') = 'string' then p_routing ->> 'city_fallback' end)
  from (select coalesce(pg_catalog.jsonb_typeof(p_routing -> 'dealer_address') = 'string'
                        and pg_catalog.length(pg_catalog.btrim(p_routing ->> 'dealer_address')) > 0, false) as address_set) a,
       (select case when pg_catalog.jsonb_typeof(p_routing -> 'radius_miles') = 'number'
                    then (p_routing ->> 'radius_miles')::numeric end as radius) r
$$;

--
-- Name: FUNCTION leadgen_routing_summary(p_routing jsonb); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) IS 'org_settings.leadgen_routing summarised (one row): configured when dealer_address is a non-blank string and radius_miles a positive number (the check lead_hunter.enqueue_craigslist_discover_v1 makes before queueing a discover, leadgen_routing_not_configured otherwise); active when active is JSON true; city_fallback as lead_hunter.normalize_city gives it ("São Paulo" → saopaulo), null when unset.';

--
-- Name: normalize_city(text); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.normalize_city(p_city text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select nullif(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_city, '')), '[^a-z0-9]+', '', 'g'), '')
$$;

--
-- Name: FUNCTION normalize_city(p_city text); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.normalize_city(p_city text) IS 'A city as Craigslist names its site: accents folded (brain.fold_text), lower case, letters and digits only ("Fort Lauderdale" → fortlauderdale, " Miami " → miami, "São Paulo" → saopaulo).';

--
-- Name: release_task_v1(uuid, text); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.release_task_v1(p_task_id uuid, p_worker_id text) RETURNS boolean
    LANGUAGE sql
    SET search_path TO ''
    AS $$
  with released as (
    update lead_hunter.craigslist_tasks_v1
    set status = 'queued', claimed_by = null, claimed_at = null, attempts = greatest(attempts - 1, 0)
    where id = p_task_id and status = 'claimed' and claimed_by = p_worker_id
    returning 1
  )
  select exists (select 1 from released)
$$;

--
-- Name: FUNCTION release_task_v1(p_task_id uuid, p_worker_id text); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.release_task_v1(p_task_id uuid, p_worker_id text) IS 'A hunter shutting down gives back the task it holds: queued again, and the attempt does not count. True when released; false when it did not hold it.';

--
-- Name: start_craigslist_v1(uuid, text, boolean, boolean, text, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean DEFAULT false, p_confirm_duplicate boolean DEFAULT false, p_actor text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_city text := lead_hunter.normalize_city(p_city);
  v_task uuid;
  v_recent timestamptz;
begin
  if exists (select 1 from lead_hunter.craigslist_tasks_v1 t
             where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city
               and t.status in ('queued', 'claimed')) then
    return pg_catalog.jsonb_build_object('outcome', 'already_running', 'city', v_city);
  end if;
  select max(t.created_at) into v_recent from lead_hunter.craigslist_tasks_v1 t
  where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city and t.status = 'done'
    and t.created_at > p_now - interval '60 minutes';
  if v_recent is not null and not coalesce(p_confirm_duplicate, false) then
    return pg_catalog.jsonb_build_object('outcome', 'needs_confirmation', 'city', v_city, 'last_run_at', v_recent,
      'message', 'Craigslist ' || v_city || ' already ran in the last hour; confirm to run it again');
  end if;
  begin
    v_task := lead_hunter.enqueue_craigslist_discover_v1(p_account_id, v_city, p_override);
  exception when sqlstate 'P0001' then
    if sqlerrm in ('leadgen_routing_not_configured', 'leadgen_routing_inactive') then
      return pg_catalog.jsonb_build_object('outcome', 'needs_setup', 'city', v_city, 'reason', sqlerrm,
        'message', case sqlerrm
          when 'leadgen_routing_not_configured' then 'Set the dealer address and radius (onboarding step 3), or start with override'
          else 'Turn LeadGen routing on, or start with override' end);
    end if;
    raise;
  end;
  insert into public.account_events (account_id, event_type, event_source, subject_type, actor, payload, created_at)
  values (p_account_id, 'program_started', 'lead_hunter', 'program', p_actor,
          pg_catalog.jsonb_build_object('program', 'craigslist', 'city', v_city, 'task_id', v_task, 'override', p_override),
          p_now);
  return pg_catalog.jsonb_build_object('outcome', 'ok', 'city', v_city, 'task_id', v_task);
end
$$;

--
-- Name: FUNCTION start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone) IS 'Starts the Craigslist program of a city: ok with the discover task queued; needs_setup when LeadGen routing is not configured or not on (unless p_override); needs_confirmation when a discover for the city finished in the last hour (p_confirm_duplicate runs it anyway); already_running when one is queued or running. Logs program_started.';

--
-- Name: stop_craigslist_v1(uuid, text, timestamp with time zone); Type: FUNCTION; Schema: lead_hunter; Owner: -
--

CREATE FUNCTION lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_count integer;
begin
  update lead_hunter.craigslist_tasks_v1
  set status = 'canceled', finished_at = p_now, last_error = 'program_stopped'
  where account_id = p_account_id and city = lead_hunter.normalize_city(p_city) and status = 'queued';
  get diagnostics v_count = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, payload, created_at)
  values (p_account_id, 'program_stopped', 'lead_hunter', 'program',
          pg_catalog.jsonb_build_object('program', 'craigslist', 'city', lead_hunter.normalize_city(p_city),
                                        'tasks_canceled', v_count), p_now);
  return v_count;
end
$$;

--
-- Name: FUNCTION stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone); Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON FUNCTION lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone) IS 'Stops the Craigslist program of a city ("apaga craigslist miami", autos.deactivate): its queued tasks are canceled (a task already claimed finishes), and a program_stopped account event is logged. Returns how many were canceled.';

--
-- Name: analyst_account_id(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.analyst_account_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select case
    when exists (select 1 from private.analyst_logins l where l.login = session_user)
      then (select l.account_id from private.analyst_logins l where l.login = session_user)
    when pg_catalog.pg_has_role(session_user, 'revenue_api', 'MEMBER')
      then nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
  end
$$;

--
-- Name: FUNCTION analyst_account_id(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.analyst_account_id() IS 'The account row-level security shows revenue_analyst: a mapped analyst login''s own account (private.analyst_logins, by session_user), else app.account_id when the session''s login may act as revenue_api (the application), else null (nothing).';

--
-- Name: analyze_leads(boolean); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.analyze_leads(p_analyze boolean DEFAULT true) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    SET lock_timeout TO '200ms'
    AS $$
declare
  v_index regclass;
begin
  for v_index in
    select i.indexrelid::regclass
    from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indexrelid
    join pg_catalog.pg_am am on am.oid = c.relam
    where i.indrelid = 'public.leads'::regclass and am.amname = 'gin'
    order by i.indexrelid
  loop
    perform pg_catalog.gin_clean_pending_list(v_index);
  end loop;
  if p_analyze then
    analyze public.leads;
  end if;
  return true;
exception when lock_not_available then
  -- A vacuum or another analyze holds the table: the next chunk will try again.
  return false;
end
$$;

--
-- Name: FUNCTION analyze_leads(p_analyze boolean); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.analyze_leads(p_analyze boolean) IS 'Merges the pending lists of public.leads'' GIN indexes (gin_clean_pending_list) and, with p_analyze, runs ANALYZE public.leads so the planner knows how many leads each account has. Called by brain.record_lead_import_chunk after every chunk (analyze when the import''s new leads pass 1000, 2000, 4000, ...). Returns false, having done nothing, when a vacuum or analyze holds the table for 200 ms. Security definer: only the table owner may do either; revenue_worker may call it.';

--
-- Name: assert_keeps_an_owner(uuid, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.assert_keeps_an_owner(p_account_id uuid, p_user_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  perform 1 from public.account_members m
  where m.account_id = p_account_id and m.role = 'owner' and m.is_active
  order by m.user_id
  for update;
  if not exists (
    select 1 from public.account_members m
    join public.users u on u.id = m.user_id and u.is_active
    where m.account_id = p_account_id and m.role = 'owner' and m.is_active and m.user_id <> p_user_id
  ) then
    raise exception using errcode = 'P0001', message = 'last_owner',
      detail = 'an account keeps at least one owner: make another member owner first';
  end if;
end
$$;

--
-- Name: FUNCTION assert_keeps_an_owner(p_account_id uuid, p_user_id uuid); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.assert_keeps_an_owner(p_account_id uuid, p_user_id uuid) IS 'Raises P0001 last_owner unless the account has an active owner other than this user (locks the owner rows, so concurrent demotions cannot both pass). Called before a member stops being an owner.';

--
-- Name: create_analyst_login(text, text, text, boolean); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.create_analyst_login(p_login text, p_account_slug text, p_password_verifier text, p_rotate boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_account_id uuid;
  v_bound_to uuid;
  v_bound_slug text;
  v_role_exists boolean;
begin
  if p_login is null or p_login !~ '^[a-z][a-z0-9_]{2,62}$' or p_login ~ '^(pg_|revenue_)' then
    raise exception using
      errcode = '22023', message = 'invalid_login_name',
      detail = pg_catalog.format('%s cannot be an analyst login name', coalesce(pg_catalog.quote_literal(p_login), 'an empty name')),
      hint = 'Use 3 to 63 lower-case letters, digits and _, starting with a letter, and not starting with pg_ or revenue_.';
  end if;
  if p_password_verifier is null
     or p_password_verifier !~ '^SCRAM-SHA-256\$[0-9]{4,7}:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$' then
    raise exception using
      errcode = '22023', message = 'invalid_password_verifier',
      detail = 'the password must be given as a SCRAM-SHA-256 verifier (SCRAM-SHA-256$<iterations>:<salt>$<stored key>:<server key>)';
  end if;

  select a.id into v_account_id from public.accounts a where a.slug = p_account_slug;
  if v_account_id is null then
    raise exception using
      errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with slug %s', coalesce(pg_catalog.quote_literal(p_account_slug), 'null'));
  end if;

  v_role_exists := exists (select 1 from pg_catalog.pg_roles r where r.rolname = p_login);
  select l.account_id, a.slug into v_bound_to, v_bound_slug
  from private.analyst_logins l join public.accounts a on a.id = l.account_id
  where l.login = p_login;

  if v_role_exists and v_bound_to is null then
    raise exception using
      errcode = '42710', message = 'role_exists',
      detail = pg_catalog.format('a database role named %s exists and is not an analyst login of this database', p_login),
      hint = 'Pick another NAME.';
  end if;
  if v_role_exists and v_bound_to <> v_account_id then
    raise exception using
      errcode = '42710', message = 'analyst_login_exists',
      detail = pg_catalog.format('the analyst login %s exists and is bound to account %s, not %s', p_login, v_bound_slug, p_account_slug),
      hint = 'Pick another NAME; a login stays bound to the account it was created for.';
  end if;
  if v_role_exists and not coalesce(p_rotate, false) then
    raise exception using
      errcode = '42710', message = 'analyst_login_exists',
      detail = pg_catalog.format('the analyst login %s exists (account %s)', p_login, p_account_slug),
      hint = 'Pass ROTATE=1 to give it a new password.';
  end if;
  if not v_role_exists and coalesce(p_rotate, false) then
    raise exception using
      errcode = 'P0002', message = 'analyst_login_not_found',
      detail = pg_catalog.format('there is no analyst login %s to rotate', p_login),
      hint = 'Leave out ROTATE to create it.';
  end if;

  if v_role_exists then
    execute pg_catalog.format('alter role %I password %L', p_login, p_password_verifier);
    return pg_catalog.jsonb_build_object('outcome', 'rotated', 'login', p_login, 'account_id', v_account_id);
  end if;

  execute pg_catalog.format(
    'create role %I login inherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls password %L in role revenue_analyst',
    p_login, p_password_verifier);
  -- Read-only by default too, so a BI tool's session says so; the grants alone already refuse writes.
  execute pg_catalog.format('alter role %I set default_transaction_read_only = on', p_login);
  -- A mapping left behind by a login dropped by hand is replaced.
  insert into private.analyst_logins (login, account_id) values (p_login, v_account_id)
  on conflict (login) do update set account_id = excluded.account_id, created_at = pg_catalog.now();
  return pg_catalog.jsonb_build_object('outcome', 'created', 'login', p_login, 'account_id', v_account_id);
end
$_$;

--
-- Name: FUNCTION create_analyst_login(p_login text, p_account_slug text, p_password_verifier text, p_rotate boolean); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.create_analyst_login(p_login text, p_account_slug text, p_password_verifier text, p_rotate boolean) IS 'Creates the analyst login p_login (LOGIN, member of revenue_analyst only, default_transaction_read_only) with the SCRAM-SHA-256 verifier p_password_verifier and binds it to the account p_account_slug; with p_rotate, sets a new password on an existing analyst login of that account instead. Returns {outcome: created|rotated, login, account_id}. Refuses with 22023 invalid_login_name / invalid_password_verifier, P0002 account_not_found / analyst_login_not_found, 42710 role_exists / analyst_login_exists.';

--
-- Name: defer_lead_scoring(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.defer_lead_scoring(p_lead_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_name text;
  v_ids text;
begin
  if p_lead_id is null then
    return;
  end if;
  v_name := 'revenue.deferred_scoring_' || pg_catalog.left(p_lead_id::text, 1);
  v_ids := coalesce(pg_catalog.current_setting(v_name, true), '');
  if pg_catalog.strpos(v_ids, p_lead_id::text) = 0 then
    perform pg_catalog.set_config(v_name, v_ids || p_lead_id::text || ' ', true);
  end if;
end
$$;

--
-- Name: FUNCTION defer_lead_scoring(p_lead_id uuid); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.defer_lead_scoring(p_lead_id uuid) IS 'Notes lead p_lead_id (once) in the transaction-local settings revenue.deferred_scoring_0 … _f (by the first hex digit of its id), so brain.drain_webhook_receipts scores it after its batch (brain.score_leads; private.take_deferred_scoring reads and clears the notes) instead of the priority-score triggers scoring it at every change. A subtransaction that rolls back takes back its notes.';

--
-- Name: drop_analyst_login(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.drop_analyst_login(p_login text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_account_id uuid;
begin
  delete from private.analyst_logins l where l.login = p_login returning l.account_id into v_account_id;
  if v_account_id is null then
    raise exception using
      errcode = 'P0002', message = 'analyst_login_not_found',
      detail = pg_catalog.format('%s is not an analyst login of this database', coalesce(pg_catalog.quote_literal(p_login), 'null'));
  end if;
  if exists (select 1 from pg_catalog.pg_roles r where r.rolname = p_login) then
    execute pg_catalog.format('drop role %I', p_login);
  end if;
  return pg_catalog.jsonb_build_object('outcome', 'dropped', 'login', p_login, 'account_id', v_account_id);
end
$$;

--
-- Name: FUNCTION drop_analyst_login(p_login text); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.drop_analyst_login(p_login text) IS 'Removes the analyst login p_login: its mapping in private.analyst_logins and the role itself. Returns {outcome: dropped, login, account_id}; P0002 analyst_login_not_found when p_login is not an analyst login of this database. Fails (2BP01) while the role still owns objects or holds privileges elsewhere.';

--
-- Name: login_retry_after(text, text, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.login_retry_after(p_email text, p_ip text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(retry_after integer, limited_by text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  c_window constant interval := interval '15 minutes';
  c_trusted constant interval := interval '30 days';
  c_address_free constant integer := 10;
  c_email_free constant integer := 5;
  c_cap constant integer := 900;
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_n integer;
  v_last timestamptz;
  v_since timestamptz;
  v_address integer := 0;
  v_account integer := 0;
begin
  if p_ip is not null then
    select count(*)::integer, max(a.created_at) into v_n, v_last
    from public.login_attempts a
    where a.ip = p_ip and a.outcome in ('pending', 'failed')
      and a.created_at > p_now - c_window and a.created_at <= p_now;
    if v_n >= c_address_free then
      v_address := pg_catalog.ceil(extract(epoch from
        v_last + pg_catalog.make_interval(secs => least(2 ^ least(v_n - c_address_free + 1, 12), c_cap)) - p_now))::integer;
    end if;
  end if;

  if p_ip is null or not exists (
    select from public.login_attempts a
    where a.email = v_email and a.ip = p_ip and a.outcome = 'succeeded'
      and a.created_at > p_now - c_trusted and a.created_at <= p_now
  ) then
    select greatest(p_now - c_window, max(a.created_at)) into v_since
    from public.login_attempts a
    where a.email = v_email and a.outcome = 'succeeded' and a.created_at <= p_now;
    v_since := coalesce(v_since, p_now - c_window);
    select count(*)::integer, max(a.created_at) into v_n, v_last
    from public.login_attempts a
    where a.email = v_email and a.outcome in ('pending', 'failed')
      and a.created_at > v_since and a.created_at <= p_now;
    if v_n >= c_email_free then
      v_account := pg_catalog.ceil(extract(epoch from
        v_last + pg_catalog.make_interval(secs => least(2 ^ least(v_n - c_email_free + 1, 12), c_cap)) - p_now))::integer;
    end if;
  end if;

  return query select
    greatest(v_address, v_account, 0),
    case when greatest(v_address, v_account) <= 0 then null
         when v_address >= v_account then 'address'
         else 'account' end;
end
$$;

--
-- Name: FUNCTION login_retry_after(p_email text, p_ip text, p_now timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.login_retry_after(p_email text, p_ip text, p_now timestamp with time zone) IS 'Login backoff policy: seconds the next attempt for this email from this address must wait (0: go ahead) and which limit applies (address or account). Per address: 10 failures in 15 minutes free, then 2^k s after the latest failure (k = failures beyond the free ones, 900 s at most). Per email: 5 failures since the last success (within 15 minutes) free, then the same doubling; an address that logged in to this email in the last 30 days is exempt from the per-email delay. Pending attempts count as failures. Never a hard lock.';

--
-- Name: account_invites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_invites (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    email public.email_address NOT NULL,
    role text NOT NULL,
    token_hash text,
    delivery text NOT NULL,
    invited_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone DEFAULT (now() + '7 days'::interval) NOT NULL,
    emailed_at timestamp with time zone,
    email_error text,
    accepted_at timestamp with time zone,
    accepted_by uuid,
    revoked_at timestamp with time zone,
    CONSTRAINT account_invites_accepted_or_revoked_check CHECK (((accepted_at IS NULL) OR (revoked_at IS NULL))),
    CONSTRAINT account_invites_delivery_check CHECK ((delivery = ANY (ARRAY['email'::text, 'shown'::text]))),
    CONSTRAINT account_invites_email_error_check CHECK ((length(email_error) <= 300)),
    CONSTRAINT account_invites_expiry_check CHECK ((expires_at > created_at)),
    CONSTRAINT account_invites_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'setter'::text, 'analyst'::text, 'viewer'::text]))),
    CONSTRAINT account_invites_shown_has_token_check CHECK (((delivery = 'email'::text) OR (token_hash IS NOT NULL))),
    CONSTRAINT account_invites_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: TABLE account_invites; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_invites IS 'Invitations to join an account with a role. The link carries a random token; only its SHA-256 is kept. Valid 7 days; accepted, revoked (by an owner or by a newer invite to the same email) or expired invites open nothing.';

--
-- Name: COLUMN account_invites.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.id IS 'Invite id.';

--
-- Name: COLUMN account_invites.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.account_id IS 'The account the invite joins.';

--
-- Name: COLUMN account_invites.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.email IS 'Who is invited (lower-case); only this email can accept.';

--
-- Name: COLUMN account_invites.role; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.role IS 'Role the member gets on accepting: owner, admin, setter, analyst or viewer.';

--
-- Name: COLUMN account_invites.token_hash; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.token_hash IS 'SHA-256 (hex) of the link''s token; null until the worker mints the emailed link. Never readable by API or analyst roles.';

--
-- Name: COLUMN account_invites.delivery; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.delivery IS 'email: the worker sends the link through the account''s email provider; shown: there was no email provider, the link was shown once to the owner.';

--
-- Name: COLUMN account_invites.invited_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.invited_by IS 'The owner who sent it.';

--
-- Name: COLUMN account_invites.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.created_at IS 'When it was sent.';

--
-- Name: COLUMN account_invites.expires_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.expires_at IS 'After this the link no longer works (7 days after sending).';

--
-- Name: COLUMN account_invites.emailed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.emailed_at IS 'When the email provider accepted the invite email.';

--
-- Name: COLUMN account_invites.email_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.email_error IS 'Why the invite email was not sent, when it was not.';

--
-- Name: COLUMN account_invites.accepted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.accepted_at IS 'When the invite was accepted.';

--
-- Name: COLUMN account_invites.accepted_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.accepted_by IS 'The user who accepted it.';

--
-- Name: COLUMN account_invites.revoked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_invites.revoked_at IS 'When an owner revoked it or a newer invite replaced it.';

--
-- Name: open_account_invite(text, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_account_invite(p_token_hash text, p_now timestamp with time zone) RETURNS public.account_invites
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_invite public.account_invites;
begin
  select * into v_invite from public.account_invites i
  where i.token_hash = p_token_hash
  for update;
  if v_invite.id is null then
    raise exception using errcode = 'P0002', message = 'invite_not_found', detail = 'this invite link is not valid';
  elsif v_invite.accepted_at is not null then
    raise exception using errcode = '55000', message = 'invite_used', detail = 'this invite was already accepted';
  elsif v_invite.revoked_at is not null then
    raise exception using errcode = '55000', message = 'invite_revoked', detail = 'this invite was withdrawn';
  elsif v_invite.expires_at <= p_now then
    raise exception using errcode = '55000', message = 'invite_expired', detail = 'this invite has expired: ask for a new one';
  end if;
  return v_invite;
end
$$;

--
-- Name: FUNCTION open_account_invite(p_token_hash text, p_now timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.open_account_invite(p_token_hash text, p_now timestamp with time zone) IS 'The open invite whose link token hashes to p_token_hash, row-locked. Raises invite_not_found (P0002), or invite_used, invite_revoked, invite_expired (55000).';

--
-- Name: open_session(uuid, uuid, text, text, interval); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_session(p_user_id uuid, p_account_id uuid, p_ip text, p_user_agent text, p_ttl interval DEFAULT '12:00:00'::interval) RETURNS TABLE(session_id uuid, account_id uuid, csrf_token text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_account uuid;
  v_session uuid;
  v_csrf text;
begin
  -- The requested workspace if the user belongs to it, else the first one joined.
  select m.account_id into v_account
  from public.account_members m
  join public.users u on u.id = m.user_id and u.is_active
  where m.user_id = p_user_id and m.is_active and (p_account_id is null or m.account_id = p_account_id)
  order by m.created_at, m.account_id
  limit 1;
  if v_account is null then
    return;
  end if;
  v_csrf := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
  insert into public.user_sessions (user_id, account_id, csrf_token, ip, user_agent, expires_at)
  values (p_user_id, v_account, v_csrf, p_ip, pg_catalog.left(p_user_agent, 300), pg_catalog.now() + p_ttl)
  returning id into v_session;
  return query select v_session, v_account, v_csrf;
end
$$;

--
-- Name: FUNCTION open_session(p_user_id uuid, p_account_id uuid, p_ip text, p_user_agent text, p_ttl interval); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.open_session(p_user_id uuid, p_account_id uuid, p_ip text, p_user_agent text, p_ttl interval) IS 'Opens a session for an active member (in p_account_id when they belong to it, else the first workspace joined) with a fresh CSRF token. No row when the user has no active membership.';

--
-- Name: queue_touch_dispatch(uuid, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_key text := private.touch_dispatch_job_key(p_account_id, p_run_at);
begin
  -- A job for this second that no worker has taken yet will see this transaction's
  -- touches: lock it until commit (a worker fetching jobs skips locked rows, so it
  -- runs after the commit) and add nothing. Touches inserted one by one, many per
  -- second, then cost a row lock each instead of a job upsert and a NOTIFY.
  perform 1 from graphile_worker._private_jobs j
  where j.key = v_key and j.locked_at is null and j.attempts = 0
  for update;
  if found then
    return;
  end if;
  -- Otherwise a job (job_key replace: when the key's job is already running, a new one
  -- is added beside it).
  perform graphile_worker.add_job('dispatch_touches', pg_catalog.json_build_object('account_id', p_account_id),
                                  run_at => p_run_at, max_attempts => 10, job_key => v_key);
end
$$;

--
-- Name: FUNCTION queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone) IS 'Wakes graphile_worker job dispatch_touches {account_id} at p_run_at under key private.touch_dispatch_job_key(account, p_run_at): the touches of one account due in the same second share one job, which claims them in a batch (brain.claim_touches). When that second''s job exists and no worker has taken it, it is locked until the caller commits and nothing is added; else the job is added (job_key replace). Security definer: callers need no rights on graphile_worker.';

--
-- Name: require_account_owner(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.require_account_owner(p_actor_user_id uuid) RETURNS uuid
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
begin
  if v_account is null or not exists (
    select 1 from public.account_members m
    join public.users u on u.id = m.user_id and u.is_active
    where m.account_id = v_account and m.user_id = p_actor_user_id and m.is_active and m.role = 'owner'
  ) then
    raise exception using errcode = '42501', message = 'not_an_owner',
      detail = 'only an owner of this account manages its team';
  end if;
  return v_account;
end
$$;

--
-- Name: FUNCTION require_account_owner(p_actor_user_id uuid); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.require_account_owner(p_actor_user_id uuid) IS 'The current account (app.account_id) when the user is one of its active owners; else raises 42501 not_an_owner. Used by the team functions.';

--
-- Name: take_deferred_scoring(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.take_deferred_scoring() RETURNS uuid[]
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_digit text;
  v_ids text := '';
begin
  foreach v_digit in array pg_catalog.string_to_array('0 1 2 3 4 5 6 7 8 9 a b c d e f', ' ') loop
    v_ids := v_ids || coalesce(pg_catalog.current_setting('revenue.deferred_scoring_' || v_digit, true), '');
    perform pg_catalog.set_config('revenue.deferred_scoring_' || v_digit, '', true);
  end loop;
  return pg_catalog.string_to_array(pg_catalog.btrim(v_ids), ' ')::uuid[];
end
$$;

--
-- Name: FUNCTION take_deferred_scoring(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.take_deferred_scoring() IS 'Returns the leads noted by private.defer_lead_scoring in this transaction (revenue.deferred_scoring_0 … _f), each once, and clears the notes. brain.drain_webhook_receipts calls it before its batch (to start clean) and after (to score the noted leads with brain.score_leads).';

--
-- Name: tg__append_only(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception using
    errcode = 'P0001',
    message = 'append_only_violation',
    detail = pg_catalog.format('%s.%s is append-only: %s is not allowed', tg_table_schema, tg_table_name, tg_op),
    hint = 'Record a new event instead of changing or removing an old one.';
end
$$;

--
-- Name: FUNCTION tg__append_only(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg__append_only() IS 'Trigger: refuses UPDATE, DELETE and TRUNCATE on append-only tables (append_only_violation).';

--
-- Name: tg__set_updated_at(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;

--
-- Name: FUNCTION tg__set_updated_at(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg__set_updated_at() IS 'Trigger: sets updated_at to now() on every UPDATE.';

--
-- Name: tg_account_provider_settings__sync_sender_addresses(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_account_provider_settings__sync_sender_addresses() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account uuid;
  v_taken text;
begin
  for v_account in
    select distinct a.id
    from unnest(array[
      case when tg_op <> 'INSERT' then old.account_id end,
      case when tg_op <> 'DELETE' then new.account_id end]) a(id)
    where a.id is not null
  loop
    with wanted as (
      select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) as address,
             pg_catalog.array_agg(distinct s.channel order by s.channel) as channels
      from public.account_provider_settings s
      cross join lateral pg_catalog.jsonb_array_elements(
        case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
      where s.account_id = v_account
        and pg_catalog.jsonb_typeof(e.sender) = 'object'
        and coalesce(pg_catalog.btrim(e.sender ->> 'address'), '') <> ''
      group by 1
    ),
    gone as (
      delete from public.sender_addresses o
      where o.account_id = v_account
        and not exists (select 1 from wanted w where w.address = o.address)
    )
    insert into public.sender_addresses (address, account_id, channels)
    select w.address, v_account, w.channels from wanted w
    on conflict (address) do update set channels = excluded.channels
      where public.sender_addresses.account_id = excluded.account_id
        and public.sender_addresses.channels is distinct from excluded.channels;

    -- An address another account owns was left as it was by the upsert above
    -- (also when that account listed it concurrently: this statement sees its commit).
    select pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address')) into v_taken
    from public.account_provider_settings s
    cross join lateral pg_catalog.jsonb_array_elements(
      case when pg_catalog.jsonb_typeof(s.config -> 'senders') = 'array' then s.config -> 'senders' else '[]'::jsonb end) e(sender)
    join public.sender_addresses o on o.address = pg_catalog.lower(pg_catalog.btrim(e.sender ->> 'address'))
    where s.account_id = v_account
      and pg_catalog.jsonb_typeof(e.sender) = 'object'
      and o.account_id <> v_account
    order by 1
    limit 1;
    if v_taken is not null then
      raise exception using
        errcode = '23505',
        message = pg_catalog.format('%s is already a sender of another account', v_taken),
        detail = pg_catalog.format('%s is already a sender of another account: a number or address can belong to one account only.', v_taken),
        hint = 'Use a number of your own, or ask for it to be removed from the other account first.',
        table = 'account_provider_settings',
        column = 'senders';
    end if;
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION tg_account_provider_settings__sync_sender_addresses(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_account_provider_settings__sync_sender_addresses() IS 'Trigger: after a change to account_provider_settings, rewrites public.sender_addresses for the account(s) concerned from their config.senders (one row per address with the channels listing it), and raises 23505 "<address> is already a sender of another account" (column senders) when another account already owns one of them. Security definer: it must see and write every account''s addresses whatever role changed the settings.';

--
-- Name: tg_accounts__create_org_settings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_accounts__create_org_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  insert into public.org_settings (account_id) values (new.id)
  on conflict (account_id) do nothing;
  return null;
end
$$;

--
-- Name: FUNCTION tg_accounts__create_org_settings(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_accounts__create_org_settings() IS 'Trigger: creates the default org_settings row of a new account.';

--
-- Name: tg_campaign_leads__set_next_step_at(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_campaign_leads__set_next_step_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if new.next_step_at is null then
    new.next_step_at := new.enrolled_at + pg_catalog.make_interval(mins => coalesce(
      (select s.delay_minutes from public.campaign_steps s
       where s.account_id = new.account_id and s.campaign_id = new.campaign_id and s.step = new.current_step), 0));
  end if;
  return new;
end
$$;

--
-- Name: FUNCTION tg_campaign_leads__set_next_step_at(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_campaign_leads__set_next_step_at() IS 'Trigger: fills campaign_leads.next_step_at on enrollment (enrolled_at + the current step''s delay_minutes) when the caller did not.';

--
-- Name: tg_campaign_steps__check_content(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_campaign_steps__check_content() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_campaign public.campaigns;
begin
  select c.* into v_campaign from public.campaigns c where c.id = new.campaign_id;
  perform brain.assert_step_content(v_campaign.campaign_key, new.step, new.channel::text, new.body, new.subject,
                                    v_campaign.is_active);
  return null;
end
$$;

--
-- Name: FUNCTION tg_campaign_steps__check_content(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_campaign_steps__check_content() IS 'Constraint trigger on campaign_steps (deferrable, initially immediate): brain.assert_step_content on every insert and update, so a body or subject naming an unknown variable is refused (unknown_template_variable), and a step of an active campaign without a body (or an email step without a subject) is refused.';

--
-- Name: tg_campaigns__check_steps_on_activate(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_campaigns__check_steps_on_activate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_step record;
begin
  if not new.is_active or (tg_op = 'UPDATE' and old.is_active) then
    return null;
  end if;
  for v_step in
    select s.step, s.channel::text as channel, s.body, s.subject
    from public.campaign_steps s where s.campaign_id = new.id order by s.step
  loop
    perform brain.assert_step_content(new.campaign_key, v_step.step, v_step.channel, v_step.body, v_step.subject, true);
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION tg_campaigns__check_steps_on_activate(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_campaigns__check_steps_on_activate() IS 'Constraint trigger on campaigns (deferrable, initially immediate): when a campaign becomes active (set_campaign_active, set_campaigns_active_bulk, autos.activate or any update), each of its steps must pass brain.assert_step_content: no unknown template variable, a body on every step (the call script for voice) and a subject on email steps. Otherwise the activation is refused with the step named.';

--
-- Name: tg_core_memory_events__priority_score(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_core_memory_events__priority_score() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- The receipts drain scores its batch's leads once, after the batch
  -- (brain.drain_webhook_receipts): here it is only told which.
  if pg_catalog.current_setting('revenue.defer_priority_score', true) = 'on' then
    perform private.defer_lead_scoring(new.lead_id);
    return null;
  end if;
  perform brain.score_leads(array[new.lead_id]);
  return null;
end
$$;

--
-- Name: FUNCTION tg_core_memory_events__priority_score(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_core_memory_events__priority_score() IS 'Trigger: recomputes the lead''s stored priority_score (brain.score_leads) after a memory event with a non-zero score_delta; while revenue.defer_priority_score is on (the receipts drain) it only notes the lead (private.defer_lead_scoring) and the drain scores the batch''s leads once at its end.';

--
-- Name: tg_inbound_messages__enqueue_post_process(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_inbound_messages__enqueue_post_process() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  -- The receipts drain queues its batch's jobs itself, with one add_jobs.
  if pg_catalog.current_setting('revenue.defer_post_process', true) = 'on' then
    return null;
  end if;
  perform graphile_worker.add_jobs(array(
    select row('inbound_post_process', pg_catalog.json_build_object('inbound_message_id', n.id), null, null,
               5, 'inbound_post_process:' || n.id::text, null, null)::graphile_worker.job_spec
    from new_rows n));
  return null;
end
$$;

--
-- Name: FUNCTION tg_inbound_messages__enqueue_post_process(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_inbound_messages__enqueue_post_process() IS 'Trigger: queues graphile_worker job inbound_post_process {inbound_message_id} (max 5 attempts, job_key inbound_post_process:<id>) for every inserted inbound message, once per statement; nothing while revenue.defer_post_process is on (brain.drain_webhook_receipts queues a whole batch''s jobs with one add_jobs). Security definer: ingestion runs as revenue_worker, which has no rights on graphile_worker.';

--
-- Name: tg_lead_imports__enqueue_import(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_lead_imports__enqueue_import() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  -- One queue per account: an account's imports run one after another, so two files
  -- with the same leads never contend for find_or_create_lead's locks.
  perform graphile_worker.add_jobs(array(
    select row('import_leads', pg_catalog.json_build_object('import_id', n.id), 'import_leads:' || n.account_id::text,
               null, 5, 'import_leads:' || n.id::text, null, null)::graphile_worker.job_spec
    from new_rows n
    where n.status = 'queued'));
  return null;
end
$$;

--
-- Name: FUNCTION tg_lead_imports__enqueue_import(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_lead_imports__enqueue_import() IS 'Trigger: queues graphile_worker job import_leads {import_id} (queue import_leads:<account_id>, so one import per account runs at a time; max 5 attempts; job_key import_leads:<id>) for every inserted queued lead import, once per statement. Security definer: uploads run as revenue_api, which has no rights on graphile_worker.';

--
-- Name: tg_leads__lead_state_transition(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_leads__lead_state_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not exists (
    select 1 from public.lead_state_transitions t
    where t.from_state = old.lead_state and t.to_state = new.lead_state
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_lead_transition',
      detail = pg_catalog.format('%s → %s is not allowed', old.lead_state, new.lead_state),
      hint = 'The allowed transitions are listed in public.lead_state_transitions.';
  end if;

  -- brain.transition_leads logs its statement's moves itself, with one insert.
  if pg_catalog.current_setting('app.transition_logged', true) = 'on' then
    return null;
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, previous_state, new_state, reason, actor)
  values (
    new.account_id, new.id, 'state_transition', old.lead_state, new.lead_state,
    coalesce(nullif(pg_catalog.current_setting('app.transition_reason', true), ''), 'direct_update'),
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text)
  );
  return null;
end
$$;

--
-- Name: FUNCTION tg_leads__lead_state_transition(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_leads__lead_state_transition() IS 'Trigger: refuses lead_state changes not in lead_state_transitions (invalid_lead_transition) and logs accepted ones in lead_events; while app.transition_logged is on, brain.transition_leads logs its own statement''s moves (one insert) and the trigger only checks.';

--
-- Name: tg_leads__priority_score(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_leads__priority_score() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- The receipts drain scores its batch's leads once, after the batch.
  if tg_op = 'UPDATE' and pg_catalog.current_setting('revenue.defer_priority_score', true) = 'on' then
    perform private.defer_lead_scoring(new.id);
    return new;
  end if;
  new.priority_score := brain.lead_priority(
    (select st.priority_weight from public.lead_states st where st.state = new.lead_state),
    new.phone, new.phone_line_type, new.email,
    case when tg_op = 'INSERT' then 0
         else (select g.engagement from brain.lead_engagement(new.id, pg_catalog.now()) g) end);
  new.priority_scored_at := pg_catalog.now();
  return new;
end
$$;

--
-- Name: FUNCTION tg_leads__priority_score(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_leads__priority_score() IS 'Trigger: recomputes leads.priority_score (brain.lead_priority) on insert and when lead_state, phone, phone_line_type or email change; on an update while revenue.defer_priority_score is on (the receipts drain) it only notes the lead (private.defer_lead_scoring) and the drain scores it after its batch (brain.score_leads).';

--
-- Name: tg_touch_runs__ai_draft_sent(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_touch_runs__ai_draft_sent() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.ai_drafts d
  set status = 'sent'
  where d.touch_run_id = new.id and d.account_id = new.account_id and d.status = 'approved';
  return null;
end
$$;

--
-- Name: FUNCTION tg_touch_runs__ai_draft_sent(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_touch_runs__ai_draft_sent() IS 'Trigger: when an AI draft''s touch (payload meta.ai_draft_id) is sent or delivered, its approved draft becomes sent. Security definer: the dispatch path''s role needs no rights on ai_drafts'' status.';

--
-- Name: tg_touch_runs__enqueue_dispatch(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_touch_runs__enqueue_dispatch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_due record;
begin
  if tg_level = 'STATEMENT' then
    for v_due in
      select n.account_id, pg_catalog.min(n.scheduled_at) as run_at
      from new_rows n
      where n.status in ('scheduled', 'queued')
      group by n.account_id, pg_catalog.floor(extract(epoch from n.scheduled_at))
    loop
      perform private.queue_touch_dispatch(v_due.account_id, v_due.run_at);
    end loop;
  else
    perform private.queue_touch_dispatch(new.account_id, new.scheduled_at);
  end if;
  return null;
end
$$;

--
-- Name: FUNCTION tg_touch_runs__enqueue_dispatch(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_touch_runs__enqueue_dispatch() IS 'Trigger: wakes the batched dispatch for every touch inserted (once per statement) or moved (per row) into scheduled or queued: one graphile_worker job dispatch_touches {account_id} per account and second of scheduled_at, run_at = the earliest scheduled_at of that second, job_key private.touch_dispatch_job_key; a job of that second not yet taken by a worker is reused (see private.queue_touch_dispatch). The job claims the account''s due touches in batches (brain.claim_touches). Security definer: callers need no rights on graphile_worker.';

--
-- Name: tg_touch_runs__status_transition(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_touch_runs__status_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not exists (
    select 1 from public.touch_run_status_transitions t
    where t.from_status = old.status and t.to_status = new.status
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_touch_run_transition',
      detail = pg_catalog.format('%s → %s is not allowed (touch %s)', old.status, new.status, old.id),
      hint = 'The allowed changes are listed in public.touch_run_status_transitions.';
  end if;

  case new.status
    when 'sending' then new.claimed_at := coalesce(new.claimed_at, pg_catalog.now());
    when 'sent' then new.sent_at := coalesce(new.sent_at, pg_catalog.now());
    when 'delivered' then new.delivered_at := coalesce(new.delivered_at, pg_catalog.now());
    when 'failed' then new.failed_at := coalesce(new.failed_at, pg_catalog.now());
    when 'canceled' then new.canceled_at := coalesce(new.canceled_at, pg_catalog.now());
    else null;
  end case;
  return new;
end
$$;

--
-- Name: FUNCTION tg_touch_runs__status_transition(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_touch_runs__status_transition() IS 'Trigger: refuses status changes not in touch_run_status_transitions (invalid_touch_run_transition) and stamps claimed_at/sent_at/delivered_at/failed_at/canceled_at.';

--
-- Name: tg_users__revoke_sessions(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_users__revoke_sessions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  update public.user_sessions s set revoked_at = pg_catalog.now()
  where s.user_id = new.id and s.revoked_at is null;
  return null;
end
$$;

--
-- Name: FUNCTION tg_users__revoke_sessions(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_users__revoke_sessions() IS 'Trigger: a changed password_hash revokes every open session of the user.';

--
-- Name: touch_dispatch_job_key(uuid, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamp with time zone) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select 'dispatch_touches:' || p_account_id::text || ':'
         || pg_catalog.floor(extract(epoch from p_scheduled_at))::bigint::text
$$;

--
-- Name: FUNCTION touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamp with time zone); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamp with time zone) IS 'Job key dispatch_touches:<account_id>:<epoch second of p_scheduled_at>: the touches of one account due in the same second share one dispatch_touches job (job_key replace: a job already running gets a new one beside it).';

--
-- Name: touch_expires_at(jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.touch_expires_at(p_payload jsonb) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
begin
  if pg_catalog.jsonb_typeof(p_payload -> 'routing' -> 'expires_at') is distinct from 'string' then
    return null;
  end if;
  return (p_payload -> 'routing' ->> 'expires_at')::timestamptz;
exception when others then
  -- Unreadable: treated as long past, so the touch is not sent on a guess.
  return '-infinity';
end
$$;

--
-- Name: FUNCTION touch_expires_at(p_payload jsonb); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.touch_expires_at(p_payload jsonb) IS 'payload routing.expires_at of a touch as a timestamptz: null when it is absent or not a JSON string, -infinity when it is a string that is not a time (the touch counts as expired). brain.claim_touch_rows cancels a touch whose expiry is at or before p_now (expired).';

--
-- Name: accept_account_invite(text, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, role text, csrf_token text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_invite public.account_invites := private.open_account_invite(p_token_hash, p_now);
  v_user uuid;
  v_email text;
  v_csrf text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
begin
  select u.id, u.email::text into v_user, v_email
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > p_now;
  if v_user is null then
    raise exception using errcode = '42501', message = 'not_logged_in', detail = 'log in first to accept this invite';
  end if;
  if v_email <> v_invite.email::text then
    raise exception using errcode = '42501', message = 'invite_for_another_email',
      detail = 'this invite is for another email address: log out and open the link again';
  end if;
  insert into public.account_members (account_id, user_id, role)
  values (v_invite.account_id, v_user, v_invite.role)
  on conflict on constraint account_members_pkey do update set role = excluded.role, is_active = true;
  update public.account_invites i set accepted_at = p_now, accepted_by = v_user where i.id = v_invite.id;
  update public.user_sessions s set account_id = v_invite.account_id, csrf_token = v_csrf where s.id = p_session_id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_invite.account_id, 'member_joined', 'accept_account_invite', 'user', v_user, v_user::text,
          pg_catalog.jsonb_build_object('role', v_invite.role, 'invite_id', v_invite.id));
  return query select v_invite.account_id, v_invite.role, v_csrf;
end
$$;

--
-- Name: FUNCTION accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone) IS 'Accepts the invite whose link token hashes to p_token_hash for the user of an open session, who must have the invited email: they become an active member with the invited role, and the session switches to that account with a new CSRF token. Refuses invite_not_found (P0002), invite_used / invite_revoked / invite_expired (55000), not_logged_in and invite_for_another_email (42501); a refusal changes nothing.';

--
-- Name: accept_account_invite_as_new_user(text, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone DEFAULT now()) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_invite public.account_invites := private.open_account_invite(p_token_hash, p_now);
  v_user uuid;
begin
  if coalesce(p_password_hash, '') !~ '^scrypt\$' then
    raise exception using errcode = '22023', message = 'invalid_password_hash', detail = 'the password must be given as a scrypt hash';
  end if;
  if exists (select 1 from public.users u where u.email = v_invite.email) then
    raise exception using errcode = '23505', message = 'user_exists',
      detail = 'a login with this email exists already: log in to accept the invite';
  end if;
  insert into public.users (email, display_name, password_hash)
  values (v_invite.email, nullif(pg_catalog.btrim(p_display_name), ''), p_password_hash)
  returning id into v_user;
  insert into public.account_members (account_id, user_id, role) values (v_invite.account_id, v_user, v_invite.role);
  update public.account_invites i set accepted_at = p_now, accepted_by = v_user where i.id = v_invite.id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_invite.account_id, 'member_joined', 'accept_account_invite_as_new_user', 'user', v_user, v_user::text,
          pg_catalog.jsonb_build_object('role', v_invite.role, 'invite_id', v_invite.id, 'new_user', true));
  return v_user;
end
$_$;

--
-- Name: FUNCTION accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone) IS 'Accepts the invite whose link token hashes to p_token_hash for an email that has no login yet: creates the user with the display name and password hash (scrypt, made by the API) and makes them an active member with the invited role; returns the user id. Refuses invite_not_found (P0002), invite_used / invite_revoked / invite_expired (55000), user_exists (23505: log in instead) and invalid_password_hash (22023); a refusal changes nothing.';

--
-- Name: account_changes_since(uuid, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touches_sent bigint, touches_failed bigint, replies bigint, opt_outs bigint, new_leads bigint, campaigns_switched bigint)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type = 'touch_sent'
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type = 'touch_failed'
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.inbound_messages m
      where m.account_id = p_account_id and m.received_at >= p_since and m.received_at < p_now),
    (select count(*) from public.core_memory_events e
      where e.account_id = p_account_id and e.event_type in ('opt_out', 'unsubscribe')
        and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.leads l
      where l.account_id = p_account_id and l.created_at >= p_since and l.created_at < p_now),
    (select count(*) from public.account_events a
      where a.account_id = p_account_id and a.event_type in ('campaign_activated', 'campaign_paused')
        and a.created_at >= p_since and a.created_at < p_now)
$$;

--
-- Name: FUNCTION account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone) IS 'What changed in one account in [p_since, p_now) (Command OS "what changed today", p_since = local midnight): touches sent and failed (touch_sent / touch_failed memory events), replies (inbound_messages), opt-outs (opt_out / unsubscribe memory events), new leads (leads.created_at) and campaigns switched on or off (campaign_activated / campaign_paused account events). Counts only; runs as the caller, so row-level security limits it to the caller''s account.';

--
-- Name: account_people(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.account_people() RETURNS TABLE(user_id uuid, name text, email text, role text, is_active boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select u.id, coalesce(u.display_name, u.email::text), u.email::text, m.role, m.is_active and u.is_active
  from public.account_members m
  join public.users u on u.id = m.user_id
  where m.account_id = private.analyst_account_id()
  order by 2
$$;

--
-- Name: FUNCTION account_people(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.account_people() IS 'Members of the current account (app.account_id for the application; an analyst login''s own account, see private.analyst_account_id) with display name (or email), role and whether they are active. The users table itself is global and not readable by the API role; this exposes only the members of the caller''s account and never password hashes.';

--
-- Name: approve_ai_draft(uuid, text, uuid, text, text, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid DEFAULT NULL::uuid, p_body text DEFAULT NULL::text, p_subject text DEFAULT NULL::text, p_account_id uuid DEFAULT NULL::uuid, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_draft public.ai_drafts;
  v_body text;
  v_subject text;
  v_problems text[];
  v_status record;
  v_touch uuid;
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who approves is required (1-200 characters)';
  end if;
  select d.* into v_draft from public.ai_drafts d
  where d.id = p_draft_id and (p_account_id is null or d.account_id = p_account_id)
  for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_draft.status in ('approved', 'sent') then
    return pg_catalog.jsonb_build_object('outcome', 'already_' || v_draft.status, 'draft_id', v_draft.id,
                                         'touch_run_id', v_draft.touch_run_id, 'decided_by', v_draft.decided_by);
  end if;
  if v_draft.status = 'rejected' then
    raise exception using errcode = '55000', message = 'draft_rejected',
      detail = 'this draft was rejected' || coalesce(' (' || v_draft.decision_reason || ')', '') || '; write a new message instead';
  end if;

  v_body := coalesce(nullif(pg_catalog.btrim(p_body), ''), v_draft.body);
  v_subject := case when v_draft.channel::text = 'email' then coalesce(nullif(pg_catalog.btrim(p_subject), ''), v_draft.subject) end;
  if pg_catalog.length(v_body) > 1600 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the message needs 1 to 1600 characters';
  end if;
  if pg_catalog.length(v_subject) > 998 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the subject has at most 998 characters';
  end if;
  v_problems := brain.template_problems(v_body, coalesce(brain.template_values(v_draft.lead_id), '{}'::jsonb))
                || brain.template_problems(v_subject, coalesce(brain.template_values(v_draft.lead_id), '{}'::jsonb));
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using errcode = '22023', message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the message cannot be sent to this lead (%s): fill in the lead, remove the placeholder or give it a default such as {{first_name|there}}',
                                 pg_catalog.array_to_string(v_problems, ', '));
  end if;

  select s.* into v_status from brain.lead_suppression_status_at(p_now) s where s.lead_id = v_draft.lead_id;
  if coalesce(v_status.is_unsubscribed, false) or v_draft.channel::text = any(coalesce(v_status.suppressed_channels, '{}'))
     or v_status.stop_event = 'do_not_contact' then
    update public.ai_drafts d
    set status = 'rejected', decided_by = pg_catalog.btrim(p_actor), decided_by_user_id = p_user_id, decided_at = p_now,
        decision_reason = 'the lead is suppressed' || coalesce(' (' || v_status.suppression_reason || ')', '')
    where d.id = v_draft.id and d.account_id = v_draft.account_id;
    perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_rejected', 'ai_inbox', 'internal',
      pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', pg_catalog.btrim(p_actor), 'reason', 'lead_suppressed'),
      v_draft.channel::text, p_now);
    return pg_catalog.jsonb_build_object('outcome', 'rejected_suppressed', 'draft_id', v_draft.id,
      'reason', 'the lead is suppressed' || coalesce(' (' || v_status.suppression_reason || ')', '') || ': nothing was sent');
  end if;

  update public.ai_drafts d
  set body = v_body, subject = v_subject,
      decision_reason = case when v_body is distinct from v_draft.body or v_subject is distinct from v_draft.subject
                             then 'edited before approval' end
  where d.id = v_draft.id and d.account_id = v_draft.account_id;
  v_touch := brain.queue_ai_draft_touch(v_draft.id, p_now, pg_catalog.btrim(p_actor), p_now);
  update public.ai_drafts d
  set status = 'approved', decided_by = pg_catalog.btrim(p_actor), decided_by_user_id = p_user_id, decided_at = p_now,
      touch_run_id = v_touch
  where d.id = v_draft.id and d.account_id = v_draft.account_id;
  perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_approved', 'ai_inbox', 'outbound',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'touch_run_id', v_touch,
      'by', pg_catalog.btrim(p_actor), 'user_id', p_user_id,
      'edited', v_body is distinct from v_draft.body or v_subject is distinct from v_draft.subject)),
    v_draft.channel::text, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'approved', 'draft_id', v_draft.id, 'touch_run_id', v_touch);
end
$$;

--
-- Name: FUNCTION approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone) IS 'A person approves an AI draft (console or Slack): queues its message as one touch (brain.queue_ai_draft_touch, sent by the dispatch path with every consent, window and send_key check) and marks the draft approved by p_actor (p_user_id when known). p_body / p_subject: the person''s edit (null keeps the draft''s text), checked like an operator''s message. Idempotent: a draft already approved or sent answers {outcome: already_approved | already_sent, touch_run_id} and queues nothing. A lead suppressed since the draft was made gets nothing: the draft is rejected and the answer is {outcome: rejected_suppressed, reason}. p_account_id (the Slack path) requires the draft to be that account''s. Returns {outcome: approved, draft_id, touch_run_id}. P0002 draft_not_found; 55000 draft_rejected; 22023 invalid_argument or a template problem (unknown_template_variable, invalid_template_placeholder, missing_lead_data).';

--
-- Name: archive_campaign(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.archive_campaign(p_campaign_id uuid, p_actor text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_campaign public.campaigns;
  v_stopped integer;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    return pg_catalog.jsonb_build_object('campaign_id', v_campaign.id, 'archived', false, 'already_archived', true);
  end if;
  update public.campaigns set is_active = false, archived_at = pg_catalog.now(), archived_by = p_actor, updated_at = pg_catalog.now()
  where id = v_campaign.id;
  update public.campaign_leads set status = 'stopped', stopped_at = pg_catalog.now(), stop_reason = 'campaign_archived'
  where account_id = v_campaign.account_id and campaign_id = v_campaign.id and status in ('active', 'paused');
  get diagnostics v_stopped = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_campaign.account_id, 'campaign_archived', 'campaign_builder', 'campaign', v_campaign.id, p_actor,
          pg_catalog.jsonb_build_object('campaign_key', v_campaign.campaign_key, 'was_active', v_campaign.is_active,
                                        'enrollments_stopped', v_stopped));
  return pg_catalog.jsonb_build_object('campaign_id', v_campaign.id, 'archived', true, 'enrollments_stopped', v_stopped);
end
$$;

--
-- Name: FUNCTION archive_campaign(p_campaign_id uuid, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.archive_campaign(p_campaign_id uuid, p_actor text) IS 'Archives a campaign of the caller''s account: it is switched off and can never run again (campaigns_archived_not_active_check), its active and paused enrollments stop with stop_reason campaign_archived, and campaign_archived is recorded in account_events with p_actor. Touches and history stay. Idempotent: an archived campaign answers already_archived. P0002 campaign_not_found.';

--
-- Name: assign_lead(uuid, uuid, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
begin
  if p_lead_id is null or p_user_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'lead and user are required';
  end if;
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in this account';
  end if;
  if not exists (select 1 from public.account_members m
                 where m.account_id = v_lead.account_id and m.user_id = p_user_id and m.is_active
                   and m.role in ('owner', 'admin', 'setter')) then
    raise exception using errcode = '22023', message = 'invalid_assignee',
      detail = 'leads can be assigned only to active owners, admins or setters of this account';
  end if;
  if v_lead.assigned_user_id is not distinct from p_user_id then
    return false;
  end if;
  update public.leads set assigned_user_id = p_user_id, assigned_at = p_now where id = v_lead.id;
  insert into public.lead_assignment_events (account_id, lead_id, assigned_to_user_id, assigned_by_user_id, source, created_at)
  values (v_lead.account_id, v_lead.id, p_user_id, p_by_user_id, 'manual', p_now);
  return true;
end
$$;

--
-- Name: FUNCTION assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone) IS 'Assigns a lead to an active owner, admin or setter of its account (22023 invalid_assignee otherwise), recording a manual lead_assignment_events row with who did it. Returns false when the lead was already theirs. Runs with the caller''s rights; P0002 lead_not_found for a lead the caller cannot see.';

--
-- Name: assign_lead_round_robin(uuid, text, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.assign_lead_round_robin(p_lead_id uuid, p_channel text DEFAULT NULL::text, p_assigned_by uuid DEFAULT NULL::uuid) RETURNS TABLE(outcome text, assigned_user_id uuid, sequence_index integer)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_channel public.channel;
  v_account_id uuid;
  v_owner uuid;
  v_enabled boolean;
  v_email_only boolean;
  v_configured uuid[];
  v_last_index integer;
  v_sequence uuid[];
  v_index integer;
  v_user uuid;
begin
  if p_channel is not null then
    begin
      v_channel := p_channel;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_channel',
        detail = pg_catalog.format('%s is not a channel; use voice, sms, whatsapp or email', p_channel);
    end;
  end if;

  select l.account_id into v_account_id from public.leads l where l.id = p_lead_id;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', p_lead_id);
  end if;

  -- One assigner per account at a time; the pointer read here is the latest committed.
  select s.round_robin_enabled, s.round_robin_email_only, s.round_robin_setter_sequence,
         s.round_robin_last_setter_index
    into v_enabled, v_email_only, v_configured, v_last_index
  from public.org_settings s
  where s.account_id = v_account_id
  for update;

  select l.assigned_user_id into v_owner from public.leads l where l.id = p_lead_id;
  if v_owner is not null then
    outcome := 'already_assigned';
    assigned_user_id := v_owner;
    return next;
    return;
  end if;

  if not coalesce(v_enabled, false) then
    outcome := 'disabled';
    return next;
    return;
  end if;

  if v_email_only and v_channel is distinct from 'email' then
    outcome := 'channel_not_eligible';
    return next;
    return;
  end if;

  -- The effective sequence: the configured one filtered to active setters (order and
  -- duplicates kept), or every active setter when none is configured.
  if pg_catalog.cardinality(coalesce(v_configured, '{}')) = 0 then
    select coalesce(pg_catalog.array_agg(m.user_id order by m.created_at, m.user_id), '{}')
      into v_sequence
    from public.account_members m
    join public.users u on u.id = m.user_id
    where m.account_id = v_account_id and m.role = 'setter' and m.is_active and u.is_active;
  else
    select coalesce(pg_catalog.array_agg(c.user_id order by c.ord), '{}')
      into v_sequence
    from pg_catalog.unnest(v_configured) with ordinality as c (user_id, ord)
    where exists (
      select 1
      from public.account_members m
      join public.users u on u.id = m.user_id
      where m.account_id = v_account_id and m.user_id = c.user_id
        and m.role = 'setter' and m.is_active and u.is_active);
  end if;

  if pg_catalog.cardinality(v_sequence) = 0 then
    outcome := 'no_active_setters';
    return next;
    return;
  end if;

  v_index := case
    when v_last_index is null then 0
    else (v_last_index + 1) % pg_catalog.cardinality(v_sequence)
  end;
  v_user := v_sequence[v_index + 1];

  update public.leads l
  set assigned_user_id = v_user, assigned_at = pg_catalog.now()
  where l.id = p_lead_id and l.assigned_user_id is null;
  if not found then
    -- Assigned meanwhile by a writer that does not take the settings lock.
    select l.assigned_user_id into v_owner from public.leads l where l.id = p_lead_id;
    outcome := 'already_assigned';
    assigned_user_id := v_owner;
    return next;
    return;
  end if;

  insert into public.lead_assignment_events
    (account_id, lead_id, assigned_to_user_id, assigned_by_user_id, source, channel, sequence_index)
  values (v_account_id, p_lead_id, v_user, p_assigned_by, 'round_robin', v_channel, v_index);

  update public.org_settings s
  set round_robin_last_setter_index = v_index
  where s.account_id = v_account_id;

  outcome := 'assigned';
  assigned_user_id := v_user;
  sequence_index := v_index;
  return next;
end
$$;

--
-- Name: FUNCTION assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid) IS 'Assigns an unassigned lead to the next setter of its account''s round-robin sequence and returns one row (outcome, assigned_user_id, sequence_index). The sequence is org_settings.round_robin_setter_sequence filtered to active setters (order and duplicates kept, so a setter listed twice gets twice the share), or all active setters by membership age when it is empty. Outcomes: assigned (the lead now belongs to assigned_user_id, taken from position sequence_index; the pointer and lead_assignment_events record it); already_assigned (the lead already had an owner, returned in assigned_user_id; nothing changes); disabled (round_robin_enabled is off); channel_not_eligible (round_robin_email_only is on and p_channel is not email); no_active_setters (the effective sequence is empty). Only assigned changes anything. Raises lead_not_found (P0002) when the lead is not visible to the caller and invalid_channel (22023) for an unknown channel. Callers of one account are serialised by a lock on its org_settings row.';

--
-- Name: authenticate_api_token(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.authenticate_api_token(p_token_hash text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account uuid;
begin
  update public.account_api_tokens t
  set last_used_at = pg_catalog.now()
  where t.token_hash = p_token_hash and t.revoked_at is null
  returning t.account_id into v_account;
  return v_account;
end
$$;

--
-- Name: FUNCTION authenticate_api_token(p_token_hash text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.authenticate_api_token(p_token_hash text) IS 'The account an API token (given as its hex SHA-256) acts for, or null when the token is unknown or revoked; records last_used_at. Security definer: the account is not known before this call.';

--
-- Name: autos_set_active(uuid, text, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text DEFAULT NULL::text) RETURNS TABLE(resolution text, campaign_id uuid, campaign_key text, candidates text[], campaign_is_active boolean, routing_active boolean, routing_note text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_resolved record;
  v_routing jsonb;
  v_configured boolean;
  v_start jsonb;
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  select * into v_resolved from brain.resolve_autos_campaign(p_account_id, p_city);

  select s.leadgen_routing into v_routing from public.org_settings s where s.account_id = p_account_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible', p_account_id);
  end if;
  v_configured := pg_catalog.jsonb_typeof(v_routing -> 'dealer_address') = 'string'
                  and pg_catalog.length(pg_catalog.btrim(v_routing ->> 'dealer_address')) > 0
                  and pg_catalog.jsonb_typeof(v_routing -> 'radius_miles') = 'number';

  -- Nothing changes unless exactly one campaign matches.
  if v_resolved.resolution <> 'ok' then
    return query select v_resolved.resolution, null::uuid, null::text, v_resolved.candidates,
                        null::boolean, coalesce((v_routing ->> 'active')::boolean, false), 'unchanged'::text;
    return;
  end if;

  perform public.set_campaign_active(v_resolved.campaign_id, p_active, p_actor);

  if not p_active then
    update public.org_settings set leadgen_routing = leadgen_routing || '{"active": false}'::jsonb
    where account_id = p_account_id;
    routing_note := 'routing_off';
    -- Seed 001: autos.deactivate stops the city's queued Craigslist tasks.
    if p_city is not null then
      perform lead_hunter.stop_craigslist_v1(p_account_id, p_city);
    end if;
  elsif v_configured then
    update public.org_settings set leadgen_routing = leadgen_routing || '{"active": true}'::jsonb
    where account_id = p_account_id;
    routing_note := 'routing_on';
    -- Seed 001: autos.activate queues a Craigslist discover for the city.
    if p_city is not null then
      v_start := lead_hunter.start_craigslist_v1(p_account_id, p_city, false, true, p_actor);
    end if;
  else
    routing_note := 'routing_needs_setup';
  end if;

  return query
    select 'ok'::text, c.id, c.campaign_key, v_resolved.candidates, c.is_active,
           coalesce((s.leadgen_routing ->> 'active')::boolean, false), routing_note
    from public.campaigns c
    join public.org_settings s on s.account_id = c.account_id
    where c.id = v_resolved.campaign_id;
end
$$;

--
-- Name: FUNCTION autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text) IS 'autos.activate (p_active true) and autos.deactivate (false): resolves the campaign with brain.resolve_autos_campaign and changes nothing unless the resolution is ok. Then switches the campaign with set_campaign_active and LeadGen routing: on only when it is already configured (dealer_address and radius_miles; else routing_note = routing_needs_setup), which also queues a Craigslist discover for the city; deactivate turns routing off and stops the city''s queued Craigslist tasks. Returns the re-read state.';

--
-- Name: campaign_step_change_impact(uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.campaign_step_change_impact(p_campaign_id uuid, p_step integer) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select pg_catalog.jsonb_build_object(
    'affected_leads', count(*),
    'sample', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('lead_id', x.lead_id, 'name', x.name, 'current_step', x.current_step))
      from (select cl.lead_id, nullif(pg_catalog.btrim(concat_ws(' ', l.first_name, l.last_name)), '') as name, cl.current_step
            from public.campaign_leads cl join public.leads l on l.id = cl.lead_id and l.account_id = cl.account_id
            where cl.campaign_id = p_campaign_id and cl.status in ('active', 'paused') and cl.current_step <= p_step
            order by cl.current_step desc, cl.enrolled_at limit 5) x), '[]'::jsonb))
  from public.campaign_leads cl
  where cl.campaign_id = p_campaign_id and cl.status in ('active', 'paused') and cl.current_step <= p_step
$$;

--
-- Name: FUNCTION campaign_step_change_impact(p_campaign_id uuid, p_step integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.campaign_step_change_impact(p_campaign_id uuid, p_step integer) IS 'The enrolled leads a change to step p_step of a campaign reaches: enrollments active or paused whose current_step is at most p_step (they have not passed it). Returns affected_leads and a sample of up to 5 (lead_id, name, current_step), the closest to the step first. Runs as the caller: row-level security applies.';

--
-- Name: change_member_role(uuid, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_old text;
begin
  if coalesce(p_role, '') not in ('owner', 'admin', 'setter', 'analyst', 'viewer') then
    raise exception using errcode = '22023', message = 'invalid_role',
      detail = pg_catalog.format('%s is not a role: choose owner, admin, setter, analyst or viewer', coalesce(p_role, 'nothing'));
  end if;
  select m.role into v_old from public.account_members m
  where m.account_id = v_account and m.user_id = p_user_id and m.is_active;
  if v_old is null then
    raise exception using errcode = 'P0002', message = 'member_not_found', detail = 'that person is not a member of this account';
  end if;
  if v_old = p_role then
    return v_old;
  end if;
  if v_old = 'owner' then
    perform private.assert_keeps_an_owner(v_account, p_user_id);
  end if;
  update public.account_members m set role = p_role
  where m.account_id = v_account and m.user_id = p_user_id;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_role_changed', 'change_member_role', 'user', p_user_id, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('from', v_old, 'to', p_role));
  return v_old;
end
$$;

--
-- Name: FUNCTION change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text) IS 'An owner of app.account_id gives a member another role (from their next request); returns the previous role. Refuses not_an_owner (42501), invalid_role (22023), member_not_found (P0002) and last_owner (P0001: the account would have no active owner). Recorded in account_events.';

--
-- Name: copy_campaign(uuid, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_source public.campaigns;
  v_new jsonb;
  v_steps integer;
begin
  select c.* into v_source from public.campaigns c where c.id = p_campaign_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  v_new := public.save_campaign(null, pg_catalog.jsonb_build_object(
    'campaign_key', p_campaign_key, 'name', p_name, 'description', v_source.description,
    'message_class', v_source.message_class, 'auto_enroll', v_source.auto_enroll), p_actor);
  insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, stop_on_events,
                                     template_key, subject, body, language, expires_after_minutes)
  select s.account_id, (v_new ->> 'campaign_id')::uuid, s.step, s.channel, s.delay_minutes, s.fallback, s.stop_on_events,
         s.template_key, s.subject, s.body, s.language, s.expires_after_minutes
  from public.campaign_steps s where s.campaign_id = v_source.id;
  get diagnostics v_steps = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_source.account_id, 'campaign_copied', 'campaign_builder', 'campaign', (v_new ->> 'campaign_id')::uuid, p_actor,
          pg_catalog.jsonb_build_object('from_campaign_id', v_source.id, 'from_campaign_key', v_source.campaign_key, 'steps', v_steps));
  return v_new || pg_catalog.jsonb_build_object('steps', v_steps, 'copied_from', v_source.id);
end
$$;

--
-- Name: FUNCTION copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text) IS 'Creates a campaign (inactive, no enrollments) with a new campaign_key and name from another campaign of the account: its description, message_class, auto_enroll and every step. Validation as public.save_campaign; records campaign_created and campaign_copied in account_events. Returns save_campaign''s result plus steps and copied_from.';

--
-- Name: create_account_invite(uuid, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(invite_id uuid, delivery text, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_delivery text;
  v_invite uuid;
  v_expires timestamptz := p_now + interval '7 days';
begin
  if coalesce(p_role, '') not in ('owner', 'admin', 'setter', 'analyst', 'viewer') then
    raise exception using errcode = '22023', message = 'invalid_role',
      detail = pg_catalog.format('%s is not a role: choose owner, admin, setter, analyst or viewer', coalesce(p_role, 'nothing'));
  end if;
  if exists (select 1 from public.account_members m join public.users u on u.id = m.user_id and u.is_active
             where m.account_id = v_account and m.is_active and u.email = v_email) then
    raise exception using errcode = '23505', message = 'already_a_member',
      detail = pg_catalog.format('%s is already a member of this account: change their role instead', v_email);
  end if;
  v_delivery := case when exists (select 1 from brain.ready_channels(v_account) r where r.channel = 'email')
                     then 'email' else 'shown' end;
  if v_delivery = 'shown' and coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = '22023', message = 'invalid_token_hash',
      detail = 'the invite link''s token hash must be 64 hex characters';
  end if;
  -- A new invite replaces the open one to the same email.
  update public.account_invites i set revoked_at = p_now
  where i.account_id = v_account and i.email = v_email and i.accepted_at is null and i.revoked_at is null;
  insert into public.account_invites (account_id, email, role, token_hash, delivery, invited_by, created_at, expires_at)
  values (v_account, v_email, p_role, case when v_delivery = 'shown' then p_token_hash end, v_delivery,
          p_actor_user_id, p_now, v_expires)
  returning id into v_invite;
  if v_delivery = 'email' then
    perform graphile_worker.add_job('send_account_invite', pg_catalog.json_build_object('invite_id', v_invite),
      job_key := 'send_account_invite:' || v_invite, max_attempts := 5);
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_invited', 'create_account_invite', 'account_invite', v_invite, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('role', p_role, 'delivery', v_delivery));
  return query select v_invite, v_delivery, v_expires;
end
$_$;

--
-- Name: FUNCTION create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone) IS 'An owner (p_actor_user_id, of app.account_id) invites an email with a role, valid 7 days; an open invite to the same email is revoked (replaced). delivery email: the account has a ready email provider and a send_account_invite job mints and emails the link; delivery shown: p_token_hash (SHA-256 hex of the link token) is stored and the caller shows the link once. Refuses not_an_owner (42501), invalid_role (22023), already_a_member (23505). Recorded in account_events as member_invited.';

--
-- Name: create_lead_import(uuid, text, text, integer, text[], jsonb, text, text, text, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text DEFAULT ','::text, p_source text DEFAULT 'csv_import'::text, p_default_country text DEFAULT 'US'::text, p_campaign_id uuid DEFAULT NULL::uuid, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(id uuid, status text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  c_fields constant text[] := array[
    'first_name', 'last_name', 'full_name', 'company_name', 'phone', 'email', 'city', 'region', 'postal_code',
    'country', 'source', 'external_id', 'phone_line_type', 'timezone'];
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_key text;
  v_value jsonb;
  v_id uuid;
begin
  if v_account is null then
    raise exception using errcode = '42501', message = 'no_account',
      detail = 'app.account_id is not set, so there is no account to import into';
  end if;
  if not exists (select 1 from public.account_members m where m.account_id = v_account and m.user_id = p_created_by) then
    raise exception using errcode = '42501', message = 'not_a_member',
      detail = pg_catalog.format('user %s is not a member of account %s', p_created_by, v_account);
  end if;
  if p_file_name is null or pg_catalog.length(p_file_name) not between 1 and 255 then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the file name must have 1 to 255 characters';
  end if;
  if p_content is null or pg_catalog.btrim(p_content, E' \t\r\n') = '' then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the file is empty';
  end if;
  if p_content_bytes is null or p_content_bytes not between 1 and 20971520 then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = pg_catalog.format('the file has %s bytes; the limit is 20 MiB (20971520 bytes)', p_content_bytes);
  end if;
  if p_columns is null or pg_catalog.cardinality(p_columns) not between 1 and 500 then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the header must have 1 to 500 columns';
  end if;
  if p_column_map is null or pg_catalog.jsonb_typeof(p_column_map) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the column map must be a JSON object';
  end if;
  for v_key, v_value in select e.key, e.value from pg_catalog.jsonb_each(p_column_map) e order by e.key loop
    if not (v_key = any (c_fields)) then
      raise exception using errcode = '22023', message = 'invalid_import',
        detail = pg_catalog.format('the column map names an unknown lead field %s', pg_catalog.to_jsonb(v_key)::text);
    end if;
    if not (case when pg_catalog.jsonb_typeof(v_value) = 'number'
                 then v_value::numeric = pg_catalog.trunc(v_value::numeric)
                      and v_value::numeric between 0 and pg_catalog.cardinality(p_columns) - 1
                 else false end) then
      raise exception using errcode = '22023', message = 'invalid_import',
        detail = pg_catalog.format('the column map sends %s to %s, which is not a column of the header', v_key, v_value::text);
    end if;
  end loop;
  if not (p_column_map ? 'phone' or p_column_map ? 'email') then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'the header has neither a phone nor an email column, so no row could be imported';
  end if;
  if p_delimiter is null or p_delimiter not in (',', ';', E'\t') then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the delimiter must be a comma, a semicolon or a tab';
  end if;
  if p_source is null or p_source !~ '^[a-z0-9][a-z0-9_]{0,39}$' then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'source must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit';
  end if;
  if p_default_country is null or p_default_country !~ '^[A-Z]{2}$' then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'default_country must be an ISO 3166-1 alpha-2 code such as US or MX';
  end if;
  if p_campaign_id is not null then
    -- Row-level security: another account's campaign is not found.
    if not exists (select 1 from public.campaigns c where c.id = p_campaign_id and c.account_id = v_account) then
      raise exception using errcode = 'P0002', message = 'campaign_not_found',
        detail = pg_catalog.format('no campaign %s in this account', p_campaign_id);
    end if;
    if not exists (select 1 from public.campaign_steps s where s.campaign_id = p_campaign_id and s.step = 1) then
      raise exception using errcode = '22023', message = 'campaign_has_no_steps',
        detail = 'the campaign has no step 1, so imported leads could not be enrolled in it';
    end if;
  end if;

  insert into public.lead_imports as i (
    account_id, created_by, file_name, content, content_bytes, delimiter, columns, column_map, source,
    default_country, campaign_id, created_at, updated_at)
  values (
    v_account, p_created_by, p_file_name, p_content, p_content_bytes, p_delimiter, p_columns, p_column_map, p_source,
    p_default_country, p_campaign_id, p_now, p_now)
  returning i.id into v_id;

  id := v_id;
  status := 'queued';
  return next;
end
$_$;

--
-- Name: FUNCTION create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text, p_source text, p_default_country text, p_campaign_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text, p_source text, p_default_country text, p_campaign_id uuid, p_now timestamp with time zone) IS 'Stores an uploaded CSV for import into the account named by app.account_id and returns (id, status = queued); the insert queues graphile-worker job import_leads (job_key import_leads:<id>), which does the work. Nothing is imported here.
Inputs: p_created_by, a member of the account; p_file_name (1..255 characters); p_content, the CSV text (not blank) and p_content_bytes its size as uploaded (at most 20 MiB); p_columns, the header row as read (1..500); p_column_map, lead field → zero-based column index (fields: first_name, last_name, full_name, company_name, phone, email, city, region, postal_code, country, source, external_id, phone_line_type, timezone; phone or email required); p_delimiter , ; or tab; p_source, the lead source for rows without one; p_default_country, ISO alpha-2, for national phone numbers of rows without a country; p_campaign_id, optional campaign (with a step 1) to enroll imported leads in.
Errors (nothing is written): 42501 no_account (app.account_id unset) or not_a_member; 22023 invalid_import (detail says which input) or campaign_has_no_steps; P0002 campaign_not_found (not in this account).';

--
-- Name: dashboard_page(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dashboard_page(p_account_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS json
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select pg_catalog.json_build_object(
    'health', public.system_health(),
    'readiness', (select pg_catalog.json_agg(pg_catalog.json_build_object(
                    'channel', c.channel, 'provider', p.provider,
                    'ready', brain.channel_ready(p_account_id, c.channel),
                    'detail', r.detail, 'checked_at', r.checked_at)
                    order by c.n)
                  from pg_catalog.unnest(array['sms', 'voice', 'whatsapp', 'email']) with ordinality as c (channel, n)
                  left join public.account_provider_settings p on p.account_id = p_account_id and p.channel = c.channel and p.is_default
                  left join public.provider_readiness r on r.provider = p.provider),
    'errors', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'at', e.at, 'source', e.source, 'code', e.code, 'message', e.message, 'lead_id', e.lead_id)
                 order by e.at desc), '[]'::json)
               from ((select coalesce(t.failed_at, t.updated_at) as at, 'touch · ' || t.channel as source,
                             t.error_code as code, pg_catalog.left(t.error_message, 160) as message, t.lead_id
                      from public.touch_runs t
                      where t.status in ('failed', 'unknown')
                      order by coalesce(t.failed_at, t.updated_at) desc limit 8)
                     union all
                     (select k.updated_at, 'craigslist · ' || k.task_type || ' · ' || k.city, k.last_error,
                             'attempt ' || k.attempts || ' of ' || k.max_attempts, null
                      from lead_hunter.craigslist_tasks_v1 k
                      where k.status = 'failed'
                      order by k.updated_at desc limit 8)
                     order by at desc limit 10) e),
    'touches24h', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                     'channel', x.channel, 'status', x.status, 'n', x.n) order by x.channel, x.status), '[]'::json)
                   from (select t.channel::text as channel, t.status, pg_catalog.count(*)::int as n
                         from public.touch_runs t
                         where t.created_at > p_now - interval '24 hours'
                         group by 1, 2) x),
    'campaigns', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                    'campaign_id', v.campaign_id, 'name', v.name, 'campaign_key', v.campaign_key,
                    'is_active', v.is_active, 'status', v.status, 'last_touch_run_at', v.last_touch_run_at,
                    'touch_runs_24h', v.touch_runs_24h::int, 'queued_24h', v.queued_24h::int,
                    'sent_24h', v.sent_24h::int, 'failed_24h', v.failed_24h::int,
                    'active_enrollments', v.active_enrollments::int)
                    order by v.is_active desc, v.name), '[]'::json)
                  from public.v_campaign_runtime_status_v1 v),
    'days', (select pg_catalog.json_agg(pg_catalog.to_char(d.day, 'YYYY-MM-DD') order by d.day)
             from pg_catalog.generate_series(pg_catalog.date_trunc('day', p_now at time zone 'UTC') - interval '13 days',
                                             pg_catalog.date_trunc('day', p_now at time zone 'UTC'), interval '1 day') as d (day)),
    'perDay', (select coalesce(pg_catalog.json_object_agg(x.day, x.channels order by x.day), '{}'::json)
               from (select pg_catalog.to_char(d.day, 'YYYY-MM-DD') as day,
                            pg_catalog.json_object_agg(t.channel::text, t.n order by t.channel::text) as channels
                     from pg_catalog.generate_series(pg_catalog.date_trunc('day', p_now at time zone 'UTC') - interval '13 days',
                                                     pg_catalog.date_trunc('day', p_now at time zone 'UTC'), interval '1 day') as d (day)
                     join lateral (select r.channel, pg_catalog.count(*)::int as n
                                   from public.touch_runs r
                                   where r.created_at >= d.day at time zone 'UTC'
                                     and r.created_at < (d.day + interval '1 day') at time zone 'UTC'
                                   group by r.channel) t on true
                     group by d.day) x)
  )
$$;

--
-- Name: FUNCTION dashboard_page(p_account_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.dashboard_page(p_account_id uuid, p_now timestamp with time zone) IS 'Everything the director dashboard shows, in one read (issue 14: one SQL call per page): health (public.system_health), readiness (sms, voice, whatsapp, email: default provider, brain.channel_ready for p_account_id, last readiness check), errors (the 10 newest failed touches and failed Craigslist tasks), touches24h (touch runs created in the 24 hours before p_now by channel and status), campaigns (v_campaign_runtime_status_v1, active first, by name), days (the 14 UTC days up to p_now, YYYY-MM-DD) and perDay (touch runs per day and channel; days without touches are absent). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account.';

--
-- Name: decide_next_channel_for_lead(uuid, uuid, integer, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(decision text, current_channel text, next_channel text, wait_until timestamp with time zone, reason text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_touch public.touch_runs;
  v_routing jsonb;
  v_fallback jsonb;
  v_expires_at timestamptz;
  v_stop_event text;
  v_current record;
  v_next record;
begin
  -- The last touch of this lead + campaign + step is the one the decision is about.
  select t.* into v_touch
  from public.touch_runs t
  where t.lead_id = p_lead_id
    and t.campaign_id is not distinct from p_campaign_id
    and t.step = p_step
    and t.created_at <= p_now
  order by t.created_at desc, t.attempt desc, t.id desc
  limit 1;
  if not found then
    return query select 'stop'::text, null::text, null::text, null::timestamptz, 'no_touch'::text;
    return;
  end if;
  current_channel := v_touch.channel;

  v_routing := v_touch.payload -> 'routing';
  v_fallback := v_routing -> 'fallback';
  if pg_catalog.jsonb_typeof(v_fallback) is distinct from 'object'
     or pg_catalog.jsonb_typeof(v_fallback -> 'order') is distinct from 'array' then
    return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'no_fallback'::text;
    return;
  end if;

  if pg_catalog.jsonb_typeof(v_routing -> 'expires_at') = 'string' then
    begin
      v_expires_at := (v_routing ->> 'expires_at')::timestamptz;
    exception when others then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'invalid_expires_at'::text;
      return;
    end;
    if v_expires_at <= p_now then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'expired'::text;
      return;
    end if;
  end if;

  if pg_catalog.jsonb_typeof(v_routing -> 'stop_on_events') = 'array' then
    select e.event_type into v_stop_event
    from public.core_memory_events e
    where e.lead_id = p_lead_id
      and e.event_type in (select pg_catalog.jsonb_array_elements_text(v_routing -> 'stop_on_events'))
      and e.created_at > v_touch.created_at
      and e.created_at <= p_now
    order by e.created_at
    limit 1;
    if v_stop_event is not null then
      return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'stop_event:' || v_stop_event;
      return;
    end if;
  end if;

  select f.*, f.ready and f.reachable as usable into v_current
  from brain.fallback_plan(v_touch.account_id, p_lead_id, p_campaign_id, p_step, v_fallback, p_now) f
  where f.channel = current_channel
  order by f.pos
  limit 1;

  if found and v_current.usable and v_current.attempts_done < v_current.attempts_allowed then
    if v_current.last_attempt_at is null
       or v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes) <= p_now then
      return query select 'retry_same_channel'::text, current_channel, current_channel, null::timestamptz,
                          'attempts_left'::text;
    else
      return query select 'wait_cooldown'::text, current_channel, current_channel,
                          v_current.last_attempt_at + pg_catalog.make_interval(mins => v_current.cooldown_minutes),
                          'cooldown_active'::text;
    end if;
    return;
  end if;

  -- The current channel is exhausted (or cannot be used): the next usable channel
  -- after it in the order, wrapping to the earlier ones.
  select f.* into v_next
  from brain.fallback_plan(v_touch.account_id, p_lead_id, p_campaign_id, p_step, v_fallback, p_now) f
  where f.channel <> current_channel and f.ready and f.reachable and f.attempts_done < f.attempts_allowed
  order by (f.pos > coalesce(v_current.pos, 0)) desc, f.pos
  limit 1;

  if v_next.channel is not null then
    return query select
      'switch_channel'::text,
      current_channel,
      v_next.channel,
      case when v_next.last_attempt_at + pg_catalog.make_interval(mins => v_next.cooldown_minutes) > p_now
           then v_next.last_attempt_at + pg_catalog.make_interval(mins => v_next.cooldown_minutes) end,
      case
        when v_current.channel is null then 'current_not_in_order'
        when not v_current.ready then 'current_not_ready'
        when not v_current.reachable then 'current_unreachable'
        else 'current_exhausted'
      end;
    return;
  end if;

  return query select 'stop'::text, current_channel, null::text, null::timestamptz, 'all_channels_exhausted'::text;
end
$$;

--
-- Name: FUNCTION decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone) IS 'Seed 002 fallback matrix for the last touch of a lead + campaign + step, as of p_now. decision: retry_same_channel (attempts left on the current channel and its cooldown passed), wait_cooldown (attempts left, cooldown running; wait_until is its end), switch_channel (current channel exhausted or unusable; next_channel is the next usable channel with attempts left in payload.routing.fallback.order, wrapping; wait_until is set when that channel is itself cooling down) or stop. It stops when there is no touch (no_touch), the payload has no routing.fallback (no_fallback), routing.expires_at has passed (expired, at or after it), one of routing.stop_on_events was recorded after the touch was created (stop_event:<type>), or no channel is left (all_channels_exhausted). A channel whose provider is not ready (brain.channel_ready) or for which the lead has no address counts as having no attempts left. Missing max_attempts default to 1, missing cooldowns to 0.';

--
-- Name: engine_activity_summary(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.engine_activity_summary(p_since timestamp with time zone, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(touches_sent bigint, touches_failed bigint, touches_queued bigint, replies bigint, jobs_waiting bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select
    (select count(*) from public.accounts a
       join public.core_memory_events e
         on e.account_id = a.id and e.event_type = 'touch_sent' and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.accounts a
       join public.core_memory_events e
         on e.account_id = a.id and e.event_type = 'touch_failed' and e.created_at >= p_since and e.created_at < p_now),
    (select count(*) from public.touch_runs t
      where t.status in ('scheduled', 'queued') and t.scheduled_at <= p_now),
    (select count(*) from public.accounts a
       join public.inbound_messages m
         on m.account_id = a.id and m.received_at >= p_since and m.received_at < p_now),
    (select count(*) from graphile_worker.jobs j
      where j.locked_at is null and j.run_at <= p_now and j.attempts < j.max_attempts)
$$;

--
-- Name: FUNCTION engine_activity_summary(p_since timestamp with time zone, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.engine_activity_summary(p_since timestamp with time zone, p_now timestamp with time zone) IS 'Engine activity across all accounts for the terminal summary of make run: touches sent (touch_sent events) and failed (touch_failed events) and replies received (inbound_messages) in [p_since, p_now); touches due now and not yet sent (scheduled or queued, scheduled_at <= p_now); graphile-worker jobs waiting to run. Counts only.';

--
-- Name: enroll_leads(uuid, jsonb, boolean, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(matched bigint, already_enrolled bigint, not_contactable bigint, to_enroll bigint, enrolled bigint)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_campaign public.campaigns;
  v_filter jsonb := coalesce(p_filter, '{}'::jsonb);
  v_unknown text[];
  v_ids uuid[];
  v_q text;
  v_digits text;
begin
  if p_preview is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_preview must be true or false';
  end if;
  if pg_catalog.jsonb_typeof(v_filter) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the filter must be a JSON object';
  end if;
  select pg_catalog.array_agg(k) into v_unknown from pg_catalog.jsonb_object_keys(v_filter) k
  where k not in ('lead_state', 'next_action', 'source', 'city', 'assigned_user_id', 'q', 'lead_ids');
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown filter keys: %s (allowed: lead_state, next_action, source, city, assigned_user_id, q, lead_ids)',
                                 pg_catalog.array_to_string(v_unknown, ', '));
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no such campaign in this account';
  end if;
  if not exists (select 1 from public.campaign_steps s where s.campaign_id = v_campaign.id and s.step = 1) then
    raise exception using errcode = '22023', message = 'campaign_has_no_steps', detail = 'the campaign has no step 1 to start from';
  end if;
  if v_filter ? 'lead_ids' then
    select pg_catalog.array_agg(x::uuid) into v_ids from pg_catalog.jsonb_array_elements_text(v_filter -> 'lead_ids') x;
  end if;
  v_q := nullif(pg_catalog.btrim(v_filter ->> 'q'), '');
  v_digits := pg_catalog.regexp_replace(coalesce(v_q, ''), '[^0-9]', '', 'g');

  with candidates as (
    select l.id as lead_id,
           exists (select 1 from public.campaign_leads cl where cl.campaign_id = v_campaign.id and cl.lead_id = l.id) as enrolled,
           l.status = 'new' and l.lead_state not in ('suppressed', 'closed', 'dead')
             and not coalesce((select ss.is_unsubscribed from public.lead_suppression_status_v1 ss where ss.lead_id = l.id), false)
             as contactable
    from public.leads l
    where l.account_id = v_campaign.account_id
      and (v_ids is null or l.id = any(v_ids))
      and (not v_filter ? 'lead_state' or l.lead_state = v_filter ->> 'lead_state')
      and (not v_filter ? 'source' or l.source = v_filter ->> 'source')
      and (not v_filter ? 'city' or pg_catalog.lower(l.city) = pg_catalog.lower(v_filter ->> 'city'))
      and (not v_filter ? 'assigned_user_id' or l.assigned_user_id = (v_filter ->> 'assigned_user_id')::uuid)
      and (v_q is null
           or pg_catalog.concat_ws(' ', l.first_name, l.last_name) ilike '%' || v_q || '%'
           or l.email::text ilike '%' || v_q || '%'
           or (v_digits <> '' and l.phone::text like '%' || v_digits || '%'))
      and (not v_filter ? 'next_action' or exists (
        select 1 from public.lead_next_action_view_v5 v where v.lead_id = l.id and v.next_action = v_filter ->> 'next_action'))
  ),
  inserted as (
    insert into public.campaign_leads (account_id, campaign_id, lead_id, status, current_step, enrolled_at)
    select v_campaign.account_id, v_campaign.id, c.lead_id, 'active', 1, p_now
    from candidates c where not p_preview and not c.enrolled and c.contactable
    on conflict do nothing
    returning 1
  )
  select count(*), count(*) filter (where c.enrolled), count(*) filter (where not c.enrolled and not c.contactable),
         count(*) filter (where not c.enrolled and c.contactable), (select count(*) from inserted)
    into matched, already_enrolled, not_contactable, to_enroll, enrolled
  from candidates c;
  return next;
end
$$;

--
-- Name: FUNCTION enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone) IS 'Enrolls the leads matching p_filter (keys: lead_state, next_action, source, city, assigned_user_id, q = name, email or phone digits, lead_ids) into campaign p_campaign_id at step 1. With p_preview nothing is written and enrolled is 0: the counts say what would happen. Leads already in the campaign are left as they are; leads that are suppressed, unsubscribed, closed, dead or not status new are counted as not_contactable and never enrolled. Runs with the caller''s rights (row-level security). 22023 for a malformed filter or a campaign without step 1; P0002 campaign_not_found.';

--
-- Name: find_or_create_lead(uuid, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.find_or_create_lead(p_account_id uuid, p_lead jsonb) RETURNS TABLE(lead_id uuid, matched_by text, created boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_session_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_in public.leads;
  v_lock bigint;
  v_attempt int;
  v_lead_id uuid;
  v_matched_by text;
  v_created boolean := false;
  v_filled text[] := '{}';
begin
  -- Who may call for which account. Row-level security would hide another account's
  -- leads anyway; refusing up front gives the caller a clear reason.
  if p_account_id is null then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'p_account_id is required';
  end if;
  if v_session_account is not null and v_session_account <> p_account_id then
    raise exception using
      errcode = '42501',
      message = 'account_mismatch',
      detail = pg_catalog.format('this session acts for account %s (app.account_id) and cannot take leads for account %s',
                                 v_session_account, p_account_id),
      hint = 'Call find_or_create_lead with the account named by app.account_id.';
  end if;
  if not exists (select 1 from public.accounts a where a.id = p_account_id) then
    raise exception using
      errcode = 'P0002',
      message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible to role %s', p_account_id, current_user),
      hint = 'The API role must set app.account_id to the account it acts for.';
  end if;

  -- Repeatable read takes its snapshot before the advisory locks below are granted, so
  -- it could miss a lead another session just created and insert a duplicate.
  if pg_catalog.current_setting('transaction_isolation') = 'repeatable read' then
    raise exception using
      errcode = '0A000',
      message = 'unsupported_isolation_level',
      detail = 'find_or_create_lead cannot guarantee one lead per identity under repeatable read',
      hint = 'Call it under read committed (the default) or serializable.';
  end if;

  v_in := brain.validate_lead_input(p_lead);

  -- Serialize every call that shares an identity key with this one. Locks are taken in
  -- the order of their lock ids, so two calls never wait on each other in a cycle.
  for v_lock in
    select distinct pg_catalog.hashtextextended(k.key, 0) as lock_id
    from pg_catalog.unnest(array[
      case when v_in.external_id is not null
           then pg_catalog.format('lead:%s:external_id:%s:%s', p_account_id, v_in.source, v_in.external_id) end,
      case when v_in.email is not null then pg_catalog.format('lead:%s:email:%s', p_account_id, v_in.email) end,
      case when v_in.phone is not null then pg_catalog.format('lead:%s:phone:%s', p_account_id, v_in.phone) end
    ]) as k(key)
    where k.key is not null
    order by lock_id
  loop
    perform pg_catalog.pg_advisory_xact_lock(v_lock);
  end loop;

  for v_attempt in 1..2 loop
    select m.lead_id, m.matched_by into v_lead_id, v_matched_by
    from brain.match_lead(p_account_id, v_in.source, v_in.external_id, v_in.email, v_in.phone) m;
    exit when v_lead_id is not null;

    insert into public.leads (
      account_id, source, external_id, email, phone, phone_line_type, first_name, last_name,
      company_name, city, region, postal_code, country, timezone, attributes, first_seen_at)
    values (
      p_account_id, v_in.source, v_in.external_id, v_in.email, v_in.phone, coalesce(v_in.phone_line_type, 'unknown'),
      v_in.first_name, v_in.last_name, v_in.company_name, v_in.city, v_in.region, v_in.postal_code, v_in.country,
      v_in.timezone, coalesce(v_in.attributes, '{}'::jsonb), v_in.first_seen_at)
    on conflict on constraint leads_account_source_external_id_key do nothing
    returning id into v_lead_id;
    if v_lead_id is not null then
      v_matched_by := 'created';
      v_created := true;
      exit;
    end if;
    -- The external id was inserted by a writer that bypassed the advisory lock; it is
    -- committed now, so the second attempt matches it.
  end loop;
  if v_lead_id is null then
    raise exception using
      errcode = 'P0001',
      message = 'lead_intake_conflict',
      detail = pg_catalog.format('lead %s/%s kept conflicting with a concurrent insert', v_in.source, v_in.external_id),
      hint = 'Retry the call.';
  end if;

  if not v_created then
    v_filled := brain.merge_lead(v_lead_id, v_in);
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, reason, actor, payload)
  values (
    p_account_id, v_lead_id,
    case when v_created then 'lead_created' else 'lead_matched' end,
    v_matched_by,
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text),
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'source', v_in.source,
      'external_id', v_in.external_id,
      'filled_fields', case when v_created then null else pg_catalog.to_jsonb(v_filled) end)));

  lead_id := v_lead_id;
  matched_by := v_matched_by;
  created := v_created;
  return next;
end
$$;

--
-- Name: FUNCTION find_or_create_lead(p_account_id uuid, p_lead jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.find_or_create_lead(p_account_id uuid, p_lead jsonb) IS 'The single entry point for lead intake and matching (seed 003 §6). Returns one row (lead_id, matched_by, created).
Inputs: p_account_id, the account (must equal app.account_id when that is set); p_lead, a JSON object with source (required, ^[a-z0-9][a-z0-9_]{0,39}$) and optional external_id (string or number), email, phone (already E.164), first_name, last_name, company_name, phone_line_type, city, region, postal_code, country, timezone, attributes (object), first_seen_at. Text values are trimmed; empty strings and JSON nulls count as missing; email is lower-cased, country upper-cased. Unknown keys are refused, so a misspelt key cannot silently create a duplicate.
Matching, first rule that finds a lead wins (oldest lead when a rule finds several; leads of every status match): 1 external_id with the same source; 2 email = leads.email; 3 email in leads.alternate_emails; 4 phone = leads.phone. matched_by is external_id | email | alternate_email | phone, or created (created = true) when nothing matched and the lead was inserted.
On a match, fields the lead lacks are filled in and nothing it has is overwritten (phone_line_type ''unknown'' counts as missing; attributes keys are added; external_id only when the lead has none and the same source); an email that differs from the primary is added once to alternate_emails (which never holds the primary); first_seen_at keeps the earliest value. Every call appends a lead_events row: lead_created or lead_matched, reason = matched_by, payload {source, external_id, filled_fields}.
Concurrency: transaction-scoped advisory locks on every identity key present (account+source+external_id, account+email, account+phone), taken in lock-id order, so concurrent calls for one identity yield one lead. Runs under read committed or serializable.
Errors (nothing is changed): 22023 invalid_lead (detail names the field, e.g. phone "+1 305" is not E.164); 42501 account_mismatch (p_account_id is not app.account_id); P0002 account_not_found (account missing or not visible to the caller, e.g. the API role without app.account_id); 0A000 unsupported_isolation_level (repeatable read); P0001 lead_intake_conflict (the lead vanished or kept conflicting with a concurrent writer; retry).';

--
-- Name: ingest_booking(uuid, text, text, text, text, text, text, timestamp with time zone, text, timestamp with time zone, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[]) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select brain.apply_booking(p_account_id, p_event_id, p_event, p_email, p_phone, p_first_name, p_last_name, p_start_at, p_booking_uri, p_occurred_at, p_nul_replaced_fields, true)
$$;

--
-- Name: FUNCTION ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) IS 'Records a calendar booking once (webhook_receipts booking/<event id>). The invitee is matched or created by email and phone. booked: appointment_booked memory event (a stop event for every cadence), outreach halted (pending touches canceled, timers cancelled, enrollments stopped) and the lead moves to closed (seed 004: the goal reached). canceled: appointment_canceled, after which the brain no longer treats the booking as a stop event. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt (webhook_receipts.nul_replaced_fields).';

--
-- Name: ingest_call_status(text, text, text, uuid, text, integer, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer DEFAULT NULL::integer, p_occurred_at timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select brain.apply_call_status(p_provider, p_event_id, p_call_id, p_touch_run_id, p_status, p_duration_seconds, p_occurred_at, true)
$$;

--
-- Name: FUNCTION ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone) IS 'Records call progress once (webhook_receipts by p_event_id, e.g. CallSid:CallStatus). An answered call (or a completed one with a duration) is a response: call_answered memory event and the lead moves to responded. completed marks the touch delivered; busy, no_answer, failed and canceled mark it failed and let the smart router decide (through ingest_message_status). unknown_call when no outbound voice message matches.';

--
-- Name: ingest_email_event(text, text, text, text, text, uuid, timestamp with time zone, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[]) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select brain.apply_email_event(p_provider, p_event_id, p_event, p_to, p_transaction_id, p_touch_run_id, p_occurred_at, p_nul_replaced_fields, true)
$$;

--
-- Name: FUNCTION ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) IS 'Records an email event once (webhook_receipts by p_event_id). sent / delivered move the message forward; bounced and complained suppress email for that address (suppress_lead_channel) and a bounce fails the touch; unsubscribed suppresses email; opened / clicked add engagement (email_opened, email_clicked). The message is found by touch_run_id (Elastic''s postback) or the transaction id; unknown_message otherwise. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt (webhook_receipts.nul_replaced_fields).';

--
-- Name: ingest_inbound_message(text, text, text, text, text, text, timestamp with time zone, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone DEFAULT now(), p_nul_replaced_fields text[] DEFAULT NULL::text[]) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select brain.apply_inbound_message(p_provider, p_event_id, p_channel, p_from, p_to, p_body, p_received_at,
                                     p_nul_replaced_fields, true, 0)
$$;

--
-- Name: FUNCTION ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]) IS 'Records an inbound SMS/WhatsApp message exactly once. Routes by the receiving number (brain.route_inbound_address: account and persona; unknown_number when nobody owns it), records webhook_receipts (provider, message:<id>) so a replay returns duplicate with no effect, matches or creates the lead (find_or_create_lead: a reply is never lost), stores it in inbound_messages and an inbound_message memory event. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt and the message (nul_replaced_fields). Then the consent decision (brain.classify_consent), in this same transaction: a revocation in any words (opt_out) suppresses the phone for SMS, WhatsApp and voice across the account (one suppressions row per channel; rows without a channel for the phone and the lead''s email when the reply names every channel), records an opt_out event with the rule, scope and needs_review (an ambiguous reply also sets leads.consent_review_at for a person to look), stops the lead''s outreach and cancels its pending calls, and queues exactly one confirmation naming the business (only when a suppression is new: at most once per revocation); a wrong number suppresses the phone for SMS, WhatsApp and voice (reason wrong_number), marks leads.phone_wrong_number_at, cancels the lead''s pending texts and calls (email and campaigns go on) and queues one apology; START from a revoked lead lifts its opt-out suppressions, clears the consent review, records opt_in and confirms; HELP queues a reply with the business name, contact and STOP instructions; any other reply (and START/YES from someone not opted out) pauses the lead''s cadences, cancels its timers and pending touches, moves it to responded (email_captured when the reply carries an email: it becomes the lead''s email when free, otherwise an alternate address; never a merge with another lead), and a positive reply (brain.classify_reply) records reply_positive, moves it to high_intent, queues a gold lead that has not opted out for a call (org_settings.call_queue_gold_priority) and assigns it by round-robin; a negative one records reply_negative (cooldown). The inbound_messages insert queues inbound_post_process (trigger); records and notifies (revenue_inbound, for the console''s bell) the workspace stage (seed 004 Part 8): nudger / book_appointment by the persona number, else retarget when the last touch sent was a reactivation, content_nurture when it came from a nurture campaign (message_class nurture or content_nurture), else initial_message.';

--
-- Name: ingest_message_status(text, text, text, uuid, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text DEFAULT NULL::text, p_error_code text DEFAULT NULL::text, p_occurred_at timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select brain.apply_message_status(p_provider, p_event_id, p_provider_message_id, p_touch_run_id, p_status, p_raw_status, p_error_code, p_occurred_at, true)
$$;

--
-- Name: FUNCTION ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone) IS 'Records a provider''s delivery report once (webhook_receipts keyed by p_event_id, e.g. Twilio MessageSid:MessageStatus or a Telnyx event id). The message is found by touch_run_id (carried in our callback URL) or by the provider''s id; unknown_message when neither matches (nothing written). Status only moves forward (sent < delivered | failed): a late sent never overwrites delivered (outcome stale). A report for a touch left unknown by a dead worker settles it as sent first (outcome recorded, settled_unknown true). Touch and message timestamps are the provider''s p_occurred_at. delivered / failed move the touch and log touch_delivered / delivery_failed; an undelivered message lets the smart router decide the next touch.';

--
-- Name: invite_preview(text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.invite_preview(p_token_hash text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(status text, account_name text, email text, role text, user_exists boolean, expires_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
  select
    case when i.id is null then 'not_found'
         when i.accepted_at is not null then 'used'
         when i.revoked_at is not null then 'revoked'
         when i.expires_at <= p_now then 'expired'
         else 'open' end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then a.name end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then i.email::text end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then i.role end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now
         then exists (select 1 from public.users u where u.email = i.email) end,
    i.expires_at
  from (select 1) one
  left join public.account_invites i on i.token_hash = p_token_hash and p_token_hash ~ '^[0-9a-f]{64}$'
  left join public.accounts a on a.id = i.account_id
  limit 1
$_$;

--
-- Name: FUNCTION invite_preview(p_token_hash text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.invite_preview(p_token_hash text, p_now timestamp with time zone) IS 'For the invite page (no session yet): the status of the invite whose link token hashes to p_token_hash (open, expired, revoked, used or not_found) and, only while open, the account name, invited email, role and whether a user with that email exists. Reveals nothing about other invites.';

--
-- Name: lead_import_status(uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.lead_import_status(p_import_id uuid, p_reject_limit integer DEFAULT 100) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select pg_catalog.jsonb_build_object(
    'id', i.id,
    'file_name', i.file_name,
    'status', i.status,
    'rows_total', i.rows_total,
    'rows_done', i.rows_done,
    'rows_imported', i.rows_imported,
    'rows_duplicate', i.rows_duplicate,
    'rows_rejected', i.rows_rejected,
    'leads_enrolled', i.leads_enrolled,
    'percent', case when i.status = 'done' then 100
                    when coalesce(i.rows_total, 0) = 0 then 0
                    else (i.rows_done * 100) / i.rows_total end,
    'campaign_id', i.campaign_id,
    'source', i.source,
    'error', i.error,
    'created_at', i.created_at,
    'started_at', i.started_at,
    'finished_at', i.finished_at,
    'updated_at', i.updated_at,
    'rejects', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('row', r.row_number, 'reasons', pg_catalog.to_jsonb(r.reasons))
                                  order by r.row_number)
      from (select x.row_number, x.reasons
            from public.lead_import_rejects x
            where x.account_id = i.account_id and x.import_id = i.id
            order by x.row_number
            limit least(greatest(coalesce(p_reject_limit, 100), 0), 1000)) r), '[]'::jsonb))
  from public.lead_imports i
  where i.id = p_import_id;
$$;

--
-- Name: FUNCTION lead_import_status(p_import_id uuid, p_reject_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.lead_import_status(p_import_id uuid, p_reject_limit integer) IS 'One lead import''s progress as JSON: id, file_name, status (queued, running, done, failed), rows_total (null until the job has read the file), rows_done, rows_imported, rows_duplicate, rows_rejected, leads_enrolled, percent (0..100, whole number; 100 when done), campaign_id, source, error, created_at, started_at, finished_at, updated_at, and rejects: the first p_reject_limit (default 100, at most 1000) rejected rows [{row, reasons}] in file order. Null when the import does not exist or belongs to another account (runs with the caller''s rights: row-level security).';

--
-- Name: lead_page(uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.lead_page(p_lead_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS json
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  with lead as (
    select l.id, l.account_id, l.first_name, l.last_name, l.company_name, l.phone, l.phone_line_type, l.email,
           l.alternate_emails, l.source, l.external_id, l.city, l.country, l.timezone, l.status, l.lead_state,
           l.persona, l.assigned_user_id, l.created_at, l.first_seen_at, l.consent_review_at,
           l.consent_review_rule, l.phone_wrong_number_at
    from public.leads l
    where l.id = p_lead_id
  ),
  nxt as (
    select v.next_action, v.next_action_at, v.reason, v.priority_score, v.campaign_id, v.recommended_channel,
           v.effective_channel, v.recommended_delay_minutes
    from public.lead_next_action_view_v5 v
    where v.lead_id = p_lead_id
    limit 1
  )
  select pg_catalog.json_build_object(
    'lead', pg_catalog.json_build_object(
      'id', l.id, 'first_name', l.first_name, 'last_name', l.last_name, 'company_name', l.company_name,
      'phone', l.phone::text, 'phone_line_type', l.phone_line_type, 'email', l.email::text,
      'alternate_emails', l.alternate_emails::text[], 'source', l.source, 'external_id', l.external_id,
      'city', l.city, 'country', l.country, 'timezone', l.timezone::text, 'status', l.status,
      'lead_state', l.lead_state, 'persona', l.persona, 'assigned_user_id', l.assigned_user_id,
      'assigned_to', (select p.name from public.account_people() p where p.user_id = l.assigned_user_id limit 1),
      'created_at', l.created_at, 'first_seen_at', l.first_seen_at, 'consent_review_at', l.consent_review_at,
      'consent_review_rule', l.consent_review_rule, 'phone_wrong_number_at', l.phone_wrong_number_at),
    'next', (select pg_catalog.json_build_object(
               'next_action', n.next_action, 'next_action_at', n.next_action_at, 'reason', n.reason,
               'priority_score', n.priority_score, 'campaign_id', n.campaign_id,
               'recommended_channel', n.recommended_channel, 'effective_channel', n.effective_channel,
               'recommended_delay_minutes', n.recommended_delay_minutes)
             from nxt n),
    'suppression', (select pg_catalog.json_build_object(
                      'is_unsubscribed', s.is_unsubscribed, 'suppression_reason', s.suppression_reason,
                      'suppressed_channels', s.suppressed_channels::text[], 'in_negative_cooldown', s.in_negative_cooldown,
                      'negative_cooldown_until', s.negative_cooldown_until, 'stop_event', s.stop_event,
                      'last_touch_at', s.last_touch_at, 'last_inbound_at', s.last_inbound_at,
                      'reactivation_eligible_at', s.reactivation_eligible_at)
                    from public.lead_suppression_status_v1 s
                    where s.lead_id = l.id
                    limit 1),
    'suppressions', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                       'channel', s.channel::text, 'address', coalesce(s.phone::text, s.email::text),
                       'reason', s.reason, 'source', s.source, 'created_at', s.created_at)
                       order by s.created_at desc), '[]'::json)
                     from public.suppressions s
                     where s.lifted_at is null
                       and (s.lead_id = l.id or s.phone = l.phone or s.email = l.email)),
    'attempts', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'campaign_id', a.campaign_id, 'step', a.step, 'channel', a.channel,
                   'attempts_done', a.attempts_done::int, 'last_attempt_at', a.last_attempt_at)
                   order by a.step, a.channel), '[]'::json)
                 from public.v_lead_channel_attempts a
                 where a.lead_id = l.id),
    'window', (select pg_catalog.json_build_object(
                 'time_zone', (select z.time_zone::text from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z),
                 'within', brain.is_within_send_window(l.id, p_now),
                 'next_open', brain.next_send_window_start(l.id, p_now),
                 'start', pg_catalog.to_char(o.send_window_start, 'HH24:MI'),
                 'end', pg_catalog.to_char(o.send_window_end, 'HH24:MI'))
               from public.org_settings o
               where o.account_id = l.account_id),
    'fallback', (select s.fallback
                 from nxt n
                 join public.campaign_leads cl on cl.account_id = l.account_id and cl.lead_id = l.id and cl.campaign_id = n.campaign_id
                 join public.campaign_steps s on s.account_id = cl.account_id and s.campaign_id = cl.campaign_id and s.step = cl.current_step
                 limit 1),
    'enrollments', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                      'campaign_id', cl.campaign_id, 'name', c.name, 'status', cl.status,
                      'current_step', cl.current_step, 'next_step_at', cl.next_step_at, 'stop_reason', cl.stop_reason)
                      order by cl.enrolled_at desc), '[]'::json)
                    from public.campaign_leads cl
                    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id
                    where cl.lead_id = l.id),
    'timeline', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'occurred_at', t.occurred_at, 'kind', t.kind, 'event_type', t.event_type, 'channel', t.channel,
                   'direction', t.direction, 'summary', t.summary, 'body', t.body)
                   order by t.n), '[]'::json)
                 from public.lead_timeline(l.id, 300)
                   with ordinality as t (occurred_at, kind, event_type, channel, direction, summary, body, detail, n)),
    'campaigns', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', c.id, 'name', c.name)
                    order by c.name), '[]'::json)
                  from public.campaigns c
                  where c.archived_at is null),
    'setters', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', p.user_id, 'name', p.name)
                  order by p.name), '[]'::json)
                from public.account_people() p
                where p.is_active and p.role in ('owner', 'admin', 'setter'))
  )
  from lead l
$$;

--
-- Name: FUNCTION lead_page(p_lead_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.lead_page(p_lead_id uuid, p_now timestamp with time zone) IS 'Everything the lead page shows, in one read (issue 14: one SQL call per page): lead (the lead with its assignee''s name), next (lead_next_action_view_v5: action, when, reason, score, campaign, channels), suppression (lead_suppression_status_v1), suppressions (active rows on the lead, its phone or its email, newest first), attempts (v_lead_channel_attempts by step and channel), window (the lead''s time zone and the account''s send window at p_now), fallback (the current step''s fallback matrix for the decided campaign), enrollments (newest first), timeline (lead_timeline, 300 rows), campaigns (not archived, by name) and setters (active owners, admins and setters, by name). A json object whose keys keep this order; timestamps are ISO 8601 strings. Null when the lead does not exist or belongs to another account: runs as the caller, so row-level security applies.';

--
-- Name: lead_timeline(uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer DEFAULT 200) RETURNS TABLE(occurred_at timestamp with time zone, kind text, event_type text, channel text, direction text, summary text, body text, detail jsonb)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select * from (
    select m.occurred_at, 'message'::text, m.direction || '_message', m.channel, m.direction,
           pg_catalog.concat_ws(' · ', m.status, m.classification, m.keyword, m.persona),
           m.body,
           pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('message_id', m.message_id, 'provider', m.provider,
             'from', m.from_address, 'to', m.to_address, 'touch_run_id', m.touch_run_id))
    from public.inbox_events m where m.lead_id = p_lead_id
    union all
    select e.created_at, 'memory', e.event_type, e.channel::text, e.direction,
           pg_catalog.concat_ws(' · ', e.event_source, e.payload ->> 'rule', e.payload ->> 'reason',
                                case when e.score_delta <> 0 then 'score ' || e.score_delta end),
           null, e.payload
    from public.core_memory_events e where e.lead_id = p_lead_id
    union all
    select s.created_at, 'state', s.event_type, null, null,
           pg_catalog.concat_ws(' · ',
             case when s.previous_state is distinct from s.new_state
                  then coalesce(s.previous_state, '∅') || ' → ' || coalesce(s.new_state, '∅') end,
             s.reason, s.actor),
           null, s.payload
    from public.lead_events s where s.lead_id = p_lead_id
  ) t (occurred_at, kind, event_type, channel, direction, summary, body, detail)
  order by t.occurred_at desc, t.kind, t.event_type
  limit least(greatest(coalesce(p_limit, 200), 1), 1000)
$$;

--
-- Name: FUNCTION lead_timeline(p_lead_id uuid, p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer) IS 'A lead''s history newest first, merged from public.inbox_events (inbound and outbound messages on every channel, with delivery status), public.core_memory_events (what the engine did and learned; the summary names the payload''s rule and reason, e.g. why a touch was canceled: missing_lead_data:first_name, the consent rule of an opt_out, or an operator''s reason for consent_lifted) and public.lead_events (state transitions with reason and actor). Runs with the caller''s rights, so row-level security applies. At most p_limit rows (1-1000, default 200).';

--
-- Name: lift_consent_revocation(uuid, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
  v_lifted integer;
  v_revoked boolean;
begin
  if p_lead_id is null or p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) = 0 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the lead and the person lifting are required';
  end if;
  if p_reason is null or pg_catalog.length(pg_catalog.btrim(p_reason)) < 3 or pg_catalog.length(p_reason) > 500 then
    raise exception using errcode = '22023', message = 'consent_lift_reason_required',
      detail = 'a consent revocation is lifted only with a reason (3 to 500 characters), e.g. "lead asked by phone to be texted again"';
  end if;
  -- Row-level security limits this to the caller's account: another account's lead is not found.
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no lead with this id in your account';
  end if;

  update public.suppressions
  set lifted_at = greatest(p_now, created_at), lifted_reason = 'manual_lift'
  where account_id = v_lead.account_id and lifted_at is null and reason in ('opt_out_keyword', 'wrong_number')
    and (phone = v_lead.phone or (email = v_lead.email and lead_id = v_lead.id));
  get diagnostics v_lifted = row_count;
  v_revoked := coalesce((select e.event_type in ('opt_out', 'unsubscribe') from public.core_memory_events e
                         where e.lead_id = v_lead.id and e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')
                           and e.created_at <= p_now
                         order by e.created_at desc, e.id desc limit 1), false);
  if v_lifted = 0 and not v_revoked and v_lead.phone_wrong_number_at is null then
    return pg_catalog.jsonb_build_object('outcome', 'not_revoked', 'lead_id', v_lead.id);
  end if;

  update public.leads
  set consent_review_at = null, consent_review_rule = null, phone_wrong_number_at = null
  where id = v_lead.id;
  perform brain.record_event(v_lead.account_id, v_lead.id, 'consent_lifted', 'console', 'internal',
    pg_catalog.jsonb_build_object('reason', pg_catalog.btrim(p_reason), 'actor', p_actor, 'suppressions_lifted', v_lifted),
    null, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'lifted', 'lead_id', v_lead.id, 'suppressions_lifted', v_lifted);
end
$$;

--
-- Name: FUNCTION lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone) IS 'An operator''s manual lift of a lead''s consent revocation or wrong number, only with a reason (22023 consent_lift_reason_required without one; P0002 lead_not_found). Lifts the active opt_out_keyword and wrong_number suppressions of the lead''s phone (and of its email from a "stop all"), clears consent_review_at and phone_wrong_number_at, and records a consent_lifted memory event with the reason and p_actor, which ends the revocation in lead_suppression_status_v1 and shows on the timeline. Returns outcome lifted (with suppressions_lifted) or not_revoked (nothing to lift; nothing recorded). Runs with the caller''s rights: row-level security applies. Enrollments stopped by the revocation stay stopped: a person re-enrolls.';

--
-- Name: list_lead_imports(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.list_lead_imports(p_limit integer DEFAULT 20) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
    'id', i.id,
    'file_name', i.file_name,
    'status', i.status,
    'rows_total', i.rows_total,
    'rows_done', i.rows_done,
    'rows_imported', i.rows_imported,
    'rows_duplicate', i.rows_duplicate,
    'rows_rejected', i.rows_rejected,
    'leads_enrolled', i.leads_enrolled,
    'percent', case when i.status = 'done' then 100
                    when coalesce(i.rows_total, 0) = 0 then 0
                    else (i.rows_done * 100) / i.rows_total end,
    'error', i.error,
    'created_by', i.created_by,
    'created_at', i.created_at,
    'finished_at', i.finished_at) order by i.created_at desc, i.id), '[]'::jsonb)
  from (select x.id, x.file_name, x.status, x.rows_total, x.rows_done, x.rows_imported, x.rows_duplicate,
               x.rows_rejected, x.leads_enrolled, x.error, x.created_by, x.created_at, x.finished_at
        from public.lead_imports x
        order by x.created_at desc, x.id
        limit least(greatest(coalesce(p_limit, 20), 1), 100)) i;
$$;

--
-- Name: FUNCTION list_lead_imports(p_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.list_lead_imports(p_limit integer) IS 'The caller''s account''s most recent lead imports (p_limit, default 20, at most 100), newest first, as a JSON array of {id, file_name, status, rows_total, rows_done, rows_imported, rows_duplicate, rows_rejected, leads_enrolled, percent, error, created_by, created_at, finished_at}. Runs with the caller''s rights: row-level security limits it to app.account_id''s imports (none when it is unset).';

--
-- Name: login_begin(text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.login_begin(p_email text, p_ip text, p_now timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS TABLE(attempt_id bigint, user_id uuid, password_hash text, retry_after integer, limited_by text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_email text := pg_catalog.lower(pg_catalog.btrim(coalesce(p_email, '')));
  v_retry integer;
  v_scope text;
  v_user uuid;
  v_hash text;
  v_attempt bigint;
  v_now timestamptz;
begin
  perform pg_catalog.pg_advisory_xact_lock(580001, pg_catalog.hashtext(v_email));
  if p_ip is not null then
    perform pg_catalog.pg_advisory_xact_lock(580002, pg_catalog.hashtext(p_ip));
  end if;
  -- The time after the lock, not the transaction's start: a call that waited
  -- must see (and be ordered after) every attempt recorded while it waited.
  v_now := coalesce(p_now, pg_catalog.clock_timestamp());
  select r.retry_after, r.limited_by into v_retry, v_scope
  from private.login_retry_after(v_email, p_ip, v_now) r;
  if v_retry > 0 then
    return query select null::bigint, null::uuid, null::text, v_retry, v_scope;
    return;
  end if;
  select u.id, u.password_hash into v_user, v_hash
  from public.users u where u.email = v_email and u.is_active;
  insert into public.login_attempts (email, ip, succeeded, outcome, user_id, created_at)
  values (v_email, p_ip, false, 'pending', v_user, v_now)
  returning id into v_attempt;
  return query select v_attempt, v_user, v_hash, 0, null::text;
end
$$;

--
-- Name: FUNCTION login_begin(p_email text, p_ip text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.login_begin(p_email text, p_ip text, p_now timestamp with time zone) IS 'Login step 1 (p_now: tests only; else the time once the locks are held): under a lock on the email and the address, applies the backoff (private.login_retry_after). When it is refused: no attempt id, retry_after > 0 seconds and limited_by (address or account). Otherwise records a pending attempt (counted as a failure until settled) and returns its id with the active user and password hash (scrypt, verified by the API; null user and hash when the email names nobody), then the API calls public.login_finish or public.password_change.';

--
-- Name: login_finish(bigint, boolean, text, uuid, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid DEFAULT NULL::uuid, p_ttl interval DEFAULT '12:00:00'::interval) RETURNS TABLE(session_id uuid, account_id uuid, csrf_token text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_user uuid;
  v_ip text;
  v_ok boolean;
begin
  update public.login_attempts a
  set outcome = case when coalesce(p_succeeded, false) and a.user_id is not null then 'succeeded' else 'failed' end,
      succeeded = coalesce(p_succeeded, false) and a.user_id is not null,
      finished_at = pg_catalog.now()
  where a.id = p_attempt_id and a.outcome = 'pending' and a.created_at > pg_catalog.now() - interval '5 minutes'
  returning a.user_id, a.ip, a.succeeded into v_user, v_ip, v_ok;
  if not coalesce(v_ok, false) then
    return;
  end if;
  update public.users set last_login_at = pg_catalog.now() where id = v_user;
  return query select * from private.open_session(v_user, p_account_id, v_ip, p_user_agent, p_ttl);
end
$$;

--
-- Name: FUNCTION login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid, p_ttl interval); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid, p_ttl interval) IS 'Login step 2: settles a pending attempt of public.login_begin (at most once, within 5 minutes) as succeeded or failed; when it succeeded and the user is an active member of a workspace (p_account_id, else the first joined), opens a session (12 hours by default) and returns it with a fresh CSRF token. No row otherwise.';

--
-- Name: move_campaign_step(uuid, integer, integer, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_campaign public.campaigns;
  v_count integer;
  v_steps public.campaign_steps[];
  v_impact jsonb;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
  end if;
  select count(*) into v_count from public.campaign_steps s where s.campaign_id = v_campaign.id;
  if p_from is null or p_from not between 1 and v_count or (p_to is not null and p_to not between 1 and v_count) then
    raise exception using errcode = '22023', message = 'invalid_step',
      detail = pg_catalog.format('steps are numbered 1 to %s', v_count);
  end if;
  if p_to = p_from then
    return pg_catalog.jsonb_build_object('needs_confirmation', false, 'moved', false);
  end if;
  if v_campaign.is_active and not coalesce(p_confirm, false) then
    v_impact := public.campaign_step_change_impact(v_campaign.id, least(p_from, coalesce(p_to, v_count)));
    if (v_impact ->> 'affected_leads')::integer > 0 then
      return pg_catalog.jsonb_build_object('needs_confirmation', true, 'campaign_id', v_campaign.id) || v_impact;
    end if;
  end if;
  if v_campaign.is_active and p_to is null and v_count = 1 then
    raise exception using errcode = '55000', message = 'last_step_of_active_campaign',
      detail = 'a running campaign keeps at least one step; pause it first';
  end if;

  -- Renumber by taking the rows out and putting them back in the new order.
  select pg_catalog.array_agg(s order by
           case when s.step = p_from then coalesce(p_to, 0) * 2 + (case when p_to > p_from then 1 else -1 end)
                else s.step * 2 end)
    into v_steps
  from public.campaign_steps s where s.campaign_id = v_campaign.id and (p_to is not null or s.step <> p_from);
  delete from public.campaign_steps s where s.campaign_id = v_campaign.id;
  insert into public.campaign_steps (id, account_id, campaign_id, step, channel, delay_minutes, fallback, stop_on_events,
                                     template_key, subject, body, language, expires_after_minutes, created_at, updated_at)
  select x.id, x.account_id, x.campaign_id, x.ordinality::integer, x.channel, x.delay_minutes, x.fallback, x.stop_on_events,
         x.template_key, x.subject, x.body, x.language, x.expires_after_minutes, x.created_at, pg_catalog.now()
  from pg_catalog.unnest(v_steps) with ordinality as x;

  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_campaign.account_id, case when p_to is null then 'campaign_step_removed' else 'campaign_step_moved' end,
          'campaign_builder', 'campaign', v_campaign.id, p_actor,
          pg_catalog.jsonb_build_object('from', p_from, 'to', p_to, 'confirmed', coalesce(p_confirm, false)));
  return pg_catalog.jsonb_build_object('needs_confirmation', false, 'moved', p_to is not null, 'removed', p_to is null,
                                       'steps', pg_catalog.cardinality(v_steps));
end
$$;

--
-- Name: FUNCTION move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean) IS 'Moves step p_from of a campaign of the caller''s account to position p_to (the steps between shift by one), or removes it when p_to is null (later steps move up). 22023 invalid_step outside 1..count; 55000 campaign_archived, last_step_of_active_campaign. For an active campaign with enrolled leads that have not passed the first step concerned, without p_confirm nothing changes and the answer is needs_confirmation with public.campaign_step_change_impact. Records campaign_step_moved / campaign_step_removed in account_events with p_actor.';

--
-- Name: password_change(uuid, bigint, boolean, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text) RETURNS TABLE(session_id uuid, account_id uuid, csrf_token text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
declare
  v_user uuid;
  v_account uuid;
  v_attempt_user uuid;
  v_ip text;
  v_ok boolean;
begin
  select s.user_id, s.account_id into v_user, v_account
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now();
  if v_user is null then
    raise exception using errcode = '28000', message = 'session_not_valid',
      detail = 'The session is unknown, expired or logged out; log in again.';
  end if;
  if coalesce(p_new_hash, '') !~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$' then
    raise exception using errcode = '22023', message = 'invalid_password_hash',
      detail = 'The new password must be given as a scrypt hash made by the API.';
  end if;
  update public.login_attempts a
  set outcome = case when coalesce(p_current_matched, false) and a.user_id = v_user then 'succeeded' else 'failed' end,
      succeeded = coalesce(p_current_matched, false) and a.user_id = v_user,
      finished_at = pg_catalog.now()
  where a.id = p_attempt_id and a.outcome = 'pending' and a.created_at > pg_catalog.now() - interval '5 minutes'
  returning a.user_id, a.ip, a.succeeded into v_attempt_user, v_ip, v_ok;
  if not coalesce(v_ok, false) then
    return;
  end if;
  update public.users set password_hash = p_new_hash where id = v_user;
  return query select * from private.open_session(v_user, v_account, v_ip, p_user_agent);
end
$_$;

--
-- Name: FUNCTION password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text) IS 'Changes the password of the session''s user: settles the pending attempt of public.login_begin (whether the current password matched, checked by the API); when it matched, stores the new scrypt hash, which ends every session of the user (trigger on users), and returns a new session in the same workspace. No row when the current password did not match. Raises 28000 session_not_valid for a dead session and 22023 invalid_password_hash for a value that is not a scrypt hash.';

--
-- Name: preview_campaign_step(uuid, integer, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
declare
  v_step public.campaign_steps;
  v_vars jsonb;
  v_problems text[];
begin
  select s.* into v_step from public.campaign_steps s where s.campaign_id = p_campaign_id and s.step = p_step;
  if not found then
    raise exception using errcode = 'P0002', message = 'step_not_found', detail = 'no such step in this campaign';
  end if;
  if not exists (select 1 from public.leads l where l.id = p_lead_id and l.account_id = v_step.account_id) then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no lead with this id in your account';
  end if;
  v_vars := coalesce(brain.template_values(p_lead_id), '{}'::jsonb);
  v_problems := brain.template_problems(v_step.body, v_vars) || brain.template_problems(v_step.subject, v_vars);
  if v_step.body is null and v_step.channel::text <> 'voice' then
    v_problems := array['missing_body'] || v_problems;
  end if;
  return pg_catalog.jsonb_build_object(
    'step', v_step.step, 'channel', v_step.channel, 'lead_id', p_lead_id,
    'problems', coalesce(pg_catalog.to_jsonb(v_problems), '[]'::jsonb),
    'subject', case when pg_catalog.cardinality(v_problems) = 0 then brain.render_template(v_step.subject, v_vars) end,
    'body', case when pg_catalog.cardinality(v_problems) = 0 then brain.render_template(v_step.body, v_vars) end);
end
$$;

--
-- Name: FUNCTION preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid) IS 'The template editor''s preview of one campaign step for one lead of the account: subject and body rendered with brain.template_values of the lead exactly as claim_touch would, or, when it would not be sent, problems (missing_body, missing_lead_data:<variable>, unknown_template_variable:<variable>) and null texts. Writes nothing. P0002 step_not_found, lead_not_found.';

--
-- Name: provider_credentials_sealed(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.provider_credentials_sealed(p_account_id uuid, p_provider text) RETURNS TABLE(sealed text, key_id text, updated_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select c.sealed, c.key_id, c.updated_at
  from public.account_provider_credentials c
  where c.account_id = p_account_id and c.provider = p_provider
$$;

--
-- Name: FUNCTION provider_credentials_sealed(p_account_id uuid, p_provider text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.provider_credentials_sealed(p_account_id uuid, p_provider text) IS 'The sealed credentials of one account and provider (lib/secrets.ts opens them with the master key), or no row. Executable by the worker (sends) and the ingest role (webhook signatures); the API writes credentials but never reads them back.';

--
-- Name: provider_credentials_status(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.provider_credentials_status() RETURNS TABLE(provider text, field text, masked text, updated_at timestamp with time zone, verified_at timestamp with time zone, verify_ok boolean, verify_detail text)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  select c.provider, f.key, f.value, c.updated_at, c.verified_at, c.verify_ok, c.verify_detail
  from public.account_provider_credentials c
  cross join lateral pg_catalog.jsonb_each_text(c.masked) f (key, value)
  order by pg_catalog.array_position(array['twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly'], c.provider), f.key
$$;

--
-- Name: FUNCTION provider_credentials_status(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.provider_credentials_status() IS 'For the settings page: each stored credential field of the caller''s account (row-level security), masked to its last 4 characters, with when it changed and the last Test connection result. The values themselves are never readable by the API role.';

--
-- Name: queue_manual_message(uuid, text, text, text, text, timestamp with time zone, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone DEFAULT now(), p_request_id text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
  v_attempt integer;
  v_id uuid;
  v_problems text[];
begin
  if p_request_id is not null and pg_catalog.length(p_request_id) not between 8 and 100 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the request id has 8 to 100 characters';
  end if;
  if p_channel is null or p_channel not in ('sms', 'whatsapp', 'email') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'channel must be sms, whatsapp or email';
  end if;
  if p_body is null or pg_catalog.length(pg_catalog.btrim(p_body)) = 0 or pg_catalog.length(p_body) > 1600 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the message needs 1 to 1600 characters';
  end if;
  if p_channel = 'email' and (p_subject is null or pg_catalog.length(pg_catalog.btrim(p_subject)) = 0) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an email needs a subject';
  end if;
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in this account';
  end if;
  if not brain.lead_reachable(p_channel, v_lead.phone, v_lead.email) then
    raise exception using errcode = '22023', message = 'unreachable',
      detail = pg_catalog.format('the lead has no address for %s', p_channel);
  end if;
  -- Strict templates: a placeholder the lead cannot fill is refused now, while the
  -- operator is looking, rather than canceled at send time.
  v_problems := brain.template_problems(p_body, coalesce(brain.template_values(v_lead.id), '{}'::jsonb))
                || brain.template_problems(p_subject, coalesce(brain.template_values(v_lead.id), '{}'::jsonb));
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using errcode = '22023', message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the message cannot be sent to this lead (%s): fill in the lead, remove the placeholder or give it a default such as {{first_name|there}}',
                                 pg_catalog.array_to_string(v_problems, ', '));
  end if;
  -- A resubmitted form or a retried API call carries the same request id: the
  -- message already queued answers it (the lead row lock above serializes them).
  if p_request_id is not null then
    select t.id into v_id from public.touch_runs t
    where t.lead_id = v_lead.id and t.campaign_id is null and t.step = 99
      and t.payload -> 'meta' ->> 'request_id' = p_request_id;
    if found then
      return v_id;
    end if;
  end if;
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = v_lead.id and t.campaign_id is null and t.step = 99 and t.channel = p_channel::public.channel;
  if v_attempt > 100 then
    raise exception using errcode = '54000', message = 'too_many_manual_messages', detail = 'at most 100 manual messages per lead and channel';
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (v_lead.account_id, v_lead.id, null, 99, p_channel::public.channel, v_attempt, 'queued', p_now, p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'manual',
            'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('body', p_body, 'subject', p_subject)),
            'meta', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', 'console', 'created_by', p_actor,
                                                                               'request_id', p_request_id))))
  returning id into v_id;
  perform brain.record_event(v_lead.account_id, v_lead.id, 'manual_message_queued', 'console', 'outbound',
    pg_catalog.jsonb_build_object('touch_run_id', v_id, 'actor', p_actor), p_channel, p_now);
  return v_id;
end
$$;

--
-- Name: FUNCTION queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text) IS 'Queues an operator''s message (sms, whatsapp or email; 1-1600 characters; email needs a subject) as a touch_run on step 99 without a campaign, so it is sent by the dispatch path with every check a campaign touch gets: brain.claim_touch cancels it for a suppressed or opted-out lead and holds it until the lead''s send window opens. Returns the touch id; a repeated p_request_id (a resubmitted form, a retried call) returns the message already queued instead of queueing it twice. The body and subject may use public.template_variables() ({{first_name}}, {{first_name|there}}); a placeholder that is unknown or that the lead has no value for is refused (22023 unknown_template_variable / invalid_template_placeholder / missing_lead_data, detail names it). 22023 for bad input or a lead with no address on the channel; P0002 lead_not_found.';

--
-- Name: receive_webhook(uuid, text, text, text, text, text, jsonb, text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[] DEFAULT NULL::text[]) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
-- PL/pgSQL keeps the statement's plan for the session; a SQL function like this
-- one (not inlinable) would plan it again at every call.
begin
  insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type, nul_replaced_fields,
                                       kind, ordering_key, payload, processed_at)
  values (p_provider, p_idempotency_key, p_account_id, p_event_type, nullif(p_nul_replaced_fields, '{}'::text[]),
          p_kind, p_ordering_key, p_payload, null)
  on conflict do nothing;
  return case when found then 'received' else 'duplicate' end;
end
$$;

--
-- Name: FUNCTION receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[]); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[]) IS 'Records a verified webhook as a pending receipt with one INSERT … ON CONFLICT DO NOTHING (webhook_receipts keyed by provider and p_idempotency_key, the same keys the ingest functions use) and answers received, or duplicate when that event was already received (nothing written). p_kind (inbound_message, message_status, call_status, email_event, booking) and p_payload (the parsed request) are what brain.drain_webhook_receipts applies later, in order per p_ordering_key (the lead''s address, or the provider''s message id). No NOTIFY, no job: the drain polls.';

--
-- Name: receive_webhooks(jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.receive_webhooks(p_receipts jsonb) RETURNS TABLE(n integer, outcome text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
#variable_conflict use_column
begin
  return query
  with input as (
    select e.n::integer as n, e.r, (e.r ->> 'account_id')::uuid as account_id,
           nullif(e.r -> 'route', 'null'::jsonb) as route
    from pg_catalog.jsonb_array_elements(p_receipts) with ordinality as e (r, n)
  ), checked as (
    select i.*,
           i.route is null
           or (exists (select 1 from public.sender_addresses o
                       where o.address = pg_catalog.lower(pg_catalog.btrim(i.route ->> 'address')) and o.account_id = i.account_id)
               and (select pg_catalog.date_trunc('milliseconds', c.updated_at) from public.account_provider_credentials c
                    where c.account_id = i.account_id and c.provider = i.route ->> 'credentials_provider')
                   is not distinct from (i.route ->> 'credentials_updated_at')::timestamptz) as current
    from input i
  ), added as (
    insert into public.webhook_receipts as w (provider, idempotency_key, account_id, event_type, nul_replaced_fields,
                                              kind, ordering_key, payload, processed_at)
    select c.r ->> 'provider', c.r ->> 'idempotency_key', c.account_id, c.r ->> 'event_type',
           nullif(array(select pg_catalog.jsonb_array_elements_text(coalesce(c.r -> 'nul_replaced_fields', '[]'::jsonb))), '{}'::text[]),
           c.r ->> 'kind', c.r ->> 'ordering_key', c.r -> 'payload', null::timestamptz
    from checked c
    where c.current
    order by c.n
    on conflict do nothing
    returning w.provider, w.idempotency_key
  ), ranked as (
    -- The same event twice in one group: the first is the receipt, the others duplicates.
    select c.n, c.current, c.r ->> 'provider' as provider, c.r ->> 'idempotency_key' as idempotency_key,
           pg_catalog.row_number() over (partition by c.current, c.r ->> 'provider', c.r ->> 'idempotency_key' order by c.n) as nth
    from checked c
  )
  select k.n,
         case when not k.current then 'stale'
              when k.nth = 1 and exists (select 1 from added a where a.provider = k.provider and a.idempotency_key = k.idempotency_key)
                then 'received'
              else 'duplicate' end
  from ranked k
  order by k.n;
end
$$;

--
-- Name: FUNCTION receive_webhooks(p_receipts jsonb); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.receive_webhooks(p_receipts jsonb) IS 'public.receive_webhook for several requests at once (the webhook process groups concurrent requests'' receipts into one statement and one commit): p_receipts is a json array of {account_id, provider, idempotency_key, event_type, kind, ordering_key, payload, nul_replaced_fields, route (absent or null: nothing to check)}, written in array order with one INSERT … ON CONFLICT DO NOTHING. Answers one row per element, n from 1: received (written), duplicate (that event was already received, or came earlier in the array), or stale: the element''s route ({address, credentials_provider, credentials_updated_at}, from a cached account lookup) no longer holds, because the address is no longer that account''s sender address or its stored credentials for the provider changed (compared to the millisecond); nothing is written for it and the caller looks the account up again. No NOTIFY, no job.';

--
-- Name: record_voice_call_outcome(text, text, uuid, boolean, integer, text, text, jsonb, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_touch public.touch_runs;
  v_lead public.leads;
  v_org public.org_settings;
  v_turns integer;
  v_suppressed boolean;
  v_queue_id uuid;
  v_queued text;
  v_halt jsonb;
begin
  if p_provider is null or p_provider not in ('telnyx', 'twilio') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('provider must be telnyx or twilio, not %s', coalesce(p_provider, 'null'));
  end if;
  if p_call_id is null or pg_catalog.length(pg_catalog.btrim(p_call_id)) = 0 or pg_catalog.length(p_call_id) > 200 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'the provider''s call id is required (1 to 200 characters)';
  end if;
  if p_answered is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'answered must be true or false';
  end if;
  if p_duration_seconds is null or p_duration_seconds < 0 or p_duration_seconds > 86400 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('duration_seconds must be 0 to 86400, not %s', coalesce(p_duration_seconds::text, 'null'));
  end if;
  if p_verdict is not null and p_verdict not in ('hot', 'warm', 'cold') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('verdict must be hot, warm or cold (or null when the model gave none), not %s', p_verdict);
  end if;
  if p_verdict is not null and not p_answered then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'a call nobody answered cannot have a verdict';
  end if;
  if p_stated_intent is not null and pg_catalog.length(p_stated_intent) > 500 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'stated_intent must be at most 500 characters';
  end if;
  if p_transcript is null or pg_catalog.jsonb_typeof(p_transcript) <> 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'transcript must be a JSON array of turns (empty when nothing was said)';
  end if;
  v_turns := pg_catalog.jsonb_array_length(p_transcript);
  if v_turns > 500 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('transcript has %s turns; at most 500 are kept', v_turns);
  end if;
  if exists (
    select 1 from pg_catalog.jsonb_array_elements(p_transcript) t (turn)
    where pg_catalog.jsonb_typeof(t.turn) <> 'object'
       or coalesce(t.turn ->> 'role', '') not in ('lead', 'assistant')
       or coalesce(pg_catalog.jsonb_typeof(t.turn -> 'text'), '') <> 'string'
       or pg_catalog.length(t.turn ->> 'text') > 4000) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'each transcript turn must be {"role": "lead" or "assistant", "text": at most 4000 characters}';
  end if;

  -- The call: the touch the gateway names, else the provider's own call id.
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id and t.channel = 'voice';
  if v_touch.id is null then
    select t.* into v_touch
    from public.outbound_messages m
    join public.touch_runs t on t.id = m.touch_run_id and t.account_id = m.account_id
    where m.channel = 'voice' and m.provider = p_provider and m.provider_message_id = p_call_id
    limit 1;
  end if;
  if v_touch.id is null then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_call');
  end if;

  insert into public.webhook_receipts (provider, idempotency_key, account_id, event_type)
  values ('voice_gateway', 'outcome:' || p_provider || ':' || p_call_id, v_touch.account_id, 'voice_call_outcome')
  on conflict do nothing;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'duplicate', 'account_id', v_touch.account_id,
                                         'lead_id', v_touch.lead_id, 'touch_run_id', v_touch.id);
  end if;

  select l.* into v_lead from public.leads l where l.id = v_touch.lead_id for update;
  select o.* into v_org from public.org_settings o where o.account_id = v_touch.account_id;

  perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'voice_call_outcome', 'voice_gateway',
    case when p_answered then 'inbound' else 'internal' end,
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'touch_run_id', v_touch.id, 'provider', p_provider, 'call_id', p_call_id, 'answered', p_answered,
      'duration_seconds', p_duration_seconds, 'verdict', p_verdict, 'stated_intent', p_stated_intent,
      'turns', v_turns)),
    'voice', p_ended_at, 'voice_call_outcome:' || p_provider || ':' || p_call_id,
    case p_verdict when 'hot' then 15 when 'warm' then 5 else 0 end);

  if v_turns > 0 then
    perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'voice_call_transcript', 'voice_gateway', 'inbound',
      pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'call_id', p_call_id, 'turns', p_transcript),
      'voice', p_ended_at, 'voice_call_transcript:' || p_provider || ':' || p_call_id);
  end if;

  -- An answered call is a response, whether or not the carrier's webhook said so first
  -- (same dedupe key as ingest_call_status, so it is recorded once).
  if p_answered then
    perform brain.record_event(v_touch.account_id, v_touch.lead_id, 'call_answered', 'voice_gateway', 'inbound',
      pg_catalog.jsonb_build_object('touch_run_id', v_touch.id, 'call_id', p_call_id), 'voice', p_ended_at,
      'call_answered:' || p_call_id, 5);
    if v_lead.lead_state in ('new', 'touched', 'dead') then
      perform brain.transition_lead(v_lead.id, 'responded', 'call_answered', 'voice_gateway');
    end if;
  end if;

  if p_verdict = 'hot' then
    -- A human calls back: the cadence waits, the lead moves to high_intent and joins the
    -- call queue at the account's gold priority (seed 004 Part 6), unless it opted out.
    v_halt := brain.halt_outreach(v_lead.id, 'hot_call', 'paused', p_ended_at);
    select l.* into v_lead from public.leads l where l.id = v_touch.lead_id;
    if exists (select 1 from public.lead_state_transitions x
               where x.from_state = v_lead.lead_state and x.to_state = 'high_intent') then
      perform brain.transition_lead(v_lead.id, 'high_intent', 'hot_call', 'voice_gateway');
    end if;
    v_suppressed := v_lead.status = 'suppressed' or v_lead.lead_state = 'suppressed'
      or exists (select 1 from public.suppressions s
                 where s.account_id = v_lead.account_id and s.lifted_at is null
                   and (s.channel is null or s.channel = 'voice')
                   and (s.lead_id = v_lead.id or s.phone = v_lead.phone or s.email = v_lead.email));
    if v_suppressed then
      v_queued := 'suppressed';
    else
      insert into public.call_queue (account_id, lead_id, priority, reason, source)
      values (v_lead.account_id, v_lead.id, v_org.call_queue_gold_priority, 'hot_call', 'voice_gateway')
      on conflict (account_id, lead_id) where status in ('pending', 'in_progress') do nothing
      returning id into v_queue_id;
      v_queued := case when v_queue_id is null then 'already_queued' else 'queued' end;
      perform public.assign_lead_round_robin(v_lead.id, 'voice');
    end if;
  end if;

  select l.* into v_lead from public.leads l where l.id = v_touch.lead_id;
  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'outcome', 'recorded', 'account_id', v_touch.account_id, 'lead_id', v_touch.lead_id, 'touch_run_id', v_touch.id,
    'verdict', p_verdict, 'lead_state', v_lead.lead_state, 'call_queue', v_queued, 'call_queue_id', v_queue_id,
    'halted', v_halt));
end
$$;

--
-- Name: FUNCTION record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone) IS 'Records the end of a call bridged by the voice gateway, once per (provider, call id) (webhook_receipts voice_gateway / outcome:<provider>:<call id>; a replay returns duplicate and changes nothing). The call is found by p_touch_run_id (a voice touch) or by the provider''s call id on its outbound message; unknown_call otherwise. Writes a voice_call_outcome memory event (answered, duration_seconds, verdict hot/warm/cold, stated_intent, turns; score +15 hot, +5 warm) and, when anything was said, a voice_call_transcript event with the turns [{role lead|assistant, text}]; both appear in public.lead_timeline. An answered call is a response (call_answered, shared dedupe key with ingest_call_status; new/touched/dead → responded). A hot verdict pauses the lead''s outreach (brain.halt_outreach hot_call), moves it to high_intent when allowed and, unless it is suppressed or opted out of voice, queues it in call_queue (reason hot_call, org_settings.call_queue_gold_priority, one open entry per lead) and assigns it by round-robin. Bad input raises invalid_argument (22023) with a detail naming the field.';

--
-- Name: reject_ai_draft(uuid, text, uuid, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid DEFAULT NULL::uuid, p_reason text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_draft public.ai_drafts;
  v_reason text := nullif(pg_catalog.left(pg_catalog.btrim(p_reason), 500), '');
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who rejects is required (1-200 characters)';
  end if;
  select d.* into v_draft from public.ai_drafts d where d.id = p_draft_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_draft.status = 'rejected' then
    return pg_catalog.jsonb_build_object('outcome', 'already_rejected', 'draft_id', v_draft.id);
  end if;
  if v_draft.status = 'approved' then
    perform 1 from public.touch_runs t
    where t.id = v_draft.touch_run_id and t.account_id = v_draft.account_id and t.status in ('scheduled', 'queued')
    for update skip locked;
    if not found then
      raise exception using errcode = '55000', message = 'draft_already_sending',
        detail = 'its message is already on its way or was sent; it cannot be taken back';
    end if;
    perform brain.cancel_touch(v_draft.touch_run_id, 'draft_rejected', 'canceled: a person rejected the draft before it went out',
      p_now, pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id));
  elsif v_draft.status = 'sent' then
    raise exception using errcode = '55000', message = 'draft_already_sending',
      detail = 'its message was sent; it cannot be taken back';
  end if;
  update public.ai_drafts d
  set status = 'rejected', decided_by = pg_catalog.btrim(p_actor), decided_by_user_id = p_user_id, decided_at = p_now,
      decision_reason = coalesce(v_reason, 'rejected by ' || pg_catalog.btrim(p_actor))
  where d.id = v_draft.id and d.account_id = v_draft.account_id;
  perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_rejected', 'ai_inbox', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', pg_catalog.btrim(p_actor),
      'user_id', p_user_id, 'reason', v_reason, 'canceled_touch', case when v_draft.status = 'approved' then v_draft.touch_run_id end)),
    v_draft.channel::text, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'rejected', 'draft_id', v_draft.id);
end
$$;

--
-- Name: FUNCTION reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone) IS 'A person rejects an AI draft: a pending one is marked rejected (decided_by p_actor, p_user_id, decision_reason p_reason); an auto-sent one whose touch is still scheduled or queued and not being claimed has the touch canceled (draft_rejected) and is rejected too. Writes an ai_draft_rejected memory event. Returns {outcome: rejected | already_rejected, draft_id}. P0002 draft_not_found; 55000 draft_already_sending when its message is on its way or sent; 22023 invalid_argument.';

--
-- Name: remove_account_member(uuid, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
  v_role text;
  v_ended integer;
begin
  select m.role into v_role from public.account_members m
  where m.account_id = v_account and m.user_id = p_user_id and m.is_active;
  if v_role is null then
    raise exception using errcode = 'P0002', message = 'member_not_found', detail = 'that person is not a member of this account';
  end if;
  if v_role = 'owner' then
    perform private.assert_keeps_an_owner(v_account, p_user_id);
  end if;
  update public.account_members m set is_active = false
  where m.account_id = v_account and m.user_id = p_user_id;
  update public.user_sessions s set revoked_at = p_now
  where s.user_id = p_user_id and s.account_id = v_account and s.revoked_at is null;
  get diagnostics v_ended = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'member_removed', 'remove_account_member', 'user', p_user_id, p_actor_user_id::text,
          pg_catalog.jsonb_build_object('role', v_role, 'sessions_ended', v_ended));
  return v_ended;
end
$$;

--
-- Name: FUNCTION remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone) IS 'An owner of app.account_id removes a member: the membership becomes inactive and the member''s open sessions in this account are revoked (returns how many). Refuses not_an_owner (42501), member_not_found (P0002) and last_owner (P0001). Recorded in account_events.';

--
-- Name: resolve_campaign(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.resolve_campaign(p_account_id uuid, p_text text) RETURNS TABLE(campaign_id uuid, campaign_key text, name text, is_active boolean, match text, score integer)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
  with q as (
    select pg_catalog.btrim(pg_catalog.regexp_replace(
             pg_catalog.regexp_replace(' ' || pg_catalog.regexp_replace(brain.fold_text(coalesce(p_text, '')), '[^a-z0-9]+', ' ', 'g') || ' ',
               '(?<= )(la|el|los|las|campana|campanas|campaign|campaigns|the|de|del|of) ', '', 'g'),
             ' +', ' ', 'g')) as phrase
  ), c as (
    select c.id, c.campaign_key, c.name, c.is_active,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(c.campaign_key), '[^a-z0-9]+', ' ', 'g')) as key_f,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(c.name), '[^a-z0-9]+', ' ', 'g')) as name_f
    from public.campaigns c
    where c.account_id = p_account_id
  ), scored as (
    select c.*, q.phrase,
           pg_catalog.string_to_array(q.phrase, ' ') as q_words,
           array(select distinct w from pg_catalog.unnest(pg_catalog.string_to_array(c.key_f || ' ' || c.name_f, ' ')) w where w <> '') as c_words
    from c cross join q
    where q.phrase <> ''
  )
  select s.id, s.campaign_key, s.name, s.is_active, m.match, m.score
  from scored s
  cross join lateral (
    select case
             when pg_catalog.lower(pg_catalog.btrim(p_text)) = s.id::text then 'id'
             when s.phrase = s.key_f then 'key'
             when s.phrase = s.name_f then 'name'
             when s.q_words <@ s.c_words then 'words'
             when pg_catalog.length(s.phrase) >= 3 and (pg_catalog.strpos(s.key_f, s.phrase) > 0 or pg_catalog.strpos(s.name_f, s.phrase) > 0) then 'partial'
           end as match,
           case
             when pg_catalog.lower(pg_catalog.btrim(p_text)) = s.id::text then 100
             when s.phrase = s.key_f then 100
             when s.phrase = s.name_f then 95
             when s.q_words <@ s.c_words
               then 50 + (40 * (select count(distinct w) from pg_catalog.unnest(s.q_words) w) / greatest(pg_catalog.cardinality(s.c_words), 1))::integer
             when pg_catalog.length(s.phrase) >= 3 and (pg_catalog.strpos(s.key_f, s.phrase) > 0 or pg_catalog.strpos(s.name_f, s.phrase) > 0) then 30
           end as score
  ) m
  where m.match is not null
  order by m.score desc, s.is_active desc, s.name
$$;

--
-- Name: FUNCTION resolve_campaign(p_account_id uuid, p_text text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.resolve_campaign(p_account_id uuid, p_text text) IS 'Campaigns of the account that a phrase names, best first: match id (the campaign id, 100), key (the campaign_key, 100), name (the name, punctuation aside, 95), words (every word of the phrase is a word of the key or name; 50–90 by how much of the campaign it covers) or partial (a substring of key or name, 30). Case- and accent-insensitive (brain.fold_text); filler words such as "la", "campaña", "campaign" are ignored. Runs as the caller, so row-level security applies.';

--
-- Name: resolve_lead(uuid, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer DEFAULT 20000) RETURNS TABLE(lead_id uuid, full_name text, phone text, email text, match text, score integer)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
  with q as (
    select pg_catalog.btrim(coalesce(p_text, '')) as raw,
           pg_catalog.regexp_replace(coalesce(p_text, ''), '[^0-9]', '', 'g') as digits,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_text, '')), '[^a-z0-9]+', ' ', 'g')) as words,
           -- Only a well-formed address is compared (and cast to the email domain).
           case when pg_catalog.lower(pg_catalog.btrim(coalesce(p_text, ''))) ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
                     and pg_catalog.length(p_text) <= 320
                then pg_catalog.lower(pg_catalog.btrim(p_text)) end as email
  ), exact as (
    select l.id, 'id'::text as match, 100 as score
    from public.leads l, q
    where q.raw ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      and l.account_id = p_account_id and l.id = q.raw::uuid
    union all
    select l.id, 'phone', 95
    from public.leads l, q
    where pg_catalog.length(q.digits) between 7 and 15 and q.raw !~ '[@a-zA-Z]'
      and l.account_id = p_account_id
      and l.phone::text in ('+' || q.digits, case when pg_catalog.length(q.digits) = 10 then '+1' || q.digits end)
    union all
    select l.id, 'email', 95
    from public.leads l, q
    where q.email is not null and l.account_id = p_account_id
      and (l.email::text = q.email
           or l.alternate_emails @> pg_catalog.array_append('{}'::public.email_address[], q.email::public.email_address))
    union all
    select l.id, 'external', 90
    from public.leads l, q
    where q.raw <> '' and l.account_id = p_account_id and l.external_id = q.raw
  ), recent as (
    select l.id, l.phone::text as phone,
           pg_catalog.string_to_array(pg_catalog.btrim(pg_catalog.regexp_replace(
             brain.fold_text(concat_ws(' ', l.first_name, l.last_name, l.company_name)), '[^a-z0-9]+', ' ', 'g')), ' ') as name_words
    from public.leads l
    where l.account_id = p_account_id and not exists (select 1 from exact)
    order by l.created_at desc
    limit greatest(p_scan_limit, 0)
  ), fuzzy as (
    select r.id, 'digits'::text as match, 60 as score
    from recent r, q
    where pg_catalog.length(q.digits) between 7 and 15 and q.raw !~ '[@a-zA-Z]'
      and pg_catalog.strpos(r.phone, q.digits) > 0
    union all
    select r.id, 'name', 50 + (40 * pg_catalog.cardinality(pg_catalog.string_to_array(q.words, ' '))
                               / greatest(pg_catalog.cardinality(r.name_words), 1))::integer
    from recent r, q
    where q.words ~ '[a-z]'
      and not exists (
        select 1 from pg_catalog.unnest(pg_catalog.string_to_array(q.words, ' ')) qw
        where not exists (select 1 from pg_catalog.unnest(r.name_words) nw where pg_catalog.starts_with(nw, qw)))
  ), best as (
    select distinct on (x.id) x.id, x.match, x.score
    from (select * from exact union all select * from fuzzy) x
    order by x.id, x.score desc
  )
  select l.id, nullif(concat_ws(' ', l.first_name, l.last_name), ''), l.phone::text, l.email::text, b.match, b.score
  from best b
  join public.leads l on l.id = b.id and l.account_id = p_account_id
  order by b.score desc, l.created_at desc
  limit 20
$_$;

--
-- Name: FUNCTION resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer) IS 'Leads of the account that a phrase names, best first (at most 20): match id (100), phone (the digits as E.164, or a 10-digit US number without +1; 95), email (primary or alternate, 95), external (the source''s id, 90); only when nothing matched exactly, among the newest p_scan_limit leads: digits (7+ digits inside the phone, 60) or name (every word of the phrase starts a word of the lead''s name or company, accent- and case-insensitive; 50–90 by how much of the name it covers). Runs as the caller, so row-level security applies.';

--
-- Name: campaign_leads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_leads (
    account_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    current_step integer DEFAULT 1 NOT NULL,
    enrolled_at timestamp with time zone DEFAULT now() NOT NULL,
    paused_at timestamp with time zone,
    stopped_at timestamp with time zone,
    stop_reason text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    next_step_at timestamp with time zone,
    CONSTRAINT campaign_leads_current_step_check CHECK ((current_step >= 1)),
    CONSTRAINT campaign_leads_status_check CHECK ((status = ANY (ARRAY['active'::text, 'paused'::text, 'completed'::text, 'stopped'::text])))
);

--
-- Name: TABLE campaign_leads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaign_leads IS 'Enrollment of a lead in a campaign and its progress through the steps.';

--
-- Name: COLUMN campaign_leads.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.account_id IS 'Owning account.';

--
-- Name: COLUMN campaign_leads.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.campaign_id IS 'The campaign.';

--
-- Name: COLUMN campaign_leads.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.lead_id IS 'The lead.';

--
-- Name: COLUMN campaign_leads.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.status IS 'active (cadence runs), paused (e.g. the lead replied), completed, stopped.';

--
-- Name: COLUMN campaign_leads.current_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.current_step IS 'Next step to run for this lead.';

--
-- Name: COLUMN campaign_leads.enrolled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.enrolled_at IS 'When the lead was enrolled.';

--
-- Name: COLUMN campaign_leads.paused_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.paused_at IS 'When the enrollment was paused.';

--
-- Name: COLUMN campaign_leads.stopped_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.stopped_at IS 'When the enrollment was stopped or completed.';

--
-- Name: COLUMN campaign_leads.stop_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.stop_reason IS 'Why it stopped or paused (lead_replied, appointment_booked, exhausted, ...).';

--
-- Name: COLUMN campaign_leads.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN campaign_leads.next_step_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.next_step_at IS 'When current_step is due: enrollment (or the previous step''s start) plus the step''s delay_minutes.';

--
-- Name: resume_campaign_lead(uuid, uuid, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text DEFAULT NULL::text, p_now timestamp with time zone DEFAULT now()) RETURNS SETOF public.campaign_leads
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_enrollment public.campaign_leads;
  v_step public.campaign_steps;
  v_values jsonb;
  v_problems text[];
begin
  select cl.* into v_enrollment from public.campaign_leads cl
  where cl.campaign_id = p_campaign_id and cl.lead_id = p_lead_id
  for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'enrollment_not_found',
      detail = 'this lead is not enrolled in that campaign';
  end if;
  if v_enrollment.status <> 'paused' then
    raise exception using errcode = 'P0001', message = 'enrollment_not_paused',
      detail = pg_catalog.format('the enrollment is %s; only a paused one can be resumed', v_enrollment.status);
  end if;

  -- Resuming into the same failure helps nobody: the step must render for this lead now.
  select s.* into v_step from public.campaign_steps s
  where s.campaign_id = p_campaign_id and s.step = v_enrollment.current_step;
  if found then
    v_values := coalesce(brain.template_values(p_lead_id), '{}'::jsonb);
    v_problems := brain.template_problems(v_step.body, v_values) || brain.template_problems(v_step.subject, v_values);
    if pg_catalog.cardinality(v_problems) > 0 then
      raise exception using errcode = 'P0001', message = pg_catalog.split_part(v_problems[1], ':', 1),
        detail = pg_catalog.format('step %s still cannot be sent to this lead (%s): fill in the lead, or give the placeholder a default such as {{first_name|there}}',
                                   v_step.step, pg_catalog.array_to_string(v_problems, ', '));
    end if;
  end if;

  update public.campaign_leads
  set status = 'active', paused_at = null, stopped_at = null, stop_reason = null, next_step_at = p_now
  where account_id = v_enrollment.account_id and campaign_id = p_campaign_id and lead_id = p_lead_id;
  perform brain.record_event(v_enrollment.account_id, p_lead_id, 'enrollment_resumed', 'resume_campaign_lead', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'campaign_id', p_campaign_id, 'step', v_enrollment.current_step,
      'previous_reason', v_enrollment.stop_reason, 'actor', p_actor)),
    p_created_at => p_now);

  return query select cl.* from public.campaign_leads cl where cl.campaign_id = p_campaign_id and cl.lead_id = p_lead_id;
end
$$;

--
-- Name: FUNCTION resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone) IS 'Resumes a paused enrollment (e.g. paused with missing_lead_data:<variable> by brain.claim_touch): status active, due at p_now from its current step (the step whose touch was canceled), reason cleared, an enrollment_resumed memory event with the previous reason and p_actor. Refuses (P0001) when the current step still cannot be rendered for the lead (missing_lead_data, unknown_template_variable: detail names them) or the enrollment is not paused (enrollment_not_paused); P0002 enrollment_not_found. Returns the enrollment re-read.';

--
-- Name: revoke_account_invite(uuid, uuid, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone DEFAULT now()) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_account uuid := private.require_account_owner(p_actor_user_id);
begin
  update public.account_invites i set revoked_at = p_now
  where i.id = p_invite_id and i.account_id = v_account and i.accepted_at is null and i.revoked_at is null;
  if not found then
    raise exception using errcode = 'P0002', message = 'invite_not_found',
      detail = 'no open invite with this id in this account (it may have been accepted or revoked already)';
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor)
  values (v_account, 'member_invite_revoked', 'revoke_account_invite', 'account_invite', p_invite_id, p_actor_user_id::text);
end
$$;

--
-- Name: FUNCTION revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone) IS 'An owner of app.account_id revokes an open invite: its link stops working at once. invite_not_found (P0002) when it is not open in this account. Recorded in account_events.';

--
-- Name: run_cadence(integer, boolean, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.run_cadence(p_limit integer DEFAULT 1000, p_dry_run boolean DEFAULT false, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, lead_id uuid, campaign_id uuid, first_step integer, first_channel text, next_step_at timestamp with time zone, decision text)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return query
  with eligible as (
    -- Seed 000's gates: status new, phone not null, account not null, lead_state not dead.
    select l.id as lead_id, l.account_id, c.id as campaign_id
    from public.leads l
    join public.campaigns c on c.account_id = l.account_id and c.is_active and c.auto_enroll
    where l.status = 'new'
      and l.phone is not null
      and l.account_id is not null
      and l.lead_state <> 'dead'
      and not exists (select 1 from public.campaign_leads cl where cl.account_id = l.account_id and cl.lead_id = l.id and cl.campaign_id = c.id)
    order by l.created_at, l.id
    limit p_limit
  ), planned as (
    select e.*, f.step as first_step, f.channel as first_channel, f.delay_minutes,
           case when f.step is null then 'no_ready_step' else 'enrolled' end as decision
    from eligible e
    left join lateral (
      -- cadenceFiltered: steps on channels that cannot send are left out.
      select s.step, s.channel::text as channel, s.delay_minutes
      from public.campaign_steps s
      where s.campaign_id = e.campaign_id and brain.channel_ready(e.account_id, s.channel)
      order by s.step
      limit 1
    ) f on true
  ), enrolled as (
    insert into public.campaign_leads (account_id, campaign_id, lead_id, current_step, enrolled_at, next_step_at)
    select p.account_id, p.campaign_id, p.lead_id, p.first_step, p_now,
           p_now + pg_catalog.make_interval(mins => p.delay_minutes)
    from planned p
    where not p_dry_run and p.decision = 'enrolled'
    on conflict do nothing
    returning pg_catalog.concat(campaign_leads.lead_id, ':', campaign_leads.campaign_id) as k
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(p.account_id, p.lead_id, 'cadence_enrolled', 'run_cadence', 'internal',
             pg_catalog.jsonb_build_object('campaign_id', p.campaign_id, 'first_step', p.first_step),
             p_created_at => p_now)) as recorded
    from planned p
    where pg_catalog.concat(p.lead_id, ':', p.campaign_id) in (select k from enrolled)
  )
  select p.account_id, p.lead_id, p.campaign_id, p.first_step, p.first_channel,
         case when p.decision = 'enrolled' then p_now + pg_catalog.make_interval(mins => p.delay_minutes) end,
         p.decision
  from planned p cross join logged
  order by p.account_id, p.campaign_id, p.lead_id;
end
$$;

--
-- Name: FUNCTION run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) IS 'Cadence runner, one tick: enrolls up to p_limit leads that pass seed 000''s gates (status new, phone not null, account not null, lead_state not dead) into each active auto_enroll campaign of their account they are not in yet, starting at the first step whose channel can send (steps on channels that are not ready, e.g. email without Elastic Email, are filtered out). A campaign with no sendable step enrolls nobody (decision no_ready_step). p_dry_run writes nothing.';

--
-- Name: run_reactivation_orchestrator(integer, boolean, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.run_reactivation_orchestrator(p_limit integer DEFAULT 200, p_dry_run boolean DEFAULT false, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, lead_id uuid, channel text, round integer, decision text, scheduled_at timestamp with time zone, touch_run_id uuid)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return query
  with candidates as (
    select v.account_id, v.lead_id, v.effective_channel as channel, v.next_action_at,
           (select coalesce(max(t.step), 0) + 1 from public.touch_runs t
            where t.lead_id = v.lead_id and t.campaign_id is null
              and t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation') as round,
           exists (select 1 from public.touch_runs t
                   join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = t.lead_id
                   where t.lead_id = v.lead_id and t.campaign_id is null
                     and t.payload -> 'meta' ->> 'source' = 'brain_full_auto_reactivation'
                     and t.created_at >= coalesce(ss.last_touch_at, '-infinity'::timestamptz)) as pending
    from brain.lead_next_action_at(p_now) v
    where v.next_action = 'reactivate'
    order by v.priority_score desc, v.lead_id
    limit p_limit
  ), decided as (
    select c.*, case when c.pending then 'skip_duplicate' when c.next_action_at <= p_now then 'queued' else 'scheduled' end as decision,
           gen_random_uuid() as touch_id
    from candidates c
  ), inserted as (
    insert into public.touch_runs (id, account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, created_at)
    select d.touch_id, d.account_id, d.lead_id, null, d.round, d.channel, 1, d.decision, greatest(d.next_action_at, p_now),
           brain.build_touch_payload(d.lead_id, null, d.round, d.channel, 'brain_full_auto_reactivation', p_now), p_now
    from decided d
    where not p_dry_run and d.decision in ('queued', 'scheduled')
    on conflict on constraint touch_runs_attempt_key do nothing
    returning touch_runs.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(d.account_id, d.lead_id, 'reactivation_created', 'reactivation_orchestrator',
             'internal', pg_catalog.jsonb_build_object('touch_run_id', d.touch_id, 'round', d.round),
             d.channel::text, p_now)) as recorded
    from decided d
    where not p_dry_run and d.touch_id in (select id from inserted)
  ), summary as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, payload, created_at)
    select d.account_id, 'reactivation_tick', 'reactivation_orchestrator', 'orchestrator',
           pg_catalog.jsonb_build_object('created', count(*) filter (where d.decision in ('queued', 'scheduled')),
                                         'skipped_duplicates', count(*) filter (where d.decision = 'skip_duplicate')),
           p_now
    from decided d
    where not p_dry_run
    group by d.account_id
    returning 1
  )
  select d.account_id, d.lead_id, d.channel, d.round, d.decision,
         case when d.decision in ('queued', 'scheduled') then greatest(d.next_action_at, p_now) end,
         case when d.touch_id in (select id from inserted) then d.touch_id end
  from decided d cross join logged
  order by d.account_id, d.lead_id;
end
$$;

--
-- Name: FUNCTION run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) IS 'Reactivation orchestrator, one tick: takes up to p_limit leads whose lead_next_action_view_v5 decision is reactivate (highest priority first), skips those that already have a reactivation touch since their last touch, and creates one touch per lead on its effective channel with meta.source = brain_full_auto_reactivation (step = reactivation round, fallback plan brain.reactivation_plan). Logs reactivation_created per lead and a reactivation_tick summary per account. p_dry_run writes nothing.';

--
-- Name: run_touch_orchestrator(integer, boolean, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.run_touch_orchestrator(p_limit integer DEFAULT 500, p_dry_run boolean DEFAULT false, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(account_id uuid, lead_id uuid, campaign_id uuid, step integer, channel text, decision text, scheduled_at timestamp with time zone, touch_run_id uuid)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  return query
  with due as (
    select cl.account_id, cl.campaign_id, cl.lead_id, cl.current_step
    from public.campaign_leads cl
    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id and c.is_active
    where cl.status = 'active' and cl.next_step_at <= p_now
    order by cl.next_step_at, cl.lead_id
    limit p_limit
    for update of cl skip locked
  ), evaluated as (
    select
      d.account_id, d.campaign_id, d.lead_id, d.current_step as step, cs.channel::text as channel,
      -- Ids are chosen here so later steps find their touch with a hashed lookup,
      -- not by joining CTEs whose row counts the planner cannot know.
      gen_random_uuid() as touch_id,
      (select coalesce(max(t.attempt), 0) + 1 from public.touch_runs t
       where t.lead_id = d.lead_id and t.campaign_id = d.campaign_id
         and t.step = d.current_step and t.channel = cs.channel) as attempt,
      ss.negative_cooldown_until,
      case
        when cs.step is null then 'skip_no_step'
        when ss.is_unsubscribed or ss.stop_event is not null or l.lead_state in ('suppressed', 'closed', 'dead')
             or l.status = 'archived' then 'stop_lead'
        when ss.in_negative_cooldown then 'wait_cooldown'
        when cs.channel::text = any(ss.suppressed_channels) then 'skip_channel_suppressed'
        when cs.channel::text not in (select r.channel from brain.ready_channels(d.account_id) r) then 'skip_channel_not_ready'
        when not brain.lead_reachable(cs.channel, l.phone, l.email) then 'skip_unreachable'
        -- A touch canceled for its content (strict templates: a placeholder the lead
        -- could not fill, no body) does not count: resume_campaign_lead plans its step again, as the next attempt.
        when exists (select 1 from public.touch_runs t
                     where t.lead_id = d.lead_id and t.campaign_id = d.campaign_id
                       and t.step = d.current_step and t.channel = cs.channel
                       and not (t.status = 'canceled'
                                and t.error_code ~ '^(missing_body|missing_lead_data:|unknown_template_variable:|invalid_template_placeholder)')) then 'skip_duplicate'
        when brain.window_start_at((select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z_),
                                   o.send_window_start, o.send_window_end, p_now) = p_now then 'queued'
        else 'scheduled'
      end as decision,
      brain.window_start_at((select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z_),
                            o.send_window_start, o.send_window_end, p_now) as window_start,
      (select n.delay_minutes from public.campaign_steps n
       where n.campaign_id = d.campaign_id and n.step = d.current_step + 1) as next_delay
    from due d
    join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
    join public.org_settings o on o.account_id = d.account_id
    left join public.campaign_steps cs on cs.campaign_id = d.campaign_id and cs.account_id = d.account_id and cs.step = d.current_step
    join brain.lead_suppression_status_at(p_now) ss on ss.lead_id = d.lead_id
  ), inserted as (
    insert into public.touch_runs (id, account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, created_at)
    select e.touch_id, e.account_id, e.lead_id, e.campaign_id, e.step, e.channel, e.attempt, e.decision, e.window_start,
           brain.build_touch_payload(e.lead_id, e.campaign_id, e.step, e.channel, 'touch_orchestrator', p_now), p_now
    from evaluated e
    where not p_dry_run and e.decision in ('queued', 'scheduled')
    on conflict on constraint touch_runs_attempt_key do nothing
    returning touch_runs.id
  ), advanced as (
    update public.campaign_leads cl
    set current_step = case when e.decision in ('stop_lead', 'wait_cooldown') then cl.current_step else cl.current_step + 1 end,
        next_step_at = case
          when e.decision = 'wait_cooldown' then e.negative_cooldown_until
          when e.next_delay is not null then greatest(e.window_start, p_now) + pg_catalog.make_interval(mins => e.next_delay)
          else cl.next_step_at end,
        status = case
          when e.decision = 'stop_lead' then 'stopped'
          when e.decision <> 'wait_cooldown' and e.next_delay is null then 'completed'
          else cl.status end,
        stopped_at = case when e.decision = 'stop_lead' or (e.decision <> 'wait_cooldown' and e.next_delay is null)
                          then p_now else cl.stopped_at end,
        stop_reason = case when e.decision = 'stop_lead' then 'lead_not_contactable'
                           when e.decision <> 'wait_cooldown' and e.next_delay is null then 'all_steps_started'
                           else cl.stop_reason end
    from evaluated e
    where not p_dry_run
      and cl.account_id = e.account_id and cl.campaign_id = e.campaign_id and cl.lead_id = e.lead_id
    returning cl.lead_id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(e.account_id, e.lead_id, 'touch_evaluated', 'touch_orchestrator', 'internal',
             pg_catalog.jsonb_build_object('decision', e.decision, 'campaign_id', e.campaign_id, 'step', e.step,
                                           'touch_run_id', case when e.touch_id in (select id from inserted) then e.touch_id end,
                                           'scheduled_at', e.window_start),
             e.channel::text, p_now)) as recorded
    from evaluated e
    where not p_dry_run
  ), skipped_steps as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, payload, created_at)
    select e.account_id, 'orchestrator_step_skipped', 'touch_orchestrator', 'campaign', e.campaign_id,
           pg_catalog.jsonb_build_object('campaign_id', e.campaign_id, 'step', e.step, 'channel', e.channel,
                                         'reason', 'channel_not_ready', 'leads', count(*)),
           p_now
    from evaluated e
    where not p_dry_run and e.decision = 'skip_channel_not_ready'
    group by e.account_id, e.campaign_id, e.step, e.channel
    returning 1
  )
  select e.account_id, e.lead_id, e.campaign_id, e.step, e.channel, e.decision,
         case when e.decision in ('queued', 'scheduled') then e.window_start end,
         case when e.touch_id in (select id from inserted) then e.touch_id end
  from evaluated e cross join logged
  order by e.account_id, e.campaign_id, e.step, e.lead_id;
end
$$;

--
-- Name: FUNCTION run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) IS 'Touch orchestrator, one tick: takes up to p_limit active enrollments of active campaigns whose current step is due (skip locked, so ticks never overlap), and decides per lead: queued (inside the send window) or scheduled (at the next window start) with a payload v2 touch_run; stop_lead (unsubscribed, stop event, suppressed/closed/dead or archived: the enrollment stops); wait_cooldown (negative reply: retried when it ends); skip_channel_suppressed, skip_channel_not_ready, skip_unreachable, skip_duplicate (the step is passed over; a touch canceled for its content (missing_body, missing_lead_data:, unknown_template_variable:, invalid_template_placeholder) does not count, so a resumed enrollment gets its step again as the next attempt). Each lead gets a touch_evaluated memory event; each skipped not-ready step one account_events row (the worker logs ORCH_<CHANNEL>_DISABLED lines from the result). Enrollments move to their next step (or complete). p_dry_run returns the decisions and writes nothing.';

--
-- Name: save_campaign(uuid, jsonb, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_old public.campaigns;
  v_new public.campaigns;
  v_unknown text;
  v_changed jsonb;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  if p_fields is null or pg_catalog.jsonb_typeof(p_fields) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the fields must be a JSON object';
  end if;
  select k into v_unknown from pg_catalog.jsonb_object_keys(p_fields) k
  where k not in ('campaign_key', 'name', 'description', 'message_class', 'auto_enroll') limit 1;
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'unknown_campaign_field',
      detail = pg_catalog.format('a campaign has no field %s (campaign_key, name, description, message_class, auto_enroll)', v_unknown);
  end if;
  if p_fields ? 'campaign_key' and coalesce(p_fields ->> 'campaign_key', '') !~ '^[a-z0-9][a-z0-9_]{0,79}$' then
    raise exception using errcode = '22023', message = 'invalid_campaign_key',
      detail = 'campaign_key is 1 to 80 lower-case letters, digits or _, starting with a letter or digit, e.g. autos_outbound_miami';
  end if;
  if p_fields ? 'name' and pg_catalog.length(pg_catalog.btrim(coalesce(p_fields ->> 'name', ''))) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_campaign_name', detail = 'the name is 1 to 200 characters';
  end if;
  if p_fields ? 'description' and pg_catalog.length(coalesce(p_fields ->> 'description', '')) > 2000 then
    raise exception using errcode = '22023', message = 'invalid_campaign_description', detail = 'the description is at most 2,000 characters';
  end if;
  if p_fields ? 'message_class' and coalesce(p_fields ->> 'message_class', '') !~ '^[a-z][a-z0-9_]{0,39}$' then
    raise exception using errcode = '22023', message = 'invalid_message_class',
      detail = 'message_class is a lower-case word such as cold_outreach, follow_up or transactional';
  end if;
  if p_fields ? 'auto_enroll' and pg_catalog.jsonb_typeof(p_fields -> 'auto_enroll') <> 'boolean' then
    raise exception using errcode = '22023', message = 'invalid_auto_enroll', detail = 'auto_enroll is true or false';
  end if;

  if p_campaign_id is null then
    if not (p_fields ? 'campaign_key' and p_fields ? 'name') then
      raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a new campaign needs a campaign_key and a name';
    end if;
    if exists (select 1 from public.campaigns c where c.account_id = v_account and c.campaign_key = p_fields ->> 'campaign_key') then
      raise exception using errcode = '23505', message = 'campaign_key_taken',
        detail = pg_catalog.format('this account already has a campaign %s', p_fields ->> 'campaign_key');
    end if;
    insert into public.campaigns (account_id, campaign_key, name, description, message_class, auto_enroll, is_active)
    values (v_account, p_fields ->> 'campaign_key', pg_catalog.btrim(p_fields ->> 'name'), p_fields ->> 'description',
            coalesce(p_fields ->> 'message_class', 'cold_outreach'), coalesce((p_fields ->> 'auto_enroll')::boolean, false), false)
    returning * into v_new;
    v_changed := p_fields;
  else
    select c.* into v_old from public.campaigns c where c.id = p_campaign_id and c.account_id = v_account for update;
    if not found then
      raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
    end if;
    if v_old.archived_at is not null then
      raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
    end if;
    if p_fields ? 'campaign_key' and p_fields ->> 'campaign_key' <> v_old.campaign_key
       and exists (select 1 from public.campaigns c where c.account_id = v_account and c.campaign_key = p_fields ->> 'campaign_key') then
      raise exception using errcode = '23505', message = 'campaign_key_taken',
        detail = pg_catalog.format('this account already has a campaign %s', p_fields ->> 'campaign_key');
    end if;
    update public.campaigns c set
      campaign_key = coalesce(p_fields ->> 'campaign_key', c.campaign_key),
      name = case when p_fields ? 'name' then pg_catalog.btrim(p_fields ->> 'name') else c.name end,
      description = case when p_fields ? 'description' then p_fields ->> 'description' else c.description end,
      message_class = coalesce(p_fields ->> 'message_class', c.message_class),
      auto_enroll = coalesce((p_fields ->> 'auto_enroll')::boolean, c.auto_enroll),
      updated_at = pg_catalog.now()
    where c.id = v_old.id
    returning * into v_new;
    select coalesce(pg_catalog.jsonb_object_agg(n.key, pg_catalog.jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
      into v_changed
    from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
    join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_old)) o on o.key = n.key
    where n.key in ('campaign_key', 'name', 'description', 'message_class', 'auto_enroll') and n.value is distinct from o.value;
  end if;

  if v_changed <> '{}'::jsonb then
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (v_account, case when p_campaign_id is null then 'campaign_created' else 'campaign_saved' end, 'campaign_builder',
            'campaign', v_new.id, p_actor, pg_catalog.jsonb_build_object('changes', v_changed));
  end if;
  return pg_catalog.jsonb_build_object('campaign_id', v_new.id, 'campaign_key', v_new.campaign_key, 'name', v_new.name,
                                       'created', p_campaign_id is null, 'changed', v_changed);
end
$_$;

--
-- Name: FUNCTION save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text) IS 'Creates (p_campaign_id null: inactive, needs campaign_key and name) or edits a campaign of the caller''s account (app.account_id): fields campaign_key, name, description, message_class, auto_enroll, each validated (22023 invalid_campaign_key, invalid_campaign_name, invalid_message_class, invalid_auto_enroll, unknown_campaign_field; 23505 campaign_key_taken; 55000 campaign_archived; P0002 campaign_not_found). Records campaign_created / campaign_saved in account_events with p_actor and each changed field''s from/to. Switching a campaign on or off is public.set_campaign_active''s. Returns campaign_id, campaign_key, name, created and changed.';

--
-- Name: save_campaign_step(uuid, integer, jsonb, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $_$
declare
  v_campaign public.campaigns;
  v_old public.campaign_steps;
  v_new public.campaign_steps;
  v_step integer := p_step;
  v_unknown text;
  v_fallback jsonb;
  v_affected jsonb;
  v_changed jsonb;
begin
  if p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an actor is required';
  end if;
  if p_fields is null or pg_catalog.jsonb_typeof(p_fields) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the fields must be a JSON object';
  end if;
  select k into v_unknown from pg_catalog.jsonb_object_keys(p_fields) k
  where k not in ('channel', 'delay_minutes', 'subject', 'body', 'fallback', 'language', 'expires_after_minutes', 'template_key') limit 1;
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'unknown_step_field',
      detail = pg_catalog.format('a step has no field %s (channel, delay_minutes, subject, body, fallback, language, expires_after_minutes, template_key)', v_unknown);
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no campaign with this id in your account';
  end if;
  if v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived', detail = 'an archived campaign cannot be edited; copy it instead';
  end if;
  if p_fields ? 'channel' and coalesce(p_fields ->> 'channel', '') not in ('sms', 'whatsapp', 'voice', 'email') then
    raise exception using errcode = '22023', message = 'invalid_channel', detail = 'the channel is sms, whatsapp, voice or email';
  end if;
  if p_fields ? 'delay_minutes' and (pg_catalog.jsonb_typeof(p_fields -> 'delay_minutes') <> 'number'
       or (p_fields ->> 'delay_minutes') !~ '^[0-9]{1,6}$' or (p_fields ->> 'delay_minutes')::integer > 525600) then
    raise exception using errcode = '22023', message = 'invalid_delay', detail = 'the delay is a whole number of minutes from 0 to 525,600 (a year)';
  end if;
  if p_fields ? 'expires_after_minutes' and p_fields -> 'expires_after_minutes' <> 'null'::jsonb
     and ((p_fields ->> 'expires_after_minutes') !~ '^[0-9]{1,6}$' or (p_fields ->> 'expires_after_minutes')::integer < 1) then
    raise exception using errcode = '22023', message = 'invalid_expiry', detail = 'the expiry is a whole number of minutes, at least 1, or null';
  end if;
  if p_fields ? 'language' and coalesce(p_fields ->> 'language', '') !~ '^[a-z]{2}$' then
    raise exception using errcode = '22023', message = 'invalid_language', detail = 'the language is a two-letter code such as en or es';
  end if;
  if p_fields ? 'body' and pg_catalog.length(coalesce(p_fields ->> 'body', '')) > 5000 then
    raise exception using errcode = '22023', message = 'invalid_body', detail = 'a body is at most 5,000 characters';
  end if;
  if p_fields ? 'subject' and pg_catalog.length(coalesce(p_fields ->> 'subject', '')) > 300 then
    raise exception using errcode = '22023', message = 'invalid_subject', detail = 'a subject is at most 300 characters';
  end if;
  v_fallback := p_fields -> 'fallback';
  if v_fallback is not null and v_fallback <> 'null'::jsonb then
    if pg_catalog.jsonb_typeof(v_fallback) <> 'object' or pg_catalog.jsonb_typeof(v_fallback -> 'order') <> 'array'
       or pg_catalog.jsonb_array_length(v_fallback -> 'order') = 0
       or exists (select 1 from pg_catalog.jsonb_array_elements_text(v_fallback -> 'order') o where o not in ('sms', 'whatsapp', 'voice', 'email'))
       or (select count(*) <> count(distinct o) from pg_catalog.jsonb_array_elements_text(v_fallback -> 'order') o)
       or exists (select 1 from pg_catalog.jsonb_object_keys(v_fallback) k where k not in ('order', 'max_attempts', 'cooldown_minutes'))
       or exists (select 1 from pg_catalog.jsonb_each_text(coalesce(v_fallback -> 'max_attempts', '{}')) a
                  where a.key not in ('sms', 'whatsapp', 'voice', 'email') or a.value !~ '^[0-9]{1,2}$' or a.value::integer not between 1 and 10)
       or exists (select 1 from pg_catalog.jsonb_each_text(coalesce(v_fallback -> 'cooldown_minutes', '{}')) a
                  where a.key not in ('sms', 'whatsapp', 'voice', 'email') or a.value !~ '^[0-9]{1,5}$' or a.value::integer > 10080) then
      raise exception using errcode = '22023', message = 'invalid_fallback',
        detail = 'the fallback matrix is {"order": [distinct channels], "max_attempts": {channel: 1-10}, "cooldown_minutes": {channel: 0-10080}}';
    end if;
  end if;

  if v_step is not null then
    select s.* into v_old from public.campaign_steps s where s.campaign_id = v_campaign.id and s.step = v_step for update;
    if not found then
      raise exception using errcode = 'P0002', message = 'step_not_found',
        detail = pg_catalog.format('campaign %s has no step %s', v_campaign.campaign_key, v_step);
    end if;
  else
    if not (p_fields ? 'channel') then
      raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a new step needs a channel';
    end if;
    select coalesce(max(s.step), 0) + 1 into v_step from public.campaign_steps s where s.campaign_id = v_campaign.id;
    if v_step > 100 then
      raise exception using errcode = '22023', message = 'too_many_steps', detail = 'a campaign has at most 100 steps';
    end if;
  end if;

  -- A running campaign: say which enrolled leads the change reaches before making it.
  if v_campaign.is_active and not coalesce(p_confirm, false) then
    v_affected := public.campaign_step_change_impact(v_campaign.id, v_step);
    if (v_affected ->> 'affected_leads')::integer > 0 then
      return pg_catalog.jsonb_build_object('needs_confirmation', true, 'campaign_id', v_campaign.id, 'step', v_step) || v_affected;
    end if;
  end if;

  if v_old.id is null then
    insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, subject, body, language,
                                       expires_after_minutes, template_key)
    values (v_campaign.account_id, v_campaign.id, v_step, (p_fields ->> 'channel')::public.channel,
            coalesce((p_fields ->> 'delay_minutes')::integer, 0), nullif(v_fallback, 'null'::jsonb),
            nullif(p_fields ->> 'subject', ''), nullif(p_fields ->> 'body', ''), coalesce(p_fields ->> 'language', 'en'),
            (p_fields ->> 'expires_after_minutes')::integer, nullif(p_fields ->> 'template_key', ''))
    returning * into v_new;
    v_changed := p_fields;
  else
    update public.campaign_steps s set
      channel = coalesce((p_fields ->> 'channel')::public.channel, s.channel),
      delay_minutes = coalesce((p_fields ->> 'delay_minutes')::integer, s.delay_minutes),
      fallback = case when p_fields ? 'fallback' then nullif(v_fallback, 'null'::jsonb) else s.fallback end,
      subject = case when p_fields ? 'subject' then nullif(p_fields ->> 'subject', '') else s.subject end,
      body = case when p_fields ? 'body' then nullif(p_fields ->> 'body', '') else s.body end,
      language = coalesce(p_fields ->> 'language', s.language),
      expires_after_minutes = case when p_fields ? 'expires_after_minutes' then (p_fields ->> 'expires_after_minutes')::integer else s.expires_after_minutes end,
      template_key = case when p_fields ? 'template_key' then nullif(p_fields ->> 'template_key', '') else s.template_key end,
      updated_at = pg_catalog.now()
    where s.id = v_old.id
    returning * into v_new;
    select coalesce(pg_catalog.jsonb_object_agg(n.key, pg_catalog.jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
      into v_changed
    from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
    join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_old)) o on o.key = n.key
    where n.key in ('channel', 'delay_minutes', 'fallback', 'subject', 'body', 'language', 'expires_after_minutes', 'template_key')
      and n.value is distinct from o.value;
  end if;

  if v_changed <> '{}'::jsonb then
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (v_campaign.account_id, case when v_old.id is null then 'campaign_step_added' else 'campaign_step_saved' end,
            'campaign_builder', 'campaign', v_campaign.id, p_actor,
            -- Bodies are kept in the step itself; the audit names what changed, not the text.
            pg_catalog.jsonb_build_object('step', v_step,
              'changed', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]'::jsonb) from pg_catalog.jsonb_object_keys(v_changed) k),
              'confirmed', coalesce(p_confirm, false)));
  end if;
  return pg_catalog.jsonb_build_object('needs_confirmation', false, 'campaign_id', v_campaign.id, 'step', v_step,
                                       'created', v_old.id is null,
                                       'changed', (select coalesce(pg_catalog.jsonb_agg(k order by k), '[]'::jsonb) from pg_catalog.jsonb_object_keys(v_changed) k));
end
$_$;

--
-- Name: FUNCTION save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean) IS 'Adds (p_step null: appended) or edits a step of a campaign of the caller''s account: channel, delay_minutes, subject, body, fallback ({order, max_attempts, cooldown_minutes}), language, expires_after_minutes, template_key, each validated (22023 invalid_channel, invalid_delay, invalid_fallback, invalid_language, invalid_body, invalid_subject, invalid_expiry, unknown_step_field, too_many_steps; P0002 campaign_not_found, step_not_found; 55000 campaign_archived; template problems from brain.assert_step_content). For an active campaign with enrolled leads that have not passed the step, without p_confirm nothing is written and the answer is needs_confirmation with public.campaign_step_change_impact. Records campaign_step_added / campaign_step_saved in account_events with p_actor and the names of the changed fields (never the text).';

--
-- Name: session_accounts(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_accounts(p_session_id uuid) RETURNS TABLE(account_id uuid, account_name text, role text, is_current boolean)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select a.id, a.name, m.role, a.id = s.account_id
  from public.user_sessions s
  join public.users u on u.id = s.user_id and u.is_active
  join public.account_members m on m.user_id = s.user_id and m.is_active
  join public.accounts a on a.id = m.account_id
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
  order by a.name, a.id
$$;

--
-- Name: FUNCTION session_accounts(p_session_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.session_accounts(p_session_id uuid) IS 'For the account switcher: the accounts where the user of an open session is an active member, with their role and which one the session acts in. No rows for an unknown, revoked or expired session.';

--
-- Name: session_context(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_context(p_session_id uuid) RETURNS TABLE(session_id uuid, user_id uuid, email text, display_name text, account_id uuid, account_name text, role text, csrf_token text, expires_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
  update public.user_sessions s set last_seen_at = pg_catalog.now()
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
    and s.last_seen_at < pg_catalog.now() - interval '1 minute';
  return query
    select s.id, u.id, u.email::text, u.display_name, a.id, a.name, m.role, s.csrf_token, s.expires_at
    from public.user_sessions s
    join public.users u on u.id = s.user_id and u.is_active
    join public.account_members m on m.user_id = s.user_id and m.account_id = s.account_id and m.is_active
    join public.accounts a on a.id = s.account_id
    where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now();
end
$$;

--
-- Name: FUNCTION session_context(p_session_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.session_context(p_session_id uuid) IS 'Who a session is: user, workspace, role (as of now: a removed or demoted member loses access at once) and CSRF token. No row when the session is unknown, revoked, expired, or its user or membership is no longer active.';

--
-- Name: session_revoke(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.session_revoke(p_session_id uuid) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
  update public.user_sessions set revoked_at = pg_catalog.now()
  where id = p_session_id and revoked_at is null
  returning true
$$;

--
-- Name: FUNCTION session_revoke(p_session_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.session_revoke(p_session_id uuid) IS 'Logs a session out. True when it was open.';

--
-- Name: campaigns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaigns (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    campaign_key text NOT NULL,
    name text NOT NULL,
    description text,
    message_class text DEFAULT 'cold_outreach'::text NOT NULL,
    is_active boolean DEFAULT false NOT NULL,
    status text GENERATED ALWAYS AS (
CASE
    WHEN is_active THEN 'active'::text
    ELSE 'paused'::text
END) STORED NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    auto_enroll boolean DEFAULT false NOT NULL,
    archived_at timestamp with time zone,
    archived_by text,
    response_mode text DEFAULT 'setter_managed'::text NOT NULL,
    auto_send_threshold real DEFAULT 0.9 NOT NULL,
    auto_send_delay_min_seconds integer DEFAULT 180 NOT NULL,
    auto_send_delay_max_seconds integer DEFAULT 420 NOT NULL,
    ai_persona_id uuid,
    CONSTRAINT campaigns_archived_not_active_check CHECK (((archived_at IS NULL) OR (NOT is_active))),
    CONSTRAINT campaigns_auto_send_delay_check CHECK ((((auto_send_delay_min_seconds >= 0) AND (auto_send_delay_min_seconds <= 86400)) AND ((auto_send_delay_max_seconds >= auto_send_delay_min_seconds) AND (auto_send_delay_max_seconds <= 86400)))),
    CONSTRAINT campaigns_auto_send_threshold_check CHECK (((auto_send_threshold >= (0.5)::double precision) AND (auto_send_threshold <= (1)::double precision))),
    CONSTRAINT campaigns_campaign_key_check CHECK ((campaign_key ~ '^[a-z0-9][a-z0-9_]{0,79}$'::text)),
    CONSTRAINT campaigns_message_class_check CHECK ((message_class ~ '^[a-z][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT campaigns_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT campaigns_response_mode_check CHECK ((response_mode = ANY (ARRAY['setter_managed'::text, 'ai_auto_send'::text])))
);

--
-- Name: TABLE campaigns; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaigns IS 'Outbound campaigns (cadences). LeadGen programs such as Craigslist are not campaigns.';

--
-- Name: COLUMN campaigns.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.id IS 'Campaign id.';

--
-- Name: COLUMN campaigns.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.account_id IS 'Owning account.';

--
-- Name: COLUMN campaigns.campaign_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.campaign_key IS 'Stable key, unique per account (autos outbound campaigns are autos_outbound_<city>).';

--
-- Name: COLUMN campaigns.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.name IS 'Display name.';

--
-- Name: COLUMN campaigns.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.description IS 'Free text for operators.';

--
-- Name: COLUMN campaigns.message_class; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.message_class IS 'Message class copied into touch payloads (cold_outreach, reactivation, ...).';

--
-- Name: COLUMN campaigns.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.is_active IS 'The only on/off truth for a campaign.';

--
-- Name: COLUMN campaigns.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.status IS 'Derived from is_active: active or paused. Generated; cannot be written.';

--
-- Name: COLUMN campaigns.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.created_at IS 'When the campaign was created.';

--
-- Name: COLUMN campaigns.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN campaigns.auto_enroll; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.auto_enroll IS 'When true, the cadence runner enrolls the account''s eligible new leads (seed 000''s gates) into this campaign.';

--
-- Name: COLUMN campaigns.archived_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.archived_at IS 'When the campaign was archived (public.archive_campaign); an archived campaign is never active and is hidden from the campaign list.';

--
-- Name: COLUMN campaigns.archived_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.archived_by IS 'Who archived it (console:<email>, command_os:<email>, …).';

--
-- Name: COLUMN campaigns.response_mode; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.response_mode IS 'What happens to a draft answering this campaign''s leads: setter_managed (default: a person approves it) or ai_auto_send (sent on its own when the evaluator''s confidence reaches auto_send_threshold and nothing else holds it back).';

--
-- Name: COLUMN campaigns.auto_send_threshold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.auto_send_threshold IS 'The confidence (0.5-1, default 0.9) at or above which an ai_auto_send campaign''s draft is sent without review.';

--
-- Name: COLUMN campaigns.auto_send_delay_min_seconds; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.auto_send_delay_min_seconds IS 'An auto-sent draft goes out after a random delay of at least this many seconds (default 180).';

--
-- Name: COLUMN campaigns.auto_send_delay_max_seconds; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.auto_send_delay_max_seconds IS '… and at most this many (default 420).';

--
-- Name: COLUMN campaigns.ai_persona_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.ai_persona_id IS 'The persona this campaign''s drafts speak as (null: the account''s default persona, else its settings).';

--
-- Name: set_campaign_active(uuid, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text DEFAULT NULL::text) RETURNS SETOF public.campaigns
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_campaign public.campaigns;
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id for update;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'campaign_not_found',
      detail = pg_catalog.format('no campaign with id %s is visible', p_campaign_id);
  end if;

  if p_active and v_campaign.archived_at is not null then
    raise exception using errcode = '55000', message = 'campaign_archived',
      detail = pg_catalog.format('campaign %s is archived and cannot run again; copy it instead', v_campaign.campaign_key);
  end if;

  if v_campaign.is_active is distinct from p_active then
    update public.campaigns set is_active = p_active where id = p_campaign_id;
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    values (
      v_campaign.account_id,
      case when p_active then 'campaign_activated' else 'campaign_paused' end,
      'set_campaign_active', 'campaign', p_campaign_id, p_actor,
      pg_catalog.jsonb_build_object('campaign_key', v_campaign.campaign_key, 'was_active', v_campaign.is_active));
  end if;

  return query select c.* from public.campaigns c where c.id = p_campaign_id;
end
$$;

--
-- Name: FUNCTION set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text) IS 'Switches a campaign on or off (is_active; status follows by construction), records campaign_activated / campaign_paused in account_events when it changed, and returns the campaign re-read from the table. Raises campaign_not_found when it is not visible, and campaign_archived (55000) when switching an archived campaign on.';

--
-- Name: set_campaigns_active_bulk(uuid, boolean, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text DEFAULT NULL::text) RETURNS SETOF public.campaigns
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_changed uuid[];
begin
  if p_active is null then
    raise exception using errcode = '22004', message = 'invalid_argument', detail = 'p_active must be true or false';
  end if;
  with locked as (
    select c.id from public.campaigns c
    where c.account_id = p_account_id and c.is_active is distinct from p_active and (not p_active or c.archived_at is null)
    order by c.id
    for update
  ), changed as (
    update public.campaigns c set is_active = p_active
    from locked where c.id = locked.id
    returning c.id, c.account_id, c.campaign_key
  ), logged as (
    insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
    select changed.account_id,
           case when p_active then 'campaign_activated' else 'campaign_paused' end,
           'set_campaigns_active_bulk', 'campaign', changed.id, p_actor,
           pg_catalog.jsonb_build_object('campaign_key', changed.campaign_key, 'bulk', true)
    from changed
    returning subject_id
  )
  select coalesce(pg_catalog.array_agg(subject_id), '{}') into v_changed from logged;

  return query select c.* from public.campaigns c where c.id = any(v_changed) order by c.campaign_key;
end
$$;

--
-- Name: FUNCTION set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text) IS 'Switches every campaign of the account that is not already in the wanted state ("pause all running" with p_active = false; archived campaigns are never switched on), logs one account_events row per campaign changed, and returns the changed campaigns re-read from the table (none when nothing changed).';

--
-- Name: settings_page(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.settings_page() RETURNS json
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
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
    'credentials', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                      'provider', s.provider, 'field', s.field, 'masked', s.masked, 'updated_at', s.updated_at,
                      'verified_at', s.verified_at, 'verify_ok', s.verify_ok, 'verify_detail', s.verify_detail)
                      order by s.n), '[]'::json)
                    from public.provider_credentials_status() with ordinality as s (provider, field, masked, updated_at, verified_at, verify_ok, verify_detail, n))
  )
$$;

--
-- Name: FUNCTION settings_page(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.settings_page() IS 'Everything the settings page shows, in one read (issue 14: one SQL call per page): org (the account''s org_settings, send window as HH:MM), providers (account_provider_settings by channel then provider, without secrets) and credentials (public.provider_credentials_status: masked, never the value, with the last Test connection result). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account; org is null when no account is set.';

--
-- Name: suppress_lead_channel(uuid, uuid, text, text, text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
  v_address text;
  v_id uuid;
begin
  if p_account_id is null or p_channel is null or p_source is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account, the channel and the source are required';
  end if;
  if p_reason is null or p_reason not in ('bounce', 'complaint', 'unsubscribe') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'reason must be bounce, complaint or unsubscribe';
  end if;
  if p_lead_id is not null then
    select l.* into v_lead from public.leads l where l.id = p_lead_id and l.account_id = p_account_id;
  else
    select l.* into v_lead from public.leads l
    where l.account_id = p_account_id and (l.email = pg_catalog.lower(p_email) or pg_catalog.lower(p_email) = any(l.alternate_emails))
    order by l.created_at limit 1;
  end if;
  v_address := coalesce(pg_catalog.lower(p_email), case when p_channel = 'email' then v_lead.email::text end);
  if p_channel = 'email' and v_address is null then
    return pg_catalog.jsonb_build_object('outcome', 'no_address');
  end if;
  if p_channel = 'email' then
    insert into public.suppressions (account_id, channel, email, reason, source, lead_id, created_at)
    values (p_account_id, 'email', v_address, p_reason, p_source, v_lead.id, p_now)
    on conflict do nothing
    returning id into v_id;
  else
    if v_lead.phone is null then
      return pg_catalog.jsonb_build_object('outcome', 'no_address');
    end if;
    insert into public.suppressions (account_id, channel, phone, reason, source, lead_id, created_at)
    values (p_account_id, p_channel, v_lead.phone, p_reason, p_source, v_lead.id, p_now)
    on conflict do nothing
    returning id into v_id;
  end if;
  if v_id is not null and v_lead.id is not null then
    perform brain.record_event(p_account_id, v_lead.id, p_channel || '_' || p_reason, p_source,
      case when p_reason = 'bounce' then 'internal' else 'inbound' end,
      pg_catalog.jsonb_build_object('suppression_id', v_id), p_channel, p_now);
    update public.touch_runs set status = 'canceled', error_code = 'channel_suppressed',
           error_message = 'canceled: ' || p_channel || ' ' || p_reason
    where lead_id = v_lead.id and channel = p_channel and status in ('scheduled', 'queued');
  end if;
  return pg_catalog.jsonb_build_object('outcome', case when v_id is null then 'already_suppressed' else 'suppressed' end,
                                       'lead_id', v_lead.id, 'channel', p_channel);
end
$$;

--
-- Name: FUNCTION suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone) IS 'Suppresses one channel of a lead''s address (found by lead id, or by email within the account): bounces and complaints stop email to that address, an unsubscribe (one-click link, Elastic Email) stops marketing on that channel. Idempotent (already_suppressed); logs <channel>_<reason> and cancels the lead''s pending touches on that channel. Other channels are untouched.';

--
-- Name: suppress_leads(uuid[], text, text, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone DEFAULT now()) RETURNS TABLE(lead_id uuid, suppressed boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_lead public.leads;
begin
  if p_lead_ids is null or pg_catalog.cardinality(p_lead_ids) = 0 or pg_catalog.cardinality(p_lead_ids) > 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'choose between 1 and 1000 leads';
  end if;
  if p_reason is null or p_reason not in ('manual', 'do_not_contact', 'wrong_number', 'not_interested', 'bad_fit') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'reason must be manual, do_not_contact, wrong_number, not_interested or bad_fit';
  end if;
  -- Row-level security limits this to the caller's account: another account's ids are simply not found.
  for v_lead in
    select l.* from public.leads l where l.id = any(p_lead_ids) order by l.id for update
  loop
    if v_lead.phone is not null then
      insert into public.suppressions (account_id, phone, reason, source, lead_id, created_at)
      values (v_lead.account_id, v_lead.phone, p_reason, 'console', v_lead.id, p_now)
      on conflict do nothing;
    end if;
    if v_lead.email is not null then
      insert into public.suppressions (account_id, email, reason, source, lead_id, created_at)
      values (v_lead.account_id, v_lead.email, p_reason, 'console', v_lead.id, p_now)
      on conflict do nothing;
    end if;
    if v_lead.status = 'suppressed' then
      lead_id := v_lead.id;
      suppressed := false;
      return next;
      continue;
    end if;
    update public.leads set status = 'suppressed' where id = v_lead.id;
    if exists (select 1 from public.lead_state_transitions x
               where x.from_state = v_lead.lead_state and x.to_state = 'suppressed') then
      perform brain.transition_lead(v_lead.id, 'suppressed', 'manual_suppression', p_actor);
    end if;
    perform brain.record_event(v_lead.account_id, v_lead.id, 'suppressed_manually', 'console', 'internal',
      pg_catalog.jsonb_build_object('reason', p_reason, 'actor', p_actor), p_created_at => p_now);
    perform brain.halt_outreach(v_lead.id, 'manual_suppression', 'stopped', p_now);
    lead_id := v_lead.id;
    suppressed := true;
    return next;
  end loop;
end
$$;

--
-- Name: FUNCTION suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone) IS 'Suppresses leads by hand: every known address (phone, email) is suppressed on all channels with p_reason (manual, do_not_contact, wrong_number, not_interested, bad_fit), the lead''s status becomes suppressed (scheduling fails closed) and its lead_state suppressed where the state machine allows it, a suppressed_manually memory event names p_actor, and scheduled touches and active enrollments stop (brain.halt_outreach). Runs with the caller''s rights: leads of other accounts are not found. Returns each lead found and whether it changed (false: already suppressed). 22023 for an empty or oversized list or an unknown reason.';

--
-- Name: switch_session_account(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.switch_session_account(p_session_id uuid, p_account_id uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_csrf text := pg_catalog.encode(pg_catalog.sha256(pg_catalog.gen_random_uuid()::text::bytea || pg_catalog.gen_random_uuid()::text::bytea), 'hex');
begin
  update public.user_sessions s set account_id = p_account_id, csrf_token = v_csrf
  where s.id = p_session_id and s.revoked_at is null and s.expires_at > pg_catalog.now()
    and exists (select 1 from public.users u where u.id = s.user_id and u.is_active)
    and exists (select 1 from public.account_members m
                where m.user_id = s.user_id and m.account_id = p_account_id and m.is_active);
  if not found then
    raise exception using errcode = '42501', message = 'not_a_member',
      detail = 'you are not an active member of that account';
  end if;
  return v_csrf;
end
$$;

--
-- Name: FUNCTION switch_session_account(p_session_id uuid, p_account_id uuid); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.switch_session_account(p_session_id uuid, p_account_id uuid) IS 'Switches an open session to another account where its user is an active member and returns the session''s new CSRF token; session_context then reports that account and the role there. Raises not_a_member (42501) and changes nothing otherwise.';

--
-- Name: system_health(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.system_health() RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
  with me as (
    select nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid as account_id
  ),
  -- Each job our triggers queue names its row in the job key (<task>:<uuid>);
  -- a job is the account's when that row is. Crontab jobs belong to nobody.
  keyed as (
    select j.task_identifier, j.locked_at, j.attempts, j.max_attempts,
           case when pg_catalog.split_part(j.key, ':', 2) ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                then pg_catalog.split_part(j.key, ':', 2)::uuid end as row_id
    from graphile_worker.jobs j
    where j.task_identifier in ('dispatch_touch', 'dispatch_touches', 'inbound_post_process', 'import_leads')
  ),
  mine as (
    select k.* from keyed k, me
    where me.account_id is not null and k.row_id is not null
      and case k.task_identifier
            when 'dispatch_touch' then exists (select 1 from public.touch_runs t where t.id = k.row_id and t.account_id = me.account_id)
            -- Batched dispatch names the account itself (dispatch_touches:<account_id>:<second>).
            when 'dispatch_touches' then k.row_id = me.account_id
            when 'inbound_post_process' then exists (select 1 from public.inbound_messages m where m.id = k.row_id and m.account_id = me.account_id)
            when 'import_leads' then exists (select 1 from public.lead_imports i where i.id = k.row_id and i.account_id = me.account_id)
          end
  )
  select pg_catalog.jsonb_build_object(
    'scope', 'account',
    'jobs', (
      select pg_catalog.jsonb_build_object(
        'pending', count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts),
        'running', count(*) filter (where j.locked_at is not null),
        'failed', count(*) filter (where j.attempts >= j.max_attempts),
        'retrying', count(*) filter (where j.attempts > 0 and j.attempts < j.max_attempts and j.locked_at is null))
      from mine j),
    'by_task', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('task', t.task_identifier, 'pending', t.pending,
               'running', t.running, 'failed', t.failed) order by t.task_identifier)
      from (select j.task_identifier,
                   count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts) as pending,
                   count(*) filter (where j.locked_at is not null) as running,
                   count(*) filter (where j.attempts >= j.max_attempts) as failed
            from mine j group by j.task_identifier) t), '[]'::jsonb),
    -- Receipts-first ingest: the account's webhooks received and not yet applied by the drain.
    'receipts', (
      select pg_catalog.jsonb_build_object(
        'waiting', count(*) filter (where r.failed_at is null),
        'failed', count(*) filter (where r.failed_at is not null),
        'oldest_waiting_at', min(r.received_at) filter (where r.failed_at is null),
        'oldest_age_s', coalesce(pg_catalog.round(extract(epoch from now() - min(r.received_at) filter (where r.failed_at is null))::numeric, 1), 0))
      from public.webhook_receipts r, me
      where r.account_id = me.account_id and r.processed_at is null),
    -- The engine's periodic tasks are shared by every account: when each last ran
    -- (liveness), not what it did for anyone.
    'crontab', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('identifier', k.identifier, 'known_since', k.known_since,
               'last_execution', k.last_execution) order by k.identifier)
      from graphile_worker._private_known_crontabs k), '[]'::jsonb))
$_$;

--
-- Name: FUNCTION system_health(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.system_health() IS 'Job queue health for the caller''s account (app.account_id): pending, running, failed and retrying graphile-worker jobs in total and per task, counting only jobs about this account''s rows (dispatch_touch of its touch_runs, dispatch_touches of the account itself, inbound_post_process of its inbound_messages, import_leads of its lead_imports, matched by job key), receipts: the account''s webhook receipts not yet applied by the drain (waiting, failed: given up after five attempts, oldest_waiting_at and oldest_age_s: the oldest waiting receipt and its age in seconds at now(), 0 when none waits), and each shared crontab task''s last execution (liveness). Without an account every count is 0. Counts only: no payloads or error texts, and no other account''s figures.';

--
-- Name: team_page(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.team_page(p_now timestamp with time zone DEFAULT now()) RETURNS json
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
  select pg_catalog.json_build_object(
    'members', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'user_id', u.id, 'email', u.email::text, 'display_name', u.display_name, 'role', m.role,
                  'joined_at', m.created_at, 'last_login_at', u.last_login_at)
                  order by pg_catalog.array_position(array['owner', 'admin', 'setter', 'analyst', 'viewer'], m.role),
                           coalesce(u.display_name, u.email::text)), '[]'::json)
                from public.account_members m
                join public.users u on u.id = m.user_id and u.is_active
                where m.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
                  and m.is_active),
    'invites', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'id', i.id, 'email', i.email::text, 'role', i.role, 'delivery', i.delivery,
                  'created_at', i.created_at, 'expires_at', i.expires_at, 'emailed_at', i.emailed_at,
                  'email_error', i.email_error, 'expired', i.expires_at <= p_now)
                  order by i.created_at desc), '[]'::json)
                from public.account_invites i
                where i.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
                  and i.accepted_at is null and i.revoked_at is null)
  )
$$;

--
-- Name: FUNCTION team_page(p_now timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.team_page(p_now timestamp with time zone) IS 'The Team page of the current account (app.account_id): active members (email, name, role, joined, last login) and invites neither accepted nor revoked (with whether they expired and how the link was delivered). Never token hashes or passwords.';

--
-- Name: template_variables(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.template_variables() RETURNS TABLE(name text, source text, description text)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  return query
  select v.name, v.source, v.description
  from (values
    (1, 'first_name', 'leads.first_name', 'The lead''s first name.'),
    (2, 'last_name', 'leads.last_name', 'The lead''s last name.'),
    (3, 'full_name', 'leads.first_name + leads.last_name', 'First and last name joined by a space (either alone when only one is known).'),
    (4, 'business_name', 'org_settings.business_name', 'The account''s business name (Settings → Identity).'),
    (5, 'city', 'leads.city', 'The lead''s city.'),
    (6, 'vehicle', 'leads.attributes.vehicle', 'The lead''s vehicle: attributes.vehicle when it is text, else its year and make/model (Craigslist postings).'),
    (7, 'setter_name', 'users.display_name of leads.assigned_user_id', 'Display name of the setter the lead is assigned to.'),
    (8, 'persona_name', 'org_settings.persona_name', 'The name the assistant uses (Settings → Identity).')
  ) as v (pos, name, source, description)
  order by v.pos;
end
$$;

--
-- Name: FUNCTION template_variables(); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.template_variables() IS 'The template variables a campaign step body or subject may name as {{variable}} or {{variable|default}}: name, where its value comes from, and a sentence for operators. A step naming any other variable cannot be saved; a touch whose variable has no value and no default is not sent (missing_lead_data:<variable>).';

--
-- Name: voice_call_context(uuid, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.voice_call_context(p_touch_run_id uuid, p_provider text DEFAULT NULL::text, p_call_id text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
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

--
-- Name: FUNCTION voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text) IS 'The briefing for a call in progress, for the voice gateway''s system prompt: touch, account and lead ids, provider and call id, persona (payload meta.persona, else the lead''s), language (payload delivery.language, default en), message_class, voice script_key, the rendered opening line (the outbound message body), the lead''s first name, business_name, vertical and campaign name. The call is p_touch_run_id, or, without it, the voice message with the provider''s call id. Only a voice touch that was dialled (sending, sent, delivered, unknown) is found; otherwise {"outcome": "unknown_call"}.';

--
-- Name: webhook_account(text, uuid, text, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.webhook_account(p_provider text, p_touch_run_id uuid DEFAULT NULL::uuid, p_provider_message_id text DEFAULT NULL::text, p_address text DEFAULT NULL::text, p_account_slug text DEFAULT NULL::text) RETURNS TABLE(account_id uuid, found_by text, credentials_updated_at timestamp with time zone)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  v_by_touch uuid;
  v_by_message uuid;
  v_message_accounts integer := 0;
  v_account uuid;
  v_found_by text := 'none';
begin
  if p_provider is null or p_provider not in ('twilio', 'telnyx', 'elastic_email', 'calendly') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('provider must be twilio, telnyx, elastic_email or calendly, not %s', coalesce(p_provider, 'null'));
  end if;

  if p_touch_run_id is not null then
    select t.account_id into v_by_touch from public.touch_runs t where t.id = p_touch_run_id;
  end if;
  if p_provider_message_id is not null then
    select min(m.account_id::text)::uuid, count(distinct m.account_id) into v_by_message, v_message_accounts
    from public.outbound_messages m
    where m.provider = p_provider and m.provider_message_id = p_provider_message_id;
  end if;

  if v_message_accounts > 1 or (v_by_touch is not null and v_by_message is not null and v_by_touch <> v_by_message) then
    -- The touch and the message belong to different accounts: no key may speak for both.
    return query select null::uuid, 'conflict'::text, null::timestamptz;
    return;
  end if;

  if v_by_touch is not null then
    v_account := v_by_touch;
    v_found_by := 'touch';
  elsif v_by_message is not null then
    v_account := v_by_message;
    v_found_by := 'message';
  elsif p_account_slug is not null then
    select a.id into v_account from public.accounts a where a.slug = p_account_slug;
    if v_account is not null then
      v_found_by := 'slug';
    end if;
  elsif p_address is not null then
    select o.account_id into v_account from public.sender_addresses o
    where o.address = pg_catalog.lower(pg_catalog.btrim(p_address));
    if v_account is not null then
      v_found_by := 'address';
    end if;
  end if;

  return query
  select v_account, v_found_by,
         (select c.updated_at from public.account_provider_credentials c
          where c.account_id = v_account and c.provider = p_provider);
end
$$;

--
-- Name: FUNCTION webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text) IS 'The account a provider webhook concerns, found before its signature is checked: by p_touch_run_id (a touch id the provider signed), else by the provider''s message or call id (outbound_messages), else by the account slug (bookings), else by the owner of p_address (sender_addresses). found_by says which (touch, message, slug, address, none); conflict (no account) when the touch and the message belong to different accounts. credentials_updated_at: when the account''s stored credentials for p_provider (twilio, telnyx, elastic_email, calendly) last changed, null when it has none (the environment keys then apply). Never returns a secret.';

--
-- Name: org_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.org_settings (
    account_id uuid NOT NULL,
    business_name text,
    contact_email public.email_address,
    contact_phone public.e164_phone,
    contact_whatsapp public.e164_phone,
    vertical text DEFAULT 'car_dealer'::text NOT NULL,
    timezone public.time_zone DEFAULT 'America/New_York'::text NOT NULL,
    leadgen_routing jsonb DEFAULT '{"active": false}'::jsonb NOT NULL,
    onboarding_step smallint DEFAULT 1 NOT NULL,
    onboarding_completed_at timestamp with time zone,
    send_window_start time without time zone DEFAULT '08:00:00'::time without time zone NOT NULL,
    send_window_end time without time zone DEFAULT '20:00:00'::time without time zone NOT NULL,
    negative_cooldown_days integer DEFAULT 30 NOT NULL,
    reactivation_after_days integer DEFAULT 45 NOT NULL,
    call_queue_gold_priority integer DEFAULT 100 NOT NULL,
    round_robin_enabled boolean DEFAULT false NOT NULL,
    round_robin_email_only boolean DEFAULT false NOT NULL,
    round_robin_setter_sequence uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    round_robin_last_setter_index integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    persona_name text,
    ai_tone text DEFAULT 'friendly-professional'::text NOT NULL,
    ai_signature text,
    ai_auto_send_enabled boolean DEFAULT true NOT NULL,
    slack_review_channel text,
    CONSTRAINT org_settings_ai_signature_check CHECK (((length(btrim(ai_signature)) >= 1) AND (length(btrim(ai_signature)) <= 1000))),
    CONSTRAINT org_settings_ai_tone_check CHECK (((length(btrim(ai_tone)) >= 1) AND (length(btrim(ai_tone)) <= 200))),
    CONSTRAINT org_settings_business_name_check CHECK (((length(btrim(business_name)) >= 1) AND (length(btrim(business_name)) <= 200))),
    CONSTRAINT org_settings_call_queue_gold_priority_check CHECK (((call_queue_gold_priority >= 0) AND (call_queue_gold_priority <= 1000))),
    CONSTRAINT org_settings_leadgen_routing_address_check CHECK (
CASE
    WHEN ((leadgen_routing -> 'active'::text) IS DISTINCT FROM 'true'::jsonb) THEN true
    WHEN (jsonb_typeof((leadgen_routing -> 'dealer_address'::text)) IS DISTINCT FROM 'string'::text) THEN false
    ELSE (length(btrim((leadgen_routing ->> 'dealer_address'::text))) > 0)
END),
    CONSTRAINT org_settings_leadgen_routing_radius_check CHECK (
CASE
    WHEN (NOT (leadgen_routing ? 'radius_miles'::text)) THEN true
    WHEN (jsonb_typeof((leadgen_routing -> 'radius_miles'::text)) <> 'number'::text) THEN false
    ELSE ((((leadgen_routing ->> 'radius_miles'::text))::numeric >= (1)::numeric) AND (((leadgen_routing ->> 'radius_miles'::text))::numeric <= (50)::numeric))
END),
    CONSTRAINT org_settings_leadgen_routing_shape_check CHECK (((jsonb_typeof(leadgen_routing) = 'object'::text) AND
CASE
    WHEN (leadgen_routing ? 'active'::text) THEN (jsonb_typeof((leadgen_routing -> 'active'::text)) = 'boolean'::text)
    ELSE true
END AND
CASE
    WHEN (leadgen_routing ? 'dealer_address'::text) THEN (jsonb_typeof((leadgen_routing -> 'dealer_address'::text)) = ANY (ARRAY['string'::text, 'null'::text]))
    ELSE true
END AND
CASE
    WHEN (leadgen_routing ? 'city_fallback'::text) THEN (jsonb_typeof((leadgen_routing -> 'city_fallback'::text)) = ANY (ARRAY['string'::text, 'null'::text]))
    ELSE true
END)),
    CONSTRAINT org_settings_negative_cooldown_days_check CHECK (((negative_cooldown_days >= 1) AND (negative_cooldown_days <= 365))),
    CONSTRAINT org_settings_onboarding_step_check CHECK (((onboarding_step >= 1) AND (onboarding_step <= 3))),
    CONSTRAINT org_settings_persona_name_check CHECK (((length(btrim(persona_name)) >= 1) AND (length(btrim(persona_name)) <= 100))),
    CONSTRAINT org_settings_reactivation_after_days_check CHECK (((reactivation_after_days >= 1) AND (reactivation_after_days <= 730))),
    CONSTRAINT org_settings_round_robin_last_setter_index_check CHECK ((round_robin_last_setter_index >= 0)),
    CONSTRAINT org_settings_send_window_check CHECK (((send_window_start >= '08:00:00'::time without time zone) AND (send_window_end <= '21:00:00'::time without time zone) AND (send_window_start < send_window_end))),
    CONSTRAINT org_settings_slack_review_channel_check CHECK ((slack_review_channel ~ '^[CG][A-Z0-9]{6,20}$'::text)),
    CONSTRAINT org_settings_vertical_check CHECK ((vertical ~ '^[a-z][a-z0-9_]{1,39}$'::text))
);

--
-- Name: TABLE org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.org_settings IS 'One row per account (created with the account): onboarding fields, LeadGen routing, send window and brain tunables.';

--
-- Name: COLUMN org_settings.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.account_id IS 'The account these settings belong to.';

--
-- Name: COLUMN org_settings.business_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.business_name IS 'Business identity shown to leads (onboarding step 1).';

--
-- Name: COLUMN org_settings.contact_email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_email IS 'Primary contact email (onboarding step 2).';

--
-- Name: COLUMN org_settings.contact_phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_phone IS 'Primary contact phone, E.164 (onboarding step 2, optional).';

--
-- Name: COLUMN org_settings.contact_whatsapp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_whatsapp IS 'Primary WhatsApp number, E.164 (onboarding step 2, optional).';

--
-- Name: COLUMN org_settings.vertical; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.vertical IS 'Business vertical; default car_dealer (stored, hidden in the onboarding UI).';

--
-- Name: COLUMN org_settings.timezone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.timezone IS 'Account time zone; used for leads whose own time zone cannot be known.';

--
-- Name: COLUMN org_settings.leadgen_routing; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.leadgen_routing IS 'LeadGen routing JSON {dealer_address, radius_miles (1-50), city_fallback, active}; dealer_address is required when active.';

--
-- Name: COLUMN org_settings.onboarding_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.onboarding_step IS 'Current onboarding step: 1 identity, 2 contact, 3 LeadGen routing.';

--
-- Name: COLUMN org_settings.onboarding_completed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.onboarding_completed_at IS 'When onboarding was completed; null while it is in progress.';

--
-- Name: COLUMN org_settings.send_window_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.send_window_start IS 'Earliest local time (lead''s time zone) a message may be sent; never before 08:00.';

--
-- Name: COLUMN org_settings.send_window_end; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.send_window_end IS 'Latest local time (lead''s time zone) a message may be sent; never after 21:00.';

--
-- Name: COLUMN org_settings.negative_cooldown_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.negative_cooldown_days IS 'Days a negative reply keeps a lead in cooldown (default 30).';

--
-- Name: COLUMN org_settings.reactivation_after_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.reactivation_after_days IS 'Days after the last unanswered touch before a lead may be reactivated (default 45).';

--
-- Name: COLUMN org_settings.call_queue_gold_priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.call_queue_gold_priority IS 'call_queue priority given to a positive "gold" lead (mobile phone and email known; default 100).';

--
-- Name: COLUMN org_settings.round_robin_enabled; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_enabled IS 'When true, positive leads are assigned to setters in rotation.';

--
-- Name: COLUMN org_settings.round_robin_email_only; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_email_only IS 'When true, only email replies trigger round-robin assignment.';

--
-- Name: COLUMN org_settings.round_robin_setter_sequence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_setter_sequence IS 'Ordered user ids for round-robin; a user listed twice gets twice the share.';

--
-- Name: COLUMN org_settings.round_robin_last_setter_index; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_last_setter_index IS 'Position in the effective sequence of the last assigned setter.';

--
-- Name: COLUMN org_settings.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.created_at IS 'When the row was created.';

--
-- Name: COLUMN org_settings.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN org_settings.persona_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.persona_name IS 'The name the assistant uses when it writes or calls on the account''s behalf (template variable {{persona_name}}); null until set.';

--
-- Name: COLUMN org_settings.ai_tone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.ai_tone IS 'The drafts'' tone when no persona gives one (default friendly-professional).';

--
-- Name: COLUMN org_settings.ai_signature; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.ai_signature IS 'The drafts'' sign-off when no persona gives one.';

--
-- Name: COLUMN org_settings.ai_auto_send_enabled; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.ai_auto_send_enabled IS 'The account''s auto-send switch: off, no draft is sent without a person''s approval, whatever its campaigns say (AUTO_SEND_DISABLED=1 is the same switch for every account).';

--
-- Name: COLUMN org_settings.slack_review_channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.slack_review_channel IS 'The Slack channel id (C… or G…) where drafts that need review are posted when the lead''s assigned setter cannot be found on Slack.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_address_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_address_check ON public.org_settings IS 'A dealer address is required to turn LeadGen routing on.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_radius_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_radius_check ON public.org_settings IS 'The LeadGen radius must be a number of miles between 1 and 50.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_shape_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_shape_check ON public.org_settings IS 'LeadGen routing must be a JSON object; active must be true or false; dealer_address and city_fallback must be text.';

--
-- Name: CONSTRAINT org_settings_send_window_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_send_window_check ON public.org_settings IS 'The send window must start no earlier than 08:00, end no later than 21:00, and start before it ends.';

--
-- Name: v_craigslist_program_status_v1; Type: VIEW; Schema: lead_hunter; Owner: -
--

CREATE VIEW lead_hunter.v_craigslist_program_status_v1 WITH (security_invoker='true') AS
 WITH cities AS (
         SELECT t_1.account_id,
            t_1.city
           FROM lead_hunter.craigslist_tasks_v1 t_1
        UNION
         SELECT s_1.account_id,
            lead_hunter.normalize_city((s_1.leadgen_routing ->> 'city_fallback'::text)) AS normalize_city
           FROM public.org_settings s_1
          WHERE (lead_hunter.normalize_city((s_1.leadgen_routing ->> 'city_fallback'::text)) IS NOT NULL)
        )
 SELECT c.account_id,
    ('craigslist:'::text || c.city) AS program_key,
    c.city,
    COALESCE(((s.leadgen_routing -> 'active'::text) = 'true'::jsonb), false) AS routing_active,
    COALESCE(t.tasks_60m, (0)::bigint) AS tasks_60m,
    COALESCE(t.queued_60m, (0)::bigint) AS queued_60m,
    COALESCE(t.claimed_60m, (0)::bigint) AS claimed_60m,
    COALESCE(t.done_60m, (0)::bigint) AS done_60m,
    COALESCE(t.failed_60m, (0)::bigint) AS failed_60m,
    COALESCE(t.claimed_15m, (0)::bigint) AS claimed_15m,
    COALESCE(t.done_15m, (0)::bigint) AS done_15m,
    t.last_success_at,
    COALESCE(o.leads_60m, (0)::bigint) AS leads_60m,
    COALESCE(o.leads_24h, (0)::bigint) AS leads_24h,
        CASE
            WHEN ((NOT COALESCE(((s.leadgen_routing -> 'active'::text) = 'true'::jsonb), false)) OR (COALESCE(t.tasks_60m, (0)::bigint) = 0)) THEN 'disabled'::text
            WHEN (COALESCE(t.done_60m, (0)::bigint) > 0) THEN 'live'::text
            WHEN (COALESCE(t.failed_60m, (0)::bigint) > 0) THEN 'degraded'::text
            ELSE 'starting'::text
        END AS state
   FROM (((cities c
     JOIN public.org_settings s ON ((s.account_id = c.account_id)))
     LEFT JOIN LATERAL ( SELECT count(*) FILTER (WHERE (x.created_at > (now() - '01:00:00'::interval))) AS tasks_60m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '01:00:00'::interval)) AND (x.status = 'queued'::text))) AS queued_60m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '01:00:00'::interval)) AND (x.status = 'claimed'::text))) AS claimed_60m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '01:00:00'::interval)) AND (x.status = 'done'::text))) AS done_60m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '01:00:00'::interval)) AND (x.status = 'failed'::text))) AS failed_60m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '00:15:00'::interval)) AND (x.status = 'claimed'::text))) AS claimed_15m,
            count(*) FILTER (WHERE ((x.created_at > (now() - '00:15:00'::interval)) AND (x.status = 'done'::text))) AS done_15m,
            max(COALESCE(x.finished_at, x.created_at)) FILTER (WHERE (x.status = 'done'::text)) AS last_success_at
           FROM lead_hunter.craigslist_tasks_v1 x
          WHERE ((x.account_id = c.account_id) AND (x.city = c.city))) t ON (true))
     LEFT JOIN LATERAL ( SELECT count(*) FILTER (WHERE (l.created_at > (now() - '01:00:00'::interval))) AS leads_60m,
            count(*) FILTER (WHERE (l.created_at > (now() - '24:00:00'::interval))) AS leads_24h
           FROM public.leads l
          WHERE ((l.account_id = c.account_id) AND (l.source = 'craigslist'::text) AND (lead_hunter.normalize_city(l.city) = c.city) AND (l.created_at > (now() - '24:00:00'::interval)))) o ON (true));

--
-- Name: VIEW v_craigslist_program_status_v1; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON VIEW lead_hunter.v_craigslist_program_status_v1 IS 'Craigslist program health per account and city, from the queue alone (seed 001 "Programs UI"). state: disabled (routing off, or no tasks in the last 60 minutes), live (routing on and a task done in the last 60 minutes), degraded (routing on, tasks failed and none done in the last 60 minutes), starting (routing on, tasks queued or running, none finished yet: a case seed 001 leaves open). Counts follow seed 001''s verification queries (by created_at).';

--
-- Name: COLUMN v_craigslist_program_status_v1.account_id; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.account_id IS 'Owning account.';

--
-- Name: COLUMN v_craigslist_program_status_v1.program_key; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.program_key IS 'craigslist:<city>, the key of GET /api/programs/:key.';

--
-- Name: COLUMN v_craigslist_program_status_v1.city; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.city IS 'Craigslist city.';

--
-- Name: COLUMN v_craigslist_program_status_v1.routing_active; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.routing_active IS 'org_settings.leadgen_routing.active.';

--
-- Name: COLUMN v_craigslist_program_status_v1.tasks_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.tasks_60m IS 'Tasks created in the last 60 minutes.';

--
-- Name: COLUMN v_craigslist_program_status_v1.queued_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.queued_60m IS '... of which queued.';

--
-- Name: COLUMN v_craigslist_program_status_v1.claimed_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.claimed_60m IS '... of which claimed.';

--
-- Name: COLUMN v_craigslist_program_status_v1.done_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.done_60m IS '... of which done.';

--
-- Name: COLUMN v_craigslist_program_status_v1.failed_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.failed_60m IS '... of which failed.';

--
-- Name: COLUMN v_craigslist_program_status_v1.claimed_15m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.claimed_15m IS 'Tasks created in the last 15 minutes and claimed (worker health).';

--
-- Name: COLUMN v_craigslist_program_status_v1.done_15m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.done_15m IS 'Tasks created in the last 15 minutes and done (worker health).';

--
-- Name: COLUMN v_craigslist_program_status_v1.last_success_at; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.last_success_at IS 'When the latest done task finished.';

--
-- Name: COLUMN v_craigslist_program_status_v1.leads_60m; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.leads_60m IS 'Craigslist leads of the city created in the last 60 minutes.';

--
-- Name: COLUMN v_craigslist_program_status_v1.leads_24h; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.leads_24h IS '... in the last 24 hours.';

--
-- Name: COLUMN v_craigslist_program_status_v1.state; Type: COMMENT; Schema: lead_hunter; Owner: -
--

COMMENT ON COLUMN lead_hunter.v_craigslist_program_status_v1.state IS 'disabled, starting, degraded or live.';

--
-- Name: analyst_logins; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.analyst_logins (
    login name NOT NULL,
    account_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: TABLE analyst_logins; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.analyst_logins IS 'Database logins of analysts (make analyst), each bound to one account: row-level security shows such a login only this account''s rows, whatever app.account_id says. Not granted to any role.';

--
-- Name: COLUMN analyst_logins.login; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.analyst_logins.login IS 'The PostgreSQL login role (a member of revenue_analyst only).';

--
-- Name: COLUMN analyst_logins.account_id; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.analyst_logins.account_id IS 'The one account this login reads; deleting the account removes the mapping, and an unmapped login sees nothing.';

--
-- Name: COLUMN analyst_logins.created_at; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.analyst_logins.created_at IS 'When the login was created.';

--
-- Name: schema_migrations; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.schema_migrations (
    version character varying(128) NOT NULL
);

--
-- Name: account_api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_api_tokens (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    name text NOT NULL,
    token_hash text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT account_api_tokens_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT account_api_tokens_token_hash_check CHECK ((token_hash ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: TABLE account_api_tokens; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_api_tokens IS 'API tokens for lead intake (POST /api/leads). The token itself is shown once; only its SHA-256 is kept. Unique across accounts because a token alone names its account.';

--
-- Name: COLUMN account_api_tokens.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.id IS 'Token id.';

--
-- Name: COLUMN account_api_tokens.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.account_id IS 'Account the token acts for.';

--
-- Name: COLUMN account_api_tokens.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.name IS 'What the token is for (e.g. the form or CRM that sends leads).';

--
-- Name: COLUMN account_api_tokens.token_hash; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.token_hash IS 'Hex SHA-256 of the token.';

--
-- Name: COLUMN account_api_tokens.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.created_at IS 'When it was created.';

--
-- Name: COLUMN account_api_tokens.last_used_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.last_used_at IS 'When it last authenticated a request.';

--
-- Name: COLUMN account_api_tokens.revoked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_api_tokens.revoked_at IS 'When it was revoked; a revoked token authenticates nothing.';

--
-- Name: account_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    event_type text NOT NULL,
    event_source text NOT NULL,
    subject_type text,
    subject_id uuid,
    actor text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_events_dedupe_key_check CHECK (((length(dedupe_key) >= 1) AND (length(dedupe_key) <= 400))),
    CONSTRAINT account_events_event_source_check CHECK (((length(event_source) >= 1) AND (length(event_source) <= 100))),
    CONSTRAINT account_events_event_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_.]{0,63}$'::text)),
    CONSTRAINT account_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT account_events_subject_type_check CHECK ((subject_type ~ '^[a-z][a-z0-9_]{0,39}$'::text))
);

--
-- Name: TABLE account_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_events IS 'Append-only log of account-level events that concern no single lead: campaign toggles, orchestrator summaries, program starts and stops.';

--
-- Name: COLUMN account_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.id IS 'Event id.';

--
-- Name: COLUMN account_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.account_id IS 'Owning account.';

--
-- Name: COLUMN account_events.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.event_type IS 'What happened: campaign_activated, campaign_paused, orchestrator_tick, ...';

--
-- Name: COLUMN account_events.event_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.event_source IS 'Component that recorded it (set_campaign_active, touch_orchestrator, command_os, ...).';

--
-- Name: COLUMN account_events.subject_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.subject_type IS 'Kind of thing the event is about: campaign, program, orchestrator, ...';

--
-- Name: COLUMN account_events.subject_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.subject_id IS 'Id of that thing, when it has one (a campaign id).';

--
-- Name: COLUMN account_events.actor; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.actor IS 'Who caused it: a user id or email, a component name.';

--
-- Name: COLUMN account_events.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.payload IS 'Details.';

--
-- Name: COLUMN account_events.dedupe_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.dedupe_key IS 'Optional idempotency key, unique per account.';

--
-- Name: COLUMN account_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_events.created_at IS 'When it happened.';

--
-- Name: account_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_members (
    account_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_members_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'setter'::text, 'analyst'::text, 'viewer'::text])))
);

--
-- Name: TABLE account_members; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_members IS 'Membership of a user in an account, with the role that decides what they may do.';

--
-- Name: COLUMN account_members.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.account_id IS 'The account.';

--
-- Name: COLUMN account_members.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.user_id IS 'The member.';

--
-- Name: COLUMN account_members.role; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.role IS 'owner, admin, setter, analyst or viewer (viewer is read-only).';

--
-- Name: COLUMN account_members.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.is_active IS 'Inactive members keep their history but cannot act and get no round-robin leads.';

--
-- Name: COLUMN account_members.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.created_at IS 'When the membership was created.';

--
-- Name: COLUMN account_members.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.updated_at IS 'When the row last changed.';

--
-- Name: account_provider_credentials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_provider_credentials (
    account_id uuid NOT NULL,
    provider text NOT NULL,
    sealed text NOT NULL,
    key_id text NOT NULL,
    masked jsonb DEFAULT '{}'::jsonb NOT NULL,
    verified_at timestamp with time zone,
    verify_ok boolean,
    verify_detail text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_provider_credentials_key_id_check CHECK ((key_id ~ '^[0-9a-f]{16}$'::text)),
    CONSTRAINT account_provider_credentials_masked_check CHECK ((jsonb_typeof(masked) = 'object'::text)),
    CONSTRAINT account_provider_credentials_provider_check CHECK ((provider = ANY (ARRAY['twilio'::text, 'telnyx'::text, 'elastic_email'::text, 'openai'::text, 'slack'::text, 'calendly'::text]))),
    CONSTRAINT account_provider_credentials_sealed_check CHECK ((sealed ~ '^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'::text)),
    CONSTRAINT account_provider_credentials_verified_check CHECK (((verified_at IS NULL) = (verify_ok IS NULL))),
    CONSTRAINT account_provider_credentials_verify_detail_check CHECK ((length(verify_detail) <= 300))
);

--
-- Name: TABLE account_provider_credentials; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_provider_credentials IS 'Each account''s own provider credentials (Twilio, Telnyx, Elastic Email, OpenAI, Slack, Calendly), sealed by the application; environment keys are the fallback when an account has none. Read in clear only by the application holding the master key.';

--
-- Name: COLUMN account_provider_credentials.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.account_id IS 'The account.';

--
-- Name: COLUMN account_provider_credentials.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.provider IS 'twilio, telnyx, elastic_email, openai, slack or calendly.';

--
-- Name: COLUMN account_provider_credentials.sealed; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.sealed IS 'v1.<key id>.<wrapped data key>.<ciphertext>: the credential fields as JSON, AES-256-GCM under a random data key that the master key wraps; bound to the account and provider. Never selectable by the API, analyst or ingest roles.';

--
-- Name: COLUMN account_provider_credentials.key_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.key_id IS 'Fingerprint (16 hex) of the master key that wraps the data key; make rotate-key rewrites every row to the new one.';

--
-- Name: COLUMN account_provider_credentials.masked; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.masked IS 'Field name to a masked form (the last 4 characters of values of 12 or more characters), for the settings page.';

--
-- Name: COLUMN account_provider_credentials.verified_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.verified_at IS 'When Test connection last asked the provider; null when never.';

--
-- Name: COLUMN account_provider_credentials.verify_ok; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.verify_ok IS 'Whether the provider accepted these credentials at verified_at.';

--
-- Name: COLUMN account_provider_credentials.verify_detail; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.verify_detail IS 'What the provider answered at verified_at, in words (no secret).';

--
-- Name: COLUMN account_provider_credentials.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.created_at IS 'When the credentials were first saved.';

--
-- Name: COLUMN account_provider_credentials.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_credentials.updated_at IS 'When the row last changed: its credentials (which clears the verification) or their verification.';

--
-- Name: account_provider_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_provider_settings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    channel public.channel NOT NULL,
    provider text NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    config jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_provider_settings_config_check CHECK ((jsonb_typeof(config) = 'object'::text)),
    CONSTRAINT account_provider_settings_provider_check CHECK ((provider = ANY (ARRAY['sink'::text, 'twilio'::text, 'telnyx'::text, 'elastic_email'::text])))
);

--
-- Name: TABLE account_provider_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_provider_settings IS 'Which provider sends each channel for an account (seed 002''s WhatsApp contract reads the is_default row).';

--
-- Name: COLUMN account_provider_settings.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.id IS 'Row id.';

--
-- Name: COLUMN account_provider_settings.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.account_id IS 'The account.';

--
-- Name: COLUMN account_provider_settings.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.channel IS 'Channel this provider serves.';

--
-- Name: COLUMN account_provider_settings.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.provider IS 'sink (records, sends nothing), twilio, telnyx or elastic_email.';

--
-- Name: COLUMN account_provider_settings.is_default; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.is_default IS 'The provider used for the channel; at most one per account and channel.';

--
-- Name: COLUMN account_provider_settings.config; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.config IS 'Non-secret settings: sender numbers, rate limits, daily caps.';

--
-- Name: COLUMN account_provider_settings.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.created_at IS 'When the row was created.';

--
-- Name: COLUMN account_provider_settings.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.updated_at IS 'When the row last changed.';

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accounts_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT accounts_slug_check CHECK ((slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'::text))
);

--
-- Name: TABLE accounts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accounts IS 'A tenant: one business (a dealer, a clinic) using Revenue OS. Every tenant table carries account_id.';

--
-- Name: COLUMN accounts.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.id IS 'Account id; the tenant key used by row-level security (app.account_id).';

--
-- Name: COLUMN accounts.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.name IS 'Display name of the account.';

--
-- Name: COLUMN accounts.slug; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.slug IS 'Short unique handle (lower-case letters, digits, dashes).';

--
-- Name: COLUMN accounts.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.created_at IS 'When the account was created.';

--
-- Name: COLUMN accounts.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.updated_at IS 'When the row last changed.';

--
-- Name: ai_drafts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_drafts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    inbound_message_id uuid NOT NULL,
    channel public.channel NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    sentiment_tag text NOT NULL,
    subject text,
    body text NOT NULL,
    to_address text,
    cc_addresses text[] DEFAULT '{}'::text[] NOT NULL,
    persona jsonb DEFAULT '{}'::jsonb NOT NULL,
    model text,
    confidence real,
    confidence_reason text,
    auto_send_action text NOT NULL,
    auto_send_reason text NOT NULL,
    auto_send_threshold real,
    send_after timestamp with time zone,
    decided_by text,
    decided_by_user_id uuid,
    decided_at timestamp with time zone,
    decision_reason text,
    touch_run_id uuid,
    slack_claimed_at timestamp with time zone,
    slack_posted_at timestamp with time zone,
    slack_channel_id text,
    slack_message_ts text,
    slack_user_id text,
    slack_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ai_drafts_auto_send_action_check CHECK ((auto_send_action = ANY (ARRAY['auto_send'::text, 'needs_review'::text]))),
    CONSTRAINT ai_drafts_auto_send_reason_check CHECK (((length(auto_send_reason) >= 1) AND (length(auto_send_reason) <= 500))),
    CONSTRAINT ai_drafts_body_check CHECK (((length(btrim(body)) >= 1) AND (length(btrim(body)) <= 1600))),
    CONSTRAINT ai_drafts_channel_check CHECK (((channel)::text = ANY (ARRAY['sms'::text, 'whatsapp'::text, 'email'::text]))),
    CONSTRAINT ai_drafts_confidence_check CHECK (((confidence >= (0)::double precision) AND (confidence <= (1)::double precision))),
    CONSTRAINT ai_drafts_confidence_reason_check CHECK (((length(confidence_reason) >= 1) AND (length(confidence_reason) <= 500))),
    CONSTRAINT ai_drafts_decided_by_check CHECK (((length(decided_by) >= 1) AND (length(decided_by) <= 200))),
    CONSTRAINT ai_drafts_decided_check CHECK ((((status = 'pending'::text) = (decided_at IS NULL)) AND ((decided_at IS NULL) = (decided_by IS NULL)))),
    CONSTRAINT ai_drafts_decision_reason_check CHECK (((length(decision_reason) >= 1) AND (length(decision_reason) <= 500))),
    CONSTRAINT ai_drafts_model_check CHECK (((length(model) >= 1) AND (length(model) <= 100))),
    CONSTRAINT ai_drafts_persona_check CHECK ((jsonb_typeof(persona) = 'object'::text)),
    CONSTRAINT ai_drafts_sent_touch_check CHECK (((status <> 'sent'::text) OR (touch_run_id IS NOT NULL))),
    CONSTRAINT ai_drafts_sentiment_tag_check CHECK ((sentiment_tag = ANY (ARRAY['Interested'::text, 'Meeting Requested'::text, 'Follow Up'::text]))),
    CONSTRAINT ai_drafts_slack_channel_id_check CHECK ((slack_channel_id ~ '^[A-Z0-9]{6,24}$'::text)),
    CONSTRAINT ai_drafts_slack_error_check CHECK (((length(slack_error) >= 1) AND (length(slack_error) <= 300))),
    CONSTRAINT ai_drafts_slack_message_ts_check CHECK ((slack_message_ts ~ '^[0-9]{1,12}\.[0-9]{1,8}$'::text)),
    CONSTRAINT ai_drafts_slack_user_id_check CHECK ((slack_user_id ~ '^[UW][A-Z0-9]{6,24}$'::text)),
    CONSTRAINT ai_drafts_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'approved'::text, 'rejected'::text, 'sent'::text]))),
    CONSTRAINT ai_drafts_subject_check CHECK (((length(btrim(subject)) >= 1) AND (length(btrim(subject)) <= 998))),
    CONSTRAINT ai_drafts_subject_email_check CHECK ((((channel)::text = 'email'::text) = (subject IS NOT NULL))),
    CONSTRAINT ai_drafts_to_address_check CHECK (((length(to_address) >= 3) AND (length(to_address) <= 320)))
);

--
-- Name: TABLE ai_drafts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.ai_drafts IS 'The AI inbox''s draft answers (seed 003 §8): one per inbound message and channel, made only for Interested, Meeting Requested and Follow Up replies of a lead who is not suppressed. A draft is sent only as a touch_run through the dispatch path (suppression, send window, send_key), after a person approves it (public.approve_ai_draft, from the console or Slack) or when auto-send decides it may go (brain.record_ai_draft). Written by those functions, never directly.';

--
-- Name: COLUMN ai_drafts.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.id IS 'Draft id.';

--
-- Name: COLUMN ai_drafts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.account_id IS 'Owning account.';

--
-- Name: COLUMN ai_drafts.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.lead_id IS 'The lead it answers.';

--
-- Name: COLUMN ai_drafts.inbound_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.inbound_message_id IS 'The reply this draft answers.';

--
-- Name: COLUMN ai_drafts.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.channel IS 'The channel it goes out on: the reply''s own (sms, whatsapp or email).';

--
-- Name: COLUMN ai_drafts.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.status IS 'pending (waiting for a person), approved (a touch is queued for it), rejected (a person said no, the lead opted out, or a later reply made it moot), sent (its touch was sent).';

--
-- Name: COLUMN ai_drafts.sentiment_tag; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.sentiment_tag IS 'The tag of the reply it answers.';

--
-- Name: COLUMN ai_drafts.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.subject IS 'Email only: the subject (Re: the reply''s subject).';

--
-- Name: COLUMN ai_drafts.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.body IS 'The answer as it will be sent (1-1600 characters); a person may edit it when approving.';

--
-- Name: COLUMN ai_drafts.to_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.to_address IS 'Who it goes to when that is not the lead''s own address: an emailed reply''s sender (a CC''d colleague who answered); the lead''s address is then in cc_addresses.';

--
-- Name: COLUMN ai_drafts.cc_addresses; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.cc_addresses IS 'Addresses copied (email only).';

--
-- Name: COLUMN ai_drafts.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.persona IS 'The persona it was written as: {source: campaign | default_persona | settings, name, tone, signature}.';

--
-- Name: COLUMN ai_drafts.model; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.model IS 'The OpenAI model that wrote it.';

--
-- Name: COLUMN ai_drafts.confidence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.confidence IS 'The evaluator''s confidence (0-1) that the draft can go out as written.';

--
-- Name: COLUMN ai_drafts.confidence_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.confidence_reason IS 'The evaluator''s reason for that confidence.';

--
-- Name: COLUMN ai_drafts.auto_send_action; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.auto_send_action IS 'What auto-send decided when the draft was made: auto_send (a touch was scheduled after send_after) or needs_review (a person decides).';

--
-- Name: COLUMN ai_drafts.auto_send_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.auto_send_reason IS 'Why (e.g. "setter_managed campaign", "confidence 0.50 below 0.90", "AUTO_SEND_DISABLED=1").';

--
-- Name: COLUMN ai_drafts.auto_send_threshold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.auto_send_threshold IS 'The threshold auto-send compared the confidence with (null when it never got that far).';

--
-- Name: COLUMN ai_drafts.send_after; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.send_after IS 'An auto-sent draft''s touch is scheduled for this time (a random 180-420 s after the draft by default).';

--
-- Name: COLUMN ai_drafts.decided_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.decided_by IS 'Who decided: auto_send, user:<id> (console), slack:<Slack user id> or system (a later reply or opt-out rejected it).';

--
-- Name: COLUMN ai_drafts.decided_by_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.decided_by_user_id IS 'The person who approved or rejected it, when known (console, or a Slack click by the setter it was sent to).';

--
-- Name: COLUMN ai_drafts.decided_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.decided_at IS 'When it left pending.';

--
-- Name: COLUMN ai_drafts.decision_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.decision_reason IS 'Why it was rejected, or a note on the approval (edited).';

--
-- Name: COLUMN ai_drafts.touch_run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.touch_run_id IS 'The touch that sends (or sent) it.';

--
-- Name: COLUMN ai_drafts.slack_claimed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_claimed_at IS 'When a worker took the Slack review post (the "already posted" dedupe lives here, not in memory).';

--
-- Name: COLUMN ai_drafts.slack_posted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_posted_at IS 'When the review post reached Slack.';

--
-- Name: COLUMN ai_drafts.slack_channel_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_channel_id IS 'Where it was posted (a DM channel, or the account''s review channel).';

--
-- Name: COLUMN ai_drafts.slack_message_ts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_message_ts IS 'The Slack message''s ts: an Approve & Send click must come from this message.';

--
-- Name: COLUMN ai_drafts.slack_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_user_id IS 'The setter''s Slack user id when it was sent to them as a DM.';

--
-- Name: COLUMN ai_drafts.slack_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.slack_error IS 'Why the last Slack post failed (no token, user not found, Slack''s error code).';

--
-- Name: COLUMN ai_drafts.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.created_at IS 'When it was drafted.';

--
-- Name: COLUMN ai_drafts.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_drafts.updated_at IS 'When it last changed.';

--
-- Name: ai_personas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.ai_personas (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    name text NOT NULL,
    tone text,
    signature text,
    is_default boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ai_personas_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT ai_personas_signature_check CHECK (((length(btrim(signature)) >= 1) AND (length(btrim(signature)) <= 1000))),
    CONSTRAINT ai_personas_tone_check CHECK (((length(btrim(tone)) >= 1) AND (length(btrim(tone)) <= 200)))
);

--
-- Name: TABLE ai_personas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.ai_personas IS 'Who the AI inbox''s drafts speak as: a name, a tone and a signature. A campaign may name one (campaigns.ai_persona_id); else the account''s default persona (is_default, at most one) speaks; else org_settings.persona_name, ai_tone and ai_signature.';

--
-- Name: COLUMN ai_personas.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.id IS 'Persona id.';

--
-- Name: COLUMN ai_personas.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.account_id IS 'Owning account.';

--
-- Name: COLUMN ai_personas.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.name IS 'The name the drafts sign with (1-100 characters).';

--
-- Name: COLUMN ai_personas.tone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.tone IS 'How the drafts sound, in a few words (e.g. "friendly-professional").';

--
-- Name: COLUMN ai_personas.signature; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.signature IS 'The sign-off appended to email drafts.';

--
-- Name: COLUMN ai_personas.is_default; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.is_default IS 'The account''s default persona (at most one per account).';

--
-- Name: COLUMN ai_personas.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.created_at IS 'When it was created.';

--
-- Name: COLUMN ai_personas.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.ai_personas.updated_at IS 'When it last changed.';

--
-- Name: call_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call_queue (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    priority integer DEFAULT 100 NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    reason text NOT NULL,
    source text DEFAULT 'engine'::text NOT NULL,
    assigned_user_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    CONSTRAINT call_queue_priority_check CHECK (((priority >= 0) AND (priority <= 1000))),
    CONSTRAINT call_queue_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'in_progress'::text, 'done'::text, 'canceled'::text])))
);

--
-- Name: TABLE call_queue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.call_queue IS 'Leads waiting for a human call, highest priority first; at most one open entry per lead.';

--
-- Name: COLUMN call_queue.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.id IS 'Entry id.';

--
-- Name: COLUMN call_queue.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.account_id IS 'Owning account.';

--
-- Name: COLUMN call_queue.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.lead_id IS 'Lead to call.';

--
-- Name: COLUMN call_queue.priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.priority IS 'Higher is called first (gold leads use org_settings.call_queue_gold_priority).';

--
-- Name: COLUMN call_queue.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.status IS 'pending, in_progress, done or canceled.';

--
-- Name: COLUMN call_queue.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.reason IS 'Why the lead is queued (positive_reply_gold, hot_call, manual).';

--
-- Name: COLUMN call_queue.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.source IS 'Component that queued it.';

--
-- Name: COLUMN call_queue.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.assigned_user_id IS 'Setter taking the call.';

--
-- Name: COLUMN call_queue.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.created_at IS 'When it was queued.';

--
-- Name: COLUMN call_queue.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN call_queue.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.started_at IS 'When the call started.';

--
-- Name: COLUMN call_queue.completed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.completed_at IS 'When it was done or canceled.';

--
-- Name: campaign_steps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_steps (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    step integer NOT NULL,
    channel public.channel NOT NULL,
    delay_minutes integer DEFAULT 0 NOT NULL,
    fallback jsonb,
    stop_on_events text[] DEFAULT ARRAY['reply_positive'::text, 'appointment_booked'::text, 'do_not_contact'::text] NOT NULL,
    template_key text,
    subject text,
    body text,
    language text DEFAULT 'en'::text NOT NULL,
    expires_after_minutes integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaign_steps_delay_minutes_check CHECK (((delay_minutes >= 0) AND (delay_minutes <= 525600))),
    CONSTRAINT campaign_steps_expires_after_minutes_check CHECK ((expires_after_minutes > 0)),
    CONSTRAINT campaign_steps_fallback_check CHECK (((fallback IS NULL) OR ((jsonb_typeof(fallback) = 'object'::text) AND (jsonb_typeof((fallback -> 'order'::text)) = 'array'::text) AND (jsonb_array_length((fallback -> 'order'::text)) > 0)))),
    CONSTRAINT campaign_steps_language_check CHECK ((language ~ '^[a-z]{2}$'::text)),
    CONSTRAINT campaign_steps_step_check CHECK (((step >= 1) AND (step <= 100)))
);

--
-- Name: TABLE campaign_steps; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaign_steps IS 'The ordered steps of a campaign: which channel, when, with what content and fallback plan.';

--
-- Name: COLUMN campaign_steps.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.id IS 'Step row id.';

--
-- Name: COLUMN campaign_steps.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.account_id IS 'Owning account.';

--
-- Name: COLUMN campaign_steps.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.campaign_id IS 'The campaign.';

--
-- Name: COLUMN campaign_steps.step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.step IS 'Step number, 1-based, unique within the campaign.';

--
-- Name: COLUMN campaign_steps.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.channel IS 'Primary channel of the step.';

--
-- Name: COLUMN campaign_steps.delay_minutes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.delay_minutes IS 'Minutes after enrollment (step 1) or after the previous step before this step is due.';

--
-- Name: COLUMN campaign_steps.fallback; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.fallback IS 'Payload v2 routing.fallback: {order, max_attempts, cooldown_minutes}; null means no fallback (the matrix decides stop).';

--
-- Name: COLUMN campaign_steps.stop_on_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.stop_on_events IS 'Memory event types that stop this step''s cadence (payload v2 routing.stop_on_events).';

--
-- Name: COLUMN campaign_steps.template_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.template_key IS 'Template key for the dispatcher.';

--
-- Name: COLUMN campaign_steps.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.subject IS 'Email subject.';

--
-- Name: COLUMN campaign_steps.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.body IS 'Message body or call script text.';

--
-- Name: COLUMN campaign_steps.language; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.language IS 'ISO 639-1 language of the content.';

--
-- Name: COLUMN campaign_steps.expires_after_minutes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.expires_after_minutes IS 'When set, touches of this step expire this many minutes after creation (routing.expires_at).';

--
-- Name: COLUMN campaign_steps.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.created_at IS 'When the step was created.';

--
-- Name: COLUMN campaign_steps.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.updated_at IS 'When the row last changed.';

--
-- Name: core_memory_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.core_memory_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    event_type text NOT NULL,
    event_source text NOT NULL,
    channel public.channel,
    direction text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    score_delta integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    dedupe_key text,
    CONSTRAINT core_memory_events_dedupe_key_check CHECK (((length(dedupe_key) >= 1) AND (length(dedupe_key) <= 400))),
    CONSTRAINT core_memory_events_direction_check CHECK ((direction = ANY (ARRAY['inbound'::text, 'outbound'::text, 'internal'::text]))),
    CONSTRAINT core_memory_events_event_source_check CHECK (((length(event_source) >= 1) AND (length(event_source) <= 100))),
    CONSTRAINT core_memory_events_event_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_.]{0,63}$'::text)),
    CONSTRAINT core_memory_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT core_memory_events_score_delta_check CHECK (((score_delta >= '-100'::integer) AND (score_delta <= 100)))
);

--
-- Name: TABLE core_memory_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.core_memory_events IS 'Append-only memory of everything that happened to a lead (touches, replies, calls, errors, evaluations). UPDATE and DELETE are refused.';

--
-- Name: COLUMN core_memory_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.id IS 'Event id.';

--
-- Name: COLUMN core_memory_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.account_id IS 'Owning account.';

--
-- Name: COLUMN core_memory_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.lead_id IS 'The lead the event is about.';

--
-- Name: COLUMN core_memory_events.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.event_type IS 'What happened: touch_sent, touch_failed, reply_positive, do_not_contact, appointment_booked, ...';

--
-- Name: COLUMN core_memory_events.event_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.event_source IS 'Component that recorded it (dispatch_touch, touch_orchestrator, webhook_twilio, ...).';

--
-- Name: COLUMN core_memory_events.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.channel IS 'Channel involved, when any.';

--
-- Name: COLUMN core_memory_events.direction; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.direction IS 'inbound (from the lead), outbound (to the lead) or internal (a decision).';

--
-- Name: COLUMN core_memory_events.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.payload IS 'Details; touch events carry touch_run_id.';

--
-- Name: COLUMN core_memory_events.score_delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.score_delta IS 'Engagement points this event adds to the lead''s priority (-100..100).';

--
-- Name: COLUMN core_memory_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.created_at IS 'When it happened.';

--
-- Name: COLUMN core_memory_events.dedupe_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.dedupe_key IS 'Optional idempotency key, unique per account: a replayed event is not recorded twice.';

--
-- Name: inbound_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inbound_messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    channel public.channel NOT NULL,
    provider text NOT NULL,
    provider_message_id text NOT NULL,
    from_address text NOT NULL,
    to_address text,
    persona text,
    body text,
    keyword text DEFAULT 'none'::text NOT NULL,
    classification text DEFAULT 'neutral'::text NOT NULL,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    consent_rule text,
    nul_replaced_fields text[],
    subject text,
    auto_kind text,
    auto_reason text,
    sentiment_tag text,
    sentiment_source text,
    sentiment_reason text,
    sentiment_confidence real,
    classified_at timestamp with time zone,
    CONSTRAINT inbound_messages_auto_kind_check CHECK ((auto_kind = ANY (ARRAY['bounce'::text, 'auto_reply'::text]))),
    CONSTRAINT inbound_messages_auto_reason_check CHECK (((length(auto_reason) >= 1) AND (length(auto_reason) <= 200))),
    CONSTRAINT inbound_messages_classification_check CHECK ((classification = ANY (ARRAY['positive'::text, 'negative'::text, 'neutral'::text, 'keyword'::text]))),
    CONSTRAINT inbound_messages_keyword_check CHECK ((keyword = ANY (ARRAY['opt_out'::text, 'opt_in'::text, 'help'::text, 'wrong_number'::text, 'none'::text]))),
    CONSTRAINT inbound_messages_persona_check CHECK ((persona = ANY (ARRAY['initial'::text, 'nudge'::text, 'booking'::text]))),
    CONSTRAINT inbound_messages_provider_check CHECK ((provider ~ '^[a-z][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT inbound_messages_provider_message_id_check CHECK (((length(provider_message_id) >= 1) AND (length(provider_message_id) <= 200))),
    CONSTRAINT inbound_messages_sentiment_complete_check CHECK ((((sentiment_tag IS NULL) = (classified_at IS NULL)) AND ((sentiment_tag IS NULL) = (sentiment_source IS NULL)) AND ((sentiment_tag IS NULL) = (sentiment_reason IS NULL)))),
    CONSTRAINT inbound_messages_sentiment_confidence_check CHECK (((sentiment_confidence >= (0)::double precision) AND (sentiment_confidence <= (1)::double precision))),
    CONSTRAINT inbound_messages_sentiment_reason_check CHECK (((length(sentiment_reason) >= 1) AND (length(sentiment_reason) <= 500))),
    CONSTRAINT inbound_messages_sentiment_source_check CHECK ((sentiment_source = ANY (ARRAY['rules'::text, 'llm'::text, 'no_key'::text]))),
    CONSTRAINT inbound_messages_sentiment_tag_check CHECK ((sentiment_tag = ANY (ARRAY['Interested'::text, 'Meeting Requested'::text, 'Follow Up'::text, 'Not Interested'::text, 'Out of Office'::text, 'Automated Reply'::text, 'Blacklist'::text, 'Neutral'::text]))),
    CONSTRAINT inbound_messages_subject_check CHECK ((length(subject) <= 998))
);

--
-- Name: TABLE inbound_messages; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.inbound_messages IS 'Messages leads sent us, on every channel. With outbound_messages they form the lead''s unified thread (inbox_events).';

--
-- Name: COLUMN inbound_messages.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.id IS 'Message id.';

--
-- Name: COLUMN inbound_messages.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.account_id IS 'Account the message was routed to (by the number or address it was sent to).';

--
-- Name: COLUMN inbound_messages.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.lead_id IS 'The lead who sent it (matched or created by find_or_create_lead).';

--
-- Name: COLUMN inbound_messages.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.channel IS 'sms, whatsapp or email.';

--
-- Name: COLUMN inbound_messages.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.provider IS 'twilio, telnyx, elastic_email, ...';

--
-- Name: COLUMN inbound_messages.provider_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.provider_message_id IS 'The provider''s id of the message; unique per account and provider.';

--
-- Name: COLUMN inbound_messages.from_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.from_address IS 'Sender (the lead''s number or address).';

--
-- Name: COLUMN inbound_messages.to_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.to_address IS 'Our number or address it was sent to; it selects the account and the persona.';

--
-- Name: COLUMN inbound_messages.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.persona IS 'Persona whose number received it (seed 004 Part 7).';

--
-- Name: COLUMN inbound_messages.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.body IS 'Message text (kept for the thread; never logged).';

--
-- Name: COLUMN inbound_messages.keyword; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.keyword IS 'brain.classify_consent of the body: opt_out, opt_in, help, wrong_number or none.';

--
-- Name: COLUMN inbound_messages.classification; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.classification IS 'positive, negative or neutral reply (brain.classify_reply), or keyword.';

--
-- Name: COLUMN inbound_messages.received_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.received_at IS 'When the provider received it.';

--
-- Name: COLUMN inbound_messages.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.created_at IS 'When it was recorded.';

--
-- Name: COLUMN inbound_messages.consent_rule; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.consent_rule IS 'The brain.classify_consent rule that matched (e.g. en_phrase:stop texting, fcc_word:stop); null when none did.';

--
-- Name: COLUMN inbound_messages.nul_replaced_fields; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.nul_replaced_fields IS 'Fields of the provider''s request in which a NUL character was replaced by U+FFFD (body holds the replaced text); null when the message arrived without one.';

--
-- Name: COLUMN inbound_messages.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.subject IS 'An emailed reply''s subject (null for SMS and WhatsApp).';

--
-- Name: COLUMN inbound_messages.auto_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.auto_kind IS 'Set when the message''s headers say what it is before anyone reads it: bounce (a delivery status notification) or auto_reply (Auto-Submitted, X-Autoreply, Precedence: auto_reply); null for a person''s reply.';

--
-- Name: COLUMN inbound_messages.auto_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.auto_reason IS 'Which header or report made auto_kind (e.g. "Auto-Submitted: auto-replied").';

--
-- Name: COLUMN inbound_messages.sentiment_tag; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.sentiment_tag IS 'The reply''s tag (seed 003): Interested, Meeting Requested, Follow Up, Not Interested, Out of Office, Automated Reply, Blacklist or Neutral; null until the AI stage (inbound_post_process) has read it. Set once: a replay or a retried job never classifies again.';

--
-- Name: COLUMN inbound_messages.sentiment_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.sentiment_source IS 'Who tagged it: rules (the consent classifier or the SQL rules, no model call), llm (OpenAI), or no_key (no OpenAI key, or the model failed: Neutral).';

--
-- Name: COLUMN inbound_messages.sentiment_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.sentiment_reason IS 'Why: the rule that matched, the model''s one-line reason, or what went wrong with the model.';

--
-- Name: COLUMN inbound_messages.sentiment_confidence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.sentiment_confidence IS 'The model''s confidence in the tag, 0 to 1 (rules: 1; no_key: null).';

--
-- Name: COLUMN inbound_messages.classified_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbound_messages.classified_at IS 'When the tag was recorded.';

--
-- Name: outbound_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbound_messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    touch_run_id uuid,
    campaign_id uuid,
    channel public.channel NOT NULL,
    send_key text NOT NULL,
    provider text NOT NULL,
    provider_message_id text,
    status text DEFAULT 'pending'::text NOT NULL,
    provider_status text,
    to_address text,
    from_address text,
    subject text,
    body text,
    error_code text,
    error_message text,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    failed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT outbound_messages_send_key_check CHECK (((length(send_key) >= 8) AND (length(send_key) <= 400))),
    CONSTRAINT outbound_messages_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'delivered'::text, 'failed'::text, 'unknown'::text, 'canceled'::text])))
);

--
-- Name: TABLE outbound_messages; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.outbound_messages IS 'Every send intent, keyed by a unique send_key so the same intent can never be sent twice.';

--
-- Name: COLUMN outbound_messages.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.id IS 'Message id.';

--
-- Name: COLUMN outbound_messages.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.account_id IS 'Owning account.';

--
-- Name: COLUMN outbound_messages.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.lead_id IS 'Recipient lead.';

--
-- Name: COLUMN outbound_messages.touch_run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.touch_run_id IS 'Touch that produced it.';

--
-- Name: COLUMN outbound_messages.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.campaign_id IS 'Campaign of the touch, when any.';

--
-- Name: COLUMN outbound_messages.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.channel IS 'Channel used.';

--
-- Name: COLUMN outbound_messages.send_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.send_key IS 'Idempotency key of the intent (brain.send_key): lead, campaign, step, channel, attempt.';

--
-- Name: COLUMN outbound_messages.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider IS 'Provider asked to send it (sink, twilio, telnyx, elastic_email).';

--
-- Name: COLUMN outbound_messages.provider_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider_message_id IS 'Provider''s id (Twilio SID, Telnyx id, Elastic transaction id).';

--
-- Name: COLUMN outbound_messages.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.status IS 'pending, sent, delivered, failed, unknown or canceled; only moves forward.';

--
-- Name: COLUMN outbound_messages.provider_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider_status IS 'Last raw status reported by the provider.';

--
-- Name: COLUMN outbound_messages.to_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.to_address IS 'Recipient address (E.164, whatsapp:+E.164 or email).';

--
-- Name: COLUMN outbound_messages.from_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.from_address IS 'Sender address or number.';

--
-- Name: COLUMN outbound_messages.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.subject IS 'Email subject.';

--
-- Name: COLUMN outbound_messages.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.body IS 'Message body as sent (kept for the lead timeline; never logged).';

--
-- Name: COLUMN outbound_messages.error_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.error_code IS 'Provider or engine error code.';

--
-- Name: COLUMN outbound_messages.error_message; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.error_message IS 'Readable error.';

--
-- Name: COLUMN outbound_messages.sent_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.sent_at IS 'When the provider accepted it.';

--
-- Name: COLUMN outbound_messages.delivered_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.delivered_at IS 'When delivery was confirmed.';

--
-- Name: COLUMN outbound_messages.failed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.failed_at IS 'When it failed.';

--
-- Name: COLUMN outbound_messages.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.created_at IS 'When the intent was recorded.';

--
-- Name: COLUMN outbound_messages.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.updated_at IS 'When the row last changed.';

--
-- Name: inbox_events; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.inbox_events WITH (security_invoker='true') AS
 SELECT m.account_id,
    m.lead_id,
    m.id AS message_id,
    'inbound'::text AS direction,
    (m.channel)::text AS channel,
    m.provider,
    m.from_address,
    m.to_address,
    m.persona,
    m.body,
    m.keyword,
    m.classification,
    NULL::text AS status,
    NULL::uuid AS touch_run_id,
    m.received_at AS occurred_at
   FROM public.inbound_messages m
UNION ALL
 SELECT o.account_id,
    o.lead_id,
    o.id AS message_id,
    'outbound'::text AS direction,
    (o.channel)::text AS channel,
    o.provider,
    o.from_address,
    o.to_address,
    NULL::text AS persona,
    o.body,
    NULL::text AS keyword,
    NULL::text AS classification,
    o.status,
    o.touch_run_id,
    COALESCE(o.sent_at, o.created_at) AS occurred_at
   FROM public.outbound_messages o;

--
-- Name: VIEW inbox_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.inbox_events IS 'The unified thread: every inbound and outbound message of every lead on every channel, one row each, ordered by occurred_at.';

--
-- Name: COLUMN inbox_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.account_id IS 'Owning account.';

--
-- Name: COLUMN inbox_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.lead_id IS 'The lead.';

--
-- Name: COLUMN inbox_events.message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.message_id IS 'inbound_messages.id or outbound_messages.id.';

--
-- Name: COLUMN inbox_events.direction; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.direction IS 'inbound (from the lead) or outbound (to the lead).';

--
-- Name: COLUMN inbox_events.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.channel IS 'sms, whatsapp, voice or email.';

--
-- Name: COLUMN inbox_events.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.provider IS 'Provider that carried it.';

--
-- Name: COLUMN inbox_events.from_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.from_address IS 'Sender number or address.';

--
-- Name: COLUMN inbox_events.to_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.to_address IS 'Recipient number or address.';

--
-- Name: COLUMN inbox_events.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.persona IS 'Persona whose number received an inbound message.';

--
-- Name: COLUMN inbox_events.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.body IS 'Message text.';

--
-- Name: COLUMN inbox_events.keyword; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.keyword IS 'Inbound: opt_out, opt_in, help or none.';

--
-- Name: COLUMN inbox_events.classification; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.classification IS 'Inbound: positive, negative, neutral or keyword.';

--
-- Name: COLUMN inbox_events.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.status IS 'Outbound: pending, sent, delivered, failed, unknown or canceled.';

--
-- Name: COLUMN inbox_events.touch_run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.touch_run_id IS 'Outbound: the touch that sent it.';

--
-- Name: COLUMN inbox_events.occurred_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inbox_events.occurred_at IS 'When it was received or sent.';

--
-- Name: lead_assignment_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_assignment_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    assigned_to_user_id uuid NOT NULL,
    assigned_by_user_id uuid,
    source text NOT NULL,
    channel public.channel,
    sequence_index integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_assignment_events_sequence_index_check CHECK ((sequence_index >= 0)),
    CONSTRAINT lead_assignment_events_source_check CHECK ((source = ANY (ARRAY['round_robin'::text, 'backfill'::text, 'manual'::text])))
);

--
-- Name: TABLE lead_assignment_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_assignment_events IS 'Append-only audit trail of lead assignments: one row each time a lead gets an owner (round-robin, backfill or manual). UPDATE and DELETE are refused.';

--
-- Name: COLUMN lead_assignment_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.id IS 'Event id.';

--
-- Name: COLUMN lead_assignment_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_assignment_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.lead_id IS 'The lead that was assigned.';

--
-- Name: COLUMN lead_assignment_events.assigned_to_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.assigned_to_user_id IS 'The member who now owns the lead (leads.assigned_user_id).';

--
-- Name: COLUMN lead_assignment_events.assigned_by_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.assigned_by_user_id IS 'The user who caused the assignment, when a person did; null for automatic assignment.';

--
-- Name: COLUMN lead_assignment_events.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.source IS 'How the lead was assigned: round_robin (public.assign_lead_round_robin), backfill or manual.';

--
-- Name: COLUMN lead_assignment_events.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.channel IS 'Channel of the inbound event that triggered the assignment, when known.';

--
-- Name: COLUMN lead_assignment_events.sequence_index; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.sequence_index IS 'For round_robin: position in the effective setter sequence that was used (stored as org_settings.round_robin_last_setter_index).';

--
-- Name: COLUMN lead_assignment_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_assignment_events.created_at IS 'When the assignment happened.';

--
-- Name: lead_enriched; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.lead_enriched WITH (security_invoker='true') AS
 SELECT l.account_id,
    l.id AS lead_id,
    NULLIF(btrim(concat_ws(' '::text, l.first_name, l.last_name)), ''::text) AS lead_name,
    l.first_name,
    l.last_name,
    l.company_name,
    l.phone,
    l.phone_line_type,
    l.email,
    l.alternate_emails,
    ((l.phone IS NOT NULL) AND (l.phone_line_type = 'mobile'::text) AND (l.email IS NOT NULL)) AS is_gold,
    l.source,
    l.external_id,
    l.city,
    l.region,
    l.country,
    z.time_zone,
    l.status,
    l.lead_state,
    l.persona,
    l.assigned_user_id,
    l.priority_score,
    l.attributes,
    l.first_seen_at,
    l.created_at
   FROM ((public.leads l
     JOIN public.org_settings s ON ((s.account_id = l.account_id)))
     CROSS JOIN LATERAL brain.lead_time_zone((l.timezone)::text, (l.phone)::text, (s.timezone)::text) z(time_zone));

--
-- Name: VIEW lead_enriched; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.lead_enriched IS 'Leads with what the engine derives about them: display name, gold flag, effective time zone. Dispatchers read phone and email here (seed 000).';

--
-- Name: COLUMN lead_enriched.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_enriched.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_enriched.lead_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.lead_name IS 'First and last name.';

--
-- Name: COLUMN lead_enriched.first_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.first_name IS 'Given name.';

--
-- Name: COLUMN lead_enriched.last_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.last_name IS 'Family name.';

--
-- Name: COLUMN lead_enriched.company_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.company_name IS 'Business name.';

--
-- Name: COLUMN lead_enriched.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.phone IS 'Phone, E.164.';

--
-- Name: COLUMN lead_enriched.phone_line_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.phone_line_type IS 'mobile, landline, voip or unknown.';

--
-- Name: COLUMN lead_enriched.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.email IS 'Primary email.';

--
-- Name: COLUMN lead_enriched.alternate_emails; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.alternate_emails IS 'Other addresses that wrote on the thread.';

--
-- Name: COLUMN lead_enriched.is_gold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.is_gold IS 'Mobile phone and email both known (seed 004 Part 6).';

--
-- Name: COLUMN lead_enriched.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.source IS 'Where the lead came from.';

--
-- Name: COLUMN lead_enriched.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.external_id IS 'The source''s id.';

--
-- Name: COLUMN lead_enriched.city; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.city IS 'City.';

--
-- Name: COLUMN lead_enriched.region; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.region IS 'State or province.';

--
-- Name: COLUMN lead_enriched.country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.country IS 'Country code.';

--
-- Name: COLUMN lead_enriched.time_zone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.time_zone IS 'Effective time zone (leads.timezone, else the phone''s area code, else the account''s).';

--
-- Name: COLUMN lead_enriched.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.status IS 'Record status.';

--
-- Name: COLUMN lead_enriched.lead_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.lead_state IS 'Lifecycle state.';

--
-- Name: COLUMN lead_enriched.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.persona IS 'Persona that speaks next.';

--
-- Name: COLUMN lead_enriched.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.assigned_user_id IS 'Assigned setter.';

--
-- Name: COLUMN lead_enriched.priority_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.priority_score IS 'Stored priority score.';

--
-- Name: COLUMN lead_enriched.attributes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.attributes IS 'Source-specific attributes.';

--
-- Name: COLUMN lead_enriched.first_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.first_seen_at IS 'When the source first showed the lead.';

--
-- Name: COLUMN lead_enriched.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_enriched.created_at IS 'When the lead was recorded.';

--
-- Name: lead_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    event_type text DEFAULT 'state_transition'::text NOT NULL,
    previous_state text,
    new_state text,
    reason text,
    actor text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_events_event_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_]{0,63}$'::text)),
    CONSTRAINT lead_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text))
);

--
-- Name: TABLE lead_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_events IS 'Append-only log of lead lifecycle changes; every accepted lead_state transition writes one row.';

--
-- Name: COLUMN lead_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.id IS 'Event id.';

--
-- Name: COLUMN lead_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_events.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.event_type IS 'state_transition for lead_state changes; other lifecycle events may follow.';

--
-- Name: COLUMN lead_events.previous_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.previous_state IS 'lead_state before the change.';

--
-- Name: COLUMN lead_events.new_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.new_state IS 'lead_state after the change.';

--
-- Name: COLUMN lead_events.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.reason IS 'Machine-readable reason given by the caller (app.transition_reason), e.g. touch_sent, inbound_reply.';

--
-- Name: COLUMN lead_events.actor; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.actor IS 'Who made the change (app.actor, else the database role).';

--
-- Name: COLUMN lead_events.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.payload IS 'Extra context.';

--
-- Name: COLUMN lead_events.dedupe_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.dedupe_key IS 'Optional idempotency key, unique per account.';

--
-- Name: COLUMN lead_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.created_at IS 'When the event was recorded.';

--
-- Name: lead_import_rejects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_import_rejects (
    account_id uuid NOT NULL,
    import_id uuid NOT NULL,
    row_number integer NOT NULL,
    raw jsonb NOT NULL,
    reasons text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_import_rejects_raw_check CHECK ((jsonb_typeof(raw) = 'array'::text)),
    CONSTRAINT lead_import_rejects_reasons_check CHECK ((cardinality(reasons) >= 1)),
    CONSTRAINT lead_import_rejects_row_number_check CHECK ((row_number >= 2))
);

--
-- Name: TABLE lead_import_rejects; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_import_rejects IS 'Rows of a lead import that were not imported, with readable reasons (bad phone, bad email, no contact, wrong number of fields, ...).';

--
-- Name: COLUMN lead_import_rejects.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_import_rejects.import_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.import_id IS 'The import.';

--
-- Name: COLUMN lead_import_rejects.row_number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.row_number IS 'Row in the file as a spreadsheet numbers it: the header is row 1, the first data row is row 2 (a quoted field spanning lines is still one row).';

--
-- Name: COLUMN lead_import_rejects.raw; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.raw IS 'The row''s fields as read (a JSON array of strings, in header order; long values cut).';

--
-- Name: COLUMN lead_import_rejects.reasons; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.reasons IS 'Why the row was refused, one sentence per problem (e.g. "phone: not a valid phone number (too_short)").';

--
-- Name: COLUMN lead_import_rejects.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_import_rejects.created_at IS 'When it was recorded.';

--
-- Name: lead_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_imports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    created_by uuid,
    file_name text NOT NULL,
    status text DEFAULT 'queued'::text NOT NULL,
    content text,
    content_bytes integer NOT NULL,
    delimiter text DEFAULT ','::text NOT NULL,
    columns text[] NOT NULL,
    column_map jsonb NOT NULL,
    source text DEFAULT 'csv_import'::text NOT NULL,
    default_country text DEFAULT 'US'::text NOT NULL,
    campaign_id uuid,
    rows_total integer,
    rows_done integer DEFAULT 0 NOT NULL,
    rows_imported integer DEFAULT 0 NOT NULL,
    rows_duplicate integer DEFAULT 0 NOT NULL,
    rows_rejected integer DEFAULT 0 NOT NULL,
    leads_enrolled integer DEFAULT 0 NOT NULL,
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_imports_column_map_check CHECK ((jsonb_typeof(column_map) = 'object'::text)),
    CONSTRAINT lead_imports_columns_check CHECK (((cardinality(columns) >= 1) AND (cardinality(columns) <= 500))),
    CONSTRAINT lead_imports_content_bytes_check CHECK (((content_bytes >= 1) AND (content_bytes <= 20971520))),
    CONSTRAINT lead_imports_default_country_check CHECK ((default_country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT lead_imports_delimiter_check CHECK ((delimiter = ANY (ARRAY[','::text, ';'::text, '	'::text]))),
    CONSTRAINT lead_imports_done_check CHECK (((status <> 'done'::text) OR ((rows_done = rows_total) AND (finished_at IS NOT NULL) AND (content IS NULL)))),
    CONSTRAINT lead_imports_failed_check CHECK (((status <> 'failed'::text) OR ((error IS NOT NULL) AND (finished_at IS NOT NULL) AND (content IS NULL)))),
    CONSTRAINT lead_imports_file_name_check CHECK (((length(file_name) >= 1) AND (length(file_name) <= 255))),
    CONSTRAINT lead_imports_leads_enrolled_check CHECK ((leads_enrolled >= 0)),
    CONSTRAINT lead_imports_open_check CHECK (((status <> ALL (ARRAY['queued'::text, 'running'::text])) OR (content IS NOT NULL))),
    CONSTRAINT lead_imports_rows_done_check CHECK (((rows_done = ((rows_imported + rows_duplicate) + rows_rejected)) AND (rows_done <= COALESCE(rows_total, 0)))),
    CONSTRAINT lead_imports_rows_duplicate_check CHECK ((rows_duplicate >= 0)),
    CONSTRAINT lead_imports_rows_imported_check CHECK ((rows_imported >= 0)),
    CONSTRAINT lead_imports_rows_rejected_check CHECK ((rows_rejected >= 0)),
    CONSTRAINT lead_imports_rows_total_check CHECK (((rows_total >= 0) AND (rows_total <= 200000))),
    CONSTRAINT lead_imports_source_check CHECK ((source ~ '^[a-z0-9][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT lead_imports_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text])))
);

--
-- Name: TABLE lead_imports; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_imports IS 'CSV lead imports: one row per uploaded file. queued (stored, job import_leads queued) → running → done | failed. Rows are imported in chunks through find_or_create_lead; rows_done, the cursor, advances in the same transaction as each chunk, so a retried job resumes where the last committed chunk ended and never imports a row twice.';

--
-- Name: COLUMN lead_imports.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.id IS 'Import id.';

--
-- Name: COLUMN lead_imports.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.account_id IS 'Account the leads are imported into.';

--
-- Name: COLUMN lead_imports.created_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.created_by IS 'User who uploaded the file.';

--
-- Name: COLUMN lead_imports.file_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.file_name IS 'File name as uploaded (for display only).';

--
-- Name: COLUMN lead_imports.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.status IS 'queued, running, done or failed.';

--
-- Name: COLUMN lead_imports.content; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.content IS 'The CSV text (decoded to UTF-8) until the import ends; cleared when it is done or failed, so lead data is not kept twice.';

--
-- Name: COLUMN lead_imports.content_bytes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.content_bytes IS 'Size of the uploaded file in bytes (at most 20 MiB).';

--
-- Name: COLUMN lead_imports.delimiter; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.delimiter IS 'Field delimiter read from the header line: comma, semicolon or tab.';

--
-- Name: COLUMN lead_imports.columns; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.columns IS 'The header row as read from the file.';

--
-- Name: COLUMN lead_imports.column_map; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.column_map IS 'Lead field → zero-based column index, e.g. {"phone": 2, "email": 3}, from the header (names are matched case-insensitively, with aliases).';

--
-- Name: COLUMN lead_imports.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.source IS 'Lead source used for rows without a source column value.';

--
-- Name: COLUMN lead_imports.default_country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.default_country IS 'Country (ISO 3166-1 alpha-2) in which national phone numbers of rows without a country are read.';

--
-- Name: COLUMN lead_imports.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.campaign_id IS 'Campaign the imported leads are enrolled in (as public.enroll_leads would), or null.';

--
-- Name: COLUMN lead_imports.rows_total; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.rows_total IS 'Data rows in the file (blank lines excluded); null until the job has read it.';

--
-- Name: COLUMN lead_imports.rows_done; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.rows_done IS 'Data rows processed so far (imported + duplicate + rejected): the progress bar and the resume cursor.';

--
-- Name: COLUMN lead_imports.rows_imported; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.rows_imported IS 'Rows that created a new lead.';

--
-- Name: COLUMN lead_imports.rows_duplicate; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.rows_duplicate IS 'Rows that matched an existing lead (also one earlier in the same file); missing fields of that lead were filled in.';

--
-- Name: COLUMN lead_imports.rows_rejected; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.rows_rejected IS 'Rows refused; each has a lead_import_rejects row with its reasons.';

--
-- Name: COLUMN lead_imports.leads_enrolled; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.leads_enrolled IS 'Leads enrolled in campaign_id by this import.';

--
-- Name: COLUMN lead_imports.error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.error IS 'Why the import failed (a sentence for the operator), when status is failed.';

--
-- Name: COLUMN lead_imports.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.created_at IS 'When the file was uploaded.';

--
-- Name: COLUMN lead_imports.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.started_at IS 'When the job first started on it.';

--
-- Name: COLUMN lead_imports.finished_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.finished_at IS 'When it ended done or failed.';

--
-- Name: COLUMN lead_imports.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_imports.updated_at IS 'When the row last changed (a running import that stops changing is stalled).';

--
-- Name: lead_next_action_view_v5; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.lead_next_action_view_v5 WITH (security_invoker='true') AS
 SELECT lead_next_action_at.lead_id,
    lead_next_action_at.account_id,
    lead_next_action_at.campaign_id,
    lead_next_action_at.lead_state,
    lead_next_action_at.priority_score,
    lead_next_action_at.next_action,
    lead_next_action_at.next_action_at,
    lead_next_action_at.recommended_action,
    lead_next_action_at.recommended_delay_minutes,
    lead_next_action_at.recommended_channel,
    lead_next_action_at.effective_channel,
    lead_next_action_at.reason,
    lead_next_action_at.lead_name
   FROM brain.lead_next_action_at(now()) lead_next_action_at(lead_id, account_id, campaign_id, lead_state, priority_score, next_action, next_action_at, recommended_action, recommended_delay_minutes, recommended_channel, effective_channel, reason, lead_name);

--
-- Name: VIEW lead_next_action_view_v5; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.lead_next_action_view_v5 IS 'One row per lead: what the Lead Brain decides next. For another moment use brain.lead_next_action_at(p_now). Rules, first match wins:
1. stop_all: the lead is unsubscribed (lead_suppression_status_v1), lead_state is suppressed or closed, or a stop event (do_not_contact, or appointment_booked not canceled) is recorded.
2. a pending touch: the lead has a touch_runs row in status scheduled or queued (the earliest by scheduled_at), outside a negative cooldown unless the touch is transactional. It is what goes next, so it is reported before any campaign step: next_action send (reactivate for a reactivation touch), next_action_at the start of the send window at or after its scheduled_at (a transactional touch: its scheduled_at, or now when overdue), recommended_channel and effective_channel its channel, campaign_id its campaign (null outside a campaign), reason touch_scheduled:<touch_runs.id> or touch_queued:<touch_runs.id>. A touch brain.claim_touch would cancel on sight does not count (campaign off, enrollment neither active nor completed, a campaign touch to a dead lead, an archived lead, channel suppressed or not ready, no address); nor does a touch created after p_now.
3. stop_all: lead_state is dead and it is not due for reactivation (rule 6).
4. cooldown: a negative reply''s cooldown runs; next_action_at is its end.
5. send: nothing pending, and enrolled (campaign_leads.status active) in an active campaign with a pending step (campaign_steps.step = current_step) and a usable channel; next_action_at is the start of the send window at or after the step''s due time (next_step_at); recommended_channel is the step''s channel; effective_channel the first usable channel of its fallback plan starting there (provider ready, lead reachable, attempts left).
6. reactivate: not enrolled in any active campaign, touched before, no inbound reply since the last touch, and now >= reactivation_eligible_at; channel order voice, whatsapp, sms, email. Dead leads come back through this rule.
7. do_nothing otherwise (reason says why).
priority_score (0-100) = lead_states.priority_weight (high_intent 70 ... suppressed 0) + engagement (sum of score_delta over the last 30 days, each weighted e^(-age/10 days), clamped to -20..20) + 10 when the lead is "gold" (a mobile phone and an email known), clamped to 0..100.';

--
-- Name: COLUMN lead_next_action_view_v5.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_next_action_view_v5.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_next_action_view_v5.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.campaign_id IS 'Campaign of the pending touch when one is reported (rule 2; null for a touch outside a campaign); otherwise the campaign whose pending step is due first, when the lead is enrolled in an active campaign.';

--
-- Name: COLUMN lead_next_action_view_v5.lead_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.lead_state IS 'Lifecycle state.';

--
-- Name: COLUMN lead_next_action_view_v5.priority_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.priority_score IS 'Priority 0-100: state weight + decayed 30-day engagement + gold boost (see the view comment).';

--
-- Name: COLUMN lead_next_action_view_v5.next_action; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.next_action IS 'stop_all, cooldown, send, reactivate or do_nothing.';

--
-- Name: COLUMN lead_next_action_view_v5.next_action_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.next_action_at IS 'When the action should happen: for a pending touch, when dispatch will send it (null for stop_all and do_nothing).';

--
-- Name: COLUMN lead_next_action_view_v5.recommended_action; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.recommended_action IS 'Alias of next_action, for existing code paths.';

--
-- Name: COLUMN lead_next_action_view_v5.recommended_delay_minutes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.recommended_delay_minutes IS 'Minutes from now until next_action_at (0 when due).';

--
-- Name: COLUMN lead_next_action_view_v5.recommended_channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.recommended_channel IS 'Channel the plan asks for: the pending touch''s channel, the pending step''s channel, or the first reachable reactivation channel.';

--
-- Name: COLUMN lead_next_action_view_v5.effective_channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.effective_channel IS 'Channel that will actually be used: the pending touch''s channel, or the step''s after the fallback matrix and provider readiness.';

--
-- Name: COLUMN lead_next_action_view_v5.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.reason IS 'Which rule decided, machine-readable: unsubscribed:<why>, lead_state:<state>, stop_event:<type>, touch_scheduled:<touch_runs.id>, touch_queued:<touch_runs.id>, negative_cooldown, campaign_step_pending, reactivation_due, no_ready_channel, no_pending_step, never_touched, replied_since_last_touch, reactivation_not_due.';

--
-- Name: COLUMN lead_next_action_view_v5.lead_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_next_action_view_v5.lead_name IS 'First and last name.';

--
-- Name: lead_state_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_state_transitions (
    from_state text NOT NULL,
    to_state text NOT NULL,
    description text NOT NULL,
    CONSTRAINT lead_state_transitions_not_self_check CHECK ((from_state <> to_state))
);

--
-- Name: TABLE lead_state_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_state_transitions IS 'The allowed lead_state transitions; the database refuses any other with invalid_lead_transition.';

--
-- Name: COLUMN lead_state_transitions.from_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.from_state IS 'State the lead is in.';

--
-- Name: COLUMN lead_state_transitions.to_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.to_state IS 'State it may move to.';

--
-- Name: COLUMN lead_state_transitions.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.description IS 'Why this transition exists.';

--
-- Name: lead_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_states (
    state text NOT NULL,
    "position" smallint NOT NULL,
    is_terminal boolean DEFAULT false NOT NULL,
    description text NOT NULL,
    priority_weight smallint DEFAULT 0 NOT NULL,
    CONSTRAINT lead_states_priority_weight_check CHECK (((priority_weight >= 0) AND (priority_weight <= 70)))
);

--
-- Name: TABLE lead_states; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_states IS 'The lead lifecycle states (DESIGN.md), in funnel order.';

--
-- Name: COLUMN lead_states.state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.state IS 'State name stored in leads.lead_state.';

--
-- Name: COLUMN lead_states."position"; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states."position" IS 'Funnel order; higher is further along.';

--
-- Name: COLUMN lead_states.is_terminal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.is_terminal IS 'True when no transition leaves this state.';

--
-- Name: COLUMN lead_states.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.description IS 'What the state means.';

--
-- Name: COLUMN lead_states.priority_weight; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.priority_weight IS 'Points this state contributes to priority_score (0-70); high_intent weighs most.';

--
-- Name: lead_suppression_status_v1; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.lead_suppression_status_v1 WITH (security_invoker='true') AS
 SELECT lead_suppression_status_at.lead_id,
    lead_suppression_status_at.account_id,
    lead_suppression_status_at.is_unsubscribed,
    lead_suppression_status_at.suppression_reason,
    lead_suppression_status_at.suppressed_channels,
    lead_suppression_status_at.in_negative_cooldown,
    lead_suppression_status_at.negative_cooldown_until,
    lead_suppression_status_at.stop_event,
    lead_suppression_status_at.last_touch_at,
    lead_suppression_status_at.last_inbound_at,
    lead_suppression_status_at.reactivation_eligible_at
   FROM brain.lead_suppression_status_at(now()) lead_suppression_status_at(lead_id, account_id, is_unsubscribed, suppression_reason, suppressed_channels, in_negative_cooldown, negative_cooldown_until, stop_event, last_touch_at, last_inbound_at, reactivation_eligible_at);

--
-- Name: VIEW lead_suppression_status_v1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.lead_suppression_status_v1 IS 'One row per lead: may it be contacted, and if not why. For another moment use brain.lead_suppression_status_at(p_now).';

--
-- Name: COLUMN lead_suppression_status_v1.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_suppression_status_v1.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_suppression_status_v1.is_unsubscribed; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.is_unsubscribed IS 'True when the lead must not be contacted on any channel: an email unsubscribe or an all-channels revocation ("stop all", "don''t email me either") received and not undone by START or an operator''s lift, or status / lead_state is suppressed. A revocation by SMS or WhatsApp blocks only the phone''s channels: see suppressed_channels.';

--
-- Name: COLUMN lead_suppression_status_v1.suppression_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.suppression_reason IS 'Why: lead_state_suppressed, status_suppressed, opt_out:<channel>, unsubscribe:<channel>, suppression:<reason>, channel_suppression:<reason>; null when nothing applies.';

--
-- Name: COLUMN lead_suppression_status_v1.suppressed_channels; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.suppressed_channels IS 'Channels the lead may not be contacted on: all four when is_unsubscribed; voice, sms and whatsapp after a revocation by text or a wrong number (until START or an operator''s lift); a channel suppressions entry''s channel (an email bounce).';

--
-- Name: COLUMN lead_suppression_status_v1.in_negative_cooldown; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.in_negative_cooldown IS 'True while a negative reply''s cooldown runs.';

--
-- Name: COLUMN lead_suppression_status_v1.negative_cooldown_until; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.negative_cooldown_until IS 'End of the cooldown started by the last negative reply (org_settings.negative_cooldown_days, default 30).';

--
-- Name: COLUMN lead_suppression_status_v1.stop_event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.stop_event IS 'do_not_contact or appointment_booked when one is recorded; these stop all outreach.';

--
-- Name: COLUMN lead_suppression_status_v1.last_touch_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.last_touch_at IS 'Time of the last touch_sent memory event.';

--
-- Name: COLUMN lead_suppression_status_v1.last_inbound_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.last_inbound_at IS 'Time of the last inbound memory event (a reply, an answered call).';

--
-- Name: COLUMN lead_suppression_status_v1.reactivation_eligible_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_suppression_status_v1.reactivation_eligible_at IS 'When reactivation may start: last touch plus org_settings.reactivation_after_days (default 45), if the lead has not replied since; else null.';

--
-- Name: lead_timers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_timers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    timer_type text NOT NULL,
    trigger_at timestamp with time zone NOT NULL,
    executed_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 3 NOT NULL,
    last_error text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_timers_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT lead_timers_done_once_check CHECK (((executed_at IS NULL) OR (cancelled_at IS NULL))),
    CONSTRAINT lead_timers_max_attempts_check CHECK (((max_attempts >= 1) AND (max_attempts <= 20))),
    CONSTRAINT lead_timers_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT lead_timers_timer_type_check CHECK ((timer_type = ANY (ARRAY['TIMER_7D'::text, 'TIMER_14D'::text, 'TIMER_30D'::text, 'FOLLOW_UP'::text, 'CALLBACK'::text])))
);

--
-- Name: TABLE lead_timers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_timers IS 'Explicit per-lead timers (seed 004 Part 5): created on the first touch, cancelled on a reply, executed when due.';

--
-- Name: COLUMN lead_timers.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.id IS 'Timer id.';

--
-- Name: COLUMN lead_timers.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_timers.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_timers.timer_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.timer_type IS 'TIMER_7D, TIMER_14D, TIMER_30D, FOLLOW_UP or CALLBACK; one of each per lead.';

--
-- Name: COLUMN lead_timers.trigger_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.trigger_at IS 'When the timer is due.';

--
-- Name: COLUMN lead_timers.executed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.executed_at IS 'When it ran; null while pending.';

--
-- Name: COLUMN lead_timers.cancelled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.cancelled_at IS 'When it was cancelled (e.g. the lead replied).';

--
-- Name: COLUMN lead_timers.attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.attempts IS 'How many times running it was tried.';

--
-- Name: COLUMN lead_timers.max_attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.max_attempts IS 'Attempts after which it stops being retried.';

--
-- Name: COLUMN lead_timers.last_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.last_error IS 'Error of the last failed attempt.';

--
-- Name: COLUMN lead_timers.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.payload IS 'Context for the timer (persona, campaign).';

--
-- Name: COLUMN lead_timers.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.created_at IS 'When the timer was first created.';

--
-- Name: COLUMN lead_timers.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.updated_at IS 'When the row last changed (a refresh moves trigger_at).';

--
-- Name: login_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.login_attempts (
    id bigint NOT NULL,
    email text NOT NULL,
    ip text,
    succeeded boolean NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    outcome text DEFAULT 'failed'::text NOT NULL,
    user_id uuid,
    finished_at timestamp with time zone,
    CONSTRAINT login_attempts_outcome_check CHECK ((outcome = ANY (ARRAY['pending'::text, 'failed'::text, 'succeeded'::text]))),
    CONSTRAINT login_attempts_succeeded_check CHECK ((succeeded = (outcome = 'succeeded'::text)))
);

--
-- Name: TABLE login_attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.login_attempts IS 'Every checked login or password-confirmation attempt (email lower-cased, client address, outcome). public.login_begin records it as pending before the password is verified and public.login_finish settles it; the backoff policy (private.login_retry_after) reads it. Refused (rate-limited) attempts are not recorded.';

--
-- Name: COLUMN login_attempts.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.id IS 'Attempt id.';

--
-- Name: COLUMN login_attempts.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.email IS 'Email typed (lower-cased).';

--
-- Name: COLUMN login_attempts.ip; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.ip IS 'Client address.';

--
-- Name: COLUMN login_attempts.succeeded; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.succeeded IS 'Whether the password matched (outcome = succeeded).';

--
-- Name: COLUMN login_attempts.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.created_at IS 'When.';

--
-- Name: COLUMN login_attempts.outcome; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.outcome IS 'pending while the password is being verified; then failed or succeeded. A pending attempt counts as a failure for the limit.';

--
-- Name: COLUMN login_attempts.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.user_id IS 'The active user the email named when the attempt began; null when none.';

--
-- Name: COLUMN login_attempts.finished_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.login_attempts.finished_at IS 'When the outcome was settled; null while pending.';

--
-- Name: login_attempts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.login_attempts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.login_attempts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: multichannel_lead_signals; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.multichannel_lead_signals WITH (security_invoker='true') AS
 SELECT l.account_id,
    l.id AS lead_id,
    COALESCE(i.inbound_total, (0)::bigint) AS inbound_total,
    COALESCE(o.outbound_total, (0)::bigint) AS outbound_total,
    COALESCE(i.channels_replied, '{}'::text[]) AS channels_replied,
    COALESCE(o.channels_contacted, '{}'::text[]) AS channels_contacted,
    i.last_inbound_at,
    i.last_inbound_channel,
    o.last_outbound_at,
    COALESCE(i.positive_replies, (0)::bigint) AS positive_replies,
    COALESCE(i.negative_replies, (0)::bigint) AS negative_replies,
    COALESCE(i.opt_outs, (0)::bigint) AS opt_outs
   FROM ((public.leads l
     LEFT JOIN LATERAL ( SELECT count(*) AS inbound_total,
            array_agg(DISTINCT (m.channel)::text ORDER BY (m.channel)::text) AS channels_replied,
            max(m.received_at) AS last_inbound_at,
            (array_agg((m.channel)::text ORDER BY m.received_at DESC))[1] AS last_inbound_channel,
            count(*) FILTER (WHERE (m.classification = 'positive'::text)) AS positive_replies,
            count(*) FILTER (WHERE (m.classification = 'negative'::text)) AS negative_replies,
            count(*) FILTER (WHERE (m.keyword = 'opt_out'::text)) AS opt_outs
           FROM public.inbound_messages m
          WHERE (m.lead_id = l.id)) i ON (true))
     LEFT JOIN LATERAL ( SELECT count(*) AS outbound_total,
            array_agg(DISTINCT (m.channel)::text ORDER BY (m.channel)::text) AS channels_contacted,
            max(COALESCE(m.sent_at, m.created_at)) AS last_outbound_at
           FROM public.outbound_messages m
          WHERE ((m.lead_id = l.id) AND (m.status = ANY (ARRAY['sent'::text, 'delivered'::text])))) o ON (true));

--
-- Name: VIEW multichannel_lead_signals; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.multichannel_lead_signals IS 'Per lead, what happened across channels: messages each way, channels used, last contact both ways, and reply sentiment.';

--
-- Name: COLUMN multichannel_lead_signals.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.account_id IS 'Owning account.';

--
-- Name: COLUMN multichannel_lead_signals.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.lead_id IS 'The lead.';

--
-- Name: COLUMN multichannel_lead_signals.inbound_total; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.inbound_total IS 'Messages received from the lead.';

--
-- Name: COLUMN multichannel_lead_signals.outbound_total; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.outbound_total IS 'Messages sent or delivered to the lead.';

--
-- Name: COLUMN multichannel_lead_signals.channels_replied; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.channels_replied IS 'Channels the lead wrote on.';

--
-- Name: COLUMN multichannel_lead_signals.channels_contacted; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.channels_contacted IS 'Channels we reached the lead on.';

--
-- Name: COLUMN multichannel_lead_signals.last_inbound_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.last_inbound_at IS 'Last message from the lead.';

--
-- Name: COLUMN multichannel_lead_signals.last_inbound_channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.last_inbound_channel IS 'Channel of that message.';

--
-- Name: COLUMN multichannel_lead_signals.last_outbound_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.last_outbound_at IS 'Last message sent to the lead.';

--
-- Name: COLUMN multichannel_lead_signals.positive_replies; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.positive_replies IS 'Replies classified positive.';

--
-- Name: COLUMN multichannel_lead_signals.negative_replies; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.negative_replies IS 'Replies classified negative.';

--
-- Name: COLUMN multichannel_lead_signals.opt_outs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.multichannel_lead_signals.opt_outs IS 'STOP-type messages received.';

--
-- Name: phone_area_codes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.phone_area_codes (
    area_code text NOT NULL,
    country text NOT NULL,
    region text,
    time_zone public.time_zone NOT NULL,
    CONSTRAINT phone_area_codes_area_code_check CHECK ((area_code ~ '^[2-9][0-9]{2}$'::text)),
    CONSTRAINT phone_area_codes_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT phone_area_codes_region_check CHECK ((region ~ '^[A-Z]{2}$'::text))
);

--
-- Name: TABLE phone_area_codes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.phone_area_codes IS 'Geographic North American Numbering Plan area codes (US, Canada, US territories, Caribbean NANP countries) and the time zone to assume for a lead whose leads.timezone is missing. An area code that spans several zones gets the zone where most of its population lives (850 Florida panhandle: America/Chicago; 915 El Paso: America/Denver), so a few leads near a zone line are off by an hour. Non-geographic codes (5XX personal, 600, 700, toll-free 8XX, 900) are absent on purpose. Written only by migrations.';

--
-- Name: COLUMN phone_area_codes.area_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.phone_area_codes.area_code IS 'The three digits after +1 in an E.164 number: substr(phone, 3, 3).';

--
-- Name: COLUMN phone_area_codes.country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.phone_area_codes.country IS 'ISO 3166-1 alpha-2 code of the country or territory the number belongs to: US (50 states and DC), CA, PR, VI, GU, MP, AS for US territories, or the Caribbean NANP country (DO, JM, BS, ...).';

--
-- Name: COLUMN phone_area_codes.region; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.phone_area_codes.region IS 'State, province or territory postal code (FL, ON, ...) of a US or CA area code; null for the other countries and territories, and for a code shared by several provinces or territories (782 and 902: Nova Scotia and Prince Edward Island; 867: Yukon, Northwest Territories and Nunavut).';

--
-- Name: COLUMN phone_area_codes.time_zone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.phone_area_codes.time_zone IS 'IANA time zone where most of the area code''s population lives.';

--
-- Name: provider_readiness; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.provider_readiness (
    provider text NOT NULL,
    ready boolean NOT NULL,
    detail text NOT NULL,
    checked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT provider_readiness_provider_check CHECK ((provider = ANY (ARRAY['twilio'::text, 'telnyx'::text, 'elastic_email'::text, 'openai'::text])))
);

--
-- Name: TABLE provider_readiness; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.provider_readiness IS 'Whether each real provider is configured, as the worker found it at start-up. The sink provider is always ready and has no row.';

--
-- Name: COLUMN provider_readiness.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.provider_readiness.provider IS 'twilio, telnyx, elastic_email or openai.';

--
-- Name: COLUMN provider_readiness.ready; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.provider_readiness.ready IS 'True when the credentials the provider needs are configured.';

--
-- Name: COLUMN provider_readiness.detail; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.provider_readiness.detail IS 'What is missing, or what was found (never a secret), e.g. seed 000''s missing_elastic_env message.';

--
-- Name: COLUMN provider_readiness.checked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.provider_readiness.checked_at IS 'When the worker last wrote it.';

--
-- Name: sender_addresses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sender_addresses (
    address text NOT NULL,
    account_id uuid NOT NULL,
    channels public.channel[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sender_addresses_address_check CHECK (((address = lower(btrim(address))) AND (address <> ''::text))),
    CONSTRAINT sender_addresses_channels_check CHECK ((cardinality(channels) > 0))
);

--
-- Name: TABLE sender_addresses; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.sender_addresses IS 'Who owns each sender number or address: one account per address, across all accounts (the one tenant table whose key leaves account_id out, on purpose: an inbound message names only the number it was sent to). Kept in step with account_provider_settings.config.senders by a trigger; not written directly.';

--
-- Name: COLUMN sender_addresses.address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_addresses.address IS 'The number (E.164) or address as listed in config.senders, trimmed and lower-case.';

--
-- Name: COLUMN sender_addresses.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_addresses.account_id IS 'The one account whose settings list this address.';

--
-- Name: COLUMN sender_addresses.channels; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_addresses.channels IS 'The channels of that account whose provider settings list it (e.g. {sms,voice}).';

--
-- Name: COLUMN sender_addresses.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_addresses.created_at IS 'When the account first listed it.';

--
-- Name: sender_daily_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sender_daily_counts (
    account_id uuid NOT NULL,
    channel public.channel NOT NULL,
    sender text NOT NULL,
    day date NOT NULL,
    sent integer DEFAULT 0 NOT NULL,
    CONSTRAINT sender_daily_counts_sender_check CHECK (((length(sender) >= 1) AND (length(sender) <= 320))),
    CONSTRAINT sender_daily_counts_sent_check CHECK ((sent >= 0))
);

--
-- Name: TABLE sender_daily_counts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.sender_daily_counts IS 'How many sends each sender started per UTC day (the email per-inbox daily cap).';

--
-- Name: COLUMN sender_daily_counts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_daily_counts.account_id IS 'Owning account.';

--
-- Name: COLUMN sender_daily_counts.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_daily_counts.channel IS 'Channel.';

--
-- Name: COLUMN sender_daily_counts.sender; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_daily_counts.sender IS 'The sending address.';

--
-- Name: COLUMN sender_daily_counts.day; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_daily_counts.day IS 'UTC day.';

--
-- Name: COLUMN sender_daily_counts.sent; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_daily_counts.sent IS 'Sends started that day.';

--
-- Name: sender_rate_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sender_rate_state (
    account_id uuid NOT NULL,
    channel public.channel NOT NULL,
    sender text NOT NULL,
    recent timestamp with time zone[] DEFAULT '{}'::timestamp with time zone[] NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sender_rate_state_sender_check CHECK (((length(sender) >= 1) AND (length(sender) <= 320)))
);

--
-- Name: TABLE sender_rate_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.sender_rate_state IS 'Per sender (a number or inbox): the start times reserved for its latest sends, oldest first, at most max_per_second of them. A new send may start one second after the oldest.';

--
-- Name: COLUMN sender_rate_state.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_rate_state.account_id IS 'Owning account.';

--
-- Name: COLUMN sender_rate_state.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_rate_state.channel IS 'Channel the sender sends on.';

--
-- Name: COLUMN sender_rate_state.sender; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_rate_state.sender IS 'The sending number or address.';

--
-- Name: COLUMN sender_rate_state.recent; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_rate_state.recent IS 'Reserved start times of the latest sends, oldest first.';

--
-- Name: COLUMN sender_rate_state.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.sender_rate_state.updated_at IS 'When a slot was last reserved.';

--
-- Name: suppressions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppressions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    channel public.channel,
    phone public.e164_phone,
    email public.email_address,
    reason text NOT NULL,
    source text DEFAULT 'manual'::text NOT NULL,
    lead_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    lifted_at timestamp with time zone,
    lifted_reason text,
    CONSTRAINT suppressions_lifted_check CHECK (((lifted_at IS NULL) OR (lifted_at >= created_at))),
    CONSTRAINT suppressions_one_address_check CHECK ((num_nonnulls(phone, email) = 1)),
    CONSTRAINT suppressions_reason_check CHECK ((reason ~ '^[a-z][a-z0-9_]{0,63}$'::text))
);

--
-- Name: TABLE suppressions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.suppressions IS 'Addresses that must not be contacted: STOP replies, bounces, complaints, operator entries. A row is active while lifted_at is null.';

--
-- Name: COLUMN suppressions.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.id IS 'Row id.';

--
-- Name: COLUMN suppressions.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.account_id IS 'Owning account.';

--
-- Name: COLUMN suppressions.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.channel IS 'Channel suppressed; null means every channel.';

--
-- Name: COLUMN suppressions.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.phone IS 'Suppressed phone (E.164); exactly one of phone or email is set.';

--
-- Name: COLUMN suppressions.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.email IS 'Suppressed email; exactly one of phone or email is set.';

--
-- Name: COLUMN suppressions.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.reason IS 'Why: opt_out_keyword, bounce, complaint, unsubscribe, manual, ...';

--
-- Name: COLUMN suppressions.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.source IS 'Component or person that added it.';

--
-- Name: COLUMN suppressions.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lead_id IS 'Lead that caused it, when known.';

--
-- Name: COLUMN suppressions.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.created_at IS 'When it took effect.';

--
-- Name: COLUMN suppressions.lifted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lifted_at IS 'When it was lifted (e.g. START); null while active.';

--
-- Name: COLUMN suppressions.lifted_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lifted_reason IS 'Why it was lifted.';

--
-- Name: touch_run_status_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_run_status_transitions (
    from_status text NOT NULL,
    to_status text NOT NULL,
    CONSTRAINT touch_run_status_transitions_not_self_check CHECK ((from_status <> to_status))
);

--
-- Name: TABLE touch_run_status_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_run_status_transitions IS 'Allowed touch_runs status changes; any other raises invalid_touch_run_transition.';

--
-- Name: COLUMN touch_run_status_transitions.from_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_status_transitions.from_status IS 'Current status.';

--
-- Name: COLUMN touch_run_status_transitions.to_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_status_transitions.to_status IS 'Status it may move to.';

--
-- Name: touch_run_statuses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_run_statuses (
    status text NOT NULL,
    is_final boolean NOT NULL,
    description text NOT NULL
);

--
-- Name: TABLE touch_run_statuses; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_run_statuses IS 'The touch_runs status lifecycle.';

--
-- Name: COLUMN touch_run_statuses.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.status IS 'Status name stored in touch_runs.status.';

--
-- Name: COLUMN touch_run_statuses.is_final; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.is_final IS 'True when the touch will never change again.';

--
-- Name: COLUMN touch_run_statuses.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.description IS 'What the status means.';

--
-- Name: touch_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    campaign_id uuid,
    step integer DEFAULT 1 NOT NULL,
    channel public.channel NOT NULL,
    attempt integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'scheduled'::text NOT NULL,
    scheduled_at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    send_key text,
    provider text,
    provider_message_id text,
    error_code text,
    error_message text,
    claimed_at timestamp with time zone,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    failed_at timestamp with time zone,
    canceled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    claimed_by text,
    retry_of uuid,
    CONSTRAINT touch_runs_attempt_check CHECK (((attempt >= 1) AND (attempt <= 100))),
    CONSTRAINT touch_runs_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT touch_runs_step_check CHECK (((step >= 1) AND (step <= 100)))
);

--
-- Name: TABLE touch_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_runs IS 'One attempt on one channel for one lead (and campaign step). payload follows seed 002''s Touch payload v2.';

--
-- Name: COLUMN touch_runs.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.id IS 'Touch id (memory events refer to it as payload.touch_run_id).';

--
-- Name: COLUMN touch_runs.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.account_id IS 'Owning account.';

--
-- Name: COLUMN touch_runs.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.lead_id IS 'The lead to contact.';

--
-- Name: COLUMN touch_runs.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.campaign_id IS 'Campaign of the touch; null for touches outside a campaign (reactivation, replies).';

--
-- Name: COLUMN touch_runs.step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.step IS 'Campaign step the touch belongs to.';

--
-- Name: COLUMN touch_runs.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.channel IS 'Channel of this attempt (payload.routing.current_channel).';

--
-- Name: COLUMN touch_runs.attempt; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.attempt IS 'Attempt number on this channel for this lead, campaign and step.';

--
-- Name: COLUMN touch_runs.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.status IS 'scheduled, queued, sending, sent, delivered, failed, canceled or unknown (touch_run_status_transitions).';

--
-- Name: COLUMN touch_runs.scheduled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.scheduled_at IS 'When the touch is due.';

--
-- Name: COLUMN touch_runs.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.payload IS 'Touch payload v2: message_class, routing (fallback, stop_on_events, expires_at), delivery, provider, meta.';

--
-- Name: COLUMN touch_runs.send_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.send_key IS 'Idempotency key of the send intent (outbound_messages.send_key), set at claim.';

--
-- Name: COLUMN touch_runs.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.provider IS 'Provider that handled the send.';

--
-- Name: COLUMN touch_runs.provider_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.provider_message_id IS 'Provider''s id for the message or call.';

--
-- Name: COLUMN touch_runs.error_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.error_code IS 'Stable error code when failed or canceled.';

--
-- Name: COLUMN touch_runs.error_message; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.error_message IS 'Readable error (never a message body or secret).';

--
-- Name: COLUMN touch_runs.claimed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.claimed_at IS 'When a worker claimed it (status sending).';

--
-- Name: COLUMN touch_runs.sent_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.sent_at IS 'When the provider accepted it.';

--
-- Name: COLUMN touch_runs.delivered_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.delivered_at IS 'When delivery was confirmed.';

--
-- Name: COLUMN touch_runs.failed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.failed_at IS 'When it failed.';

--
-- Name: COLUMN touch_runs.canceled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.canceled_at IS 'When it was canceled.';

--
-- Name: COLUMN touch_runs.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.created_at IS 'When the touch was created (v_campaign_runtime_status_v1 counts by this).';

--
-- Name: COLUMN touch_runs.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN touch_runs.claimed_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.claimed_by IS 'The worker process (worker_heartbeats.worker_id) that claimed the touch; when it is declared dead, its touches still sending become unknown.';

--
-- Name: COLUMN touch_runs.retry_of; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.retry_of IS 'The attempt this one re-sends, when the provider confirmed it never received that one (error_code reconciled_not_found); null for a first attempt.';

--
-- Name: user_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    account_id uuid NOT NULL,
    csrf_token text NOT NULL,
    ip text,
    user_agent text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT user_sessions_csrf_token_check CHECK ((length(csrf_token) >= 32)),
    CONSTRAINT user_sessions_expiry_check CHECK ((expires_at > created_at))
);

--
-- Name: TABLE user_sessions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.user_sessions IS 'Console sessions: one row per login. The cookie carries the signed id; revoking the row logs the browser out. Read only through public.session_context (security definer).';

--
-- Name: COLUMN user_sessions.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.id IS 'Session id (in the signed cookie).';

--
-- Name: COLUMN user_sessions.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.user_id IS 'Who is logged in.';

--
-- Name: COLUMN user_sessions.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.account_id IS 'Workspace (account) the session acts in.';

--
-- Name: COLUMN user_sessions.csrf_token; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.csrf_token IS 'Token every state-changing request must echo (form field _csrf or header X-CSRF-Token).';

--
-- Name: COLUMN user_sessions.ip; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.ip IS 'Client address at login.';

--
-- Name: COLUMN user_sessions.user_agent; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.user_agent IS 'Browser at login.';

--
-- Name: COLUMN user_sessions.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.created_at IS 'Login time.';

--
-- Name: COLUMN user_sessions.last_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.last_seen_at IS 'Last request.';

--
-- Name: COLUMN user_sessions.expires_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.expires_at IS 'After this the session is no longer valid.';

--
-- Name: COLUMN user_sessions.revoked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.user_sessions.revoked_at IS 'Logout time; a revoked session is not valid.';

--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email public.email_address NOT NULL,
    display_name text,
    password_hash text,
    is_active boolean DEFAULT true NOT NULL,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_display_name_check CHECK (((length(btrim(display_name)) >= 1) AND (length(btrim(display_name)) <= 200)))
);

--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'People who log in to the console. Global (not a tenant table): access comes from account_members.';

--
-- Name: COLUMN users.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.id IS 'User id.';

--
-- Name: COLUMN users.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.email IS 'Login email, lower-case, unique.';

--
-- Name: COLUMN users.display_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.display_name IS 'Name shown in the console.';

--
-- Name: COLUMN users.password_hash; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.password_hash IS 'scrypt hash of the password; null means the user cannot log in with a password. Never readable by API or analyst roles.';

--
-- Name: COLUMN users.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.is_active IS 'False disables the user everywhere.';

--
-- Name: COLUMN users.last_login_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.last_login_at IS 'Last successful login.';

--
-- Name: COLUMN users.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.created_at IS 'When the user was created.';

--
-- Name: COLUMN users.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.updated_at IS 'When the row last changed.';

--
-- Name: v_campaign_runtime_status_v1; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_campaign_runtime_status_v1 WITH (security_invoker='true') AS
 SELECT c.account_id,
    c.id AS campaign_id,
    c.campaign_key,
    c.name,
    c.is_active,
    c.status,
    t.last_touch_run_at,
    COALESCE(t.touch_runs_24h, (0)::bigint) AS touch_runs_24h,
    COALESCE(t.queued_24h, (0)::bigint) AS queued_24h,
    COALESCE(t.sent_24h, (0)::bigint) AS sent_24h,
    COALESCE(t.failed_24h, (0)::bigint) AS failed_24h,
    COALESCE(e.active_enrollments, (0)::bigint) AS active_enrollments
   FROM ((public.campaigns c
     LEFT JOIN LATERAL ( SELECT max(tr.created_at) AS last_touch_run_at,
            count(*) FILTER (WHERE (tr.created_at > (now() - '24:00:00'::interval))) AS touch_runs_24h,
            count(*) FILTER (WHERE ((tr.created_at > (now() - '24:00:00'::interval)) AND (tr.status = ANY (ARRAY['scheduled'::text, 'queued'::text, 'sending'::text])))) AS queued_24h,
            count(*) FILTER (WHERE ((tr.created_at > (now() - '24:00:00'::interval)) AND (tr.status = ANY (ARRAY['sent'::text, 'delivered'::text])))) AS sent_24h,
            count(*) FILTER (WHERE ((tr.created_at > (now() - '24:00:00'::interval)) AND (tr.status = 'failed'::text))) AS failed_24h
           FROM public.touch_runs tr
          WHERE (tr.campaign_id = c.id)) t ON (true))
     LEFT JOIN LATERAL ( SELECT count(*) AS active_enrollments
           FROM public.campaign_leads cl
          WHERE ((cl.campaign_id = c.id) AND (cl.status = 'active'::text))) e ON (true));

--
-- Name: VIEW v_campaign_runtime_status_v1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_campaign_runtime_status_v1 IS 'Seed 000''s campaign runtime truth: per (account_id, campaign_id), last_touch_run_at = max(touch_runs.created_at) and counts of touch_runs created in the last 24 hours.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.account_id IS 'Owning account.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.campaign_id IS 'The campaign.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.campaign_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.campaign_key IS 'Stable key of the campaign.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.name IS 'Display name.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.is_active IS 'The on/off truth.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.status IS 'active or paused, derived from is_active.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.last_touch_run_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.last_touch_run_at IS 'max(touch_runs.created_at) of the campaign.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.touch_runs_24h; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.touch_runs_24h IS 'touch_runs created in the last 24 hours.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.queued_24h; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.queued_24h IS '... of which still scheduled, queued or sending.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.sent_24h; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.sent_24h IS '... of which sent or delivered.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.failed_24h; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.failed_24h IS '... of which failed.';

--
-- Name: COLUMN v_campaign_runtime_status_v1.active_enrollments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_campaign_runtime_status_v1.active_enrollments IS 'Leads enrolled with status active.';

--
-- Name: v_craigslist_ssv_v0; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_craigslist_ssv_v0 WITH (security_invoker='true') AS
 SELECT l.account_id,
    l.city,
    ((COALESCE(l.first_seen_at, l.created_at) AT TIME ZONE 'UTC'::text))::date AS day_utc,
    count(*) AS new_leads
   FROM public.leads l
  WHERE (l.source = 'craigslist'::text)
  GROUP BY l.account_id, l.city, (((COALESCE(l.first_seen_at, l.created_at) AT TIME ZONE 'UTC'::text))::date);

--
-- Name: VIEW v_craigslist_ssv_v0; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_craigslist_ssv_v0 IS 'Craigslist supply velocity (seed 001): new leads per city per UTC day, dated by coalesce(first_seen_at, created_at) so rows without a first_seen_at are not counted as "now".';

--
-- Name: COLUMN v_craigslist_ssv_v0.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_craigslist_ssv_v0.account_id IS 'Owning account.';

--
-- Name: COLUMN v_craigslist_ssv_v0.city; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_craigslist_ssv_v0.city IS 'City of the leads.';

--
-- Name: COLUMN v_craigslist_ssv_v0.day_utc; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_craigslist_ssv_v0.day_utc IS 'UTC day the leads were first seen.';

--
-- Name: COLUMN v_craigslist_ssv_v0.new_leads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_craigslist_ssv_v0.new_leads IS 'Leads first seen that day.';

--
-- Name: v_lead_channel_attempts; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_lead_channel_attempts WITH (security_invoker='true') AS
 SELECT lead_channel_attempts_at.account_id,
    lead_channel_attempts_at.lead_id,
    lead_channel_attempts_at.campaign_id,
    lead_channel_attempts_at.step,
    lead_channel_attempts_at.channel,
    lead_channel_attempts_at.attempts_done,
    lead_channel_attempts_at.last_attempt_at
   FROM brain.lead_channel_attempts_at(now()) lead_channel_attempts_at(account_id, lead_id, campaign_id, step, channel, attempts_done, last_attempt_at);

--
-- Name: VIEW v_lead_channel_attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_lead_channel_attempts IS 'Seed 002''s attempt history per lead + step + channel, extended with campaign_id so a lead in two campaigns never mixes their attempts. Attempts are touch_sent and touch_failed memory events.';

--
-- Name: COLUMN v_lead_channel_attempts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.account_id IS 'Owning account.';

--
-- Name: COLUMN v_lead_channel_attempts.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.lead_id IS 'The lead.';

--
-- Name: COLUMN v_lead_channel_attempts.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.campaign_id IS 'Campaign of the touches (null for touches outside a campaign).';

--
-- Name: COLUMN v_lead_channel_attempts.step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.step IS 'Campaign step.';

--
-- Name: COLUMN v_lead_channel_attempts.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.channel IS 'Channel.';

--
-- Name: COLUMN v_lead_channel_attempts.attempts_done; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.attempts_done IS 'touch_sent + touch_failed events of this lead, campaign, step and channel.';

--
-- Name: COLUMN v_lead_channel_attempts.last_attempt_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_channel_attempts.last_attempt_at IS 'Time of the last of those events; cooldowns run from here.';

--
-- Name: v_lead_with_enrichment_and_campaign_v1; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.v_lead_with_enrichment_and_campaign_v1 WITH (security_invoker='true') AS
 SELECT e.account_id,
    e.lead_id,
    e.lead_name,
    e.first_name,
    e.last_name,
    e.company_name,
    e.phone,
    e.phone_line_type,
    e.email,
    e.alternate_emails,
    e.is_gold,
    e.source,
    e.external_id,
    e.city,
    e.region,
    e.country,
    e.time_zone,
    e.status,
    e.lead_state,
    e.persona,
    e.assigned_user_id,
    e.priority_score,
    e.attributes,
    e.first_seen_at,
    e.created_at,
    c.campaign_id,
    c.campaign_key,
    c.campaign_name,
    c.campaign_is_active,
    c.enrollment_status,
    c.current_step,
    c.next_step_at
   FROM (public.lead_enriched e
     LEFT JOIN LATERAL ( SELECT cl.campaign_id,
            ca.campaign_key,
            ca.name AS campaign_name,
            ca.is_active AS campaign_is_active,
            cl.status AS enrollment_status,
            cl.current_step,
            cl.next_step_at
           FROM (public.campaign_leads cl
             JOIN public.campaigns ca ON (((ca.id = cl.campaign_id) AND (ca.account_id = cl.account_id))))
          WHERE (cl.lead_id = e.lead_id)
          ORDER BY (cl.status = 'active'::text) DESC, cl.enrolled_at DESC
         LIMIT 1) c ON (true));

--
-- Name: VIEW v_lead_with_enrichment_and_campaign_v1; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.v_lead_with_enrichment_and_campaign_v1 IS 'lead_enriched plus the lead''s current campaign enrollment (the active one, else the latest).';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.account_id IS 'Owning account.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.lead_id IS 'The lead.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.lead_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.lead_name IS 'First and last name.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.first_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.first_name IS 'Given name.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.last_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.last_name IS 'Family name.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.company_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.company_name IS 'Business name.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.phone IS 'Phone, E.164.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.phone_line_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.phone_line_type IS 'mobile, landline, voip or unknown.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.email IS 'Primary email.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.alternate_emails; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.alternate_emails IS 'Other addresses.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.is_gold; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.is_gold IS 'Mobile phone and email both known.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.source IS 'Where the lead came from.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.external_id IS 'The source''s id.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.city; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.city IS 'City.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.region; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.region IS 'State or province.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.country IS 'Country code.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.time_zone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.time_zone IS 'Effective time zone.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.status IS 'Record status.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.lead_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.lead_state IS 'Lifecycle state.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.persona; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.persona IS 'Persona that speaks next.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.assigned_user_id IS 'Assigned setter.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.priority_score; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.priority_score IS 'Stored priority score.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.attributes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.attributes IS 'Source-specific attributes.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.first_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.first_seen_at IS 'When the source first showed the lead.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.created_at IS 'When the lead was recorded.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.campaign_id IS 'Campaign of the enrollment.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.campaign_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.campaign_key IS 'Its key.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.campaign_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.campaign_name IS 'Its name.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.campaign_is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.campaign_is_active IS 'Whether the campaign is on.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.enrollment_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.enrollment_status IS 'active, paused, completed or stopped.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.current_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.current_step IS 'Next step of the enrollment.';

--
-- Name: COLUMN v_lead_with_enrichment_and_campaign_v1.next_step_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.v_lead_with_enrichment_and_campaign_v1.next_step_at IS 'When that step is due.';

--
-- Name: webhook_receipts_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.webhook_receipts_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: webhook_receipts_seq_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.webhook_receipts_seq_seq OWNED BY public.webhook_receipts.seq;

--
-- Name: worker_heartbeats; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.worker_heartbeats (
    worker_id text NOT NULL,
    pid integer NOT NULL,
    host text NOT NULL,
    job_worker_ids text[] DEFAULT '{}'::text[] NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    beat_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT worker_heartbeats_host_check CHECK (((length(host) >= 1) AND (length(host) <= 255))),
    CONSTRAINT worker_heartbeats_worker_id_check CHECK (((length(worker_id) >= 1) AND (length(worker_id) <= 200)))
);

--
-- Name: TABLE worker_heartbeats; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.worker_heartbeats IS 'One row per live worker process, refreshed every WORKER_HEARTBEAT_MS (10 s). A row silent for WORKER_DEAD_AFTER_MS (60 s) is declared dead by brain.declare_dead_workers and removed. Not tenant data: workers serve every account.';

--
-- Name: COLUMN worker_heartbeats.worker_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.worker_id IS 'The process''s worker id (WORKER_ID, else host:pid); touch_runs.claimed_by holds it for the touches it claims.';

--
-- Name: COLUMN worker_heartbeats.pid; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.pid IS 'Operating-system process id of the worker.';

--
-- Name: COLUMN worker_heartbeats.host; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.host IS 'Host name the worker runs on.';

--
-- Name: COLUMN worker_heartbeats.job_worker_ids; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.job_worker_ids IS 'The ids graphile-worker locks this process''s jobs with (graphile_worker.jobs.locked_by): its worker pool id and its workers'' ids.';

--
-- Name: COLUMN worker_heartbeats.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.started_at IS 'When the worker process started.';

--
-- Name: COLUMN worker_heartbeats.beat_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.worker_heartbeats.beat_at IS 'Its latest heartbeat.';

--
-- Name: webhook_receipts seq; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts ALTER COLUMN seq SET DEFAULT nextval('public.webhook_receipts_seq_seq'::regclass);

--
-- Name: craigslist_tasks_v1 craigslist_tasks_v1_pkey; Type: CONSTRAINT; Schema: lead_hunter; Owner: -
--

ALTER TABLE ONLY lead_hunter.craigslist_tasks_v1
    ADD CONSTRAINT craigslist_tasks_v1_pkey PRIMARY KEY (id, account_id);

--
-- Name: analyst_logins analyst_logins_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.analyst_logins
    ADD CONSTRAINT analyst_logins_pkey PRIMARY KEY (login);

--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

--
-- Name: account_api_tokens account_api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_api_tokens
    ADD CONSTRAINT account_api_tokens_pkey PRIMARY KEY (id);

--
-- Name: account_api_tokens account_api_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_api_tokens
    ADD CONSTRAINT account_api_tokens_token_hash_key UNIQUE (token_hash);

--
-- Name: account_events account_events_account_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_events
    ADD CONSTRAINT account_events_account_dedupe_key_key UNIQUE (account_id, dedupe_key);

--
-- Name: account_events account_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_events
    ADD CONSTRAINT account_events_pkey PRIMARY KEY (id, account_id);

--
-- Name: account_invites account_invites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_invites
    ADD CONSTRAINT account_invites_pkey PRIMARY KEY (id);

--
-- Name: account_members account_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_pkey PRIMARY KEY (account_id, user_id);

--
-- Name: account_provider_credentials account_provider_credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_credentials
    ADD CONSTRAINT account_provider_credentials_pkey PRIMARY KEY (account_id, provider);

--
-- Name: account_provider_settings account_provider_settings_account_channel_provider_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_account_channel_provider_key UNIQUE (account_id, channel, provider);

--
-- Name: account_provider_settings account_provider_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_pkey PRIMARY KEY (id, account_id);

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

--
-- Name: accounts accounts_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_slug_key UNIQUE (slug);

--
-- Name: ai_drafts ai_drafts_message_channel_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_message_channel_key UNIQUE (account_id, inbound_message_id, channel);

--
-- Name: ai_drafts ai_drafts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_pkey PRIMARY KEY (id, account_id);

--
-- Name: ai_personas ai_personas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_personas
    ADD CONSTRAINT ai_personas_pkey PRIMARY KEY (id, account_id);

--
-- Name: call_queue call_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_pkey PRIMARY KEY (id, account_id);

--
-- Name: campaign_leads campaign_leads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_pkey PRIMARY KEY (account_id, campaign_id, lead_id);

--
-- Name: campaign_steps campaign_steps_account_campaign_step_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_account_campaign_step_key UNIQUE (account_id, campaign_id, step);

--
-- Name: campaign_steps campaign_steps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_pkey PRIMARY KEY (id, account_id);

--
-- Name: campaigns campaigns_account_campaign_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_account_campaign_key_key UNIQUE (account_id, campaign_key);

--
-- Name: campaigns campaigns_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id, account_id);

--
-- Name: core_memory_events core_memory_events_account_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_account_dedupe_key_key UNIQUE (account_id, dedupe_key);

--
-- Name: core_memory_events core_memory_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_pkey PRIMARY KEY (id, account_id);

--
-- Name: inbound_messages inbound_messages_account_provider_message_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_messages
    ADD CONSTRAINT inbound_messages_account_provider_message_key UNIQUE (account_id, provider, provider_message_id);

--
-- Name: inbound_messages inbound_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_messages
    ADD CONSTRAINT inbound_messages_pkey PRIMARY KEY (id, account_id);

--
-- Name: lead_assignment_events lead_assignment_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment_events
    ADD CONSTRAINT lead_assignment_events_pkey PRIMARY KEY (id, account_id);

--
-- Name: lead_events lead_events_account_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_account_dedupe_key_key UNIQUE (account_id, dedupe_key);

--
-- Name: lead_events lead_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_pkey PRIMARY KEY (id, account_id);

--
-- Name: lead_import_rejects lead_import_rejects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_import_rejects
    ADD CONSTRAINT lead_import_rejects_pkey PRIMARY KEY (account_id, import_id, row_number);

--
-- Name: lead_imports lead_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_imports
    ADD CONSTRAINT lead_imports_pkey PRIMARY KEY (id, account_id);

--
-- Name: lead_state_transitions lead_state_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_pkey PRIMARY KEY (from_state, to_state);

--
-- Name: lead_states lead_states_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_states
    ADD CONSTRAINT lead_states_pkey PRIMARY KEY (state);

--
-- Name: lead_states lead_states_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_states
    ADD CONSTRAINT lead_states_position_key UNIQUE ("position");

--
-- Name: lead_timers lead_timers_account_lead_type_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_account_lead_type_key UNIQUE (account_id, lead_id, timer_type);

--
-- Name: lead_timers lead_timers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_pkey PRIMARY KEY (id, account_id);

--
-- Name: leads leads_account_source_external_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_account_source_external_id_key UNIQUE (account_id, source, external_id);

--
-- Name: leads leads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_pkey PRIMARY KEY (id, account_id);

--
-- Name: login_attempts login_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (id);

--
-- Name: org_settings org_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_settings
    ADD CONSTRAINT org_settings_pkey PRIMARY KEY (account_id);

--
-- Name: outbound_messages outbound_messages_account_provider_message_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_account_provider_message_key UNIQUE (account_id, provider, provider_message_id);

--
-- Name: outbound_messages outbound_messages_account_send_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_account_send_key_key UNIQUE (account_id, send_key);

--
-- Name: outbound_messages outbound_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_pkey PRIMARY KEY (id, account_id);

--
-- Name: phone_area_codes phone_area_codes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.phone_area_codes
    ADD CONSTRAINT phone_area_codes_pkey PRIMARY KEY (area_code);

--
-- Name: provider_readiness provider_readiness_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.provider_readiness
    ADD CONSTRAINT provider_readiness_pkey PRIMARY KEY (provider);

--
-- Name: sender_addresses sender_addresses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_addresses
    ADD CONSTRAINT sender_addresses_pkey PRIMARY KEY (address);

--
-- Name: sender_daily_counts sender_daily_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_daily_counts
    ADD CONSTRAINT sender_daily_counts_pkey PRIMARY KEY (account_id, channel, sender, day);

--
-- Name: sender_rate_state sender_rate_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_rate_state
    ADD CONSTRAINT sender_rate_state_pkey PRIMARY KEY (account_id, channel, sender);

--
-- Name: suppressions suppressions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_pkey PRIMARY KEY (id, account_id);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_pkey PRIMARY KEY (from_status, to_status);

--
-- Name: touch_run_statuses touch_run_statuses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_statuses
    ADD CONSTRAINT touch_run_statuses_pkey PRIMARY KEY (status);

--
-- Name: touch_runs touch_runs_attempt_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_attempt_key UNIQUE NULLS NOT DISTINCT (account_id, lead_id, campaign_id, step, channel, attempt);

--
-- Name: touch_runs touch_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_pkey PRIMARY KEY (id, account_id);

--
-- Name: user_sessions user_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_pkey PRIMARY KEY (id);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: webhook_receipts webhook_receipts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT webhook_receipts_pkey PRIMARY KEY (provider, idempotency_key, account_id);

--
-- Name: worker_heartbeats worker_heartbeats_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.worker_heartbeats
    ADD CONSTRAINT worker_heartbeats_pkey PRIMARY KEY (worker_id);

--
-- Name: craigslist_tasks_v1_account_city_created_idx; Type: INDEX; Schema: lead_hunter; Owner: -
--

CREATE INDEX craigslist_tasks_v1_account_city_created_idx ON lead_hunter.craigslist_tasks_v1 USING btree (account_id, city, created_at DESC);

--
-- Name: craigslist_tasks_v1_account_external_id_idx; Type: INDEX; Schema: lead_hunter; Owner: -
--

CREATE UNIQUE INDEX craigslist_tasks_v1_account_external_id_idx ON lead_hunter.craigslist_tasks_v1 USING btree (account_id, external_id);

--
-- Name: craigslist_tasks_v1_claimable_idx; Type: INDEX; Schema: lead_hunter; Owner: -
--

CREATE INDEX craigslist_tasks_v1_claimable_idx ON lead_hunter.craigslist_tasks_v1 USING btree (not_before, created_at) WHERE (status = 'queued'::text);

--
-- Name: craigslist_tasks_v1_claimed_idx; Type: INDEX; Schema: lead_hunter; Owner: -
--

CREATE INDEX craigslist_tasks_v1_claimed_idx ON lead_hunter.craigslist_tasks_v1 USING btree (claimed_at) WHERE (status = 'claimed'::text);

--
-- Name: craigslist_tasks_v1_created_idx; Type: INDEX; Schema: lead_hunter; Owner: -
--

CREATE INDEX craigslist_tasks_v1_created_idx ON lead_hunter.craigslist_tasks_v1 USING btree (created_at DESC);

--
-- Name: analyst_logins_account_id_idx; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX analyst_logins_account_id_idx ON private.analyst_logins USING btree (account_id);

--
-- Name: account_api_tokens_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_api_tokens_account_idx ON public.account_api_tokens USING btree (account_id);

--
-- Name: account_events_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_events_account_created_idx ON public.account_events USING btree (account_id, created_at DESC);

--
-- Name: account_events_subject_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_events_subject_idx ON public.account_events USING btree (subject_id, created_at DESC) WHERE (subject_id IS NOT NULL);

--
-- Name: account_invites_one_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX account_invites_one_open_idx ON public.account_invites USING btree (account_id, email) WHERE ((accepted_at IS NULL) AND (revoked_at IS NULL));

--
-- Name: account_invites_token_hash_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_invites_token_hash_idx ON public.account_invites USING btree (token_hash) WHERE (token_hash IS NOT NULL);

--
-- Name: account_members_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_members_user_id_idx ON public.account_members USING btree (user_id);

--
-- Name: account_provider_settings_one_default_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX account_provider_settings_one_default_idx ON public.account_provider_settings USING btree (account_id, channel) WHERE is_default;

--
-- Name: account_provider_settings_senders_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_provider_settings_senders_idx ON public.account_provider_settings USING gin (((config -> 'senders'::text)) jsonb_path_ops);

--
-- Name: ai_drafts_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_drafts_lead_idx ON public.ai_drafts USING btree (lead_id, created_at DESC);

--
-- Name: ai_drafts_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_drafts_pending_idx ON public.ai_drafts USING btree (account_id, created_at DESC) WHERE (status = 'pending'::text);

--
-- Name: ai_drafts_touch_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ai_drafts_touch_run_idx ON public.ai_drafts USING btree (touch_run_id) WHERE (touch_run_id IS NOT NULL);

--
-- Name: ai_personas_one_default_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX ai_personas_one_default_idx ON public.ai_personas USING btree (account_id) WHERE is_default;

--
-- Name: call_queue_one_open_per_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX call_queue_one_open_per_lead_idx ON public.call_queue USING btree (account_id, lead_id) WHERE (status = ANY (ARRAY['pending'::text, 'in_progress'::text]));

--
-- Name: call_queue_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_queue_pending_idx ON public.call_queue USING btree (account_id, priority DESC, created_at) WHERE (status = 'pending'::text);

--
-- Name: campaign_leads_active_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaign_leads_active_idx ON public.campaign_leads USING btree (account_id, campaign_id) WHERE (status = 'active'::text);

--
-- Name: campaign_leads_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaign_leads_due_idx ON public.campaign_leads USING btree (next_step_at) WHERE (status = 'active'::text);

--
-- Name: campaign_leads_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaign_leads_lead_idx ON public.campaign_leads USING btree (lead_id);

--
-- Name: campaigns_account_active_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaigns_account_active_idx ON public.campaigns USING btree (account_id) WHERE is_active;

--
-- Name: core_memory_events_account_type_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_account_type_created_idx ON public.core_memory_events USING btree (account_id, event_type, created_at DESC);

--
-- Name: core_memory_events_lead_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_lead_created_idx ON public.core_memory_events USING btree (lead_id, created_at DESC);

--
-- Name: core_memory_events_lead_type_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_lead_type_created_idx ON public.core_memory_events USING btree (lead_id, event_type, created_at DESC);

--
-- Name: core_memory_events_scored_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_scored_created_idx ON public.core_memory_events USING btree (created_at) WHERE (score_delta <> 0);

--
-- Name: core_memory_events_touch_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_touch_run_idx ON public.core_memory_events USING btree (((payload ->> 'touch_run_id'::text))) WHERE (payload ? 'touch_run_id'::text);

--
-- Name: inbound_messages_account_received_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_messages_account_received_idx ON public.inbound_messages USING btree (account_id, received_at DESC);

--
-- Name: inbound_messages_lead_received_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_messages_lead_received_idx ON public.inbound_messages USING btree (lead_id, received_at DESC);

--
-- Name: inbound_messages_unclassified_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbound_messages_unclassified_idx ON public.inbound_messages USING btree (received_at) WHERE (classified_at IS NULL);

--
-- Name: lead_assignment_events_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_events_account_created_idx ON public.lead_assignment_events USING btree (account_id, created_at DESC);

--
-- Name: lead_assignment_events_assignee_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_events_assignee_created_idx ON public.lead_assignment_events USING btree (account_id, assigned_to_user_id, created_at DESC);

--
-- Name: lead_assignment_events_lead_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_assignment_events_lead_created_idx ON public.lead_assignment_events USING btree (lead_id, created_at DESC);

--
-- Name: lead_events_lead_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_events_lead_created_idx ON public.lead_events USING btree (lead_id, created_at DESC);

--
-- Name: lead_imports_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_imports_account_created_idx ON public.lead_imports USING btree (account_id, created_at DESC);

--
-- Name: lead_timers_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_timers_due_idx ON public.lead_timers USING btree (trigger_at) WHERE ((executed_at IS NULL) AND (cancelled_at IS NULL));

--
-- Name: leads_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_created_idx ON public.leads USING btree (account_id, created_at DESC);

--
-- Name: leads_account_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_email_idx ON public.leads USING btree (account_id, email) WHERE (email IS NOT NULL);

--
-- Name: leads_account_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_phone_idx ON public.leads USING btree (account_id, phone) WHERE (phone IS NOT NULL);

--
-- Name: leads_account_priority_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_priority_idx ON public.leads USING btree (account_id, priority_score DESC, id);

--
-- Name: leads_account_state_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_state_idx ON public.leads USING btree (account_id, lead_state);

--
-- Name: leads_alternate_emails_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_alternate_emails_idx ON public.leads USING gin (alternate_emails);

--
-- Name: leads_assigned_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_assigned_user_idx ON public.leads USING btree (assigned_user_id) WHERE (assigned_user_id IS NOT NULL);

--
-- Name: leads_sentiment_tag_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_sentiment_tag_idx ON public.leads USING btree (account_id, sentiment_tag) WHERE (sentiment_tag IS NOT NULL);

--
-- Name: login_attempts_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_email_idx ON public.login_attempts USING btree (email, created_at DESC);

--
-- Name: login_attempts_ip_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_ip_idx ON public.login_attempts USING btree (ip, created_at DESC);

--
-- Name: login_attempts_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX login_attempts_user_idx ON public.login_attempts USING btree (user_id);

--
-- Name: outbound_messages_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbound_messages_lead_idx ON public.outbound_messages USING btree (lead_id, created_at DESC);

--
-- Name: outbound_messages_provider_message_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbound_messages_provider_message_idx ON public.outbound_messages USING btree (provider, provider_message_id) WHERE (provider_message_id IS NOT NULL);

--
-- Name: outbound_messages_touch_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbound_messages_touch_run_idx ON public.outbound_messages USING btree (touch_run_id) WHERE (touch_run_id IS NOT NULL);

--
-- Name: sender_addresses_account_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sender_addresses_account_idx ON public.sender_addresses USING btree (account_id);

--
-- Name: suppressions_active_address_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX suppressions_active_address_idx ON public.suppressions USING btree (account_id, channel, phone, email) NULLS NOT DISTINCT WHERE (lifted_at IS NULL);

--
-- Name: suppressions_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX suppressions_email_idx ON public.suppressions USING btree (account_id, email) WHERE ((email IS NOT NULL) AND (lifted_at IS NULL));

--
-- Name: suppressions_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX suppressions_phone_idx ON public.suppressions USING btree (account_id, phone) WHERE ((phone IS NOT NULL) AND (lifted_at IS NULL));

--
-- Name: touch_runs_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_account_created_idx ON public.touch_runs USING btree (account_id, created_at DESC);

--
-- Name: touch_runs_account_due_order_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_account_due_order_idx ON public.touch_runs USING btree (account_id, scheduled_at, id) WHERE (status = ANY (ARRAY['scheduled'::text, 'queued'::text]));

--
-- Name: touch_runs_campaign_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_campaign_created_idx ON public.touch_runs USING btree (campaign_id, created_at DESC) WHERE (campaign_id IS NOT NULL);

--
-- Name: touch_runs_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_due_idx ON public.touch_runs USING btree (scheduled_at) WHERE (status = ANY (ARRAY['scheduled'::text, 'queued'::text]));

--
-- Name: touch_runs_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_lead_idx ON public.touch_runs USING btree (lead_id, created_at DESC);

--
-- Name: touch_runs_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_open_idx ON public.touch_runs USING btree (status) WHERE (status = ANY (ARRAY['sending'::text, 'unknown'::text]));

--
-- Name: touch_runs_pending_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_pending_lead_idx ON public.touch_runs USING btree (lead_id, scheduled_at) WHERE (status = ANY (ARRAY['scheduled'::text, 'queued'::text]));

--
-- Name: touch_runs_sending_claimed_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_sending_claimed_by_idx ON public.touch_runs USING btree (claimed_by) WHERE (status = 'sending'::text);

--
-- Name: user_sessions_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_sessions_user_idx ON public.user_sessions USING btree (user_id);

--
-- Name: webhook_receipts_account_received_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_receipts_account_received_idx ON public.webhook_receipts USING btree (account_id, received_at DESC);

--
-- Name: webhook_receipts_consent_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_receipts_consent_pending_idx ON public.webhook_receipts USING btree (seq) WHERE ((processed_at IS NULL) AND (consent_checked_at IS NULL) AND (kind = 'inbound_message'::text));

--
-- Name: webhook_receipts_failed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_receipts_failed_idx ON public.webhook_receipts USING btree (account_id, failed_at) WHERE (failed_at IS NOT NULL);

--
-- Name: webhook_receipts_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_receipts_pending_idx ON public.webhook_receipts USING btree (drain_partition, seq) WHERE ((processed_at IS NULL) AND (failed_at IS NULL));

--
-- Name: craigslist_tasks_v1 set_updated_at; Type: TRIGGER; Schema: lead_hunter; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON lead_hunter.craigslist_tasks_v1 FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: touch_runs ai_draft_sent; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER ai_draft_sent AFTER UPDATE OF status ON public.touch_runs FOR EACH ROW WHEN (((new.campaign_id IS NULL) AND (new.status = ANY (ARRAY['sent'::text, 'delivered'::text])) AND (old.status IS DISTINCT FROM new.status) AND ((new.payload -> 'meta'::text) ? 'ai_draft_id'::text))) EXECUTE FUNCTION private.tg_touch_runs__ai_draft_sent();

--
-- Name: account_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.account_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: core_memory_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.core_memory_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_assignment_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.lead_assignment_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.lead_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: account_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.account_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: core_memory_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.core_memory_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_assignment_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.lead_assignment_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.lead_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: campaign_steps check_content; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER check_content AFTER INSERT OR UPDATE ON public.campaign_steps DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION private.tg_campaign_steps__check_content();

--
-- Name: campaigns check_steps_on_activate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER check_steps_on_activate AFTER INSERT OR UPDATE OF is_active ON public.campaigns DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION private.tg_campaigns__check_steps_on_activate();

--
-- Name: accounts create_org_settings; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER create_org_settings AFTER INSERT ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg_accounts__create_org_settings();

--
-- Name: touch_runs enqueue_dispatch_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enqueue_dispatch_insert AFTER INSERT ON public.touch_runs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_touch_runs__enqueue_dispatch();

--
-- Name: touch_runs enqueue_dispatch_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enqueue_dispatch_update AFTER UPDATE OF status, scheduled_at ON public.touch_runs FOR EACH ROW WHEN (((new.status = ANY (ARRAY['scheduled'::text, 'queued'::text])) AND ((old.status IS DISTINCT FROM new.status) OR (old.scheduled_at IS DISTINCT FROM new.scheduled_at)))) EXECUTE FUNCTION private.tg_touch_runs__enqueue_dispatch();

--
-- Name: lead_imports enqueue_import; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enqueue_import AFTER INSERT ON public.lead_imports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_lead_imports__enqueue_import();

--
-- Name: inbound_messages enqueue_post_process; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enqueue_post_process AFTER INSERT ON public.inbound_messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION private.tg_inbound_messages__enqueue_post_process();

--
-- Name: leads lead_state_transition; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_state_transition AFTER UPDATE OF lead_state ON public.leads FOR EACH ROW WHEN ((old.lead_state IS DISTINCT FROM new.lead_state)) EXECUTE FUNCTION private.tg_leads__lead_state_transition();

--
-- Name: core_memory_events priority_score; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER priority_score AFTER INSERT ON public.core_memory_events FOR EACH ROW WHEN ((new.score_delta <> 0)) EXECUTE FUNCTION private.tg_core_memory_events__priority_score();

--
-- Name: leads priority_score; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER priority_score BEFORE INSERT OR UPDATE OF lead_state, phone, phone_line_type, email ON public.leads FOR EACH ROW EXECUTE FUNCTION private.tg_leads__priority_score();

--
-- Name: users revoke_sessions_on_password_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER revoke_sessions_on_password_change AFTER UPDATE OF password_hash ON public.users FOR EACH ROW WHEN ((old.password_hash IS DISTINCT FROM new.password_hash)) EXECUTE FUNCTION private.tg_users__revoke_sessions();

--
-- Name: campaign_leads set_next_step_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_next_step_at BEFORE INSERT ON public.campaign_leads FOR EACH ROW EXECUTE FUNCTION private.tg_campaign_leads__set_next_step_at();

--
-- Name: account_members set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.account_members FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: account_provider_credentials set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.account_provider_credentials FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: account_provider_settings set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.account_provider_settings FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: accounts set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: ai_drafts set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.ai_drafts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: ai_personas set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.ai_personas FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: call_queue set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.call_queue FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaign_leads set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaign_leads FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaign_steps set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaign_steps FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaigns set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: lead_imports set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.lead_imports FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: lead_timers set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.lead_timers FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: leads set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.leads FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: org_settings set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.org_settings FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: outbound_messages set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.outbound_messages FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: touch_runs set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.touch_runs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: users set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: touch_runs status_transition; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_transition BEFORE UPDATE OF status ON public.touch_runs FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION private.tg_touch_runs__status_transition();

--
-- Name: account_provider_settings sync_sender_addresses; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER sync_sender_addresses AFTER INSERT OR DELETE OR UPDATE OF account_id, config ON public.account_provider_settings FOR EACH ROW EXECUTE FUNCTION private.tg_account_provider_settings__sync_sender_addresses();

--
-- Name: craigslist_tasks_v1 craigslist_tasks_v1_account_id_fkey; Type: FK CONSTRAINT; Schema: lead_hunter; Owner: -
--

ALTER TABLE ONLY lead_hunter.craigslist_tasks_v1
    ADD CONSTRAINT craigslist_tasks_v1_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: analyst_logins analyst_logins_account_id_fkey; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.analyst_logins
    ADD CONSTRAINT analyst_logins_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_api_tokens account_api_tokens_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_api_tokens
    ADD CONSTRAINT account_api_tokens_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_events account_events_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_events
    ADD CONSTRAINT account_events_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_invites account_invites_accepted_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_invites
    ADD CONSTRAINT account_invites_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES public.users(id) ON DELETE SET NULL;

--
-- Name: account_invites account_invites_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_invites
    ADD CONSTRAINT account_invites_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_invites account_invites_invited_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_invites
    ADD CONSTRAINT account_invites_invited_by_fkey FOREIGN KEY (invited_by) REFERENCES public.users(id) ON DELETE SET NULL;

--
-- Name: account_members account_members_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_members account_members_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

--
-- Name: account_provider_credentials account_provider_credentials_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_credentials
    ADD CONSTRAINT account_provider_credentials_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_provider_settings account_provider_settings_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: ai_drafts ai_drafts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: ai_drafts ai_drafts_decided_by_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_decided_by_user_id_fkey FOREIGN KEY (decided_by_user_id) REFERENCES public.users(id) ON DELETE SET NULL;

--
-- Name: ai_drafts ai_drafts_inbound_message_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_inbound_message_fkey FOREIGN KEY (inbound_message_id, account_id) REFERENCES public.inbound_messages(id, account_id) ON DELETE CASCADE;

--
-- Name: ai_drafts ai_drafts_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_lead_fkey FOREIGN KEY (lead_id, account_id) REFERENCES public.leads(id, account_id) ON DELETE CASCADE;

--
-- Name: ai_drafts ai_drafts_touch_run_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_drafts
    ADD CONSTRAINT ai_drafts_touch_run_fkey FOREIGN KEY (touch_run_id, account_id) REFERENCES public.touch_runs(id, account_id) ON DELETE SET NULL (touch_run_id);

--
-- Name: ai_personas ai_personas_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.ai_personas
    ADD CONSTRAINT ai_personas_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: call_queue call_queue_assigned_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_assigned_member_fkey FOREIGN KEY (account_id, assigned_user_id) REFERENCES public.account_members(account_id, user_id);

--
-- Name: call_queue call_queue_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_leads campaign_leads_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_leads campaign_leads_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_steps campaign_steps_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: campaigns campaigns_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: campaigns campaigns_ai_persona_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_ai_persona_fkey FOREIGN KEY (ai_persona_id, account_id) REFERENCES public.ai_personas(id, account_id) ON DELETE SET NULL (ai_persona_id);

--
-- Name: core_memory_events core_memory_events_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE RESTRICT;

--
-- Name: inbound_messages inbound_messages_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbound_messages
    ADD CONSTRAINT inbound_messages_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: lead_assignment_events lead_assignment_events_assigned_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment_events
    ADD CONSTRAINT lead_assignment_events_assigned_member_fkey FOREIGN KEY (account_id, assigned_to_user_id) REFERENCES public.account_members(account_id, user_id) ON DELETE RESTRICT;

--
-- Name: lead_assignment_events lead_assignment_events_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_assignment_events
    ADD CONSTRAINT lead_assignment_events_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE RESTRICT;

--
-- Name: lead_events lead_events_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE RESTRICT;

--
-- Name: lead_events lead_events_new_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_new_state_fkey FOREIGN KEY (new_state) REFERENCES public.lead_states(state);

--
-- Name: lead_events lead_events_previous_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_previous_state_fkey FOREIGN KEY (previous_state) REFERENCES public.lead_states(state);

--
-- Name: lead_import_rejects lead_import_rejects_import_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_import_rejects
    ADD CONSTRAINT lead_import_rejects_import_fkey FOREIGN KEY (account_id, import_id) REFERENCES public.lead_imports(account_id, id) ON DELETE CASCADE;

--
-- Name: lead_imports lead_imports_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_imports
    ADD CONSTRAINT lead_imports_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: lead_imports lead_imports_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_imports
    ADD CONSTRAINT lead_imports_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE SET NULL (campaign_id);

--
-- Name: lead_imports lead_imports_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_imports
    ADD CONSTRAINT lead_imports_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE SET NULL;

--
-- Name: lead_state_transitions lead_state_transitions_from_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_from_state_fkey FOREIGN KEY (from_state) REFERENCES public.lead_states(state);

--
-- Name: lead_state_transitions lead_state_transitions_to_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_to_state_fkey FOREIGN KEY (to_state) REFERENCES public.lead_states(state);

--
-- Name: lead_timers lead_timers_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: leads leads_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: leads leads_assigned_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_assigned_member_fkey FOREIGN KEY (account_id, assigned_user_id) REFERENCES public.account_members(account_id, user_id);

--
-- Name: leads leads_lead_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_lead_state_fkey FOREIGN KEY (lead_state) REFERENCES public.lead_states(state);

--
-- Name: login_attempts login_attempts_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.login_attempts
    ADD CONSTRAINT login_attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE SET NULL;

--
-- Name: org_settings org_settings_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_settings
    ADD CONSTRAINT org_settings_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: outbound_messages outbound_messages_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE SET NULL (campaign_id);

--
-- Name: outbound_messages outbound_messages_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: outbound_messages outbound_messages_touch_run_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_touch_run_fkey FOREIGN KEY (account_id, touch_run_id) REFERENCES public.touch_runs(account_id, id) ON DELETE SET NULL (touch_run_id);

--
-- Name: sender_addresses sender_addresses_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_addresses
    ADD CONSTRAINT sender_addresses_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: sender_daily_counts sender_daily_counts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_daily_counts
    ADD CONSTRAINT sender_daily_counts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: sender_rate_state sender_rate_state_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sender_rate_state
    ADD CONSTRAINT sender_rate_state_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: suppressions suppressions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: suppressions suppressions_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE SET NULL (lead_id);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_from_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_from_status_fkey FOREIGN KEY (from_status) REFERENCES public.touch_run_statuses(status);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_to_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_to_status_fkey FOREIGN KEY (to_status) REFERENCES public.touch_run_statuses(status);

--
-- Name: touch_runs touch_runs_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: touch_runs touch_runs_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: touch_runs touch_runs_retry_of_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_retry_of_fkey FOREIGN KEY (account_id, retry_of) REFERENCES public.touch_runs(account_id, id) ON DELETE SET NULL (retry_of);

--
-- Name: touch_runs touch_runs_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_status_fkey FOREIGN KEY (status) REFERENCES public.touch_run_statuses(status);

--
-- Name: user_sessions user_sessions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: user_sessions user_sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_sessions
    ADD CONSTRAINT user_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

--
-- Name: webhook_receipts webhook_receipts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT webhook_receipts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: craigslist_tasks_v1; Type: ROW SECURITY; Schema: lead_hunter; Owner: -
--

ALTER TABLE lead_hunter.craigslist_tasks_v1 ENABLE ROW LEVEL SECURITY;

--
-- Name: craigslist_tasks_v1 craigslist_tasks_v1_analyst_tenant; Type: POLICY; Schema: lead_hunter; Owner: -
--

CREATE POLICY craigslist_tasks_v1_analyst_tenant ON lead_hunter.craigslist_tasks_v1 FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: craigslist_tasks_v1 craigslist_tasks_v1_api_tenant; Type: POLICY; Schema: lead_hunter; Owner: -
--

CREATE POLICY craigslist_tasks_v1_api_tenant ON lead_hunter.craigslist_tasks_v1 TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: craigslist_tasks_v1 craigslist_tasks_v1_worker_all; Type: POLICY; Schema: lead_hunter; Owner: -
--

CREATE POLICY craigslist_tasks_v1_worker_all ON lead_hunter.craigslist_tasks_v1 TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_api_tokens; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_api_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: account_api_tokens account_api_tokens_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_api_tokens_analyst_tenant ON public.account_api_tokens FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: account_api_tokens account_api_tokens_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_api_tokens_api_tenant ON public.account_api_tokens TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_api_tokens account_api_tokens_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_api_tokens_worker_all ON public.account_api_tokens TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_events ENABLE ROW LEVEL SECURITY;

--
-- Name: account_events account_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_events_analyst_tenant ON public.account_events FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: account_events account_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_events_api_tenant ON public.account_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_events account_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_events_worker_all ON public.account_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_invites; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_invites ENABLE ROW LEVEL SECURITY;

--
-- Name: account_invites account_invites_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_invites_analyst_tenant ON public.account_invites FOR SELECT TO revenue_analyst USING ((account_id = private.analyst_account_id()));

--
-- Name: account_invites account_invites_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_invites_api_tenant ON public.account_invites FOR SELECT TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_invites account_invites_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_invites_worker_all ON public.account_invites TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_members; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_members ENABLE ROW LEVEL SECURITY;

--
-- Name: account_members account_members_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_analyst_tenant ON public.account_members FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: account_members account_members_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_api_tenant ON public.account_members TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_members account_members_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_worker_all ON public.account_members TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_provider_credentials; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_provider_credentials ENABLE ROW LEVEL SECURITY;

--
-- Name: account_provider_credentials account_provider_credentials_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_credentials_analyst_tenant ON public.account_provider_credentials FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: account_provider_credentials account_provider_credentials_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_credentials_api_tenant ON public.account_provider_credentials TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_provider_credentials account_provider_credentials_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_credentials_worker_all ON public.account_provider_credentials TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_provider_settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_provider_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: account_provider_settings account_provider_settings_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_analyst_tenant ON public.account_provider_settings FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: account_provider_settings account_provider_settings_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_api_tenant ON public.account_provider_settings TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_provider_settings account_provider_settings_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_worker_all ON public.account_provider_settings TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts accounts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_analyst_tenant ON public.accounts FOR SELECT TO revenue_analyst USING ((id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: accounts accounts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_api_tenant ON public.accounts FOR SELECT TO revenue_api USING ((id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: accounts accounts_ingest_lookup; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_ingest_lookup ON public.accounts FOR SELECT TO revenue_ingest USING (true);

--
-- Name: accounts accounts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_worker_all ON public.accounts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: ai_drafts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_drafts ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_drafts ai_drafts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_drafts_analyst_tenant ON public.ai_drafts FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: ai_drafts ai_drafts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_drafts_api_tenant ON public.ai_drafts TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: ai_drafts ai_drafts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_drafts_worker_all ON public.ai_drafts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: ai_personas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.ai_personas ENABLE ROW LEVEL SECURITY;

--
-- Name: ai_personas ai_personas_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_personas_analyst_tenant ON public.ai_personas FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: ai_personas ai_personas_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_personas_api_tenant ON public.ai_personas TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: ai_personas ai_personas_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY ai_personas_worker_all ON public.ai_personas TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: call_queue; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.call_queue ENABLE ROW LEVEL SECURITY;

--
-- Name: call_queue call_queue_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_analyst_tenant ON public.call_queue FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: call_queue call_queue_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_api_tenant ON public.call_queue TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: call_queue call_queue_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_worker_all ON public.call_queue TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaign_leads; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaign_leads ENABLE ROW LEVEL SECURITY;

--
-- Name: campaign_leads campaign_leads_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_analyst_tenant ON public.campaign_leads FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: campaign_leads campaign_leads_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_api_tenant ON public.campaign_leads TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_leads campaign_leads_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_worker_all ON public.campaign_leads TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaign_steps; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaign_steps ENABLE ROW LEVEL SECURITY;

--
-- Name: campaign_steps campaign_steps_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_analyst_tenant ON public.campaign_steps FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: campaign_steps campaign_steps_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_api_tenant ON public.campaign_steps TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_steps campaign_steps_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_worker_all ON public.campaign_steps TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaigns; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaigns ENABLE ROW LEVEL SECURITY;

--
-- Name: campaigns campaigns_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_analyst_tenant ON public.campaigns FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: campaigns campaigns_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_api_tenant ON public.campaigns TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaigns campaigns_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_worker_all ON public.campaigns TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: core_memory_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.core_memory_events ENABLE ROW LEVEL SECURITY;

--
-- Name: core_memory_events core_memory_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_analyst_tenant ON public.core_memory_events FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: core_memory_events core_memory_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_api_tenant ON public.core_memory_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: core_memory_events core_memory_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_worker_all ON public.core_memory_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: inbound_messages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.inbound_messages ENABLE ROW LEVEL SECURITY;

--
-- Name: inbound_messages inbound_messages_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inbound_messages_analyst_tenant ON public.inbound_messages FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: inbound_messages inbound_messages_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inbound_messages_api_tenant ON public.inbound_messages TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: inbound_messages inbound_messages_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inbound_messages_worker_all ON public.inbound_messages TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_assignment_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_assignment_events ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_assignment_events lead_assignment_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_events_analyst_tenant ON public.lead_assignment_events FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: lead_assignment_events lead_assignment_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_events_api_tenant ON public.lead_assignment_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_assignment_events lead_assignment_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_assignment_events_worker_all ON public.lead_assignment_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_events ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_events lead_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_analyst_tenant ON public.lead_events FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: lead_events lead_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_api_tenant ON public.lead_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_events lead_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_worker_all ON public.lead_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_import_rejects; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_import_rejects ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_import_rejects lead_import_rejects_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_import_rejects_analyst_tenant ON public.lead_import_rejects FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: lead_import_rejects lead_import_rejects_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_import_rejects_api_tenant ON public.lead_import_rejects TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_import_rejects lead_import_rejects_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_import_rejects_worker_all ON public.lead_import_rejects TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_imports; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_imports ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_imports lead_imports_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_imports_analyst_tenant ON public.lead_imports FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: lead_imports lead_imports_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_imports_api_tenant ON public.lead_imports TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_imports lead_imports_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_imports_worker_all ON public.lead_imports TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_timers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_timers ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_timers lead_timers_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_analyst_tenant ON public.lead_timers FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: lead_timers lead_timers_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_api_tenant ON public.lead_timers TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_timers lead_timers_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_worker_all ON public.lead_timers TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: leads; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY;

--
-- Name: leads leads_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_analyst_tenant ON public.leads FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: leads leads_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_api_tenant ON public.leads TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: leads leads_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_worker_all ON public.leads TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: org_settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.org_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: org_settings org_settings_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_analyst_tenant ON public.org_settings FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: org_settings org_settings_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_api_tenant ON public.org_settings TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: org_settings org_settings_ingest_lookup; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_ingest_lookup ON public.org_settings FOR SELECT TO revenue_ingest USING (true);

--
-- Name: org_settings org_settings_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_worker_all ON public.org_settings TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: outbound_messages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.outbound_messages ENABLE ROW LEVEL SECURITY;

--
-- Name: outbound_messages outbound_messages_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_analyst_tenant ON public.outbound_messages FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: outbound_messages outbound_messages_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_api_tenant ON public.outbound_messages TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: outbound_messages outbound_messages_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_worker_all ON public.outbound_messages TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: sender_addresses; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sender_addresses ENABLE ROW LEVEL SECURITY;

--
-- Name: sender_addresses sender_addresses_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_addresses_analyst_tenant ON public.sender_addresses FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: sender_addresses sender_addresses_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_addresses_api_tenant ON public.sender_addresses FOR SELECT TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: sender_addresses sender_addresses_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_addresses_worker_all ON public.sender_addresses FOR SELECT TO revenue_worker USING (true);

--
-- Name: sender_daily_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sender_daily_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: sender_daily_counts sender_daily_counts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_daily_counts_analyst_tenant ON public.sender_daily_counts FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: sender_daily_counts sender_daily_counts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_daily_counts_api_tenant ON public.sender_daily_counts FOR SELECT TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: sender_daily_counts sender_daily_counts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_daily_counts_worker_all ON public.sender_daily_counts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: sender_rate_state; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sender_rate_state ENABLE ROW LEVEL SECURITY;

--
-- Name: sender_rate_state sender_rate_state_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_rate_state_analyst_tenant ON public.sender_rate_state FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: sender_rate_state sender_rate_state_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_rate_state_api_tenant ON public.sender_rate_state FOR SELECT TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: sender_rate_state sender_rate_state_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY sender_rate_state_worker_all ON public.sender_rate_state TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: suppressions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.suppressions ENABLE ROW LEVEL SECURITY;

--
-- Name: suppressions suppressions_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_analyst_tenant ON public.suppressions FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: suppressions suppressions_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_api_tenant ON public.suppressions TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: suppressions suppressions_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_worker_all ON public.suppressions TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: touch_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.touch_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: touch_runs touch_runs_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_analyst_tenant ON public.touch_runs FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: touch_runs touch_runs_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_api_tenant ON public.touch_runs TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: touch_runs touch_runs_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_worker_all ON public.touch_runs TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: user_sessions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.user_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: user_sessions user_sessions_analyst_none; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY user_sessions_analyst_none ON public.user_sessions FOR SELECT TO revenue_analyst USING (false);

--
-- Name: user_sessions user_sessions_api_none; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY user_sessions_api_none ON public.user_sessions TO revenue_api USING (false) WITH CHECK (false);

--
-- Name: user_sessions user_sessions_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY user_sessions_worker_all ON public.user_sessions TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_analyst_members; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_analyst_members ON public.users FOR SELECT TO revenue_analyst USING ((EXISTS ( SELECT 1
   FROM public.account_members m
  WHERE ((m.user_id = users.id) AND (m.account_id = ( SELECT private.analyst_account_id() AS analyst_account_id))))));

--
-- Name: users users_api_members; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_api_members ON public.users FOR SELECT TO revenue_api USING ((EXISTS ( SELECT 1
   FROM public.account_members m
  WHERE ((m.user_id = users.id) AND (m.account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)))));

--
-- Name: users users_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_worker_all ON public.users TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: webhook_receipts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_receipts ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_receipts webhook_receipts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_analyst_tenant ON public.webhook_receipts FOR SELECT TO revenue_analyst USING ((account_id = ( SELECT private.analyst_account_id() AS analyst_account_id)));

--
-- Name: webhook_receipts webhook_receipts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_api_tenant ON public.webhook_receipts TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: webhook_receipts webhook_receipts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_worker_all ON public.webhook_receipts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: SCHEMA brain; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA brain TO revenue_api;
GRANT USAGE ON SCHEMA brain TO revenue_analyst;
GRANT USAGE ON SCHEMA brain TO revenue_worker;

--
-- Name: SCHEMA lead_hunter; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA lead_hunter TO revenue_api;
GRANT USAGE ON SCHEMA lead_hunter TO revenue_analyst;
GRANT USAGE ON SCHEMA lead_hunter TO revenue_worker;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO revenue_worker;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO revenue_api;
GRANT USAGE ON SCHEMA public TO revenue_analyst;
GRANT USAGE ON SCHEMA public TO revenue_worker;
GRANT USAGE ON SCHEMA public TO revenue_login;

--
-- Name: FUNCTION ai_draft_plan(p_message_id uuid, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.ai_draft_plan(p_message_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.ai_draft_plan(p_message_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION apply_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean) FROM PUBLIC;

--
-- Name: FUNCTION apply_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone, p_record_receipt boolean); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone, p_record_receipt boolean) FROM PUBLIC;

--
-- Name: FUNCTION apply_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean) FROM PUBLIC;

--
-- Name: FUNCTION apply_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean, p_prior_suppressions integer, p_consent jsonb); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[], p_record_receipt boolean, p_prior_suppressions integer, p_consent jsonb) FROM PUBLIC;

--
-- Name: FUNCTION apply_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone, p_record_receipt boolean); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone, p_record_receipt boolean) FROM PUBLIC;

--
-- Name: FUNCTION apply_pending_consent(p_limit integer); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_pending_consent(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.apply_pending_consent(p_limit integer) TO revenue_worker;

--
-- Name: TABLE webhook_receipts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.webhook_receipts TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.webhook_receipts TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.webhook_receipts TO revenue_worker;

--
-- Name: FUNCTION apply_webhook_receipt(p_receipt public.webhook_receipts); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.apply_webhook_receipt(p_receipt public.webhook_receipts) FROM PUBLIC;

--
-- Name: FUNCTION beat_worker(p_worker_id text, p_pid integer, p_host text, p_job_worker_ids text[], p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.beat_worker(p_worker_id text, p_pid integer, p_host text, p_job_worker_ids text[], p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.begin_reply_understanding(p_message_id uuid, p_has_key boolean, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION claim_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.claim_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.claim_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.claim_touch_rows(p_account_id uuid, p_touch_run_ids uuid[], p_worker_id text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION claim_touches(p_account_id uuid, p_limit integer, p_worker_id text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.claim_touches(p_account_id uuid, p_limit integer, p_worker_id text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.claim_touches(p_account_id uuid, p_limit integer, p_worker_id text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION declare_dead_workers(p_dead_after interval, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.declare_dead_workers(p_dead_after interval, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION drain_webhook_receipts(p_limit integer, p_partitions integer, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.drain_webhook_receipts(p_limit integer, p_partitions integer, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.drain_webhook_receipts(p_limit integer, p_partitions integer, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.finish_lead_import(p_import_id uuid, p_rows_total integer, p_error text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION brain.halt_outreach(p_lead_id uuid, p_reason text, p_enrollment_status text, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.issue_account_invite_token(p_invite_id uuid, p_token_hash text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION mark_stale_sending(p_older_than interval, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.mark_stale_sending(p_older_than interval, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.mark_stale_sending(p_older_than interval, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text) TO revenue_api;
GRANT ALL ON FUNCTION brain.match_lead(p_account_id uuid, p_source text, p_external_id text, p_email text, p_phone text) TO revenue_worker;

--
-- Name: TABLE leads; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.leads TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.leads TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.leads TO revenue_worker;

--
-- Name: FUNCTION merge_lead(p_lead_id uuid, p_in public.leads); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.merge_lead(p_lead_id uuid, p_in public.leads) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.merge_lead(p_lead_id uuid, p_in public.leads) TO revenue_api;
GRANT ALL ON FUNCTION brain.merge_lead(p_lead_id uuid, p_in public.leads) TO revenue_worker;

--
-- Name: FUNCTION queue_due_dispatch(p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.queue_due_dispatch(p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.queue_due_dispatch(p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.queue_transactional_reply(p_account_id uuid, p_lead_id uuid, p_channel text, p_kind text, p_body text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer) TO revenue_worker;

--
-- Name: FUNCTION record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_account_invite_email(p_invite_id uuid, p_error text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_ai_draft(p_message_id uuid, p_body text, p_subject text, p_confidence real, p_confidence_reason text, p_model text, p_auto_send_disabled boolean, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_inbound_post_process(p_inbound_message_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_lead_import_chunk(p_import_id uuid, p_rows_done_before integer, p_rows_total integer, p_rows jsonb, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_reply_sentiment(p_message_id uuid, p_tag text, p_source text, p_reason text, p_confidence real, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text, p_provider_status text, p_error_code text, p_error_message text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text, p_provider_status text, p_error_code text, p_error_message text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_touch_outcome(p_touch_run_id uuid, p_result text, p_provider_message_id text, p_provider_status text, p_error_code text, p_error_message text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_touch_outcome_rows(p_outcomes jsonb, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.record_touch_outcomes(p_outcomes jsonb, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION refresh_lead_priorities(p_now timestamp with time zone, p_limit integer); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.refresh_lead_priorities(p_now timestamp with time zone, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.refresh_lead_priorities(p_now timestamp with time zone, p_limit integer) TO revenue_worker;

--
-- Name: FUNCTION reply_target_address(p_phone text, p_channel text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.reply_target_address(p_phone text, p_channel text) FROM PUBLIC;

--
-- Name: FUNCTION reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone, p_limit integer); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.reply_transcript(p_lead_id uuid, p_up_to timestamp with time zone, p_limit integer) TO revenue_worker;

--
-- Name: FUNCTION reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.reslot_touch(p_touch_run_id uuid, p_worker_id text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION retire_worker(p_worker_id text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.retire_worker(p_worker_id text) FROM PUBLIC;

--
-- Name: FUNCTION retry_webhook_receipt(p_provider text, p_idempotency_key text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.retry_webhook_receipt(p_provider text, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.retry_webhook_receipt(p_provider text, p_idempotency_key text) TO revenue_worker;

--
-- Name: FUNCTION route_touch(p_touch_run_id uuid, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.route_touch(p_touch_run_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.route_touch(p_touch_run_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION run_due_timers(p_limit integer, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.run_due_timers(p_limit integer, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.run_due_timers(p_limit integer, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION start_lead_import(p_import_id uuid, p_now timestamp with time zone); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.start_lead_import(p_import_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.start_lead_import(p_import_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) TO revenue_worker;

--
-- Name: FUNCTION transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION brain.transition_leads(p_lead_ids uuid[], p_to_state text, p_reason text, p_actor text) TO revenue_worker;

--
-- Name: FUNCTION validate_lead_input(p_lead jsonb); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.validate_lead_input(p_lead jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.validate_lead_input(p_lead jsonb) TO revenue_api;
GRANT ALL ON FUNCTION brain.validate_lead_input(p_lead jsonb) TO revenue_worker;

--
-- Name: TABLE craigslist_tasks_v1; Type: ACL; Schema: lead_hunter; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE lead_hunter.craigslist_tasks_v1 TO revenue_api;
GRANT SELECT ON TABLE lead_hunter.craigslist_tasks_v1 TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE lead_hunter.craigslist_tasks_v1 TO revenue_worker;

--
-- Name: FUNCTION claim_craigslist_task_v1(p_worker_id text, p_stale_after interval, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.claim_craigslist_task_v1(p_worker_id text, p_stale_after interval, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.claim_craigslist_task_v1(p_worker_id text, p_stale_after interval, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.complete_detail_v1(p_task_id uuid, p_worker_id text, p_listing jsonb, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.complete_discover_v1(p_task_id uuid, p_worker_id text, p_postings jsonb, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean) TO revenue_api;
GRANT ALL ON FUNCTION lead_hunter.enqueue_craigslist_discover_v1(p_account_id uuid, p_city text, p_override boolean) TO revenue_worker;

--
-- Name: FUNCTION fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.fail_task_v1(p_task_id uuid, p_worker_id text, p_code text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION leadgen_routing_summary(p_routing jsonb); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) TO revenue_api;
GRANT ALL ON FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) TO revenue_analyst;
GRANT ALL ON FUNCTION lead_hunter.leadgen_routing_summary(p_routing jsonb) TO revenue_worker;

--
-- Name: FUNCTION release_task_v1(p_task_id uuid, p_worker_id text); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.release_task_v1(p_task_id uuid, p_worker_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.release_task_v1(p_task_id uuid, p_worker_id text) TO revenue_worker;

--
-- Name: FUNCTION start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION lead_hunter.start_craigslist_v1(p_account_id uuid, p_city text, p_override boolean, p_confirm_duplicate boolean, p_actor text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone); Type: ACL; Schema: lead_hunter; Owner: -
--

REVOKE ALL ON FUNCTION lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION analyst_account_id(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.analyst_account_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.analyst_account_id() TO revenue_analyst;

--
-- Name: FUNCTION analyze_leads(p_analyze boolean); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.analyze_leads(p_analyze boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION private.analyze_leads(p_analyze boolean) TO revenue_worker;

--
-- Name: FUNCTION assert_keeps_an_owner(p_account_id uuid, p_user_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.assert_keeps_an_owner(p_account_id uuid, p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION create_analyst_login(p_login text, p_account_slug text, p_password_verifier text, p_rotate boolean); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.create_analyst_login(p_login text, p_account_slug text, p_password_verifier text, p_rotate boolean) FROM PUBLIC;

--
-- Name: FUNCTION defer_lead_scoring(p_lead_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.defer_lead_scoring(p_lead_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION drop_analyst_login(p_login text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.drop_analyst_login(p_login text) FROM PUBLIC;

--
-- Name: FUNCTION login_retry_after(p_email text, p_ip text, p_now timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.login_retry_after(p_email text, p_ip text, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: TABLE account_invites; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,UPDATE ON TABLE public.account_invites TO revenue_worker;

--
-- Name: COLUMN account_invites.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(id) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(account_id) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.email; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(email) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(email) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.role; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(role) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(role) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.delivery; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(delivery) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(delivery) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.invited_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(invited_by) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(invited_by) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(created_at) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.expires_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(expires_at) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(expires_at) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.emailed_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(emailed_at) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(emailed_at) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.email_error; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(email_error) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(email_error) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.accepted_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accepted_at) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(accepted_at) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.accepted_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accepted_by) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(accepted_by) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: COLUMN account_invites.revoked_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(revoked_at) ON TABLE public.account_invites TO revenue_api;
GRANT SELECT(revoked_at) ON TABLE public.account_invites TO revenue_analyst;

--
-- Name: FUNCTION open_account_invite(p_token_hash text, p_now timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_account_invite(p_token_hash text, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION open_session(p_user_id uuid, p_account_id uuid, p_ip text, p_user_agent text, p_ttl interval); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_session(p_user_id uuid, p_account_id uuid, p_ip text, p_user_agent text, p_ttl interval) FROM PUBLIC;

--
-- Name: FUNCTION queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.queue_touch_dispatch(p_account_id uuid, p_run_at timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION require_account_owner(p_actor_user_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.require_account_owner(p_actor_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION take_deferred_scoring(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.take_deferred_scoring() FROM PUBLIC;

--
-- Name: FUNCTION tg_account_provider_settings__sync_sender_addresses(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_account_provider_settings__sync_sender_addresses() FROM PUBLIC;

--
-- Name: FUNCTION touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.touch_dispatch_job_key(p_account_id uuid, p_scheduled_at timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_account_invite(p_token_hash text, p_session_id uuid, p_now timestamp with time zone) TO revenue_login;

--
-- Name: FUNCTION accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.accept_account_invite_as_new_user(p_token_hash text, p_display_name text, p_password_hash text, p_now timestamp with time zone) TO revenue_login;

--
-- Name: FUNCTION account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.account_changes_since(p_account_id uuid, p_since timestamp with time zone, p_now timestamp with time zone) TO revenue_analyst;

--
-- Name: FUNCTION account_people(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.account_people() FROM PUBLIC;
GRANT ALL ON FUNCTION public.account_people() TO revenue_api;
GRANT ALL ON FUNCTION public.account_people() TO revenue_analyst;

--
-- Name: FUNCTION approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.approve_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_body text, p_subject text, p_account_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION archive_campaign(p_campaign_id uuid, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.archive_campaign(p_campaign_id uuid, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.archive_campaign(p_campaign_id uuid, p_actor text) TO revenue_api;

--
-- Name: FUNCTION assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.assign_lead(p_lead_id uuid, p_user_id uuid, p_by_user_id uuid, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid) TO revenue_api;
GRANT ALL ON FUNCTION public.assign_lead_round_robin(p_lead_id uuid, p_channel text, p_assigned_by uuid) TO revenue_worker;

--
-- Name: FUNCTION authenticate_api_token(p_token_hash text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.authenticate_api_token(p_token_hash text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.authenticate_api_token(p_token_hash text) TO revenue_api;

--
-- Name: FUNCTION autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION public.autos_set_active(p_account_id uuid, p_city text, p_active boolean, p_actor text) TO revenue_worker;

--
-- Name: FUNCTION campaign_step_change_impact(p_campaign_id uuid, p_step integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.campaign_step_change_impact(p_campaign_id uuid, p_step integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.campaign_step_change_impact(p_campaign_id uuid, p_step integer) TO revenue_api;
GRANT ALL ON FUNCTION public.campaign_step_change_impact(p_campaign_id uuid, p_step integer) TO revenue_analyst;

--
-- Name: FUNCTION change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.change_member_role(p_actor_user_id uuid, p_user_id uuid, p_role text) TO revenue_api;

--
-- Name: FUNCTION copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.copy_campaign(p_campaign_id uuid, p_campaign_key text, p_name text, p_actor text) TO revenue_api;

--
-- Name: FUNCTION create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_account_invite(p_actor_user_id uuid, p_email text, p_role text, p_token_hash text, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text, p_source text, p_default_country text, p_campaign_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text, p_source text, p_default_country text, p_campaign_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.create_lead_import(p_created_by uuid, p_file_name text, p_content text, p_content_bytes integer, p_columns text[], p_column_map jsonb, p_delimiter text, p_source text, p_default_country text, p_campaign_id uuid, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION dashboard_page(p_account_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.dashboard_page(p_account_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.dashboard_page(p_account_id uuid, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.dashboard_page(p_account_id uuid, p_now timestamp with time zone) TO revenue_analyst;

--
-- Name: FUNCTION decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone) TO revenue_analyst;
GRANT ALL ON FUNCTION public.decide_next_channel_for_lead(p_lead_id uuid, p_campaign_id uuid, p_step integer, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION engine_activity_summary(p_since timestamp with time zone, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.engine_activity_summary(p_since timestamp with time zone, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.enroll_leads(p_campaign_id uuid, p_filter jsonb, p_preview boolean, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION find_or_create_lead(p_account_id uuid, p_lead jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.find_or_create_lead(p_account_id uuid, p_lead jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.find_or_create_lead(p_account_id uuid, p_lead jsonb) TO revenue_api;
GRANT ALL ON FUNCTION public.find_or_create_lead(p_account_id uuid, p_lead jsonb) TO revenue_worker;

--
-- Name: FUNCTION ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_worker;
GRANT ALL ON FUNCTION public.ingest_booking(p_account_id uuid, p_event_id text, p_event text, p_email text, p_phone text, p_first_name text, p_last_name text, p_start_at timestamp with time zone, p_booking_uri text, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_ingest;

--
-- Name: FUNCTION ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.ingest_call_status(p_provider text, p_event_id text, p_call_id text, p_touch_run_id uuid, p_status text, p_duration_seconds integer, p_occurred_at timestamp with time zone) TO revenue_ingest;

--
-- Name: FUNCTION ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_worker;
GRANT ALL ON FUNCTION public.ingest_email_event(p_provider text, p_event_id text, p_event text, p_to text, p_transaction_id text, p_touch_run_id uuid, p_occurred_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_ingest;

--
-- Name: FUNCTION ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_worker;
GRANT ALL ON FUNCTION public.ingest_inbound_message(p_provider text, p_event_id text, p_channel text, p_from text, p_to text, p_body text, p_received_at timestamp with time zone, p_nul_replaced_fields text[]) TO revenue_ingest;

--
-- Name: FUNCTION ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.ingest_message_status(p_provider text, p_event_id text, p_provider_message_id text, p_touch_run_id uuid, p_status text, p_raw_status text, p_error_code text, p_occurred_at timestamp with time zone) TO revenue_ingest;

--
-- Name: FUNCTION invite_preview(p_token_hash text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.invite_preview(p_token_hash text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.invite_preview(p_token_hash text, p_now timestamp with time zone) TO revenue_login;

--
-- Name: FUNCTION lead_import_status(p_import_id uuid, p_reject_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.lead_import_status(p_import_id uuid, p_reject_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.lead_import_status(p_import_id uuid, p_reject_limit integer) TO revenue_api;
GRANT ALL ON FUNCTION public.lead_import_status(p_import_id uuid, p_reject_limit integer) TO revenue_analyst;

--
-- Name: FUNCTION lead_page(p_lead_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.lead_page(p_lead_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.lead_page(p_lead_id uuid, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.lead_page(p_lead_id uuid, p_now timestamp with time zone) TO revenue_analyst;

--
-- Name: FUNCTION lead_timeline(p_lead_id uuid, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer) TO revenue_api;
GRANT ALL ON FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer) TO revenue_analyst;
GRANT ALL ON FUNCTION public.lead_timeline(p_lead_id uuid, p_limit integer) TO revenue_worker;

--
-- Name: FUNCTION lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.lift_consent_revocation(p_lead_id uuid, p_reason text, p_actor text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION list_lead_imports(p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.list_lead_imports(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.list_lead_imports(p_limit integer) TO revenue_api;
GRANT ALL ON FUNCTION public.list_lead_imports(p_limit integer) TO revenue_analyst;

--
-- Name: FUNCTION login_begin(p_email text, p_ip text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.login_begin(p_email text, p_ip text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.login_begin(p_email text, p_ip text, p_now timestamp with time zone) TO revenue_login;

--
-- Name: FUNCTION login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid, p_ttl interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid, p_ttl interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.login_finish(p_attempt_id bigint, p_succeeded boolean, p_user_agent text, p_account_id uuid, p_ttl interval) TO revenue_login;

--
-- Name: FUNCTION move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.move_campaign_step(p_campaign_id uuid, p_from integer, p_to integer, p_actor text, p_confirm boolean) TO revenue_api;

--
-- Name: FUNCTION password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.password_change(p_session_id uuid, p_attempt_id bigint, p_current_matched boolean, p_new_hash text, p_user_agent text) TO revenue_login;

--
-- Name: FUNCTION preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid) TO revenue_api;
GRANT ALL ON FUNCTION public.preview_campaign_step(p_campaign_id uuid, p_step integer, p_lead_id uuid) TO revenue_analyst;

--
-- Name: FUNCTION provider_credentials_sealed(p_account_id uuid, p_provider text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.provider_credentials_sealed(p_account_id uuid, p_provider text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.provider_credentials_sealed(p_account_id uuid, p_provider text) TO revenue_worker;
GRANT ALL ON FUNCTION public.provider_credentials_sealed(p_account_id uuid, p_provider text) TO revenue_ingest;

--
-- Name: FUNCTION provider_credentials_status(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.provider_credentials_status() FROM PUBLIC;
GRANT ALL ON FUNCTION public.provider_credentials_status() TO revenue_api;
GRANT ALL ON FUNCTION public.provider_credentials_status() TO revenue_analyst;

--
-- Name: FUNCTION queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text) TO revenue_api;
GRANT ALL ON FUNCTION public.queue_manual_message(p_lead_id uuid, p_channel text, p_body text, p_subject text, p_actor text, p_now timestamp with time zone, p_request_id text) TO revenue_worker;

--
-- Name: FUNCTION receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receive_webhook(p_account_id uuid, p_provider text, p_idempotency_key text, p_event_type text, p_kind text, p_ordering_key text, p_payload jsonb, p_nul_replaced_fields text[]) TO revenue_ingest;

--
-- Name: FUNCTION receive_webhooks(p_receipts jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.receive_webhooks(p_receipts jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.receive_webhooks(p_receipts jsonb) TO revenue_ingest;

--
-- Name: FUNCTION record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.record_voice_call_outcome(p_provider text, p_call_id text, p_touch_run_id uuid, p_answered boolean, p_duration_seconds integer, p_verdict text, p_stated_intent text, p_transcript jsonb, p_ended_at timestamp with time zone) TO revenue_ingest;

--
-- Name: FUNCTION reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.reject_ai_draft(p_draft_id uuid, p_actor text, p_user_id uuid, p_reason text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.remove_account_member(p_actor_user_id uuid, p_user_id uuid, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION resolve_campaign(p_account_id uuid, p_text text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.resolve_campaign(p_account_id uuid, p_text text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resolve_campaign(p_account_id uuid, p_text text) TO revenue_api;
GRANT ALL ON FUNCTION public.resolve_campaign(p_account_id uuid, p_text text) TO revenue_analyst;

--
-- Name: FUNCTION resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer) TO revenue_api;
GRANT ALL ON FUNCTION public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer) TO revenue_analyst;

--
-- Name: TABLE campaign_leads; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaign_leads TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_leads TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_leads TO revenue_worker;

--
-- Name: FUNCTION resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.resume_campaign_lead(p_campaign_id uuid, p_lead_id uuid, p_actor text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.revoke_account_invite(p_actor_user_id uuid, p_invite_id uuid, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.run_cadence(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.run_reactivation_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.run_touch_orchestrator(p_limit integer, p_dry_run boolean, p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.save_campaign(p_campaign_id uuid, p_fields jsonb, p_actor text) TO revenue_api;

--
-- Name: FUNCTION save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.save_campaign_step(p_campaign_id uuid, p_step integer, p_fields jsonb, p_actor text, p_confirm boolean) TO revenue_api;

--
-- Name: FUNCTION session_accounts(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.session_accounts(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.session_accounts(p_session_id uuid) TO revenue_login;

--
-- Name: FUNCTION session_context(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.session_context(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.session_context(p_session_id uuid) TO revenue_login;

--
-- Name: FUNCTION session_revoke(p_session_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.session_revoke(p_session_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.session_revoke(p_session_id uuid) TO revenue_login;

--
-- Name: TABLE campaigns; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaigns TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaigns TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaigns TO revenue_worker;

--
-- Name: FUNCTION set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION public.set_campaign_active(p_campaign_id uuid, p_active boolean, p_actor text) TO revenue_worker;

--
-- Name: FUNCTION set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION public.set_campaigns_active_bulk(p_account_id uuid, p_active boolean, p_actor text) TO revenue_worker;

--
-- Name: FUNCTION settings_page(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.settings_page() FROM PUBLIC;
GRANT ALL ON FUNCTION public.settings_page() TO revenue_api;
GRANT ALL ON FUNCTION public.settings_page() TO revenue_analyst;

--
-- Name: FUNCTION suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone) TO revenue_worker;
GRANT ALL ON FUNCTION public.suppress_lead_channel(p_account_id uuid, p_lead_id uuid, p_email text, p_channel text, p_reason text, p_source text, p_now timestamp with time zone) TO revenue_ingest;

--
-- Name: FUNCTION suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone) TO revenue_api;
GRANT ALL ON FUNCTION public.suppress_leads(p_lead_ids uuid[], p_reason text, p_actor text, p_now timestamp with time zone) TO revenue_worker;

--
-- Name: FUNCTION switch_session_account(p_session_id uuid, p_account_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.switch_session_account(p_session_id uuid, p_account_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.switch_session_account(p_session_id uuid, p_account_id uuid) TO revenue_login;

--
-- Name: FUNCTION system_health(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.system_health() FROM PUBLIC;
GRANT ALL ON FUNCTION public.system_health() TO revenue_api;
GRANT ALL ON FUNCTION public.system_health() TO revenue_analyst;

--
-- Name: FUNCTION team_page(p_now timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.team_page(p_now timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION public.team_page(p_now timestamp with time zone) TO revenue_api;

--
-- Name: FUNCTION template_variables(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.template_variables() FROM PUBLIC;
GRANT ALL ON FUNCTION public.template_variables() TO revenue_api;
GRANT ALL ON FUNCTION public.template_variables() TO revenue_worker;
GRANT ALL ON FUNCTION public.template_variables() TO revenue_analyst;

--
-- Name: FUNCTION voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text) TO revenue_worker;
GRANT ALL ON FUNCTION public.voice_call_context(p_touch_run_id uuid, p_provider text, p_call_id text) TO revenue_ingest;

--
-- Name: FUNCTION webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text) TO revenue_worker;
GRANT ALL ON FUNCTION public.webhook_account(p_provider text, p_touch_run_id uuid, p_provider_message_id text, p_address text, p_account_slug text) TO revenue_ingest;

--
-- Name: TABLE org_settings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.org_settings TO revenue_analyst;
GRANT SELECT,UPDATE ON TABLE public.org_settings TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.org_settings TO revenue_worker;

--
-- Name: COLUMN org_settings.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id) ON TABLE public.org_settings TO revenue_ingest;

--
-- Name: COLUMN org_settings.business_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(business_name) ON TABLE public.org_settings TO revenue_ingest;

--
-- Name: TABLE v_craigslist_program_status_v1; Type: ACL; Schema: lead_hunter; Owner: -
--

GRANT SELECT ON TABLE lead_hunter.v_craigslist_program_status_v1 TO revenue_api;
GRANT SELECT ON TABLE lead_hunter.v_craigslist_program_status_v1 TO revenue_analyst;
GRANT SELECT ON TABLE lead_hunter.v_craigslist_program_status_v1 TO revenue_worker;

--
-- Name: COLUMN account_api_tokens.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(id) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: COLUMN account_api_tokens.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id),INSERT(account_id) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(account_id) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: COLUMN account_api_tokens.name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name),INSERT(name) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(name) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: COLUMN account_api_tokens.token_hash; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(token_hash) ON TABLE public.account_api_tokens TO revenue_api;

--
-- Name: COLUMN account_api_tokens.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(created_at) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: COLUMN account_api_tokens.last_used_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(last_used_at) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(last_used_at) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: COLUMN account_api_tokens.revoked_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(revoked_at),UPDATE(revoked_at) ON TABLE public.account_api_tokens TO revenue_api;
GRANT SELECT(revoked_at) ON TABLE public.account_api_tokens TO revenue_analyst;

--
-- Name: TABLE account_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.account_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.account_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.account_events TO revenue_worker;

--
-- Name: TABLE account_members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.account_members TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_members TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_members TO revenue_worker;

--
-- Name: TABLE account_provider_credentials; Type: ACL; Schema: public; Owner: -
--

GRANT DELETE ON TABLE public.account_provider_credentials TO revenue_api;

--
-- Name: COLUMN account_provider_credentials.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id),INSERT(account_id) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(account_id) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(account_id) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.provider; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(provider),INSERT(provider) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(provider) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(provider) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.sealed; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sealed),UPDATE(sealed) ON TABLE public.account_provider_credentials TO revenue_api;

--
-- Name: COLUMN account_provider_credentials.key_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(key_id),INSERT(key_id),UPDATE(key_id) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(key_id) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(key_id) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.masked; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(masked),INSERT(masked),UPDATE(masked) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(masked) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(masked) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.verified_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(verified_at),UPDATE(verified_at) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(verified_at) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(verified_at),UPDATE(verified_at) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.verify_ok; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(verify_ok),UPDATE(verify_ok) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(verify_ok) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(verify_ok),UPDATE(verify_ok) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.verify_detail; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(verify_detail),UPDATE(verify_detail) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(verify_detail) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(verify_detail),UPDATE(verify_detail) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(created_at) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(created_at) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: COLUMN account_provider_credentials.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at),UPDATE(updated_at) ON TABLE public.account_provider_credentials TO revenue_api;
GRANT SELECT(updated_at) ON TABLE public.account_provider_credentials TO revenue_analyst;
GRANT SELECT(updated_at) ON TABLE public.account_provider_credentials TO revenue_worker;

--
-- Name: TABLE account_provider_settings; Type: ACL; Schema: public; Owner: -
--

GRANT DELETE ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(id) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(id) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(account_id),INSERT(account_id) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(account_id) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.channel; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(channel) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(channel),INSERT(channel) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(channel) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.provider; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(provider) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(provider),INSERT(provider) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(provider) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.is_default; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(is_default) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(is_default),INSERT(is_default),UPDATE(is_default) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(is_default) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.config; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(config) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(config),INSERT(config),UPDATE(config) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(config) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(created_at) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(created_at) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(updated_at),UPDATE(updated_at) ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT(updated_at) ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accounts TO revenue_analyst;
GRANT SELECT ON TABLE public.accounts TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.accounts TO revenue_worker;

--
-- Name: COLUMN accounts.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.accounts TO revenue_ingest;

--
-- Name: COLUMN accounts.slug; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(slug) ON TABLE public.accounts TO revenue_ingest;

--
-- Name: TABLE ai_drafts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,UPDATE ON TABLE public.ai_drafts TO revenue_api;
GRANT SELECT ON TABLE public.ai_drafts TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.ai_drafts TO revenue_worker;

--
-- Name: TABLE ai_personas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.ai_personas TO revenue_api;
GRANT SELECT ON TABLE public.ai_personas TO revenue_analyst;
GRANT SELECT ON TABLE public.ai_personas TO revenue_worker;

--
-- Name: TABLE call_queue; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.call_queue TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.call_queue TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.call_queue TO revenue_worker;

--
-- Name: TABLE campaign_steps; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaign_steps TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_steps TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_steps TO revenue_worker;

--
-- Name: TABLE core_memory_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.core_memory_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.core_memory_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.core_memory_events TO revenue_worker;

--
-- Name: TABLE inbound_messages; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.inbound_messages TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.inbound_messages TO revenue_worker;
GRANT SELECT ON TABLE public.inbound_messages TO revenue_analyst;

--
-- Name: TABLE outbound_messages; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.outbound_messages TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.outbound_messages TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.outbound_messages TO revenue_worker;

--
-- Name: TABLE inbox_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.inbox_events TO revenue_api;
GRANT SELECT ON TABLE public.inbox_events TO revenue_analyst;
GRANT SELECT ON TABLE public.inbox_events TO revenue_worker;

--
-- Name: TABLE lead_assignment_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_assignment_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.lead_assignment_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.lead_assignment_events TO revenue_worker;

--
-- Name: TABLE lead_enriched; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_enriched TO revenue_api;
GRANT SELECT ON TABLE public.lead_enriched TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_enriched TO revenue_worker;

--
-- Name: TABLE lead_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.lead_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.lead_events TO revenue_worker;

--
-- Name: TABLE lead_import_rejects; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_import_rejects TO revenue_api;
GRANT SELECT ON TABLE public.lead_import_rejects TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.lead_import_rejects TO revenue_worker;

--
-- Name: TABLE lead_imports; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.lead_imports TO revenue_api;
GRANT SELECT,UPDATE ON TABLE public.lead_imports TO revenue_worker;

--
-- Name: COLUMN lead_imports.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_by) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.file_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(file_name) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.status; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(status) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.content_bytes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(content_bytes) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.delimiter; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(delimiter) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.columns; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(columns) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.column_map; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(column_map) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.source; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(source) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.default_country; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(default_country) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.campaign_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(campaign_id) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.rows_total; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(rows_total) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.rows_done; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(rows_done) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.rows_imported; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(rows_imported) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.rows_duplicate; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(rows_duplicate) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.rows_rejected; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(rows_rejected) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.leads_enrolled; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(leads_enrolled) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.error; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(error) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.started_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(started_at) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.finished_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(finished_at) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: COLUMN lead_imports.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.lead_imports TO revenue_analyst;

--
-- Name: TABLE lead_next_action_view_v5; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_next_action_view_v5 TO revenue_api;
GRANT SELECT ON TABLE public.lead_next_action_view_v5 TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_next_action_view_v5 TO revenue_worker;

--
-- Name: TABLE lead_state_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_api;
GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_worker;

--
-- Name: TABLE lead_states; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_states TO revenue_api;
GRANT SELECT ON TABLE public.lead_states TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_states TO revenue_worker;

--
-- Name: TABLE lead_suppression_status_v1; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_suppression_status_v1 TO revenue_api;
GRANT SELECT ON TABLE public.lead_suppression_status_v1 TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_suppression_status_v1 TO revenue_worker;

--
-- Name: TABLE lead_timers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_timers TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.lead_timers TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.lead_timers TO revenue_worker;

--
-- Name: TABLE multichannel_lead_signals; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.multichannel_lead_signals TO revenue_api;
GRANT SELECT ON TABLE public.multichannel_lead_signals TO revenue_analyst;
GRANT SELECT ON TABLE public.multichannel_lead_signals TO revenue_worker;

--
-- Name: TABLE phone_area_codes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.phone_area_codes TO revenue_api;
GRANT SELECT ON TABLE public.phone_area_codes TO revenue_analyst;
GRANT SELECT ON TABLE public.phone_area_codes TO revenue_worker;

--
-- Name: TABLE provider_readiness; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.provider_readiness TO revenue_api;
GRANT SELECT ON TABLE public.provider_readiness TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.provider_readiness TO revenue_worker;

--
-- Name: TABLE sender_addresses; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sender_addresses TO revenue_api;
GRANT SELECT ON TABLE public.sender_addresses TO revenue_analyst;
GRANT SELECT ON TABLE public.sender_addresses TO revenue_worker;

--
-- Name: TABLE sender_daily_counts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sender_daily_counts TO revenue_api;
GRANT SELECT ON TABLE public.sender_daily_counts TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sender_daily_counts TO revenue_worker;

--
-- Name: TABLE sender_rate_state; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sender_rate_state TO revenue_api;
GRANT SELECT ON TABLE public.sender_rate_state TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sender_rate_state TO revenue_worker;

--
-- Name: TABLE suppressions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.suppressions TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.suppressions TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.suppressions TO revenue_worker;

--
-- Name: TABLE touch_run_status_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_api;
GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_analyst;
GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_worker;

--
-- Name: TABLE touch_run_statuses; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_api;
GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_analyst;
GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_worker;

--
-- Name: TABLE touch_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_runs TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.touch_runs TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.touch_runs TO revenue_worker;

--
-- Name: COLUMN users.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(id) ON TABLE public.users TO revenue_api;
GRANT SELECT(id) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.email; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(email) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(email) ON TABLE public.users TO revenue_api;
GRANT SELECT(email) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.display_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(display_name) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(display_name) ON TABLE public.users TO revenue_api;
GRANT SELECT(display_name) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.is_active; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(is_active) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(is_active) ON TABLE public.users TO revenue_api;
GRANT SELECT(is_active) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.last_login_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(last_login_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(last_login_at) ON TABLE public.users TO revenue_api;
GRANT SELECT(last_login_at) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(created_at) ON TABLE public.users TO revenue_api;
GRANT SELECT(created_at) ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(updated_at) ON TABLE public.users TO revenue_api;
GRANT SELECT(updated_at) ON TABLE public.users TO revenue_worker;

--
-- Name: TABLE v_campaign_runtime_status_v1; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.v_campaign_runtime_status_v1 TO revenue_api;
GRANT SELECT ON TABLE public.v_campaign_runtime_status_v1 TO revenue_analyst;
GRANT SELECT ON TABLE public.v_campaign_runtime_status_v1 TO revenue_worker;

--
-- Name: TABLE v_craigslist_ssv_v0; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.v_craigslist_ssv_v0 TO revenue_api;
GRANT SELECT ON TABLE public.v_craigslist_ssv_v0 TO revenue_analyst;
GRANT SELECT ON TABLE public.v_craigslist_ssv_v0 TO revenue_worker;

--
-- Name: TABLE v_lead_channel_attempts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.v_lead_channel_attempts TO revenue_api;
GRANT SELECT ON TABLE public.v_lead_channel_attempts TO revenue_analyst;
GRANT SELECT ON TABLE public.v_lead_channel_attempts TO revenue_worker;

--
-- Name: TABLE v_lead_with_enrichment_and_campaign_v1; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.v_lead_with_enrichment_and_campaign_v1 TO revenue_api;
GRANT SELECT ON TABLE public.v_lead_with_enrichment_and_campaign_v1 TO revenue_analyst;
GRANT SELECT ON TABLE public.v_lead_with_enrichment_and_campaign_v1 TO revenue_worker;

--
-- Name: TABLE worker_heartbeats; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.worker_heartbeats TO revenue_worker;

--
-- PostgreSQL database dump complete
--

--
-- Applied migrations
--

INSERT INTO private.schema_migrations (version) VALUES
    ('20261122000100'),
    ('20261122000200'),
    ('20261122000300'),
    ('20261122000400'),
    ('20261122000500'),
    ('20261122000600'),
    ('20261122000700'),
    ('20261122000800'),
    ('20261122010000'),
    ('20261122010100'),
    ('20261122010200'),
    ('20261122020000'),
    ('20261122030000'),
    ('20261122040000'),
    ('20261122050000'),
    ('20261122070000'),
    ('20261122080000'),
    ('20261205100000'),
    ('20261205200000'),
    ('20261205300000'),
    ('20261205600000'),
    ('20261206100000'),
    ('20261206120000'),
    ('20261206200000'),
    ('20261206300000'),
    ('20261206400000'),
    ('20261206500000'),
    ('20261207100000'),
    ('20261208100000'),
    ('20261208200000'),
    ('20261208900000'),
    ('20261209050000'),
    ('20261209100000'),
    ('20261209300000'),
    ('20261209300100'),
    ('20261210100000');
