-- Invites and the Team page stay inside their account; no role reads token hashes.
begin;
select plan(6);

select tests.create_account('A') as a \gset
select tests.create_account('B') as b \gset
select tests.create_user(:'a', 'owner') as oa \gset
select tests.create_user(:'b', 'owner') as ob \gset
select tests.act_as('revenue_api', :'a');
select * from public.create_account_invite(:'oa', 'a-invitee@example.com', 'viewer', encode(sha256('a'::bytea), 'hex'));
select tests.act_as('revenue_api', :'b');
select * from public.create_account_invite(:'ob', 'b-invitee@example.com', 'viewer', encode(sha256('b'::bytea), 'hex'));

-- TEST: each account sees its own.
select results_eq($$select email::text from public.account_invites$$, $$values ('b-invitee@example.com'::text)$$, 'the API role reads only its account''s invites');
select is((select string_agg(x ->> 'email', ',') from json_array_elements(public.team_page() -> 'invites') x), 'b-invitee@example.com', 'and the Team page lists only them');
select is((select string_agg(x ->> 'user_id', ',') from json_array_elements(public.team_page() -> 'members') x), :'ob', 'members of this account only');
select throws_ok(format($$select public.revoke_account_invite(%L, (select id from public.account_invites limit 1))$$, :'oa'),
  '42501', 'not_an_owner', 'an owner of A cannot act while the request is for B');
select tests.act_as('revenue_analyst', :'a');
select results_eq($$select email::text from public.account_invites$$, $$values ('a-invitee@example.com'::text)$$, 'the analyst reads its account''s invites');
select throws_ok($$select token_hash from public.account_invites$$, '42501', null, 'but not token hashes');
reset role;

select * from finish();
rollback;
