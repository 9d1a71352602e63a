-- Booking (issue 18): the Appointments page in one read, as the caller (row-level security).
create or replace function public.appointments_page(p_tab text default 'upcoming', p_now timestamptz default now())
returns json
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_tab is null or p_tab not in ('upcoming', 'past', 'no_show', 'canceled') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the tab is upcoming, past, no_show or canceled';
  end if;
  return pg_catalog.json_build_object(
    'tab', p_tab,
    'counts', (select pg_catalog.json_build_object(
                 'upcoming', pg_catalog.count(*) filter (where a.status = 'booked' and a.end_at > p_now),
                 'past', pg_catalog.count(*) filter (where a.status in ('booked', 'completed') and a.end_at <= p_now),
                 'no_show', pg_catalog.count(*) filter (where a.status = 'no_show'),
                 'canceled', pg_catalog.count(*) filter (where a.status = 'canceled'))
               from public.appointments a),
    'appointments', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', x.id, 'lead_id', x.lead_id, 'lead_name', x.lead_name, 'lead_phone', x.phone, 'lead_email', x.email,
        'lead_state', x.lead_state, 'status', x.status, 'start_at', x.start_at, 'end_at', x.end_at, 'time_zone', x.time_zone,
        'local_start', pg_catalog.to_char(x.start_at at time zone x.tz, 'Dy DD Mon YYYY HH24:MI'),
        'local_end', pg_catalog.to_char(x.end_at at time zone x.tz, 'HH24:MI'),
        'source', x.source, 'provider', x.provider, 'booked_by', x.booked_by, 'cancel_reason', x.cancel_reason,
        'canceled_at', x.canceled_at, 'no_show_at', x.no_show_at, 'started', x.start_at <= p_now)
        order by case when p_tab = 'upcoming' then extract(epoch from x.start_at) else -extract(epoch from x.start_at) end, x.id),
        '[]'::json)
      from (
        select a.*, a.time_zone::text as tz, l.phone::text as phone, l.email::text as email, l.lead_state,
               coalesce(nullif(pg_catalog.concat_ws(' ', nullif(pg_catalog.btrim(l.first_name), ''), nullif(pg_catalog.btrim(l.last_name), '')), ''),
                        l.email::text, l.phone::text, 'Lead') as lead_name
        from public.appointments a
        join public.leads l on l.id = a.lead_id and l.account_id = a.account_id
        where case p_tab
                when 'upcoming' then a.status = 'booked' and a.end_at > p_now
                when 'past' then a.status in ('booked', 'completed') and a.end_at <= p_now
                when 'no_show' then a.status = 'no_show'
                else a.status = 'canceled'
              end
        order by case when p_tab = 'upcoming' then a.start_at end, a.start_at desc
        limit 200
      ) x),
    'tasks', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', t.id, 'lead_id', t.lead_id, 'kind', t.kind, 'reason', t.reason, 'suggested_text', t.suggested_text,
        'created_at', t.created_at,
        'lead_name', coalesce(nullif(pg_catalog.concat_ws(' ', nullif(pg_catalog.btrim(l.first_name), ''), nullif(pg_catalog.btrim(l.last_name), '')), ''),
                              l.email::text, l.phone::text, 'Lead'))
        order by t.created_at desc), '[]'::json)
      from (select t_.* from public.setter_tasks t_ where t_.status = 'open' order by t_.created_at desc limit 50) t
      join public.leads l on l.id = t.lead_id and l.account_id = t.account_id));
end
$$;

comment on function public.appointments_page(text, timestamptz) is
  'The Appointments page (issue 18) in one read, as the caller (row-level security: the caller''s account): {tab, counts {upcoming, past, no_show, canceled}, appointments (at most 200 of the tab: upcoming = booked and not yet ended, soonest first; past = booked or completed and ended; no_show; canceled; the others latest first), each {id, lead_id, lead_name, lead_phone, lead_email, lead_state, status, start_at, end_at, time_zone, local_start and local_end (in the appointment''s zone, which the page names), source, provider, booked_by, cancel_reason, canceled_at, no_show_at, started}, tasks (the 50 newest open setter tasks)}. 22023 invalid_argument for another tab.';

revoke execute on function public.appointments_page(text, timestamptz) from public;
grant execute on function public.appointments_page(text, timestamptz) to revenue_api, revenue_analyst;
