-- A number nobody owns routes nowhere: no row.
begin;
select plan(3);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

-- TEST: no row.
select is_empty($$select * from brain.route_inbound_address('+13055550977', 'sms')$$, 'an unknown number: no row');
select is_empty($$select * from brain.route_inbound_address('+1305555090', 'sms')$$, 'a prefix of a known number: no row');
select is_empty($$select * from brain.route_inbound_address(null, 'sms')$$, 'null: no row');

select * from finish();
rollback;
