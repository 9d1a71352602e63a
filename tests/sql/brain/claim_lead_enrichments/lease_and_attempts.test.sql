-- The claim takes an account's pending leads, oldest first, under a lease: a leased lead is
-- not taken again until its lease passes (a dead worker); each claim is an attempt, and a
-- lead whose attempts are used up becomes failed with its last reason. The caches' answers
-- come with the leads.
begin;
select plan(14);

select tests.create_account('A') as a \gset
select tests.create_account('B') as b \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_lead(:'a', null, 'cy@mail.example.org') as l3 \gset
select tests.create_lead(:'b', '+13055550103') as lb \gset
update public.leads set enrichment_requested_at = case id when :'l1' then '2026-03-01 10:00+00'::timestamptz
  when :'l2' then '2026-03-01 10:01+00' when :'l3' then '2026-03-01 10:02+00' else '2026-03-01 10:00+00' end
where account_id in (:'a', :'b');

set local role revenue_worker;

-- TEST: oldest first, up to the limit, leased, one attempt each.
select results_eq(
  format($$select lead_id, attempt, lease_until from brain.claim_lead_enrichments(%L, 2, '5 minutes', 5, '2026-03-01 10:10+00')$$, :'a'),
  format($$values (%L::uuid, 1, '2026-03-01 10:15+00'::timestamptz), (%L::uuid, 1, '2026-03-01 10:15+00'::timestamptz)$$, :'l1', :'l2'),
  'the two oldest, attempt 1, leased for 5 minutes');

-- TEST: a leased lead is not taken again while its lease holds.
select results_eq(format($$select lead_id from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:11+00')$$, :'a'),
  format($$values (%L::uuid)$$, :'l3'), 'only the lead no lease holds');
select is_empty(format($$select * from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:12+00')$$, :'a'), 'nothing left to claim');

-- TEST: another account's leads are never claimed.
select results_eq(format($$select lead_id from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:12+00')$$, :'b'),
  format($$values (%L::uuid)$$, :'lb'), 'account B gets its own lead only');

-- TEST: a lease that passed (a dead worker) is taken again, as a new attempt.
select results_eq(format($$select lead_id, attempt from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:15:30+00')$$, :'a'),
  format($$values (%L::uuid, 2), (%L::uuid, 2)$$, :'l1', :'l2'), 'both expired leases claimed again, attempt 2');

-- TEST: the caches' fresh answers come with the lead; expired ones do not.
reset role;
insert into public.phone_lookup_cache (account_id, phone, phone_status, line_type, provider_type, carrier, looked_up_at, expires_at)
values (:'a', '+13055550101', 'valid', 'landline', 'landline', 'Example Telco', '2026-02-01', '2026-05-01'),
       (:'a', '+13055550102', 'valid', 'mobile', 'mobile', 'Old Telco', '2025-11-01', '2026-02-01'),
       (:'b', '+13055550101', 'valid', 'mobile', 'mobile', 'Other account', '2026-02-01', '2026-05-01');
insert into public.email_domain_cache (account_id, domain, mx_status, checked_at, expires_at)
values (:'a', 'mail.example.org', 'none', '2026-03-01', '2026-03-02');
update public.leads set enrichment_lease_until = null where account_id = :'a';
set local role revenue_worker;
select results_eq(
  format($$select lead_id, cached_phone ->> 'line_type', cached_phone ->> 'carrier', cached_mx
    from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:20+00')$$, :'a'),
  format($$values (%L::uuid, 'landline', 'Example Telco', null::text), (%L::uuid, null, null, null), (%L::uuid, null, null, 'none')$$, :'l1', :'l2', :'l3'),
  'this account''s unexpired lookup and MX answer; an expired one is not used');

-- TEST: used-up attempts: failed, with the last reason; never claimed again.
reset role;
update public.leads set enrichment_attempts = 5, enrichment_lease_until = null, enrichment_reason = 'attempt 5: twilio lookup http_503'
where id = :'l2';
update public.leads set enrichment_lease_until = '2026-03-01 10:40+00' where id in (:'l1', :'l3');
set local role revenue_worker;
select is_empty(format($$select * from brain.claim_lead_enrichments(%L, 200, '5 minutes', 5, '2026-03-01 10:30+00')$$, :'a'), 'nothing claimed');
select results_eq(format($$select enrichment_status, enrichment_reason, enrichment_finished_at, enrichment_lease_until from public.leads where id = %L$$, :'l2'),
  $$values ('failed'::text, 'gave up after 5 attempts (last: attempt 5: twilio lookup http_503)'::text, '2026-03-01 10:30+00'::timestamptz, null::timestamptz)$$,
  'failed with the last reason and a finish time');
select is((select enrichment_status from public.leads where id = :'l1'), 'pending', 'a lead with attempts left stays pending');

-- TEST: a changed phone starts over: attempts 0, no lease (the old claim's results no longer fit).
reset role;
update public.leads set enrichment_attempts = 3 where id = :'l1';
update public.leads set phone = '+13055550111' where id = :'l1';
select results_eq(format($$select enrichment_status, enrichment_attempts::int, enrichment_lease_until from public.leads where id = %L$$, :'l1'),
  $$values ('pending'::text, 0, null::timestamptz)$$, 'pending, attempts 0, lease dropped');

-- TEST: arguments are checked.
set local role revenue_worker;
select throws_ok($$select * from brain.claim_lead_enrichments(gen_random_uuid(), 0)$$, '22023', 'invalid_argument', 'a limit of 0 is refused');
select throws_ok($$select * from brain.claim_lead_enrichments(gen_random_uuid(), 10, '0 s')$$, '22023', 'invalid_argument', 'a zero lease is refused');
select throws_ok($$select * from brain.claim_lead_enrichments(gen_random_uuid(), 10, '1 minute', 0)$$, '22023', 'invalid_argument', 'zero attempts refused');

-- TEST: the API role may not claim.
reset role;
set local role revenue_api;
select throws_ok($$select * from brain.claim_lead_enrichments(gen_random_uuid())$$, '42501', null, 'revenue_api cannot claim');

select * from finish();
rollback;
