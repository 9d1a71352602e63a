-- A hard bounce suppresses the address and marks the lead's email hard_bounced; a soft one
-- only fails the message. Both are recorded for the sender.
begin;
select plan(6);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', null, 'hard@example.com') as hard \gset
select tests.create_lead(:'a', null, 'soft@example.com') as soft \gset
select tests.sent_touch(:'a', :'hard', 'email', 'EE-H', :'now') as th \gset
select tests.sent_touch(:'a', :'soft', 'email', 'EE-S', :'now') as ts \gset

select public.ingest_email_event('sink', 'ev-h', 'bounced', 'hard@example.com', 'EE-H', null, :'now'::timestamptz + interval '1 hour', null, 'hard');
select public.ingest_email_event('sink', 'ev-s', 'bounced', 'soft@example.com', 'EE-S', null, :'now'::timestamptz + interval '1 hour', null, 'soft');

-- TEST: hard.
select results_eq(format($$select email_status, email_bounced_at from public.leads where id = %L$$, :'hard'),
  format($$values ('hard_bounced'::text, %L::timestamptz)$$, :'now'::timestamptz + interval '1 hour'), 'hard: the lead''s email is hard_bounced');
select is((select count(*)::int from public.suppressions where account_id = :'a' and email = 'hard@example.com'), 1, 'hard: suppressed');

-- TEST: soft.
select isnt((select email_status from public.leads where id = :'soft'), 'hard_bounced', 'soft: the lead is not marked');
select is((select count(*)::int from public.suppressions where account_id = :'a' and email = 'soft@example.com'), 0, 'soft: not suppressed');
select results_eq(format($$select status, error_code from public.outbound_messages where touch_run_id = %L$$, :'ts'),
  $$values ('failed'::text, 'soft_bounce'::text)$$, 'soft: the message failed as soft_bounce');

-- TEST: both counted for the sender.
select set_eq(format($$select kind from public.sender_reputation_events where account_id = %L$$, :'a'),
  $$values ('hard_bounce'::text), ('soft_bounce')$$, 'both recorded for the sender''s health');

select * from finish();
rollback;
