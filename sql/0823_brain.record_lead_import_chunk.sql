-- One chunk of a lead import, in one transaction: the valid rows go through
-- find_or_create_lead, the refused rows are recorded with their reasons, and the cursor
-- (rows_done) advances with them. A chunk whose starting cursor is no longer the
-- import's is not applied, so a retried or duplicated job never imports a row twice.
create or replace function brain.record_lead_import_chunk(
  p_import_id uuid,
  p_rows_done_before integer,
  p_rows_total integer,
  p_rows jsonb,
  p_now timestamptz default now()
)
returns table (status text, rows_done integer, applied boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_import public.lead_imports;
  v_count integer;
  v_bad text;
  v_refused jsonb := '{}'::jsonb;
  v_pos bigint;
  v_item record;
  v_result record;
  v_imported integer;
  v_duplicate integer;
  v_lead_ids uuid[];
  v_message text;
  v_detail text;
  v_enrolled bigint := 0;
begin
  if p_import_id is null or p_rows_done_before is null or p_rows_total is null then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = 'p_import_id, p_rows_done_before and p_rows_total are required';
  end if;
  if p_rows is null or pg_catalog.jsonb_typeof(p_rows) <> 'array' then
    raise exception using errcode = '22023', message = 'invalid_chunk', detail = 'p_rows must be a JSON array';
  end if;
  v_count := pg_catalog.jsonb_array_length(p_rows);
  if v_count not between 1 and 5000 then
    raise exception using errcode = '22023', message = 'invalid_chunk', detail = 'a chunk has 1 to 5000 rows';
  end if;
  -- Each item: {"row": n, "lead": {...}} to import, or {"row": n, "raw": [...], "reasons": [...]} refused.
  select pg_catalog.format('item %s', e.ord) into v_bad
  from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
  where not coalesce(case
          when pg_catalog.jsonb_typeof(e.item) is distinct from 'object' then false
          when pg_catalog.jsonb_typeof(e.item -> 'row') is distinct from 'number' then false
          when (e.item ->> 'row')::numeric < 2 or (e.item ->> 'row')::numeric > 2147483647
               or (e.item ->> 'row')::numeric <> pg_catalog.trunc((e.item ->> 'row')::numeric) then false
          when e.item ? 'lead' then pg_catalog.jsonb_typeof(e.item -> 'lead') = 'object'
          else pg_catalog.jsonb_typeof(e.item -> 'raw') = 'array'
               and pg_catalog.jsonb_typeof(e.item -> 'reasons') = 'array'
               and pg_catalog.jsonb_array_length(e.item -> 'reasons') > 0
        end, false)
  order by e.ord
  limit 1;
  if v_bad is not null then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('%s must be {row, lead} or {row, raw, reasons}, row a whole number from 2 (the header is row 1)', v_bad);
  end if;

  select i.* into v_import from public.lead_imports i where i.id = p_import_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_import_not_found',
      detail = pg_catalog.format('no lead import %s', p_import_id);
  end if;
  -- Done, failed, or already past this chunk (a retry or a second copy of the job).
  if v_import.status <> 'running' or v_import.rows_done <> p_rows_done_before then
    status := v_import.status;
    rows_done := v_import.rows_done;
    applied := false;
    return next;
    return;
  end if;
  if p_rows_total not between 0 and 200000
     or (v_import.rows_total is not null and v_import.rows_total <> p_rows_total) then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('rows_total %s does not match the %s already recorded for this import (limit 200000)',
                                 p_rows_total, v_import.rows_total);
  end if;
  if p_rows_done_before + v_count > p_rows_total then
    raise exception using errcode = '22023', message = 'invalid_chunk',
      detail = pg_catalog.format('rows %s to %s are past the end of the file (%s rows)',
                                 p_rows_done_before + 1, p_rows_done_before + v_count, p_rows_total);
  end if;

  -- lead_events name the import as the actor.
  perform pg_catalog.set_config('app.actor', 'lead_import:' || p_import_id::text, true);

  -- Import the valid rows. find_or_create_lead may still refuse one (e.g. a time zone the
  -- server does not know): the whole pass is then undone, that row is recorded as refused,
  -- and the pass is repeated without it. One subtransaction per pass, not one per row.
  loop
    begin
      v_imported := 0;
      v_duplicate := 0;
      v_lead_ids := '{}';
      for v_item in
        select e.ord, e.item -> 'lead' as lead
        from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
        where e.item ? 'lead' and not v_refused ? e.ord::text
        order by e.ord
      loop
        v_pos := v_item.ord;
        select r.lead_id, r.created into v_result
        from public.find_or_create_lead(v_import.account_id, v_item.lead) r;
        if v_result.created then
          v_imported := v_imported + 1;
        else
          v_duplicate := v_duplicate + 1;
        end if;
        v_lead_ids := v_lead_ids || v_result.lead_id;
      end loop;
      v_pos := null;
      exit;
    exception when data_exception or check_violation or not_null_violation then
      if v_pos is null then
        raise;
      end if;
      get stacked diagnostics v_message = message_text, v_detail = pg_exception_detail;
      v_refused := v_refused || pg_catalog.jsonb_build_object(
        v_pos::text,
        'refused by the database: ' || case when nullif(v_detail, '') is null then v_message else v_detail end);
      v_pos := null;
    end;
  end loop;

  insert into public.lead_import_rejects (account_id, import_id, row_number, raw, reasons, created_at)
  select v_import.account_id, p_import_id, (e.item ->> 'row')::integer,
         case when e.item ? 'lead' then coalesce(e.item -> 'raw', '[]'::jsonb) else e.item -> 'raw' end,
         case when e.item ? 'lead' then array[v_refused ->> e.ord::text]
              else array(select pg_catalog.jsonb_array_elements_text(e.item -> 'reasons')) end,
         p_now
  from pg_catalog.jsonb_array_elements(p_rows) with ordinality as e(item, ord)
  where not e.item ? 'lead' or v_refused ? e.ord::text;

  if v_import.campaign_id is not null and pg_catalog.cardinality(v_lead_ids) > 0
     and exists (select 1 from public.campaign_steps s where s.campaign_id = v_import.campaign_id and s.step = 1) then
    select r.enrolled into v_enrolled
    from public.enroll_leads(v_import.campaign_id, pg_catalog.jsonb_build_object('lead_ids', pg_catalog.to_jsonb(v_lead_ids)),
                             false, p_now) r;
  end if;

  update public.lead_imports i set
    rows_total = p_rows_total,
    rows_done = i.rows_done + v_count,
    rows_imported = i.rows_imported + v_imported,
    rows_duplicate = i.rows_duplicate + v_duplicate,
    rows_rejected = i.rows_rejected + (v_count - v_imported - v_duplicate),
    leads_enrolled = i.leads_enrolled + coalesce(v_enrolled, 0)::integer
  where i.id = p_import_id
  returning i.status, i.rows_done into status, rows_done;

  -- Keep find_or_create_lead's lookups index lookups as the account grows: merge the
  -- GIN pending list after every chunk that created leads, and refresh the planner's
  -- statistics when this import's new leads pass 1000, 2000, 4000, ...
  if v_imported > 0 then
    perform private.analyze_leads(exists (
      select 1 from pg_catalog.generate_series(0, 10) k
      where v_import.rows_imported < 1000 * 2 ^ k and v_import.rows_imported + v_imported >= 1000 * 2 ^ k));
  end if;
  applied := true;
  return next;
end
$$;

comment on function brain.record_lead_import_chunk(uuid, integer, integer, jsonb, timestamptz) is
$c$Called by the import_leads job for each chunk of a running import (p_rows: up to 5000 items in file order, each {"row": n, "lead": {...find_or_create_lead keys}} to import or {"row": n, "raw": [fields], "reasons": [sentences]} refused by the job's validation; row numbers count the header as row 1).
In one transaction: every lead goes through public.find_or_create_lead (created → rows_imported, matched → rows_duplicate, lead_events actor lead_import:<id>); a lead the function refuses (22xxx/23514) is recorded as rejected with its reason instead; refused items are stored in lead_import_rejects; imported and matched leads are enrolled in the import's campaign (public.enroll_leads) when it has one; rows_total is set and rows_done (the cursor) advances by the chunk's size. After a chunk that created leads, private.analyze_leads merges the GIN pending list of leads and, when the import's new leads pass 1000, 2000, 4000, ..., refreshes the planner statistics, so lookups stay index lookups as the account grows.
Applied only when the import is running and rows_done equals p_rows_done_before; otherwise nothing changes and applied is false (a retried or duplicated job re-reads rows_done and continues from there). Returns (status, rows_done, applied).
Errors (nothing changes): 22023 invalid_chunk (malformed items, rows_total different from the recorded one or above 200000, rows past the end); P0002 lead_import_not_found.$c$;

revoke execute on function brain.record_lead_import_chunk(uuid, integer, integer, jsonb, timestamptz) from public;
grant execute on function brain.record_lead_import_chunk(uuid, integer, integer, jsonb, timestamptz) to revenue_worker;
