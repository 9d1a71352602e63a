-- Asking for the state a campaign is already in changes nothing and logs nothing.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as running \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', false) as paused \gset
select ctid::text as running_ctid from public.campaigns where id = :'running' \gset

-- TEST: activating an active campaign returns it unchanged and writes no event.
select results_eq(
  format($$select id, is_active, status from public.set_campaign_active(%L, true, 'ops@example.com')$$, :'running'),
  format($$values (%L::uuid, true, 'active'::text)$$, :'running'),
  'activating an active campaign returns it, still active');
select is(
  (select ctid::text from public.campaigns where id = :'running'),
  :'running_ctid',
  'the active campaign row was not rewritten (same tuple)');

-- TEST: pausing a paused campaign returns it unchanged and writes no event.
select results_eq(
  format($$select id, is_active, status from public.set_campaign_active(%L, false, 'ops@example.com')$$, :'paused'),
  format($$values (%L::uuid, false, 'paused'::text)$$, :'paused'),
  'pausing a paused campaign returns it, still paused');

select is_empty(
  format('select 1 from public.account_events where account_id = %L', :'a'),
  'no account event was written for either no-op');

-- TEST: a no-op between two real changes does not add an event.
select * from public.set_campaign_active(:'running', false);
select * from public.set_campaign_active(:'running', false);
select is(
  (select count(*)::int from public.account_events where subject_id = :'running'),
  1,
  'pause, then pause again: one event');
select * from public.set_campaign_active(:'running', true);
select is(
  (select count(*)::int from public.account_events where subject_id = :'running'),
  2,
  'the next real change is logged');

select * from finish();
rollback;
