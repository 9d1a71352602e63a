-- An event for an email we did not send: unknown_message, nothing written; an
-- unknown event name is refused.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('elastic_email', true);
select tests.set_provider(:'a', 'email', 'elastic_email');
update public.org_settings set contact_email = 'sales@dealer.example' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.set_provider(:'a', 'sms');
select tests.sent_touch(:'a', :'l', 'sms', 'SM-1', :'now') as t_sms \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_email_event('elastic_email', 'ev-1', 'bounced', 'x@example.com', 'EE-unknown', null, :'now') as r
union all
select 2, public.ingest_email_event('elastic_email', 'ev-2', 'bounced', 'ana@example.com', null, :'t_sms', :'now');
select throws_ok($$select public.ingest_email_event('elastic_email', 'ev-3', 'spam', null, 'EE-1', null)$$, '22023', 'invalid_argument',
  'an unknown email event is refused');
reset role;

-- TEST: unknown.
select results_eq($$select r from res order by n$$,
  $$values ('{"outcome": "unknown_message"}'::jsonb), ('{"outcome": "unknown_message"}'::jsonb)$$,
  'an unknown transaction id, and an SMS touch: unknown_message');
select is((select count(*)::int from public.suppressions), 0, 'nothing is suppressed');
select is((select count(*)::int from public.webhook_receipts), 0, 'no receipt');

select * from finish();
rollback;
