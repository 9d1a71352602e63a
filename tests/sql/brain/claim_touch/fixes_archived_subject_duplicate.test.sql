-- An archived lead is never contacted; the stored email subject is rendered; a
-- duplicate intent does not spend a rate-limit slot.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
update public.leads set first_name = 'Ana' where id = :'l';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 hour', p_status => 'completed');

-- TEST: archived leads.
select tests.create_lead(:'a', '+13055550102') as arch \gset
update public.leads set status = 'archived' where id = :'arch';
select tests.enroll(:'a', :'c', :'arch', :'now'::timestamptz - interval '1 hour', p_status => 'completed');
select tests.create_touch(:'a', :'arch', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t_arch \gset
select is((brain.claim_touch(:'t_arch', 'w', :'now')) ->> 'reason', 'lead_archived', 'an archived lead''s touch is canceled');

-- TEST: the subject is stored as sent.
select jsonb_set(jsonb_set(tests.payload_v2('email'), '{delivery,subject}', '"Hello {{first_name}}"'),
                 '{delivery,variables}', '{"first_name": "Ana"}') as p \gset
select tests.create_touch(:'a', :'l', :'c', 1, 'email', 1, :'now'::timestamptz - interval '1 hour', :'p') as t_mail \gset
select is((brain.claim_touch(:'t_mail', 'w', :'now')) ->> 'outcome', 'claimed', 'the email is claimed');
select is((select subject from public.outbound_messages where touch_run_id = :'t_mail'), 'Hello Ana',
  'outbound_messages keeps the rendered subject');

-- TEST: a duplicate intent is refused before a sender slot is reserved.
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as t1 \gset
insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider)
values (:'a', :'l', 'sms', brain.send_key(:'l', :'c', 1, 'sms', 1), 'sink');
select is((brain.claim_touch(:'t1', 'w', :'now')) ->> 'reason', 'duplicate_send_key', 'the duplicate is canceled');
select is((select count(*)::int from public.sender_rate_state where account_id = :'a' and channel = 'sms'), 0,
  'no sender slot was reserved for it');

select * from finish();
rollback;
