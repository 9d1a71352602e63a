-- An approved draft becomes sent when its touch is, and rejected (not sent, with the
-- reason) when the dispatch path cancels its touch. The touch is found by the draft it
-- names (payload meta.ai_draft_id), not by ai_drafts.touch_run_id: a touch of unknown
-- outcome that the provider never received is sent again as a new touch (retry_of), and
-- the draft then names the touch that carried it. The trigger's WHEN clause is checked
-- by the server without calling the function, so the dispatch path's status updates of
-- every other touch cost nothing here.
create or replace function private.tg_touch_runs__ai_draft_sent()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_draft_id text := new.payload -> 'meta' ->> 'ai_draft_id';
begin
  if v_draft_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return null;
  end if;
  if new.status = 'canceled' then
    -- The dispatch path refused it (suppressed since, negative cooldown, a template
    -- problem, expired, …): the draft says it was not sent and why; the touch's own row and
    -- the lead's timeline hold the detail.
    update public.ai_drafts d
    set status = 'rejected', decided_by = 'system', decided_at = pg_catalog.now(),
        decision_reason = pg_catalog.left('not sent: the dispatch path canceled it (' || coalesce(new.error_code, 'canceled') || ')', 500)
    where d.id = v_draft_id::uuid and d.account_id = new.account_id and d.status = 'approved' and d.touch_run_id = new.id;
    return null;
  end if;
  update public.ai_drafts d
  set status = 'sent', touch_run_id = new.id
  where d.id = v_draft_id::uuid and d.account_id = new.account_id and d.status = 'approved';
  return null;
end
$$;

comment on function private.tg_touch_runs__ai_draft_sent() is
  'Trigger: when an AI draft''s touch (payload meta.ai_draft_id) is sent or delivered, its approved draft becomes sent, touch_run_id = that touch (a re-send of an unknown touch, retry_of, included); when the draft''s own touch is canceled (the dispatch path refused it, or a person or a newer reply stopped it), an approved draft becomes rejected by system with decision_reason "not sent: the dispatch path canceled it (<error_code>)". A failed touch leaves the draft approved: reconciliation may still send it again. Security definer: the dispatch path''s role needs no rights on ai_drafts'' status.';

create or replace trigger ai_draft_sent after update of status on public.touch_runs
  for each row
  when (new.campaign_id is null and new.status in ('sent', 'delivered', 'canceled') and old.status is distinct from new.status
        and (new.payload -> 'meta') ? 'ai_draft_id')
  execute function private.tg_touch_runs__ai_draft_sent();
