-- Re-checked at claim time: the lead closed or dead, a negative cooldown, an
-- expired routing.expires_at, the campaign switched off, the enrollment not
-- active: the touch is canceled with that reason.
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select :'now'::timestamptz - interval '1 hour' as created \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a', 'switched_off', true) as c_off \gset
select tests.create_step(:'a', :'c', 1, 'sms');
select tests.create_step(:'a', :'c_off', 1, 'sms');

create temp table cases on commit drop as
select n, k, tests.create_lead(:'a', '+1305555' || lpad(n::text, 4, '0')) as lead_id
from (values (1, 'closed'), (2, 'dead'), (3, 'cooldown'), (4, 'expired'), (5, 'expires_now'), (6, 'campaign_off'),
             (7, 'paused'), (8, 'not_enrolled'), (9, 'ok'), (10, 'expires_later')) x(n, k);
update public.leads set lead_state = 'touched' where id in (select lead_id from cases where k in ('closed', 'dead'));
update public.leads set lead_state = 'closed' where id = (select lead_id from cases where k = 'closed');
update public.leads set lead_state = 'dead' where id = (select lead_id from cases where k = 'dead');
select tests.record_event(:'a', lead_id, 'reply_negative', :'now'::timestamptz - interval '2 days', 'inbound', 'sms')
from cases where k = 'cooldown';
select tests.enroll(:'a', case when k = 'campaign_off' then :'c_off'::uuid else :'c'::uuid end, lead_id, :'created',
                    p_status => case when k = 'paused' then 'paused' else 'active' end)
from cases where k <> 'not_enrolled';

-- Each claim at its own second (p_now + n s), so the SMS sender's rate limit never interferes.
create temp table touches on commit drop as
select c.k, c.n, :'now'::timestamptz + make_interval(secs => c.n) as at,
       tests.create_touch(:'a', c.lead_id, case when c.k = 'campaign_off' then :'c_off'::uuid else :'c'::uuid end, 1, 'sms', 1, :'created',
         tests.payload_v2('sms', p_expires_at => :'now'::timestamptz + make_interval(secs => c.n) + case c.k
           when 'expired' then interval '-1 minute' when 'expires_now' then interval '0' when 'expires_later' then interval '1 minute' end)) as id
from cases c;
update public.campaigns set is_active = false where id = :'c_off';

create temp table res on commit drop as
select t.k, t.id, brain.claim_touch(t.id, null, t.at) as r from touches t order by t.n;

-- TEST: outcomes.
select set_eq(
  $$select k, r->>'outcome' as outcome, r->>'reason' as reason from res$$,
  $$values ('closed', 'canceled', 'lead_closed'), ('dead', 'canceled', 'lead_dead'), ('cooldown', 'canceled', 'negative_cooldown'),
           ('expired', 'canceled', 'expired'), ('expires_now', 'canceled', 'expired'), ('campaign_off', 'canceled', 'campaign_inactive'),
           ('paused', 'canceled', 'enrollment_paused'), ('not_enrolled', 'canceled', 'enrollment_none'),
           ('ok', 'claimed', null), ('expires_later', 'claimed', null)$$,
  'closed, dead, cooldown, expired (also exactly at expires_at), campaign off, enrollment paused or missing: canceled; the controls are claimed');

-- TEST: status and reason on the row.
select is(
  (select count(*)::int from res join public.touch_runs t on t.id = res.id
   where res.r->>'outcome' = 'canceled' and t.status = 'canceled' and t.error_code = res.r->>'reason'),
  8, 'each canceled touch: status canceled, error_code = reason');
select is(
  (select count(*)::int from res join public.core_memory_events e on e.payload->>'touch_run_id' = res.id::text and e.event_type = 'touch_canceled'),
  8, 'each logs touch_canceled');
select is(
  (select count(*)::int from public.outbound_messages m join res on res.id = m.touch_run_id where res.r->>'outcome' = 'canceled'),
  0, 'nothing is sent for them');

select * from finish();
rollback;
