-- A digest is due within ±12 minutes of the user's digest time in their own zone, once
-- per local date and channel: Los Angeles across the DST change, Kolkata's half-hour
-- offset, a late-evening digest seen after midnight.
begin;
select plan(14);

select tests.create_account() as a \gset
select tests.notification_member(:'a', 'owner', '09:00', 'America/Los_Angeles') as la \gset
select tests.notification_member(:'a', 'owner', '09:00', 'Asia/Kolkata') as kol \gset
select tests.notification_member(:'a', 'owner', '23:55', 'America/Los_Angeles') as late \gset
select tests.notification_member(:'a', 'viewer', '09:00', 'America/Los_Angeles') as viewer \gset

create function pg_temp.due(p_now timestamptz) returns setof text language sql as $$
  select d.user_id::text || ' ' || d.channel || ' ' || d.local_date::text from brain.notification_digests_due(p_now) d
$$;

-- TEST: Los Angeles in winter (PST, UTC-8): 09:00 local is 17:00 UTC.
select ok(exists (select 1 from pg_temp.due('2026-01-15 17:10:00+00') x where x = :'la' || ' email 2026-01-15'), '09:10 PST: due (inside +12)');
select ok(exists (select 1 from pg_temp.due('2026-01-15 16:48:00+00') x where x = :'la' || ' email 2026-01-15'), '08:48 PST: due (exactly -12)');
select ok(not exists (select 1 from pg_temp.due('2026-01-15 17:13:00+00') x where x like :'la' || '%'), '09:13 PST: not due');
select ok(not exists (select 1 from pg_temp.due('2026-01-15 09:00:00+00') x where x like :'la' || '%'), '09:00 UTC (01:00 PST): not due');

-- TEST: Los Angeles in summer (PDT, UTC-7): 09:00 local is 16:00 UTC, the day after the DST change too.
select ok(exists (select 1 from pg_temp.due('2026-03-09 16:05:00+00') x where x = :'la' || ' email 2026-03-09'), 'the Monday after DST starts: 09:05 PDT due');
select ok(not exists (select 1 from pg_temp.due('2026-03-09 17:00:00+00') x where x like :'la' || '%'), '17:00 UTC is 10:00 PDT: not due');
select ok(exists (select 1 from pg_temp.due('2026-03-08 16:00:00+00') x where x = :'la' || ' email 2026-03-08'), 'the DST day itself: 09:00 PDT is 16:00 UTC');

-- TEST: Kolkata (UTC+5:30): 09:00 IST is 03:30 UTC.
select ok(exists (select 1 from pg_temp.due('2026-01-15 03:30:00+00') x where x = :'kol' || ' email 2026-01-15'), '09:00 IST: due');
select ok(exists (select 1 from pg_temp.due('2026-01-15 03:20:00+00') x where x = :'kol' || ' email 2026-01-15'), '08:50 IST: due');
select ok(not exists (select 1 from pg_temp.due('2026-01-15 04:00:00+00') x where x like :'kol' || '%'), '09:30 IST (04:00 UTC, a whole-hour guess would say 09:00): not due');

-- TEST: a 23:55 digest seen at 00:05 belongs to the day before.
select ok(exists (select 1 from pg_temp.due('2026-01-16 08:05:00+00') x where x = :'late' || ' email 2026-01-15'), '00:05 PST on the 16th: the 15th''s 23:55 digest is due');

-- TEST: a viewer (nothing on digest) is never due; Slack is off by default.
select ok(not exists (select 1 from pg_temp.due('2026-01-15 17:00:00+00') x where x like :'viewer' || '%' or x like '% slack %'), 'no viewer, no Slack digest by default');

-- TEST: a second run the same day is not due (the ledger has that date).
select brain.claim_notification_digests('2026-01-15 17:00:00+00');
select ok(not exists (select 1 from pg_temp.due('2026-01-15 17:05:00+00') x where x like :'la' || '%'), 'after the first run, not due again that day');
select ok(exists (select 1 from pg_temp.due('2026-01-16 17:05:00+00') x where x = :'la' || ' email 2026-01-16'), 'due again the next day');

select * from finish();
rollback;
