-- The step's plan used up while something else is still under way for the lead
-- (another active enrollment in an active campaign, or an open touch): the lead
-- is not dead and its enrollment is left alone.
begin;
select plan(6);

select tests.local_at(1, '10:00') as p \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
select tests.create_campaign(:'a') as c_other \gset
select tests.create_campaign(:'a', 'other_off', false) as c_off \gset
select tests.create_step(:'a', x, 1, 'sms') from unnest(array[:'c', :'c_other', :'c_off']::uuid[]) x;
select tests.create_lead(:'a', '+13055550101') as l_enrolled \gset
select tests.create_lead(:'a', '+13055550102') as l_open_touch \gset
select tests.create_lead(:'a', '+13055550103') as l_off \gset
select tests.enroll(:'a', :'c', l, :'p'::timestamptz - interval '1 hour', p_status => 'completed')
from unnest(array[:'l_enrolled', :'l_open_touch', :'l_off']::uuid[]) l;
select tests.enroll(:'a', :'c_other', :'l_enrolled', :'p'::timestamptz + interval '1 day');
select tests.enroll(:'a', :'c_off', :'l_off', :'p'::timestamptz + interval '1 day');
-- l_open_touch has a touch scheduled for tomorrow outside this campaign.
select tests.create_touch(:'a', :'l_open_touch', null, 1, 'voice', 1, :'p'::timestamptz - interval '1 hour') as open_touch \gset
update public.touch_runs set scheduled_at = :'p'::timestamptz + interval '1 day' where id = :'open_touch';

create temp table touches on commit drop as
select k, lead_id, at, tests.create_touch(:'a', lead_id, :'c', 1, 'sms', 1, :'p'::timestamptz - interval '1 hour',
                                          tests.payload_v2('sms', p_order => array['sms'], p_max_attempts => '{"sms": 1}')) as id
from (values ('enrolled', :'l_enrolled'::uuid, :'p'::timestamptz), ('open_touch', :'l_open_touch', :'p'::timestamptz + interval '1 second'),
             ('off', :'l_off', :'p'::timestamptz + interval '2 seconds')) x(k, lead_id, at);
create temp table res on commit drop as
select k, lead_id, brain.claim_touch(id, null, at) ->> 'outcome' as claimed, brain.record_touch_outcome(id, 'accepted', p_now => at) as r
from touches order by at;

-- TEST: all three stop.
select set_eq($$select k, claimed, r->'route'->>'decision' as decision, r->'route'->>'reason' as reason from res$$,
  $$values ('enrolled', 'claimed', 'stop', 'all_channels_exhausted'), ('open_touch', 'claimed', 'stop', 'all_channels_exhausted'),
           ('off', 'claimed', 'stop', 'all_channels_exhausted')$$,
  'each step plan is exhausted');

-- TEST: still under way: not dead.
select is((select lead_state from public.leads where id = :'l_enrolled'), 'touched', 'active enrollment elsewhere: the lead stays touched');
select is((select lead_state from public.leads where id = :'l_open_touch'), 'touched', 'an open touch: the lead stays touched');
select is(
  (select count(*)::int from public.campaign_leads where campaign_id = :'c' and lead_id in (:'l_enrolled', :'l_open_touch') and status = 'completed'),
  2, 'their completed enrollments are not stopped');
select is((select (r->'route'->>'lead_dead')::boolean from res where k = 'enrolled'), false, 'the route says lead_dead false');

-- TEST: an enrollment in a paused campaign does not keep the lead alive.
select is((select lead_state from public.leads where id = :'l_off'), 'dead', 'only an enrollment in a paused campaign: dead');

select * from finish();
rollback;
