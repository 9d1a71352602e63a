-- Slack's Approve & Send (issue 17): POST /webhooks/slack/interactions has checked the
-- request's v0 signature and its age; this applies the click. The click must come from
-- the review post of that very draft (its channel and message ts), of that account, so a
-- button copied elsewhere, or a value naming another account's draft, changes nothing.
-- The approval is public.approve_ai_draft's: idempotent, so a second click (or Slack's
-- retry) sends nothing more. The approver is the Slack user; when that is the setter the
-- post was sent to as a DM, the setter's own user id is recorded too.
create or replace function public.ingest_slack_approval(
  p_account_id uuid,
  p_draft_id uuid,
  p_channel_id text,
  p_message_ts text,
  p_slack_user_id text,
  p_slack_user_name text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
  v_user uuid;
  v_result jsonb;
begin
  if p_slack_user_id is null or p_slack_user_id !~ '^[UW][A-Z0-9]{6,24}$' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the Slack user id is missing or malformed';
  end if;
  select d.* into v_draft from public.ai_drafts d
  where d.id = p_draft_id and d.account_id = p_account_id
    and d.slack_channel_id = p_channel_id and d.slack_message_ts = p_message_ts;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'unknown_draft');
  end if;
  if v_draft.slack_user_id = p_slack_user_id then
    select l.assigned_user_id into v_user from public.leads l where l.id = v_draft.lead_id and l.account_id = v_draft.account_id;
  end if;
  begin
    v_result := public.approve_ai_draft(v_draft.id, 'slack:' || p_slack_user_id
      || coalesce(' (' || pg_catalog.left(pg_catalog.regexp_replace(p_slack_user_name, '[^[:alnum:] ._-]', '', 'g'), 80) || ')', ''),
      v_user, null, null, p_account_id, p_now);
  exception when sqlstate '55000' then
    return pg_catalog.jsonb_build_object('outcome', 'draft_rejected', 'draft_id', v_draft.id);
  end;
  return v_result;
end
$$;

comment on function public.ingest_slack_approval(uuid, uuid, text, text, text, text, timestamptz) is
  'Applies a verified Slack Approve & Send click: the draft p_draft_id of p_account_id whose review post is p_channel_id / p_message_ts is approved through public.approve_ai_draft (one touch; a second click answers already_approved and sends nothing), decided_by slack:<Slack user id> (<name>), decided_by_user_id the lead''s assigned setter when the click came from the setter the post was sent to. Answers approve_ai_draft''s result, {outcome: unknown_draft} when no such post exists for that account, or {outcome: draft_rejected}. Security definer, for revenue_ingest. 22023 invalid_argument for a malformed Slack user id.';

revoke execute on function public.ingest_slack_approval(uuid, uuid, text, text, text, text, timestamptz) from public;
grant execute on function public.ingest_slack_approval(uuid, uuid, text, text, text, text, timestamptz) to revenue_ingest;
