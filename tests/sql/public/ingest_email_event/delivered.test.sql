-- sent / delivered move the email forward (through ingest_message_status).
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
select public.ingest_email_event('elastic_email', 'ev-1', 'delivered', null, 'EE-1', null, :'now'::timestamptz + interval '1 minute') as r;
reset role;

-- TEST: delivered.
select is((select r->'effect'->>'status' from res), 'delivered', 'the effect: delivered');
select results_eq(format($$select t.status, m.status, m.delivered_at from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  format($$values ('delivered'::text, 'delivered'::text, %L::timestamptz)$$, :'now'::timestamptz + interval '1 minute'),
  'the touch and message are delivered at the event''s time');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'touch_delivered'), 1, 'one touch_delivered');

select * from finish();
rollback;
