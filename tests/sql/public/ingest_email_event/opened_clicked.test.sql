-- Opens and clicks add engagement (email_opened, email_clicked) and change no status.
begin;
select plan(3);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('elastic_email', true);
select tests.set_provider(:'a', 'email', 'elastic_email');
update public.org_settings set contact_email = 'sales@dealer.example' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.sent_touch(:'a', :'l', 'email', 'EE-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_email_event('elastic_email', 'ev-open', 'opened', null, 'EE-1', null, :'now'::timestamptz + interval '1 hour') as r
union all
select 2, public.ingest_email_event('elastic_email', 'ev-click', 'clicked', null, null, :'t', :'now'::timestamptz + interval '2 hours');
reset role;

-- TEST: events.
select set_eq(
  format($$select event_type, score_delta, direction, payload->>'touch_run_id' as touch, created_at from public.core_memory_events
           where lead_id = %L and event_type like 'email\_%%'$$, :'l'),
  format($$values ('email_opened'::text, 1, 'inbound'::text, %1$L::text, %2$L::timestamptz), ('email_clicked', 3, 'inbound', %1$L, %3$L)$$,
         :'t', :'now'::timestamptz + interval '1 hour', :'now'::timestamptz + interval '2 hours'),
  'email_opened (score 1) and email_clicked (score 3), naming the touch');

-- TEST: no status change, no suppression.
select is((select status from public.touch_runs where id = :'t'), 'sent', 'the touch stays sent');
select is((select count(*)::int from public.suppressions), 0, 'nothing is suppressed');

select * from finish();
rollback;
