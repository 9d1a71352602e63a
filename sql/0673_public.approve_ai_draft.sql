-- A person approves a draft (the console's Inbox, or Slack's Approve & Send): its message
-- is queued as one touch through the dispatch path. Approval is idempotent per draft: a
-- double click, a second tab or a Slack retry gets the touch already queued, never a
-- second one. The person may edit the text first; an edit is checked like an operator's
-- message (length, subject for email, template placeholders the lead can fill).
-- A lead who opted out since the draft was made is not written to: the draft is
-- rejected instead, and the answer says why.
create or replace function public.approve_ai_draft(
  p_draft_id uuid,
  p_actor text,
  p_user_id uuid default null,
  p_body text default null,
  p_subject text default null,
  p_account_id uuid default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
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

comment on function public.approve_ai_draft(uuid, text, uuid, text, text, uuid, timestamptz) is
  'A person approves an AI draft (console or Slack): queues its message as one touch (brain.queue_ai_draft_touch, sent by the dispatch path with every consent, window and send_key check) and marks the draft approved by p_actor (p_user_id when known). p_body / p_subject: the person''s edit (null keeps the draft''s text), checked like an operator''s message. Idempotent: a draft already approved or sent answers {outcome: already_approved | already_sent, touch_run_id} and queues nothing. A lead suppressed since the draft was made gets nothing: the draft is rejected and the answer is {outcome: rejected_suppressed, reason}. p_account_id (the Slack path) requires the draft to be that account''s. Returns {outcome: approved, draft_id, touch_run_id}. P0002 draft_not_found; 55000 draft_rejected; 22023 invalid_argument or a template problem (unknown_template_variable, invalid_template_placeholder, missing_lead_data).';

revoke execute on function public.approve_ai_draft(uuid, text, uuid, text, text, uuid, timestamptz) from public;
grant execute on function public.approve_ai_draft(uuid, text, uuid, text, text, uuid, timestamptz) to revenue_api, revenue_worker;
