-- The account's recent lead imports, newest first, for the console's import list.
create or replace function public.list_lead_imports(p_limit integer default 20)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
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
    'error', i.error,
    'created_by', i.created_by,
    'created_at', i.created_at,
    'finished_at', i.finished_at) order by i.created_at desc, i.id), '[]'::jsonb)
  from (select x.id, x.file_name, x.status, x.rows_total, x.rows_done, x.rows_imported, x.rows_duplicate,
               x.rows_rejected, x.leads_enrolled, x.error, x.created_by, x.created_at, x.finished_at
        from public.lead_imports x
        order by x.created_at desc, x.id
        limit least(greatest(coalesce(p_limit, 20), 1), 100)) i;
$$;

comment on function public.list_lead_imports(integer) is
  'The caller''s account''s most recent lead imports (p_limit, default 20, at most 100), newest first, as a JSON array of {id, file_name, status, rows_total, rows_done, rows_imported, rows_duplicate, rows_rejected, leads_enrolled, percent, error, created_by, created_at, finished_at}. Runs with the caller''s rights: row-level security limits it to app.account_id''s imports (none when it is unset).';

revoke execute on function public.list_lead_imports(integer) from public;
grant execute on function public.list_lead_imports(integer) to revenue_api, revenue_analyst;
