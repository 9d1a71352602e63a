-- An address written in a reply that belongs to another lead of the account
-- (as its email or an alternate) is kept as the sender's alternate address:
-- never a merge, never taken from the other lead. A free address (also one
-- used only in another account) becomes the sender's email.
begin;
select plan(8);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_account() as b \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');
select tests.create_lead(:'a', '+13055550201', 'bob@example.com', 'touched') as l_bob \gset
select tests.create_lead(:'a', '+13055550202', 'carol@example.com', 'touched') as l_carol \gset
update public.leads set alternate_emails = array['carol.work@example.com']::public.email_address[] where id = :'l_carol';
select tests.create_lead(:'b', '+13055550203', 'dana@example.com', 'touched') as l_dana_b \gset
select tests.create_lead(:'a', '+13055550101', p_lead_state => 'touched') as s_1 \gset
select tests.create_lead(:'a', '+13055550102', p_lead_state => 'touched') as s_2 \gset
select tests.create_lead(:'a', '+13055550103', p_lead_state => 'touched') as s_3 \gset
select count(*)::int as leads_a from public.leads where account_id = :'a' \gset
select md5(string_agg(l::text, ',' order by id)) as others from public.leads l where id in (:'l_bob', :'l_carol', :'l_dana_b') \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select 1 as n, public.ingest_inbound_message('twilio', 'SM-1', 'sms', '+13055550101', '+13055550900',
                                              'you can write to Bob@Example.com', :'now') as r
union all
select 2, public.ingest_inbound_message('twilio', 'SM-2', 'sms', '+13055550102', '+13055550900',
                                       'my address: carol.work@example.com', :'now')
union all
select 3, public.ingest_inbound_message('twilio', 'SM-3', 'sms', '+13055550103', '+13055550900',
                                       'dana@example.com is mine', :'now');
reset role;

-- TEST: another lead's email or alternate: an alternate of the sender.
select results_eq(format($$select email::text, alternate_emails::text[] from public.leads where id = %L$$, :'s_1'),
  $$values (null::text, array['bob@example.com'])$$, 'another lead''s email: the sender keeps it as an alternate, no email');
select results_eq(format($$select email::text, alternate_emails::text[] from public.leads where id = %L$$, :'s_2'),
  $$values (null::text, array['carol.work@example.com'])$$, 'another lead''s alternate address: the same');

-- TEST: never stolen, never merged.
select is((select md5(string_agg(l::text, ',' order by id)) from public.leads l where id in (:'l_bob', :'l_carol', :'l_dana_b')), :'others',
  'the owners of those addresses are unchanged');
select is((select count(*)::int from public.leads where account_id = :'a'), :leads_a, 'no lead created or merged away');
select set_eq($$select (r->>'lead_id')::uuid from res$$, format($$values (%L::uuid), (%L), (%L)$$, :'s_1', :'s_2', :'s_3'),
  'each message is the sender''s, not the address owner''s');

-- TEST: a free address (used only in another account) becomes the sender's email.
select results_eq(format($$select email::text, alternate_emails::text[] from public.leads where id = %L$$, :'s_3'),
  $$values ('dana@example.com'::text, '{}'::text[])$$, 'an address free in this account becomes the sender''s email');

-- TEST: every sender gave an address: email_captured.
select set_eq(format($$select id, lead_state from public.leads where id in (%L, %L, %L)$$, :'s_1', :'s_2', :'s_3'),
  format($$values (%L::uuid, 'email_captured'::text), (%L, 'email_captured'), (%L, 'email_captured')$$, :'s_1', :'s_2', :'s_3'),
  'the three senders are email_captured');
select is((select count(*)::int from public.lead_events where lead_id in (:'l_bob', :'l_carol')), 0, 'the owners have no state change');

select * from finish();
rollback;
