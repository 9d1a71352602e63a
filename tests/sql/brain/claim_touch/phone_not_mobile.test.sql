-- A text to a phone known to be a landline is canceled at claim time, before any
-- outbound_messages row exists (phone_not_mobile); a call to it goes, and so does a
-- carrier-required reply (the lead just texted from that number).
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '1 hour' as created \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101') as l \gset
update public.leads set phone_line_type = 'landline' where id = :'l';

select brain.claim_touch(tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'created'), null, :'now') as r \gset

-- TEST: canceled with a stable reason, nothing sent.
select is(:'r'::jsonb ->> 'outcome', 'canceled', 'the sms touch is canceled');
select is(:'r'::jsonb ->> 'reason', 'phone_not_mobile', 'reason phone_not_mobile');
select is((select error_code from public.touch_runs where lead_id = :'l' and channel = 'sms'), 'phone_not_mobile',
  'the touch records the reason');
select is((select count(*)::int from public.outbound_messages where account_id = :'a'), 0,
  'no outbound message was created');

-- TEST: a carrier-required reply to that number is still claimed.
select is(
  brain.claim_touch(brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'help', :'now'::timestamptz - interval '1 minute'),
                    null, :'now'::timestamptz + interval '5 seconds') ->> 'outcome',
  'claimed', 'a HELP reply to the landline that texted us goes');

select * from finish();
rollback;
