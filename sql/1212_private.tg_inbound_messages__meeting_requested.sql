-- Follow-up sequences (issue 18): a reply tagged Meeting Requested starts the account's
-- active meeting_requested sequence for its lead, its first delay counted from the tag.
-- The reply itself paused the lead's other runs when it was ingested.
create or replace function private.tg_inbound_messages__meeting_requested()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_seq uuid;
begin
  select s.id into v_seq from public.sequences s
  where s.account_id = new.account_id and s.trigger_on = 'meeting_requested' and s.is_active and s.archived_at is null;
  if v_seq is not null then
    perform brain.start_sequence(new.lead_id, v_seq, 'meeting_requested', 'system:meeting_requested', null, null,
                                 coalesce(new.classified_at, pg_catalog.now()));
  end if;
  return null;
end
$$;

comment on function private.tg_inbound_messages__meeting_requested() is
  'Trigger: when a reply''s sentiment_tag becomes Meeting Requested (brain.record_reply_sentiment, brain.tag_replies_by_rules), the account''s active meeting_requested sequence starts for the lead (brain.start_sequence, started_by system:meeting_requested, counted from classified_at); a run already running, or a suppressed lead, is left as it is.';

create or replace trigger meeting_requested_sequence after update of sentiment_tag on public.inbound_messages
  for each row
  when (new.sentiment_tag = 'Meeting Requested' and old.sentiment_tag is distinct from new.sentiment_tag)
  execute function private.tg_inbound_messages__meeting_requested();
