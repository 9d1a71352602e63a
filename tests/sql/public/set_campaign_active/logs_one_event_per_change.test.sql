-- Every real change writes exactly one account_events row naming the campaign and the actor.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset

-- TEST: pausing an active campaign records one campaign_paused event.
select * from public.set_campaign_active(:'c', false, 'ops@example.com');
select results_eq(
  format($$select account_id, event_type, subject_type, subject_id, actor from public.account_events where subject_id = %L$$, :'c'),
  format($$values (%L::uuid, 'campaign_paused'::text, 'campaign'::text, %L::uuid, 'ops@example.com'::text)$$, :'a', :'c'),
  'one campaign_paused event for the campaign, with its account and actor');
select is(
  (select count(*)::int from public.account_events where account_id = :'a'),
  1,
  'the pause wrote exactly one account event');

-- TEST: activating it again records one campaign_activated event.
select * from public.set_campaign_active(:'c', true, 'owner@example.com');
select results_eq(
  format($$select event_type, subject_id, actor from public.account_events
           where subject_id = %L and event_type = 'campaign_activated'$$, :'c'),
  format($$values ('campaign_activated'::text, %L::uuid, 'owner@example.com'::text)$$, :'c'),
  'one campaign_activated event with the second actor');
select is(
  (select count(*)::int from public.account_events where account_id = :'a'),
  2,
  'two changes, two events in all');

-- TEST: the event records what the campaign was before.
select is(
  (select payload ->> 'campaign_key' from public.account_events where subject_id = :'c' and event_type = 'campaign_paused'),
  'autos_outbound_miami',
  'the event names the campaign_key');

-- TEST: without an actor the event is still written, with a null actor.
select * from public.set_campaign_active(:'c', false);
select is(
  (select count(*)::int from public.account_events
   where subject_id = :'c' and event_type = 'campaign_paused' and actor is null),
  1,
  'a change with no actor is logged with actor null');

select * from finish();
rollback;
