-- The decision logic of one inbound SMS or WhatsApp message: routing, lead matching,
-- consent, replies, events. Called by public.ingest_inbound_message (synchronous)
-- and by the receipts drain (brain.drain_webhook_receipts).
create or replace function brain.apply_inbound_message(
  p_provider text,
  p_event_id text,
  p_channel text,
  p_from text,
  p_to text,
  p_body text,
  p_received_at timestamptz default now(),
  p_nul_replaced_fields text[] default null,
  p_record_receipt boolean default true,
  p_prior_suppressions integer default 0,
  p_consent jsonb default null
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_route record;
  v_lead record;
  v_message_id uuid;
  v_keyword text;
  v_consent record;
  v_class text;
  v_lead_row public.leads;
  v_org public.org_settings;
  v_result jsonb := '{}'::jsonb;
  v_reply uuid;
  v_new_rows integer := 0;
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
    -- The same on every channel (brain.apply_lead_reply); an address the text names is captured.
    v_result := brain.apply_lead_reply(v_route.account_id, v_lead.lead_id, v_message_id, p_channel, p_provider, v_class,
                                       p_received_at, brain.extract_email(p_body));
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

comment on function brain.apply_inbound_message(text, text, text, text, text, text, timestamptz, text[], boolean, integer, jsonb) is
  'The decision logic of an inbound SMS/WhatsApp message (see public.ingest_inbound_message, which calls it with p_record_receipt true). The receipts drain (brain.drain_webhook_receipts) calls it with p_record_receipt false (the receipt exists and is being processed) and p_prior_suppressions: how many suppressions the consent pre-pass already created for this message, counted as new so the opt-out confirmation goes out exactly once. A START is an opt-in only against suppressions created at or before p_received_at (a STOP received later but pre-passed first does not count). p_consent: brain.classify_consent''s row for p_body as the pre-pass read it (webhook_receipts.consent), used instead of classifying the body again; null classifies it here.';

-- Writes: only the definer functions that call it (ingest_*, the drain) may.
revoke execute on function brain.apply_inbound_message(text, text, text, text, text, text, timestamptz, text[], boolean, integer, jsonb) from public;
