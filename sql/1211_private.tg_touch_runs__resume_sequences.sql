-- Follow-up sequences (seed 003 E8, issue 18): a run paused because the lead replied
-- resumes on the next outbound touch a setter sends: an operator's message
-- (public.queue_manual_message, meta.source console) or an AI draft a person approved
-- (meta.source ai_inbox, created_by not auto_send). An auto-sent AI reply never resumes
-- anything; neither does a new reply. It resumes when the touch is sent, not when queued.
create or replace function private.tg_touch_runs__resume_sequences()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform brain.resume_enrollments(
    array(select e.id from public.sequence_enrollments e
          where e.lead_id = new.lead_id and e.account_id = new.account_id
            and e.status = 'paused' and e.paused_reason = 'lead_replied'),
    'outbound_touch:' || coalesce(new.payload -> 'meta' ->> 'created_by', 'setter'),
    coalesce(new.sent_at, pg_catalog.now()));
  return null;
end
$$;

comment on function private.tg_touch_runs__resume_sequences() is
  'Trigger: when a setter''s outbound touch is sent (no campaign, step 99, payload meta.source console, or ai_inbox with created_by other than auto_send), the lead''s sequence runs paused for lead_replied resume from their current step, the delay counted from the send (brain.resume_enrollments, by outbound_touch:<created_by>). Runs paused for any other reason wait for a person.';

create or replace trigger resume_sequences after update of status on public.touch_runs
  for each row
  when (new.campaign_id is null and new.step = 99 and new.sequence_enrollment_id is null
        and new.status in ('sent', 'delivered') and old.status not in ('sent', 'delivered')
        and (new.payload -> 'meta' ->> 'source' = 'console'
             or (new.payload -> 'meta' ->> 'source' = 'ai_inbox' and new.payload -> 'meta' ->> 'created_by' is distinct from 'auto_send')))
  execute function private.tg_touch_runs__resume_sequences();
