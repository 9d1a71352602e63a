-- A transactional reply is a queued touch on step 100 without a campaign, marked
-- meta.transactional, with the body given; the next one is the next attempt.
begin;
select plan(6);

select tests.local_at(1, '22:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset

create temp table res on commit drop as
select 1 as n, brain.queue_transactional_reply(:'a', :'l', 'sms', 'opt_out_confirmation', 'Level 5: you are unsubscribed.', :'now') as id;
insert into res
select 2, brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'Level 5: for help call +13055550199.',
                                          :'now'::timestamptz + interval '1 minute');

-- TEST: the touch.
select results_eq(
  format($$select t.campaign_id, t.step, t.channel::text, t.attempt, t.status, t.scheduled_at, t.created_at
           from public.touch_runs t join res on res.id = t.id where res.n = 1$$),
  format($$values (null::uuid, 100, 'sms'::text, 1, 'queued'::text, %1$L::timestamptz, %1$L::timestamptz)$$, :'now'),
  'step 100, no campaign, attempt 1, queued at p_now');
select is(
  (select t.payload from public.touch_runs t join res on res.id = t.id where res.n = 1),
  '{"message_class": "transactional", "delivery": {"body": "Level 5: you are unsubscribed."},
    "meta": {"source": "opt_out_confirmation", "transactional": true, "created_by": "inbound"}}'::jsonb,
  'payload: transactional message class, the body, meta.source = the kind, meta.transactional = true');

-- TEST: the next reply is the next attempt.
select results_eq(
  $$select t.attempt, t.payload->'meta'->>'source' from public.touch_runs t join res on res.id = t.id order by res.n$$,
  $$values (1, 'opt_out_confirmation'::text), (2, 'help_reply')$$,
  'the second reply on the channel is attempt 2');

-- TEST: it goes through dispatch.
select is((select count(*)::int from tests.dispatch_jobs((select id from res where n = 1))), 1, 'one dispatch job for the reply');

-- TEST: other channels count separately; campaign touches on step 100 do not count.
select tests.create_campaign(:'a') as c \gset
select tests.create_touch(:'a', :'l', :'c', 100, 'whatsapp', 5, :'now');
select brain.queue_transactional_reply(:'a', :'l', 'whatsapp', 'help_reply', 'hi', :'now') as w \gset
select is((select attempt from public.touch_runs where id = :'w'), 1, 'the first whatsapp reply is attempt 1 (a campaign''s step 100 is another touch)');
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and campaign_id is null), 3,
  'three transactional touches in all');

select * from finish();
rollback;
