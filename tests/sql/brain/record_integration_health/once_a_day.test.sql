-- An integration failing with an auth or configuration error alerts at most once a day
-- (the account's local date); other errors change nothing; a success heals it. The
-- dispatch outcome path feeds it.
begin;
select plan(13);

select tests.create_account() as a \gset
update public.org_settings set timezone = 'America/Los_Angeles' where account_id = :'a';
select tests.notification_member(:'a', 'owner') as owner \gset

set local role revenue_worker;
-- TEST: the first auth failure alerts; the next ones that day do not.
select is(brain.record_integration_health(:'a', 'twilio', 'http_401', '2026-01-15 17:00+00'), 'alerted', 'first failure: alerted');
select is(brain.record_integration_health(:'a', 'twilio', '20003', '2026-01-15 20:00+00'), 'failing', 'again that day: failing, no alert');
-- 07:30 UTC on the 16th is still the 15th in Los Angeles.
select is(brain.record_integration_health(:'a', 'twilio', 'http_401', '2026-01-16 07:30+00'), 'failing', 'still the 15th in Los Angeles: no alert');
select is(brain.record_integration_health(:'a', 'twilio', 'http_401', '2026-01-16 17:00+00'), 'alerted', 'the next local day: one more alert');
reset role;
select results_eq(format($$select dedupe_key, payload ->> 'integration', payload ->> 'error_code' from public.notification_events where account_id = %L order by created_at, dedupe_key$$, :'a'),
  $$values ('integration_failing:twilio:2026-01-15'::text, 'twilio'::text, 'http_401'::text), ('integration_failing:twilio:2026-01-16', 'twilio', 'http_401')$$,
  'one event per local day, keyed by integration and date');
select is((select count(*)::int from public.notification_deliveries d join public.notification_events e on e.id = d.event_id and e.account_id = d.account_id
           where e.account_id = :'a' and d.channel = 'in_app'), 2, 'the owner''s bell got two alerts, not four');
select results_eq(format($$select status, failing_since, last_error_code, last_alerted_on from public.integration_health where account_id = %L and integration = 'twilio'$$, :'a'),
  $$values ('failing'::text, '2026-01-15 17:00+00'::timestamptz, 'http_401'::text, '2026-01-16'::date)$$, 'failing since the first failure');

-- TEST: other errors are not an integration failure.
select is(brain.record_integration_health(:'a', 'telnyx', 'invalid_number', '2026-01-15 17:00+00'), 'ignored', 'a bad number: ignored');
select is(brain.record_integration_health(:'a', 'openai', 'http_429', '2026-01-15 17:00+00'), 'ignored', 'a rate limit: ignored');

-- TEST: a success heals it.
select is(brain.record_integration_health(:'a', 'twilio', null, '2026-01-16 18:00+00'), 'recovered', 'a success: recovered');
select results_eq(format($$select status, failing_since, last_ok_at from public.integration_health where account_id = %L and integration = 'twilio'$$, :'a'),
  $$values ('ok'::text, null::timestamptz, '2026-01-16 18:00+00'::timestamptz)$$, 'ok again');

-- TEST: the dispatch outcome path: a touch refused with 401 marks Elastic Email failing and alerts.
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'email', 1, '2026-01-15 17:55+00') as t \gset
update public.touch_runs set status = 'sending', provider = 'elastic_email' where id = :'t';
select brain.record_touch_outcomes(format('[{"touch_run_id":"%s","result":"rejected","error_code":"http_401","error_message":"bad key"}]', :'t')::jsonb, '2026-01-15 18:00+00');
select is((select status from public.integration_health where account_id = :'a' and integration = 'elastic_email'), 'failing', 'dispatch: elastic_email failing');
select is((select count(*)::int from public.notification_events where account_id = :'a' and dedupe_key = 'integration_failing:elastic_email:2026-01-15'), 1, 'and alerted');

select * from finish();
rollback;
