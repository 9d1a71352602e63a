-- Dedupe by (lead, campaign, step, channel): a second run creates nothing, and a
-- step that already has a touch on its channel is skip_duplicate and passed over.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c', 2, 'voice', p_delay_minutes => 60);
select tests.create_lead(:'a', '+13055550101') as l_new \gset
select tests.create_lead(:'a', '+13055550102') as l_dup \gset
select tests.create_lead(:'a', '+13055550103') as l_other_channel \gset
select tests.enroll(:'a', :'c', :'l_new', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c', :'l_dup', :'now'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c', :'l_other_channel', :'now'::timestamptz - interval '1 minute');
-- l_dup already has its step 1 SMS touch; l_other_channel has a voice touch on step 1.
select tests.create_touch(:'a', :'l_dup', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 day') as existing \gset
select tests.create_touch(:'a', :'l_other_channel', :'c', 1, 'voice', 1, :'now'::timestamptz - interval '1 day');

create temp table r1 on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');
create temp table r2 on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');

-- TEST: an existing touch for the step's channel: skip_duplicate, nothing created.
select results_eq(
  format($$select decision, touch_run_id from r1 where lead_id = %L$$, :'l_dup'),
  $$values ('skip_duplicate'::text, null::uuid)$$,
  'existing SMS touch for lead + campaign + step 1: skip_duplicate');
select results_eq(
  format($$select id from public.touch_runs where lead_id = %L$$, :'l_dup'),
  format($$values (%L::uuid)$$, :'existing'),
  'no second touch for that lead');
select results_eq(
  format($$select current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l_dup'),
  format($$values (2, %L::timestamptz)$$, :'now'::timestamptz + interval '60 minutes'),
  'the duplicated step is passed over: the enrollment moves to step 2');

-- TEST: a touch on another channel of the same step does not count.
select is((select decision from r1 where lead_id = :'l_other_channel'), 'queued',
  'a voice touch on step 1 does not block the step''s SMS touch');

-- TEST: a second run at the same instant creates nothing.
select is((select count(*)::int from r2), 0, 'the second run evaluates nothing');
select is(
  (select count(*)::int from public.touch_runs where account_id = :'a'),
  4, 'touch_runs: the two existing plus one each for l_new and l_other_channel');
select is(
  (select count(*)::int from public.touch_runs where lead_id = :'l_new' and campaign_id = :'c' and step = 1 and channel = 'sms'),
  1, 'exactly one step 1 SMS touch for l_new');

select * from finish();
rollback;
