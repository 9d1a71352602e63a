-- unknown_touches lists the touches of unknown outcome older than the threshold,
-- oldest first, with their send_key and addresses for reconciliation.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.account_provider_settings set config = '{"senders": [{"address": "+13055550999"}]}' where account_id = :'a' and channel = 'sms';
create temp table cases on commit drop as
select k, claimed_at, tests.create_touch(:'a', tests.create_lead(:'a', '+1305555010' || n), null, 1, 'sms', 1, :'now'::timestamptz - interval '1 hour') as id
from (values (1, 'old', :'now'::timestamptz - interval '30 minutes'), (2, 'older', :'now'::timestamptz - interval '40 minutes'),
             (3, 'recent', :'now'::timestamptz - interval '1 minute'), (4, 'sending', :'now'::timestamptz - interval '50 minutes'),
             (5, 'sent', :'now'::timestamptz - interval '45 minutes')) x(n, k, claimed_at);
-- Claim each; a second claim finds the first three still sending (worker lost).
select k, brain.claim_touch(id, 'w1', claimed_at) ->> 'outcome' from cases order by claimed_at;
select k, brain.claim_touch(id, 'w2', claimed_at + interval '10 seconds') ->> 'outcome' from cases where k in ('old', 'older', 'recent');
select brain.record_touch_outcome(id, 'accepted', p_now => claimed_at) ->> 'status' from cases where k = 'sent';

create temp table res on commit drop as select * from brain.unknown_touches(p_older_than => interval '2 minutes', p_now => :'now');

-- TEST: which touches.
select results_eq($$select touch_run_id from res$$,
  $$select id from cases where k in ('older', 'old') order by claimed_at$$,
  'unknown for more than 2 minutes: listed oldest first; recent unknown, sending and sent are not');

-- TEST: what a reconcile task needs.
select results_eq(
  $$select r.send_key, r.provider, r.to_address, r.from_address, r.claimed_at, r.channel, r.lead_id from res r
    join cases c on c.id = r.touch_run_id where c.k = 'old'$$,
  $$select t.send_key, 'sink'::text, l.phone::text, '+13055550999'::text, c.claimed_at, 'sms'::text, t.lead_id
    from cases c join public.touch_runs t on t.id = c.id join public.leads l on l.id = t.lead_id where c.k = 'old'$$,
  'send_key, provider, to and from addresses, claimed_at');
select is((select send_key from res join cases c on c.id = res.touch_run_id where c.k = 'old'),
  (select brain.send_key(t.lead_id, null, 1, 'sms', 1) from public.touch_runs t join cases c on c.id = t.id where c.k = 'old'),
  'the send_key is brain.send_key of the intent');

-- TEST: a settled touch leaves the list.
select brain.record_touch_outcome(id, 'not_sent', p_now => :'now') ->> 'status' from cases where k = 'old';
select is((select count(*)::int from brain.unknown_touches(p_older_than => interval '2 minutes', p_now => :'now')), 1,
  'after settling one, one is left');

select * from finish();
rollback;
