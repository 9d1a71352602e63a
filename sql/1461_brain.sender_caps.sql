-- Today's cap per sender of one channel: the one rule the claim, the health view and the
-- settings page read. Email: the warm-up ramp (brain.sender_ramp_cap) from the sender's
-- row in sender_reputation, its target when it is already warm, 0 while the reputation
-- guard has it paused. SMS and WhatsApp: the per-number cap is the target itself (no ramp,
-- no pause: their guard is an alarm, see brain.check_sender_reputation). Voice: no cap.
create or replace function brain.sender_caps(
  p_account_id uuid,
  p_channel text,
  p_senders text[],
  p_target integer,
  p_day date
)
returns table (sender text, target integer, cap integer, ramp_day integer, already_warm boolean,
               paused boolean, paused_reason text, paused_at timestamptz)
language sql
stable
set search_path = ''
as $$
  select s.sender,
         case when p_channel = 'voice' then null else p_target end,
         case
           when p_channel = 'voice' then null
           when p_channel <> 'email' then p_target
           when r.paused_at is not null then 0
           when coalesce(r.already_warm, false) then p_target
           else brain.sender_ramp_cap(coalesce(r.ramp_start_cap, 20), coalesce(r.ramp_growth_pct, 10), d.ramp_day, p_target)
         end,
         d.ramp_day,
         coalesce(r.already_warm, false) or p_channel <> 'email',
         p_channel = 'email' and r.paused_at is not null,
         case when p_channel = 'email' then r.paused_reason end,
         case when p_channel = 'email' then r.paused_at end
  from pg_catalog.unnest(p_senders) with ordinality s(sender, n)
  left join public.sender_reputation r
    on p_channel = 'email' and r.account_id = p_account_id and r.channel = 'email' and r.sender = s.sender
  -- A sender that never sent is on its ramp's day 0.
  cross join lateral (select case when p_channel = 'email'
                                  then greatest(p_day - coalesce(r.ramp_started_on, p_day), 0) end as ramp_day) d
  order by s.n
$$;

comment on function brain.sender_caps(uuid, text, text[], integer, date) is
  'Today''s cap (UTC day p_day) for each sender of a channel, in the order given. Email: 0 while paused (sender_reputation.paused_at; paused, paused_reason), p_target when already_warm, else the warm-up ramp least(p_target, ceil(ramp_start_cap × (1 + ramp_growth_pct/100)^ramp_day)) with ramp_day = days since ramp_started_on (0 for a sender that never sent; defaults 20 and 10%). SMS / WhatsApp: p_target (the per-number cap; never paused, no ramp). Voice: null (no cap). p_target is the channel''s provider config daily_cap (the claim''s default: 500 for email, 250 for SMS and WhatsApp).';
