-- The number a lead wrote to picks the account and the persona (seed 004 Part 7)
-- and the console stage (Part 8).
begin;
select plan(4);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.set_all_providers(:'b');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901', '+13055550902');
select tests.give_sms_senders(:'b', '+12135550900');

create temp table res on commit drop as
select n, public.ingest_inbound_message('twilio', 'SM-' || n, 'sms', f, t, 'who is this?', :'now') as r
from (values (1, '+13055550101', '+13055550900'), (2, '+13055550102', '+13055550901'),
             (3, '+13055550103', '+13055550902'), (4, '+13055550104', '+12135550900')) x(n, f, t);

-- TEST: the result names account, persona and stage.
select results_eq(
  $$select n, r->>'outcome', (r->>'account_id')::uuid, r->>'persona', r->>'stage' from res order by n$$,
  format($$values (1, 'recorded'::text, %1$L::uuid, 'initial'::text, 'initial_message'::text),
                  (2, 'recorded', %1$L, 'nudge', 'nudger'),
                  (3, 'recorded', %1$L, 'booking', 'book_appointment'),
                  (4, 'recorded', %2$L, 'initial', 'initial_message')$$, :'a', :'b'),
  'initial, nudge and booking numbers of account a; account b''s number goes to b');

-- TEST: the stored messages.
select results_eq(
  $$select m.account_id, m.persona, m.from_address, m.to_address, m.provider, m.channel::text, m.received_at
    from public.inbound_messages m join res on (res.r->>'inbound_message_id')::uuid = m.id order by res.n$$,
  format($$values (%1$L::uuid, 'initial'::text, '+13055550101'::text, '+13055550900'::text, 'twilio'::text, 'sms'::text, %3$L::timestamptz),
                  (%1$L, 'nudge', '+13055550102', '+13055550901', 'twilio', 'sms', %3$L),
                  (%1$L, 'booking', '+13055550103', '+13055550902', 'twilio', 'sms', %3$L),
                  (%2$L, 'initial', '+13055550104', '+12135550900', 'twilio', 'sms', %3$L)$$, :'a', :'b', :'now'),
  'inbound_messages: account, persona, both numbers, provider, channel, received_at');

-- TEST: the lead belongs to the routed account.
select results_eq(
  $$select l.account_id from public.leads l join res on (res.r->>'lead_id')::uuid = l.id order by res.n$$,
  format($$values (%1$L::uuid), (%1$L), (%1$L), (%2$L)$$, :'a', :'b'),
  'each sender''s lead is in the account that owns the number');
select is((select payload->>'persona' from public.core_memory_events e join res on (res.r->>'lead_id')::uuid = e.lead_id
           where res.n = 2 and e.event_type = 'inbound_message'), 'nudge', 'the inbound_message event carries the persona');

select * from finish();
rollback;
