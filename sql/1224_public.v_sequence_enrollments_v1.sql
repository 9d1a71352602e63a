-- Follow-up sequences: one row per run, with why it is where it is. Analysts and the
-- Sequences page and the lead page read the same rows.
create or replace view public.v_sequence_enrollments_v1
with (security_invoker = true)
as
select e.id as enrollment_id,
       e.account_id,
       e.lead_id,
       pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)) as lead_name,
       e.sequence_id,
       s.name as sequence_name,
       s.trigger_on,
       e.trigger,
       e.status,
       e.current_step,
       (select pg_catalog.count(*)::integer from public.sequence_steps st where st.sequence_id = e.sequence_id and st.account_id = e.account_id) as step_count,
       cs.channel::text as next_channel,
       e.next_step_at,
       e.paused_reason,
       e.paused_at,
       e.started_by,
       e.started_at,
       e.anchor_at,
       e.appointment_id,
       e.last_step_at,
       e.ended_reason,
       e.ended_at,
       case
         when e.status = 'completed' then 'every step ran'
         when e.status = 'canceled' then 'canceled: ' || coalesce(e.ended_reason, 'canceled')
         when e.status = 'paused' and e.paused_reason = 'lead_replied' then 'paused: the lead replied; resumes on a setter''s next message or Resume'
         when e.status = 'paused' and e.paused_reason like 'missing_lead_data:%'
           then 'paused: the lead has no ' || pg_catalog.split_part(e.paused_reason, ':', 2) || '; fill it in, then Resume'
         when e.status = 'paused' then 'paused: ' || e.paused_reason || '; waits for Resume'
         when not s.is_active then 'the sequence is off: steps wait until it is on'
         when not l.auto_followups_enabled then 'auto follow-ups are off for this lead'
         when l.followups_snoozed_until > pg_catalog.now() then 'snoozed until ' || l.followups_snoozed_until::text
         when e.next_step_at is null and exists (select 1 from public.sequence_step_drafts d
                                                  where d.enrollment_id = e.id and d.account_id = e.account_id and d.status = 'pending')
           then 'step ' || e.current_step || ' waits for a person to approve its draft'
         else 'step ' || e.current_step || ' is due ' || coalesce(e.next_step_at::text, 'now')
       end as why
from public.sequence_enrollments e
join public.sequences s on s.id = e.sequence_id and s.account_id = e.account_id
join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
left join public.sequence_steps cs on cs.sequence_id = e.sequence_id and cs.account_id = e.account_id and cs.step_order = e.current_step;

comment on view public.v_sequence_enrollments_v1 is 'Follow-up sequence runs (seed 003 §11), one row per run: lead, sequence, status (active, paused, completed, canceled), the next step and when it is due, why it is paused or ended, and a sentence (why) that says what it waits for. Security invoker: each role sees its own account''s rows.';
comment on column public.v_sequence_enrollments_v1.enrollment_id is 'sequence_enrollments.id.';
comment on column public.v_sequence_enrollments_v1.account_id is 'Owning account.';
comment on column public.v_sequence_enrollments_v1.lead_id is 'The lead.';
comment on column public.v_sequence_enrollments_v1.lead_name is 'The lead''s first and last name.';
comment on column public.v_sequence_enrollments_v1.sequence_id is 'The sequence.';
comment on column public.v_sequence_enrollments_v1.sequence_name is 'The sequence''s name.';
comment on column public.v_sequence_enrollments_v1.trigger_on is 'What starts the sequence.';
comment on column public.v_sequence_enrollments_v1.trigger is 'What started this run.';
comment on column public.v_sequence_enrollments_v1.status is 'active, paused, completed or canceled.';
comment on column public.v_sequence_enrollments_v1.current_step is 'The step to run next.';
comment on column public.v_sequence_enrollments_v1.step_count is 'How many steps the sequence has.';
comment on column public.v_sequence_enrollments_v1.next_channel is 'The next step''s channel.';
comment on column public.v_sequence_enrollments_v1.next_step_at is 'When the next step is due.';
comment on column public.v_sequence_enrollments_v1.paused_reason is 'Why it is paused (lead_replied, appointment_booked, suppressed, auto_followups_off, missing_lead_data:<variable>, …).';
comment on column public.v_sequence_enrollments_v1.paused_at is 'When it was paused.';
comment on column public.v_sequence_enrollments_v1.started_by is 'Who started it.';
comment on column public.v_sequence_enrollments_v1.started_at is 'When it started.';
comment on column public.v_sequence_enrollments_v1.anchor_at is 'What the delays count from (the meeting for reminders).';
comment on column public.v_sequence_enrollments_v1.appointment_id is 'The meeting of a reminder run.';
comment on column public.v_sequence_enrollments_v1.last_step_at is 'When its latest step was sent.';
comment on column public.v_sequence_enrollments_v1.ended_reason is 'Why it ended.';
comment on column public.v_sequence_enrollments_v1.ended_at is 'When it ended.';
comment on column public.v_sequence_enrollments_v1.why is 'What the run waits for, in a sentence.';

grant select on public.v_sequence_enrollments_v1 to revenue_api, revenue_analyst, revenue_worker;
