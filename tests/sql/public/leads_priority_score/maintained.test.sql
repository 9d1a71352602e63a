-- leads.priority_score is a maintained copy of the live score: the same formula,
-- kept current by triggers, aged by brain.refresh_lead_priorities.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100', 'ana@example.com') as lead \gset

select results_eq(
  format('select priority_score, priority_scored_at is not null from public.leads where id = %L', :'lead'),
  $$values (20::smallint, true)$$, 'a new lead is scored on insert (new = 20, not gold: line type unknown)');
update public.leads set phone_line_type = 'mobile' where id = :'lead';
select is((select priority_score from public.leads where id = :'lead'), 30::smallint, 'becoming gold adds 10');
update public.leads set lead_state = 'high_intent' where id = :'lead';
select is((select priority_score from public.leads where id = :'lead'), 80::smallint, 'the state''s weight follows lead_state');
select tests.record_event(:'a', :'lead', 'reply_positive', now(), 'inbound', 'sms', '{}', 15);
select is((select priority_score from public.leads where id = :'lead'), 95::smallint, 'a scored memory event raises it at once');
select is(
  (select priority_score from public.leads where id = :'lead'),
  (select priority_score::smallint from public.lead_next_action_view_v5 where lead_id = :'lead'),
  'the stored copy equals the live score');

-- TEST: the refresh job ages engagement; events older than 30 days stop counting.
select tests.create_lead(:'a', '+13055550101') as aging \gset
select tests.record_event(:'a', :'aging', 'reply_positive', now() - interval '20 days', 'inbound', 'sms', '{}', 20);
select is((select priority_score from public.leads where id = :'aging'), 23::smallint,
  'a 20-day-old +20 counts 20·e^-2 = 2.7 → 23');
select cmp_ok(brain.refresh_lead_priorities(now() + interval '10 days 12 hours', 1000), '>=', 1, 'the job refreshes leads with recent scored events');
select is((select priority_score from public.leads where id = :'aging'), 20::smallint,
  '10.5 days later the event is 30.5 days old, past the 30-day horizon: back to 20');

select * from finish();
rollback;
