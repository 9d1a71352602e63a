-- Steps are added and edited through one validated function; a running campaign's
-- step changes only after the caller has seen which enrolled leads it reaches.
begin;
select plan(10);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550191') as l1 \gset
select tests.create_lead(:'a', '+13055550192') as l2 \gset
select tests.act_as('revenue_api', :'a');
select public.save_campaign(null, '{"campaign_key": "builder", "name": "Builder"}', 'console:x') ->> 'campaign_id' as c \gset

select is(public.save_campaign_step(:'c', null, '{"channel": "sms", "body": "Hi {{first_name|there}}", "delay_minutes": 0}', 'console:x') ->> 'step', '1', 'a first step is appended as 1');
select is(public.save_campaign_step(:'c', null, '{"channel": "voice", "body": "Hello from {{business_name}}", "delay_minutes": 60,
  "fallback": {"order": ["voice", "sms"], "max_attempts": {"voice": 2}, "cooldown_minutes": {"voice": 30}}}', 'console:x') ->> 'step', '2', 'a second one as 2');
select results_eq(format($$select step, channel::text, delay_minutes, fallback -> 'order' from public.campaign_steps where campaign_id = %L order by step$$, :'c'),
  $$values (1, 'sms'::text, 0, null::jsonb), (2, 'voice'::text, 60, '["voice", "sms"]'::jsonb)$$, 'both steps as given');

select throws_ok(format($$select public.save_campaign_step(%L, 1, '{"fallback": {"order": ["sms", "fax"]}}', 'console:x')$$, :'c'), '22023', 'invalid_fallback', 'a fallback naming a non-channel is refused');
select throws_ok(format($$select public.save_campaign_step(%L, 1, '{"body": "Hi {{nickname}}"}', 'console:x')$$, :'c'), '22023', 'unknown_template_variable', 'an unknown variable is refused (strict templates)');
select throws_ok(format($$select public.save_campaign_step(%L, 7, '{"body": "x"}', 'console:x')$$, :'c'), 'P0002', 'step_not_found', 'editing a step that does not exist');

-- Running, with one lead at step 1 and one at step 3 (past step 2).
reset role;
update public.campaigns set is_active = true where id = :'c';
select tests.enroll(:'a', :'c', :'l1', now(), 1);
select tests.enroll(:'a', :'c', :'l2', now(), 3);
select tests.act_as('revenue_api', :'a');
select is(public.save_campaign_step(:'c', 2, '{"body": "Hello again from {{business_name}}"}', 'console:x') - 'sample',
  jsonb_build_object('needs_confirmation', true, 'campaign_id', :'c'::uuid, 'step', 2, 'affected_leads', 1), 'a running campaign: needs confirmation, one lead reached');
select is((select body from public.campaign_steps where campaign_id = :'c' and step = 2), 'Hello from {{business_name}}', '… and nothing changed yet');
select is(public.save_campaign_step(:'c', 2, '{"body": "Hello again from {{business_name}}"}', 'console:x', true) -> 'changed', '["body"]'::jsonb, 'confirmed: the body changes');
select results_eq(format($$select event_type, payload from public.account_events where subject_id = %L and event_type = 'campaign_step_saved'$$, :'c'),
  $$values ('campaign_step_saved'::text, '{"step": 2, "changed": ["body"], "confirmed": true}'::jsonb)$$, 'the audit names the field, not the text');
reset role;

select * from finish();
rollback;
