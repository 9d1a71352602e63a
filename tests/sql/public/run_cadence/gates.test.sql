-- Seed 000's gates: leads with status new, a phone, and lead_state not dead are
-- enrolled, into the active auto_enroll campaigns of their own account only.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.create_campaign(:'a', 'auto_on', true) as c_auto \gset
select tests.create_campaign(:'a', 'manual_on', true) as c_manual \gset
select tests.create_campaign(:'a', 'auto_off', false) as c_auto_off \gset
select tests.create_campaign(:'b', 'b_auto', true) as c_b \gset
update public.campaigns set auto_enroll = true where id in (:'c_auto', :'c_auto_off', :'c_b');
select tests.create_step(:'a', c, 1, 'sms', p_delay_minutes => 5) from unnest(array[:'c_auto', :'c_manual', :'c_auto_off']::uuid[]) c;
select tests.create_step(:'b', :'c_b', 1, 'sms');

select tests.create_lead(:'a', '+13055550101') as l_ok \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as l_touched \gset
select tests.create_lead(:'a', null, 'nophone@example.com') as l_no_phone \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'dead') as l_dead \gset
select tests.create_lead(:'a', '+13055550104') as l_suppressed_status \gset
select tests.create_lead(:'a', '+13055550105') as l_archived \gset
update public.leads set status = 'suppressed' where id = :'l_suppressed_status';
update public.leads set status = 'archived' where id = :'l_archived';

create temp table r on commit drop as select * from public.run_cadence(p_now => :'now');

-- TEST: who is enrolled, where.
select set_eq(
  format($$select lead_id, campaign_id, decision from r where account_id = %L$$, :'a'),
  format($$values (%L::uuid, %L::uuid, 'enrolled'::text), (%L::uuid, %L::uuid, 'enrolled'::text)$$,
         :'l_ok', :'c_auto', :'l_touched', :'c_auto'),
  'status new with a phone and not dead (any other lead_state): enrolled in the active auto_enroll campaign only');
select set_eq(
  format($$select lead_id, campaign_id from public.campaign_leads where account_id = %L$$, :'a'),
  format($$values (%L::uuid, %L::uuid), (%L::uuid, %L::uuid)$$, :'l_ok', :'c_auto', :'l_touched', :'c_auto'),
  'campaign_leads holds exactly those enrollments');

-- TEST: the enrollment.
select results_eq(
  format($$select status, current_step, enrolled_at, next_step_at from public.campaign_leads where lead_id = %L$$, :'l_ok'),
  format($$values ('active'::text, 1, %L::timestamptz, %L::timestamptz)$$, :'now', :'now'::timestamptz + interval '5 minutes'),
  'active at step 1, enrolled at p_now, due after the step''s delay');
select results_eq(
  format($$select first_step, first_channel, next_step_at from r where lead_id = %L$$, :'l_ok'),
  format($$values (1, 'sms'::text, %L::timestamptz)$$, :'now'::timestamptz + interval '5 minutes'),
  'the result names the first step, its channel and when it is due');

-- TEST: memory.
select is(
  (select count(*)::int from public.core_memory_events
   where lead_id = :'l_ok' and event_type = 'cadence_enrolled' and payload->>'campaign_id' = :'c_auto' and created_at = :'now'::timestamptz),
  1, 'a cadence_enrolled event for the enrollment');

-- TEST: other accounts' campaigns are not mixed in.
select is((select count(*)::int from public.campaign_leads where campaign_id = :'c_b'), 0,
  'account b''s auto campaign gets none of account a''s leads (b has no leads)');

select * from finish();
rollback;
