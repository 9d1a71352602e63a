-- Issue 19: the crontab's sweep (enrich_leads_sweep, every minute): an account whose
-- pending leads wait with no job (a job that failed for good, a worker that died, a retry
-- whose back-off has passed) gets its enrich_leads job again.
create or replace function brain.queue_pending_enrichments(p_now timestamptz default now())
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_accounts uuid[];
begin
  select pg_catalog.array_agg(a.id) into v_accounts
  from public.accounts a
  where exists (select 1 from public.leads l
                where l.account_id = a.id and l.enrichment_status = 'pending'
                  and (l.enrichment_lease_until is null or l.enrichment_lease_until <= p_now));
  if v_accounts is null then
    return 0;
  end if;
  return private.queue_enrichment(v_accounts, true);
end
$$;

comment on function brain.queue_pending_enrichments(timestamptz) is
  'The crontab''s enrichment sweep (enrich_leads_sweep, every minute): queues enrich_leads (private.queue_enrichment, keyed enrich_leads:<account_id> so sweeps do not pile up) for each account with a pending lead that no worker holds (no lease, or its lease or retry back-off has passed). Returns how many accounts were queued. Security definer: the worker has no rights on graphile_worker.';

revoke execute on function brain.queue_pending_enrichments(timestamptz) from public;
grant execute on function brain.queue_pending_enrichments(timestamptz) to revenue_worker;
