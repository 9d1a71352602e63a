-- brain.next_send_window_start / is_within_send_window work in the lead's own time zone.
begin;
select plan(11);

select tests.create_account() as a \gset
update public.org_settings set timezone = 'America/Bogota' where account_id = :'a';

select tests.create_lead(:'a', '+13125550100', p_timezone => 'America/Los_Angeles') as lead_tz \gset
select tests.create_lead(:'a', '+13125550101') as lead_chicago \gset
select tests.create_lead(:'a', '+573001112233') as lead_colombia \gset
select tests.create_lead(:'a', null, 'x@example.com') as lead_no_phone \gset
select tests.create_lead(:'a', '+19995550100') as lead_unknown_area \gset

-- TEST: which zone: the lead's own, else its area code's, else the account's.
-- 2026-06-10 14:30Z is 07:30 in Los Angeles, 09:30 in Chicago, 09:30 in Bogotá.
select is(brain.next_send_window_start(:'lead_tz', '2026-06-10 14:30:00+00'),
  timestamptz '2026-06-10 15:00:00+00', 'leads.timezone wins over the phone''s area code (LA opens at 15:00Z)');
select is(brain.is_within_send_window(:'lead_chicago', '2026-06-10 14:30:00+00'), true,
  'a 312 number without a time zone is treated as Chicago (09:30, open)');
select is(brain.next_send_window_start(:'lead_chicago', '2026-06-10 12:30:00+00'),
  timestamptz '2026-06-10 13:00:00+00', 'Chicago (CDT) opens at 13:00Z');
select is(brain.next_send_window_start(:'lead_colombia', '2026-06-10 12:30:00+00'),
  timestamptz '2026-06-10 13:00:00+00', 'a non-NANP number uses the account''s zone (Bogotá opens at 13:00Z)');
select is(brain.next_send_window_start(:'lead_no_phone', '2026-06-10 12:30:00+00'),
  timestamptz '2026-06-10 13:00:00+00', 'no phone: the account''s zone');
select is(brain.next_send_window_start(:'lead_unknown_area', '2026-06-10 12:30:00+00'),
  timestamptz '2026-06-10 13:00:00+00', 'an area code not in service: the account''s zone');

-- TEST: the account's window applies (08:00–20:00 by default, here 10:00–18:00).
update public.org_settings set send_window_start = '10:00', send_window_end = '18:00' where account_id = :'a';
select is(brain.is_within_send_window(:'lead_chicago', '2026-06-10 14:30:00+00'), false,
  '09:30 Chicago is closed for a 10:00–18:00 window');
select is(brain.next_send_window_start(:'lead_chicago', '2026-06-10 14:30:00+00'),
  timestamptz '2026-06-10 15:00:00+00', 'it opens at 10:00 Chicago (15:00Z)');
select is(brain.is_within_send_window(:'lead_chicago', '2026-06-10 22:59:59+00'), true,
  '17:59:59 Chicago is open');
select is(brain.is_within_send_window(:'lead_chicago', '2026-06-10 23:00:00+00'), false,
  '18:00 Chicago is closed');

-- TEST: an unknown lead.
select is(brain.next_send_window_start('00000000-0000-0000-0000-000000000000', now()), null::timestamptz,
  'an invisible lead has no window');

select * from finish();
rollback;
