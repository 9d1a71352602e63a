-- A batch is decided exactly as the same touches claimed one after another with
-- brain.claim_touch (the design before set-based claims): the same answers, and the
-- same touch rows, outbound messages, timeline events, enrollment pauses, sender
-- slots and daily counts. The batch mixes every kind of refusal with claims: a
-- suppressed lead, a suppressed channel, quiet hours, a broken template (which pauses
-- its enrollment, and the lead's next touch in the same batch then sees the pause),
-- an unknown variable, a landline, a transactional reply to an opted-out lead, a
-- sender past its rate, an email past its daily cap, a touch of a dead worker, one
-- not due, one already final and an id that does not exist.
begin;
select plan(7);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
-- Two SMS numbers (personas initial and nudge), one send a second each (two slots, 1.4 s
-- apart, within the 2.5 s a claim waits: ok1 and ok2 take the initial number's, the lead
-- "late" is past its rate; nudge and the reply take the nudge number's, so the reply's lead
-- has the nudge persona); email capped at 1 a day.
select tests.give_sms_senders(:'a', '+13055550900', '+13055550901');
update public.account_provider_settings set config = config || '{"max_per_second": 1}' where account_id = :'a' and channel = 'sms';
update public.account_provider_settings set config = config || '{"daily_cap": 1}' where account_id = :'a' and channel = 'email';
select tests.create_campaign(:'a') as c \gset
select tests.create_step(:'a', :'c', 1, 'sms', p_body => 'Hi {{first_name}}');
select tests.create_step(:'a', :'c', 2, 'sms', p_body => 'Again, {{first_name}}');

create temp table leads_ on commit drop as
select k, tests.create_lead(:'a', '+1305555' || (1000 + i), 'lead' || i || '@example.com') as id
from (values (1, 'ok1'), (2, 'ok2'), (3, 'nudge'), (4, 'late'), (5, 'optout'), (6, 'channel'), (7, 'night'),
             (8, 'nameless'), (9, 'unknown_var'), (10, 'landline'), (11, 'reply'), (12, 'mail1'), (13, 'mail2'),
             (14, 'lost'), (15, 'later'), (16, 'done')) x(i, k);
update public.leads l set first_name = 'Lead' from leads_ x where x.id = l.id and x.k <> 'nameless';
update public.leads l set persona = 'nudge' from leads_ x where x.id = l.id and x.k in ('nudge', 'reply');
update public.leads l set timezone = 'Asia/Tokyo' from leads_ x where x.id = l.id and x.k = 'night';
update public.leads l set phone_line_type = 'landline' from leads_ x where x.id = l.id and x.k = 'landline';
select tests.enroll(:'a', :'c', (select id from leads_ where k = 'nameless'), :'now'::timestamptz - interval '2 hours');
select tests.record_event(:'a', id, 'opt_out', :'now'::timestamptz - interval '90 minutes', 'inbound', 'sms') from leads_ where k in ('optout', 'reply');
insert into public.suppressions (account_id, channel, phone, reason, created_at)
select :'a', 'sms', l.phone, 'carrier_block', :'now'::timestamptz - interval '3 hours'
from public.leads l join leads_ x on x.id = l.id where x.k = 'channel';

create temp table touches on commit drop as
select x.n, x.k,
       tests.create_touch(:'a', (select id from leads_ where k = x.lead), x.campaign, x.step, x.channel, 1,
                          :'now'::timestamptz - make_interval(mins => 120 - x.n), x.payload) as id
from (values
  (1, 'ok1', 'ok1', null::uuid, 1, 'sms', '{"delivery": {"body": "Hi {{first_name}}"}}'::jsonb),
  (2, 'ok2', 'ok2', null, 1, 'sms', '{"delivery": {"body": "Hi {{first_name}}, {{city|there}}"}}'),
  (3, 'nudge', 'nudge', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (4, 'reply', 'reply', null, 1, 'sms', '{"delivery": {"body": "You are unsubscribed {{x}}"}, "meta": {"transactional": true}}'),
  (5, 'late2', 'late', null, 2, 'sms', '{"delivery": {"body": "Hi"}}'),
  (6, 'optout', 'optout', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (7, 'channel', 'channel', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (8, 'night', 'night', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (9, 'nameless1', 'nameless', :'c'::uuid, 1, 'sms', '{"delivery": {"body": "Hi {{first_name}}"}}'),
  (10, 'nameless2', 'nameless', :'c'::uuid, 2, 'sms', '{"delivery": {"body": "Again"}}'),
  (11, 'unknown_var', 'unknown_var', null, 1, 'sms', '{"delivery": {"body": "Hi {{shoe_size}}"}}'),
  (12, 'landline', 'landline', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (13, 'late1', 'late', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (14, 'mail1', 'mail1', null, 1, 'email', '{"delivery": {"body": "Hi {{first_name}}", "subject": "For {{first_name}}"}}'),
  (15, 'mail2', 'mail2', null, 1, 'email', '{"delivery": {"body": "Hi", "subject": "Hello"}}'),
  (16, 'lost', 'lost', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (17, 'later', 'later', null, 1, 'sms', '{"delivery": {"body": "Hi"}}'),
  (18, 'done', 'done', null, 1, 'sms', '{"delivery": {"body": "Hi"}}')
) x(n, k, lead, campaign, step, channel, payload);
-- A dead worker's touch (no heartbeat), one due tomorrow, one already canceled.
update public.touch_runs set status = 'sending', send_key = 'v1:lost', claimed_by = 'gone-worker' where id = (select id from touches where k = 'lost');
update public.touch_runs set status = 'scheduled', scheduled_at = :'now'::timestamptz + interval '1 day' where id = (select id from touches where k = 'later');
update public.touch_runs set status = 'canceled' where id = (select id from touches where k = 'done');
insert into touches values (19, 'missing', '00000000-0000-0000-0000-0000000000aa');

-- Everything a claim leaves behind, as one JSON value.
create function pg_temp.after(p_account_id uuid) returns jsonb language sql as $$
  select jsonb_build_object(
    'touches', (select jsonb_agg(jsonb_build_object('k', x.k, 'status', t.status, 'scheduled_at', t.scheduled_at,
                  'error_code', t.error_code, 'error_message', t.error_message, 'send_key', t.send_key,
                  'claimed_by', t.claimed_by, 'claimed_at', t.claimed_at, 'provider', t.provider) order by x.n)
                from touches x join public.touch_runs t on t.id = x.id),
    'outbound', (select jsonb_agg(jsonb_build_object('k', x.k, 'send_key', m.send_key, 'status', m.status, 'to', m.to_address,
                   'from', m.from_address, 'subject', m.subject, 'body', m.body, 'provider', m.provider, 'error_code', m.error_code)
                   order by x.n)
                 from touches x join public.outbound_messages m on m.touch_run_id = x.id),
    'events', (select jsonb_agg(jsonb_build_object('type', e.event_type, 'lead', e.lead_id, 'payload', e.payload,
                 'channel', e.channel, 'direction', e.direction, 'at', e.created_at) order by e.event_type, e.lead_id, e.payload::text)
               from public.core_memory_events e where e.account_id = p_account_id and e.event_source = 'dispatch_touch'),
    'enrollments', (select jsonb_agg(jsonb_build_object('lead', cl.lead_id, 'status', cl.status, 'stop_reason', cl.stop_reason,
                      'current_step', cl.current_step, 'paused_at', cl.paused_at) order by cl.lead_id)
                    from public.campaign_leads cl where cl.account_id = p_account_id),
    'slots', (select jsonb_agg(jsonb_build_object('channel', s.channel, 'sender', s.sender, 'recent', s.recent) order by s.channel, s.sender)
              from public.sender_rate_state s where s.account_id = p_account_id),
    'daily', (select jsonb_agg(jsonb_build_object('sender', d.sender, 'day', d.day, 'sent', d.sent) order by d.sender)
              from public.sender_daily_counts d where d.account_id = p_account_id))
$$;

savepoint before_claims;
select jsonb_agg(jsonb_build_object('k', x.k, 'claim', r.claim) order by x.n) as batch_answers
from brain.claim_touch_rows(:'a', (select array_agg(id order by n) from touches), 'worker-1', :'now') r
join touches x on x.id = r.touch_run_id \gset
select pg_temp.after(:'a') as batch_after \gset
rollback to savepoint before_claims;

create temp table single (n integer, k text, claim jsonb);
insert into single select n, k, brain.claim_touch(id, 'worker-1', :'now') from touches order by n;
select jsonb_agg(jsonb_build_object('k', k, 'claim', claim) order by n) as single_answers from single \gset
select pg_temp.after(:'a') as single_after \gset

-- TEST: the kinds of answer the batch covers.
select results_eq(
  format($$select x ->> 'k', x -> 'claim' ->> 'outcome', x -> 'claim' ->> 'reason' from jsonb_array_elements(%L::jsonb) x$$, :'batch_answers'),
  $$values ('ok1', 'claimed', null), ('ok2', 'claimed', null), ('nudge', 'claimed', null), ('reply', 'claimed', null),
           ('late2', 'rescheduled', 'rate_limited'), ('optout', 'canceled', 'suppressed'), ('channel', 'canceled', 'channel_suppressed'),
           ('night', 'rescheduled', 'outside_send_window'), ('nameless1', 'canceled', 'missing_lead_data:first_name'),
           ('nameless2', 'canceled', 'enrollment_paused'), ('unknown_var', 'canceled', 'unknown_template_variable:shoe_size'),
           ('landline', 'canceled', 'phone_not_mobile'), ('late1', 'rescheduled', 'rate_limited'), ('mail1', 'claimed', null),
           ('mail2', 'rescheduled', 'daily_cap'), ('lost', 'unknown', 'worker_lost'), ('later', 'skipped', 'not_due'),
           ('done', 'skipped', 'status_canceled'), ('missing', 'skipped', 'not_found')$$,
  'claimed, rate_limited, suppressed, channel_suppressed, quiet hours, missing data (and the paused enrollment after it), unknown variable, landline, transactional reply, daily cap, worker_lost, not_due, final, not found');

-- TEST: answers, rows and events are those of one-by-one claims.
select is(:'batch_answers'::jsonb, :'single_answers'::jsonb, 'every answer (slots, bodies, senders included) is the one-by-one answer');
select is(:'batch_after'::jsonb -> 'touches', :'single_after'::jsonb -> 'touches', 'touch rows: the same statuses, times, reasons and send keys');
select is(:'batch_after'::jsonb -> 'outbound', :'single_after'::jsonb -> 'outbound', 'outbound messages: the same rows, rendered the same');
select is(:'batch_after'::jsonb -> 'events', :'single_after'::jsonb -> 'events', 'the lead timelines get the same events with the same reasons');
select is(:'batch_after'::jsonb -> 'enrollments', :'single_after'::jsonb -> 'enrollments', 'the broken template pauses the enrollment the same way');
select is((:'batch_after'::jsonb -> 'slots') || (:'batch_after'::jsonb -> 'daily'),
          (:'single_after'::jsonb -> 'slots') || (:'single_after'::jsonb -> 'daily'),
          'the senders'' rate slots and daily counts are the same');

select * from finish();
rollback;
