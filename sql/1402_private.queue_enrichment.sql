-- Issue 19: queues one enrich_leads job per account with one graphile_worker.add_jobs call.
-- An account already queued earlier in the same transaction is not queued again (a CSV
-- import inserts its leads one statement at a time, all in one transaction per chunk).
--
-- No job key on this path. It runs inside the transactions that insert or change leads (the
-- receipts drain, an import chunk, a person's edit), and a job key is an upsert on one jobs
-- row per account: concurrent transactions of the account would queue behind each other's
-- commits on it, and deadlock against their own lead-row locks. Unkeyed jobs only insert.
-- A job with nothing left to claim ends at once (brain.claim_lead_enrichments skips what
-- another holds), so an extra job costs one empty claim. The crontab's sweep
-- (brain.queue_pending_enrichments), which runs in its own transaction, passes a key.
create or replace function private.queue_enrichment(p_account_ids uuid[], p_keyed boolean default false)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_seen text := coalesce(pg_catalog.current_setting('revenue.enrichment_queued', true), '');
  v_new uuid[];
begin
  select coalesce(pg_catalog.array_agg(distinct a), '{}') into v_new
  from pg_catalog.unnest(p_account_ids) a
  where a is not null and pg_catalog.strpos(v_seen, a::text) = 0;
  if pg_catalog.cardinality(v_new) = 0 then
    return 0;
  end if;
  perform graphile_worker.add_jobs(array(
    select row('enrich_leads', pg_catalog.json_build_object('account_id', a), null, null,
               10, case when p_keyed then 'enrich_leads:' || a::text end, null, null)::graphile_worker.job_spec
    from pg_catalog.unnest(v_new) a));
  -- Transaction-local: a rolled-back (sub)transaction forgets it along with its jobs.
  perform pg_catalog.set_config('revenue.enrichment_queued', v_seen || pg_catalog.array_to_string(v_new, ',') || ',', true);
  return pg_catalog.cardinality(v_new);
end
$$;

comment on function private.queue_enrichment(uuid[], boolean) is
  'Queues graphile_worker job enrich_leads {account_id} (max 10 attempts) for each account given, with one add_jobs call; accounts already queued in this transaction are skipped (transaction-local setting revenue.enrichment_queued). Unkeyed by default: the triggers call it inside the transactions that insert or change leads, where a per-account job key (an upsert on one jobs row) would make concurrent transactions of an account wait on each other''s commits and deadlock against their lead-row locks; a job with nothing left to claim ends at once. p_keyed (the crontab''s sweep, in its own transaction) keys the job enrich_leads:<account_id>, so sweeps do not pile up jobs. Returns how many accounts were queued. Security definer: the roles that insert leads have no rights on graphile_worker.';

revoke execute on function private.queue_enrichment(uuid[], boolean) from public;
