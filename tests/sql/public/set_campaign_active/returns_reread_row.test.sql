-- set_campaign_active returns the campaign re-read from the table, with status following is_active.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', true) as other \gset

-- TEST: pausing returns exactly one row: the campaign, now paused.
select results_eq(
  format($$select id, is_active, status from public.set_campaign_active(%L, false, 'ops@example.com')$$, :'c'),
  format($$values (%L::uuid, false, 'paused'::text)$$, :'c'),
  'pausing returns the campaign with is_active false and status paused');
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'c'),
  $$values (false, 'paused'::text)$$,
  'the table holds the paused campaign');

-- TEST: activating returns the campaign, now active.
select results_eq(
  format($$select id, is_active, status from public.set_campaign_active(%L, true, 'ops@example.com')$$, :'c'),
  format($$values (%L::uuid, true, 'active'::text)$$, :'c'),
  'activating returns the campaign with is_active true and status active');

-- TEST: the returned row is the whole row as stored, not a copy of the arguments.
update public.campaigns set name = 'Renamed outside the toggle' where id = :'c';
create temp table returned on commit drop as select * from public.set_campaign_active(:'c', false);
select results_eq(
  'select * from returned',
  format($$select * from public.campaigns where id = %L$$, :'c'),
  'every column of the returned row equals the stored row');
select results_eq(
  'select name, is_active, status from returned',
  $$values ('Renamed outside the toggle'::text, false, 'paused'::text)$$,
  'the returned row carries columns the toggle did not touch, and the new state');

-- TEST: only the named campaign changes.
select results_eq(
  format('select is_active, status from public.campaigns where id = %L', :'other'),
  $$values (true, 'active'::text)$$,
  'another campaign of the account is left as it was');

select * from finish();
rollback;
