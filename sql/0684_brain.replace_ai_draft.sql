-- The model's new version of a draft a person asked to regenerate: it replaces the text
-- only while the draft is still pending and the request still stands (a person may have
-- approved, rejected or edited it meanwhile: then the new text is dropped). Auto-send is
-- not decided again: a regenerated draft always waits for a person.
create or replace function brain.replace_ai_draft(
  p_draft_id uuid,
  p_body text,
  p_subject text,
  p_confidence real,
  p_confidence_reason text,
  p_model text,
  p_now timestamptz default now()
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
  v_body text := pg_catalog.btrim(p_body);
begin
  if p_body is null then
    -- The model could not write it (no key, a refused request): the request ends, the text stays.
    update public.ai_drafts d set regenerate_requested_at = null
    where d.id = p_draft_id and d.status = 'pending' and d.regenerate_requested_at is not null
    returning d.* into v_draft;
    if found then
      perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_regenerate_failed', 'ai_draft_regenerate', 'internal',
        pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'reason', pg_catalog.left(coalesce(p_confidence_reason, 'unknown'), 200)),
        v_draft.channel::text, p_now);
    end if;
    return false;
  end if;
  if v_body = '' or pg_catalog.length(v_body) > 1600 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a draft needs 1 to 1600 characters';
  end if;
  if p_confidence is not null and (p_confidence < 0 or p_confidence > 1 or p_confidence = 'NaN'::real) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'confidence is between 0 and 1';
  end if;
  update public.ai_drafts d
  set body = v_body,
      subject = case when d.channel::text = 'email' then coalesce(pg_catalog.left(nullif(pg_catalog.btrim(p_subject), ''), 998), d.subject) end,
      confidence = p_confidence, confidence_reason = nullif(pg_catalog.left(pg_catalog.btrim(p_confidence_reason), 500), ''),
      model = coalesce(nullif(pg_catalog.left(pg_catalog.btrim(p_model), 100), ''), d.model),
      auto_send_action = 'needs_review', auto_send_reason = 'written again at a person''s request',
      regenerations = d.regenerations + 1, regenerate_requested_at = null
  where d.id = p_draft_id and d.status = 'pending' and d.regenerate_requested_at is not null
  returning d.* into v_draft;
  if not found then
    return false;
  end if;
  perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_regenerated', 'ai_draft_regenerate', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'by', v_draft.regenerate_requested_by,
                                                                'confidence', v_draft.confidence, 'regenerations', v_draft.regenerations)),
    v_draft.channel::text, p_now);
  return true;
end
$$;

comment on function brain.replace_ai_draft(uuid, text, text, real, text, text, timestamptz) is
  'Replaces a pending AI draft''s text (body, subject for email, confidence, confidence_reason, model) with the model''s new version when a regeneration was asked for and the draft is still pending; clears the request, counts regenerations, sets auto_send_action needs_review (a regenerated draft waits for a person) and writes an ai_draft_regenerated memory event. Returns false (nothing changed) when the draft was approved, rejected or no regeneration is pending. With p_body null (the model could not write it; p_confidence_reason says why) the request is cleared, the text kept, and an ai_draft_regenerate_failed event written; false. 22023 invalid_argument.';

revoke execute on function brain.replace_ai_draft(uuid, text, text, real, text, text, timestamptz) from public;
grant execute on function brain.replace_ai_draft(uuid, text, text, real, text, text, timestamptz) to revenue_worker;
