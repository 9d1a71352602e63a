-- Everything the analytics count about some leads of one account, as one time line per
-- lead: the touches that reached them, their replies, their appointments. tord numbers
-- the lead's touches, and for a reply or appointment it is the number of touches sent at
-- or before it: the touch it follows (0: none). Attribution of a booking is decided here.
create or replace function brain.analytics_lead_events(p_account_id uuid, p_lead_ids uuid[])
returns table (
  lead_id uuid,
  kind smallint,
  item_id uuid,
  at timestamptz,
  tord integer,
  source text,
  campaign_id uuid,
  sequence_id uuid,
  step integer,
  channel text,
  is_reactivation boolean,
  is_positive boolean,
  is_meeting boolean,
  status text,
  start_at timestamptz,
  first_positive_reply_at timestamptz,
  attributed_tord integer,
  rule text
)
language sql
stable
as $$
  with wanted as (
    select distinct w.lead_id from pg_catalog.unnest(p_lead_ids) as w (lead_id)
  ), items as (
    -- Touches that reached the lead; a reply to a HELP or STOP (transactional) is not outreach.
    select t.lead_id, 0::smallint as kind, t.id as item_id, t.sent_at as at,
           case when t.sequence_enrollment_id is not null then 'sequence'
                when t.campaign_id is not null then 'campaign'
                when t.payload ->> 'message_class' = 'reactivation' then 'reactivation'
                when t.payload ->> 'message_class' = 'ai_reply' then 'ai_reply'
                else 'manual' end as source,
           case when t.sequence_enrollment_id is null then t.campaign_id end as campaign_id,
           e.sequence_id,
           case when t.sequence_enrollment_id is not null then t.sequence_step
                when t.campaign_id is not null or t.payload ->> 'message_class' = 'reactivation' then t.step end as step,
           t.channel::text as channel,
           coalesce(t.payload ->> 'message_class' = 'reactivation', false) as is_reactivation,
           null::boolean as is_positive, null::boolean as is_meeting, null::text as status, null::timestamptz as start_at
    from wanted w
    join public.touch_runs t on t.account_id = p_account_id and t.lead_id = w.lead_id
    left join public.sequence_enrollments e on e.id = t.sequence_enrollment_id and e.account_id = t.account_id
    where t.status in ('sent', 'delivered') and t.sent_at is not null
      and (t.payload ->> 'message_class') is distinct from 'transactional'
    union all
    -- Replies from a person: bounces and automatic replies (by headers or by tag) are not.
    -- Positive: the tag when the message has one, else the keyword classification.
    select m.lead_id, 1::smallint, m.id, m.received_at, null, null, null, null, m.channel::text, null,
           case when m.sentiment_tag is not null then m.sentiment_tag in ('Interested', 'Meeting Requested', 'Follow Up')
                else m.classification = 'positive' end,
           coalesce(m.sentiment_tag = 'Meeting Requested', false),
           null, null
    from wanted w
    join public.inbound_messages m on m.account_id = p_account_id and m.lead_id = w.lead_id
    where m.auto_kind is null
      and (m.sentiment_tag is null or m.sentiment_tag not in ('Out of Office', 'Automated Reply'))
    union all
    -- Appointments, at the time they were made.
    select a.lead_id, 2::smallint, a.id, a.created_at, null, null, null, null, null, null, null, null, a.status, a.start_at
    from wanted w
    join public.appointments a on a.account_id = p_account_id and a.lead_id = w.lead_id
  ), ordered as (
    -- At the same instant a touch comes first, then replies, then appointments.
    select i.*,
           (pg_catalog.count(*) filter (where i.kind = 0)
              over (partition by i.lead_id order by i.at, i.kind, i.item_id
                    rows between unbounded preceding and current row))::integer as tord
    from items i
  ), first_positive as (
    select distinct on (o.lead_id) o.lead_id, o.at, o.tord
    from ordered o
    where o.kind = 1 and o.is_positive
    order by o.lead_id, o.at, o.item_id
  )
  -- A booking is attributed to the last touch at or before the lead's first positive reply
  -- (when that reply came at or before the booking and followed a touch), else to the last
  -- touch at or before the booking.
  select o.lead_id, o.kind, o.item_id, o.at, o.tord, o.source, o.campaign_id, o.sequence_id, o.step, o.channel,
         o.is_reactivation, o.is_positive, o.is_meeting, o.status, o.start_at,
         case when o.kind = 2 and fp.at <= o.at then fp.at end,
         case when o.kind <> 2 then null
              when fp.at <= o.at and fp.tord > 0 then fp.tord
              when o.tord > 0 then o.tord end,
         case when o.kind <> 2 then null
              when fp.at <= o.at and fp.tord > 0 then 'last_touch_before_first_positive_reply'
              when o.tord > 0 then 'last_touch_before_booking'
              else 'none' end
  from ordered o
  left join first_positive fp on fp.lead_id = o.lead_id and o.kind = 2
$$;

comment on function brain.analytics_lead_events(uuid, uuid[]) is
  'What the analytics count about leads p_lead_ids of account p_account_id, one time line per lead ordered by time (a touch before a reply before an appointment at the same instant): kind 0 a touch that reached the lead (status sent or delivered; message_class transactional left out) with its source (sequence when it is a sequence step, campaign, reactivation by message_class, ai_reply, else manual), campaign, sequence, step (campaign step, sequence step, reactivation round) and channel; kind 1 a reply (not a bounce or automatic reply by headers, nor tagged Out of Office or Automated Reply) with is_positive (tag Interested, Meeting Requested or Follow Up; untagged: classification positive) and is_meeting (tag Meeting Requested); kind 2 an appointment at its created_at with status and start_at. tord: the touch''s own number, or for a reply or appointment the number of touches at or before it (0: none). For appointments, first_positive_reply_at (the lead''s first positive reply, when at or before the booking), attributed_tord and rule: the last touch at or before that reply (last_touch_before_first_positive_reply), else the last touch at or before the booking (last_touch_before_booking), else none.';

revoke execute on function brain.analytics_lead_events(uuid, uuid[]) from public;
grant execute on function brain.analytics_lead_events(uuid, uuid[]) to revenue_worker, revenue_analyst;
