-- Follow-up sequences (seed 003 E3): the runner. Every due step of an active run becomes
-- exactly one touch_run (or, when the step requires approval, one draft for a person), so
-- consent, suppression, send windows, send_key and the "why" panel apply to it as to any
-- touch. Set-based: the due runs are locked (skip locked: two runners never take the same
-- run), decided in one statement, and each outcome is written with one statement.
--
-- A sequence touch has no campaign and step 98 (operators' and AI messages are 99); its
-- attempt is the next free number of the lead's step-98 touches on that channel, so the
-- send_key (brain.send_key) is a pure function of the row. touch_runs_sequence_live_key
-- allows one live touch per run and step: a second runner, or the same one run twice,
-- finds the step already queued.
create or replace function brain.run_due_sequence_steps(p_limit integer default 500, p_now timestamptz default now())
returns table (enrollment_id uuid, lead_id uuid, step integer, outcome text, reason text, touch_run_id uuid, draft_id uuid)
language plpgsql
volatile
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_decided jsonb;
  v_out jsonb := '[]'::jsonb;
begin
  if p_limit is null or p_limit not between 1 and 5000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the batch is 1 to 5000 runs';
  end if;
  with due as (
    select e.id, e.account_id, e.lead_id, e.sequence_id, e.current_step, e.trigger, e.anchor_at
    from public.sequence_enrollments e
    join public.sequences q on q.id = e.sequence_id and q.account_id = e.account_id and q.is_active
    where e.status = 'active' and e.next_step_at <= p_now
    order by e.next_step_at
    limit p_limit
    for update of e skip locked
  )
  , facts as (
    select d.*, l.status as lead_status, l.lead_state, l.auto_followups_enabled, l.followups_snoozed_until,
           coalesce(ss.is_unsubscribed, false) as unsubscribed,
           st.step_order, st.channel, st.subject, st.body, st.requires_approval,
           a.next_attempt + pg_catalog.row_number() over (partition by d.lead_id, st.channel order by d.id) - 1 as attempt
    from due d
    join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
    left join lateral (select s_.* from brain.lead_suppression_status_at(p_now) s_ where s_.lead_id = d.lead_id) ss on true
    left join public.sequence_steps st on st.sequence_id = d.sequence_id and st.account_id = d.account_id and st.step_order = d.current_step
    cross join lateral (
      select coalesce(max(t.attempt), 0) + 1 as next_attempt from public.touch_runs t
      where t.lead_id = d.lead_id and t.campaign_id is null and t.step = 98 and t.channel = st.channel
    ) a
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'id', f.id, 'account_id', f.account_id, 'lead_id', f.lead_id, 'sequence_id', f.sequence_id,
           'step', f.current_step, 'trigger', f.trigger, 'anchor_at', f.anchor_at,
           'channel', f.channel, 'subject', f.subject, 'body', f.body,
           'snoozed_until', f.followups_snoozed_until, 'attempt', f.attempt,
           'verdict', case
             when f.lead_status = 'archived' then 'pause:lead_archived'
             when f.lead_state = 'closed' then 'pause:lead_closed'
             when f.lead_status = 'suppressed' or f.lead_state = 'suppressed' or f.unsubscribed then 'pause:suppressed'
             when not f.auto_followups_enabled then 'pause:auto_followups_off'
             when f.followups_snoozed_until > p_now then 'snooze'
             when f.lead_state = 'appointment_booked' and f.trigger <> 'booking_reminder' then 'pause:appointment_booked'
             when f.step_order is null then 'complete'
             when f.requires_approval then 'draft'
             when f.attempt > 100 then 'pause:too_many_sequence_messages'
             else 'touch'
           end)), '[]'::jsonb)
  into v_decided
  from facts f;

  if pg_catalog.jsonb_array_length(v_decided) = 0 then
    return;
  end if;

  -- Paused: the lead cannot or should not get it now (a person resumes it).
  with paused as (
    update public.sequence_enrollments e
    set status = 'paused', paused_reason = pg_catalog.split_part(x ->> 'verdict', ':', 2), paused_at = p_now
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' like 'pause:%' and e.id = (x ->> 'id')::uuid and e.account_id = (x ->> 'account_id')::uuid
    returning e.id, e.account_id, e.lead_id, e.sequence_id, e.current_step, e.paused_reason
  ), logged as (
    select p.*, brain.record_event(p.account_id, p.lead_id, 'sequence_paused', 'sequences', 'internal',
             pg_catalog.jsonb_build_object('enrollment_id', p.id, 'sequence_id', p.sequence_id, 'step', p.current_step,
                                           'reason', p.paused_reason), null, p_now) as ev
    from paused p
  )
  select v_out || coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', g.id, 'lead_id', g.lead_id, 'step', g.current_step,
           'outcome', 'paused', 'reason', g.paused_reason)), '[]'::jsonb)
  into v_out from logged g;

  -- Snoozed: due again when the snooze ends (the lead's followups_snoozed_until).
  with moved as (
    update public.sequence_enrollments e set next_step_at = (x ->> 'snoozed_until')::timestamptz
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' = 'snooze' and e.id = (x ->> 'id')::uuid and e.account_id = (x ->> 'account_id')::uuid
    returning e.id, e.lead_id, e.current_step, e.next_step_at
  )
  select v_out || coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', m.id, 'lead_id', m.lead_id, 'step', m.current_step,
           'outcome', 'snoozed', 'reason', 'until ' || m.next_step_at)), '[]'::jsonb)
  into v_out from moved m;

  -- No step left (the sequence lost steps since): complete.
  with done as (
    update public.sequence_enrollments e
    set status = 'completed', ended_reason = 'completed', ended_at = p_now, next_step_at = null
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' = 'complete' and e.id = (x ->> 'id')::uuid and e.account_id = (x ->> 'account_id')::uuid
    returning e.id, e.lead_id, e.current_step
  )
  select v_out || coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', c.id, 'lead_id', c.lead_id, 'step', c.current_step,
           'outcome', 'completed')), '[]'::jsonb)
  into v_out from done c;

  -- A step that requires approval: one draft for a person; the run waits for it.
  with drafted as (
    insert into public.sequence_step_drafts (account_id, lead_id, enrollment_id, sequence_id, step_order, channel, subject, body, created_at)
    select (x ->> 'account_id')::uuid, (x ->> 'lead_id')::uuid, (x ->> 'id')::uuid, (x ->> 'sequence_id')::uuid,
           (x ->> 'step')::integer, (x ->> 'channel')::public.channel, x ->> 'subject', x ->> 'body', p_now
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' = 'draft'
    on conflict do nothing
    returning id, enrollment_id, account_id
  ), waiting as (
    update public.sequence_enrollments e set next_step_at = null
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' = 'draft' and e.id = (x ->> 'id')::uuid and e.account_id = (x ->> 'account_id')::uuid
    returning e.id, e.lead_id, e.current_step
  )
  select v_out || coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', w.id, 'lead_id', w.lead_id, 'step', w.current_step,
           'outcome', 'draft', 'draft_id', (select d_.id from drafted d_ where d_.enrollment_id = w.id))), '[]'::jsonb)
  into v_out from waiting w;

  -- The step's touch, then the run moves to its next step (or completes).
  with queued as (
    insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at,
                                   sequence_enrollment_id, sequence_step, payload)
    select (x ->> 'account_id')::uuid, (x ->> 'lead_id')::uuid, null, 98, (x ->> 'channel')::public.channel,
           (x ->> 'attempt')::integer, 'queued', p_now, p_now, (x ->> 'id')::uuid, (x ->> 'step')::integer,
           pg_catalog.jsonb_build_object(
             'message_class', case when x ->> 'trigger' = 'booking_reminder' then 'booking_reminder' else 'follow_up' end,
             'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('body', x ->> 'body', 'subject', x ->> 'subject')),
             'meta', pg_catalog.jsonb_build_object('source', 'sequence', 'sequence_id', x ->> 'sequence_id',
                                                   'enrollment_id', x ->> 'id', 'step', (x ->> 'step')::integer,
                                                   'created_by', 'system:sequence'))
    from pg_catalog.jsonb_array_elements(v_decided) x
    where x ->> 'verdict' = 'touch'
    on conflict do nothing
    returning touch_runs.id, touch_runs.sequence_enrollment_id
  ), advanced as (
    update public.sequence_enrollments e
    set current_step = coalesce(n.step_order, e.current_step),
        next_step_at = n.due_at,
        status = case when n.step_order is null then 'completed' else 'active' end,
        ended_reason = case when n.step_order is null then 'completed' end,
        ended_at = case when n.step_order is null then p_now end
    from pg_catalog.jsonb_array_elements(v_decided) x
    cross join lateral brain.sequence_next_step((x ->> 'sequence_id')::uuid, (x ->> 'lead_id')::uuid, (x ->> 'step')::integer + 1,
                                                p_now, (x ->> 'anchor_at')::timestamptz, p_now) n
    where x ->> 'verdict' = 'touch' and e.id = (x ->> 'id')::uuid and e.account_id = (x ->> 'account_id')::uuid
      and exists (select 1 from queued q where q.sequence_enrollment_id = e.id)
    returning e.id, e.lead_id, (x ->> 'step')::integer as step
  ), logged as (
    select a.*, q.id as touch_id,
           brain.record_event((x ->> 'account_id')::uuid, a.lead_id, 'sequence_step_queued', 'sequences', 'outbound',
             pg_catalog.jsonb_build_object('enrollment_id', a.id, 'sequence_id', x ->> 'sequence_id', 'step', a.step,
                                           'touch_run_id', q.id), x ->> 'channel', p_now) as ev
    from advanced a
    join queued q on q.sequence_enrollment_id = a.id
    join pg_catalog.jsonb_array_elements(v_decided) x on (x ->> 'id')::uuid = a.id
  )
  select v_out || coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', g.id, 'lead_id', g.lead_id, 'step', g.step,
           'outcome', 'queued', 'touch_run_id', g.touch_id)), '[]'::jsonb)
  into v_out from logged g;

  return query
    select (o ->> 'id')::uuid, (o ->> 'lead_id')::uuid, (o ->> 'step')::integer, o ->> 'outcome', o ->> 'reason',
           (o ->> 'touch_run_id')::uuid, (o ->> 'draft_id')::uuid
    from pg_catalog.jsonb_array_elements(v_out) o;
end
$$;

comment on function brain.run_due_sequence_steps(integer, timestamptz) is
  'The sequence runner (crontab run_sequences, every minute): takes up to p_limit active runs of active sequences whose next_step_at <= p_now (for update skip locked) and decides each at once: paused (lead_archived, lead_closed, suppressed, auto_followups_off, appointment_booked for a run that is not a booking reminder, too_many_sequence_messages), snoozed (next_step_at moves to leads.followups_snoozed_until), completed (no such step any more), draft (requires_approval: one sequence_step_drafts row, the run waits with next_step_at null), or queued: one touch_run without a campaign on step 98 (attempt: the lead''s next on that channel; sequence_enrollment_id, sequence_step; payload message_class follow_up or booking_reminder, delivery {body, subject} = the step''s template, rendered strictly at claim, meta {source: sequence, sequence_id, enrollment_id, step}), and the run moves to its next step (brain.sequence_next_step from p_now) or completes. touch_runs_sequence_live_key and the row locks make a second run a no-op. Returns one row per run decided: enrollment_id, lead_id, step, outcome (paused, snoozed, completed, draft, queued), reason, touch_run_id, draft_id.';

revoke execute on function brain.run_due_sequence_steps(integer, timestamptz) from public;
grant execute on function brain.run_due_sequence_steps(integer, timestamptz) to revenue_worker;
