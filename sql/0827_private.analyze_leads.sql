-- Keeps public.leads quick to search during a bulk import. find_or_create_lead looks a
-- lead up by (account_id, email | phone) and by alternate_emails (a GIN index) for every
-- row; two things make those lookups slow as an import grows the table faster than
-- autovacuum looks at it:
--  * the GIN index's pending list (fastupdate) holds every new entry until it is merged,
--    and every search reads all of it;
--  * stale statistics say the account has almost no leads, so the planner reads all of the
--    account's leads by account_id for every lookup: n rows cost n² row reads.
create or replace function private.analyze_leads(p_analyze boolean default true)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
set lock_timeout = '200ms'
as $$
declare
  v_index regclass;
begin
  for v_index in
    select i.indexrelid::regclass
    from pg_catalog.pg_index i
    join pg_catalog.pg_class c on c.oid = i.indexrelid
    join pg_catalog.pg_am am on am.oid = c.relam
    where i.indrelid = 'public.leads'::regclass and am.amname = 'gin'
    order by i.indexrelid
  loop
    perform pg_catalog.gin_clean_pending_list(v_index);
  end loop;
  if p_analyze then
    analyze public.leads;
  end if;
  return true;
exception when lock_not_available then
  -- A vacuum or another analyze holds the table: the next chunk will try again.
  return false;
end
$$;

comment on function private.analyze_leads(boolean) is
  'Merges the pending lists of public.leads'' GIN indexes (gin_clean_pending_list) and, with p_analyze, runs ANALYZE public.leads so the planner knows how many leads each account has. Called by brain.record_lead_import_chunk after every chunk (analyze when the import''s new leads pass 1000, 2000, 4000, ...). Returns false, having done nothing, when a vacuum or analyze holds the table for 200 ms. Security definer: only the table owner may do either; revenue_worker may call it.';

revoke execute on function private.analyze_leads(boolean) from public;
grant execute on function private.analyze_leads(boolean) to revenue_worker;
