-- Every row of a batch is decided by brain.claim_touch: a suppressed lead, a
-- suppressed channel, a template variable without a value, a lead outside its send
-- window and a sender past its rate are refused or rescheduled with the same reason,
-- row, event and enrollment pause as a single claim; the rest of the batch is claimed.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
-- One sender, one send per second: two SMS take slots 1.4 s apart (0, 1.4 s); the
-- third would wait 2.8 s, more than 2.5 s (rescheduled rate_limited).
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550999"}], "max_per_second": 1}'
where account_id = :'a' and channel = 'sms';
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', p_body => 'Hi {{first_name}}');
select tests.create_lead(:'a', '+13055550101') as l_ok \gset
select tests.create_lead(:'a', '+13055550102') as l_ok2 \gset
select tests.create_lead(:'a', '+13055550108') as l_late \gset
select tests.create_lead(:'a', '+13055550104') as l_stop \gset
select tests.create_lead(:'a', '+13055550105') as l_channel \gset
select tests.create_lead(:'a', '+13055550106') as l_nameless \gset
select tests.create_lead(:'a', '+13055550107') as l_night \gset
update public.leads set first_name = 'Lead' where id <> :'l_nameless' and account_id = :'a';
update public.leads set timezone = 'Asia/Tokyo' where id = :'l_night';
select tests.enroll(:'a', :'c', :'l_nameless', :'now'::timestamptz - interval '2 hours');
select tests.record_event(:'a', :'l_stop', 'opt_out', :'now'::timestamptz - interval '90 minutes', 'inbound', 'sms');
insert into public.suppressions (account_id, channel, phone, reason, created_at)
values (:'a', 'sms', '+13055550105', 'carrier_block', :'now'::timestamptz - interval '3 hours');

select jsonb_set(tests.payload_v2('sms'), '{delivery}', '{"body": "Hi {{first_name}}"}') as payload \gset
create temp table touches on commit drop as
select k, tests.create_touch(:'a', l, case when k = 'nameless' then :'c'::uuid end, 1, 'sms', 1,
                             :'now'::timestamptz - make_interval(mins => 120 - i), :'payload') as id
from (values (1, 'ok', :'l_ok'::uuid), (2, 'ok2', :'l_ok2'), (4, 'late', :'l_late'), (5, 'stop', :'l_stop'),
             (6, 'channel', :'l_channel'), (7, 'nameless', :'l_nameless'), (8, 'night', :'l_night')) x(i, k, l);

create temp table res on commit drop as
select t.k, c.claim from brain.claim_touches(:'a', 50, 'worker-1', :'now') c join touches t on t.id = c.touch_run_id;

-- TEST: each row's outcome and reason.
select set_eq(
  $$select k, claim ->> 'outcome' as outcome, claim ->> 'reason' as reason from res$$,
  $$values ('ok', 'claimed', null), ('ok2', 'claimed', null), ('late', 'rescheduled', 'rate_limited'),
           ('stop', 'canceled', 'suppressed'), ('channel', 'canceled', 'channel_suppressed'),
           ('nameless', 'canceled', 'missing_lead_data:first_name'), ('night', 'rescheduled', 'outside_send_window')$$,
  'claimed twice (one slot each, 1.4 s apart); rate_limited, suppressed, channel_suppressed, missing_lead_data, outside_send_window');

-- TEST: the rows say so, as a single claim leaves them.
select set_eq(
  $$select k, t.status, t.error_code from res join touches x using (k) join public.touch_runs t on t.id = x.id$$,
  $$values ('ok', 'sending', null), ('ok2', 'sending', null), ('late', 'scheduled', null), ('stop', 'canceled', 'suppressed'),
           ('channel', 'canceled', 'channel_suppressed'), ('nameless', 'canceled', 'missing_lead_data:first_name'),
           ('night', 'scheduled', null)$$,
  'touch rows: sending, scheduled again, or canceled with error_code = the reason');
select is(
  (select count(*)::int from public.core_memory_events e join touches x on e.payload ->> 'touch_run_id' = x.id::text
   where e.event_type = 'touch_canceled' and x.k in ('stop', 'channel', 'nameless')),
  3, 'each canceled touch logs touch_canceled');
select is(
  (select array_agg(x.k order by x.k) from public.outbound_messages m join touches x on x.id = m.touch_run_id),
  array['ok', 'ok2'], 'only the claimed touches have an outbound message');

-- TEST: the sender's slots hold within the batch.
select is(
  (select (max((claim ->> 'not_before')::timestamptz) - min((claim ->> 'not_before')::timestamptz)) from res where claim ->> 'outcome' = 'claimed'),
  interval '1.4 seconds', 'the two claimed sends are 1.4 s apart (one per second, with the margin)');

-- TEST: the missing variable pauses the enrollment, as a single claim does.
select results_eq(format($$select status, stop_reason from public.campaign_leads where lead_id = %L$$, :'l_nameless'),
  $$values ('paused'::text, 'missing_lead_data:first_name'::text)$$, 'the enrollment pauses with the reason');

-- TEST: the rate-limited touch is scheduled at its slot.
select cmp_ok((select scheduled_at from public.touch_runs t join touches x on x.id = t.id where x.k = 'late'), '=', :'now'::timestamptz + interval '2.8 seconds',
  'the third SMS is scheduled at its slot, 2.8 s on');

select * from finish();
rollback;
