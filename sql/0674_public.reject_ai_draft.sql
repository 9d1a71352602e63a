-- A person rejects a draft. A pending draft is simply rejected; an auto-sent one whose
-- touch the dispatcher has not taken yet is stopped (its touch canceled); an approved one
-- whose touch never went out (the dispatcher canceled it, or the send failed and is not
-- being sent again) is simply rejected. A draft whose message is already on its way or sent cannot be taken back.
create or replace function public.reject_ai_draft(
  p_draft_id uuid,
  p_actor text,
  p_user_id uuid default null,
  p_reason text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
  v_reason text := nullif(pg_catalog.left(pg_catalog.btrim(p_reason), 500), '');
  v_canceled uuid;
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who rejects is required (1-200 characters)';
  end if;
  select d.* into v_draft from public.ai_drafts d where d.id = p_draft_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_draft.status = 'rejected' then
    return pg_catalog.jsonb_build_object('outcome', 'already_rejected', 'draft_id', v_draft.id);
  end if;
  if v_draft.status = 'approved' then
    perform 1 from public.touch_runs t
    where t.id = v_draft.touch_run_id and t.account_id = v_draft.account_id and t.status in ('scheduled', 'queued')
    for update skip locked;
    if found then
      perform brain.cancel_touch(v_draft.touch_run_id, 'draft_rejected', 'canceled: a person rejected the draft before it went out',
        p_now, pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id));
      v_canceled := v_draft.touch_run_id;
    elsif not exists (select 1 from public.touch_runs t
                      where t.id = v_draft.touch_run_id and t.account_id = v_draft.account_id
                        and t.status in ('canceled', 'failed')
                        -- a failed touch the provider never received is sent again (retry_of)
                        and not exists (select 1 from public.touch_runs r
                                        where r.lead_id = t.lead_id and r.retry_of = t.id)) then
      raise exception using errcode = '55000', message = 'draft_already_sending',
        detail = 'its message is already on its way or was sent; it cannot be taken back';
    end if;
  elsif v_draft.status = 'sent' then
    raise exception using errcode = '55000', message = 'draft_already_sending',
      detail = 'its message was sent; it cannot be taken back';
  end if;
  update public.ai_drafts d
  set status = 'rejected', decided_by = pg_catalog.btrim(p_actor), decided_by_user_id = p_user_id, decided_at = p_now,
      decision_reason = coalesce(v_reason, 'rejected by ' || pg_catalog.btrim(p_actor))
  where d.id = v_draft.id and d.account_id = v_draft.account_id;
  perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_rejected', 'ai_inbox', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', pg_catalog.btrim(p_actor),
      'user_id', p_user_id, 'reason', v_reason, 'canceled_touch', v_canceled)),
    v_draft.channel::text, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'rejected', 'draft_id', v_draft.id);
end
$$;

comment on function public.reject_ai_draft(uuid, text, uuid, text, timestamptz) is
  'A person rejects an AI draft: a pending one is marked rejected (decided_by p_actor, p_user_id, decision_reason p_reason); an auto-sent one whose touch is still scheduled or queued and not being claimed has the touch canceled (draft_rejected) and is rejected too; an approved one whose touch never went out (canceled by the dispatcher, or failed and not re-sent) is rejected. Writes an ai_draft_rejected memory event. Returns {outcome: rejected | already_rejected, draft_id}. P0002 draft_not_found; 55000 draft_already_sending when its message is on its way or sent; 22023 invalid_argument.';

revoke execute on function public.reject_ai_draft(uuid, text, uuid, text, timestamptz) from public;
grant execute on function public.reject_ai_draft(uuid, text, uuid, text, timestamptz) to revenue_api, revenue_worker;
