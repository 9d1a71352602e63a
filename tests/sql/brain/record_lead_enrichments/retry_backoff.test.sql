-- A retry's back-off is decided here, from the lead's attempts (the task names none):
-- 30 s after the first attempt, doubling with each attempt, at most 10 minutes.
begin;
select plan(4);

select tests.create_account('A') as a \gset
select tests.create_lead(:'a', '+13055550201') as l \gset

create function pg_temp.attempt_then_retry(p_account uuid, p_lead uuid, p_at timestamptz) returns timestamptz language plpgsql as $$
declare v_lease timestamptz;
begin
  select c.lease_until into v_lease from brain.claim_lead_enrichments(p_account, 10, '5 minutes', 100, p_at) c where c.lead_id = p_lead;
  perform brain.record_lead_enrichments(p_account, pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'lead_id', p_lead, 'lease_until', v_lease, 'outcome', 'retry', 'reason', 'Twilio Lookup did not answer')), p_at);
  return (select enrichment_lease_until from public.leads where id = p_lead);
end $$;

select is(pg_temp.attempt_then_retry(:'a', :'l', '2026-03-01 10:00:00+00'), '2026-03-01 10:00:30+00'::timestamptz, 'attempt 1: 30 s');
select is(pg_temp.attempt_then_retry(:'a', :'l', '2026-03-01 10:01:00+00'), '2026-03-01 10:02:00+00'::timestamptz, 'attempt 2: 60 s');
select is(pg_temp.attempt_then_retry(:'a', :'l', '2026-03-01 10:03:00+00'), '2026-03-01 10:05:00+00'::timestamptz, 'attempt 3: 120 s');
update public.leads set enrichment_attempts = 9, enrichment_lease_until = null where id = :'l';
select is(pg_temp.attempt_then_retry(:'a', :'l', '2026-03-01 11:00:00+00'), '2026-03-01 11:10:00+00'::timestamptz, 'attempt 10: at most 10 minutes');

select * from finish();
rollback;
