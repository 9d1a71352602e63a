-- Every campaign the bulk toggle changes gets one account_events row; unchanged ones get none.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as a1 \gset
select tests.create_campaign(:'a', 'newsletter', true) as a2 \gset
select tests.create_campaign(:'a', 'winback', false) as a_paused \gset
select tests.create_campaign(:'b', 'autos_outbound_miami', true) as b1 \gset

select * from public.set_campaigns_active_bulk(:'a', false, 'ops@example.com');

-- TEST: one campaign_paused event per changed campaign, with the actor.
select set_eq(
  format('select account_id, event_type, subject_type, subject_id, actor from public.account_events where account_id = %L', :'a'),
  format($$values (%L::uuid, 'campaign_paused'::text, 'campaign'::text, %L::uuid, 'ops@example.com'::text),
                  (%L::uuid, 'campaign_paused'::text, 'campaign'::text, %L::uuid, 'ops@example.com'::text)$$,
         :'a', :'a1', :'a', :'a2'),
  'one campaign_paused event for each of the two running campaigns');
select is(
  (select count(*)::int from public.account_events where account_id = :'a'),
  2,
  'exactly two events: none for the campaign that was already paused');

-- TEST: the other account gets no event.
select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'b'),
  'no event is written for B');

-- TEST: the opposite direction logs campaign_activated, one per campaign switched on.
select * from public.set_campaigns_active_bulk(:'a', true, 'owner@example.com');
select set_eq(
  format($$select subject_id from public.account_events where account_id = %L and event_type = 'campaign_activated' and actor = 'owner@example.com'$$, :'a'),
  format('values (%L::uuid), (%L::uuid), (%L::uuid)', :'a1', :'a2', :'a_paused'),
  'activating all logs one campaign_activated event for each of the three paused campaigns');
select is(
  (select count(*)::int from public.account_events where account_id = :'a'),
  5,
  'two pauses and three activations: five events in all');

select * from finish();
rollback;
