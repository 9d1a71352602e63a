-- The AI inbox's Slack review (issue 17, seed 003 §9): a draft that needs review is
-- posted to Slack once. The "already posted" mark lives here, in the database: a worker
-- claims the post (slack_claimed_at) before calling Slack and records it after, so a
-- retried job or a second worker never posts it twice. A claim older than five minutes
-- (its worker died mid-post) may be taken again.
create or replace function brain.claim_slack_review(p_draft_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
  v_lead public.leads;
  v_m public.inbound_messages;
  v_org public.org_settings;
  v_setter record;
begin
  update public.ai_drafts d
  set slack_claimed_at = p_now
  where d.id = p_draft_id and d.status = 'pending' and d.auto_send_action = 'needs_review'
    and d.slack_posted_at is null
    and (d.slack_claimed_at is null or d.slack_claimed_at < p_now - interval '5 minutes')
  returning d.* into v_draft;
  if not found then
    return pg_catalog.jsonb_build_object('claimed', false, 'reason', coalesce(
      (select case when d.slack_posted_at is not null then 'already posted'
                   when d.status <> 'pending' then 'the draft is ' || d.status
                   when d.auto_send_action <> 'needs_review' then 'the draft does not need review'
                   else 'another worker is posting it' end
       from public.ai_drafts d where d.id = p_draft_id), 'no such draft'));
  end if;
  select l.* into v_lead from public.leads l where l.id = v_draft.lead_id and l.account_id = v_draft.account_id;
  select m.* into v_m from public.inbound_messages m where m.id = v_draft.inbound_message_id and m.account_id = v_draft.account_id;
  select o.* into v_org from public.org_settings o where o.account_id = v_draft.account_id;
  select u.id, u.email::text as email, u.display_name into v_setter
  from public.users u
  join public.account_members am on am.user_id = u.id and am.account_id = v_draft.account_id
  where u.id = v_lead.assigned_user_id and u.is_active;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'claimed', true,
    'draft_id', v_draft.id,
    'account_id', v_draft.account_id,
    'lead_id', v_draft.lead_id,
    'lead_name', nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', v_lead.first_name, v_lead.last_name)), ''),
    'lead_address', coalesce(v_lead.phone::text, v_lead.email::text),
    'channel', v_draft.channel::text,
    'tag', v_draft.sentiment_tag,
    'reply', pg_catalog.left(v_m.body, 500),
    'draft', pg_catalog.left(v_draft.body, 1500),
    'subject', v_draft.subject,
    'confidence', v_draft.confidence,
    'threshold', v_draft.auto_send_threshold,
    'reason', v_draft.auto_send_reason,
    'setter_user_id', v_setter.id,
    'setter_email', v_setter.email,
    'setter_name', v_setter.display_name,
    'review_channel', v_org.slack_review_channel,
    'business_name', v_org.business_name));
end
$$;

comment on function brain.claim_slack_review(uuid, timestamptz) is
  'Claims an AI draft''s Slack review post (slack_claimed_at = p_now) when the draft is pending, needs review, not yet posted, and not claimed in the last 5 minutes; answers {claimed: true, draft_id, account_id, lead_id, lead_name, lead_address, channel, tag, reply (500 characters), draft (1,500), subject, confidence, threshold, reason, setter_user_id, setter_email, setter_name (the lead''s assigned, active member), review_channel (org_settings.slack_review_channel), business_name}, else {claimed: false, reason}. The caller posts, then records the result with brain.record_slack_review.';

revoke execute on function brain.claim_slack_review(uuid, timestamptz) from public;
grant execute on function brain.claim_slack_review(uuid, timestamptz) to revenue_worker;
