-- The campaign builder sets who answers a campaign's replies (issue 17): the response
-- mode, the auto-send threshold and delays, and the persona; each validated, each change
-- recorded.
begin;
select plan(9);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
insert into public.ai_personas (account_id, name, tone, is_default) values (:'a', 'Sofia', 'warm', false) returning id as p \gset
insert into public.ai_personas (account_id, name) values (:'b', 'Bruno') returning id as pb \gset
select tests.act_as('revenue_api', :'a');

-- TEST: defaults, then a full set.
select public.save_campaign(null, '{"campaign_key": "replies", "name": "Replies"}', 'console:ana') ->> 'campaign_id' as c \gset
select results_eq(format($$select response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds, ai_persona_id from public.campaigns where id = %L$$, :'c'),
  $$values ('setter_managed'::text, 0.9::real, 180, 420, null::uuid)$$, 'a new campaign is setter managed, 0.9, 180-420 s, no persona');
select is(public.save_campaign(:'c', format('{"response_mode": "ai_auto_send", "auto_send_threshold": 0.95, "auto_send_delay_min_seconds": 60, "auto_send_delay_max_seconds": 120, "ai_persona_id": "%s"}', :'p')::jsonb, 'console:ana') -> 'changed' -> 'response_mode',
  '{"from": "setter_managed", "to": "ai_auto_send"}'::jsonb, 'the change is named');
select results_eq(format($$select response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds, ai_persona_id from public.campaigns where id = %L$$, :'c'),
  format($$values ('ai_auto_send'::text, 0.95::real, 60, 120, %L::uuid)$$, :'p'), 'saved');

-- TEST: refused, and nothing changes.
select throws_ok(format($$select public.save_campaign(%L, '{"response_mode": "yolo"}', 'console:ana')$$, :'c'), '22023', 'invalid_response_mode', 'an unknown mode');
select throws_ok(format($$select public.save_campaign(%L, '{"auto_send_threshold": 0.3}', 'console:ana')$$, :'c'), '22023', 'invalid_auto_send_threshold', 'a threshold below 0.5');
select throws_ok(format($$select public.save_campaign(%L, '{"auto_send_threshold": "high"}', 'console:ana')$$, :'c'), '22023', 'invalid_auto_send_threshold', 'a threshold that is not a number');
select throws_ok(format($$select public.save_campaign(%L, '{"auto_send_delay_min_seconds": 500}', 'console:ana')$$, :'c'), '23514', null, 'a minimum delay above the maximum');
select throws_ok(format($$select public.save_campaign(%L, '{"ai_persona_id": "%s"}', 'console:ana')$$, :'c', :'pb'), '22023', 'invalid_ai_persona', 'another account''s persona');
select results_eq(format($$select response_mode, auto_send_threshold, auto_send_delay_min_seconds, ai_persona_id from public.campaigns where id = %L$$, :'c'),
  format($$values ('ai_auto_send'::text, 0.95::real, 60, %L::uuid)$$, :'p'), 'unchanged by the refused saves');

select * from finish();
rollback;
