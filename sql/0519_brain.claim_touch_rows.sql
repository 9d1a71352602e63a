-- The one decision a dispatch worker asks for, for a set of touches at once: may each
-- go now, and if so what exactly. brain.claim_touch (one touch) and brain.claim_touches
-- (a batch) both answer through this function, so they can never disagree.
--
-- Set-based: the facts every rule reads (lead, consent and suppression, campaign and
-- enrollment, provider, template, send window, sender) are read for all the touches in
-- one statement, the common outcomes are written with one statement each (the outbound
-- rows, the claim, the reschedules), and each sender's slots are reserved under one lock
-- (brain.reserve_sender_slots). Each sender's daily cap (an inbox's warm-up ramp, a
-- number's cap) is counted once per channel and round for all its touches
-- (brain.count_daily_sends). Rare outcomes (a dead worker's touch, a cancel, a
-- template problem) are written row by row through the same functions a single claim
-- always used (brain.cancel_touch).
--
-- Touches of one lead are decided in rounds, one touch of each lead per round, in the
-- given order: a later touch of a lead sees what an earlier one did to it (a paused
-- enrollment, an outbound row), exactly as when they were claimed one after another.
create or replace function brain.claim_touch_rows(
  p_account_id uuid,
  p_touch_run_ids uuid[],
  p_worker_id text default null,
  p_now timestamptz default now()
)
returns table (touch_run_id uuid, claim jsonb)
language plpgsql
volatile
set search_path = ''
-- Generic plans from the first call: each statement is planned once per session, not on
-- each of its first five calls (a dispatch worker's session makes only a few batches).
set plan_cache_mode = force_generic_plan
as $$
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
  v_capped uuid[];
  v_paused uuid[];
  v_counted uuid[];
  v_group record;
  v_slots jsonb;
  v_claims jsonb;
  v_pools jsonb;
  v_verdicts text[];
  v_configs jsonb;
  v_offered uuid[];
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
        -- The sender's daily target (config.daily_cap): 500 an inbox, 250 a number (SMS, WhatsApp).
        'daily_cap', case when st.config ->> 'daily_cap' ~ '^[0-9]{1,7}$' then (st.config ->> 'daily_cap')::integer
                          when t.channel = 'email' then 500 else 250 end,
        'max_per_second', case when st.config ->> 'max_per_second' ~ '^[0-9]{1,4}$' then (st.config ->> 'max_per_second')::integer else 1 end,
        -- Email may name its recipients (delivery.to / delivery.cc: an AI draft answering a CC'd
        -- colleague); brain.email_recipients_problem below has checked each is the lead's own.
        'to', case when t.channel = 'email' then coalesce(pg_catalog.lower(pg_catalog.btrim(t.payload -> 'delivery' ->> 'to')), l.email::text)
                   else l.phone::text end,
        'cc', case when t.channel = 'email' and pg_catalog.jsonb_typeof(t.payload -> 'delivery' -> 'cc') = 'array'
                        and pg_catalog.jsonb_array_length(t.payload -> 'delivery' -> 'cc') > 0
                   then (select pg_catalog.jsonb_agg(pg_catalog.lower(pg_catalog.btrim(c_ #>> '{}')))
                         from pg_catalog.jsonb_array_elements(t.payload -> 'delivery' -> 'cc') c_) end,
        'persona', l.persona, 'country', l.country,
        'subject_template', t.payload -> 'delivery' ->> 'subject',
        'body_template', tpl.body_template,
        'template_name', coalesce(t.payload -> 'delivery' -> 'channel_overrides' -> t.channel ->> 'template_name',
                                  t.payload -> 'delivery' ->> 'template_key'),
        'variables', tpl.variables,
        'reason', coalesce(r1.reason, r2.reason, r4.reason),
        'window_at', w.window_at, 'send_key', s.send_key, 'sender', s.sender,
        'wait_until', h.wait_until,
        'verdict', case
          when r1.reason is not null then 'cancel'
          when h.held then 'hold'
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
      left join lateral (select cp_.is_active, cp_.allow_role_addresses from public.campaigns cp_
                         where cp_.id = t.campaign_id and cp_.account_id = t.account_id offset 0) cp on true
      left join lateral (select cl_.status from public.campaign_leads cl_
                         where cl_.account_id = t.account_id and cl_.campaign_id = t.campaign_id and cl_.lead_id = t.lead_id
                         offset 0) cl on true
      -- Named columns: the worker may not read the provider secrets.
      left join lateral (select s_.provider, s_.config from public.account_provider_settings s_
                         where s_.account_id = t.account_id and s_.channel = t.channel and s_.is_default) st on true
      -- A step of a booking_reminder sequence run (issue 18): still goes to a booked lead.
      cross join lateral (select coalesce((select se_.trigger = 'booking_reminder' from public.sequence_enrollments se_
                                           where se_.id = t.sequence_enrollment_id and se_.account_id = t.account_id), false)
                                 as is_reminder
                          offset 0) sq
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
      -- The enrichment wait (issue 19): a channel whose address enrichment has not checked
      -- yet is held until brain.enrichment_wait_until, then goes on with what is known.
      -- A carrier-required reply never waits.
      cross join lateral (
        select x_.wait_until, coalesce(x_.wait_until > p_now, false) as held
        from (select case when not k.transactional then
                brain.enrichment_wait_until(t.channel::text, l.enrichment_status, l.enrichment_requested_at,
                                            l.phone_checked_at, l.email_checked_at, o.enrichment_wait_seconds) end as wait_until) x_
        offset 0
      ) h
      cross join lateral (
        select coalesce(case
          when k.transactional then null
          when ss.is_unsubscribed then 'suppressed'
          when t.channel = any(ss.suppressed_channels) then 'channel_suppressed'
          -- A booked meeting stops outreach, except the reminders of that meeting's
          -- booking_reminder sequence run.
          when ss.stop_event is not null and not (ss.stop_event = 'appointment_booked' and sq.is_reminder)
            then 'stop_event:' || ss.stop_event
          when k.stop_event is not null and not (k.stop_event = 'appointment_booked' and sq.is_reminder)
            then 'stop_event:' || k.stop_event
          when l.lead_state in ('suppressed', 'closed') then 'lead_' || l.lead_state
          when l.lead_state = 'appointment_booked' and not sq.is_reminder then 'lead_appointment_booked'
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
          -- The address, decided here and never after the outbound row exists (brain.address_problem,
          -- with what enrichment learned). A carrier-required reply answers a text the lead just sent,
          -- so that line takes it whatever enrichment says; a held touch is judged when its wait ends.
          -- A role address is emailed by a campaign only when the campaign allows it; outside
          -- campaigns (a person's message, a reply) it is.
          -- An email that names its recipients (delivery.to / delivery.cc) goes only to the lead's own
          -- addresses, none suppressed: checked only for such touches, never on the common path.
          when k.transactional or h.held
            then brain.address_problem(t.channel::text, l.phone, l.email, null)
          when t.channel = 'email' and (t.payload -> 'delivery' ? 'to' or t.payload -> 'delivery' ? 'cc')
            then coalesce(brain.address_problem('email', l.phone, l.email, null, l.phone_status, l.email_status,
                                                l.email_is_role, l.email_is_disposable,
                                                t.campaign_id is null or coalesce(cp.allow_role_addresses, false)),
                          brain.email_recipients_problem(t.account_id, l.email, l.alternate_emails::text[],
                                                         t.payload -> 'delivery', p_now))
          else brain.address_problem(t.channel::text, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                                     l.email_is_role, l.email_is_disposable,
                                     t.campaign_id is null or coalesce(cp.allow_role_addresses, false))
        end) as reason
        offset 0
      ) r1
      -- Strict templates: the content is decided here, from the lead as it is now. A text
      -- without a body is never sent (no "Hola!"); a call without a script is dialled with
      -- no opening line, and the voice gateway briefs the assistant from the business.
      cross join lateral (
        select case when r1.reason is null and not h.held then
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
          when r1.reason is not null or h.held then null
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
        select case when r1.reason is null and not h.held and r2.reason is null then
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
               case when r1.reason is null and not h.held and r2.reason is null then
                 coalesce(brain.pick_sender(pl.pool, l.id),
                          case when st.provider = 'sink' then 'sink' end) end as sender
        from (select brain.send_key(t.lead_id, t.campaign_id, t.step, t.channel::text, t.attempt) as send_key offset 0) sk
        offset 0
      ) s
      cross join lateral (
        select case
          when r1.reason is not null or h.held or r2.reason is not null then null
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
        -- {{availability}} without fresh slots (issue 18): held while a refresh can still
        -- bring them (brain.request_availability queues it); after a failure (back-off) or
        -- with no slots at all it is missing like any other variable.
        if v_d ->> 'reason' = 'missing_lead_data:availability'
           and coalesce((brain.request_availability(p_account_id, p_now) ->> 'queued')::boolean, false) then
          update public.touch_runs set status = 'scheduled', scheduled_at = p_now + interval '30 seconds'
          where id = (v_d ->> 'id')::uuid;
          v_answers := v_answers || pg_catalog.jsonb_build_object(v_d ->> 'id', pg_catalog.jsonb_build_object(
            'outcome', 'rescheduled', 'reason', 'availability_pending', 'scheduled_at', p_now + interval '30 seconds'));
          continue;
        end if;
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

    -- Enrichment pending (issue 19): held until the wait ends, marked so the end of the
    -- enrichment releases it at once (private.tg_leads__release_enrichment_hold). The held
    -- leads are locked and read again first: an enrichment that finished after the decision
    -- read the lead found no mark to release, so such a touch is made due now instead; one
    -- finishing after this lock waits for this transaction and then releases the mark.
    if 'hold' = any(v_verdicts) then
      with still as (
        select l.id from public.leads l
        where l.account_id = p_account_id and l.enrichment_status = 'pending'
          and l.id in (select (d ->> 'lead_id')::uuid from pg_catalog.jsonb_array_elements(v_decided) d where d ->> 'verdict' = 'hold')
        for share
      ), moved as (
        update public.touch_runs t
        set status = 'scheduled',
            scheduled_at = case when t.lead_id in (select s_.id from still s_) then (d ->> 'wait_until')::timestamptz else p_now end,
            held_for = case when t.lead_id in (select s_.id from still s_) then 'enrichment' end
        from pg_catalog.jsonb_array_elements(v_decided) d
        where d ->> 'verdict' = 'hold' and t.id = (d ->> 'id')::uuid
        returning t.id, t.scheduled_at, t.held_for
      )
      select v_answers || coalesce(pg_catalog.jsonb_object_agg(m.id::text, pg_catalog.jsonb_build_object(
               'outcome', 'rescheduled', 'reason', case when m.held_for is null then 'enrichment_finished' else 'enrichment_pending' end,
               'scheduled_at', m.scheduled_at)), '{}'::jsonb)
      into v_answers from moved m;
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

    -- Email: each inbox's cap for today (its warm-up ramp, 0 while paused: brain.sender_caps),
    -- counted for all the round's emails of each inbox at once (brain.count_daily_sends), in
    -- the given order; past it, the start of the next UTC day (daily_cap, or sender_paused).
    v_email_ok := '{}';
    if 'daily_cap' = any(v_verdicts) then
      with want as (
        select (d ->> 'id')::uuid as id, coalesce(d ->> 'sender', 'default') as sender, (d ->> 'daily_cap')::integer as target,
               pg_catalog.row_number() over (partition by coalesce(d ->> 'sender', 'default') order by (d ->> 'n')::integer) as k
        from pg_catalog.jsonb_array_elements(v_decided) d
        where d ->> 'verdict' = 'daily_cap'
      ), per as (
        select w.sender, count(*)::integer as wanted, max(w.target) as target from want w group by w.sender
      )
      select coalesce(pg_catalog.array_agg(w.id) filter (where w.k <= g.granted), '{}'),
             coalesce(pg_catalog.array_agg(w.id) filter (where w.k > g.granted and not g.paused), '{}'),
             coalesce(pg_catalog.array_agg(w.id) filter (where w.k > g.granted and g.paused), '{}')
      into v_email_ok, v_capped, v_paused
      from brain.count_daily_sends(p_account_id, 'email', (select pg_catalog.array_agg(p_.sender order by p_.sender) from per p_),
                                   (select pg_catalog.array_agg(p_.wanted order by p_.sender) from per p_),
                                   (select max(p_.target) from per p_), p_now) g
      join want w on w.sender = g.sender;
      if pg_catalog.cardinality(v_capped) + pg_catalog.cardinality(v_paused) > 0 then
        with moved as (
          update public.touch_runs t set status = 'scheduled',
                 scheduled_at = ((p_now at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC'
          where t.id = any(v_capped || v_paused)
          returning t.id
        )
        select v_answers || coalesce(pg_catalog.jsonb_object_agg(m.id::text, pg_catalog.jsonb_build_object(
                 'outcome', 'rescheduled', 'reason', case when m.id = any(v_paused) then 'sender_paused' else 'daily_cap' end)),
                 '{}'::jsonb)
        into v_answers from moved m;
      end if;
    end if;

    -- SMS and WhatsApp: each number's daily cap (config.daily_cap, 250 by default), counted
    -- for all the round's texts of a channel in one call (brain.count_daily_sends) before
    -- their slots; past it, the start of the next UTC day (daily_cap). A carrier-required
    -- reply (transactional) is neither capped nor counted.
    v_capped := '{}';
    v_counted := '{}';
    if 'slot' = any(v_verdicts) then
      for v_group in
        select g.channel, max(g.target) as target, pg_catalog.array_agg(g.sender order by g.sender) as senders,
               pg_catalog.array_agg(g.wanted order by g.sender) as counts
        from (select d ->> 'channel' as channel, d ->> 'sender' as sender, count(*)::integer as wanted,
                     max((d ->> 'daily_cap')::integer) as target
              from pg_catalog.jsonb_array_elements(v_decided) d
              where d ->> 'verdict' = 'slot' and d ->> 'channel' in ('sms', 'whatsapp') and not (d ->> 'transactional')::boolean
              group by 1, 2) g
        group by 1
        order by 1
      loop
        select v_capped || coalesce(pg_catalog.array_agg(w.id) filter (where w.k > c.granted), '{}'),
               v_counted || coalesce(pg_catalog.array_agg(w.id) filter (where w.k <= c.granted), '{}')
        into v_capped, v_counted
        from brain.count_daily_sends(p_account_id, v_group.channel, v_group.senders, v_group.counts, v_group.target, p_now) c
        join (select (d ->> 'id')::uuid as id, d ->> 'sender' as sender,
                     pg_catalog.row_number() over (partition by d ->> 'sender' order by (d ->> 'n')::integer) as k
              from pg_catalog.jsonb_array_elements(v_decided) d
              where d ->> 'verdict' = 'slot' and d ->> 'channel' = v_group.channel and not (d ->> 'transactional')::boolean) w
          on w.sender = c.sender;
      end loop;
      if pg_catalog.cardinality(v_capped) > 0 then
        with moved as (
          update public.touch_runs t set status = 'scheduled',
                 scheduled_at = ((p_now at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC'
          where t.id = any(v_capped)
          returning t.id
        )
        select v_answers || coalesce(pg_catalog.jsonb_object_agg(m.id::text, pg_catalog.jsonb_build_object(
                 'outcome', 'rescheduled', 'reason', 'daily_cap')), '{}'::jsonb)
        into v_answers from moved m;
      end if;
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
                and (pg_catalog.cardinality(v_capped) = 0 or not (d ->> 'id')::uuid = any(v_capped))
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
        -- A text counted against its number's cap but not sent now gives its count back.
        if pg_catalog.cardinality(v_counted) > 0 then
          update public.sender_daily_counts c set sent = c.sent - r.n
          from (select d ->> 'channel' as channel, d ->> 'sender' as sender, count(*)::integer as n
                from pg_catalog.jsonb_array_elements(v_decided) d
                where (d ->> 'id')::uuid = any(v_counted) and not (v_slots -> (d ->> 'id') ->> 'reserved')::boolean
                group by 1, 2) r
          where c.account_id = p_account_id and c.channel = r.channel::public.channel and c.sender = r.sender
            and c.day = (p_now at time zone 'UTC')::date;
        end if;
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
                                            status, to_address, from_address, subject, body, cc_addresses)
      select p_account_id, (g.d ->> 'lead_id')::uuid, (g.d ->> 'id')::uuid, (g.d ->> 'campaign_id')::uuid,
             (g.d ->> 'channel')::public.channel, g.d ->> 'send_key', g.d ->> 'provider', 'pending',
             g.d ->> 'to', g.d ->> 'sender', g.subject, g.body,
             case when g.d -> 'cc' is not null and g.d -> 'cc' <> 'null'::jsonb
                  then array(select pg_catalog.jsonb_array_elements_text(g.d -> 'cc')) end
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
        provider = d ->> 'provider', held_for = null
    from pg_catalog.jsonb_array_elements(v_decided) d
    where t.id = (d ->> 'id')::uuid and coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false);

    -- Claimed while the lead's enrichment is still pending past its wait: went ahead with
    -- what is known, and the lead's timeline says so.
    perform brain.record_event(p_account_id, (d ->> 'lead_id')::uuid, 'enrichment_wait_expired', 'dispatch_touch', 'internal',
              pg_catalog.jsonb_build_object('touch_run_id', d -> 'id', 'reason', 'enrichment_timed_out',
                                            'waited_until', d -> 'wait_until'),
              d ->> 'channel', p_now)
    from pg_catalog.jsonb_array_elements(v_decided) d
    where d ->> 'wait_until' is not null and coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false);

    -- The slots a claimed text offered through {{availability}} (issue 18), as rendered.
    select pg_catalog.array_agg((d ->> 'id')::uuid) into v_offered
    from pg_catalog.jsonb_array_elements(v_decided) d
    where coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false)
      and not (d ->> 'transactional')::boolean
      and (coalesce(d ->> 'body_template', '') || ' ' || coalesce(d ->> 'subject_template', '')) ~ '\{\{\s*availability\s*(\|[^{}]*)?\}\}';
    if v_offered is not null then
      perform brain.record_offered_slots(p_account_id, v_offered, p_now);
    end if;

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
        'country', d -> 'country')
        -- Email copies (delivery.cc), only when the touch names some.
        || case when d -> 'cc' <> 'null'::jsonb then pg_catalog.jsonb_build_object('cc', d -> 'cc') else '{}'::jsonb end)),
      '{}'::jsonb)
    into v_answers
    from pg_catalog.jsonb_array_elements(v_decided) d
    where coalesce((v_claims -> (d ->> 'id') ->> 'inserted')::boolean, false);
  end loop;

  return query
    select u.id, coalesce(v_answers -> u.id::text, pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_found'))
    from pg_catalog.unnest(v_ids) with ordinality u(id, n)
    order by u.n;
end
$$;

comment on function brain.claim_touch_rows(uuid, uuid[], text, timestamptz) is
  'The claim decision for a set of touches of one account (at most 1000 ids; ids of another account are refused with invalid_argument, each id is answered once, in the order given): one row per id with brain.claim_touch''s answer, decided set-based with exactly its rules, outcomes, reasons, events and enrollment pauses (see brain.claim_touch). Rows are locked for update in id order. Touches of one lead are decided one per round in the given order, so a later touch of a lead sees what an earlier one did. Each sender''s slots are reserved under one lock (brain.reserve_sender_slots), senders in a fixed order, touches in the given order; a claimed touch is sending with claimed_by = p_worker_id and its outbound_messages row exists, in the caller''s transaction, before any provider call. Daily caps (UTC day): an email inbox''s cap is its warm-up ramp''s (brain.sender_caps; 0 while the reputation guard has it paused: rescheduled as sender_paused), a number''s is its SMS / WhatsApp config daily_cap (250 by default; carrier-required replies exempt), each counted once per channel and round (brain.count_daily_sends); past it a touch is rescheduled to the next UTC midnight (daily_cap). brain.claim_touch is this function for one id; brain.claim_touches calls it for a batch.';

revoke execute on function brain.claim_touch_rows(uuid, uuid[], text, timestamptz) from public;
grant execute on function brain.claim_touch_rows(uuid, uuid[], text, timestamptz) to revenue_worker;
