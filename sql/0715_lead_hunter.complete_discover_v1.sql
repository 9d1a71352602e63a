create or replace function lead_hunter.complete_discover_v1(
  p_task_id uuid,
  p_worker_id text,
  p_postings jsonb,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_queued integer;
  v_seen integer;
begin
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found or v_task.task_type <> 'discover' then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no discover task %s', p_task_id);
  end if;
  if v_task.status = 'done' then
    return v_task.result;
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  if pg_catalog.jsonb_typeof(p_postings) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'postings must be a JSON array';
  end if;

  with postings as (
    select distinct on (p ->> 'external_id') p ->> 'external_id' as external_id, p ->> 'url' as url
    from pg_catalog.jsonb_array_elements(p_postings) p
    where p ->> 'external_id' ~ '^[0-9]{5,20}$'
  ), inserted as (
    insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city, url, external_id)
    select v_task.account_id, 'detail', v_task.city, p.url, p.external_id
    from postings p
    -- A posting already stored as a lead needs no detail task either.
    where not exists (select 1 from public.leads l
                      where l.account_id = v_task.account_id and l.source = 'craigslist' and l.external_id = p.external_id)
    on conflict (account_id, external_id) do nothing
    returning 1
  )
  select (select count(*) from postings), (select count(*) from inserted) into v_seen, v_queued;

  update lead_hunter.craigslist_tasks_v1
  set status = 'done', finished_at = p_now, last_error = null,
      result = pg_catalog.jsonb_build_object('postings_seen', v_seen, 'detail_tasks_queued', v_queued)
  where id = p_task_id;
  return pg_catalog.jsonb_build_object('postings_seen', v_seen, 'detail_tasks_queued', v_queued);
end
$$;

comment on function lead_hunter.complete_discover_v1(uuid, text, jsonb, timestamptz) is
  'Finishes a discover task: queues one detail task per posting [{external_id, url}] not seen before (the unique (account_id, external_id) index makes duplicates impossible; postings already stored as leads are skipped). Only the hunter holding the claim may finish it; finishing a done task again returns its result and changes nothing.';

revoke execute on function lead_hunter.complete_discover_v1(uuid, text, jsonb, timestamptz) from public;
grant execute on function lead_hunter.complete_discover_v1(uuid, text, jsonb, timestamptz) to revenue_worker;
