-- The 24h touches are split by status: queued (scheduled/queued/sending), sent (sent/delivered), failed.
begin;
select plan(2);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550100') as lead \gset
select tests.create_campaign(:'a', 'autos_outbound_miami') as miami \gset

-- Eight recent touches (attempts 1-8), moved through the lifecycle.
select tests.create_touch(:'a', :'lead', :'miami', 1, 'sms', n, now() - interval '23 hours' + n * interval '1 minute')
from generate_series(1, 8) as n;
update public.touch_runs set status = 'queued' where campaign_id = :'miami' and attempt = 2;
update public.touch_runs set status = 'sending' where campaign_id = :'miami' and attempt between 3 and 7;
update public.touch_runs set status = 'sent' where campaign_id = :'miami' and attempt in (4, 5);
update public.touch_runs set status = 'delivered' where campaign_id = :'miami' and attempt = 5;
update public.touch_runs set status = 'failed' where campaign_id = :'miami' and attempt = 6;
update public.touch_runs set status = 'canceled' where campaign_id = :'miami' and attempt = 8;
-- attempt 1 scheduled, 2 queued, 3 sending, 4 sent, 5 delivered, 6 failed, 7 sending, 8 canceled

-- TEST: each status lands in its bucket.
select results_eq(
  format('select touch_runs_24h, queued_24h, sent_24h, failed_24h from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'miami'),
  $$values (8::bigint, 4::bigint, 2::bigint, 1::bigint)$$,
  '8 touches: 4 queued (scheduled, queued, 2 sending), 2 sent (sent, delivered), 1 failed; canceled only in the total');

-- TEST: the same statuses older than 24 hours are not counted.
select tests.create_touch(:'a', :'lead', :'miami', 2, 'sms', n, now() - interval '25 hours')
from generate_series(1, 3) as n;
update public.touch_runs set status = 'sending' where campaign_id = :'miami' and step = 2 and attempt in (2, 3);
update public.touch_runs set status = 'sent' where campaign_id = :'miami' and step = 2 and attempt = 2;
update public.touch_runs set status = 'failed' where campaign_id = :'miami' and step = 2 and attempt = 3;
select results_eq(
  format('select touch_runs_24h, queued_24h, sent_24h, failed_24h from public.v_campaign_runtime_status_v1 where campaign_id = %L', :'miami'),
  $$values (8::bigint, 4::bigint, 2::bigint, 1::bigint)$$,
  'scheduled, sent and failed touches 25h old change no count');

select * from finish();
rollback;
