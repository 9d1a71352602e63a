-- The send-window arithmetic, in one place.
create or replace function brain.window_start_at(
  p_time_zone text,
  p_window_start time,
  p_window_end time,
  p_at timestamptz
)
returns timestamptz
language sql
stable
parallel safe
as $$
  select case
    when (p_at at time zone p_time_zone)::time < p_window_start
      then ((p_at at time zone p_time_zone)::date + p_window_start) at time zone p_time_zone
    when (p_at at time zone p_time_zone)::time < p_window_end
      then p_at
    else ((p_at at time zone p_time_zone)::date + 1 + p_window_start) at time zone p_time_zone
  end
$$;

comment on function brain.window_start_at(text, time, time, timestamptz) is
  'Earliest instant at or after p_at whose local time in p_time_zone is inside [p_window_start, p_window_end). Local dates and times are converted with the zone''s rules for that very day, so DST changes move the instant, not the local hour.';
