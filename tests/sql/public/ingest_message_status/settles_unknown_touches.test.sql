-- Touches a dead worker left in sending are marked unknown (brain.mark_stale_sending).
-- The provider's report settles each one once, whatever it says: the send is
-- recorded (touch_sent), the touch moves to the reported status, and the answer
-- says settled_unknown. Nothing is re-sent.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz + interval '20 minutes' as report_at \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select tests.give_sms_senders(:'a', '+13055550900');
-- Three claims from one number at once: at the default 1 per second only two fit in the
-- 2.5 s a claim waits (slots 1.4 s apart), so the number sends up to 3 a second.
update public.account_provider_settings set config = config || '{"max_per_second": 3}' where account_id = :'a' and channel = 'sms';
create temp table touches on commit drop as
select k, tests.create_touch(:'a', tests.create_lead(:'a', phone), null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour',
                             tests.payload_v2('sms') #- '{routing,fallback}') as id
from (values ('sent', '+13055550101'), ('delivered', '+13055550102'), ('failed', '+13055550103')) x(k, phone);
grant select on touches to public;
select count(*) from touches t, brain.claim_touch(t.id, 'dead-worker', :'now') c where c->>'outcome' = 'claimed';
select brain.mark_stale_sending(interval '5 minutes', :'now'::timestamptz + interval '10 minutes');

-- TEST: left unknown.
select set_eq($$select t.status as touch, m.status as message from touches x join public.touch_runs t on t.id = x.id
                join public.outbound_messages m on m.touch_run_id = t.id$$,
  $$values ('unknown'::text, 'unknown'::text)$$, 'the three touches and their messages are unknown');

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select x.k, x.id, public.ingest_message_status('twilio', 'SM-' || x.k || ':' || x.k, 'SM-' || x.k, x.id, x.k, x.k,
                                                 case when x.k = 'failed' then '30003' end, :'report_at') as r
from touches x;
reset role;

-- TEST: settled.
select set_eq($$select k, r->>'outcome' as outcome, (r->>'settled_unknown')::boolean as settled, (r->>'touch_run_id')::uuid = id as names_touch from res$$,
  $$values ('sent', 'recorded', true, true), ('delivered', 'recorded', true, true), ('failed', 'recorded', true, true)$$,
  'each report is recorded with settled_unknown true, naming the touch');
select set_eq($$select x.k, t.status as touch, m.status as message, m.provider_message_id from touches x join public.touch_runs t on t.id = x.id
                join public.outbound_messages m on m.touch_run_id = t.id$$,
  $$values ('sent', 'sent', 'sent', 'SM-sent'), ('delivered', 'delivered', 'delivered', 'SM-delivered'), ('failed', 'failed', 'failed', 'SM-failed')$$,
  'touch and message take the reported status and the provider''s id');
select is((select count(*)::int from public.core_memory_events e join touches x on e.payload->>'touch_run_id' = x.id::text
           where e.event_type = 'touch_sent'), 3, 'the send is recorded once per touch (touch_sent)');
select is((select count(*)::int from public.outbound_messages m join touches x on x.id = m.touch_run_id), 3,
  'one outbound message per touch: nothing re-sent');

-- TEST: a second report does not settle again.
select tests.act_as('revenue_worker', null);
select is((select public.ingest_message_status('twilio', 'SM-sent:delivered', 'SM-sent', null, 'delivered', 'delivered', null,
                                               :'report_at'::timestamptz + interval '1 minute') - 'account_id' - 'touch_run_id'),
  '{"outcome": "recorded", "status": "delivered"}'::jsonb, 'a later report on a settled touch is an ordinary one');
reset role;

select * from finish();
rollback;
