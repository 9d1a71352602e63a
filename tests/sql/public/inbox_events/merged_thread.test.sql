-- The unified thread: inbound and outbound messages of a lead on every channel,
-- one row each, in time order (outbound at sent_at, else created_at).
begin;
select plan(4);

select tests.local_at(-2, '10:00') as t0 \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.create_lead(:'a', '+13055550102') as other \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, from_address, to_address, body, sent_at, created_at)
values (:'a', :'l', 'sms', 'key-sms-1', 'twilio', 'delivered', '+13055550900', '+13055550101', 'Hi Ana, still looking?',
        :'t0'::timestamptz, :'t0'::timestamptz - interval '1 minute'),
       (:'a', :'l', 'email', 'key-email-1', 'elastic_email', 'pending', 'sales@dealer.example', 'ana@example.com', 'Details',
        null, :'t0'::timestamptz + interval '2 hours'),
       (:'a', :'other', 'sms', 'key-other-1', 'twilio', 'sent', '+13055550900', '+13055550102', 'Hi', :'t0'::timestamptz, :'t0'::timestamptz);
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, persona,
                                     body, keyword, classification, received_at)
values (:'a', :'l', 'sms', 'twilio', 'SM-1', '+13055550101', '+13055550900', 'initial', 'yes how much?', 'none', 'positive',
        :'t0'::timestamptz + interval '1 hour'),
       (:'a', :'l', 'whatsapp', 'twilio', 'WA-1', '+13055550101', '+13055550901', 'nudge', 'STOP', 'opt_out', 'keyword',
        :'t0'::timestamptz + interval '3 hours');

-- TEST: the thread, in time order.
select results_eq(
  format($$select direction, channel, body, occurred_at from public.inbox_events where lead_id = %L order by occurred_at$$, :'l'),
  format($$values ('outbound'::text, 'sms'::text, 'Hi Ana, still looking?'::text, %1$L::timestamptz),
                  ('inbound', 'sms', 'yes how much?', %2$L),
                  ('outbound', 'email', 'Details', %3$L),
                  ('inbound', 'whatsapp', 'STOP', %4$L)$$,
         :'t0', :'t0'::timestamptz + interval '1 hour', :'t0'::timestamptz + interval '2 hours', :'t0'::timestamptz + interval '3 hours'),
  'four messages, both directions, every channel, in time order (sent_at, else created_at, for outbound)');

-- TEST: inbound columns.
select results_eq(
  format($$select from_address, to_address, persona, keyword, classification, status from public.inbox_events
           where lead_id = %L and direction = 'inbound' order by occurred_at$$, :'l'),
  $$values ('+13055550101'::text, '+13055550900'::text, 'initial'::text, 'none'::text, 'positive'::text, null::text),
           ('+13055550101', '+13055550901', 'nudge', 'opt_out', 'keyword', null)$$,
  'inbound rows: numbers, persona, keyword, classification');

-- TEST: outbound columns.
select results_eq(
  format($$select from_address, to_address, status, provider, persona, keyword from public.inbox_events
           where lead_id = %L and direction = 'outbound' order by occurred_at$$, :'l'),
  $$values ('+13055550900'::text, '+13055550101'::text, 'delivered'::text, 'twilio'::text, null::text, null::text),
           ('sales@dealer.example', 'ana@example.com', 'pending', 'elastic_email', null, null)$$,
  'outbound rows: addresses, status, provider');

-- TEST: one lead's thread.
select is((select count(*)::int from public.inbox_events where lead_id = :'other'), 1, 'another lead''s thread holds its own message only');

select * from finish();
rollback;
