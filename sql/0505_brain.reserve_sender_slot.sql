-- Per-sender rate limit as a sliding log: a send may start no earlier than one
-- second after the max_per_second-th most recent one, and never before the last.
-- Starts are paced, 1.2 s / max_per_second apart, not released in bursts: a burst
-- of sends due at one instant reaches the provider spread over a few hundred ms on
-- a busy worker, and its late sends crowd the next window; paced sends do not queue
-- behind each other.
-- The clock is read after the sender's row lock is held: a caller that waited
-- for the lock behind other claims would otherwise reserve a start time already
-- past, send late, and crowd the next window (the crash test's 11 in a second).
create or replace function brain.reserve_sender_slot(
  p_account_id uuid,
  p_channel text,
  p_sender text,
  p_max_per_second integer,
  p_now timestamptz,
  p_max_wait interval default interval '2.5 seconds'
)
returns table (slot_at timestamptz, reserved boolean)
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
begin
  insert into public.sender_rate_state (account_id, channel, sender)
  values (p_account_id, p_channel, p_sender)
  on conflict (account_id, channel, sender) do nothing;

  select s.recent into v_recent
  from public.sender_rate_state s
  where s.account_id = p_account_id and s.channel = p_channel and s.sender = p_sender
  for update;
  -- Never earlier than the moment the slot is taken; a later p_now (a frozen test clock) wins.
  v_now := greatest(p_now, pg_catalog.clock_timestamp());

  v_len := coalesce(pg_catalog.array_length(v_recent, 1), 0);
  v_slot := v_now;
  if v_len > 0 then
    v_slot := greatest(v_slot, v_recent[v_len] + v_window / v_n);
  end if;
  if v_len >= v_n then
    v_slot := greatest(v_slot, v_recent[v_len - v_n + 1] + v_window);
  end if;

  if v_slot > v_now + p_max_wait then
    return query select v_slot, false;
    return;
  end if;

  v_recent := v_recent || v_slot;
  v_len := v_len + 1;
  if v_len > v_n then
    v_recent := v_recent[v_len - v_n + 1 : v_len];
  end if;
  update public.sender_rate_state s
  set recent = v_recent, updated_at = pg_catalog.now()
  where s.account_id = p_account_id and s.channel = p_channel and s.sender = p_sender;
  return query select v_slot, true;
end
$$;

comment on function brain.reserve_sender_slot(uuid, text, text, integer, timestamptz, interval) is
  'Reserves the earliest start time for one send from a sender so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the sender''s row lock is held (so a caller that queued for the lock never reserves a start already past), at least 1.2 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.2 seconds (one second plus a 200 ms margin for send jitter) after the p_max_per_second-th most recent. When that time is more than p_max_wait away nothing is reserved (reserved = false) and the caller reschedules.';
