-- A transactional touch still needs a ready channel, an address, a sender and a
-- new send_key: those checks apply to it like to any touch.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_provider(:'a', 'sms');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select brain.queue_transactional_reply(:'a', :'l', 'whatsapp', 'help_reply', 'help', :'now') as t_not_ready \gset
select brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'help', :'now') as t_no_sender \gset
select tests.create_lead(:'a', null, 'bob@example.com') as l_email_only \gset
select brain.queue_transactional_reply(:'a', :'l_email_only', 'sms', 'help_reply', 'help', :'now') as t_unreachable \gset

-- TEST: channel not ready, unreachable.
select is(brain.claim_touch(:'t_not_ready', null, :'now') ->> 'reason', 'channel_not_ready',
  'no whatsapp provider: canceled channel_not_ready');
select is(brain.claim_touch(:'t_unreachable', null, :'now') ->> 'reason', 'unreachable',
  'a lead without a phone: canceled unreachable');

-- TEST: the sender check (a real provider, no number configured).
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'sms', 'twilio');
select is(brain.claim_touch(:'t_no_sender', null, :'now') ->> 'reason', 'no_sender',
  'no sms sender number: canceled no_sender');

-- TEST: one intent is sent once.
select brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'help', :'now') as t_dup \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status)
select account_id, lead_id, channel, brain.send_key(lead_id, null, 100, channel, attempt), 'twilio', 'sent'
from public.touch_runs where id = :'t_dup';
select is(brain.claim_touch(:'t_dup', null, :'now') ->> 'reason', 'duplicate_send_key',
  'its send_key already exists: canceled duplicate_send_key');

select * from finish();
rollback;
