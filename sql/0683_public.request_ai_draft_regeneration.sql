-- A person asks for a new version of a pending draft (the console's Regenerate, seed 003
-- §10): the draft stays pending and is written again by the model, with the lead's last 80
-- messages (the ai_draft_regenerate job, queued by the database). A second request while
-- one is running changes nothing more.
create or replace function public.request_ai_draft_regeneration(
  p_draft_id uuid,
  p_actor text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
begin
  if p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'who asks is required (1-200 characters)';
  end if;
  select d.* into v_draft from public.ai_drafts d where d.id = p_draft_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  if v_draft.status <> 'pending' then
    raise exception using errcode = '55000', message = 'draft_not_pending',
      detail = pg_catalog.format('the draft is %s; only a pending draft can be written again', v_draft.status);
  end if;
  if v_draft.regenerate_requested_at is not null then
    return pg_catalog.jsonb_build_object('outcome', 'already_requested', 'draft_id', v_draft.id);
  end if;
  if v_draft.regenerations >= 20 then
    raise exception using errcode = '54000', message = 'too_many_regenerations', detail = 'a draft is written again at most 20 times; edit it instead';
  end if;
  update public.ai_drafts d
  set regenerate_requested_at = p_now, regenerate_requested_by = pg_catalog.btrim(p_actor)
  where d.id = v_draft.id and d.account_id = v_draft.account_id;
  return pg_catalog.jsonb_build_object('outcome', 'requested', 'draft_id', v_draft.id);
end
$$;

comment on function public.request_ai_draft_regeneration(uuid, text, timestamptz) is
  'Asks for a pending AI draft to be written again by the model (regenerate_requested_at, regenerate_requested_by); the ai_draft_regenerate job (queued by private.tg_ai_drafts__queue_review) replaces its text through brain.replace_ai_draft. Returns {outcome: requested | already_requested, draft_id}. P0002 draft_not_found; 55000 draft_not_pending; 54000 too_many_regenerations (20); 22023 invalid_argument.';

revoke execute on function public.request_ai_draft_regeneration(uuid, text, timestamptz) from public;
grant execute on function public.request_ai_draft_regeneration(uuid, text, timestamptz) to revenue_api;
