-- The message is found by touch_run_id (carried in our callback URL) or by the
-- provider's id; the provider's id only counts for that provider.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset
select tests.sent_touch(:'a', :'l1', 'sms', 'SM-1', :'now') as t1 \gset
select tests.sent_touch(:'a', :'l2', 'sms', 'SM-2', :'now'::timestamptz + interval '2 seconds') as t2 \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 'by_touch' as k, public.ingest_message_status('twilio', 'e1', null, :'t1', 'delivered', p_occurred_at => :'now') as r
union all
select 'by_provider_id', public.ingest_message_status('twilio', 'e2', 'SM-2', null, 'delivered', p_occurred_at => :'now')
union all
select 'other_provider', public.ingest_message_status('telnyx', 'e3', 'SM-1', null, 'failed', p_occurred_at => :'now');
reset role;

-- TEST: found.
select is((select r->>'touch_run_id' from res where k = 'by_touch'), :'t1', 'by touch_run_id alone');
select is((select r->>'touch_run_id' from res where k = 'by_provider_id'), :'t2', 'by the provider''s id alone');
select set_eq(format($$select id, status from public.touch_runs where id in (%L, %L)$$, :'t1', :'t2'),
  format($$values (%L::uuid, 'delivered'::text), (%L, 'delivered')$$, :'t1', :'t2'), 'both touches are delivered');

-- TEST: another provider's id.
select is((select r from res where k = 'other_provider'), '{"outcome": "unknown_message"}'::jsonb,
  'telnyx SM-1 is not twilio''s SM-1: unknown_message');

select * from finish();
rollback;
