-- No address: null.
begin;
select plan(4);

-- TEST: null when there is no address.
select is(brain.extract_email('call me at 305 555 0101'), null, 'no address: null');
select is(brain.extract_email('me @ home'), null, 'a lone @ is not an address');
select is(brain.extract_email('ana@localhost'), null, 'an address without a dotted domain is not taken');
select is(brain.extract_email(null), null, 'null: null');

select * from finish();
rollback;
