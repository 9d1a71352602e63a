-- Bad input is refused with invalid_argument (22023) naming the problem; nothing is written.
begin;
select plan(12);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.set_provider_ready('twilio', true);
select tests.set_provider(:'a', 'voice', 'twilio');
select tests.give_senders(:'a', '+13055550900', p_channel => 'voice');
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.sent_touch(:'a', :'l', 'voice', 'CA-1', :'now') as t \gset

select tests.act_as('revenue_worker', null);
select throws_ok(format($$select public.record_voice_call_outcome('sink', 'CA-1', %L, true, 5, null, null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'provider sink');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', ' ', %L, true, 5, null, null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'a blank call id');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, null, 5, null, null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'answered null');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, -1, null, null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'a negative duration');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, 'lukewarm', null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'verdict lukewarm');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, false, 0, 'hot', null, '[]')$$, :'t'),
  '22023', 'invalid_argument', 'a verdict on an unanswered call');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, null, repeat('x', 501), '[]')$$, :'t'),
  '22023', 'invalid_argument', 'a stated intent over 500 characters');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, null, null, '{}')$$, :'t'),
  '22023', 'invalid_argument', 'a transcript that is not an array');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, null, null, '[{"role": "system", "text": "x"}]')$$, :'t'),
  '22023', 'invalid_argument', 'a turn with role system');
select throws_ok(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, null, null, '[{"role": "lead", "text": 42}]')$$, :'t'),
  '22023', 'invalid_argument', 'a turn whose text is not a string');
reset role;

-- TEST: the detail says what is wrong.
create function pg_temp.detail_of(p_sql text) returns text language plpgsql as $$
declare v text;
begin
  execute p_sql;
  return null;
exception when sqlstate '22023' then
  get stacked diagnostics v = pg_exception_detail;
  return v;
end $$;
select is(pg_temp.detail_of(format($$select public.record_voice_call_outcome('twilio', 'CA-1', %L, true, 5, 'lukewarm', null, '[]')$$, :'t')),
  'verdict must be hot, warm or cold (or null when the model gave none), not lukewarm', 'the detail names the field and the value');

select is((select count(*)::int from public.webhook_receipts where provider = 'voice_gateway')
          + (select count(*)::int from public.core_memory_events where event_type like 'voice_call_%'), 0, 'nothing was written');

select * from finish();
rollback;
