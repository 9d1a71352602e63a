-- Only enrollments that are active, in an active campaign, and whose current
-- step is due (next_step_at <= p_now) are taken.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a', 'live', true) as c \gset
select tests.create_campaign(:'a', 'off', false) as c_off \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c_off', 1, 'sms');

select tests.create_lead(:'a', '+13055550101') as l_due \gset
select tests.create_lead(:'a', '+13055550102') as l_exact \gset
select tests.create_lead(:'a', '+13055550103') as l_future \gset
select tests.create_lead(:'a', '+13055550104') as l_paused \gset
select tests.create_lead(:'a', '+13055550105') as l_stopped \gset
select tests.create_lead(:'a', '+13055550106') as l_campaign_off \gset
select tests.enroll(:'a', :'c', :'l_due', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c', :'l_exact', :'now');
select tests.enroll(:'a', :'c', :'l_future', :'now'::timestamptz + interval '1 second');
select tests.enroll(:'a', :'c', :'l_paused', :'now'::timestamptz - interval '1 minute', p_status => 'paused');
select tests.enroll(:'a', :'c', :'l_stopped', :'now'::timestamptz - interval '1 minute', p_status => 'stopped');
select tests.enroll(:'a', :'c_off', :'l_campaign_off', :'now'::timestamptz - interval '1 minute');

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: exactly the due enrollments are evaluated.
select set_eq(
  $$select lead_id, decision from r$$,
  format($$values (%L::uuid, 'queued'::text), (%L::uuid, 'queued'::text)$$, :'l_due', :'l_exact'),
  'due before p_now and due exactly at p_now are taken; nothing else');

-- TEST: touches only for them.
select set_eq(
  format($$select lead_id from public.touch_runs where account_id = %L$$, :'a'),
  format($$values (%L::uuid), (%L::uuid)$$, :'l_due', :'l_exact'),
  'touch_runs exist only for the two due leads');

-- TEST: the others are left as they were.
select results_eq(
  format($$select status, current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l_future'),
  format($$values ('active'::text, 1, %L::timestamptz)$$, :'now'::timestamptz + interval '1 second'),
  'an enrollment due one second later is untouched');
select results_eq(
  format($$select lead_id, status, current_step from public.campaign_leads where lead_id in (%L, %L, %L) order by status$$,
         :'l_paused', :'l_stopped', :'l_campaign_off'),
  format($$values (%L::uuid, 'active'::text, 1), (%L::uuid, 'paused'::text, 1), (%L::uuid, 'stopped'::text, 1)$$,
         :'l_campaign_off', :'l_paused', :'l_stopped'),
  'paused and stopped enrollments, and enrollments of a paused campaign, are untouched');
select is(
  (select count(*)::int from public.core_memory_events where lead_id in (:'l_future', :'l_paused', :'l_stopped', :'l_campaign_off')),
  0, 'and they get no touch_evaluated event');

select * from finish();
rollback;
