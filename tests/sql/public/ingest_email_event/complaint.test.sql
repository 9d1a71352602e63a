-- A spam complaint suppresses email to that address (reason complaint).
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('elastic_email', true);
select tests.set_provider(:'a', 'email', 'elastic_email');
update public.org_settings set contact_email = 'sales@dealer.example' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.sent_touch(:'a', :'l', 'email', 'EE-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_email_event('elastic_email', 'ev-1', 'complained', null, 'EE-1', null, :'now'::timestamptz + interval '1 hour') as r;
reset role;

-- TEST: suppressed.
select results_eq(format($$select channel::text, email::text, reason from public.suppressions where account_id = %L$$, :'a'),
  $$values ('email'::text, 'ana@example.com'::text, 'complaint'::text)$$,
  'an email suppression of the message''s address, reason complaint');
select results_eq(format($$select direction, channel::text from public.core_memory_events where lead_id = %L and event_type = 'email_complaint'$$, :'l'),
  $$values ('inbound'::text, 'email'::text)$$, 'an email_complaint event');
select is((select suppressed_channels from public.lead_suppression_status_v1 where lead_id = :'l'), array['email'],
  'lead_suppression_status_v1: email suppressed');

select * from finish();
rollback;
