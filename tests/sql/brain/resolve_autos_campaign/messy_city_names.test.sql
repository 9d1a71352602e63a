-- City names typed by people: tabs, newlines and punctuation do not break the exact key.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', false);
select tests.create_campaign(:'a', 'autos_outbound_fort_lauderdale', false);

select is((select resolution from brain.resolve_autos_campaign(:'a', E'\tMiami\n')), 'ok', 'tabs and newlines around the city');
select is((select campaign_key from brain.resolve_autos_campaign(:'a', 'Miami!')), 'autos_outbound_miami', 'trailing punctuation');
select is((select campaign_key from brain.resolve_autos_campaign(:'a', ' Fort  Lauderdale. ')), 'autos_outbound_fort_lauderdale', 'inner runs of spaces become one _');
select is((select resolution from brain.resolve_autos_campaign(:'a', '!!!')), 'needs_confirmation', 'nothing left of the city means no city: both autos campaigns match');

select * from finish();
rollback;
