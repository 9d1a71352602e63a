-- A revoked or unknown token authenticates nothing (null) and records nothing.
begin;
select plan(5);

select tests.create_account() as a \gset
insert into public.account_api_tokens (account_id, name, token_hash, revoked_at)
values (:'a', 'old form', encode(sha256('token-old'::bytea), 'hex'), now() - interval '1 day');
insert into public.account_api_tokens (account_id, name, token_hash)
values (:'a', 'web form', encode(sha256('token-a'::bytea), 'hex'));

select tests.act_as('revenue_api', null);
create temp table res on commit drop as
select 'revoked' as k, public.authenticate_api_token(encode(sha256('token-old'::bytea), 'hex')) as account_id
union all select 'unknown', public.authenticate_api_token(encode(sha256('token-x'::bytea), 'hex'))
union all select 'raw', public.authenticate_api_token('token-a')
union all select 'null', public.authenticate_api_token(null);
reset role;

-- TEST: null.
select is((select account_id from res where k = 'revoked'), null, 'a revoked token: null');
select is((select account_id from res where k = 'unknown'), null, 'an unknown token: null');
select is((select account_id from res where k = 'raw'), null, 'the token itself instead of its hash: null');
select is((select account_id from res where k = 'null'), null, 'null: null');

-- TEST: nothing recorded.
select is((select count(*)::int from public.account_api_tokens where last_used_at is not null), 0, 'no last_used_at is set');

select * from finish();
rollback;
