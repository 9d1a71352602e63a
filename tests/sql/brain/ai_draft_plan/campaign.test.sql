-- The campaign a draft answers: the one whose touch the lead answered (the latest sent
-- before the reply), else the lead's latest active enrollment, else none.
begin;
select plan(5);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_campaign(:'a') as answered \gset
select tests.create_campaign(:'a') as enrolled \gset
select tests.create_campaign(:'a') as later \gset
update public.campaigns set response_mode = 'ai_auto_send', auto_send_threshold = 0.8 where id = :'answered';

select tests.inbound_message(:'a', :'l', 'yes', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: no campaign at all.
select is(brain.ai_draft_plan(:'m', :'now') ? 'campaign', false, 'no touch, no enrollment: no campaign');

-- TEST: the latest active (or paused) enrollment; a completed one does not count.
select tests.enroll(:'a', :'later', :'l', :'now'::timestamptz + interval '1 day', 1, 'completed');
select is(brain.ai_draft_plan(:'m', :'now') ? 'campaign', false, 'a completed enrollment only: no campaign');
select tests.enroll(:'a', :'enrolled', :'l', :'now'::timestamptz + interval '1 day', 1, 'paused');
select is(brain.ai_draft_plan(:'m', :'now') -> 'campaign' ->> 'id', :'enrolled', 'no touch answered: the paused enrollment');

-- TEST: the campaign whose touch was answered wins, with its settings; a touch sent after the reply does not count.
insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
values (:'a', :'l', :'answered', 1, 'sms', 1, 'scheduled', :'now'::timestamptz - interval '2 days', :'now'::timestamptz - interval '2 days', '{}'),
       (:'a', :'l', :'later', 1, 'sms', 1, 'scheduled', :'now'::timestamptz - interval '2 days', :'now'::timestamptz - interval '2 days', '{}');
update public.touch_runs set status = 'sending' where lead_id = :'l';
update public.touch_runs set status = 'sent', sent_at = :'now'::timestamptz - interval '1 day' where lead_id = :'l' and campaign_id = :'answered';
update public.touch_runs set status = 'sent', sent_at = :'now'::timestamptz - interval '1 minute' where lead_id = :'l' and campaign_id = :'later';
select is(brain.ai_draft_plan(:'m', :'now') -> 'campaign',
  jsonb_build_object('id', :'answered', 'name', 'Test campaign', 'response_mode', 'ai_auto_send', 'auto_send_threshold', 0.8::real,
                     'auto_send_delay_min_seconds', 180, 'auto_send_delay_max_seconds', 420),
  'the campaign whose touch the lead answered, with its response mode, threshold and delays');
update public.touch_runs set status = 'delivered' where lead_id = :'l' and campaign_id = :'answered';
select is(brain.ai_draft_plan(:'m', :'now') -> 'campaign' ->> 'id', :'answered', 'a delivered touch counts as sent');

select * from finish();
rollback;
