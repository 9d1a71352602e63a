-- The rules path of reply understanding runs in the drain's transaction: a STOP, an
-- out-of-office and a "no thanks" are tagged there (source rules) and get no
-- inbound_post_process job; a reply the rules cannot read keeps its job, untagged.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');

create function pg_temp.receive(p_account uuid, p_id text, p_from text, p_body text) returns text
language sql as $$
  select public.receive_webhook(p_account, 'twilio', 'message:' || p_id, 'inbound_sms', 'inbound_message', 'phone:' || p_from,
    jsonb_build_object('provider', 'twilio', 'event_id', p_id, 'channel', 'sms', 'from', p_from, 'to', '+13055550900', 'body', p_body))
$$;
select pg_temp.receive(:'a', 'SM-1', '+13055550101', 'Stop texting me');
select pg_temp.receive(:'a', 'SM-2', '+13055550102', 'I am out of the office until Monday');
select pg_temp.receive(:'a', 'SM-3', '+13055550103', 'No thanks');
select pg_temp.receive(:'a', 'SM-4', '+13055550104', 'is it still for sale?');

create temp table drained on commit drop as select brain.drain_webhook_receipts() as r;

-- TEST: the counts.
select is((select r ->> 'tagged_by_rules' from drained), '3', 'three tagged by the rules');
select is((select r ->> 'post_process_jobs' from drained), '1', 'one job');
-- TEST: the tags.
select results_eq(
  format($$select provider_message_id, sentiment_tag, sentiment_source from public.inbound_messages where account_id = %L order by provider_message_id$$, :'a'),
  $$values ('SM-1'::text, 'Blacklist'::text, 'rules'::text), ('SM-2', 'Out of Office', 'rules'), ('SM-3', 'Not Interested', 'rules'), ('SM-4', null, null)$$,
  'Blacklist, Out of Office, Not Interested by the rules; the question is not tagged');
select results_eq(
  format($$select m.provider_message_id from graphile_worker.jobs j join public.inbound_messages m on j.key = 'inbound_post_process:' || m.id
           where m.account_id = %L$$, :'a'),
  $$values ('SM-4'::text)$$, 'only the question has an inbound_post_process job');
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'reply_classified'), 3,
  'three reply_classified events');

select * from finish();
rollback;
