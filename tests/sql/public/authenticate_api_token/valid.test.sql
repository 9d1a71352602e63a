-- A valid token (given as its hex SHA-256) names its account and records last_used_at.
-- The API calls it before it knows the account (no app.account_id).
begin;
select plan(4);

select tests.create_account() as a \gset
select tests.create_account() as b \gset
insert into public.account_api_tokens (account_id, name, token_hash)
values (:'a', 'web form', encode(sha256('token-a'::bytea), 'hex')),
       (:'b', 'crm', encode(sha256('token-b'::bytea), 'hex'));

select tests.act_as('revenue_api', null);
create temp table res on commit drop as
select 'a' as k, public.authenticate_api_token(encode(sha256('token-a'::bytea), 'hex')) as account_id
union all
select 'b', public.authenticate_api_token(encode(sha256('token-b'::bytea), 'hex'));
reset role;

-- TEST: the account.
select is((select account_id from res where k = 'a'), :'a'::uuid, 'token a: account a');
select is((select account_id from res where k = 'b'), :'b'::uuid, 'token b: account b');

-- TEST: last_used_at.
select is((select last_used_at from public.account_api_tokens where account_id = :'a'), now(), 'last_used_at is set to now');
select is((select count(*)::int from public.account_api_tokens where last_used_at is null), 0, 'on each token used');

select * from finish();
rollback;
