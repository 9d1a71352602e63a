-- A campaign with no step that can send enrolls nobody (decision no_ready_step).
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider(:'a', 'email', 'elastic_email');
select tests.set_provider_ready('elastic_email', false);
select tests.create_campaign(:'a') as c_email_only \gset
select tests.create_campaign(:'a') as c_no_steps \gset
update public.campaigns set auto_enroll = true where id in (:'c_email_only', :'c_no_steps');
select tests.create_step(:'a', :'c_email_only', 1, 'email', p_subject => 'Hi');
select tests.create_lead(:'a', '+13055550101', 'one@example.com') as l \gset

create temp table r on commit drop as select * from public.run_cadence(p_now => :'now');

-- TEST: no_ready_step, nothing enrolled.
select set_eq(
  $$select campaign_id, first_step, first_channel, next_step_at, decision from r$$,
  format($$values (%L::uuid, null::int, null::text, null::timestamptz, 'no_ready_step'::text), (%L::uuid, null, null, null, 'no_ready_step')$$,
         :'c_email_only', :'c_no_steps'),
  'only an unready email step, or no step at all: no_ready_step');
select is((select count(*)::int from public.campaign_leads where lead_id = :'l'), 0, 'no enrollment');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l'), 0, 'no cadence_enrolled event');

select * from finish();
rollback;
