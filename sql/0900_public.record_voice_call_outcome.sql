-- The end of a call bridged by the voice gateway (issue 8): whether it was answered, how
-- long it lasted, what the lead said they want, the model's hot/warm/cold verdict and the
-- transcript, recorded once per call. A hot call puts the lead in front of a human.
create or replace function public.record_voice_call_outcome(
  p_provider text,
  p_call_id text,
  p_touch_run_id uuid,
  p_answered boolean,
  p_duration_seconds integer,
  p_verdict text,
  p_stated_intent text,
  p_transcript jsonb,
  p_ended_at timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
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

comment on function public.record_voice_call_outcome(text, text, uuid, boolean, integer, text, text, jsonb, timestamptz) is
  'Records the end of a call bridged by the voice gateway, once per (provider, call id) (webhook_receipts voice_gateway / outcome:<provider>:<call id>; a replay returns duplicate and changes nothing). The call is found by p_touch_run_id (a voice touch) or by the provider''s call id on its outbound message; unknown_call otherwise. Writes a voice_call_outcome memory event (answered, duration_seconds, verdict hot/warm/cold, stated_intent, turns; score +15 hot, +5 warm) and, when anything was said, a voice_call_transcript event with the turns [{role lead|assistant, text}]; both appear in public.lead_timeline. An answered call is a response (call_answered, shared dedupe key with ingest_call_status; new/touched/dead → responded). A hot verdict pauses the lead''s outreach (brain.halt_outreach hot_call), moves it to high_intent when allowed and, unless it is suppressed or opted out of voice, queues it in call_queue (reason hot_call, org_settings.call_queue_gold_priority, one open entry per lead) and assigns it by round-robin. Bad input raises invalid_argument (22023) with a detail naming the field.';

revoke execute on function public.record_voice_call_outcome(text, text, uuid, boolean, integer, text, text, jsonb, timestamptz) from public;
grant execute on function public.record_voice_call_outcome(text, text, uuid, boolean, integer, text, text, jsonb, timestamptz) to revenue_worker, revenue_ingest;
