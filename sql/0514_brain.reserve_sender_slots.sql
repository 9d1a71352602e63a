-- Per-sender rate limit as a sliding log, for several sends from several senders of
-- one channel at once: a sender's n-th slot is what the n-th of its count of calls of
-- brain.reserve_sender_slot in a row would reserve; the senders' rows are locked in
-- one statement (in sender order) and written back in one.
-- A send may start no earlier than one second after the max_per_second-th most
-- recent one, and never before the last. Starts are paced, 1.4 s / max_per_second
-- apart, not released in bursts: a burst of sends due at one instant reaches the
-- provider spread over a few hundred ms on a busy worker, and its late sends crowd
-- the next window; paced sends do not queue behind each other.
-- The clock is read after the sender's row lock is held: a caller that waited
-- for the lock behind other claims would otherwise reserve a start time already
-- past, send late, and crowd the next window (the crash test's 11 in a second).
create or replace function brain.reserve_sender_slots(
  p_account_id uuid,
  p_channel text,
  p_senders text[],
  p_counts integer[],
  p_max_per_second integer,
  p_now timestamptz,
  p_max_wait interval default interval '2.5 seconds'
)
returns table (sender text, n integer, slot_at timestamptz, reserved boolean)
language plpgsql
volatile
set search_path = ''
as $$
-- The answer's columns share names with sender_rate_state's (sender): in statements they mean the table's.
#variable_conflict use_column
declare
  v_n integer := greatest(coalesce(p_max_per_second, 1), 1);
  -- Sends reach the provider after their slot, not all equally late: on a busy
  -- worker host the crash test measured up to ~200 ms between two sends, and under a
  -- full test suite's load one send reached the provider ~240 ms after a slot it had
  -- left on time. Windows of 1.4 s (a 400 ms margin) keep the provider's view of any
  -- one second within the limit too.
  v_window constant interval := interval '1400 milliseconds';
  v_logs jsonb := '{}'::jsonb;
  v_row record;
  v_recent timestamptz[];
  v_len integer;
  v_slot timestamptz;
  v_now timestamptz;
  v_senders text[] := '{}';
  v_ns integer[] := '{}';
  v_slots timestamptz[] := '{}';
  v_reserved boolean[] := '{}';
  v_new_logs jsonb := '{}'::jsonb;
  v_taken boolean;
begin
  if p_senders is null or p_counts is null or pg_catalog.cardinality(p_senders) <> pg_catalog.cardinality(p_counts)
     or exists (select 1 from pg_catalog.unnest(p_senders) x where x is null)
     or exists (select 1 from pg_catalog.unnest(p_counts) c where c is null or c not between 1 and 10000)
     or (select count(distinct x) from pg_catalog.unnest(p_senders) x) <> pg_catalog.cardinality(p_senders) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'reserve_sender_slots needs distinct senders, each with a count of 1 to 10000 slots';
  end if;
  insert into public.sender_rate_state (account_id, channel, sender)
  select p_account_id, p_channel, x from pg_catalog.unnest(p_senders) x order by x
  on conflict (account_id, channel, sender) do nothing;

  -- The senders' rows, locked in a fixed order.
  for v_row in
    select s.sender, s.recent from public.sender_rate_state s
    where s.account_id = p_account_id and s.channel = p_channel and s.sender = any(p_senders)
    order by s.sender
    for update
  loop
    v_logs := v_logs || pg_catalog.jsonb_build_object(v_row.sender, pg_catalog.to_jsonb(coalesce(v_row.recent, '{}')));
  end loop;
  -- Never earlier than the moment the slots are taken; a later p_now (a frozen test clock) wins.
  v_now := greatest(p_now, pg_catalog.clock_timestamp());

  for i in 1 .. pg_catalog.cardinality(p_senders) loop
    -- Only starts less than one window old can hold a new one back (a start older than
    -- that is more than a window, and so more than a pacing step, before v_now): older
    -- ones are dropped from the log, which stays as short as the sender's last window,
    -- not p_max_per_second long.
    v_recent := array(select x.t::timestamptz from pg_catalog.jsonb_array_elements_text(v_logs -> p_senders[i]) with ordinality x(t, o)
                      where x.t::timestamptz > v_now - v_window
                      order by x.o);
    v_taken := false;
    for k in 1 .. p_counts[i] loop
      v_len := coalesce(pg_catalog.array_length(v_recent, 1), 0);
      v_slot := v_now;
      if v_len > 0 then
        v_slot := greatest(v_slot, v_recent[v_len] + v_window / v_n);
      end if;
      if v_len >= v_n then
        v_slot := greatest(v_slot, v_recent[v_len - v_n + 1] + v_window);
      end if;
      v_senders := v_senders || p_senders[i];
      v_ns := v_ns || k;
      v_slots := v_slots || v_slot;
      if v_slot > v_now + p_max_wait then
        -- Not reserved, and nothing changes: every later one is refused at the same slot.
        v_reserved := v_reserved || false;
        continue;
      end if;
      v_reserved := v_reserved || true;
      v_taken := true;
      v_recent := v_recent || v_slot;
      v_len := v_len + 1;
      if v_len > v_n then
        v_recent := v_recent[v_len - v_n + 1 : v_len];
      end if;
    end loop;
    if v_taken then
      v_new_logs := v_new_logs || pg_catalog.jsonb_build_object(p_senders[i], pg_catalog.to_jsonb(v_recent));
    end if;
  end loop;

  update public.sender_rate_state s
  set recent = array(select x.t::timestamptz from pg_catalog.jsonb_array_elements_text(v_new_logs -> s.sender) with ordinality x(t, o)
                     order by x.o),
      updated_at = pg_catalog.now()
  where s.account_id = p_account_id and s.channel = p_channel and v_new_logs ? s.sender;
  return query select u.sender, u.n, u.slot_at, u.reserved
    from rows from (pg_catalog.unnest(v_senders), pg_catalog.unnest(v_ns), pg_catalog.unnest(v_slots), pg_catalog.unnest(v_reserved))
         with ordinality u(sender, n, slot_at, reserved, i)
    order by u.i;
end
$$;

comment on function brain.reserve_sender_slots(uuid, text, text[], integer[], integer, timestamptz, interval) is
  'Reserves start times for p_counts[i] (1 to 10000) sends from each sender p_senders[i] (distinct) of one channel, answered per sender in the order given and per sender in order (n = 1 …), under one lock of the senders'' sender_rate_state rows (taken in sender order); a sender''s n-th slot is exactly what the n-th of its calls of brain.reserve_sender_slot in a row would get. Each is the earliest time so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the row locks are held (so a caller that queued for a lock never reserves a start already past), at least 1.4 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.4 seconds (one second plus a 400 ms margin for sends that reach the provider late) after the p_max_per_second-th most recent; the sender''s log keeps only the starts of the last 1.4 s (older ones can hold nothing back). A time more than p_max_wait away is not reserved (reserved = false, slot_at is when it would be) and changes nothing, so every later one of that sender is refused too.';
