-- Booking (issue 18, seed 003 §12, processMessageForAutoBooking): once a reply is
-- understood, does it accept a slot we offered? Exactly one slot, confidence 0.9 or
-- more, auto-booking on for the account and the lead, the lead still bookable and the
-- slot still ahead and in the availability cache: a booking attempt is claimed here
-- (unique per lead and slot) and job book_offered_slot calls the provider. Anything
-- about a time that is not that clear becomes a setter task instead.
create or replace function brain.consider_auto_booking(p_message_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_m public.inbound_messages;
  v_lead public.leads;
  v_o public.org_settings;
  v_match jsonb;
  v_blocker text;
  v_attempt uuid;
  v_offer text;
  v_task uuid;
  v_ss record;
begin
  select m.* into v_m from public.inbound_messages m where m.id = p_message_id;
  if not found then
    return pg_catalog.jsonb_build_object('decision', 'none', 'reason', 'message_not_found');
  end if;
  if v_m.sentiment_tag in ('Blacklist', 'Not Interested', 'Automated Reply', 'Out of Office') then
    return pg_catalog.jsonb_build_object('decision', 'none', 'reason', 'tag_' || pg_catalog.replace(pg_catalog.lower(v_m.sentiment_tag), ' ', '_'));
  end if;
  -- This reply was already decided (a replay, a retried job): nothing more.
  select a.id into v_attempt from public.booking_attempts a where a.account_id = v_m.account_id and a.inbound_message_id = v_m.id limit 1;
  if found then
    return pg_catalog.jsonb_build_object('decision', 'already_requested', 'booking_attempt_id', v_attempt);
  end if;
  select t.id into v_task from public.setter_tasks t where t.account_id = v_m.account_id and t.inbound_message_id = v_m.id limit 1;
  if found then
    return pg_catalog.jsonb_build_object('decision', 'already_requested', 'setter_task_id', v_task);
  end if;
  if not exists (select 1 from public.offered_slots s where s.lead_id = v_m.lead_id and s.account_id = v_m.account_id and s.status in ('open', 'accepted')) then
    return pg_catalog.jsonb_build_object('decision', 'none', 'reason', 'no_open_offer');
  end if;
  select l.* into v_lead from public.leads l where l.id = v_m.lead_id and l.account_id = v_m.account_id for update;
  select o.* into v_o from public.org_settings o where o.account_id = v_m.account_id;
  v_match := brain.match_offered_slot(v_m.lead_id, coalesce(v_m.body, ''), p_now);

  -- Not about a time at all ("thanks!", "what is the price?"): nothing to do here.
  if not (v_match ->> 'matched')::boolean and not (v_match ->> 'mentions_time')::boolean
     and not coalesce((v_match ->> 'accepts')::boolean, false) then
    return pg_catalog.jsonb_build_object('decision', 'none', 'reason', v_match ->> 'reason');
  end if;

  -- The same slot is already being booked (or booked) for this lead: another reply said it first.
  if (v_match ->> 'matched')::boolean then
    select a.id into v_attempt from public.booking_attempts a
    where a.account_id = v_m.account_id and a.lead_id = v_m.lead_id and a.slot_start = (v_match ->> 'slot_start')::timestamptz;
    if found then
      return pg_catalog.jsonb_build_object('decision', 'already_requested', 'booking_attempt_id', v_attempt, 'match', v_match);
    end if;
  end if;

  select ss.is_unsubscribed, ss.stop_event into v_ss
  from brain.lead_suppression_status_at(p_now) ss where ss.lead_id = v_m.lead_id;
  v_blocker := case
    when not (v_match ->> 'matched')::boolean then
      case v_match ->> 'reason'
        when 'ambiguous' then 'the reply fits more than one offered slot'
        when 'no_offered_slot_matches' then 'the reply names a time that was not offered'
        else 'the reply accepts but does not say which slot' end
    when (v_match ->> 'confidence')::numeric < 0.9 then
      pg_catalog.format('the reply may accept %s, but not clearly enough to book (confidence %s)', v_match ->> 'label', v_match ->> 'confidence')
    when coalesce(v_ss.is_unsubscribed, false) or v_lead.lead_state in ('suppressed', 'closed') then 'the lead is suppressed or closed'
    when v_lead.lead_state = 'appointment_booked' or v_ss.stop_event = 'appointment_booked'
         or exists (select 1 from public.appointments a where a.lead_id = v_lead.id and a.account_id = v_lead.account_id
                      and a.status = 'booked' and a.start_at > p_now) then 'the lead already has a meeting booked'
    when not v_o.auto_book_enabled then pg_catalog.format('auto-booking is off for the account: book %s by hand', v_match ->> 'label')
    when not v_lead.auto_book_enabled then pg_catalog.format('auto-booking is off for this lead: book %s by hand', v_match ->> 'label')
    when v_o.booking_provider <> 'calendly' then 'no booking provider is configured'
    when (v_match ->> 'slot_start')::timestamptz <= p_now then 'the slot has passed'
    when not exists (select 1 from public.availability_caches c where c.account_id = v_m.account_id
                       and (v_match ->> 'slot_start')::timestamptz = any(c.slots_utc)) then 'the slot is no longer available'
    when v_lead.email is null then 'the lead has no email address, which the booking needs'
  end;

  if v_blocker is null then
    insert into public.booking_attempts (account_id, lead_id, slot_start, slot_end, time_zone, offered_slot_id,
                                         inbound_message_id, confidence)
    values (v_m.account_id, v_m.lead_id, (v_match ->> 'slot_start')::timestamptz, (v_match ->> 'slot_end')::timestamptz,
            (v_match ->> 'time_zone')::public.time_zone, (v_match ->> 'offered_slot_id')::uuid, v_m.id,
            (v_match ->> 'confidence')::real)
    on conflict (account_id, lead_id, slot_start) do nothing
    returning id into v_attempt;
    if v_attempt is null then
      return pg_catalog.jsonb_build_object('decision', 'already_requested', 'match', v_match);
    end if;
    update public.offered_slots set status = 'accepted'
    where id = (v_match ->> 'offered_slot_id')::uuid and account_id = v_m.account_id;
    perform graphile_worker.add_job('book_offered_slot', pg_catalog.json_build_object('booking_attempt_id', v_attempt),
      max_attempts => 5,
      job_key => 'book_offered_slot:' || v_m.lead_id::text || ':' || pg_catalog.to_char((v_match ->> 'slot_start')::timestamptz at time zone 'UTC', 'YYYYMMDD"T"HH24MI'));
    perform brain.record_event(v_m.account_id, v_m.lead_id, 'booking_requested', 'auto_booking', 'internal',
      pg_catalog.jsonb_build_object('booking_attempt_id', v_attempt, 'inbound_message_id', v_m.id, 'slot_start', v_match -> 'slot_start',
                                    'label', v_match ->> 'label', 'confidence', v_match -> 'confidence'),
      v_m.channel::text, p_now, 'booking_requested:' || v_attempt::text);
    return pg_catalog.jsonb_build_object('decision', 'book', 'booking_attempt_id', v_attempt, 'match', v_match);
  end if;

  -- A person decides: a task with a suggested answer naming the offered slots.
  select pg_catalog.string_agg(s.label, ' or ' order by s.offer_order) || ' (' || min(s.time_zone::text) || ')' into v_offer
  from public.offered_slots s where s.lead_id = v_m.lead_id and s.account_id = v_m.account_id and s.status = 'open' and s.slot_start > p_now;
  insert into public.setter_tasks (account_id, lead_id, kind, reason, suggested_text, inbound_message_id)
  values (v_m.account_id, v_m.lead_id, 'confirm_slot', pg_catalog.left(v_blocker, 500),
          case when (v_match ->> 'matched')::boolean
               then pg_catalog.format('Great, shall I book you for %s (%s)?', v_match ->> 'label', v_match ->> 'time_zone')
               when v_offer is not null then pg_catalog.format('Happy to set it up. Which works better: %s?', v_offer)
               else 'Happy to set it up. Which day and time work best for you?' end,
          v_m.id)
  on conflict (account_id, inbound_message_id, kind) where inbound_message_id is not null do nothing
  returning id into v_task;
  if v_task is not null then
    perform brain.record_event(v_m.account_id, v_m.lead_id, 'setter_task_created', 'auto_booking', 'internal',
      pg_catalog.jsonb_build_object('setter_task_id', v_task, 'kind', 'confirm_slot', 'reason', pg_catalog.left(v_blocker, 300),
                                    'inbound_message_id', v_m.id),
      v_m.channel::text, p_now, 'setter_task:' || v_task::text);
  end if;
  return pg_catalog.jsonb_build_object('decision', 'setter_task', 'setter_task_id', v_task, 'reason', v_blocker, 'match', v_match);
end
$$;

comment on function brain.consider_auto_booking(uuid, timestamptz) is
  'The auto-booking decision for an understood reply (seed 003 §12), called by brain.record_reply_sentiment. A reply already decided (its booking attempt or setter task exists), or one matching a slot already requested for the lead, answers already_requested and changes nothing. Nothing for Blacklist, Not Interested, Automated Reply or Out of Office replies, leads without an open offer, or replies that name no time and accept nothing. When brain.match_offered_slot matches exactly one slot with confidence ≥ 0.9, org_settings.auto_book_enabled and leads.auto_book_enabled are on, the booking provider is calendly, the lead is not suppressed, closed or already booked, has an email, and the slot is ahead and still in the availability cache: claims a booking_attempts row (unique per lead and slot, so a replayed reply books nothing again: decision already_requested), marks the offer accepted, queues job book_offered_slot {booking_attempt_id} (job_key book_offered_slot:<lead>:<slot>) and records booking_requested; decision book. Otherwise a setter task (kind confirm_slot, once per reply) with the reason and a suggested answer, and a setter_task_created event; decision setter_task. Security definer: the worker needs no rights on graphile_worker.';

revoke execute on function brain.consider_auto_booking(uuid, timestamptz) from public;
grant execute on function brain.consider_auto_booking(uuid, timestamptz) to revenue_worker;
