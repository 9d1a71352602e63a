-- The touch_run carries seed 002's payload v2 built from the campaign step.
begin;
select plan(9);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
update public.org_settings set business_name = 'Level 5 Dental' where account_id = :'a';
select tests.create_campaign(:'a') as c \gset
update public.campaigns set message_class = 'cold_dentist' where id = :'c';
select tests.create_step(:'a', :'c', 1, 'voice',
  p_fallback => '{"order": ["voice", "whatsapp", "sms"], "max_attempts": {"voice": 1, "whatsapp": 2, "sms": 2}, "cooldown_minutes": {"voice": 60, "whatsapp": 720, "sms": 720}}',
  p_body => 'Hi {{first_name}}', p_subject => 'Hello', p_template_key => 'cold_dentist_v1_step1',
  p_stop_on_events => array['reply_positive', 'do_not_contact'], p_expires_after_minutes => 1440);
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
update public.leads set first_name = 'Ana', city = 'Miami' where id = :'l';
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz - interval '1 minute');

create temp table r on commit drop as select * from public.run_touch_orchestrator(p_now => :'now');
select t.id as t, t.payload as p from public.touch_runs t where t.lead_id = :'l' \gset

-- TEST: the row.
select results_eq(
  format($$select campaign_id, step, channel::text, attempt from public.touch_runs where id = %L$$, :'t'),
  format($$values (%L::uuid, 1, 'voice'::text, 1)$$, :'c'),
  'one touch: the campaign, step 1, the step''s channel, attempt 1');

-- TEST: top level.
select is(
  jsonb_build_object('message_class', :'p'::jsonb -> 'message_class', 'campaign_id', :'p'::jsonb -> 'campaign_id', 'step', :'p'::jsonb -> 'step'),
  jsonb_build_object('message_class', 'cold_dentist', 'campaign_id', :'c', 'step', 1),
  'message_class from the campaign, campaign_id and step');

-- TEST: routing.
select is(:'p'::jsonb -> 'routing' -> 'fallback',
  '{"order": ["voice", "whatsapp", "sms"], "max_attempts": {"voice": 1, "whatsapp": 2, "sms": 2}, "cooldown_minutes": {"voice": 60, "whatsapp": 720, "sms": 720}}'::jsonb,
  'routing.fallback is the step''s fallback plan');
select is(
  jsonb_build_object('primary', :'p'::jsonb -> 'routing' ->> 'primary_channel', 'current', :'p'::jsonb -> 'routing' ->> 'current_channel'),
  jsonb_build_object('primary', 'voice', 'current', 'voice'),
  'routing.primary_channel and routing.current_channel are the step''s channel');
select is(:'p'::jsonb -> 'routing' -> 'stop_on_events', '["reply_positive", "do_not_contact"]'::jsonb,
  'routing.stop_on_events comes from the step');
select is((:'p'::jsonb -> 'routing' ->> 'expires_at')::timestamptz, :'now'::timestamptz + interval '1440 minutes',
  'routing.expires_at is p_now + expires_after_minutes');

-- TEST: delivery.
select is(:'p'::jsonb -> 'delivery',
  '{"template_key": "cold_dentist_v1_step1", "language": "en", "subject": "Hello", "body": "Hi {{first_name}}",
    "variables": {"first_name": "Ana", "full_name": "Ana", "business_name": "Level 5 Dental", "city": "Miami"}}'::jsonb,
  'delivery: template key, language, subject, body and the lead''s variables');

-- TEST: meta.
select is(:'p'::jsonb -> 'meta' ->> 'source', 'touch_orchestrator', 'meta.source is touch_orchestrator');
select is(:'p'::jsonb -> 'meta' ->> 'persona', 'initial', 'meta.persona is the lead''s persona');

select * from finish();
rollback;
