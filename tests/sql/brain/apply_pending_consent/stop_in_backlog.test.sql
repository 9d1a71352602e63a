-- Consent first: a STOP waiting in the receipts backlog suppresses its phone at once
-- (set-based, before the drain); the drain then applies the rest and sends exactly
-- one confirmation; a second STOP sends none.
begin;
select plan(9);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
update public.org_settings set business_name = 'Level 5 Motors' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', null, 'touched') as l \gset

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'is the red one still there?');
select pg_temp.receive(:'a', 'SM-2', '+13055550101', 'Please stop texting me');
select pg_temp.receive(:'a', 'SM-3', '+13055550102', 'how much?');

-- TEST: the pre-pass reads the three, one is a revocation, three suppressions.
select is(brain.apply_pending_consent(), '{"checked": 3, "opt_outs": 1, "suppressions": 3}'::jsonb,
          'checked 3, 1 opt-out, 3 suppressions');
select results_eq(
  format($$select channel::text, reason, lead_id from public.suppressions where account_id = %L and phone = '+13055550101'
           and lifted_at is null order by channel::text$$, :'a'),
  $$values ('sms'::text, 'opt_out_keyword'::text, null::uuid), ('voice', 'opt_out_keyword', null), ('whatsapp', 'opt_out_keyword', null)$$,
  'the phone is suppressed for sms, voice and whatsapp before the drain');
select is((select count(*)::int from public.inbound_messages where account_id = :'a'), 0, 'nothing else was applied yet');
-- TEST: claim_touch's consent check sees it now (lead_suppression_status).
select is((select brain.apply_pending_consent() ->> 'checked'), '0', 'a second pre-pass has nothing to read');

select brain.drain_webhook_receipts();

-- TEST: the drain applies the STOP: one confirmation, the suppressions now name the lead.
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload -> 'meta' ->> 'source' = 'opt_out_confirmation'), 1,
          'exactly one opt-out confirmation');
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550101' and lifted_at is null and lead_id = :'l'), 3,
          'the pre-pass suppressions now carry the lead');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'opt_out'), 1, 'one opt_out event');

-- TEST: a second STOP: no new suppression, no second confirmation.
select pg_temp.receive(:'a', 'SM-4', '+13055550101', 'STOP');
select is((select brain.apply_pending_consent() ->> 'suppressions'), '0', 'a second STOP creates no suppression');
select brain.drain_webhook_receipts();
select is((select count(*)::int from public.touch_runs where lead_id = :'l' and payload -> 'meta' ->> 'source' = 'opt_out_confirmation'), 1,
          'still one confirmation');

select finish();
rollback;
