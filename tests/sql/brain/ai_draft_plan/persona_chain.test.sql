-- The persona a draft speaks as: the campaign's, else the account's default persona,
-- else the account's settings (persona_name, else business name; ai_tone, ai_signature).
begin;
select plan(4);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
update public.org_settings set business_name = 'Sunshine Motors', ai_tone = 'warm and brief', ai_signature = '— Sunshine Motors' where account_id = :'a';
select tests.create_lead(:'a', '+13055550101') as l \gset
select tests.create_campaign(:'a') as c \gset
select tests.enroll(:'a', :'c', :'l', :'now'::timestamptz + interval '30 days');
select tests.inbound_message(:'a', :'l', 'Interested', :'now'::timestamptz - interval '5 minutes') as m \gset
select brain.record_reply_sentiment(:'m', 'Interested', 'llm', 'yes', 0.9, :'now');

-- TEST: the settings.
select is(brain.ai_draft_plan(:'m', :'now') -> 'persona',
  '{"source": "settings", "name": "Sunshine Motors", "tone": "warm and brief", "signature": "— Sunshine Motors"}'::jsonb,
  'no persona: the settings (business name when no persona_name)');
update public.org_settings set persona_name = 'Ana' where account_id = :'a';
select is(brain.ai_draft_plan(:'m', :'now') -> 'persona' ->> 'name', 'Ana', 'persona_name before the business name');

-- TEST: the account's default persona.
insert into public.ai_personas (account_id, name, tone, signature, is_default) values
  (:'a', 'Default Dan', 'upbeat', 'Dan, Sunshine Motors', true),
  (:'a', 'Other Olga', 'formal', null, false);
select is(brain.ai_draft_plan(:'m', :'now') -> 'persona',
  '{"source": "default_persona", "name": "Default Dan", "tone": "upbeat", "signature": "Dan, Sunshine Motors"}'::jsonb,
  'the default persona');

-- TEST: the campaign's persona.
update public.campaigns set ai_persona_id = (select id from public.ai_personas where name = 'Other Olga') where id = :'c';
select is(brain.ai_draft_plan(:'m', :'now') -> 'persona',
  '{"source": "campaign", "name": "Other Olga", "tone": "formal"}'::jsonb,
  'the campaign''s persona (no signature: none given)');

select * from finish();
rollback;
