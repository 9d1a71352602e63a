-- Seed 000 cadenceFiltered: steps whose channel cannot send (email without
-- Elastic Email) are left out; the lead starts at the first ready step.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'email', 'elastic_email');
delete from public.provider_readiness where provider = 'elastic_email';
select tests.create_campaign(:'a') as c \gset
update public.campaigns set auto_enroll = true where id = :'c';
select tests.create_step(:'a', :'c', 1, 'email', p_subject => 'Hi');
select tests.create_step(:'a', :'c', 2, 'sms', p_delay_minutes => 30);
select tests.create_lead(:'a', '+13055550101', 'one@example.com') as l1 \gset

-- TEST: email not ready (no readiness row): starts at step 2.
create temp table r1 on commit drop as select * from public.run_cadence(p_now => :'now');
select results_eq($$select first_step, first_channel, decision from r1$$, $$values (2, 'sms'::text, 'enrolled'::text)$$,
  'Elastic Email not configured: the email step is filtered out, the lead starts at step 2 (sms)');
select results_eq(
  format($$select current_step, next_step_at from public.campaign_leads where lead_id = %L$$, :'l1'),
  format($$values (2, %L::timestamptz)$$, :'now'::timestamptz + interval '30 minutes'),
  'the enrollment starts at step 2, due after step 2''s delay');

-- TEST: with Elastic Email ready, step 1.
select tests.set_provider_ready('elastic_email', true);
select tests.create_lead(:'a', '+13055550102', 'two@example.com') as l2 \gset
create temp table r2 on commit drop as select * from public.run_cadence(p_now => :'now');
select results_eq($$select lead_id, first_step, first_channel from r2$$, format($$values (%L::uuid, 1, 'email'::text)$$, :'l2'),
  'Elastic Email ready: the lead starts at step 1 (email)');
select is((select current_step from public.campaign_leads where lead_id = :'l2'), 1, 'enrolled at step 1');

select * from finish();
rollback;
