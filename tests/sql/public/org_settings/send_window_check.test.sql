-- Per-account send window: default 08:00–20:00, never outside 08:00–21:00.
begin;
select plan(7);

select tests.create_account() as acct \gset

select results_eq(
  format('select send_window_start, send_window_end from public.org_settings where account_id = %L', :'acct'),
  $$values (time '08:00', time '20:00')$$,
  'the default window is 08:00–20:00');

select lives_ok(
  format($$update public.org_settings set send_window_start = '08:00', send_window_end = '21:00' where account_id = %L$$, :'acct'),
  'the widest window, 08:00–21:00, is accepted');
select lives_ok(
  format($$update public.org_settings set send_window_start = '10:30', send_window_end = '10:31' where account_id = %L$$, :'acct'),
  'a narrow window is accepted');
select throws_ok(
  format($$update public.org_settings set send_window_start = '07:59' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_send_window_check"',
  'a start before 08:00 is refused');
select throws_ok(
  format($$update public.org_settings set send_window_start = '09:00', send_window_end = '21:00:01' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_send_window_check"',
  'an end after 21:00 is refused');
select throws_ok(
  format($$update public.org_settings set send_window_start = '12:00', send_window_end = '12:00' where account_id = %L$$, :'acct'),
  '23514', 'new row for relation "org_settings" violates check constraint "org_settings_send_window_check"',
  'an empty window is refused');
select throws_ok(
  format($$update public.org_settings set timezone = 'Mars/Olympus_Mons' where account_id = %L$$, :'acct'),
  '22023', 'time zone "Mars/Olympus_Mons" not recognized',
  'an unknown time zone is refused');

select * from finish();
rollback;
