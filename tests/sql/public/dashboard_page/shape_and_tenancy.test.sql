-- The dashboard's one read: health, readiness in channel order, errors, the
-- last day's touches, campaigns and 14 days, and nothing of another account.
begin;
select plan(9);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550191') as la \gset
select tests.create_lead(:'b', '+13055550192') as lb \gset
select tests.create_campaign(:'a', 'alpha_outbound') as ca \gset
select tests.create_campaign(:'b', 'bravo_outbound') as cb \gset
select tests.create_touch(:'a', :'la', :'ca', 1, 'sms', 1, '2026-12-05 09:00+00');
select tests.create_touch(:'b', :'lb', :'cb', 1, 'sms', 1, '2026-12-05 09:00+00');
select tests.create_touch(:'b', :'lb', :'cb', 1, 'email', 2, '2026-12-04 09:00+00');
-- Replies: Alpha's two of the week (one tagged, one not yet), one too old; Bravo's one.
select tests.inbound_message(:'a', :'la', 'Yes, how much?', '2026-12-04 10:00+00') as ma \gset
select brain.record_reply_sentiment(:'ma', 'Interested', 'llm', 'asks the price', 0.9, '2026-12-04 10:01+00');
select tests.inbound_message(:'a', :'la', 'ok', '2026-12-05 10:00+00');
select tests.inbound_message(:'a', :'la', 'old one', '2026-11-20 10:00+00');
select tests.inbound_message(:'b', :'lb', 'Bravo reply', '2026-12-05 10:00+00');

select tests.act_as('revenue_api', :'a');
select public.dashboard_page(:'a', '2026-12-05 12:00+00') as page \gset

-- TEST: the parts of the page, in order.
select results_eq(
  format($$select array_agg(k order by n) from json_object_keys(%L::json) with ordinality as t (k, n)$$, :'page'),
  $$values (array['health', 'readiness', 'errors', 'touches24h', 'campaigns', 'days', 'perDay', 'repliesByTag7d'])$$,
  'the dashboard''s parts, in order');
select ok((:'page'::json -> 'health' -> 'jobs') is not null, 'engine health');
select is((select array_agg(r ->> 'channel') from json_array_elements(:'page'::json -> 'readiness') r),
  array['sms', 'voice', 'whatsapp', 'email'], 'readiness in channel order');

-- TEST: 14 UTC days up to p_now, and touches per day and channel.
select is(json_array_length(:'page'::json -> 'days'), 14, 'fourteen days');
select is((:'page'::json -> 'days' ->> 13), '2026-12-05', 'the last day is p_now''s');
select is((:'page'::json -> 'perDay')::text, '{ "2026-12-05" : { "sms" : 1 } }', 'Alpha''s one touch, on its day');

-- TEST: Bravo's touches and campaigns are invisible to Alpha's API session (row-level security).
select is((:'page'::json -> 'touches24h')::text, '[{"channel" : "sms", "status" : "scheduled", "n" : 1}]', 'only Alpha''s touches of the last day');
select is((select array_agg(c ->> 'campaign_id') from json_array_elements(:'page'::json -> 'campaigns') c), array[:'ca'], 'only Alpha''s campaigns');
select is((:'page'::json -> 'repliesByTag7d')::text,
  '[{"tag" : "Interested", "n" : 1}, {"tag" : "Not classified yet", "n" : 1}]',
  'Alpha''s replies of the 7 days by tag: one Interested, one not classified yet; the older one and Bravo''s are not counted');

select * from finish();
rollback;
