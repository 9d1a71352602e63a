-- One way in for memory events: recorded with its fields; a repeated dedupe_key is not recorded twice.
begin;
select plan(4);
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550181') as l \gset
select brain.record_event(:'a', :'l', 'note', 'test', 'internal', '{"x": 1}', 'sms', '2026-06-01 12:00+00', 'note:1') as e \gset
select results_eq(
  format($$select event_type, event_source, direction, channel::text, payload, created_at from public.core_memory_events where id = %L$$, :'e'),
  $$values ('note'::text, 'test'::text, 'internal'::text, 'sms'::text, '{"x": 1}'::jsonb, '2026-06-01 12:00+00'::timestamptz)$$,
  'the event is recorded as given');
select is(brain.record_event(:'a', :'l', 'note', 'test', 'internal', '{"x": 2}', null, now(), 'note:1'), null, 'the same dedupe_key again: nothing recorded, null');
select is((select count(*)::int from public.core_memory_events where lead_id = :'l'), 1, 'still one event');
select throws_ok(format($$select brain.record_event(%L, %L, 'Bad Type', 'test', 'internal')$$, :'a', :'l'), '23514', null,
  'the table''s checks still apply (event_type format)');
select * from finish();
rollback;
