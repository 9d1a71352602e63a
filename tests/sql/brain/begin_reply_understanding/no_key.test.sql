-- Without an OpenAI key, a reply the rules cannot tell is Neutral, source no_key, and
-- the reason says how to fix it; no draft follows.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.inbound_message(:'a', :'l', 'What is the price of the Civic?', :'now'::timestamptz - interval '5 minutes') as m \gset
select tests.inbound_message(:'a', :'l', 'And the mileage?', :'now'::timestamptz - interval '4 minutes') as m2 \gset

select brain.begin_reply_understanding(:'m', false, :'now') as r \gset

-- TEST: Neutral, no_key.
select is(:'r'::jsonb - 'plan' - 'reason', jsonb_build_object('state', 'classified', 'already', false, 'recorded', true,
  'tag', 'Neutral', 'source', 'no_key', 'drafts_rejected', 0), 'Neutral, source no_key');
select matches(:'r'::jsonb ->> 'reason', '^no OpenAI key: add one in Settings', 'the reason says what to do');
select results_eq(format($$select sentiment_tag, sentiment_source, sentiment_confidence, sentiment_reason ~ 'OPENAI_API_KEY' from public.inbound_messages where id = %L$$, :'m'),
  $$values ('Neutral'::text, 'no_key'::text, null::real, true)$$,
  'recorded: Neutral, no_key, no confidence, the reason kept');
select is(:'r'::jsonb -> 'plan' ->> 'reason', 'no draft for Neutral replies', 'no draft');

-- TEST: an unknown key state (null) is no key.
select is(brain.begin_reply_understanding(:'m2', null, :'now') ->> 'source', 'no_key', 'p_has_key null: no_key');

select * from finish();
rollback;
