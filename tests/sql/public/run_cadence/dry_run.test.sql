-- p_dry_run returns the enrollments a real tick would make and writes nothing.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a') as c_empty \gset
update public.campaigns set auto_enroll = true where id in (:'c', :'c_empty');
select tests.create_step(:'a', :'c', 1, 'sms', p_delay_minutes => 15);
select tests.create_lead(:'a', '+13055550101') as l1 \gset
select tests.create_lead(:'a', '+13055550102') as l2 \gset

create temp table dry on commit drop as select * from public.run_cadence(p_dry_run => true, p_now => :'now');

-- TEST: the decisions.
select set_eq(
  $$select lead_id, campaign_id, first_step, next_step_at, decision from dry$$,
  format($$values (%1$L::uuid, %3$L::uuid, 1, %5$L::timestamptz, 'enrolled'::text), (%2$L::uuid, %3$L::uuid, 1, %5$L::timestamptz, 'enrolled'::text),
                  (%1$L::uuid, %4$L::uuid, null, null, 'no_ready_step'), (%2$L::uuid, %4$L::uuid, null, null, 'no_ready_step')$$,
         :'l1', :'l2', :'c', :'c_empty', :'now'::timestamptz + interval '15 minutes'),
  'dry run: both leads would be enrolled in c; c_empty has no ready step');

-- TEST: nothing written.
select is((select count(*)::int from public.campaign_leads where account_id = :'a'), 0, 'no enrollment');
select is((select count(*)::int from public.core_memory_events where account_id = :'a'), 0, 'no memory event');

-- TEST: the real tick does the same.
create temp table real_run on commit drop as select * from public.run_cadence(p_now => :'now');
select set_eq($$select * from real_run$$, $$select * from dry$$, 'a real tick returns the same rows');

select * from finish();
rollback;
