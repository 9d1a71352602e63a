-- make reply answers to the number that last wrote to the lead, else the
-- first initial-persona sender of the lead's account; unknown phones get null.
begin;
select plan(4);

select tests.create_account('Alpha') as a \gset
select tests.give_senders(:'a', '+13055550170', '+13055550171');
select tests.create_lead(:'a', '+13055550172') as l \gset

-- TEST: nobody wrote yet: the account's initial sender.
select is(brain.reply_target_address('+13055550172', 'sms'), '+13055550170', 'no message yet: the initial-persona sender');

-- TEST: the number that last wrote wins.
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, to_address, from_address, created_at)
values (:'a', :'l', 'sms', 'reply-target-1', 'sink', 'sent', '+13055550172', '+13055550171', now() - interval '1 hour'),
       (:'a', :'l', 'sms', 'reply-target-2', 'sink', 'sent', '+13055550172', '+13055550170', now() - interval '2 hours');
select is(brain.reply_target_address('+13055550172', 'sms'), '+13055550171', 'the newest sender to that phone');

-- TEST: another channel has no message and no sender: null.
select is(brain.reply_target_address('+13055550172', 'whatsapp'), null, 'no whatsapp sender and no whatsapp message: null');

-- TEST: an unknown phone: null.
select is(brain.reply_target_address('+13055550199', 'sms'), null, 'a phone no lead has: null');

select * from finish();
rollback;
