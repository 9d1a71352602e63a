-- The campaign builder creates and edits campaigns through one validated function,
-- and every save says who changed which field.
begin;
select plan(9);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.act_as('revenue_api', :'a');

select public.save_campaign(null, '{"campaign_key": "spring_promo", "name": "Spring promo", "message_class": "follow_up", "auto_enroll": true}', 'console:ana@example.com') ->> 'campaign_id' as c \gset
select results_eq(format($$select campaign_key, name, message_class, auto_enroll, is_active from public.campaigns where id = %L$$, :'c'),
  $$values ('spring_promo'::text, 'Spring promo'::text, 'follow_up'::text, true, false)$$, 'created, switched off');

select is(public.save_campaign(:'c', '{"name": "Spring promo 2027", "auto_enroll": false}', 'console:ana@example.com') -> 'changed',
  '{"name": {"from": "Spring promo", "to": "Spring promo 2027"}, "auto_enroll": {"from": true, "to": false}}'::jsonb, 'the answer names each changed field');
select results_eq(format($$select event_type, actor, payload -> 'changes' ? 'name' from public.account_events where subject_id = %L order by created_at, event_type$$, :'c'),
  $$values ('campaign_created'::text, 'console:ana@example.com'::text, true), ('campaign_saved'::text, 'console:ana@example.com'::text, true)$$,
  'created and saved are recorded with the actor');
select is((public.save_campaign(:'c', '{"name": "Spring promo 2027"}', 'console:ana@example.com') -> 'changed'), '{}'::jsonb, 'saving the same value changes nothing');
select is((select count(*)::int from public.account_events where subject_id = :'c'), 2, '… and records nothing');

select throws_ok($$select public.save_campaign(null, '{"campaign_key": "Bad Key!", "name": "x"}', 'console:a')$$, '22023', 'invalid_campaign_key', 'a bad key is refused');
select throws_ok($$select public.save_campaign(null, '{"campaign_key": "spring_promo", "name": "Again"}', 'console:a')$$, '23505', 'campaign_key_taken', 'a taken key is refused');
select throws_ok(format($$select public.save_campaign(%L, '{"colour": "red"}', 'console:a')$$, :'c'), '22023', 'unknown_campaign_field', 'an unknown field is refused');

reset role;
select tests.act_as('revenue_api', :'b');
select throws_ok(format($$select public.save_campaign(%L, '{"name": "mine now"}', 'console:b')$$, :'c'), 'P0002', 'campaign_not_found',
  'another account cannot edit it');
reset role;

select * from finish();
rollback;
