-- Per-sender rate limit, one send: brain.reserve_sender_slots (the sliding log, its
-- pacing and its clock) with a count of one.
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
begin
  -- One slot is brain.reserve_sender_slots with a count of one: one rule for both.
  return query select r.slot_at, r.reserved
    from brain.reserve_sender_slots(p_account_id, p_channel, array[p_sender], array[1], p_max_per_second, p_now, p_max_wait) r;
end
$$;

comment on function brain.reserve_sender_slot(uuid, text, text, integer, timestamptz, interval) is
  'Reserves the earliest start time for one send from a sender so that no 1-second window holds more than p_max_per_second sends: at or after p_now and at or after the clock read once the sender''s row lock is held (so a caller that queued for the lock never reserves a start already past), at least 1.4 s / p_max_per_second after the sender''s last reserved start (paced, not in bursts), and at least 1.4 seconds (one second plus a 400 ms margin for sends that reach the provider late) after the p_max_per_second-th most recent. When that time is more than p_max_wait away nothing is reserved (reserved = false) and the caller reschedules.';
