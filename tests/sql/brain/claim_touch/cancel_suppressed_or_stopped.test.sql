-- Re-checked at claim time: an unsubscribed lead (STOP), a suppressed channel, a
-- stop event (do_not_contact, or one of the payload's stop_on_events recorded
-- after the touch was created) cancel the touch with that reason.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '1 hour' as created \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l_stop \gset
select tests.create_lead(:'a', '+13055550102') as l_channel \gset
select tests.create_lead(:'a', '+13055550103') as l_dnc \gset
select tests.create_lead(:'a', '+13055550104') as l_positive_after \gset
select tests.create_lead(:'a', '+13055550105') as l_positive_before \gset

select tests.record_event(:'a', :'l_stop', 'opt_out', :'created'::timestamptz + interval '10 minutes', 'inbound', 'sms');
insert into public.suppressions (account_id, channel, phone, reason, created_at)
values (:'a', 'sms', '+13055550102', 'carrier_block', :'created');
select tests.record_event(:'a', :'l_dnc', 'do_not_contact', :'created'::timestamptz - interval '1 day', 'inbound', 'voice');
select tests.record_event(:'a', :'l_positive_after', 'reply_positive', :'created'::timestamptz + interval '10 minutes', 'inbound', 'sms');
select tests.record_event(:'a', :'l_positive_before', 'reply_positive', :'created'::timestamptz - interval '10 minutes', 'inbound', 'sms');

create temp table touches on commit drop as
select k, tests.create_touch(:'a', l, null, 1, 'sms', 1, :'created') as id
from (values ('stop', :'l_stop'::uuid), ('channel', :'l_channel'), ('dnc', :'l_dnc'),
             ('positive_after', :'l_positive_after'), ('positive_before', :'l_positive_before')) x(k, l);
create temp table res on commit drop as
select t.k, t.id, brain.claim_touch(t.id, null, :'now') as r from touches t;

-- TEST: outcomes.
select set_eq(
  $$select k, r->>'outcome' as outcome, r->>'reason' as reason from res$$,
  $$values ('stop', 'canceled', 'suppressed'), ('channel', 'canceled', 'channel_suppressed'),
           ('dnc', 'canceled', 'stop_event:do_not_contact'), ('positive_after', 'canceled', 'stop_event:reply_positive'),
           ('positive_before', 'claimed', null)$$,
  'STOP → suppressed; SMS suppression → channel_suppressed; do_not_contact and a later reply_positive → stop_event; an earlier reply_positive does not stop');

-- TEST: the canceled touches.
select is(
  (select count(*)::int from res join public.touch_runs t on t.id = res.id
   where res.k <> 'positive_before' and t.status = 'canceled' and t.error_code = res.r->>'reason'),
  4, 'each canceled touch has status canceled and error_code = the reason');
select is(
  (select count(*)::int from res join public.core_memory_events e on e.payload->>'touch_run_id' = res.id::text
   where res.k <> 'positive_before' and e.event_type = 'touch_canceled' and e.payload->>'reason' = res.r->>'reason' and e.created_at = :'now'::timestamptz),
  4, 'each logs touch_canceled with its reason');
select is(
  (select count(*)::int from public.outbound_messages m join res on res.id = m.touch_run_id where res.k <> 'positive_before'),
  0, 'nothing is sent for them');

-- TEST: canceled is final.
select is(brain.claim_touch((select id from touches where k = 'stop'), null, :'now'::timestamptz + interval '1 minute') ->> 'reason',
  'status_canceled', 'a canceled touch is not claimed later');

select * from finish();
rollback;
