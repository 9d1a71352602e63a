-- A reply (paused): pending touches canceled with the reason, transactional replies
-- left alone, TIMER_7D/14D/30D cancelled (other timers kept), active enrollments
-- paused with the reason. Other leads are untouched.
begin;
select plan(8);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as l \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as other \gset
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a') as c_done \gset
select tests.enroll(:'a', :'c', :'l', :'now');
select tests.enroll(:'a', :'c_done', :'l', :'now', p_status => 'completed');
select tests.enroll(:'a', :'c', :'other', :'now');
select tests.create_touch(:'a', :'l', :'c', 1, 'sms', 1, :'now'::timestamptz + interval '1 hour') as t_scheduled \gset
select tests.create_touch(:'a', :'l', :'c', 1, 'email', 1, :'now'::timestamptz - interval '1 hour') as t_queued \gset
update public.touch_runs set status = 'queued' where id = :'t_queued';
select tests.create_touch(:'a', :'l', :'c', 2, 'sms', 1, :'now'::timestamptz - interval '1 day') as t_sent \gset
select brain.claim_touch(:'t_sent', null, :'now'::timestamptz - interval '1 day') ->> 'outcome';
select brain.queue_transactional_reply(:'a', :'l', 'sms', 'help_reply', 'help', :'now') as t_help \gset
select tests.create_touch(:'a', :'other', :'c', 1, 'sms', 1, :'now'::timestamptz + interval '1 hour') as t_other \gset
insert into public.lead_timers (account_id, lead_id, timer_type, trigger_at)
select :'a', lead, x, :'now'::timestamptz + interval '7 days'
from unnest(array[:'l', :'other']::uuid[]) lead, unnest(array['TIMER_7D', 'TIMER_14D', 'TIMER_30D', 'CALLBACK']) x;

create temp table res on commit drop as
select brain.halt_outreach(:'l', 'lead_replied', 'paused', :'now') as r;

-- TEST: the counts.
select is((select r from res), '{"touches_canceled": 2, "timers_cancelled": 3, "enrollments_paused": 1}'::jsonb,
  'returns the counts: 2 touches, 3 timers, 1 enrollment');

-- TEST: touches.
select set_eq(
  format($$select id, status, error_code from public.touch_runs where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'canceled'::text, 'lead_replied'::text), (%L, 'canceled', 'lead_replied'),
                  (%L, 'sending', null), (%L, 'queued', null)$$, :'t_scheduled', :'t_queued', :'t_sent', :'t_help'),
  'scheduled and queued touches canceled with the reason; the one being sent and the transactional reply are left');

-- TEST: timers.
select set_eq(
  format($$select timer_type, cancelled_at, last_error from public.lead_timers where lead_id = %L$$, :'l'),
  format($$values ('TIMER_7D'::text, %1$L::timestamptz, 'lead_replied'::text), ('TIMER_14D', %1$L, 'lead_replied'),
                  ('TIMER_30D', %1$L, 'lead_replied'), ('CALLBACK', null, null)$$, :'now'),
  'TIMER_7D/14D/30D cancelled at p_now with the reason; a CALLBACK timer is kept');

-- TEST: enrollments.
select set_eq(
  format($$select campaign_id, status, paused_at, stopped_at, stop_reason from public.campaign_leads where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'paused'::text, %L::timestamptz, null::timestamptz, 'lead_replied'::text),
                  (%L, 'completed', null, null, null)$$, :'c', :'now', :'c_done'),
  'the active enrollment is paused at p_now with stop_reason lead_replied; a completed one is left');

-- TEST: other leads.
select is((select status from public.touch_runs where id = :'t_other'), 'scheduled', 'another lead''s touch is untouched');
select is((select count(*)::int from public.lead_timers where lead_id = :'other' and cancelled_at is null), 4,
  'another lead''s timers are untouched');
select is((select status from public.campaign_leads where lead_id = :'other'), 'active', 'another lead''s enrollment is untouched');

-- TEST: a second call finds nothing left to do.
select is(brain.halt_outreach(:'l', 'lead_replied', 'paused', :'now'),
  '{"touches_canceled": 0, "timers_cancelled": 0, "enrollments_paused": 0}'::jsonb, 'a second call changes nothing');

select * from finish();
rollback;
