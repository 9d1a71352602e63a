-- The import_leads job ends an import: done when every row has been processed, or
-- failed with a sentence for the operator. The stored file is cleared either way.
create or replace function brain.finish_lead_import(
  p_import_id uuid,
  p_rows_total integer,
  p_error text default null,
  p_now timestamptz default now()
)
returns text
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
    raise exception using errcode = 'P0002', message = 'lead_import_not_found',
      detail = pg_catalog.format('no lead import %s', p_import_id);
  end if;
  -- Already ended (a retried job): nothing changes.
  if v_import.status in ('done', 'failed') then
    return v_import.status;
  end if;

  if nullif(pg_catalog.btrim(p_error), '') is not null then
    update public.lead_imports i set
      status = 'failed',
      error = pg_catalog.left(pg_catalog.btrim(p_error), 1000),
      content = null,
      finished_at = p_now,
      started_at = coalesce(i.started_at, p_now)
    where i.id = p_import_id;
    return 'failed';
  end if;

  if p_rows_total is null or p_rows_total not between 0 and 200000
     or (v_import.rows_total is not null and v_import.rows_total <> p_rows_total) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('rows_total %s does not match the %s recorded for this import (limit 200000)',
                                 p_rows_total, v_import.rows_total);
  end if;
  if v_import.rows_done <> p_rows_total then
    raise exception using errcode = '22023', message = 'lead_import_incomplete',
      detail = pg_catalog.format('%s of %s rows have been processed', v_import.rows_done, p_rows_total);
  end if;
  update public.lead_imports i set
    status = 'done',
    rows_total = p_rows_total,
    content = null,
    finished_at = p_now,
    started_at = coalesce(i.started_at, p_now)
  where i.id = p_import_id;
  return 'done';
end
$$;

comment on function brain.finish_lead_import(uuid, integer, text, timestamptz) is
  'Ends a lead import and returns its status. With p_error (a sentence for the operator, e.g. the file has too many rows): failed, error = p_error. Without: done, which requires every one of p_rows_total rows to have been processed (rows_done = p_rows_total; 0 for a file with only a header). Either way the stored file is cleared and finished_at = p_now. An import already done or failed is left as it is (a retried job). Errors: 22023 lead_import_incomplete (rows remain) or invalid_argument (rows_total differs from the recorded one); P0002 lead_import_not_found.';

revoke execute on function brain.finish_lead_import(uuid, integer, text, timestamptz) from public;
grant execute on function brain.finish_lead_import(uuid, integer, text, timestamptz) to revenue_worker;
