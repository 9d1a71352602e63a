-- "prende craigslist miami": the one code path for Command OS and the console's Start button.
create or replace function lead_hunter.start_craigslist_v1(
  p_account_id uuid,
  p_city text,
  p_override boolean default false,
  p_confirm_duplicate boolean default false,
  p_actor text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_city text := lead_hunter.normalize_city(p_city);
  v_task uuid;
  v_recent timestamptz;
begin
  if exists (select 1 from lead_hunter.craigslist_tasks_v1 t
             where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city
               and t.status in ('queued', 'claimed')) then
    return pg_catalog.jsonb_build_object('outcome', 'already_running', 'city', v_city);
  end if;
  select max(t.created_at) into v_recent from lead_hunter.craigslist_tasks_v1 t
  where t.account_id = p_account_id and t.task_type = 'discover' and t.city = v_city and t.status = 'done'
    and t.created_at > p_now - interval '60 minutes';
  if v_recent is not null and not coalesce(p_confirm_duplicate, false) then
    return pg_catalog.jsonb_build_object('outcome', 'needs_confirmation', 'city', v_city, 'last_run_at', v_recent,
      'message', 'Craigslist ' || v_city || ' already ran in the last hour; confirm to run it again');
  end if;
  begin
    v_task := lead_hunter.enqueue_craigslist_discover_v1(p_account_id, v_city, p_override);
  exception when sqlstate 'P0001' then
    if sqlerrm in ('leadgen_routing_not_configured', 'leadgen_routing_inactive') then
      return pg_catalog.jsonb_build_object('outcome', 'needs_setup', 'city', v_city, 'reason', sqlerrm,
        'message', case sqlerrm
          when 'leadgen_routing_not_configured' then 'Set the dealer address and radius (onboarding step 3), or start with override'
          else 'Turn LeadGen routing on, or start with override' end);
    end if;
    raise;
  end;
  insert into public.account_events (account_id, event_type, event_source, subject_type, actor, payload, created_at)
  values (p_account_id, 'program_started', 'lead_hunter', 'program', p_actor,
          pg_catalog.jsonb_build_object('program', 'craigslist', 'city', v_city, 'task_id', v_task, 'override', p_override),
          p_now);
  return pg_catalog.jsonb_build_object('outcome', 'ok', 'city', v_city, 'task_id', v_task);
end
$$;

comment on function lead_hunter.start_craigslist_v1(uuid, text, boolean, boolean, text, timestamptz) is
  'Starts the Craigslist program of a city: ok with the discover task queued; needs_setup when LeadGen routing is not configured or not on (unless p_override); needs_confirmation when a discover for the city finished in the last hour (p_confirm_duplicate runs it anyway); already_running when one is queued or running. Logs program_started.';

revoke execute on function lead_hunter.start_craigslist_v1(uuid, text, boolean, boolean, text, timestamptz) from public;
grant execute on function lead_hunter.start_craigslist_v1(uuid, text, boolean, boolean, text, timestamptz) to revenue_api, revenue_worker;
