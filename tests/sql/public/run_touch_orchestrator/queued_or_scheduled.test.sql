-- Inside the lead's 08:00–20:00 window the touch is queued for now; outside it
-- is scheduled at the next window start, in the lead's own time zone.
begin;
select plan(5);

select tests.local_at(1, '09:00') as morning \gset
select tests.local_at(1, '20:00') as evening \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');

-- +1305 is New York time; the second lead lives in Los Angeles (06:00 there at 09:00 New York).
select tests.create_lead(:'a', '+13055550101') as l_ny \gset
select tests.create_lead(:'a', '+13055550102', p_timezone => 'America/Los_Angeles') as l_la \gset
select tests.create_lead(:'a', '+13055550103') as l_night \gset
select tests.enroll(:'a', :'c', :'l_ny', :'morning'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c', :'l_la', :'morning'::timestamptz - interval '1 minute');
select tests.enroll(:'a', :'c', :'l_night', :'evening'::timestamptz - interval '1 minute');

create temp table r_morning on commit drop as select * from public.run_touch_orchestrator(p_now => :'morning');
create temp table r_evening on commit drop as select * from public.run_touch_orchestrator(p_now => :'evening');

-- TEST: 09:00 in New York: queued now.
select results_eq(
  format($$select decision, scheduled_at from r_morning where lead_id = %L$$, :'l_ny'),
  format($$values ('queued'::text, %L::timestamptz)$$, :'morning'),
  '09:00 local: queued at p_now');
select results_eq(
  format($$select status, scheduled_at from public.touch_runs where lead_id = %L$$, :'l_ny'),
  format($$values ('queued'::text, %L::timestamptz)$$, :'morning'),
  'the touch_run is queued at p_now');

-- TEST: 06:00 in Los Angeles: scheduled at 08:00 Los Angeles.
select results_eq(
  format($$select r.decision, r.scheduled_at, t.status, t.scheduled_at from r_morning r join public.touch_runs t on t.id = r.touch_run_id where r.lead_id = %L$$, :'l_la'),
  format($$values ('scheduled'::text, %1$L::timestamptz, 'scheduled'::text, %1$L::timestamptz)$$,
         tests.local_at(1, '08:00', 'America/Los_Angeles')),
  '06:00 local: scheduled at 08:00 in the lead''s zone');

-- TEST: 20:00 is outside (the window ends at 20:00): scheduled at 08:00 the next day.
select results_eq(
  format($$select r.decision, r.scheduled_at, t.status, t.scheduled_at from r_evening r join public.touch_runs t on t.id = r.touch_run_id where r.lead_id = %L$$, :'l_night'),
  format($$values ('scheduled'::text, %1$L::timestamptz, 'scheduled'::text, %1$L::timestamptz)$$, tests.local_at(2, '08:00')),
  '20:00 local: scheduled at 08:00 the next morning');

-- TEST: the dispatch job runs when the touch is due.
select results_eq(
  format($$select run_at from tests.dispatch_jobs((select touch_run_id from r_evening where lead_id = %L))$$, :'l_night'),
  format($$values (%L::timestamptz)$$, tests.local_at(2, '08:00')),
  'its dispatch job runs at the window start');

select * from finish();
rollback;
