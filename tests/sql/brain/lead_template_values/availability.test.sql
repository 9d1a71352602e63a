-- {{booking_link}} and {{availability}} (seed 003 §12): availability is two open slots in
-- the lead's own zone, stated with it, only from a fresh cache; a touch that uses it is
-- held (and a refresh queued) when the cache is stale, canceled as missing data while
-- the refresh backs off, and when it goes, the slots it offered are recorded.
begin;
select plan(12);

select tests.local_at(1, '13:00') as now \gset
select tests.booking_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', p_timezone => 'America/Los_Angeles') as l \gset
update public.leads set first_name = 'Ana' where id = :'l';
-- 17:00 and 17:30 UTC on day 2, 22:30 UTC on day 3 (Los Angeles: 09:00, 09:30, 14:30).
select ((now() at time zone 'UTC')::date + 2 + time '17:00') at time zone 'UTC' as s1,
       ((now() at time zone 'UTC')::date + 2 + time '17:30') at time zone 'UTC' as s2,
       ((now() at time zone 'UTC')::date + 3 + time '22:30') at time zone 'UTC' as s3 \gset
select tests.fresh_slots(:'a', array[:'s1', :'s2', :'s3']::timestamptz[]);

-- TEST: the booking link and two slots on different days, in the lead's zone, named.
select is(brain.template_values(:'l') ->> 'booking_link', 'https://calendly.test/dealer/30min', '{{booking_link}} is the account''s link');
select is(brain.template_values(:'l') ->> 'availability',
          format('%s 09:00 or %s 14:30 (your time, America/Los_Angeles)',
                 to_char(:'s1'::timestamptz at time zone 'America/Los_Angeles', 'Dy'), to_char(:'s3'::timestamptz at time zone 'America/Los_Angeles', 'Dy')),
          '{{availability}}: the first slot of each of two days, in Los Angeles time, with the zone named');
select ok(exists (select 1 from public.template_variables() v where v.name = 'availability'),
          'availability is a template variable');

-- TEST: a stale cache: the variable is missing.
update public.availability_caches set expires_at = now() - interval '1 second' where account_id = :'a';
select is(brain.template_values(:'l') ? 'availability', false, 'no availability from an expired cache');

-- TEST: a touch that uses it is held and a refresh is queued.
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz - interval '5 minutes',
                          '{"delivery": {"body": "Hi {{first_name}}, can you do {{availability}}? Or pick: {{booking_link}}"}}') as t \gset
select is((select claim ->> 'reason' from brain.claim_touch_rows(:'a', array[:'t']::uuid[], 'w', :'now')), 'availability_pending',
          'held while the availability is refreshed');
select is((select status from public.touch_runs where id = :'t'), 'scheduled', 'the touch waits, scheduled');
select is((select count(*)::integer from graphile_worker.jobs where task_identifier = 'refresh_availability' and key = 'refresh_availability:' || :'a'),
          1, 'one refresh job for the account');

-- TEST: fresh again: it goes, rendered in the lead's zone, and the offered slots are recorded.
select tests.fresh_slots(:'a', array[:'s1', :'s2', :'s3']::timestamptz[]);
update public.touch_runs set scheduled_at = :'now'::timestamptz - interval '1 minute' where id = :'t';
select is((select claim ->> 'outcome' from brain.claim_touch_rows(:'a', array[:'t']::uuid[], 'w', :'now')), 'claimed', 'claimed once fresh');
select matches((select body from public.outbound_messages where touch_run_id = :'t'),
               '^Hi Ana, can you do \w{3} 09:00 or \w{3} 14:30 \(your time, America/Los_Angeles\)\? Or pick: https://calendly.test/dealer/30min$',
               'the text names the slots and the zone');
select results_eq(format($$select slot_start, label, time_zone::text, offer_order from public.offered_slots where touch_run_id = %L order by offer_order$$, :'t'),
                  format($$values (%L::timestamptz, %L::text, 'America/Los_Angeles'::text, 1), (%L::timestamptz, %L::text, 'America/Los_Angeles'::text, 2)$$,
                         :'s1', to_char(:'s1'::timestamptz at time zone 'America/Los_Angeles', 'Dy "09:00"'),
                         :'s3', to_char(:'s3'::timestamptz at time zone 'America/Los_Angeles', 'Dy "14:30"')),
                  'the two offered slots are recorded with their labels and zone');

-- TEST: backing off: a touch that needs availability is not sent blank, it is canceled as missing data.
update public.availability_caches set expires_at = now() - interval '1 second' where account_id = :'a';
select brain.record_availability(:'a', null, 'Calendly answered HTTP 500', 'failed', :'now');
select tests.create_touch(:'a', :'l', null, 2, 'sms', 1, :'now'::timestamptz - interval '5 minutes',
                          '{"delivery": {"body": "Still free {{availability}}?"}}') as t2 \gset
select is((select claim ->> 'reason' from brain.claim_touch_rows(:'a', array[:'t2']::uuid[], 'w', :'now')), 'missing_lead_data:availability',
          'canceled as missing data during the back-off');
select is((select count(*)::integer from public.outbound_messages where touch_run_id = :'t2'), 0, 'nothing was sent');

select * from finish();
rollback;
