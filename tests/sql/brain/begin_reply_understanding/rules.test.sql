-- What the rules can tell is recorded at once, source rules, confidence 1, without a
-- model: an out-of-office text, an opt-out (by its ingest keyword), a bounce.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'lead@example.com') as l \gset
select tests.inbound_message(:'a', :'l', 'Estoy de vacaciones hasta el lunes', :'now'::timestamptz - interval '5 minutes') as ooo \gset
select tests.inbound_message(:'a', :'l', 'STOP', :'now'::timestamptz - interval '4 minutes', p_keyword => 'opt_out') as stop \gset
update public.inbound_messages set consent_rule = 'opt_out_keyword:stop' where id = :'stop';
select tests.inbound_message(:'a', :'l', 'Delivery failed', :'now'::timestamptz - interval '3 minutes', 'email',
  'mailer-daemon@mx.example.net', 'Undeliverable', p_auto_kind => 'bounce', p_auto_reason => 'DSN 5.1.1') as bounce \gset

-- p_has_key true: the rules still come first.
select brain.begin_reply_understanding(:'ooo', true, :'now') as r \gset

-- TEST: the answer.
select is(:'r'::jsonb - 'plan', jsonb_build_object('state', 'classified', 'already', false, 'recorded', true, 'tag', 'Out of Office',
  'source', 'rules', 'reason', 'out of office: "de vacaciones"', 'drafts_rejected', 0),
  'classified by the rules: Out of Office, source rules, the rule named');
select is(:'r'::jsonb -> 'plan' ->> 'wanted', 'false', 'no draft for an out-of-office');

-- TEST: what is recorded.
select results_eq(format($$select sentiment_tag, sentiment_source, sentiment_confidence, classified_at from public.inbound_messages where id = %L$$, :'ooo'),
  format($$values ('Out of Office'::text, 'rules'::text, 1::real, %L::timestamptz)$$, :'now'),
  'the message: tag, source rules, confidence 1, classified at p_now');
select results_eq(format($$select payload ->> 'tag', payload ->> 'source', dedupe_key from public.core_memory_events where event_type = 'reply_classified' and lead_id = %L$$, :'l'),
  format($$values ('Out of Office'::text, 'rules'::text, %L::text)$$, 'reply_classified:' || :'ooo'),
  'one reply_classified event');

-- TEST: consent and bounce.
select brain.begin_reply_understanding(:'stop', true, :'now') ->> 'tag' as stop_tag \gset
select brain.begin_reply_understanding(:'bounce', true, :'now') ->> 'tag' as bounce_tag \gset
select results_eq(format($$select %L::text, sentiment_reason from public.inbound_messages where id = %L$$, :'stop_tag', :'stop'),
  $$values ('Blacklist'::text, 'consent: opt_out (opt_out_keyword:stop)'::text)$$,
  'STOP (keyword opt_out at ingest) → Blacklist');
select results_eq(format($$select %L::text, sentiment_reason from public.inbound_messages where id = %L$$, :'bounce_tag', :'bounce'),
  $$values ('Blacklist'::text, 'bounce: DSN 5.1.1'::text)$$,
  'a bounce → Blacklist');
select results_eq(format($$select sentiment_tag, sentiment_tagged_at from public.leads where id = %L$$, :'l'),
  format($$values ('Blacklist'::text, %L::timestamptz)$$, :'now'::timestamptz - interval '3 minutes'),
  'the lead carries its latest reply''s tag');

select * from finish();
rollback;
