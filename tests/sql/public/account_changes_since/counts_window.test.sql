-- "What changed today" counts one account's sends, failures, replies, opt-outs,
-- new leads and campaign switches inside [p_since, p_now), nothing outside it,
-- and nothing of another account, also when asked for it through the API role.
begin;
select plan(5);

select tests.create_account('Alpha') as a \gset
select tests.create_account('Bravo') as b \gset
select tests.create_lead(:'a', '+13055550171') as la \gset
select tests.create_lead(:'b', '+13055550172') as lb \gset
select tests.create_campaign(:'a', 'alpha_outbound') as ca \gset
select (now() - interval '1 hour') as since \gset
select (now() + interval '1 hour') as now \gset

-- TEST: an old lead and old events do not count.
select tests.create_lead(:'a', '+13055550173') as old_lead \gset
update public.leads set created_at = :'since'::timestamptz - interval '1 day' where id = :'old_lead';

insert into public.core_memory_events (account_id, lead_id, event_type, event_source, direction, payload, created_at) values
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz + interval '1 minute'),
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz + interval '2 minutes'),
  (:'a', :'la', 'touch_failed', 'test', 'outbound', '{}', :'since'::timestamptz + interval '3 minutes'),
  (:'a', :'la', 'opt_out', 'test', 'inbound', '{}', :'since'::timestamptz + interval '4 minutes'),
  (:'b', :'lb', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz + interval '1 minute'),
  (:'a', :'la', 'touch_sent', 'test', 'outbound', '{}', :'since'::timestamptz - interval '1 second'),
  (:'a', :'la', 'opt_out', 'test', 'inbound', '{}', :'now'::timestamptz);
insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, received_at) values
  (:'a', :'la', 'sms', 'twilio', 'SM-chg-1', '+13055550171', '+13055550100', 'hola', :'since'::timestamptz + interval '5 minutes'),
  (:'a', :'la', 'sms', 'twilio', 'SM-chg-2', '+13055550171', '+13055550100', 'hola', :'since'::timestamptz - interval '5 minutes'),
  (:'b', :'lb', 'sms', 'twilio', 'SM-chg-3', '+13055550172', '+13055550100', 'hola', :'since'::timestamptz + interval '5 minutes');
select public.set_campaign_active(:'ca', false, 'test');
select public.set_campaign_active(:'ca', true, 'test');

select results_eq(
  format($$select touches_sent, touches_failed, replies, opt_outs, new_leads, campaigns_switched
           from public.account_changes_since(%L, %L, %L)$$, :'a', :'since', :'now'),
  $$values (2::bigint, 1::bigint, 1::bigint, 1::bigint, 1::bigint, 2::bigint)$$,
  'two sends, one failure, one reply, one opt-out, one new lead and two switches in the window');

-- TEST: the other account has its own counts.
select results_eq(
  format($$select touches_sent, replies, new_leads, campaigns_switched from public.account_changes_since(%L, %L, %L)$$, :'b', :'since', :'now'),
  $$values (1::bigint, 1::bigint, 1::bigint, 0::bigint)$$, 'Bravo sees only its own send, reply and lead');

-- TEST: a window where nothing happened counts nothing.
select results_eq(
  format($$select touches_sent + touches_failed + replies + opt_outs + new_leads + campaigns_switched
           from public.account_changes_since(%L, %L, %L)$$, :'a', :'now'::timestamptz + interval '1 second', :'now'::timestamptz + interval '1 day'),
  $$values (0::bigint)$$, 'nothing happened after p_now');

-- TEST: the API role bound to Bravo cannot read Alpha's counts (row-level security).
select tests.act_as('revenue_api', :'b');
select results_eq(
  format($$select touches_sent, new_leads from public.account_changes_since(%L, %L, %L)$$, :'a', :'since', :'now'),
  $$values (0::bigint, 0::bigint)$$, 'Alpha''s changes are invisible to Bravo''s API session');
select results_eq(
  format($$select touches_sent, new_leads from public.account_changes_since(%L, %L, %L)$$, :'b', :'since', :'now'),
  $$values (1::bigint, 1::bigint)$$, 'Bravo''s API session reads its own changes');

select * from finish();
rollback;
