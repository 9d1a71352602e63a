-- migrate:up

-- CSV lead imports (issue 6, console "Leads → Import"). The request stores the file
-- here and returns at once; the import_leads job reads it from here (nothing depends on
-- local files), imports it in chunks and records its progress and rejected rows.
create table public.lead_imports (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  created_by uuid references public.users (id) on delete set null,
  file_name text not null constraint lead_imports_file_name_check check (length(file_name) between 1 and 255),
  status text not null default 'queued'
    constraint lead_imports_status_check check (status in ('queued', 'running', 'done', 'failed')),
  content text,
  content_bytes integer not null constraint lead_imports_content_bytes_check check (content_bytes between 1 and 20971520),
  delimiter text not null default ','
    constraint lead_imports_delimiter_check check (delimiter in (',', ';', E'\t')),
  columns text[] not null constraint lead_imports_columns_check check (cardinality(columns) between 1 and 500),
  column_map jsonb not null constraint lead_imports_column_map_check check (jsonb_typeof(column_map) = 'object'),
  source text not null default 'csv_import'
    constraint lead_imports_source_check check (source ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
  default_country text not null default 'US'
    constraint lead_imports_default_country_check check (default_country ~ '^[A-Z]{2}$'),
  campaign_id uuid,
  rows_total integer constraint lead_imports_rows_total_check check (rows_total between 0 and 200000),
  rows_done integer not null default 0,
  rows_imported integer not null default 0 constraint lead_imports_rows_imported_check check (rows_imported >= 0),
  rows_duplicate integer not null default 0 constraint lead_imports_rows_duplicate_check check (rows_duplicate >= 0),
  rows_rejected integer not null default 0 constraint lead_imports_rows_rejected_check check (rows_rejected >= 0),
  leads_enrolled integer not null default 0 constraint lead_imports_leads_enrolled_check check (leads_enrolled >= 0),
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint lead_imports_account_id_id_key unique (account_id, id),
  constraint lead_imports_campaign_fkey foreign key (account_id, campaign_id)
    references public.campaigns (account_id, id) on delete set null (campaign_id),
  -- Every row processed is exactly one of imported, duplicate or rejected.
  constraint lead_imports_rows_done_check
    check (rows_done = rows_imported + rows_duplicate + rows_rejected and rows_done <= coalesce(rows_total, 0)),
  constraint lead_imports_done_check
    check (status <> 'done' or (rows_done = rows_total and finished_at is not null and content is null)),
  constraint lead_imports_failed_check
    check (status <> 'failed' or (error is not null and finished_at is not null and content is null)),
  constraint lead_imports_open_check
    check (status not in ('queued', 'running') or content is not null)
);
create index lead_imports_account_created_idx on public.lead_imports (account_id, created_at desc);

comment on table public.lead_imports is
  'CSV lead imports: one row per uploaded file. queued (stored, job import_leads queued) → running → done | failed. Rows are imported in chunks through find_or_create_lead; rows_done, the cursor, advances in the same transaction as each chunk, so a retried job resumes where the last committed chunk ended and never imports a row twice.';
comment on column public.lead_imports.id is 'Import id.';
comment on column public.lead_imports.account_id is 'Account the leads are imported into.';
comment on column public.lead_imports.created_by is 'User who uploaded the file.';
comment on column public.lead_imports.file_name is 'File name as uploaded (for display only).';
comment on column public.lead_imports.status is 'queued, running, done or failed.';
comment on column public.lead_imports.content is 'The CSV text (decoded to UTF-8) until the import ends; cleared when it is done or failed, so lead data is not kept twice.';
comment on column public.lead_imports.content_bytes is 'Size of the uploaded file in bytes (at most 20 MiB).';
comment on column public.lead_imports.delimiter is 'Field delimiter read from the header line: comma, semicolon or tab.';
comment on column public.lead_imports.columns is 'The header row as read from the file.';
comment on column public.lead_imports.column_map is 'Lead field → zero-based column index, e.g. {"phone": 2, "email": 3}, from the header (names are matched case-insensitively, with aliases).';
comment on column public.lead_imports.source is 'Lead source used for rows without a source column value.';
comment on column public.lead_imports.default_country is 'Country (ISO 3166-1 alpha-2) in which national phone numbers of rows without a country are read.';
comment on column public.lead_imports.campaign_id is 'Campaign the imported leads are enrolled in (as public.enroll_leads would), or null.';
comment on column public.lead_imports.rows_total is 'Data rows in the file (blank lines excluded); null until the job has read it.';
comment on column public.lead_imports.rows_done is 'Data rows processed so far (imported + duplicate + rejected): the progress bar and the resume cursor.';
comment on column public.lead_imports.rows_imported is 'Rows that created a new lead.';
comment on column public.lead_imports.rows_duplicate is 'Rows that matched an existing lead (also one earlier in the same file); missing fields of that lead were filled in.';
comment on column public.lead_imports.rows_rejected is 'Rows refused; each has a lead_import_rejects row with its reasons.';
comment on column public.lead_imports.leads_enrolled is 'Leads enrolled in campaign_id by this import.';
comment on column public.lead_imports.error is 'Why the import failed (a sentence for the operator), when status is failed.';
comment on column public.lead_imports.created_at is 'When the file was uploaded.';
comment on column public.lead_imports.started_at is 'When the job first started on it.';
comment on column public.lead_imports.finished_at is 'When it ended done or failed.';
comment on column public.lead_imports.updated_at is 'When the row last changed (a running import that stops changing is stalled).';

-- Rejected rows, with the row as read and every reason it was refused.
create table public.lead_import_rejects (
  account_id uuid not null,
  import_id uuid not null,
  row_number integer not null constraint lead_import_rejects_row_number_check check (row_number >= 2),
  raw jsonb not null constraint lead_import_rejects_raw_check check (jsonb_typeof(raw) = 'array'),
  reasons text[] not null constraint lead_import_rejects_reasons_check check (cardinality(reasons) >= 1),
  created_at timestamptz not null default now(),
  primary key (account_id, import_id, row_number),
  constraint lead_import_rejects_import_fkey foreign key (account_id, import_id)
    references public.lead_imports (account_id, id) on delete cascade
);
comment on table public.lead_import_rejects is 'Rows of a lead import that were not imported, with readable reasons (bad phone, bad email, no contact, wrong number of fields, ...).';
comment on column public.lead_import_rejects.account_id is 'Owning account.';
comment on column public.lead_import_rejects.import_id is 'The import.';
comment on column public.lead_import_rejects.row_number is 'Row in the file as a spreadsheet numbers it: the header is row 1, the first data row is row 2 (a quoted field spanning lines is still one row).';
comment on column public.lead_import_rejects.raw is 'The row''s fields as read (a JSON array of strings, in header order; long values cut).';
comment on column public.lead_import_rejects.reasons is 'Why the row was refused, one sentence per problem (e.g. "phone: not a valid phone number (too_short)").';
comment on column public.lead_import_rejects.created_at is 'When it was recorded.';

do $$
declare
  v_table text;
begin
  foreach v_table in array array['lead_imports', 'lead_import_rejects'] loop
    execute format('alter table public.%I enable row level security', v_table);
    execute format(
      'create policy %I on public.%I for all to revenue_api using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid) with check (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_api_tenant', v_table);
    execute format(
      'create policy %I on public.%I for select to revenue_analyst using (account_id = nullif(pg_catalog.current_setting(''app.account_id'', true), '''')::uuid)',
      v_table || '_analyst_tenant', v_table);
    execute format('create policy %I on public.%I for all to revenue_worker using (true) with check (true)',
      v_table || '_worker_all', v_table);
  end loop;
end
$$;

-- The API uploads (public.create_lead_import) and reads progress; only the worker imports.
grant select, insert on public.lead_imports to revenue_api;
grant select on public.lead_import_rejects to revenue_api;
-- Analysts read progress and rejects, not the stored file.
grant select (id, account_id, created_by, file_name, status, content_bytes, delimiter, columns, column_map, source,
              default_country, campaign_id, rows_total, rows_done, rows_imported, rows_duplicate, rows_rejected,
              leads_enrolled, error, created_at, started_at, finished_at, updated_at)
  on public.lead_imports to revenue_analyst;
grant select on public.lead_import_rejects to revenue_analyst;
grant select, update on public.lead_imports to revenue_worker;
grant select, insert on public.lead_import_rejects to revenue_worker;

-- migrate:down
drop table if exists public.lead_import_rejects;
drop table if exists public.lead_imports;
