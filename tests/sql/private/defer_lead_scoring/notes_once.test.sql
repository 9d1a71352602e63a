-- The drain's deferred scoring notes: each lead once however often it is noted, a
-- rolled-back subtransaction takes its notes back, and taking the notes clears them.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.create_lead(:'a', '+13055550103') as l3 \gset

-- TEST: a lead noted twice is taken once; every noted lead is taken.
select private.defer_lead_scoring(:'l1');
select private.defer_lead_scoring(:'l2');
select private.defer_lead_scoring(:'l1');
select private.defer_lead_scoring(null);
select set_eq($$select unnest(private.take_deferred_scoring())$$, format($$values (%L::uuid), (%L::uuid)$$, :'l1', :'l2'),
              'l1 and l2, once each');
-- TEST: taking them cleared them.
select is(cardinality(private.take_deferred_scoring()), 0, 'nothing left once taken');

-- TEST: a subtransaction that rolls back takes its notes back; the one before it stays.
select private.defer_lead_scoring(:'l1');
savepoint s;
select private.defer_lead_scoring(:'l3');
rollback to savepoint s;
select set_eq($$select unnest(private.take_deferred_scoring())$$, format($$values (%L::uuid)$$, :'l1'),
              'l3''s note went with its rolled-back subtransaction');

-- TEST: many leads, each taken once (the notes are spread over 16 settings).
select private.defer_lead_scoring(gen_random_uuid()) from generate_series(1, 300);
select is(cardinality(private.take_deferred_scoring()), 300, 'three hundred noted, three hundred taken');

select finish();
rollback;
