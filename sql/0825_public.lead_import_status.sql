-- Progress of one lead import, for the console's progress bar and its rejected-rows table.
create or replace function public.lead_import_status(p_import_id uuid, p_reject_limit integer default 100)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'id', i.id,
    'file_name', i.file_name,
    'status', i.status,
    'rows_total', i.rows_total,
    'rows_done', i.rows_done,
    'rows_imported', i.rows_imported,
    'rows_duplicate', i.rows_duplicate,
    'rows_rejected', i.rows_rejected,
    'leads_enrolled', i.leads_enrolled,
    'percent', case when i.status = 'done' then 100
                    when coalesce(i.rows_total, 0) = 0 then 0
                    else (i.rows_done * 100) / i.rows_total end,
    'campaign_id', i.campaign_id,
    'source', i.source,
    'error', i.error,
    'created_at', i.created_at,
    'started_at', i.started_at,
    'finished_at', i.finished_at,
    'updated_at', i.updated_at,
    'rejects', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('row', r.row_number, 'reasons', pg_catalog.to_jsonb(r.reasons))
                                  order by r.row_number)
      from (select x.row_number, x.reasons
            from public.lead_import_rejects x
            where x.account_id = i.account_id and x.import_id = i.id
            order by x.row_number
            limit least(greatest(coalesce(p_reject_limit, 100), 0), 1000)) r), '[]'::jsonb))
  from public.lead_imports i
  where i.id = p_import_id;
$$;

comment on function public.lead_import_status(uuid, integer) is
  'One lead import''s progress as JSON: id, file_name, status (queued, running, done, failed), rows_total (null until the job has read the file), rows_done, rows_imported, rows_duplicate, rows_rejected, leads_enrolled, percent (0..100, whole number; 100 when done), campaign_id, source, error, created_at, started_at, finished_at, updated_at, and rejects: the first p_reject_limit (default 100, at most 1000) rejected rows [{row, reasons}] in file order. Null when the import does not exist or belongs to another account (runs with the caller''s rights: row-level security).';

revoke execute on function public.lead_import_status(uuid, integer) from public;
grant execute on function public.lead_import_status(uuid, integer) to revenue_api, revenue_analyst;
