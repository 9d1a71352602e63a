-- Touches that are not found, already final, or not due yet are skipped and left alone.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t_early \gset
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '1 hour' where id = :'t_early';
select tests.create_touch(:'a', :'l', null, 1, 'sms', 2, :'now'::timestamptz - interval '1 hour') as t_canceled \gset
update public.touch_runs set status = 'canceled' where id = :'t_canceled';
select tests.create_touch(:'a', :'l', null, 1, 'sms', 3, :'now'::timestamptz - interval '1 hour') as t_soon \gset
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '1 second' where id = :'t_soon';

-- TEST: not found.
select is(brain.claim_touch(gen_random_uuid(), null, :'now'), '{"outcome": "skipped", "reason": "not_found"}'::jsonb, 'unknown id: not_found');

-- TEST: not due.
select is(brain.claim_touch(:'t_early', null, :'now') - 'scheduled_at', '{"outcome": "skipped", "reason": "not_due"}'::jsonb,
  'due in an hour: not_due');
select is((select status from public.touch_runs where id = :'t_early'), 'scheduled', 'and left scheduled');

-- TEST: final.
select is(brain.claim_touch(:'t_canceled', null, :'now'), '{"outcome": "skipped", "reason": "status_canceled"}'::jsonb,
  'canceled: skipped');
select is((select count(*)::int from public.outbound_messages where lead_id = :'l'), 0, 'nothing was sent for them');

-- TEST: a job that fires up to a second early still claims.
select is(brain.claim_touch(:'t_soon', null, :'now') ->> 'outcome', 'claimed', 'due in 1 second: claimed');

select * from finish();
rollback;
