-- What a draft's Slack review post should say now that it was decided (issue 17): the
-- ai_draft_review_update job rewrites the post, so its Approve & Send button does not
-- stay live once a person (in Slack or the console), auto-send or the system decided.
create or replace function brain.slack_review_state(p_draft_id uuid)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'draft_id', d.id, 'account_id', d.account_id, 'lead_id', d.lead_id,
    'lead_name', nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), ''),
    'lead_address', coalesce(l.phone::text, l.email::text),
    'channel', d.channel::text, 'tag', d.sentiment_tag,
    'reply', pg_catalog.left(m.body, 500), 'draft', pg_catalog.left(d.body, 1500), 'subject', d.subject,
    'confidence', d.confidence, 'threshold', d.auto_send_threshold, 'reason', d.auto_send_reason,
    'status', d.status, 'decided_by', d.decided_by, 'decision_reason', d.decision_reason,
    'touch_status', t.status,
    'slack_channel_id', d.slack_channel_id, 'slack_message_ts', d.slack_message_ts))
  from public.ai_drafts d
  join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
  join public.inbound_messages m on m.id = d.inbound_message_id and m.account_id = d.account_id
  left join public.touch_runs t on t.id = d.touch_run_id and t.account_id = d.account_id
  where d.id = p_draft_id and d.slack_message_ts is not null
$$;

comment on function brain.slack_review_state(uuid) is
  'An AI draft whose review was posted to Slack, as its post should now read: the post''s fields (lead, channel, tag, reply, draft, subject, confidence, threshold, reason) with status, decided_by, decision_reason, the touch''s status, and the post''s slack_channel_id and slack_message_ts; null when the draft was never posted.';

revoke execute on function brain.slack_review_state(uuid) from public;
grant execute on function brain.slack_review_state(uuid) to revenue_worker;
