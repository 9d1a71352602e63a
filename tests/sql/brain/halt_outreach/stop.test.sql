-- An opt-out or a booking (stopped): active and paused enrollments are stopped
-- with the reason; completed ones are left.
begin;
select plan(2);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_campaign(:'a') as c_active \gset
select tests.create_campaign(:'a') as c_paused \gset
select tests.create_campaign(:'a') as c_done \gset
select tests.enroll(:'a', :'c_active', :'l', :'now');
select tests.enroll(:'a', :'c_paused', :'l', :'now', p_status => 'paused');
select tests.enroll(:'a', :'c_done', :'l', :'now', p_status => 'completed');

-- TEST: stopped.
select is(brain.halt_outreach(:'l', 'opt_out', 'stopped', :'now'),
  '{"touches_canceled": 0, "timers_cancelled": 0, "enrollments_stopped": 2}'::jsonb, 'two enrollments stopped');
select set_eq(
  format($$select campaign_id, status, stopped_at, stop_reason from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'stopped'::text, %L::timestamptz, 'opt_out'::text), (%L, 'stopped', %L, 'opt_out'),
                  (%L, 'completed', null, null)$$, :'c_active', :'now', :'c_paused', :'now', :'c_done'),
  'active and paused enrollments stopped at p_now with stop_reason opt_out; the completed one is left');

select * from finish();
rollback;
