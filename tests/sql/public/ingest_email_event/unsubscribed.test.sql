-- An email unsubscribe suppresses email only: the lead is not unsubscribed and
-- SMS still goes.
begin;
select plan(5);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('elastic_email', true);
select tests.set_provider(:'a', 'email', 'elastic_email');
update public.org_settings set contact_email = 'sales@dealer.example' where account_id = :'a';
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.sent_touch(:'a', :'l', 'email', 'EE-1', :'now') as t \gset
select tests.create_touch(:'a', :'l', null, 2, 'sms', 1, :'now'::timestamptz + interval '2 hours') as t_sms \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_email_event('elastic_email', 'ev-1', 'unsubscribed', null, null, :'t', :'now'::timestamptz + interval '1 hour') as r;
reset role;

-- TEST: email suppressed.
select results_eq(format($$select channel::text, email::text, reason from public.suppressions where account_id = %L$$, :'a'),
  $$values ('email'::text, 'ana@example.com'::text, 'unsubscribe'::text)$$, 'an email suppression, reason unsubscribe');
select results_eq(format($$select is_unsubscribed, suppressed_channels from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  $$values (false, array['email'])$$, 'lead_suppression_status_v1: not unsubscribed, suppressed_channels {email}');
select is((select status from public.touch_runs where id = :'t'), 'sent', 'the sent touch is not failed by an unsubscribe');

-- TEST: SMS still goes.
select is((select status from public.touch_runs where id = :'t_sms'), 'scheduled', 'the pending SMS touch is kept');
select is(brain.claim_touch(:'t_sms', null, :'now'::timestamptz + interval '2 hours') ->> 'outcome', 'claimed', 'and claimed when due');

select * from finish();
rollback;
