-- The consent pre-pass reads the newest waiting receipts first: a STOP that just
-- arrived behind a backlog longer than one pass is suppressed by the very next
-- pass, and later passes read the older ones.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;

-- An older STOP, then 20 ordinary replies, then a new STOP.
select pg_temp.receive(:'a', 'SM-old-stop', '+13055550201', 'stop');
select pg_temp.receive(:'a', 'SM-q' || i, '+1305555' || (1000 + i)::text, 'what are your hours?') from generate_series(1, 20) i;
select pg_temp.receive(:'a', 'SM-new-stop', '+13055550202', 'Remove me from your list');

-- TEST: a pass of 5 reads the newest 5, the new STOP among them.
select is(brain.apply_pending_consent(5), '{"checked": 5, "opt_outs": 1, "suppressions": 3}'::jsonb, 'the first pass of 5 finds the new STOP');
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550202' and lifted_at is null), 3,
          'the new STOP''s phone is suppressed after one pass');
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550201'), 0,
          'the old STOP, at the back of the backlog, is not read yet');

-- TEST: later passes reach the oldest.
select brain.apply_pending_consent(5) from generate_series(1, 4);
select is((select count(*)::int from public.suppressions where account_id = :'a' and phone = '+13055550201' and lifted_at is null), 3,
          'later passes read the older receipts too');

select finish();
rollback;
