-- Steps are reordered or removed, renumbered without gaps.
begin;
select plan(5);

select tests.create_account() as a \gset
select tests.act_as('revenue_api', :'a');
select public.save_campaign(null, '{"campaign_key": "order_test", "name": "Order"}', 'console:x') ->> 'campaign_id' as c \gset
select public.save_campaign_step(:'c', null, jsonb_build_object('channel', ch, 'body', 'step ' || ch), 'console:x')
from unnest(array['sms', 'voice', 'whatsapp']) ch;

select is(public.move_campaign_step(:'c', 1, 3, 'console:x') ->> 'moved', 'true', 'step 1 moves to 3');
select results_eq(format($$select step, channel::text from public.campaign_steps where campaign_id = %L order by step$$, :'c'),
  $$values (1, 'voice'::text), (2, 'whatsapp'::text), (3, 'sms'::text)$$, 'the others moved up');
select public.move_campaign_step(:'c', 3, 1, 'console:x');
select results_eq(format($$select step, channel::text from public.campaign_steps where campaign_id = %L order by step$$, :'c'),
  $$values (1, 'sms'::text), (2, 'voice'::text), (3, 'whatsapp'::text)$$, 'and back');
select public.move_campaign_step(:'c', 2, null, 'console:x');
select results_eq(format($$select step, channel::text from public.campaign_steps where campaign_id = %L order by step$$, :'c'),
  $$values (1, 'sms'::text), (2, 'whatsapp'::text)$$, 'removing step 2 closes the gap');
select throws_ok(format($$select public.move_campaign_step(%L, 5, 1, 'console:x')$$, :'c'), '22023', 'invalid_step', 'a step that does not exist');
reset role;

select * from finish();
rollback;
