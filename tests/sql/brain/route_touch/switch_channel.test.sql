-- The channel's attempts used up: the next channel of fallback.order gets a
-- touch, after the current channel's cooldown (router policy), inside the window.
begin;
select plan(6);

select tests.local_at(1, '10:00') as p \gset
select tests.local_at(1, '19:00') as evening \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_lead(:'a', '+13055550102') as l_evening \gset
select tests.payload_v2('voice', p_order => array['voice', 'whatsapp', 'sms'],
                        p_max_attempts => '{"voice": 1, "whatsapp": 2, "sms": 2}',
                        p_cooldown_minutes => '{"voice": 120, "whatsapp": 720, "sms": 720}') as plan \gset
select tests.create_touch(:'a', :'l', null, 1, 'voice', 1, :'p'::timestamptz - interval '1 hour', :'plan') as t \gset
select tests.create_touch(:'a', :'l_evening', null, 1, 'voice', 1, :'evening'::timestamptz - interval '1 hour', :'plan') as t_evening \gset

select brain.claim_touch(:'t', null, :'p') ->> 'outcome';
create temp table res on commit drop as
select brain.record_touch_outcome(:'t', 'rejected', p_error_code => 'no_answer', p_now => :'p') as r;
select brain.claim_touch(:'t_evening', null, :'evening') ->> 'outcome';
create temp table res_evening on commit drop as
select brain.record_touch_outcome(:'t_evening', 'accepted', p_now => :'evening') as r;

-- TEST: switch to whatsapp.
select is((select (r->'route') - 'next_touch_run_id' - 'lead_dead' from res),
  jsonb_build_object('decision', 'switch_channel', 'reason', 'current_exhausted', 'next_channel', 'whatsapp',
                     'scheduled_at', :'p'::timestamptz + interval '120 minutes'),
  'voice 1/1 used: switch_channel to whatsapp after voice''s 120 min cooldown');
select results_eq(
  format($$select channel::text, attempt, status, scheduled_at, payload->'routing'->>'current_channel' from public.touch_runs
           where lead_id = %L and id <> %L$$, :'l', :'t'),
  format($$values ('whatsapp'::text, 1, 'scheduled'::text, %L::timestamptz, 'whatsapp'::text)$$, :'p'::timestamptz + interval '120 minutes'),
  'the whatsapp touch: attempt 1, scheduled at p + 120 min, current_channel whatsapp');
select is((select (r->'route'->>'next_touch_run_id')::uuid from res),
  (select id from public.touch_runs where lead_id = :'l' and channel = 'whatsapp'), 'the route names it');

-- TEST: the cooldown ends outside the window.
select results_eq(
  format($$select channel::text, status, scheduled_at from public.touch_runs where lead_id = %L and id <> %L$$, :'l_evening', :'t_evening'),
  format($$values ('whatsapp'::text, 'scheduled'::text, %L::timestamptz)$$, tests.local_at(2, '08:00')),
  'voice at 19:00 + 120 min is 21:00: the whatsapp touch waits for 08:00 the next day');

-- TEST: not contacted on two channels back to back.
select is(
  (select count(*)::int from public.touch_runs where lead_id in (:'l', :'l_evening') and status in ('queued', 'sending')),
  0, 'no switched touch is queued for immediate sending');

-- TEST: exactly one next touch.
select is((select count(*)::int from public.touch_runs where lead_id = :'l'), 2, 'two touches for the lead: voice then whatsapp');

select * from finish();
rollback;
