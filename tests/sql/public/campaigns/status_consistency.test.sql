-- is_active is the only on/off truth; status is derived by the database, so
-- seed 001's mismatch queries return 0 by construction.
begin;
select plan(8);

select tests.create_account() as a \gset
select tests.create_campaign(:'a', 'autos_outbound_miami', true) as c1 \gset
select tests.create_campaign(:'a', 'autos_outbound_tampa', false) as c2 \gset

select results_eq(
  format('select is_active, status from public.campaigns where id in (%L, %L) order by campaign_key', :'c1', :'c2'),
  $$values (true, 'active'::text), (false, 'paused'::text)$$,
  'status follows is_active on insert');

update public.campaigns set is_active = not is_active where account_id = :'a';
select results_eq(
  format('select is_active, status from public.campaigns where id in (%L, %L) order by campaign_key', :'c1', :'c2'),
  $$values (false, 'paused'::text), (true, 'active'::text)$$,
  'status follows is_active on update');

select throws_ok(
  format($$update public.campaigns set status = 'active' where id = %L$$, :'c1'),
  '428C9', 'column "status" can only be updated to DEFAULT',
  'status cannot be written directly');
select throws_ok(
  format($$insert into public.campaigns (account_id, campaign_key, name, status) values (%L, 'x1', 'X', 'active')$$, :'a'),
  '428C9', 'cannot insert a non-DEFAULT value into column "status"',
  'status cannot be given on insert');

-- Seed 001's verification queries, verbatim.
select is(
  (select count(*) from public.campaigns
   where (is_active = true and status <> 'active')
      or (is_active = false and status = 'active')),
  0::bigint, 'seed 001: campaign mismatches are 0');
select is_empty(
  $$select id, name, is_active, status
    from public.campaigns
    where is_active = true and status <> 'active'$$,
  'seed 001: campaign consistency returns 0 rows');

-- TEST: campaign_key is unique per account, and only per account.
select throws_ok(
  format($$insert into public.campaigns (account_id, campaign_key, name) values (%L, 'autos_outbound_miami', 'Dup')$$, :'a'),
  '23505', 'duplicate key value violates unique constraint "campaigns_account_campaign_key_key"',
  'a campaign_key is unique within an account');
select lives_ok(
  format($$insert into public.campaigns (account_id, campaign_key, name) values (%L, 'autos_outbound_miami', 'Other')$$,
         tests.create_account()),
  'another account may use the same campaign_key');

select * from finish();
rollback;
