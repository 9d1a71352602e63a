-- Follow-up sequences (seed 003 §11): a delay in business hours is counted only inside the
-- account's send window, Monday to Friday, in the lead's local time.
create or replace function brain.business_hours_after(
  p_from timestamptz,
  p_hours integer,
  p_time_zone text,
  p_window_start time,
  p_window_end time
)
returns timestamptz
language plpgsql
stable
parallel safe
set search_path = ''
as $$
declare
  v_left interval := pg_catalog.make_interval(hours => greatest(coalesce(p_hours, 0), 0));
  v_at timestamptz := p_from;
  v_local timestamp;
  v_day_end timestamptz;
  v_guard integer := 0;
begin
  if p_from is null or p_time_zone is null or p_window_start is null or p_window_end is null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'business hours need a start, a time zone and a send window';
  end if;
  if v_left = interval '0' then
    return p_from;
  end if;
  loop
    v_guard := v_guard + 1;
    if v_guard > 5000 then
      raise exception using errcode = '54000', message = 'business_hours_overflow', detail = 'the delay never fits the send window';
    end if;
    v_local := v_at at time zone p_time_zone;
    -- Saturday or Sunday, or past today's window: the next day's opening.
    if pg_catalog.date_part('isodow', v_local) >= 6 or v_local::time >= p_window_end then
      v_at := ((v_local::date + 1) + p_window_start) at time zone p_time_zone;
      continue;
    end if;
    if v_local::time < p_window_start then
      v_at := (v_local::date + p_window_start) at time zone p_time_zone;
      v_local := v_at at time zone p_time_zone;
    end if;
    v_day_end := (v_local::date + p_window_end) at time zone p_time_zone;
    if v_at + v_left <= v_day_end then
      return v_at + v_left;
    end if;
    v_left := v_left - (v_day_end - v_at);
    v_at := ((v_local::date + 1) + p_window_start) at time zone p_time_zone;
  end loop;
end
$$;

comment on function brain.business_hours_after(timestamptz, integer, text, time, time) is
  'The instant p_hours business hours after p_from: hours count only inside [p_window_start, p_window_end) local time in p_time_zone, Monday to Friday (a Friday-evening start continues on Monday morning). 0 hours is p_from itself. Local times use the zone''s rules for each day (DST moves the instant, not the local hour).';

revoke execute on function brain.business_hours_after(timestamptz, integer, text, time, time) from public;
grant execute on function brain.business_hours_after(timestamptz, integer, text, time, time) to revenue_worker, revenue_api, revenue_analyst;
