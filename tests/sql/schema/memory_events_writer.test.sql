-- One writer for the lead's memory: every project function records events through
-- brain.record_event, so the table's rules (dedupe per account, defaults) live in one place.
begin;
select plan(3);

create temporary view direct_memory_writers as
select p.oid::regprocedure::text as fn
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname in ('public', 'brain', 'private', 'lead_hunter')
  and p.prosrc ~* 'insert\s+into\s+("?public"?\s*\.\s*)?"?core_memory_events'
  and p.oid <> 'brain.record_event(uuid, uuid, text, text, text, jsonb, text, timestamptz, text, integer)'::regprocedure;

-- TEST: no project function inserts into core_memory_events except brain.record_event.
select is_empty('select fn from direct_memory_writers',
  'only brain.record_event inserts into core_memory_events');

-- TEST: the check recognises a direct insert (brain.record_event itself has one).
select ok(
  (select p.prosrc ~* 'insert\s+into\s+("?public"?\s*\.\s*)?"?core_memory_events'
   from pg_proc p where p.oid = 'brain.record_event(uuid, uuid, text, text, text, jsonb, text, timestamptz, text, integer)'::regprocedure),
  'brain.record_event is recognised as a direct writer');

-- TEST: a new function that writes directly is caught.
create function private.tests_direct_writer() returns void language sql set search_path = '' as $$
  insert into public.core_memory_events (account_id, lead_id, event_type, event_source, direction)
  values (null, null, 'x', 'x', 'internal')
$$;
select results_eq('select fn from direct_memory_writers',
  $$values ('private.tests_direct_writer()')$$,
  'a function inserting into core_memory_events directly is reported');

select finish();
rollback;
