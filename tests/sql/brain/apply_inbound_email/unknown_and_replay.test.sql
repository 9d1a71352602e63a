-- Nothing is written for an email addressed to none of the account's sender addresses
-- that answers none of its messages (unknown_recipient), and a replay of a recorded email
-- (the same Message-ID, through either door) is a duplicate with no second effect.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_senders(:'a', 'sales@acme.test', null, null, 'email');
select tests.create_account() as b \gset
select tests.give_senders(:'b', 'hello@bravo.test', null, null, 'email');

-- TEST: unknown recipient (another account's address, or nobody's): nothing written.
select brain.apply_inbound_email(:'a', 'email', 'u1@example.com', 'new@example.com', null,
  array['hello@bravo.test', 'nobody@nowhere.test'], null, 'Hi', 'Interested!', null, null,
  p_received_at => :'now'::timestamptz) ->> 'outcome' as u1 \gset
select results_eq(format($$select %L::text, (select count(*)::int from public.leads where account_id = %L),
                                 (select count(*)::int from public.inbound_messages where account_id = %L)$$, :'u1', :'a', :'a'),
  $$values ('unknown_recipient'::text, 0, 0)$$, 'unknown_recipient: no lead, no message');

-- TEST: recorded once; the replay is a duplicate, through the other door too.
select brain.apply_inbound_email(:'a', 'email', 'same@example.com', 'new@example.com', null,
  array['Sales@Acme.test'], null, 'Hi', 'Interested!', p_received_at => :'now'::timestamptz) ->> 'outcome' as first \gset
select is(:'first'::text, 'recorded', 'first: recorded (our address matched case-insensitively)');
select is(brain.apply_inbound_email(:'a', 'email', 'same@example.com', 'new@example.com', null,
  array['sales@acme.test'], null, 'Hi', 'Interested!', p_received_at => :'now'::timestamptz) ->> 'outcome', 'duplicate', 'replay: duplicate');
select is(brain.apply_inbound_email(:'a', 'elastic_email', 'same@example.com', 'new@example.com', null,
  array['sales@acme.test'], null, 'Hi', 'Interested!', p_received_at => :'now'::timestamptz) ->> 'outcome', 'duplicate',
  'the same email through Elastic''s door: duplicate');
select results_eq(format($$select (select count(*)::int from public.inbound_messages where account_id = %L),
                                 (select count(*)::int from public.core_memory_events where account_id = %L and event_type = 'inbound_message')$$, :'a', :'a'),
  $$values (1, 1)$$, 'one message, one event');

select * from finish();
rollback;
