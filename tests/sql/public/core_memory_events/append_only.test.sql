-- core_memory_events is append-only; dedupe_key makes replays no-ops.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.create_lead(:'a') as lead \gset
select tests.create_lead(:'b') as lead_b \gset

insert into public.core_memory_events (account_id, lead_id, event_type, event_source, channel, direction, payload, dedupe_key)
values (:'a', :'lead', 'touch_sent', 'test', 'sms', 'outbound', '{"touch_run_id":"x"}', 'twilio:SM1');

select throws_ok(
  format($$update public.core_memory_events set event_type = 'touch_failed' where lead_id = %L$$, :'lead'),
  'P0001', 'append_only_violation', 'UPDATE is refused');
select throws_ok(
  format($$delete from public.core_memory_events where lead_id = %L$$, :'lead'),
  'P0001', 'append_only_violation', 'DELETE is refused');
select throws_ok(
  'truncate public.core_memory_events',
  'P0001', 'append_only_violation', 'TRUNCATE is refused');
select is(
  (select event_type from public.core_memory_events where lead_id = :'lead'),
  'touch_sent', 'the event is unchanged');

-- TEST: dedupe_key is unique per account; replays are no-ops.
select throws_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source, dedupe_key) values (%L, %L, 'touch_sent', 'test', 'twilio:SM1')$$, :'a', :'lead'),
  '23505', 'duplicate key value violates unique constraint "core_memory_events_account_dedupe_key_key"',
  'the same dedupe_key twice is refused');
select is_empty(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source, dedupe_key) values (%L, %L, 'touch_sent', 'test', 'twilio:SM1')
           on conflict (account_id, dedupe_key) do nothing returning id$$, :'a', :'lead'),
  'a replay with on conflict do nothing records nothing');
select lives_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source, dedupe_key) values (%L, %L, 'touch_sent', 'test', 'twilio:SM1')$$, :'b', :'lead_b'),
  'another account may use the same key');
select lives_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source) select %L, %L, 'reply_positive', 'test' from generate_series(1, 2)$$, :'a', :'lead'),
  'events without a dedupe_key never collide');

-- TEST: shape rules.
select throws_ok(
  format($$insert into public.core_memory_events (account_id, lead_id, event_type, event_source, direction) values (%L, %L, 'reply', 'test', 'sideways')$$, :'a', :'lead'),
  '23514', 'new row for relation "core_memory_events" violates check constraint "core_memory_events_direction_check"',
  'direction is inbound, outbound or internal');
select throws_ok(
  format($$delete from public.leads where id = %L$$, :'lead'),
  '23503', 'update or delete on table "leads" violates foreign key constraint "core_memory_events_lead_fkey" on table "core_memory_events"',
  'a lead with memory cannot be deleted (its history would be lost)');

select * from finish();
rollback;
