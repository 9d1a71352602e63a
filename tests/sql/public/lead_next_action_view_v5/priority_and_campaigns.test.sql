-- priority_score = state weight + decayed 30-day engagement (clamped to ±20) + 10 for
-- a gold lead (mobile phone and email), within 0..100; and a lead in two campaigns.
begin;
select plan(12);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');

create temp table p (label text, lead_id uuid) on commit drop;
insert into p values
  ('new', tests.create_lead(:'a', '+13055550100')),
  ('high_intent', tests.create_lead(:'a', '+13055550101', p_lead_state => 'high_intent')),
  ('gold', tests.create_lead(:'a', '+13055550102', 'gold@example.com')),
  ('recent', tests.create_lead(:'a', '+13055550103')),
  ('decayed', tests.create_lead(:'a', '+13055550104')),
  ('old', tests.create_lead(:'a', '+13055550105')),
  ('hot', tests.create_lead(:'a', '+13055550106', 'hot@example.com', p_lead_state => 'high_intent')),
  ('cold', tests.create_lead(:'a', '+13055550107'));
update public.leads set phone_line_type = 'mobile' where id in (select lead_id from p where label in ('gold', 'hot'));
select tests.record_event(:'a', (select lead_id from p where label = 'recent'), 'reply_positive', '2026-06-10 16:00+00', 'inbound', 'sms', '{}', 10);
select tests.record_event(:'a', (select lead_id from p where label = 'decayed'), 'reply_positive', '2026-05-31 16:00+00', 'inbound', 'sms', '{}', 10);
select tests.record_event(:'a', (select lead_id from p where label = 'old'), 'reply_positive', '2026-05-11 15:59+00', 'inbound', 'sms', '{}', 50);
select tests.record_event(:'a', (select lead_id from p where label = 'hot'), 'call_hot', '2026-06-10 16:00+00', 'inbound', 'voice', '{}', 50);
select tests.record_event(:'a', (select lead_id from p where label = 'cold'), 'reply_negative', '2026-06-10 16:00+00', 'inbound', 'sms', '{}', -50);

select set_eq(
  $$select p.label, v.priority_score from p join brain.lead_next_action_at('2026-06-10 16:00+00') v on v.lead_id = p.lead_id$$,
  $$values ('new', 20), ('high_intent', 70), ('gold', 30), ('recent', 30), ('decayed', 24), ('old', 20), ('hot', 100), ('cold', 0)$$,
  'weights, engagement decay (10 points 10 days old count 3.7), the 30-day horizon, the gold boost and the clamps');

update public.lead_states set priority_weight = 60 where state = 'new';
select is(
  (select v.priority_score from p join brain.lead_next_action_at('2026-06-10 16:00+00') v on v.lead_id = p.lead_id where p.label = 'new'),
  60, 'the state weights are data in lead_states');
update public.lead_states set priority_weight = 20 where state = 'new';

-- TEST: ordering by priority puts the hottest first.
select results_eq(
  $$select p.label from p join brain.lead_next_action_at('2026-06-10 16:00+00') v on v.lead_id = p.lead_id
    order by v.priority_score desc, p.label limit 2$$,
  $$values ('hot'), ('high_intent')$$,
  'a page ordered by priority_score starts with the hottest leads');

-- TEST: a lead in two active campaigns follows the one due first, and their attempts stay apart.
select tests.create_campaign(:'a', 'camp_a', true) as ca \gset
select tests.create_campaign(:'a', 'camp_b', true) as cb \gset
insert into public.campaign_steps (account_id, campaign_id, step, channel, subject, body) values
  (:'a', :'ca', 1, 'email', 'Hello', 'Hi'), (:'a', :'cb', 1, 'sms', null, 'Hi');
select tests.create_lead(:'a', '+13055550199', 'two@example.com') as two \gset
insert into public.campaign_leads (account_id, campaign_id, lead_id, next_step_at) values
  (:'a', :'ca', :'two', '2026-06-12 15:00+00'),
  (:'a', :'cb', :'two', '2026-06-11 15:00+00');
select results_eq(
  format($$select campaign_id, recommended_channel, next_action_at from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'two'),
  format($$values (%L::uuid, 'sms'::text, timestamptz '2026-06-11 15:00+00')$$, :'cb'),
  'the campaign whose step is due first decides');
update public.campaigns set is_active = false where id = :'cb';
select results_eq(
  format($$select campaign_id, recommended_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'two'),
  format($$values (%L::uuid, 'email'::text)$$, :'ca'),
  'with that campaign off, the other one');
update public.campaigns set is_active = true where id = :'cb';

-- Two email attempts in campaign A step 1 do not touch campaign B's SMS plan.
select tests.create_touch(:'a', :'two', :'ca', 1, 'sms', 1, '2026-06-01 15:00+00') as ta \gset
select tests.record_attempt(:'ta', '2026-06-01 15:01+00', 'touch_failed');
-- The touch itself failed too (a pending one would be reported instead: rule 2).
update public.touch_runs set status = 'sending' where id = :'ta';
update public.touch_runs set status = 'failed' where id = :'ta';
select results_eq(
  format($$select campaign_id, attempts_done from brain.lead_channel_attempts_at('2026-06-10 16:00+00') where lead_id = %L order by campaign_id$$, :'two'),
  format($$values (%L::uuid, 1::bigint)$$, :'ca'),
  'attempts are counted per campaign');
select is(
  (select effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'two'),
  'sms', 'campaign B still has its SMS attempt although campaign A used one on SMS');

-- TEST: recommended_delay_minutes and the single-lead query shape.
select is(
  (select recommended_delay_minutes from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'two'),
  1380, 'due in 23 hours: 1380 minutes');
select is(
  (select lead_name from brain.lead_next_action_at(now()) where lead_id = :'two'),
  null, 'lead_name is null without names');
update public.leads set first_name = 'Ana', last_name = 'Diaz' where id = :'two';
select is(
  (select lead_name from public.lead_next_action_view_v5 where lead_id = :'two'),
  'Ana Diaz', 'lead_name joins first and last name');
select is(
  (select count(*)::int from brain.lead_next_action_at(now()) where account_id = :'a'),
  (select count(*)::int from public.leads where account_id = :'a'), 'exactly one row per lead, even in two campaigns');
select is(
  (select count(*)::int from public.lead_next_action_view_v5 where account_id = :'a' and priority_score not between 0 and 100),
  0, 'every score is within 0..100');

select * from finish();
rollback;
