-- A set of touches is claimed for one account: ids of another account are refused
-- before anything is locked or written, and each id is answered once, in order.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account('Other') as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
update public.account_provider_settings set config = config || '{"max_per_second": 1000}' where account_id in (:'a', :'b');
select tests.create_touch(:'a', tests.create_lead(:'a', '+13055550101'), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes',
                          '{"delivery": {"body": "Hi"}}') as t_a \gset
select tests.create_touch(:'b', tests.create_lead(:'b', '+13055550102'), null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes',
                          '{"delivery": {"body": "Hi"}}') as t_b \gset

-- TEST: mixed accounts are refused; nothing was claimed.
select throws_ok(format($$select * from brain.claim_touch_rows(%L, array[%L, %L]::uuid[], 'w', %L)$$, :'a', :'t_a', :'t_b', :'now'),
                 '22023', 'invalid_argument', 'a touch of another account is refused');
select is((select array_agg(status order by status) from public.touch_runs where id in (:'t_a', :'t_b')),
          array['scheduled', 'scheduled'], 'both touches are still scheduled');

-- TEST: an id given twice is answered once; the answers follow the order given.
select results_eq(
  format($$select touch_run_id, claim ->> 'outcome' from brain.claim_touch_rows(%L, array[%L, '00000000-0000-0000-0000-0000000000aa', %L]::uuid[], 'w', %L)$$,
         :'a', :'t_a', :'t_a', :'now'),
  format($$values (%L::uuid, 'claimed'::text), ('00000000-0000-0000-0000-0000000000aa'::uuid, 'skipped')$$, :'t_a'),
  'claimed once, then the unknown id (not_found)');
select throws_ok(format($$select * from brain.claim_touch_rows(null, array[%L]::uuid[])$$, :'t_a'), '22023', 'invalid_argument',
                 'an account is required');

select * from finish();
rollback;
