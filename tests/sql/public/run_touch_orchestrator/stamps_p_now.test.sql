-- Touches created by the orchestrator and the router carry created_at = p_now, so
-- "what would it decide at T" sees them (attempt counts, stop events after creation).
begin;
select plan(3);

select tests.local_at(-3, '10:00') as past \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.create_campaign(:'a') as c \gset
insert into public.campaign_steps (account_id, campaign_id, step, channel, fallback, body)
values (:'a', :'c', 1, 'sms', '{"order": ["sms", "voice"], "max_attempts": {"sms": 1, "voice": 1}, "cooldown_minutes": {"sms": 0, "voice": 0}}', 'Hi');
select tests.create_lead(:'a', '+13055550101') as l \gset
-- Not about enrichment (issue 19): the lead's is done, so nothing waits for it.
select tests.enrichment_done(:'l');
select tests.enroll(:'a', :'c', :'l', :'past'::timestamptz - interval '1 hour');

create temp table tick on commit drop as select * from public.run_touch_orchestrator(10, false, :'past');
select is((select created_at from public.touch_runs where id = (select touch_run_id from tick)), :'past'::timestamptz,
  'the orchestrator stamps the touch at p_now');
select brain.claim_touch((select touch_run_id from tick), 'w', :'past'::timestamptz + interval '1 second');
create temp table outcome on commit drop as
select brain.record_touch_outcome((select touch_run_id from tick), 'accepted', 'x', 'sent', null, null, :'past'::timestamptz + interval '2 seconds') as r;
select is((select r -> 'route' ->> 'decision' from outcome), 'switch_channel', 'as of that moment the router switches to voice');
select is((select created_at from public.touch_runs where lead_id = :'l' and channel = 'voice'),
  :'past'::timestamptz + interval '2 seconds', 'and stamps the new touch at its p_now');

select * from finish();
rollback;
