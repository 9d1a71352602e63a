-- Follow-up sequences: which step of a run comes next and when it is due. A step's delay
-- counts from p_from (the start, the previous step, or a resume); business_hours inside
-- the lead's send window (brain.business_hours_after), days as calendar days,
-- hours_before_meeting back from the meeting (p_anchor). A reminder whose time has already
-- passed is skipped, never sent late.
create or replace function brain.sequence_next_step(
  p_sequence_id uuid,
  p_lead_id uuid,
  p_from_step integer,
  p_from timestamptz,
  p_anchor timestamptz,
  p_now timestamptz default now()
)
returns table (step_order integer, due_at timestamptz, skipped integer)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_tz text;
  v_start time;
  v_end time;
  v_step record;
  v_due timestamptz;
  v_skipped integer := 0;
begin
  select z.time_zone, o.send_window_start, o.send_window_end into v_tz, v_start, v_end
  from public.leads l
  join public.org_settings o on o.account_id = l.account_id
  cross join lateral brain.lead_time_zone(l.timezone, l.phone, o.timezone) z
  where l.id = p_lead_id;
  for v_step in
    select s.step_order, s.delay_amount, s.delay_unit from public.sequence_steps s
    where s.sequence_id = p_sequence_id and s.step_order >= coalesce(p_from_step, 1)
    order by s.step_order
  loop
    v_due := case v_step.delay_unit
      when 'business_hours' then brain.business_hours_after(p_from, v_step.delay_amount, coalesce(v_tz, 'UTC'),
                                                            coalesce(v_start, time '08:00'), coalesce(v_end, time '20:00'))
      when 'days' then p_from + pg_catalog.make_interval(days => v_step.delay_amount)
      else p_anchor - pg_catalog.make_interval(hours => v_step.delay_amount)
    end;
    if v_step.delay_unit = 'hours_before_meeting' and (p_anchor is null or v_due < p_now) then
      v_skipped := v_skipped + 1;
      continue;
    end if;
    step_order := v_step.step_order;
    due_at := v_due;
    skipped := v_skipped;
    return next;
    return;
  end loop;
  -- No step left: the run is complete (one row, step_order null).
  step_order := null;
  due_at := null;
  skipped := v_skipped;
  return next;
end
$$;

comment on function brain.sequence_next_step(uuid, uuid, integer, timestamptz, timestamptz, timestamptz) is
  'The next step of a sequence run for a lead from step p_from_step on, and when it is due: delay_unit business_hours counts delay_amount hours inside the account''s send window (org_settings.send_window_start/end) in the lead''s time zone (brain.lead_time_zone), Monday to Friday, from p_from; days adds calendar days to p_from; hours_before_meeting is p_anchor (the meeting) minus delay_amount hours, and such a step whose time is before p_now is skipped (counted in skipped), never sent late. One row; step_order null when no step is left (the run is complete).';

revoke execute on function brain.sequence_next_step(uuid, uuid, integer, timestamptz, timestamptz, timestamptz) from public;
grant execute on function brain.sequence_next_step(uuid, uuid, integer, timestamptz, timestamptz, timestamptz) to revenue_worker;
