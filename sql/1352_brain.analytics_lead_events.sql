-- Everything the analytics count about some leads of one account, as one time line per
-- lead (touches that reached them, their replies, their appointments), each row annotated
-- with what it means for the funnel. Window functions only, no self-joins: the cost grows
-- with the rows, not with their square.
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
  status text,
  start_at timestamptz,
  replied boolean,
  positive boolean,
  booked integer,
  unit_stage smallint,
  lead_stage smallint,
  first_positive_reply_at timestamptz,
  rule text,
  touch_run_id uuid,
  touch_sent_at timestamptz,
  touch_source text,
  touch_campaign_id uuid,
  touch_sequence_id uuid,
  touch_step integer,
  touch_channel text,
  touch_is_reactivation boolean
)
language sql
stable
as $$
  with wanted as (
    select distinct w.lead_id from pg_catalog.unnest(p_lead_ids) as w (lead_id)
  ), items as (
    -- kind 0: touches that reached the lead; a reply to a HELP or STOP (transactional) is not outreach.
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
           null::text as status, null::timestamptz as start_at, null::smallint as ev_stage, false as is_positive
    from wanted w
    join public.touch_runs t on t.account_id = p_account_id and t.lead_id = w.lead_id
    left join public.sequence_enrollments e on e.id = t.sequence_enrollment_id and e.account_id = t.account_id
    where t.status in ('sent', 'delivered') and t.sent_at is not null
      and (t.payload ->> 'message_class') is distinct from 'transactional'
    union all
    -- kind 1: replies from a person (not a bounce or automatic reply by headers or by tag).
    -- Stage 2 replied, 3 positive (tag Interested, Meeting Requested or Follow Up; untagged:
    -- classification positive), 4 meeting (tag Meeting Requested).
    select m.lead_id, 1::smallint, m.id, m.received_at, null, null, null, null, m.channel::text, null, null, null,
           case when m.sentiment_tag = 'Meeting Requested' then 4
                when coalesce(m.sentiment_tag in ('Interested', 'Follow Up'), m.classification = 'positive') then 3
                else 2 end::smallint,
           coalesce(m.sentiment_tag in ('Interested', 'Meeting Requested', 'Follow Up'), m.classification = 'positive')
    from wanted w
    join public.inbound_messages m on m.account_id = p_account_id and m.lead_id = w.lead_id
    where m.auto_kind is null
      and (m.sentiment_tag is null or m.sentiment_tag not in ('Out of Office', 'Automated Reply'))
    union all
    -- kind 2: appointments when they were made: 5 booked (booked, completed, no_show), 4 a
    -- meeting that was cancelled (a slot was accepted).
    select a.lead_id, 2::smallint, a.id, a.created_at, null, null, null, null, null, null, a.status, a.start_at,
           case when a.status in ('booked', 'completed', 'no_show') then 5 else 4 end::smallint, false
    from wanted w
    join public.appointments a on a.account_id = p_account_id and a.lead_id = w.lead_id
  ), numbered as (
    -- At the same instant a touch comes first, then replies, then appointments. tord: the
    -- touch's own number, or for a reply or appointment the number of touches at or before
    -- it (the touch it follows; 0: none). group_pos: the touch's place in its group
    -- (campaign, sequence, each reactivation round, AI replies, manual messages).
    select i.*,
           (pg_catalog.count(*) filter (where i.kind = 0)
              over (partition by i.lead_id order by i.at, i.kind, i.item_id rows between unbounded preceding and current row))::integer as tord,
           case when i.kind = 0 then pg_catalog.row_number() over (
             partition by i.lead_id, i.kind, i.source, i.campaign_id, i.sequence_id,
                          case when i.source = 'reactivation' then i.step end
             order by i.at, i.item_id) end as group_pos
    from items i
  ), spans as (
    select n.*,
           -- The furthest stage reached from this row on (what follows a touch).
           pg_catalog.max(n.ev_stage) over (partition by n.lead_id order by n.at desc, n.kind desc, n.item_id desc
                                            rows between unbounded preceding and current row) as stage_after,
           -- Reactivation rounds: a round runs until the lead's next round.
           pg_catalog.count(*) filter (where n.kind = 0 and n.source = 'reactivation' and n.group_pos = 1)
             over (partition by n.lead_id order by n.at, n.kind, n.item_id rows between unbounded preceding and current row) as round_seq,
           -- A reply answers the last touch at or before it: the rows sharing its tord.
           pg_catalog.bool_or(n.kind = 1) over (partition by n.lead_id, n.tord) as tord_replied,
           pg_catalog.bool_or(n.kind = 1 and n.is_positive) over (partition by n.lead_id, n.tord) as tord_positive,
           -- The lead's first positive reply (tord only grows with time).
           pg_catalog.min(n.at) filter (where n.kind = 1 and n.is_positive) over (partition by n.lead_id) as fp_at,
           pg_catalog.min(n.tord) filter (where n.kind = 1 and n.is_positive) over (partition by n.lead_id) as fp_tord
    from numbered n
  ), rounds as (
    -- A booking goes to the last touch at or before the lead's first positive reply (when
    -- that reply came at or before the booking and followed a touch), else to the last touch
    -- at or before the booking.
    select s.*,
           pg_catalog.max(s.ev_stage) over (partition by s.lead_id, s.round_seq) as round_stage,
           case when s.kind = 2 and s.ev_stage = 5 then
             case when s.fp_at <= s.at and s.fp_tord > 0 then s.fp_tord when s.tord > 0 then s.tord end
           end as attributed_tord
    from spans s
  ), linked as (
    -- A touch and the bookings attributed to it share (lead, link).
    select r.*, case r.kind when 0 then r.tord when 2 then r.attributed_tord end as link
    from rounds r
  ), annotated as (
    select l.*,
           pg_catalog.count(*) filter (where l.kind = 2 and l.ev_stage = 5) over w as link_bookings,
           pg_catalog.first_value(l.item_id) over w as link_item_id,
           pg_catalog.first_value(l.at) over w as link_at,
           pg_catalog.first_value(l.source) over w as link_source,
           pg_catalog.first_value(l.campaign_id) over w as link_campaign_id,
           pg_catalog.first_value(l.sequence_id) over w as link_sequence_id,
           pg_catalog.first_value(l.step) over w as link_step,
           pg_catalog.first_value(l.channel) over w as link_channel,
           pg_catalog.first_value(l.is_reactivation) over w as link_is_reactivation
    from linked l
    window w as (partition by l.lead_id, l.link order by l.kind, l.at, l.item_id
                 rows between unbounded preceding and unbounded following)
  )
  select a.lead_id, a.kind, a.item_id, a.at, a.tord, a.source, a.campaign_id, a.sequence_id, a.step, a.channel,
         a.is_reactivation, a.status, a.start_at,
         case when a.kind = 0 then a.tord_replied end,
         case when a.kind = 0 then a.tord_positive end,
         case when a.kind = 0 then a.link_bookings::integer end,
         case when a.kind = 0 and a.group_pos = 1 then
           coalesce(case when a.source = 'reactivation' then a.round_stage else a.stage_after end, 1::smallint) end,
         case when a.kind = 0 and a.tord = 1 then coalesce(a.stage_after, 1::smallint) end,
         case when a.kind = 2 and a.fp_at <= a.at then a.fp_at end,
         case when a.kind <> 2 then null
              when a.attributed_tord is null then 'none'
              when a.fp_at <= a.at and a.fp_tord > 0 then 'last_touch_before_first_positive_reply'
              else 'last_touch_before_booking' end,
         case when a.attributed_tord is not null then a.link_item_id end,
         case when a.attributed_tord is not null then a.link_at end,
         case when a.attributed_tord is not null then a.link_source end,
         case when a.attributed_tord is not null then a.link_campaign_id end,
         case when a.attributed_tord is not null then a.link_sequence_id end,
         case when a.attributed_tord is not null then a.link_step end,
         case when a.attributed_tord is not null then a.link_channel end,
         case when a.attributed_tord is not null then a.link_is_reactivation end
  from annotated a
$$;

comment on function brain.analytics_lead_events(uuid, uuid[]) is
  'What the analytics count about leads p_lead_ids of account p_account_id, one time line per lead ordered by time (a touch before a reply before an appointment at the same instant): kind 0 a touch that reached the lead (status sent or delivered; message_class transactional left out) with its source (sequence when it is a sequence step, campaign, reactivation by message_class, ai_reply, else manual), campaign, sequence, step (campaign step, sequence step, reactivation round) and channel; kind 1 a reply (not a bounce or automatic reply by headers, nor tagged Out of Office or Automated Reply); kind 2 an appointment at its created_at with status and start_at. tord: the touch''s number, or for a reply or appointment the number of touches at or before it. On touches: replied and positive (a reply answers the last touch at or before it; positive: tag Interested, Meeting Requested or Follow Up, untagged: classification positive), booked (bookings attributed to it), unit_stage on the first touch of each of the lead''s groups (campaign, sequence, each reactivation round up to the lead''s next round, AI replies, manual messages) and lead_stage on the lead''s first touch: how far the lead got after it, 1 contacted, 2 replied, 3 positive, 4 meeting (tag Meeting Requested or an appointment in any status), 5 booked (booked, completed or no_show). On appointments: first_positive_reply_at (when at or before the booking), rule and the touch a booking is attributed to (booked, completed, no_show only): the last touch at or before the first positive reply (last_touch_before_first_positive_reply), else the last touch at or before the booking (last_touch_before_booking), else none.';

revoke execute on function brain.analytics_lead_events(uuid, uuid[]) from public;
grant execute on function brain.analytics_lead_events(uuid, uuid[]) to revenue_worker, revenue_analyst;
