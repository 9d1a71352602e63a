-- A lead who revoked consent is never picked up by reactivation, not even 400 days
-- later, although the confirmation was the last touch it got (a lead with the same
-- history that did not revoke is reactivated). A wrong number is not reactivated
-- either. After START it can be again.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '400 days' as then \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

select tests.create_lead(:'a', '+13055550101', 'rev@example.com', 'touched') as l_revoked \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as l_control \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as l_wrong \gset
select tests.create_lead(:'a', '+13055550104', p_lead_state => 'touched') as l_restarted \gset
select tests.record_event(:'a', l, 'touch_sent', :'then'::timestamptz - interval '1 day', 'outbound', 'sms')
from unnest(array[:'l_revoked', :'l_control', :'l_wrong', :'l_restarted']::uuid[]) l;
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'Remove me from your list', :'then');
select public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550103', '+13055550900', 'wrong number', :'then');
select public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550104', '+13055550900', 'stop', :'then');
select public.ingest_inbound_message('twilio', 'SM-4', 'sms', '+13055550104', '+13055550900', 'start',
                                     :'then'::timestamptz + interval '1 minute');
-- The confirmation went out after the reply: the last touch, with no reply after it.
-- (Its touch is sent, not left pending: a pending touch is what the lead's next action would report.)
update public.touch_runs set status = 'sending', claimed_at = :'then'::timestamptz + interval '2 minutes'
where lead_id in (:'l_revoked', :'l_control', :'l_wrong', :'l_restarted') and status in ('scheduled', 'queued');
update public.touch_runs set status = 'sent', sent_at = :'then'::timestamptz + interval '2 minutes'
where lead_id in (:'l_revoked', :'l_control', :'l_wrong', :'l_restarted') and status = 'sending';
select tests.record_event(:'a', l, 'touch_sent', :'then'::timestamptz + interval '2 minutes', 'outbound', 'sms')
from unnest(array[:'l_revoked', :'l_control', :'l_wrong', :'l_restarted']::uuid[]) l;

create temp table r on commit drop as select * from public.run_reactivation_orchestrator(p_now => :'now');

-- TEST: 400 days later.
select ok(exists (select 1 from r where lead_id = :'l_control'), 'a lead with the same history that did not revoke is reactivated');
select ok(not exists (select 1 from r where lead_id = :'l_revoked'), 'the revoked lead is not reactivated (not even by email)');
select is((select count(*)::int from public.touch_runs where lead_id = :'l_revoked' and payload->'meta'->>'source' = 'brain_full_auto_reactivation'), 0,
  'no reactivation touch exists for it');
select ok(not exists (select 1 from r where lead_id = :'l_wrong'), 'a wrong number is not reactivated');
select ok(exists (select 1 from r where lead_id = :'l_restarted'), 'a lead that sent START afterwards can be reactivated');

select * from finish();
rollback;
