-- A person approves a sequence step that requires approval: the step's touch is queued
-- (the same touch the runner queues for other steps) and the run moves on. Idempotent:
-- a second click answers the touch already queued.
create or replace function public.approve_sequence_draft(
  p_draft_id uuid,
  p_actor text,
  p_body text default null,
  p_subject text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_d public.sequence_step_drafts;
  v_e public.sequence_enrollments;
  v_body text;
  v_subject text;
  v_problems text[];
  v_attempt integer;
  v_touch uuid;
  v_next record;
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who approves is required (1-200 characters)';
  end if;
  select d.* into v_d from public.sequence_step_drafts d
  where d.id = p_draft_id and (v_account is null or d.account_id = v_account) for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_d.status = 'approved' then
    return pg_catalog.jsonb_build_object('outcome', 'already_approved', 'draft_id', v_d.id, 'touch_run_id', v_d.touch_run_id);
  end if;
  if v_d.status = 'rejected' then
    raise exception using errcode = '55000', message = 'draft_rejected', detail = coalesce(v_d.decision_reason, 'this draft was rejected');
  end if;
  select e.* into v_e from public.sequence_enrollments e where e.id = v_d.enrollment_id and e.account_id = v_d.account_id for update;
  if v_e.status <> 'active' then
    raise exception using errcode = '55000', message = 'enrollment_not_active',
      detail = pg_catalog.format('the sequence run is %s%s: resume it first', v_e.status, coalesce(' (' || v_e.paused_reason || ')', ''));
  end if;
  v_body := coalesce(nullif(pg_catalog.btrim(p_body), ''), v_d.body);
  v_subject := case when v_d.channel = 'email' then coalesce(nullif(pg_catalog.btrim(p_subject), ''), v_d.subject) end;
  if pg_catalog.length(v_body) > 1600 or pg_catalog.length(v_subject) > 998 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the message needs 1 to 1600 characters, the subject at most 998';
  end if;
  v_problems := brain.template_problems(v_body, coalesce(brain.template_values(v_d.lead_id), '{}'::jsonb))
                || brain.template_problems(v_subject, coalesce(brain.template_values(v_d.lead_id), '{}'::jsonb));
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using errcode = '22023', message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the message cannot be sent to this lead (%s): fill in the lead, remove the placeholder or give it a default such as {{first_name|there}}',
                                 pg_catalog.array_to_string(v_problems, ', '));
  end if;
  perform 1 from public.leads l where l.id = v_d.lead_id and l.account_id = v_d.account_id for update;
  select coalesce(max(t.attempt), 0) + 1 into v_attempt from public.touch_runs t
  where t.lead_id = v_d.lead_id and t.campaign_id is null and t.step = 98 and t.channel = v_d.channel;
  if v_attempt > 100 then
    raise exception using errcode = '54000', message = 'too_many_sequence_messages', detail = 'at most 100 sequence messages per lead and channel';
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at,
                                 sequence_enrollment_id, sequence_step, payload)
  values (v_d.account_id, v_d.lead_id, null, 98, v_d.channel, v_attempt, 'queued', p_now, p_now, v_e.id, v_d.step_order,
          pg_catalog.jsonb_build_object(
            'message_class', case when v_e.trigger = 'booking_reminder' then 'booking_reminder' else 'follow_up' end,
            'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('body', v_body, 'subject', v_subject)),
            'meta', pg_catalog.jsonb_build_object('source', 'sequence', 'sequence_id', v_d.sequence_id, 'enrollment_id', v_e.id,
                                                  'step', v_d.step_order, 'sequence_draft_id', v_d.id,
                                                  'created_by', pg_catalog.btrim(p_actor))))
  returning id into v_touch;
  update public.sequence_step_drafts d
  set status = 'approved', touch_run_id = v_touch, decided_by = pg_catalog.btrim(p_actor), decided_at = p_now,
      body = v_body, subject = v_subject,
      decision_reason = case when v_body is distinct from v_d.body or v_subject is distinct from v_d.subject then 'edited before approval' end
  where d.id = v_d.id and d.account_id = v_d.account_id;
  select n.* into v_next from brain.sequence_next_step(v_e.sequence_id, v_e.lead_id, v_d.step_order + 1, p_now, v_e.anchor_at, p_now) n;
  update public.sequence_enrollments e
  set current_step = coalesce(v_next.step_order, e.current_step), next_step_at = v_next.due_at,
      status = case when v_next.step_order is null then 'completed' else 'active' end,
      ended_reason = case when v_next.step_order is null then 'completed' end,
      ended_at = case when v_next.step_order is null then p_now end
  where e.id = v_e.id and e.account_id = v_e.account_id and e.current_step = v_d.step_order;
  perform brain.record_event(v_d.account_id, v_d.lead_id, 'sequence_step_queued', 'sequences', 'outbound',
    pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'sequence_id', v_d.sequence_id, 'step', v_d.step_order,
                                  'touch_run_id', v_touch, 'approved_by', pg_catalog.btrim(p_actor)), v_d.channel::text, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'approved', 'draft_id', v_d.id, 'touch_run_id', v_touch);
end
$$;

comment on function public.approve_sequence_draft(uuid, text, text, text, timestamptz) is
  'A person approves a sequence step draft (sequence_step_drafts, a step with requires_approval) of the caller''s account: p_body / p_subject edit it first (null keeps the step''s text; checked strictly like an operator''s message: 22023 unknown_template_variable, invalid_template_placeholder, missing_lead_data). Queues the step''s touch (no campaign, step 98, sequence_enrollment_id, meta.sequence_draft_id; sent by the dispatch path with every check), marks the draft approved and moves the run to its next step (or completes it). Idempotent: already_approved with the touch. 55000 draft_rejected, enrollment_not_active; P0002 draft_not_found.';

revoke execute on function public.approve_sequence_draft(uuid, text, text, text, timestamptz) from public;
grant execute on function public.approve_sequence_draft(uuid, text, text, text, timestamptz) to revenue_api;
