-- Seed 004 Part 6: a gold lead (mobile phone and email) that replies positively is
-- queued for a call with org_settings.call_queue_gold_priority (default 100) and
-- moves to in_call_queue; a second positive reply does not queue it twice.
begin;
select plan(6);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.give_sms_senders(:'b', '+12135550900');
update public.org_settings set call_queue_gold_priority = 250 where account_id = :'b';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
select tests.create_lead(:'b', '+12135550101', 'bob@example.com', 'touched') as l_b \gset
update public.leads set phone_line_type = 'mobile' where id in (:'l', :'l_b');

create temp table res on commit drop as
select 'a' as k, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900', 'yes call me', :'now') as r
union all
select 'b', public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+12135550101', '+12135550900', 'interested', :'now');

-- TEST: the default priority.
select is((select call_queue_gold_priority from public.org_settings where account_id = :'a'), 100, 'the default setting is 100');
select results_eq(format($$select priority, status, reason from public.call_queue where lead_id = %L$$, :'l'),
  $$values (100, 'pending'::text, 'positive_reply_gold'::text)$$, 'account a: queued at priority 100');

-- TEST: a custom priority.
select results_eq(format($$select priority, status from public.call_queue where lead_id = %L$$, :'l_b'),
  $$values (250, 'pending'::text)$$, 'account b (call_queue_gold_priority 250): queued at 250');

-- TEST: in_call_queue.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L)$$, :'l', :'l_b'),
  format($$values (%L::uuid, 'in_call_queue'::text), (%L, 'in_call_queue')$$, :'l', :'l_b'), 'both leads are in_call_queue');

-- TEST: once.
insert into res select 'a2', public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550101', '+13055550900', 'ok sounds good',
                                                           :'now'::timestamptz + interval '1 hour');
select is((select r->>'outcome' from res where k = 'a2'), 'recorded', 'a second positive reply is recorded');
select is((select count(*)::int from public.call_queue where lead_id = :'l'), 1, 'still one call_queue row');

select * from finish();
rollback;
