-- The lead page's one read: the keys the page and GET /api/v1/leads/:id show,
-- timestamps as ISO 8601, lists in page order, and nothing of another account.
begin;
select plan(11);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_user(:'a', 'setter') as setter \gset
select tests.create_lead(:'a', '+13055550181', 'ana@example.com') as la \gset
select tests.create_lead(:'b', '+13055550182') as lb \gset
select tests.create_campaign(:'a', 'alpha_outbound') as ca \gset
update public.leads set first_name = 'Ana', assigned_user_id = :'setter' where id = :'la';
insert into public.suppressions (account_id, channel, phone, reason, lead_id, created_at) values
  (:'a', 'sms', '+13055550181', 'opt_out', :'la', '2026-12-01 10:00+00'),
  (:'a', null, '+13055550181', 'manual_block', null, '2026-12-02 10:00+00');
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, received_at)
values (:'a', :'la', 'sms', 'twilio', 'SM-page-1', '+13055550181', '+13055550100', 'hola', '2026-12-03 10:00+00');

select tests.act_as('revenue_api', :'a');
select public.lead_page(:'la', '2026-12-05 12:00+00') as page \gset

-- TEST: the page names every part it shows, in the order the API always had.
select results_eq(
  format($$select array_agg(k order by n) from json_object_keys(%L::json) with ordinality as t (k, n)$$, :'page'),
  $$values (array['lead', 'next', 'suppression', 'suppressions', 'attempts', 'window', 'fallback', 'enrollments',
                  'timeline', 'campaigns', 'setters', 'followups', 'appointments',
                  'enrichment', 'reachability'])$$,
  'the page''s parts, in order');

-- TEST: the lead, its assignee's name and its timestamps as ISO 8601 strings.
select is((:'page'::json -> 'lead' ->> 'first_name'), 'Ana', 'the lead');
select ok((:'page'::json -> 'lead' ->> 'assigned_to') like 'user-%@example.com', 'the assignee''s name');
select ok((:'page'::json -> 'lead' ->> 'created_at') ~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d', 'created_at is an ISO 8601 string');

-- TEST: suppressions of the lead and its phone, newest first.
select is((select array_agg(s ->> 'reason') from json_array_elements(:'page'::json -> 'suppressions') s),
  array['manual_block', 'opt_out'], 'suppressions on the lead and its phone, newest first');

-- TEST: the timeline holds the reply; the pickers list this account's campaigns and setters.
select ok(exists (select 1 from json_array_elements(:'page'::json -> 'timeline') t where t ->> 'body' = 'hola'), 'the reply is on the timeline');
select is((select array_agg(c ->> 'id') from json_array_elements(:'page'::json -> 'campaigns') c), array[:'ca'], 'this account''s campaigns');
select is((select array_agg(s ->> 'id') from json_array_elements(:'page'::json -> 'setters') s), array[:'setter'], 'this account''s setters');
select is((:'page'::json -> 'window' ->> 'start'), '08:00', 'the send window');

-- TEST: another account's lead is not found (row-level security), and neither is a missing one.
select is(public.lead_page(:'lb')::text, null, 'Bravo''s lead is invisible to Alpha''s API session');
select is(public.lead_page(gen_random_uuid())::text, null, 'a missing lead is not found');

select * from finish();
rollback;
