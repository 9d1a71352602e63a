-- Command OS resolves campaigns as people name them, accent- and case-insensitive.
begin;
select plan(9);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
insert into public.campaigns (account_id, campaign_key, name, is_active) values
  (:'a', 'autos_outbound_miami', 'Autos outbound — Miami', true),
  (:'a', 'autos_outbound_orlando', 'Autos outbound — Orlando', false),
  (:'a', 'clinic_reactivation', 'Clínica reactivación', false),
  (:'b', 'autos_outbound_tampa', 'Autos outbound — Tampa', true);

-- TEST: the phrase that used to fail ("apaga la campaña autos outbound miami").
select results_eq(
  format($$select campaign_key, match from public.resolve_campaign(%L, 'la campaña autos outbound miami') limit 1$$, :'a'),
  $$values ('autos_outbound_miami'::text, 'key'::text)$$, 'la campaña autos outbound miami: the Miami campaign by its key');
select results_eq(
  format($$select campaign_key, match from public.resolve_campaign(%L, 'autos miami')$$, :'a'),
  $$values ('autos_outbound_miami'::text, 'words'::text)$$, 'autos miami: only the Miami campaign, by its words');
select results_eq(
  format($$select campaign_key, match from public.resolve_campaign(%L, 'AUTOS OUTBOUND — MIAMI')$$, :'a'),
  $$values ('autos_outbound_miami'::text, 'key'::text)$$, 'the name as written, in capitals');
select results_eq(
  format($$select campaign_key, match from public.resolve_campaign(%L, 'clinica reactivacion')$$, :'a'),
  $$values ('clinic_reactivation'::text, 'name'::text)$$, 'accents do not matter: the name');

select results_eq(
  format($$select match from public.resolve_campaign(%L, %L)$$, :'a', (select id from public.campaigns where campaign_key = 'clinic_reactivation')),
  $$values ('id'::text)$$, 'the campaign id');

-- TEST: an ambiguous phrase returns every candidate, the active one first.
select results_eq(
  format($$select campaign_key from public.resolve_campaign(%L, 'autos')$$, :'a'),
  $$values ('autos_outbound_miami'::text), ('autos_outbound_orlando'::text)$$, 'autos: both autos campaigns, the active one first');

-- TEST: nothing, and never another account's campaign.
select is_empty(format($$select 1 from public.resolve_campaign(%L, 'tampa')$$, :'a'), 'another account''s campaign is not found');
select is_empty(format($$select 1 from public.resolve_campaign(%L, 'la campaña')$$, :'a'), 'only filler words: nothing');

-- TEST: as revenue_api of another account, row-level security hides them.
select tests.act_as('revenue_api', :'b');
select is_empty(format($$select 1 from public.resolve_campaign(%L, 'autos miami')$$, :'a'), 'row-level security applies to the caller');
reset role;

select * from finish();
rollback;
