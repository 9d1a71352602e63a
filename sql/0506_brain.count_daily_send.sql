create or replace function brain.count_daily_send(
  p_account_id uuid,
  p_channel text,
  p_sender text,
  p_cap integer,
  p_now timestamptz
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_day date := (p_now at time zone 'UTC')::date;
  v_sent integer;
begin
  insert into public.sender_daily_counts (account_id, channel, sender, day, sent)
  values (p_account_id, p_channel, p_sender, v_day, 0)
  on conflict (account_id, channel, sender, day) do nothing;
  update public.sender_daily_counts c set sent = c.sent + 1
  where c.account_id = p_account_id and c.channel = p_channel and c.sender = p_sender and c.day = v_day
    and c.sent < p_cap
  returning c.sent into v_sent;
  return v_sent is not null;
end
$$;

comment on function brain.count_daily_send(uuid, text, text, integer, timestamptz) is
  'Counts one send for the sender''s UTC day and returns true, or returns false without counting when the day already reached p_cap. One send with a cap the caller gives; the claim counts its touches set-based against each sender''s own cap (the warm-up ramp, the per-number cap) with brain.count_daily_sends, on the same rows.';
