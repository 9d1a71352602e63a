-- An id that names no campaign is refused with campaign_not_found and changes nothing.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c \gset

-- TEST: an unknown id raises campaign_not_found (P0002).
select throws_ok(
  $$select * from public.set_campaign_active('00000000-0000-4000-8000-000000000000', false, 'ops@example.com')$$,
  'P0002', 'campaign_not_found',
  'an unknown campaign id raises campaign_not_found');

-- TEST: the refusal logs nothing and leaves existing campaigns alone.
select is_empty('select 1 from public.account_events', 'no account event is written');
select results_eq(
  format('select is_active from public.campaigns where id = %L', :'c'),
  $$values (true)$$,
  'the existing campaign is unchanged');

select * from finish();
rollback;
