-- Issue 19: pending leads are the enrichment queue; this trigger wakes the worker. Once per
-- statement, every account with a lead that became pending in it gets an enrich_leads job
-- (private.queue_enrichment: one add_jobs call, keyed per account).
--   insert: the statement's new rows (a transition table).
--   update of phone, email: a transition table cannot go with a column list, and a
--   statement trigger on every update of leads would copy each updated row (the dispatch
--   path updates leads); so the leads made pending in this transaction are found through
--   leads_enrichment_requested_idx (enrichment_requested_at = now(), the transaction's start).
create or replace function private.tg_leads__queue_enrichment()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_accounts uuid[];
begin
  if tg_op = 'INSERT' then
    select pg_catalog.array_agg(distinct n.account_id) into v_accounts
    from new_rows n where n.enrichment_status = 'pending';
  else
    select pg_catalog.array_agg(distinct l.account_id) into v_accounts
    from public.leads l
    where l.enrichment_status = 'pending' and l.enrichment_requested_at = pg_catalog.now();
  end if;
  if v_accounts is not null then
    perform private.queue_enrichment(v_accounts);
  end if;
  return null;
end
$$;

comment on function private.tg_leads__queue_enrichment() is
  'Trigger: after each statement that inserts leads, or updates leads'' phone or email, queues enrich_leads for every account with a lead that became pending enrichment (insert: the statement''s new rows; update: the leads whose enrichment was requested in this transaction) through private.queue_enrichment (one add_jobs call, a job_key per account). Security definer: the roles that write leads have no rights on graphile_worker.';

create or replace trigger queue_enrichment_on_insert after insert on public.leads
  referencing new table as new_rows
  for each statement execute function private.tg_leads__queue_enrichment();

create or replace trigger queue_enrichment_on_change after update of phone, email on public.leads
  for each statement execute function private.tg_leads__queue_enrichment();
