-- migrate:up

create schema if not exists lead_hunter;
comment on schema lead_hunter is 'LeadGen programs (seed 001 "Craigslist (US) V0"): the task queue the hunter works from.';
grant usage on schema lead_hunter to revenue_api, revenue_analyst, revenue_worker;

create table lead_hunter.craigslist_tasks_v1 (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  task_type text not null constraint craigslist_tasks_v1_task_type_check check (task_type in ('discover', 'detail')),
  city text not null constraint craigslist_tasks_v1_city_check check (city ~ '^[a-z][a-z0-9]{1,39}$'),
  url text constraint craigslist_tasks_v1_url_check check (length(url) between 1 and 2000),
  external_id text constraint craigslist_tasks_v1_external_id_check check (external_id ~ '^[0-9]{5,20}$'),
  status text not null default 'queued'
    constraint craigslist_tasks_v1_status_check check (status in ('queued', 'claimed', 'done', 'failed', 'canceled')),
  claimed_by text,
  claimed_at timestamptz,
  attempts integer not null default 0 constraint craigslist_tasks_v1_attempts_check check (attempts >= 0),
  max_attempts integer not null default 3 constraint craigslist_tasks_v1_max_attempts_check check (max_attempts between 1 and 20),
  not_before timestamptz not null default now(),
  last_error text,
  result jsonb,
  lead_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint craigslist_tasks_v1_detail_check check (task_type = 'discover' or external_id is not null),
  constraint craigslist_tasks_v1_claim_check check (status <> 'claimed' or (claimed_by is not null and claimed_at is not null))
);
-- Seed 001: detail tasks are DB-deduplicated per account and posting id.
create unique index craigslist_tasks_v1_account_external_id_idx
  on lead_hunter.craigslist_tasks_v1 (account_id, external_id);
create index craigslist_tasks_v1_claimable_idx
  on lead_hunter.craigslist_tasks_v1 (not_before, created_at) where status = 'queued';
create index craigslist_tasks_v1_account_city_created_idx
  on lead_hunter.craigslist_tasks_v1 (account_id, city, created_at desc);
create index craigslist_tasks_v1_created_idx on lead_hunter.craigslist_tasks_v1 (created_at desc);
create index craigslist_tasks_v1_claimed_idx on lead_hunter.craigslist_tasks_v1 (claimed_at) where status = 'claimed';

comment on table lead_hunter.craigslist_tasks_v1 is
  'Craigslist hunter queue (seed 001): discover tasks read a city''s "cars & trucks - by owner" search page and queue one detail task per new posting; detail tasks read one posting and store it as a lead. queued → claimed → done | failed (canceled when the program is stopped).';
comment on column lead_hunter.craigslist_tasks_v1.id is 'Task id.';
comment on column lead_hunter.craigslist_tasks_v1.account_id is 'Account whose LeadGen program it serves.';
comment on column lead_hunter.craigslist_tasks_v1.task_type is 'discover (a city''s search page) or detail (one posting).';
comment on column lead_hunter.craigslist_tasks_v1.city is 'Craigslist site name (miami, orlando, ...).';
comment on column lead_hunter.craigslist_tasks_v1.url is 'Page to open; discover tasks may leave it to the hunter (its CL_BASE_URL and the city).';
comment on column lead_hunter.craigslist_tasks_v1.external_id is 'Posting id (detail tasks); unique per account.';
comment on column lead_hunter.craigslist_tasks_v1.status is 'queued, claimed, done, failed or canceled.';
comment on column lead_hunter.craigslist_tasks_v1.claimed_by is 'WORKER_ID of the hunter holding or last holding it.';
comment on column lead_hunter.craigslist_tasks_v1.claimed_at is 'When it was claimed.';
comment on column lead_hunter.craigslist_tasks_v1.attempts is 'Claims so far.';
comment on column lead_hunter.craigslist_tasks_v1.max_attempts is 'Claims after which a failing task stays failed.';
comment on column lead_hunter.craigslist_tasks_v1.not_before is 'Not to be claimed before this time (backoff after a block).';
comment on column lead_hunter.craigslist_tasks_v1.last_error is 'Failure code of the last attempt: blocked_403, blocked_503, detail_missing_dom, goto_timeout, ...';
comment on column lead_hunter.craigslist_tasks_v1.result is 'What the task found (discover: postings seen and queued; detail: the stored lead''s fields).';
comment on column lead_hunter.craigslist_tasks_v1.lead_id is 'Lead stored by a detail task.';
comment on column lead_hunter.craigslist_tasks_v1.created_at is 'When it was queued (seed 001''s verification queries count by this).';
comment on column lead_hunter.craigslist_tasks_v1.updated_at is 'When the row last changed.';
comment on column lead_hunter.craigslist_tasks_v1.finished_at is 'When it ended done, failed or canceled.';

alter table lead_hunter.craigslist_tasks_v1 enable row level security;
create policy craigslist_tasks_v1_api_tenant on lead_hunter.craigslist_tasks_v1 for all to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy craigslist_tasks_v1_analyst_tenant on lead_hunter.craigslist_tasks_v1 for select to revenue_analyst
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy craigslist_tasks_v1_worker_all on lead_hunter.craigslist_tasks_v1 for all to revenue_worker
  using (true) with check (true);
grant select on lead_hunter.craigslist_tasks_v1 to revenue_api, revenue_analyst;
grant insert, update on lead_hunter.craigslist_tasks_v1 to revenue_api;
grant select, insert, update on lead_hunter.craigslist_tasks_v1 to revenue_worker;

-- migrate:down
drop table if exists lead_hunter.craigslist_tasks_v1;
drop schema if exists lead_hunter;
