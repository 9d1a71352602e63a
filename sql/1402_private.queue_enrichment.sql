-- Issue 19: queues one enrich_leads job per account, keyed by the account
-- (job_key enrich_leads:<account_id>), with one graphile_worker.add_jobs call. An account
-- already queued earlier in the same transaction is not queued again (a CSV import inserts
-- its leads one statement at a time, all in one transaction per chunk).
create or replace function private.queue_enrichment(p_account_ids uuid[])
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
               10, 'enrich_leads:' || a::text, null, null)::graphile_worker.job_spec
    from pg_catalog.unnest(v_new) a));
  -- Transaction-local: a rolled-back (sub)transaction forgets it along with its jobs.
  perform pg_catalog.set_config('revenue.enrichment_queued', v_seen || pg_catalog.array_to_string(v_new, ',') || ',', true);
  return pg_catalog.cardinality(v_new);
end
$$;

comment on function private.queue_enrichment(uuid[]) is
  'Queues graphile_worker job enrich_leads {account_id} (job_key enrich_leads:<account_id>, max 10 attempts) for each account given, with one add_jobs call; accounts already queued in this transaction are skipped (transaction-local setting revenue.enrichment_queued). A job that is running keeps running and a new one is queued after it (graphile-worker clears a locked job''s key). Returns how many accounts were queued. Security definer: the roles that insert leads have no rights on graphile_worker.';

revoke execute on function private.queue_enrichment(uuid[]) from public;
