-- Rule 2, a pending touch: which touches count. Only scheduled or queued ones
-- that dispatch would claim; the earliest wins; with nothing pending the next
-- campaign step is reported again. Unsubscribe and stop events still win.
-- p_now = 10:00 in New York (inside 08:00–20:00); leads have Miami (305) phones.
begin;
select plan(16);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', 0);
select tests.create_step(:'a', :'c', 2, 'voice', 10);
select tests.create_campaign(:'a', 'paused_campaign', false) as off \gset
select tests.create_step(:'a', :'off', 1, 'sms', 0);

select tests.create_lead(:'a', '+13055550100', 'ana@example.com') as l \gset
-- Step 2 (voice) is due at 10:30.
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 minutes', 2);
select tests.enroll(:'a', :'off', :'l', :'now'::timestamptz - interval '1 hour');

create function pg_temp.decision(p_lead uuid, p_now timestamptz)
returns table (next_action text, campaign_id uuid, next_action_at timestamptz, effective_channel text, reason text)
language sql stable as $$
  select v.next_action, v.campaign_id, v.next_action_at, v.effective_channel, v.reason
  from brain.lead_next_action_at(p_now) v where v.lead_id = p_lead
$$;

-- TEST: nothing pending: the next campaign step.
select results_eq(
  format($$select * from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  format($$values ('send'::text, %L::uuid, %L::timestamptz, 'voice'::text, 'campaign_step_pending'::text)$$,
         :'c', :'now'::timestamptz + interval '30 minutes'),
  'no pending touch: step 2 by voice at 10:30');

-- TEST: canceled, sent, failed and in-flight touches do not count.
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '2 hours') as t_canceled \gset
update public.touch_runs set status = 'canceled' where id = :'t_canceled';
select tests.create_touch(:'a', :'l', :'c', 1, 'whatsapp', 1, :'now'::timestamptz - interval '2 hours') as t_sent \gset
update public.touch_runs set status = 'sending' where id = :'t_sent';
update public.touch_runs set status = 'sent' where id = :'t_sent';
select tests.create_touch(:'a', :'l', :'c', 1, 'email', 1, :'now'::timestamptz - interval '2 hours') as t_failed \gset
update public.touch_runs set status = 'sending' where id = :'t_failed';
update public.touch_runs set status = 'failed' where id = :'t_failed';
select results_eq(
  format($$select next_action, effective_channel, reason from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  $$values ('send'::text, 'voice'::text, 'campaign_step_pending'::text)$$,
  'canceled, sent and failed touches: still step 2');

-- TEST: touches dispatch would cancel on sight do not count.
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, created_at)
values (:'a', :'l', :'off', 1, 'sms', 'scheduled', :'now'::timestamptz + interval '5 minutes', :'now'::timestamptz - interval '1 minute');
select is((select reason from pg_temp.decision(:'l', :'now')), 'campaign_step_pending',
  'a touch of a paused campaign does not count');
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, created_at)
values (:'a', :'l', :'c', 1, 'voice', 'scheduled', :'now'::timestamptz + interval '5 minutes', :'now'::timestamptz + interval '1 minute');
select is((select reason from pg_temp.decision(:'l', :'now')), 'campaign_step_pending',
  'a touch created after p_now does not count at p_now');
select is((select reason from pg_temp.decision(:'l', :'now'::timestamptz + interval '2 minutes')) like 'touch_scheduled:%', true,
  'but it counts once it exists');
delete from public.touch_runs where lead_id = :'l' and channel = 'voice';
delete from public.account_provider_settings where account_id = :'a' and channel = 'whatsapp';
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, created_at)
values (:'a', :'l', :'c', 4, 'whatsapp', 'queued', :'now'::timestamptz - interval '5 minutes', :'now'::timestamptz - interval '5 minutes');
select is((select reason from pg_temp.decision(:'l', :'now')), 'campaign_step_pending',
  'a touch on a channel whose provider is not configured does not count');
select tests.set_provider(:'a', 'whatsapp');
select is((select effective_channel from pg_temp.decision(:'l', :'now')), 'whatsapp',
  'configured again: the queued WhatsApp is reported');
update public.touch_runs set status = 'canceled' where lead_id = :'l' and channel = 'whatsapp' and status = 'queued';

-- TEST: of several pending touches the earliest is reported, with its campaign.
select tests.create_touch(:'a', :'l', :'c', 3, 'email', 1, :'now'::timestamptz - interval '1 hour') as t_email \gset
update public.touch_runs set scheduled_at = :'now'::timestamptz + interval '3 hours' where id = :'t_email';
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, payload, created_at)
values (:'a', :'l', null, 1, 'sms', 'scheduled', :'now'::timestamptz + interval '1 hour', '{"meta": {"source": "manual"}}',
        :'now'::timestamptz - interval '1 hour')
returning id as t_manual \gset
select results_eq(
  format($$select * from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  format($$values ('send'::text, null::uuid, %L::timestamptz, 'sms'::text, %L::text)$$,
         :'now'::timestamptz + interval '1 hour', 'touch_scheduled:' || :'t_manual'),
  'the manual SMS at 11:00 goes before the email at 13:00 and before step 2: it is reported (no campaign)');
update public.touch_runs set status = 'canceled' where id = :'t_manual';
select results_eq(
  format($$select campaign_id, next_action_at, effective_channel, reason from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  format($$values (%L::uuid, %L::timestamptz, 'email'::text, %L::text)$$,
         :'c', :'now'::timestamptz + interval '3 hours', 'touch_scheduled:' || :'t_email'),
  'the manual SMS canceled: the campaign''s email at 13:00 is next');
select is((select (recommended_delay_minutes, recommended_channel)::text from brain.lead_next_action_at(:'now') where lead_id = :'l'),
  '(180,email)', 'recommended_delay_minutes and recommended_channel follow the touch');

-- TEST: a touch scheduled at night is reported at the next window start.
update public.touch_runs set scheduled_at = tests.local_at(1, '22:00') where id = :'t_email';
select is((select next_action_at from pg_temp.decision(:'l', :'now')), tests.local_at(2, '08:00'),
  'a touch due at 22:00 local is reported at 08:00 the next morning, when dispatch will send it');

-- TEST: a negative cooldown holds a pending touch, but not a transactional one.
select tests.record_event(:'a', :'l', 'reply_negative', :'now'::timestamptz - interval '1 hour', 'inbound', 'sms');
select results_eq(
  format($$select next_action, reason from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  $$values ('cooldown'::text, 'negative_cooldown'::text)$$,
  'in a negative cooldown the pending email is not what happens next');
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, payload, created_at)
values (:'a', :'l', null, 2, 'sms', 'queued', :'now'::timestamptz - interval '1 minute', '{"meta": {"transactional": true}}',
        :'now'::timestamptz - interval '1 minute')
returning id as t_help \gset
select results_eq(
  format($$select * from pg_temp.decision(%L, %L)$$, :'l', tests.local_at(1, '23:00')),
  format($$values ('send'::text, null::uuid, %L::timestamptz, 'sms'::text, %L::text)$$,
         tests.local_at(1, '23:00'), 'touch_queued:' || :'t_help'),
  'a transactional reply (HELP) goes even in the cooldown and at night: reported, due now');

-- TEST: unsubscribe and stop events win over a pending touch.
select tests.record_event(:'a', :'l', 'opt_out', :'now'::timestamptz - interval '1 minute', 'inbound', 'sms');
select results_eq(
  format($$select next_action, effective_channel, reason from pg_temp.decision(%L, %L)$$, :'l', :'now'),
  $$values ('stop_all'::text, null::text, 'unsubscribed:opt_out:sms'::text)$$,
  'opted out: stop_all, even with touches pending');

-- TEST: a reactivation touch is reported as reactivate; a dead lead's campaign touch does not count.
select tests.create_lead(:'a', '+13055550101') as r \gset
select tests.record_event(:'a', :'r', 'touch_sent', :'now'::timestamptz - interval '60 days', 'outbound', 'sms');
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, status, scheduled_at, payload, created_at)
values (:'a', :'r', null, 1, 'voice', 'scheduled', :'now'::timestamptz + interval '2 hours',
        '{"meta": {"source": "brain_full_auto_reactivation"}}', :'now'::timestamptz - interval '1 minute')
returning id as t_react \gset
select results_eq(
  format($$select * from pg_temp.decision(%L, %L)$$, :'r', :'now'),
  format($$values ('reactivate'::text, null::uuid, %L::timestamptz, 'voice'::text, %L::text)$$,
         :'now'::timestamptz + interval '2 hours', 'touch_scheduled:' || :'t_react'),
  'a pending reactivation touch: reactivate, at its time, naming it');
select tests.create_lead(:'a', '+13055550102', null, 'dead') as d \gset
select tests.enroll(:'a', :'c', :'d', :'now'::timestamptz + interval '1 day');
select tests.create_touch(:'a', :'d', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 minute');
select results_eq(
  format($$select next_action, reason from pg_temp.decision(%L, %L)$$, :'d', :'now'),
  $$values ('stop_all'::text, 'lead_state:dead'::text)$$,
  'a dead lead''s campaign touch will be canceled: stop_all');

select * from finish();
rollback;
