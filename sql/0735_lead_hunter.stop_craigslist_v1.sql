create or replace function lead_hunter.stop_craigslist_v1(p_account_id uuid, p_city text, p_now timestamptz default now())
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_count integer;
begin
  update lead_hunter.craigslist_tasks_v1
  set status = 'canceled', finished_at = p_now, last_error = 'program_stopped'
  where account_id = p_account_id and city = lead_hunter.normalize_city(p_city) and status = 'queued';
  get diagnostics v_count = row_count;
  insert into public.account_events (account_id, event_type, event_source, subject_type, payload, created_at)
  values (p_account_id, 'program_stopped', 'lead_hunter', 'program',
          pg_catalog.jsonb_build_object('program', 'craigslist', 'city', lead_hunter.normalize_city(p_city),
                                        'tasks_canceled', v_count), p_now);
  return v_count;
end
$$;

comment on function lead_hunter.stop_craigslist_v1(uuid, text, timestamptz) is
  'Stops the Craigslist program of a city ("apaga craigslist miami", autos.deactivate): its queued tasks are canceled (a task already claimed finishes), and a program_stopped account event is logged. Returns how many were canceled.';

revoke execute on function lead_hunter.stop_craigslist_v1(uuid, text, timestamptz) from public;
grant execute on function lead_hunter.stop_craigslist_v1(uuid, text, timestamptz) to revenue_api, revenue_worker;
