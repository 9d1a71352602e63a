-- Every stored lead import gets one import_leads job, queued by the database in the
-- same transaction as the upload, keyed by the import.
create or replace function private.tg_lead_imports__enqueue_import()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- One queue per account: an account's imports run one after another, so two files
  -- with the same leads never contend for find_or_create_lead's locks.
  perform graphile_worker.add_jobs(array(
    select row('import_leads', pg_catalog.json_build_object('import_id', n.id), 'import_leads:' || n.account_id::text,
               null, 5, 'import_leads:' || n.id::text, null, null)::graphile_worker.job_spec
    from new_rows n
    where n.status = 'queued'));
  return null;
end
$$;

comment on function private.tg_lead_imports__enqueue_import() is
  'Trigger: queues graphile_worker job import_leads {import_id} (queue import_leads:<account_id>, so one import per account runs at a time; max 5 attempts; job_key import_leads:<id>) for every inserted queued lead import, once per statement. Security definer: uploads run as revenue_api, which has no rights on graphile_worker.';

create or replace trigger enqueue_import after insert on public.lead_imports
  referencing new table as new_rows
  for each statement execute function private.tg_lead_imports__enqueue_import();
