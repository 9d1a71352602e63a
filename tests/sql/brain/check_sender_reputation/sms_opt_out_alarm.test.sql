-- A number's opt-out alarm: STOPs (opt_out memory events) count against the number that
-- last texted the lead; over its last 200 texts, 4 (2%) raise nothing, the 5th (2.5%)
-- raises one sender_opt_outs notification a day; the number is not paused.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
create temp table l on commit drop as
select n, tests.create_lead(:'a', '+1305555' || (4000 + n)) as lead from generate_series(1, 200) n;
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, to_address, from_address, created_at)
select :'a', l.lead, 'sms', 'key-sms-' || l.n, 'twilio', 'sent', '+1305555' || (4000 + l.n), '+13055550900',
       :'now'::timestamptz - interval '1 hour'
from l;
create temp table msgs on commit drop as
select l.n, l.lead, m.id from l join public.outbound_messages m on m.lead_id = l.lead;

-- TEST: four STOPs: no alarm.
select tests.record_event(:'a', lead, 'opt_out', :'now', 'inbound', 'sms') from msgs where n <= 4;
select results_eq(
  format($$select count(*)::int, min(sender), min(kind) from public.sender_reputation_events where account_id = %L$$, :'a'),
  $$values (4, '+13055550900'::text, 'opt_out'::text)$$, 'each STOP counts against the number that texted the lead');
select is((select count(*)::int from public.notification_events where account_id = :'a'), 0, '4 of 200 (2%): no alarm');

-- TEST: the fifth raises the alarm, once.
select tests.record_event(:'a', lead, 'opt_out', :'now', 'inbound', 'sms') from msgs where n in (5, 6);
select results_eq(
  format($$select kind, payload ->> 'sender', (payload ->> 'opt_outs')::int from public.notification_events where account_id = %L$$, :'a'),
  $$values ('sender_opt_outs'::text, '+13055550900'::text, 5)$$, '5 of 200 (2.5%): one sender_opt_outs alarm (the sixth adds none that day)');
select is((select count(*)::int from public.sender_reputation where account_id = :'a' and paused_at is not null), 0, 'the number is not paused');

-- TEST: an email opt-out or a lead never texted counts against no number.
select tests.record_event(:'a', tests.create_lead(:'a', '+13055559999'), 'opt_out', :'now', 'inbound', 'sms');
select is((select count(*)::int from public.sender_reputation_events where account_id = :'a'), 6, 'a lead we never texted counts against no number');

select * from finish();
rollback;
