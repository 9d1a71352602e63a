create or replace function lead_hunter.complete_detail_v1(
  p_task_id uuid,
  p_worker_id text,
  p_listing jsonb,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_task lead_hunter.craigslist_tasks_v1;
  v_lead record;
  v_posted timestamptz;
  v_attributes jsonb;
  v_result jsonb;
begin
  select t.* into v_task from lead_hunter.craigslist_tasks_v1 t where t.id = p_task_id for update;
  if not found or v_task.task_type <> 'detail' then
    raise exception using errcode = 'P0002', message = 'task_not_found', detail = pg_catalog.format('no detail task %s', p_task_id);
  end if;
  if v_task.status = 'done' then
    return v_task.result;
  end if;
  if v_task.status <> 'claimed' or v_task.claimed_by is distinct from p_worker_id then
    raise exception using errcode = 'P0001', message = 'task_not_claimed',
      detail = pg_catalog.format('task %s is %s and not claimed by %s', p_task_id, v_task.status, p_worker_id);
  end if;
  if pg_catalog.jsonb_typeof(p_listing) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the listing must be a JSON object';
  end if;

  begin
    v_posted := (p_listing ->> 'posted_at')::timestamptz;
  exception when others then
    v_posted := null;
  end;
  v_attributes := pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'title', p_listing ->> 'title',
    'price', p_listing -> 'price',
    'location', p_listing ->> 'location',
    'body', p_listing ->> 'body',
    'posted_at', v_posted,
    'url', coalesce(p_listing ->> 'url', v_task.url),
    'vehicle', case when pg_catalog.jsonb_typeof(p_listing -> 'vehicle') = 'object' then p_listing -> 'vehicle' end,
    'contact_name', p_listing ->> 'contact_name'));

  -- The unique key (account_id, source, external_id) makes a second lead for the posting impossible.
  select * into v_lead from public.find_or_create_lead(v_task.account_id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'source', 'craigslist',
    'external_id', v_task.external_id,
    'country', 'US',
    'city', coalesce(nullif(p_listing ->> 'city', ''), v_task.city),
    'phone', nullif(p_listing ->> 'phone', ''),
    'email', nullif(p_listing ->> 'email', ''),
    'first_name', nullif(p_listing ->> 'contact_name', ''),
    'first_seen_at', p_now,
    'attributes', v_attributes)));

  v_result := pg_catalog.jsonb_build_object('lead_id', v_lead.lead_id, 'matched_by', v_lead.matched_by, 'created', v_lead.created);
  update lead_hunter.craigslist_tasks_v1
  set status = 'done', finished_at = p_now, last_error = null, lead_id = v_lead.lead_id, result = v_result
  where id = p_task_id;
  return v_result;
end
$$;

comment on function lead_hunter.complete_detail_v1(uuid, text, jsonb, timestamptz) is
  'Finishes a detail task by storing its posting as a lead through find_or_create_lead: source craigslist, country US, the city, external_id = posting id, first_seen_at = when the hunter read it (the posting time stays in attributes.posted_at), and the listing (title, price, location, body, vehicle attributes, contact) in attributes; phone and email when the page shows them. Never a duplicate: the unique (account_id, source, external_id) key guarantees it and finishing a done task again returns its result and changes nothing.';

revoke execute on function lead_hunter.complete_detail_v1(uuid, text, jsonb, timestamptz) from public;
grant execute on function lead_hunter.complete_detail_v1(uuid, text, jsonb, timestamptz) to revenue_worker;
