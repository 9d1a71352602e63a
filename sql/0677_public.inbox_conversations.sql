-- The console's Inbox (issue 17, seed 003 §9 "human approval"): the conversations
-- waiting for an answer, one row per lead. A lead is listed when
--   - it has a pending AI draft (a person must approve or reject it), or
--   - its latest reply is newer than the latest message actually sent to it
--     (outbound_messages sent, delivered or unknown; touch_runs sent or delivered),
--     unless that reply is tagged Blacklist, Automated Reply, Out of Office or
--     Not Interested (nothing to answer).
-- Each row carries the latest reply, the pending draft (the newest one), an approved
-- draft whose touch has not gone out yet (auto-send's send_after, or a person's
-- approval waiting for the dispatcher), and a heat rank for "newest and hottest
-- first": order by heat, received_at desc, inbound_message_id desc.
-- Every lookup is by lead on its own index: the latest reply and "a newer reply
-- exists" on inbound_messages (lead_id, received_at desc), drafts on ai_drafts
-- (lead_id, created_at desc), what was sent on outbound_messages and touch_runs
-- (lead_id, created_at desc). security_invoker: row-level security keeps accounts apart.
create or replace view public.inbox_conversations
with (security_invoker = true) as
select
  m.account_id,
  m.lead_id,
  nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), '') as lead_name,
  l.company_name,
  l.phone::text as lead_phone,
  l.email::text as lead_email,
  l.status as lead_status,
  l.lead_state,
  l.assigned_user_id,
  m.id as inbound_message_id,
  m.channel::text as channel,
  m.body,
  m.subject,
  m.received_at,
  m.sentiment_tag,
  m.sentiment_source,
  m.sentiment_reason,
  m.sentiment_confidence,
  o.last_outbound_at,
  d.id as draft_id,
  d.channel::text as draft_channel,
  d.sentiment_tag as draft_sentiment_tag,
  d.body as draft_body,
  d.subject as draft_subject,
  d.confidence as draft_confidence,
  d.confidence_reason as draft_confidence_reason,
  d.auto_send_action as draft_auto_send_action,
  d.auto_send_reason as draft_auto_send_reason,
  d.created_at as draft_created_at,
  q.id as approved_draft_id,
  q.decided_by as approved_draft_by,
  q.send_after as approved_draft_send_after,
  q.touch_status as approved_draft_touch_status,
  case m.sentiment_tag
    when 'Meeting Requested' then 1
    when 'Interested' then 2
    when 'Follow Up' then 3
    when 'Neutral' then 4
    else case when m.sentiment_tag is null then 4 else 5 end
  end as heat,
  d.regenerate_requested_at is not null as draft_regenerating
from public.inbound_messages m
join public.leads l on l.id = m.lead_id and l.account_id = m.account_id
left join lateral (
  select p.id, p.channel, p.sentiment_tag, p.body, p.subject, p.confidence, p.confidence_reason,
         p.auto_send_action, p.auto_send_reason, p.created_at, p.regenerate_requested_at
  from public.ai_drafts p
  where p.lead_id = m.lead_id and p.account_id = m.account_id and p.status = 'pending'
  order by p.created_at desc, p.id desc
  limit 1
) d on true
left join lateral (
  select a.id, a.decided_by, a.send_after, t.status as touch_status
  from public.ai_drafts a
  join public.touch_runs t on t.id = a.touch_run_id and t.account_id = a.account_id
  where a.lead_id = m.lead_id and a.account_id = m.account_id and a.status = 'approved'
    and t.status in ('scheduled', 'queued', 'sending')
  order by a.created_at desc, a.id desc
  limit 1
) q on true
cross join lateral (
  select greatest(
    (select pg_catalog.max(coalesce(x.sent_at, x.created_at)) from public.outbound_messages x
     where x.lead_id = m.lead_id and x.account_id = m.account_id and x.status in ('sent', 'delivered', 'unknown')),
    (select pg_catalog.max(coalesce(t.sent_at, t.created_at)) from public.touch_runs t
     where t.lead_id = m.lead_id and t.account_id = m.account_id and t.status in ('sent', 'delivered'))
  ) as last_outbound_at
  offset 0 -- computed once per reply, not once per use
) o
where not exists (
    select 1 from public.inbound_messages n
    where n.lead_id = m.lead_id and n.account_id = m.account_id
      and n.received_at >= m.received_at and (n.received_at, n.id) > (m.received_at, m.id))
  and (d.id is not null
       or ((o.last_outbound_at is null or o.last_outbound_at < m.received_at)
           and (m.sentiment_tag is null
                or m.sentiment_tag not in ('Blacklist', 'Automated Reply', 'Out of Office', 'Not Interested'))));

comment on view public.inbox_conversations is
  'The Inbox (issue 17): conversations waiting for an answer, one row per lead: leads with a pending AI draft, and leads whose latest reply is newer than the latest message sent to them (outbound_messages sent, delivered or unknown; touch_runs sent or delivered) unless that reply is tagged Blacklist, Automated Reply, Out of Office or Not Interested. Newest and hottest first: order by heat, received_at desc, inbound_message_id desc.';
comment on column public.inbox_conversations.account_id is 'Owning account.';
comment on column public.inbox_conversations.lead_id is 'The lead.';
comment on column public.inbox_conversations.lead_name is 'First and last name.';
comment on column public.inbox_conversations.company_name is 'The lead''s company.';
comment on column public.inbox_conversations.lead_phone is 'The lead''s phone (E.164).';
comment on column public.inbox_conversations.lead_email is 'The lead''s email.';
comment on column public.inbox_conversations.lead_status is 'leads.status: new, suppressed or archived.';
comment on column public.inbox_conversations.lead_state is 'leads.lead_state.';
comment on column public.inbox_conversations.assigned_user_id is 'The setter the lead is assigned to.';
comment on column public.inbox_conversations.inbound_message_id is 'The lead''s latest reply (inbound_messages.id).';
comment on column public.inbox_conversations.channel is 'The channel it came on: sms, whatsapp, voice or email.';
comment on column public.inbox_conversations.body is 'The reply''s text.';
comment on column public.inbox_conversations.subject is 'An emailed reply''s subject.';
comment on column public.inbox_conversations.received_at is 'When the reply was received.';
comment on column public.inbox_conversations.sentiment_tag is 'The reply''s tag (null until the AI stage has read it).';
comment on column public.inbox_conversations.sentiment_source is 'Who tagged it: rules, llm or no_key.';
comment on column public.inbox_conversations.sentiment_reason is 'Why it got that tag.';
comment on column public.inbox_conversations.sentiment_confidence is 'The model''s confidence in the tag (0-1).';
comment on column public.inbox_conversations.last_outbound_at is 'When the latest message was sent to the lead (null: never).';
comment on column public.inbox_conversations.draft_id is 'The lead''s newest pending AI draft (null: none).';
comment on column public.inbox_conversations.draft_channel is 'The channel the draft goes out on.';
comment on column public.inbox_conversations.draft_sentiment_tag is 'The tag of the reply the draft answers.';
comment on column public.inbox_conversations.draft_body is 'The draft''s text.';
comment on column public.inbox_conversations.draft_subject is 'The draft''s subject (email only).';
comment on column public.inbox_conversations.draft_confidence is 'The evaluator''s confidence (0-1) that the draft can go out as written.';
comment on column public.inbox_conversations.draft_confidence_reason is 'The evaluator''s reason for that confidence.';
comment on column public.inbox_conversations.draft_auto_send_action is 'What auto-send decided: needs_review for a pending draft.';
comment on column public.inbox_conversations.draft_auto_send_reason is 'Why it needs a person (e.g. "setter_managed campaign", "confidence 0.50 below 0.90").';
comment on column public.inbox_conversations.draft_created_at is 'When the draft was written.';
comment on column public.inbox_conversations.approved_draft_id is 'The newest approved draft whose touch has not gone out yet (scheduled, queued or sending).';
comment on column public.inbox_conversations.approved_draft_by is 'Who approved it: auto_send, user:<id>, slack:<id>.';
comment on column public.inbox_conversations.approved_draft_send_after is 'An auto-sent draft goes out at this time (null when a person approved it).';
comment on column public.inbox_conversations.approved_draft_touch_status is 'Its touch''s status: scheduled, queued or sending.';
comment on column public.inbox_conversations.draft_regenerating is 'Whether a person asked for the pending draft to be written again and the model has not answered yet.';
comment on column public.inbox_conversations.heat is 'How hot the reply is, for ordering: Meeting Requested 1, Interested 2, Follow Up 3, Neutral or not yet tagged 4, any other tag 5.';

grant select on public.inbox_conversations to revenue_api, revenue_analyst, revenue_worker;
