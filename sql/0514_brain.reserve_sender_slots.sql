-- Per-sender rate limit as a sliding log, for several sends at once: the k-th slot
-- is what the k-th of p_count calls of brain.reserve_sender_slot in a row would
-- reserve, taken under one lock of the sender's row and written back in one update.
-- A send may start no earlier than one second after the max_per_second-th most
-- recent one, and never before the last. Starts are paced, 1.2 s / max_per_second
-- apart, not released in bursts: a burst of sends due at one instant reaches the
-- provider spread over a few hundred ms on a busy worker, and its late sends crowd
-- the next window; paced sends do not queue behind each other.
-- The clock is read after the sender's row lock is held: a caller that waited
-- for the lock behind other claims would otherwise reserve a start time already
-- past, send late, and crowd the next window (the crash test's 11 in a second).
create or replace function brain.reserve_sender_slots(
  p_account_id uuid,
  p_channel text,
  p_sender text,
  p_max_per_second integer,
  p_count integer,
  p_now timestamptz,
  p_max_wait interval default interval '2.5 seconds'
)
returns table (n integer, slot_at timestamptz, reserved boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_n integer := greatest(coalesce(p_max_per_second, 1), 1);
  -- Sends reach the provider after their slot, not all equally late: on a busy
  -- worker host the crash test measured up to ~200 ms between two sends. Windows of
  -- 1.2 s keep the provider's view of any one second within the limit too.
  v_window constant interval := interval '1200 milliseconds';
  v_recent timestamptz[];
  v_len integer;
  v_slot timestamptz;
  v_now timestamptz;
  v_slots timestamptz[] := '{}';
  v_reserved boolean[] := '{}';
  v_taken boolean := false;
begin
  if p_count is null or p_count not between 1 and 10000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('reserve_sender_slots reserves 1 to 10000 slots, not %s', coalesce(p_count::text, 'null'));
  end if;
  insert into public.sender_rate_state (account_id, channel, sender)
  values (p_account_id, p_channel, p_sender)
  on conflict (account_id, channel, sender) do nothing;

  select s.recent into v_recent
  from public.sender_rate_state s
  where s.account_id = p_account_id and s.channel = p_channel and s.sender = p_sender
  for update;
  -- Never earlier than the moment the slot is taken; a later p_now (a frozen test clock) wins.
  v_now := greatest(p_now, pg_catalog.clock_timestamp());

  for i in 1 .. p_count loop
    v_len := coalesce(pg_catalog.array_length(v_recent, 1), 0);
    v_slot := v_now;
    if v_len > 0 then
      v_slot := greatest(v_slot, v_recent[v_len] + v_window / v_n);
    end if;
    if v_len >= v_n then
      v_slot := greatest(v_slot, v_recent[v_len - v_n + 1] + v_window);
    end if;
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
    update public.sender_rate_state s
    set recent = v_recent, updated_at = pg_catalog.now()
    where s.account_id = p_account_id and s.channel = p_channel and s.sender = p_sender;
  end if;
  return query select u.n::integer, u.slot_at, u.reserved
    from rows from (pg_catalog.unnest(v_slots), pg_catalog.unnest(v_reserved)) with ordinality u(slot_at, reserved, n)
    order by u.n;
end
$$;

comment on function brain.reserve_sender_slots(uuid, text, text, integer, integer, timestamptz, interval) is
  'Reserves start times for p_count (1 to 10000) sends from one sender, in order (n = 1 … p_count), under one lock of the sender''s sender_rate_state row; the n-th is exactly what the n-th of p_count calls of brain.reserve_sender_slot in a row would get. Each is the earliest time so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the row lock is held (so a caller that queued for the lock never reserves a start already past), at least 1.2 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.2 seconds (one second plus a 200 ms margin for send jitter) after the p_max_per_second-th most recent. A time more than p_max_wait away is not reserved (reserved = false, slot_at is when it would be) and changes nothing, so every later one is refused too.';
