-- The availability cache (seed 003 §12): fresh for 60 s, then stale; a failure backs
-- off 24 h, a rate limit 2 h; an account without a provider gets an explicit error and
-- the long back-off instead of a guess; only a stale cache is claimed for a refresh.
begin;
select plan(16);

select tests.booking_account() as a \gset
select '2030-03-04 15:00:00+00'::timestamptz as t0 \gset

-- TEST: no row yet: a refresh is needed and is claimed, with a 7-day window.
select is(brain.availability_cache_state(:'a', :'t0') ->> 'state', 'missing', 'no cache yet');
select is(brain.claim_availability_refresh(:'a', :'t0') ->> 'claimed', 'true', 'a missing cache is claimed for a refresh');
select is((brain.claim_availability_refresh(:'a', :'t0') ->> 'end_time')::timestamptz
          - (brain.claim_availability_refresh(:'a', :'t0') ->> 'start_time')::timestamptz, interval '6 days 23:59', 'the window is under 7 days');

-- TEST: recorded slots are fresh for 60 s, then stale.
select brain.record_availability(:'a', array[:'t0'::timestamptz + interval '1 day', :'t0'::timestamptz + interval '2 days'], p_now => :'t0');
select is(brain.availability_cache_state(:'a', :'t0'::timestamptz + interval '59 seconds') ->> 'state', 'fresh', 'fresh at 59 s');
select is(brain.claim_availability_refresh(:'a', :'t0'::timestamptz + interval '59 seconds') ->> 'reason', 'fresh', 'a fresh cache is not refreshed');
select is(brain.availability_cache_state(:'a', :'t0'::timestamptz + interval '60 seconds') ->> 'state', 'stale', 'stale at 60 s');
select is(brain.availability_cache_state(:'a', :'t0'::timestamptz + interval '61 seconds') ->> 'needs_refresh', 'true', 'a stale cache needs a refresh');

-- TEST: a failure backs off 24 hours.
select brain.record_availability(:'a', null, 'Calendly answered HTTP 500', 'failed', :'t0'::timestamptz + interval '2 minutes');
select is(brain.availability_cache_state(:'a', :'t0'::timestamptz + interval '23 hours') ->> 'state', 'backoff', 'backing off 23 h after a failure');
select is(brain.claim_availability_refresh(:'a', :'t0'::timestamptz + interval '23 hours') ->> 'reason', 'backoff', 'no refresh during the back-off');
select is(brain.availability_cache_state(:'a', :'t0'::timestamptz + interval '24 hours 2 minutes') ->> 'state', 'stale', 'stale again after 24 h');
select is((select failures from public.availability_caches where account_id = :'a'), 1, 'one failure counted');

-- TEST: a rate limit backs off 2 hours; a success clears it.
select brain.record_availability(:'a', null, 'Calendly is rate limiting (HTTP 429)', 'rate_limited', :'t0');
select is((select backoff_until from public.availability_caches where account_id = :'a'), :'t0'::timestamptz + interval '2 hours', 'back-off 2 h after a 429');
select brain.record_availability(:'a', array[:'t0'::timestamptz + interval '1 day'], p_now => :'t0'::timestamptz + interval '3 hours');
select is((select (failures, backoff_until, last_error)::text from public.availability_caches where account_id = :'a'), '(0,,)',
          'a success clears failures, back-off and the error');

-- TEST: no booking provider: an explicit error, no slots, a 24 h back-off.
select tests.create_account('No booking') as b \gset
select is(brain.claim_availability_refresh(:'b', :'t0') ->> 'reason', 'not_configured', 'an account without a provider is not refreshed');
select is((select (last_error, slots_utc, backoff_until)::text from public.availability_caches where account_id = :'b'),
          format('("no booking provider is configured (Settings → Booking)",{},"%s")', (:'t0'::timestamptz + interval '24 hours')::text),
          'it records why, with no slots and a 24 h back-off');
select is(brain.request_availability(:'b', :'t0') ->> 'queued', 'false', 'and a render asking for it queues nothing');

select * from finish();
rollback;
