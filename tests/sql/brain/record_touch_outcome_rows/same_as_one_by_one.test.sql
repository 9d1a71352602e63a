-- A batch of outcomes is recorded exactly as the same outcomes recorded one after
-- another with brain.record_touch_outcome (the design before set-based recording):
-- the same answers, touch rows, outbound messages, memory events, lead states and
-- their lead_events, timers, and touches planned by the router or re-sent. The batch
-- mixes sends (a new lead, a dead lead, a transactional reply, two touches of one
-- lead), failures, an unknown outcome, a reconciled not-found (re-sent as the next
-- attempt), an outcome given twice for one touch and one for a touch already final.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = config || '{"max_per_second": 1000}' where account_id = :'a';

create temp table leads_ on commit drop as
select k, tests.create_lead(:'a', '+1305555' || (1000 + i), p_lead_state => case when k = 'dead' then 'dead' else 'new' end) as id
from (values (1, 'new'), (2, 'dead'), (3, 'reply'), (4, 'twice'), (5, 'fail'), (6, 'unknown'), (7, 'lost'), (8, 'again'),
             (9, 'final'), (10, 'routed')) x(i, k);
update public.leads l set first_name = 'Lead' from leads_ x where x.id = l.id;

create temp table touches on commit drop as
select x.n, x.k, tests.create_touch(:'a', (select id from leads_ where k = x.lead), null, x.step, 'sms', 1,
                                    :'now'::timestamptz - make_interval(mins => 60 - x.n), x.payload) as id
from (values
  (1, 'new', 'new', 1, '{"delivery": {"body": "Hi"}}'::jsonb),
  (2, 'dead', 'dead', 1, '{"delivery": {"body": "Hi"}}'),
  (3, 'reply', 'reply', 1, '{"delivery": {"body": "Hi"}, "meta": {"transactional": true, "source": "help_reply"}}'),
  (4, 'twice1', 'twice', 1, '{"delivery": {"body": "Hi"}}'),
  (5, 'twice2', 'twice', 2, '{"delivery": {"body": "Hi"}}'),
  (6, 'fail', 'fail', 1, tests.payload_v2('sms') || '{"delivery": {"body": "Hi"}}'),
  (7, 'unknown', 'unknown', 1, '{"delivery": {"body": "Hi"}}'),
  (8, 'lost', 'lost', 1, tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 3}', p_cooldown_minutes => '{"sms": 0}')
                         || '{"delivery": {"body": "Hi"}}'),
  (9, 'again', 'again', 1, '{"delivery": {"body": "Hi"}}'),
  (10, 'final', 'final', 1, '{"delivery": {"body": "Hi"}}'),
  (11, 'routed', 'routed', 1, tests.payload_v2('sms') || '{"delivery": {"body": "Hi"}}')
) x(n, k, lead, step, payload);
select count(*) from brain.claim_touches(:'a', 50, 'worker-1', :'now');
-- "lost" is unknown already (reconciliation); "final" was canceled.
select brain.record_touch_outcome((select id from touches where k = 'lost'), 'unknown', p_error_code => 'worker_lost', p_now => :'now');
update public.touch_runs set status = 'canceled' where id = (select id from touches where k = 'final');

select jsonb_agg(jsonb_build_object('touch_run_id', x.id) || x.o order by x.n) as outcomes
from (select t.n, t.id, o from touches t join (values
  ('new', '{"result": "accepted", "provider_message_id": "SM1", "provider_status": "queued"}'::jsonb),
  ('dead', '{"result": "accepted", "provider_message_id": "SM2"}'),
  ('reply', '{"result": "accepted", "provider_message_id": "SM3"}'),
  ('twice1', '{"result": "accepted", "provider_message_id": "SM4"}'),
  ('twice2', '{"result": "accepted", "provider_message_id": "SM5"}'),
  ('fail', '{"result": "rejected", "error_code": "invalid_number", "error_message": "not a mobile"}'),
  ('unknown', '{"result": "unknown", "error_code": "http_500", "error_message": "timeout"}'),
  ('lost', '{"result": "not_sent", "error_code": "reconciled_not_found", "error_message": "the provider has no record"}'),
  ('again', '{"result": "accepted", "provider_message_id": "SM9"}'),
  ('final', '{"result": "accepted", "provider_message_id": "SM10"}'),
  ('routed', '{"result": "not_sent", "error_code": "carrier_blocked"}')) v(k, o) on v.k = t.k
  -- "again" is given twice: the second is a no-op.
  union all select 100, id, '{"result": "rejected", "error_code": "late"}'::jsonb from touches where k = 'again') x \gset

-- Everything recording leaves behind, as one JSON value; ids made fresh by the run
-- (a re-send's or a routed touch's) are left out.
create function pg_temp.after(p_account_id uuid) returns jsonb language sql as $$
  select jsonb_build_object(
    'touches', (select jsonb_agg(jsonb_build_object('lead', t.lead_id, 'step', t.step, 'channel', t.channel, 'attempt', t.attempt,
                  'status', t.status, 'scheduled_at', t.scheduled_at, 'sent_at', t.sent_at, 'failed_at', t.failed_at,
                  'error_code', t.error_code, 'error_message', t.error_message, 'provider_message_id', t.provider_message_id,
                  'retry_of', t.retry_of, 'payload', t.payload #- '{meta,parent_touch_run_id}')
                  order by t.lead_id, t.step, t.channel, t.attempt)
                from public.touch_runs t where t.account_id = p_account_id),
    'outbound', (select jsonb_agg(jsonb_build_object('k', x.k, 'status', m.status, 'provider_message_id', m.provider_message_id,
                   'provider_status', m.provider_status, 'sent_at', m.sent_at, 'failed_at', m.failed_at, 'error_code', m.error_code,
                   'error_message', m.error_message) order by x.n)
                 from touches x join public.outbound_messages m on m.touch_run_id = x.id),
    'events', (select jsonb_agg(jsonb_build_object('type', e.event_type, 'source', e.event_source, 'lead', e.lead_id,
                 'payload', e.payload - 'retried_as' - 'next_touch_run_id', 'channel', e.channel, 'direction', e.direction,
                 'at', e.created_at, 'dedupe_key', e.dedupe_key) order by e.event_type, e.lead_id, e.payload::text)
               from public.core_memory_events e where e.account_id = p_account_id),
    'leads', (select jsonb_agg(jsonb_build_object('k', x.k, 'state', l.lead_state) order by x.k)
              from leads_ x join public.leads l on l.id = x.id),
    'lead_events', (select jsonb_agg(jsonb_build_object('lead', le.lead_id, 'type', le.event_type, 'from', le.previous_state,
                      'to', le.new_state, 'reason', le.reason, 'actor', le.actor) order by le.lead_id, le.new_state)
                    from public.lead_events le where le.account_id = p_account_id),
    'timers', (select jsonb_agg(jsonb_build_object('lead', lt.lead_id, 'type', lt.timer_type, 'at', lt.trigger_at, 'payload', lt.payload)
                 order by lt.lead_id, lt.timer_type)
               from public.lead_timers lt where lt.account_id = p_account_id))
$$;

savepoint before_outcomes;
select jsonb_agg((r.answer - 'retried_as') || jsonb_build_object('route', (r.answer -> 'route') - 'next_touch_run_id') order by x.n) as batch_answers
from brain.record_touch_outcome_rows(:'outcomes', :'now'::timestamptz + interval '1 minute') with ordinality r(touch_run_id, answer, n)
join jsonb_array_elements(:'outcomes') with ordinality x(o, n) on x.n = r.n \gset
select pg_temp.after(:'a') as batch_after \gset
rollback to savepoint before_outcomes;

create temp table single (n bigint, answer jsonb);
insert into single
select x.n, brain.record_touch_outcome((x.o ->> 'touch_run_id')::uuid, x.o ->> 'result', x.o ->> 'provider_message_id',
                                       x.o ->> 'provider_status', x.o ->> 'error_code', x.o ->> 'error_message',
                                       :'now'::timestamptz + interval '1 minute')
from jsonb_array_elements(:'outcomes') with ordinality x(o, n) order by x.n;
select jsonb_agg((answer - 'retried_as') || jsonb_build_object('route', (answer -> 'route') - 'next_touch_run_id') order by n) as single_answers
from single \gset
select pg_temp.after(:'a') as single_after \gset

-- TEST: the kinds of answer the batch covers.
select results_eq(
  format($$select x ->> 'recorded', x ->> 'status', x ? 'attempt', x -> 'route' ->> 'decision'
           from jsonb_array_elements(%L::jsonb) with ordinality e(x, n) order by n$$, :'batch_answers'),
  $$values ('true', 'sent', false, 'stop'), ('true', 'sent', false, 'stop'), ('true', 'sent', false, 'stop'),
           ('true', 'sent', false, 'stop'), ('true', 'sent', false, 'stop'), ('true', 'failed', false, 'wait_cooldown'),
           ('true', 'unknown', false, null), ('true', 'failed', true, null), ('true', 'sent', false, 'stop'),
           ('false', 'canceled', false, null), ('true', 'failed', false, 'wait_cooldown'), ('false', 'sent', false, null)$$,
  'sent, failed and routed, unknown, re-sent after not found, final, and a second outcome answered recorded false');

-- TEST: answers, rows and events are those of one-by-one records.
select is(:'batch_answers'::jsonb, :'single_answers'::jsonb, 'every answer (routes included) is the one-by-one answer');
select is(:'batch_after'::jsonb -> 'touches', :'single_after'::jsonb -> 'touches', 'touch rows, re-sends and routed touches are the same');
select is(:'batch_after'::jsonb -> 'outbound', :'single_after'::jsonb -> 'outbound', 'outbound messages take the same outcome');
select is(:'batch_after'::jsonb -> 'events', :'single_after'::jsonb -> 'events', 'the same memory events, once each');
select is(:'batch_after'::jsonb -> 'leads', :'single_after'::jsonb -> 'leads', 'the same leads become touched (not the transactional reply''s)');
select is(:'batch_after'::jsonb -> 'lead_events', :'single_after'::jsonb -> 'lead_events', 'each move is logged with the same reason and actor');
select is(:'batch_after'::jsonb -> 'timers', :'single_after'::jsonb -> 'timers', 'timers start once per lead, from its first send');
select ok((:'batch_after'::jsonb -> 'timers') is not null, 'timers were started');

select * from finish();
rollback;
