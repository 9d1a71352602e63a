-- Issue 19: the next action recommends only channels enrichment has not ruled out
-- (brain.address_problem, the claim's rule): no texts to a landline, nothing by phone
-- to a disconnected number, no email to an address that hard-bounced.
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
delete from public.account_provider_settings where account_id = :'a' and channel = 'voice';

select tests.create_lead(:'a', '+13055550100', 'desk@example.com') as landline \gset
select tests.enriched(:'landline', 'valid', 'landline', 'valid');
select tests.record_event(:'a', :'landline', 'touch_sent', '2026-04-26 16:00+00', 'outbound', 'sms');

select results_eq(
  format($$select next_action, recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'landline'),
  $$values ('reactivate'::text, 'voice'::text, 'email'::text)$$,
  'a landline: voice recommended; voice not configured, so email, never WhatsApp or SMS');

select tests.create_lead(:'a', '+13055550101', 'gone@example.com') as dead_ends \gset
select tests.enriched(:'dead_ends', 'disconnected', 'mobile', 'hard_bounced');
select tests.record_event(:'a', :'dead_ends', 'touch_sent', '2026-04-26 16:00+00', 'outbound', 'sms');
select results_eq(
  format($$select recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'dead_ends'),
  $$values (null::text, null::text)$$,
  'a disconnected number and a hard-bounced email leave no channel to recommend');

select tests.create_lead(:'a', '+13055550102') as mobile \gset
select tests.enriched(:'mobile', 'valid', 'mobile');
select tests.record_event(:'a', :'mobile', 'touch_sent', '2026-04-26 16:00+00', 'outbound', 'sms');
select results_eq(
  format($$select recommended_channel, effective_channel from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = %L$$, :'mobile'),
  $$values ('voice'::text, 'whatsapp'::text)$$,
  'a mobile: WhatsApp when voice is not configured');

-- A pending touch to a landline is not reported as the lead's next send.
insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload, created_at)
values (:'a', :'landline', 99, 'sms', 1, 'scheduled', '2026-06-10 17:00+00',
        '{"delivery": {"body": "Hi"}}', '2026-06-10 15:00+00');
select isnt(
  (select next_action from brain.lead_next_action_at('2026-06-10 16:00+00') where lead_id = :'landline'),
  'send',
  'a text queued for a landline is not the next send (the claim would cancel it)');

select * from finish();
rollback;
