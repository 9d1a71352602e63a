-- No made-up text: a text touch without a body is canceled (no "Hola!"); a call without
-- a script is dialled with no opening line (the gateway briefs the assistant); a
-- carrier-required reply is sent literally, never parsed as a template.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set business_name = 'Level 5 {{Motors}}' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset

-- Reactivation-style touches without a campaign or a body.
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '1 minute',
  jsonb_set(tests.payload_v2('sms'), '{delivery}', '{}')) as t_sms \gset
select tests.create_touch(:'a', :'l', null, 1, 'voice', 1, :'now'::timestamptz - interval '1 minute',
  jsonb_set(tests.payload_v2('voice'), '{delivery}', '{"body": "  "}')) as t_voice \gset

-- TEST: text without a body.
select is(brain.claim_touch(:'t_sms', 'w', :'now') - 'touch_run_id', '{"outcome": "canceled", "reason": "missing_body"}'::jsonb,
  'an sms without a body is canceled: missing_body');
select is((select error_message from public.touch_runs where id = :'t_sms'), 'not sent: the touch has no message body',
  'the touch says why');
select is((select count(*)::int from public.outbound_messages where touch_run_id = :'t_sms'), 0, 'nothing was sent, no "Hola!"');

-- TEST: a call without a script.
select is(brain.claim_touch(:'t_voice', 'w', :'now') -> 'send' ->> 'body', '',
  'a voice touch without a script is dialled with an empty opening, no default line');

-- TEST: a transactional reply is literal.
select brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'Level 5 {{Motors}}: reply STOP to unsubscribe.', :'now') as t_help \gset
select is(brain.claim_touch(:'t_help', 'w', :'now') -> 'send' ->> 'body', 'Level 5 {{Motors}}: reply STOP to unsubscribe.',
  'a carrier-required reply is sent as written, braces and all');

-- TEST: a manual message is checked when it is queued.
select is(tests.error_of(format($$select public.queue_manual_message(%L, 'sms', 'Hi {{first_name}}', null, 'ops', %L)$$, :'l', :'now')) - 'hint',
  '{"code": "22023", "message": "missing_lead_data", "detail": "the message cannot be sent to this lead (missing_lead_data:first_name): fill in the lead, remove the placeholder or give it a default such as {{first_name|there}}"}'::jsonb,
  'a manual message naming a missing value is refused at once');

select * from finish();
rollback;
