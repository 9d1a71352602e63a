-- A bounce: email to that address is suppressed (channel email, reason bounce),
-- the touch fails, pending email touches are canceled; SMS is untouched.
begin;
select plan(8);

select tests.local_at(-2, '10:00') as now \gset
select :'now'::timestamptz + interval '1 minute' as bounced_at \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('elastic_email', true);
select tests.set_provider(:'a', 'email', 'elastic_email');
update public.org_settings set contact_email = 'sales@dealer.example' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.sent_touch(:'a', :'l', 'email', 'EE-1', :'now') as t \gset
select tests.create_touch(:'a', :'l', null, 2, 'email', 1, :'now'::timestamptz + interval '1 day') as t_email_next \gset
select tests.create_touch(:'a', :'l', null, 2, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_sms_next \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.ingest_email_event('elastic_email', 'ev-1', 'bounced', 'ana@example.com', 'EE-1', null, :'bounced_at') as r;
reset role;

-- TEST: the result.
select is((select r->>'outcome' from res), 'recorded', 'recorded');
select is((select r->'effect'->>'outcome' from res), 'suppressed', 'the effect: suppressed');

-- TEST: the suppression.
select results_eq(
  format($$select channel::text, email::text, phone::text, reason, source, lead_id, created_at from public.suppressions where account_id = %L$$, :'a'),
  format($$values ('email'::text, 'ana@example.com'::text, null::text, 'bounce'::text, 'webhook_elastic_email'::text, %L::uuid, %L::timestamptz)$$,
         :'l', :'bounced_at'),
  'one email suppression of the address, reason bounce');
select results_eq(
  format($$select is_unsubscribed, suppressed_channels from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  $$values (false, array['email'])$$, 'lead_suppression_status_v1: only email is suppressed');

-- TEST: the touch fails.
select results_eq(format($$select t.status, t.error_code, m.status from public.touch_runs t join public.outbound_messages m on m.touch_run_id = t.id where t.id = %L$$, :'t'),
  $$values ('failed'::text, 'bounce'::text, 'failed'::text)$$, 'the sent touch and its message fail (bounce)');
select set_eq(format($$select event_type, direction from public.core_memory_events where lead_id = %L and event_type in ('email_bounce', 'delivery_failed')$$, :'l'),
  $$values ('email_bounce'::text, 'internal'::text), ('delivery_failed', 'outbound')$$, 'email_bounce and delivery_failed are logged');

-- TEST: pending touches.
select results_eq(format($$select status, error_code from public.touch_runs where id = %L$$, :'t_email_next'),
  $$values ('canceled'::text, 'channel_suppressed'::text)$$, 'the pending email touch is canceled');
select is((select status from public.touch_runs where id = :'t_sms_next'), 'scheduled', 'the pending SMS touch is not');

select * from finish();
rollback;
