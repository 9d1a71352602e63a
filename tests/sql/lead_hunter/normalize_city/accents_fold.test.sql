-- Craigslist city keys: accents fold to their letter instead of vanishing
-- ("São Paulo" was "sopaulo"), and the folding is the one brain.fold_text does.
begin;
select plan(4);
select is(lead_hunter.normalize_city('São Paulo'), 'saopaulo', 'São Paulo → saopaulo');
select is(lead_hunter.normalize_city(' Fort Lauderdale '), 'fortlauderdale', 'spaces go');
select is(lead_hunter.normalize_city('Bogotá'), lead_hunter.normalize_city('BOGOTA'), 'accents and case do not matter');
select is(lead_hunter.normalize_city(' -- '), null, 'nothing left: null');
select * from finish();
rollback;
