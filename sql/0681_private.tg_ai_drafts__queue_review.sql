-- A draft that needs a person is posted to Slack for review (issue 17), its post is
-- rewritten once it is decided, and a draft a person asked to regenerate is written
-- again: their jobs are queued by the database, in the transaction that made the draft,
-- the decision or the request, keyed by the draft.
create or replace function private.tg_ai_drafts__queue_review()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    -- Decided: its Slack review post is rewritten, so its button does not stay live.
    perform graphile_worker.add_job('ai_draft_review_update', pg_catalog.json_build_object('ai_draft_id', new.id),
                                    job_key => 'ai_draft_review_update:' || new.id::text, max_attempts => 5);
    return null;
  end if;
  if tg_op = 'UPDATE' then
    -- A person asked for a new version (public.request_ai_draft_regeneration).
    perform graphile_worker.add_job('ai_draft_regenerate', pg_catalog.json_build_object('ai_draft_id', new.id),
                                    job_key => 'ai_draft_regenerate:' || new.id::text, max_attempts => 3);
    return null;
  end if;
  perform graphile_worker.add_job('ai_draft_review', pg_catalog.json_build_object('ai_draft_id', new.id),
                                  job_key => 'ai_draft_review:' || new.id::text, max_attempts => 5);
  return null;
end
$$;

comment on function private.tg_ai_drafts__queue_review() is
  'Trigger: queues graphile_worker job ai_draft_review {ai_draft_id} (job_key ai_draft_review:<id>, 5 attempts) for every AI draft inserted pending with auto_send_action needs_review; the job posts it to Slack (brain.claim_slack_review); and job ai_draft_regenerate {ai_draft_id} (job_key ai_draft_regenerate:<id>, 3 attempts) when a regeneration is asked for (regenerate_requested_at set); and job ai_draft_review_update {ai_draft_id} (job_key ai_draft_review_update:<id>, so quick successive changes are one rewrite) when a draft posted to Slack changes status. Security definer: the AI stage runs as revenue_worker, which has no rights on graphile_worker.';

create or replace trigger queue_review after insert on public.ai_drafts
  for each row
  when (new.status = 'pending' and new.auto_send_action = 'needs_review')
  execute function private.tg_ai_drafts__queue_review();

create or replace trigger queue_regenerate after update of regenerate_requested_at on public.ai_drafts
  for each row
  when (new.regenerate_requested_at is not null and old.regenerate_requested_at is null)
  execute function private.tg_ai_drafts__queue_review();

create or replace trigger queue_review_update after update of status on public.ai_drafts
  for each row
  when (new.slack_message_ts is not null and old.status is distinct from new.status)
  execute function private.tg_ai_drafts__queue_review();
