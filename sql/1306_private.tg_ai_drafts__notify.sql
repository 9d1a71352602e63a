-- An AI draft that waits for a person is a draft_needs_review notification event, once
-- per draft. The draft's text is not in it: the notification links to the Inbox.
create or replace function private.tg_ai_drafts__notify()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.notification_events (account_id, kind, lead_id, subject_id, occurred_at, payload, dedupe_key)
  values (new.account_id, 'draft_needs_review', new.lead_id, new.id, new.created_at,
          pg_catalog.jsonb_build_object('tag', new.sentiment_tag, 'channel', new.channel::text, 'reason', new.auto_send_reason),
          'draft_needs_review:' || new.id::text)
  on conflict (account_id, dedupe_key) do nothing;
  return null;
end
$$;

comment on function private.tg_ai_drafts__notify() is
  'Trigger: an AI draft inserted pending with auto_send_action needs_review raises a draft_needs_review notification event (dedupe_key draft_needs_review:<draft>), payload the reply''s tag, the channel and why it needs review; never the draft''s text.';

create or replace trigger notify_needs_review after insert on public.ai_drafts
  for each row
  when (new.status = 'pending' and new.auto_send_action = 'needs_review')
  execute function private.tg_ai_drafts__notify();
