-- A lead that may not be contacted (unsubscribed, suppressed, stop event,
-- closed or dead) gets stop_lead: no touch, and its enrollment stops.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'voice', p_delay_minutes => 60);

select tests.create_lead(:'a', '+13055550101') as l_stop \gset
select tests.create_lead(:'a', '+13055550102') as l_suppressed \gset
select tests.create_lead(:'a', '+13055550103') as l_dnc \gset
select tests.create_lead(:'a', '+13055550104') as l_booked \gset
select tests.create_lead(:'a', '+13055550105', p_lead_state => 'closed') as l_closed \gset
select tests.create_lead(:'a', '+13055550106', p_lead_state => 'dead') as l_dead \gset
select tests.create_lead(:'a', '+13055550107') as l_ok \gset
select tests.record_event(:'a', :'l_stop', 'opt_out', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
insert into public.suppressions (account_id, phone, reason, created_at)
values (:'a', '+13055550102', 'manual', :'now'::timestamptz - interval '1 day');
select tests.record_event(:'a', :'l_dnc', 'do_not_contact', :'now'::timestamptz - interval '1 day', 'inbound', 'sms');
select tests.record_event(:'a', :'l_booked', 'appointment_booked', :'now'::timestamptz - interval '1 day', 'inbound');
select tests.enroll(:'a', :'c', l, :'now'::timestamptz - interval '1 minute')
from unnest(array[:'l_stop', :'l_suppressed', :'l_dnc', :'l_booked', :'l_closed', :'l_dead', :'l_ok']::uuid[]) l;

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: decisions.
select set_eq(
  $$select lead_id, decision from r$$,
  format($$values (%L::uuid, 'stop_lead'::text), (%L::uuid, 'stop_lead'), (%L::uuid, 'stop_lead'), (%L::uuid, 'stop_lead'),
                  (%L::uuid, 'stop_lead'), (%L::uuid, 'stop_lead'), (%L::uuid, 'queued')$$,
         :'l_stop', :'l_suppressed', :'l_dnc', :'l_booked', :'l_closed', :'l_dead', :'l_ok'),
  'STOP, suppression row, do_not_contact, booked, closed and dead: stop_lead; the control is queued');

-- TEST: no touch for them.
select set_eq(
  format($$select lead_id from public.touch_runs where account_id = %L$$, :'a'),
  format($$values (%L::uuid)$$, :'l_ok'),
  'only the control lead got a touch');

-- TEST: their enrollments stop where they were.
select is(
  (select count(*)::int from public.campaign_leads
   where lead_id <> :'l_ok' and status = 'stopped' and stop_reason = 'lead_not_contactable'
     and stopped_at = :'now'::timestamptz and current_step = 1),
  6, 'the six enrollments are stopped (lead_not_contactable) at step 1, stopped_at = p_now');
select results_eq(
  format($$select status, current_step from public.campaign_leads where lead_id = %L$$, :'l_ok'),
  $$values ('active'::text, 2)$$,
  'the control enrollment moves on');

-- TEST: a stopped enrollment is not evaluated again.
select is((select count(*)::int from public.run_touch_orchestrator(p_now => :'now'::timestamptz + interval '1 day')
           where lead_id <> :'l_ok'), 0, 'a day later the stopped enrollments are not taken again');

select * from finish();
rollback;
