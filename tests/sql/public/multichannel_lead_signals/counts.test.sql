-- Per lead: messages each way (outbound only when sent or delivered), channels,
-- last contact both ways, positive / negative replies and opt-outs.
begin;
select plan(3);

select tests.local_at(-2, '10:00') as t0 \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.create_lead(:'a', '+13055550102') as quiet \gset
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, keyword, classification, received_at)
values (:'a', :'l', 'sms', 'twilio', 'SM-1', '+13055550101', 'yes', 'none', 'positive', :'t0'::timestamptz + interval '1 hour'),
       (:'a', :'l', 'whatsapp', 'twilio', 'WA-1', '+13055550101', 'no gracias', 'none', 'negative', :'t0'::timestamptz + interval '2 hours'),
       (:'a', :'l', 'sms', 'twilio', 'SM-2', '+13055550101', 'STOP', 'opt_out', 'keyword', :'t0'::timestamptz + interval '3 hours');
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, sent_at, created_at)
values (:'a', :'l', 'sms', 'key-0000001', 'twilio', 'sent', :'t0'::timestamptz, :'t0'::timestamptz),
       (:'a', :'l', 'voice', 'key-0000002', 'twilio', 'delivered', :'t0'::timestamptz + interval '30 minutes', :'t0'::timestamptz),
       (:'a', :'l', 'email', 'key-0000003', 'elastic_email', 'failed', null, :'t0'::timestamptz + interval '4 hours'),
       (:'a', :'l', 'whatsapp', 'key-0000004', 'twilio', 'pending', null, :'t0'::timestamptz + interval '5 hours');

-- TEST: the lead's signals.
select results_eq(
  format($$select inbound_total::int, outbound_total::int, channels_replied, channels_contacted, last_inbound_at, last_inbound_channel,
                  last_outbound_at, positive_replies::int, negative_replies::int, opt_outs::int
           from public.multichannel_lead_signals where lead_id = %L$$, :'l'),
  format($$values (3, 2, array['sms', 'whatsapp'], array['sms', 'voice'], %L::timestamptz, 'sms'::text, %L::timestamptz, 1, 1, 1)$$,
         :'t0'::timestamptz + interval '3 hours', :'t0'::timestamptz + interval '30 minutes'),
  '3 in, 2 out (failed and pending not counted), channels each way, last contacts, 1 positive, 1 negative, 1 opt-out');

-- TEST: a lead with nothing.
select results_eq(
  format($$select inbound_total::int, outbound_total::int, channels_replied, channels_contacted, last_inbound_at, last_outbound_at,
                  positive_replies::int, negative_replies::int, opt_outs::int
           from public.multichannel_lead_signals where lead_id = %L$$, :'quiet'),
  $$values (0, 0, '{}'::text[], '{}'::text[], null::timestamptz, null::timestamptz, 0, 0, 0)$$,
  'a lead with no messages: zeros and empty lists');

-- TEST: one row per lead.
select is((select count(*)::int from public.multichannel_lead_signals where account_id = :'a'), 2, 'one row per lead');

select * from finish();
rollback;
