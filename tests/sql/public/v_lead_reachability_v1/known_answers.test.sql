-- Issue 19: v_lead_reachability_v1 on a fixture with known answers, one row per lead and
-- channel, and the same verdicts the claim reaches for the same leads.
begin;
select plan(6);

-- The claims below run on the real clock: the leads live in a zone where it is working hours.
select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London',
                            'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney',
                            'Pacific/Auckland', 'America/Sao_Paulo']) tz
where extract(hour from now() at time zone tz) between 9 and 17 limit 1 \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set send_window_start = '08:00', send_window_end = '21:00' where account_id = :'a';
-- mobile: everything reachable (Twilio Lookup, DNS).
select tests.create_lead(:'a', '+13055550101', 'ana@example.com', p_timezone => :'tz') as mobile \gset
select tests.enriched(:'mobile', 'valid', 'mobile', 'valid', p_at => '2026-12-01 10:00+00');
-- landline + role address.
select tests.create_lead(:'a', '+13055550102', 'info@dealer.example', p_timezone => :'tz') as land \gset
select tests.enriched(:'land', 'valid', 'landline', 'valid', p_email_is_role => true, p_at => '2026-12-01 10:00+00');
-- invalid number (libphonenumber) + hard-bounced email.
select tests.create_lead(:'a', '+13055550103', 'gone@example.com', p_timezone => :'tz') as bad \gset
select tests.enriched(:'bad', 'invalid', p_email_status => 'hard_bounced', p_source => 'libphonenumber', p_at => '2026-12-01 10:00+00');
-- phone only, revoked by STOP (consent): the phone's channels, voice too.
select tests.create_lead(:'a', '+13055550104', p_timezone => :'tz') as stopped \gset
select tests.enriched(:'stopped', 'valid', 'mobile', p_at => '2026-12-01 10:00+00');
select tests.record_event(:'a', :'stopped', 'opt_out', '2026-12-01 11:00+00', 'inbound', 'sms', '{"scope": "phone"}');
-- pending, queued just now: only a missing address counts until the wait ends.
select tests.create_lead(:'a', null, 'new@example.com', p_timezone => :'tz') as pending \gset

-- TEST: the numbers: 5 leads × 4 channels, 6 reachable.
select results_eq(format($$select count(*)::int, count(*) filter (where reachable)::int from public.v_lead_reachability_v1 where account_id = %L$$, :'a'),
  $$values (20, 6)$$, '20 rows, 6 reachable');

-- TEST: every row's verdict, source and check time.
select results_eq(
  format($$select case lead_id when %L then 'mobile' when %L then 'land' when %L then 'bad' when %L then 'stopped' else 'pending' end,
                  channel, reachable, reason, decided_by, checked_at
           from public.v_lead_reachability_v1 where account_id = %L
           order by 1, array_position(array['voice', 'sms', 'whatsapp', 'email'], channel)$$,
         :'mobile', :'land', :'bad', :'stopped', :'a'),
  $$values ('bad'::text, 'voice'::text, false, 'phone_invalid'::text, 'libphonenumber'::text, '2026-12-01 10:00+00'::timestamptz),
           ('bad', 'sms', false, 'phone_invalid', 'libphonenumber', '2026-12-01 10:00+00'),
           ('bad', 'whatsapp', false, 'phone_invalid', 'libphonenumber', '2026-12-01 10:00+00'),
           ('bad', 'email', false, 'email_hard_bounced', 'email_provider', '2026-12-01 10:00+00'),
           ('land', 'voice', true, null, 'twilio_lookup', '2026-12-01 10:00+00'),
           ('land', 'sms', false, 'phone_not_mobile', 'twilio_lookup', '2026-12-01 10:00+00'),
           ('land', 'whatsapp', false, 'phone_not_mobile', 'twilio_lookup', '2026-12-01 10:00+00'),
           ('land', 'email', false, 'email_role_address', 'role_list', '2026-12-01 10:00+00'),
           ('mobile', 'voice', true, null, 'twilio_lookup', '2026-12-01 10:00+00'),
           ('mobile', 'sms', true, null, 'twilio_lookup', '2026-12-01 10:00+00'),
           ('mobile', 'whatsapp', true, null, 'twilio_lookup', '2026-12-01 10:00+00'),
           ('mobile', 'email', true, null, 'dns', '2026-12-01 10:00+00'),
           ('pending', 'voice', false, 'unreachable', 'lead', null),
           ('pending', 'sms', false, 'unreachable', 'lead', null),
           ('pending', 'whatsapp', false, 'unreachable', 'lead', null),
           ('pending', 'email', true, null, null, null),
           ('stopped', 'voice', false, 'channel_suppressed', 'consent', null),
           ('stopped', 'sms', false, 'channel_suppressed', 'consent', null),
           ('stopped', 'whatsapp', false, 'channel_suppressed', 'consent', null),
           ('stopped', 'email', false, 'unreachable', 'lead', null)$$,
  'each lead and channel: reachable, reason, decided_by, checked_at');

-- TEST: the pending lead's email waits for enrichment until its deadline.
select results_eq(format($$select enrichment_status, enrichment_wait_until, enrichment_timed_out from public.v_lead_reachability_v1
                          where lead_id = %L and channel = 'email'$$, :'pending'),
  $$values ('pending'::text, now() + interval '10 minutes', false)$$, 'pending: waits until 10 minutes after it was queued');

-- TEST: the claim agrees, touch by touch (a campaign touch, as the view judges role addresses).
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', l, now()) from unnest(array[:'mobile', :'land', :'bad', :'stopped', :'pending']::uuid[]) l;
create temp table claims on commit drop as
select v.lead_id, v.channel, v.reachable, v.reason,
       brain.claim_touch(tests.create_touch(:'a', v.lead_id, :'c', 1, v.channel, 1, now() - interval '1 minute'), 'w',
                         now() + make_interval(secs => (row_number() over (order by v.lead_id, v.channel))::int * 3)) as claim
from public.v_lead_reachability_v1 v where v.account_id = :'a';
select is((select count(*)::int from claims where not reachable and (claim ->> 'outcome' <> 'canceled' or claim ->> 'reason' <> reason)), 0,
  'every unreachable row: the claim cancels with the view''s reason');
select is((select count(*)::int from claims where reachable and claim ->> 'outcome' = 'canceled'), 0,
  'no reachable row is canceled by the claim');
select is((select count(*)::int from claims where reachable and channel = 'email' and lead_id = :'pending' and claim ->> 'reason' = 'enrichment_pending'), 1,
  'the pending lead''s email is held, as enrichment_wait_until says');

select * from finish();
rollback;
