-- The import_leads job starts (or, after a crash, resumes) an import: queued → running,
-- and returns what the job needs to read the file from where the last chunk ended.
create or replace function brain.start_lead_import(p_import_id uuid, p_now timestamptz default now())
returns table (
  account_id uuid,
  status text,
  content text,
  delimiter text,
  column_count integer,
  column_map jsonb,
  source text,
  default_country text,
  rows_total integer,
  rows_done integer
)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_import public.lead_imports;
begin
  if p_import_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_import_id is required';
  end if;
  select i.* into v_import from public.lead_imports i where i.id = p_import_id for update;
  if not found then
    return;
  end if;
  if v_import.status = 'queued' then
    update public.lead_imports i set status = 'running', started_at = p_now
    where i.id = p_import_id
    returning i.* into v_import;
  end if;
  account_id := v_import.account_id;
  status := v_import.status;
  content := v_import.content;
  delimiter := v_import.delimiter;
  column_count := pg_catalog.cardinality(v_import.columns);
  column_map := v_import.column_map;
  source := v_import.source;
  default_country := v_import.default_country;
  rows_total := v_import.rows_total;
  rows_done := v_import.rows_done;
  return next;
end
$$;

comment on function brain.start_lead_import(uuid, timestamptz) is
  'Called by the import_leads job when it starts: a queued import becomes running (started_at = p_now); a running one (a retried job) stays running. Returns the import''s account, status, CSV content, delimiter, header width, column map, default source and country, rows_total and rows_done (the row to resume after). A done or failed import is returned unchanged (content null) so the job can stop; an unknown id returns no row.';

revoke execute on function brain.start_lead_import(uuid, timestamptz) from public;
grant execute on function brain.start_lead_import(uuid, timestamptz) to revenue_worker;
