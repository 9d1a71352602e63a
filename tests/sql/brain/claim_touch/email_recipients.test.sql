-- Consent first for an email that names its recipients (payload delivery.to / delivery.cc:
-- an AI draft answering a CC'd colleague goes To them, the lead CC'd): every address must
-- be one of the lead's own (its email or alternate_emails) and none suppressed for email;
-- otherwise the touch is canceled before any outbound row exists. An email that names
-- nobody goes to the lead's email, as before.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '1 hour' as created \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101', 'pat@example.com') as l \gset
update public.leads set alternate_emails = array['jordan@example.com', 'alex@example.com']::public.email_address[] where id = :'l';
insert into public.suppressions (account_id, channel, email, reason, created_at)
values (:'a', 'email', 'alex@example.com', 'unsubscribe', :'now'::timestamptz - interval '1 day'),
       (:'a', null, 'gone@example.com', 'manual', :'now'::timestamptz - interval '1 day');
update public.leads set alternate_emails = alternate_emails || 'gone@example.com'::public.email_address where id = :'l';

-- One touch per case, each its own attempt (send_key).
create temp table touches on commit drop as
select k, tests.create_touch(:'a', :'l', null, 1, 'email', n, :'created',
         tests.payload_v2('email') #- '{routing,fallback}'
           || jsonb_build_object('delivery', jsonb_build_object('body', 'Happy to meet', 'subject', 'Re: quote') || d)) as id
from (values
  ('colleague_to_lead_cc', 1, '{"to": "Jordan@Example.com", "cc": ["pat@example.com"]}'::jsonb),
  ('stranger_to', 2, '{"to": "someone@else.com", "cc": ["pat@example.com"]}'),
  ('stranger_cc', 3, '{"to": "jordan@example.com", "cc": ["pat@example.com", "boss@else.com"]}'),
  ('suppressed_to', 4, '{"to": "alex@example.com", "cc": ["pat@example.com"]}'),
  ('suppressed_everywhere_cc', 5, '{"to": "jordan@example.com", "cc": ["gone@example.com"]}'),
  ('cc_not_a_list', 6, '{"to": "jordan@example.com", "cc": "pat@example.com"}'),
  ('plain', 7, '{}')) x(k, n, d);
create temp table res on commit drop as
select t.k, t.id, brain.claim_touch(t.id, null, :'now') as r from touches t;

-- TEST: the outcomes.
select set_eq(
  $$select k, r ->> 'outcome', coalesce(r ->> 'reason', '') from res$$,
  $$values ('colleague_to_lead_cc', 'claimed', ''),
           ('stranger_to', 'canceled', 'recipient_not_lead_address'),
           ('stranger_cc', 'canceled', 'recipient_not_lead_address'),
           ('suppressed_to', 'canceled', 'recipient_suppressed'),
           ('suppressed_everywhere_cc', 'canceled', 'recipient_suppressed'),
           ('cc_not_a_list', 'canceled', 'invalid_recipients'),
           ('plain', 'claimed', '')$$,
  'only the lead''s own, unsuppressed addresses may be written to; a malformed list is refused');

-- TEST: what the driver is handed.
select is((select r -> 'send' ->> 'to' from res where k = 'colleague_to_lead_cc'), 'jordan@example.com',
  'To: the colleague (lower-cased)');
select is((select r -> 'send' -> 'cc' from res where k = 'colleague_to_lead_cc'), '["pat@example.com"]'::jsonb,
  'Cc: the lead');
select is((select r -> 'send' ->> 'to' from res where k = 'plain'), 'pat@example.com', 'no delivery.to: the lead''s email');
select ok((select not (r -> 'send' ? 'cc') from res where k = 'plain'), 'no delivery.cc: no cc in the send');

-- TEST: the outbound row keeps the recipients; a canceled touch has none.
select results_eq(
  format($$select to_address, cc_addresses from public.outbound_messages where touch_run_id = %L$$,
         (select id from res where k = 'colleague_to_lead_cc')),
  $$values ('jordan@example.com'::text, array['pat@example.com']::text[])$$,
  'outbound_messages: to the colleague, cc the lead');
select is((select count(*)::int from public.outbound_messages m join res on res.id = m.touch_run_id
           where res.r ->> 'outcome' = 'canceled'), 0, 'no outbound row for a canceled touch');
select is((select count(*)::int from public.touch_runs t join res on res.id = t.id
           where res.r ->> 'outcome' = 'canceled' and t.status = 'canceled' and t.error_code = res.r ->> 'reason'), 5,
  'each canceled touch: status canceled, error_code = the reason');

-- TEST: the colleague's address suppressed later: a new touch to them is canceled.
insert into public.suppressions (account_id, channel, email, reason, created_at)
values (:'a', 'email', 'jordan@example.com', 'unsubscribe', :'now'::timestamptz - interval '1 minute');
select is(brain.claim_touch(tests.create_touch(:'a', :'l', null, 1, 'email', 8, :'created',
            tests.payload_v2('email') #- '{routing,fallback}'
              || '{"delivery": {"body": "Hi again", "subject": "Re: quote", "to": "jordan@example.com", "cc": ["pat@example.com"]}}'::jsonb),
          null, :'now') ->> 'reason',
  'recipient_suppressed', 'once the colleague unsubscribed, a draft to them is canceled');

select * from finish();
rollback;
