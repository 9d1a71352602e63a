-- An approved draft becomes sent when its touch is. The trigger's WHEN clause is checked
-- by the server without calling the function, so the dispatch path's status updates of
-- every other touch cost nothing here.
create or replace function private.tg_touch_runs__ai_draft_sent()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  update public.ai_drafts d
  set status = 'sent'
  where d.touch_run_id = new.id and d.account_id = new.account_id and d.status = 'approved';
  return null;
end
$$;

comment on function private.tg_touch_runs__ai_draft_sent() is
  'Trigger: when an AI draft''s touch (payload meta.ai_draft_id) is sent or delivered, its approved draft becomes sent. Security definer: the dispatch path''s role needs no rights on ai_drafts'' status.';

create or replace trigger ai_draft_sent after update of status on public.touch_runs
  for each row
  when (new.campaign_id is null and new.status in ('sent', 'delivered') and old.status is distinct from new.status
        and (new.payload -> 'meta') ? 'ai_draft_id')
  execute function private.tg_touch_runs__ai_draft_sent();
