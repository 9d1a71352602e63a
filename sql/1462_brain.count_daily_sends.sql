-- The daily cap for several senders of one channel at once: each sender's touches are
-- counted against today's cap (brain.sender_caps) in one statement, under the lock of
-- the senders' rows of the day, so two claims never both take the last one. A claim
-- calls it once per channel and round, never once per touch.
create or replace function brain.count_daily_sends(
  p_account_id uuid,
  p_channel text,
  p_senders text[],
  p_counts integer[],
  p_target integer,
  p_now timestamptz
)
returns table (sender text, granted integer, cap integer, paused boolean)
language plpgsql
volatile
set search_path = ''
as $$
-- The answer's columns share names with the tables' (sender, cap): in statements they mean the tables'.
#variable_conflict use_column
declare
  -- The UTC day, as the email cap always counted (a sender's day does not move with the lead's zone).
  v_day date := (p_now at time zone 'UTC')::date;
  v_channel public.channel := p_channel::public.channel;
begin
  if p_senders is null or p_counts is null or pg_catalog.cardinality(p_senders) <> pg_catalog.cardinality(p_counts) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'count_daily_sends needs one count per sender';
  end if;
  if p_channel = 'email' then
    -- The ramp starts with the sender's first counted send.
    insert into public.sender_reputation as r (account_id, channel, sender, ramp_started_on)
    select p_account_id, v_channel, x, v_day from pg_catalog.unnest(p_senders) x order by x
    on conflict (account_id, channel, sender) do update set ramp_started_on = v_day
      where r.ramp_started_on is null;
  end if;
  insert into public.sender_daily_counts (account_id, channel, sender, day, sent)
  select p_account_id, v_channel, x, v_day, 0 from pg_catalog.unnest(p_senders) x order by x
  on conflict (account_id, channel, sender, day) do nothing;

  return query
  with cur as (
    -- The day's rows, locked in sender order: the count read here is the one written back.
    select c.sender, c.sent from public.sender_daily_counts c
    where c.account_id = p_account_id and c.channel = v_channel and c.day = v_day and c.sender = any(p_senders)
    order by c.sender
    for update
  ), g as (
    select w.sender, w.n, k.cap, k.paused, cur.sent,
           least(w.wanted, greatest(coalesce(k.cap, w.wanted + cur.sent) - cur.sent, 0)) as granted
    from rows from (pg_catalog.unnest(p_senders), pg_catalog.unnest(p_counts)) with ordinality w(sender, wanted, n)
    join brain.sender_caps(p_account_id, p_channel, p_senders, p_target, v_day) k on k.sender = w.sender
    join cur on cur.sender = w.sender
  ), u as (
    update public.sender_daily_counts c set sent = g.sent + g.granted, cap = g.cap
    from g
    where c.account_id = p_account_id and c.channel = v_channel and c.day = v_day and c.sender = g.sender
    returning c.sender
  )
  -- u runs to completion whether or not it is read.
  select g.sender, g.granted, g.cap, g.paused from g order by g.n;
end
$$;

comment on function brain.count_daily_sends(uuid, text, text[], integer[], integer, timestamptz) is
  'Counts p_counts[i] sends of sender p_senders[i] (distinct) of one channel against today''s cap (brain.sender_caps; UTC day of p_now) and answers, per sender in the order given, how many were granted (the first granted of its touches go, the rest wait for the next UTC day), the cap, and whether the sender is paused (cap 0). The senders'' sender_daily_counts rows of the day are locked while counting, so concurrent claims never exceed the cap; the row keeps the day''s cap. An email sender''s ramp starts (sender_reputation.ramp_started_on) with its first count.';

revoke execute on function brain.count_daily_sends(uuid, text, text[], integer[], integer, timestamptz) from public;
grant execute on function brain.count_daily_sends(uuid, text, text[], integer[], integer, timestamptz) to revenue_worker;
