-- STOP: the phone is suppressed for texts, WhatsApp and calls across the account
-- (reason opt_out_keyword; email stays open), an opt_out event is logged, outreach stops (pending touches
-- canceled, enrollments stopped, timers cancelled) and exactly one transactional
-- confirmation naming the business is queued.
begin;
select plan(11);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', 'touched') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_next \gset
select tests.create_touch(:'a', :'l', :'c', 2, 'email', 1, :'now'::timestamptz - interval '1 minute') as t_email \gset
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', :'l', x, :'now'::timestamptz + interval '5 days' from unnest(array['TIMER_7D', 'TIMER_14D', 'TIMER_30D']) x;

create temp table res on commit drop as
select public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550901', 'STOP', :'now') as r;

-- TEST: the result.
select is(
  (select r - 'inbound_message_id' - 'reply_touch_run_id' - 'account_id' from res),
  jsonb_build_object('outcome', 'recorded', 'lead_id', :'l', 'lead_created', false, 'persona', 'nudge', 'stage', 'nudger',
                     'keyword', 'opt_out', 'consent_rule', 'opt_out_keyword:stop', 'classification', 'keyword',
                     'touches_canceled', 2, 'timers_cancelled', 3, 'enrollments_stopped', 1),
  'recorded: keyword opt_out, 2 touches canceled, 3 timers cancelled, 1 enrollment stopped');

-- TEST: the suppression: phone, every channel, the reason.
select results_eq(
  format($$select channel::text, phone::text, email::text, reason, source, lead_id, created_at, lifted_at
           from public.suppressions where account_id = %L order by channel::text$$, :'a'),
  format($$values ('sms'::text, '+13055550101'::text, null::text, 'opt_out_keyword'::text, 'inbound_sms'::text, %1$L::uuid,
                   %2$L::timestamptz, null::timestamptz),
                  ('voice', '+13055550101', null, 'opt_out_keyword', 'inbound_sms', %1$L, %2$L, null),
                  ('whatsapp', '+13055550101', null, 'opt_out_keyword', 'inbound_sms', %1$L, %2$L, null)$$, :'l', :'now'),
  'the phone is suppressed for sms, voice and whatsapp, reason opt_out_keyword; the email is not');
select results_eq(
  format($$select is_unsubscribed, suppression_reason, suppressed_channels from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  $$values (false, 'opt_out:sms'::text, array['voice', 'sms', 'whatsapp'])$$,
  'lead_suppression_status_v1: texts, WhatsApp and calls suppressed (opt_out:sms); email is not');

-- TEST: memory.
select results_eq(
  format($$select event_type, channel::text, direction, created_at from public.core_memory_events
           where lead_id = %L and event_type in ('inbound_message', 'opt_out') order by event_type$$, :'l'),
  format($$values ('inbound_message'::text, 'sms'::text, 'inbound'::text, %1$L::timestamptz), ('opt_out', 'sms', 'inbound', %1$L)$$, :'now'),
  'an inbound_message and an opt_out event at the time received');

-- TEST: outreach stops.
select set_eq(format($$select id, status, error_code from public.touch_runs where lead_id = %L and campaign_id is not null$$, :'l'),
  format($$values (%L::uuid, 'canceled'::text, 'opt_out'::text), (%L, 'canceled', 'opt_out')$$, :'t_next', :'t_email'),
  'pending campaign touches are canceled (opt_out)');
select results_eq(format($$select status, stop_reason, stopped_at from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values ('stopped'::text, 'opt_out'::text, %L::timestamptz)$$, :'now'), 'the enrollment is stopped');
select is((select count(*)::int from public.lead_timers where lead_id = :'l' and cancelled_at = :'now'), 3, 'the three timers are cancelled');

-- TEST: one confirmation naming the business.
select results_eq(
  format($$select step, channel::text, campaign_id, status, payload->'meta'->>'source', (payload->'meta'->>'transactional')::boolean
           from public.touch_runs where lead_id = %L and campaign_id is null$$, :'l'),
  $$values (100, 'sms'::text, null::uuid, 'queued'::text, 'opt_out_confirmation'::text, true)$$,
  'exactly one transactional confirmation touch, queued on sms');
select is((select id from public.touch_runs where lead_id = :'l' and campaign_id is null), (select (r->>'reply_touch_run_id')::uuid from res),
  'the result names it');
select matches((select payload->'delivery'->>'body' from public.touch_runs where lead_id = :'l' and campaign_id is null),
  '^Level 5 Motors: .*unsubscribed', 'its body names the business and says unsubscribed');

-- TEST: the message.
select results_eq(format($$select keyword, classification, body from public.inbound_messages where lead_id = %L$$, :'l'),
  $$values ('opt_out'::text, 'keyword'::text, 'STOP'::text)$$, 'the inbound message: keyword opt_out');

select * from finish();
rollback;
