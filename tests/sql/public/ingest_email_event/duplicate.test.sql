-- The same email event twice: the second is a duplicate with no effect.
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
select 1 as n, public.ingest_email_event('elastic_email', 'ev-1', 'clicked', null, 'EE-1', null, :'now') as r;
insert into res select 2, public.ingest_email_event('elastic_email', 'ev-1', 'clicked', null, 'EE-1', null, :'now');
reset role;

-- TEST: duplicate.
select is((select r from res where n = 2), jsonb_build_object('outcome', 'duplicate', 'account_id', :'a'), 'the replay is a duplicate');
select is((select count(*)::int from public.webhook_receipts where idempotency_key = 'ev-1'), 1, 'one receipt');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l' and event_type = 'email_clicked'), 1, 'one email_clicked');

select * from finish();
rollback;
