-- A reply tagged Interested or Follow Up is a positive_reply; tagged Meeting Requested, a
-- meeting_requested. Once per message (dedupe_key), whichever path tagged it (the rules
-- or the model). Only the tag, the channel and the lead: never the reply's text.
create or replace function private.tg_inbound_messages__notify()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_kind text := case when new.sentiment_tag = 'Meeting Requested' then 'meeting_requested' else 'positive_reply' end;
begin
  insert into public.notification_events (account_id, kind, lead_id, subject_id, occurred_at, payload, dedupe_key)
  values (new.account_id, v_kind, new.lead_id, new.id, coalesce(new.classified_at, pg_catalog.now()),
          pg_catalog.jsonb_build_object('tag', new.sentiment_tag, 'channel', new.channel::text, 'received_at', new.received_at),
          v_kind || ':' || new.id::text)
  on conflict (account_id, dedupe_key) do nothing;
  return null;
end
$$;

comment on function private.tg_inbound_messages__notify() is
  'Trigger: a reply whose sentiment_tag becomes Interested or Follow Up raises a positive_reply notification event, Meeting Requested a meeting_requested one (dedupe_key <kind>:<inbound message>, so once per message); the payload holds the tag, channel and received_at, never the body.';

create or replace trigger notify_tagged after update of sentiment_tag on public.inbound_messages
  for each row
  when (new.sentiment_tag in ('Interested', 'Follow Up', 'Meeting Requested') and old.sentiment_tag is distinct from new.sentiment_tag)
  execute function private.tg_inbound_messages__notify();

create or replace trigger notify_tagged_insert after insert on public.inbound_messages
  for each row
  when (new.sentiment_tag in ('Interested', 'Follow Up', 'Meeting Requested'))
  execute function private.tg_inbound_messages__notify();
