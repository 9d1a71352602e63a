-- Records what became of a draft's Slack review post (see brain.claim_slack_review):
-- posted (where, and to which setter), or why not (the claim is released so a retry may
-- post it).
create or replace function brain.record_slack_review(
  p_draft_id uuid,
  p_channel_id text,
  p_message_ts text,
  p_slack_user_id text,
  p_error text,
  p_now timestamptz default now()
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
begin
  if p_error is null and (p_channel_id is null or p_message_ts is null) then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a post needs its channel and ts, else an error';
  end if;
  if p_error is not null then
    update public.ai_drafts d
    set slack_claimed_at = null, slack_error = pg_catalog.left(pg_catalog.btrim(p_error), 300)
    where d.id = p_draft_id and d.slack_posted_at is null
    returning d.* into v_draft;
    return false;
  end if;
  update public.ai_drafts d
  set slack_posted_at = p_now, slack_channel_id = p_channel_id, slack_message_ts = p_message_ts,
      slack_user_id = p_slack_user_id, slack_error = null
  where d.id = p_draft_id and d.slack_posted_at is null
  returning d.* into v_draft;
  if not found then
    return false;
  end if;
  perform brain.record_event(v_draft.account_id, v_draft.lead_id, 'ai_draft_posted_to_slack', 'ai_draft_review', 'internal',
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('ai_draft_id', v_draft.id, 'slack_channel_id', p_channel_id,
                                                                'slack_user_id', p_slack_user_id)),
    v_draft.channel::text, p_now, 'ai_draft_posted_to_slack:' || v_draft.id::text);
  return true;
end
$$;

comment on function brain.record_slack_review(uuid, text, text, text, text, timestamptz) is
  'Records an AI draft''s Slack review post: with p_error null, slack_posted_at, slack_channel_id, slack_message_ts and slack_user_id (the setter it was sent to as a DM, else null) and an ai_draft_posted_to_slack memory event, once (true; false when it was already posted); with p_error, slack_error (300 characters, never a token) and the claim released (false). 22023 invalid_argument when neither a post nor an error is given.';

revoke execute on function brain.record_slack_review(uuid, text, text, text, text, timestamptz) from public;
grant execute on function brain.record_slack_review(uuid, text, text, text, text, timestamptz) to revenue_worker;
