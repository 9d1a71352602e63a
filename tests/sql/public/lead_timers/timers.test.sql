-- lead_timers: known types, one per lead and type (refreshable), done once.
begin;
select plan(6);

select tests.create_account() as a \gset
select tests.create_lead(:'a') as lead \gset

select lives_ok(
  format($$insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
           select %L, %L, t, now() + interval '7 days' from unnest(array['TIMER_7D','TIMER_14D','TIMER_30D','FOLLOW_UP','CALLBACK']) t$$, :'a', :'lead'),
  'all five timer types are accepted');
select throws_ok(
  format($$insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at) values (%L, %L, 'TIMER_1D', now())$$, :'a', :'lead'),
  '23514', 'new row for relation "lead_timers" violates check constraint "lead_timers_timer_type_check"',
  'an unknown timer type is refused');
select throws_ok(
  format($$insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at) values (%L, %L, 'TIMER_7D', now())$$, :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "lead_timers_account_lead_type_key"',
  'one timer of each type per lead');

insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
values (:'a', :'lead', 'TIMER_7D', timestamptz '2030-01-08 00:00+00')
on conflict (account_id, lead_id, timer_type) do update set trigger_at = excluded.trigger_at;
select results_eq(
  format($$select count(*)::int, max(trigger_at) from public.lead_timers where lead_id = %L and timer_type = 'TIMER_7D'$$, :'lead'),
  $$values (1, timestamptz '2030-01-08 00:00+00')$$,
  'a refresh moves the existing timer instead of adding one');
select throws_ok(
  format($$update public.lead_timers set executed_at = now(), cancelled_at = now() where lead_id = %L and timer_type = 'TIMER_14D'$$, :'lead'),
  '23514', 'new row for relation "lead_timers" violates check constraint "lead_timers_done_once_check"',
  'a timer is executed or cancelled, not both');
select throws_ok(
  format($$update public.lead_timers set attempts = -1 where lead_id = %L$$, :'lead'),
  '23514', 'new row for relation "lead_timers" violates check constraint "lead_timers_attempts_check"',
  'attempts cannot be negative');

select * from finish();
rollback;
