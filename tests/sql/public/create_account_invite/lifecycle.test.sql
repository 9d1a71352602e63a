-- An invite without an email provider: the link is shown; re-inviting replaces
-- it, an owner can revoke it, and only an open link is accepted, once.
begin;
select plan(20);

select tests.create_account('Acme') as a \gset
select tests.create_user(:'a', 'owner') as o \gset
select tests.create_user(:'a', 'admin') as adm \gset
select encode(sha256('first-token'::bytea), 'hex') as h1 \gset
select encode(sha256('second-token'::bytea), 'hex') as h2 \gset
select encode(sha256('third-token'::bytea), 'hex') as h3 \gset

select tests.act_as('revenue_api', :'a');
-- TEST: only owners invite; a valid role; not someone already in.
select throws_ok(format($$select * from public.create_account_invite(%L, 'new@example.com', 'setter', %L)$$, :'adm', :'h1'),
  '42501', 'not_an_owner', 'an admin cannot invite');
select throws_ok(format($$select * from public.create_account_invite(%L, 'new@example.com', 'boss', %L)$$, :'o', :'h1'),
  '22023', 'invalid_role', 'the role must be one of the five');
select throws_ok(format($$select * from public.create_account_invite(%L, (select email from public.users where id = %L), 'viewer', %L)$$, :'o', :'adm', :'h1'),
  '23505', 'already_a_member', 'a member is not invited again');

-- TEST: no email provider: the link is shown, with the API's token hash, for 7 days.
select results_eq(format($$select delivery, expires_at from public.create_account_invite(%L, ' New@Example.com ', 'setter', %L, '2026-12-01 10:00Z')$$, :'o', :'h1'),
  $$values ('shown'::text, '2026-12-08 10:00Z'::timestamptz)$$, 'shown, valid 7 days');
select is(json_array_length(public.team_page('2026-12-01 11:00Z') -> 'invites'), 1, 'the team page lists it');
select is(public.team_page('2026-12-01 11:00Z') -> 'invites' -> 0 ->> 'email', 'new@example.com', 'with the email, lower-cased');
select throws_ok($$select token_hash from public.account_invites$$, '42501', null, 'the API role cannot read token hashes');
reset role;
select is((select count(*)::int from graphile_worker.jobs where task_identifier = 'send_account_invite'), 0, 'no email job');
select tests.act_as('revenue_api', :'a');

-- TEST: re-inviting replaces the open invite.
select * from public.create_account_invite(:'o', 'new@example.com', 'admin', :'h2', '2026-12-01 12:00Z');
reset role;
select tests.act_as('revenue_login', null);
select results_eq($$select status, role from public.invite_preview(encode(sha256('first-token'::bytea), 'hex'), '2026-12-01 12:00Z')$$,
  $$values ('revoked'::text, null::text)$$, 'the first link is revoked and shows nothing of the invite');
select results_eq($$select status, role, email, user_exists from public.invite_preview(encode(sha256('second-token'::bytea), 'hex'), '2026-12-01 12:00Z')$$,
  $$values ('open'::text, 'admin'::text, 'new@example.com'::text, false)$$, 'the second is open with the new role');
select results_eq($$select status from public.invite_preview(encode(sha256('never-issued'::bytea), 'hex'))$$,
  $$values ('not_found'::text)$$, 'an unknown link');

-- TEST: expiry.
select results_eq($$select status from public.invite_preview(encode(sha256('second-token'::bytea), 'hex'), '2026-12-08 12:00Z')$$,
  $$values ('expired'::text)$$, 'after 7 days the link has expired');
select throws_ok($$select public.accept_account_invite_as_new_user(encode(sha256('second-token'::bytea), 'hex'), 'Nia', 'scrypt$x', '2026-12-08 12:00Z')$$,
  '55000', 'invite_expired', 'and cannot be accepted');

-- TEST: accepting as a new user creates the login and the membership, once.
select public.accept_account_invite_as_new_user(:'h2', 'Nia New', 'scrypt$16384$8$1$salt$hash', '2026-12-02 09:00Z') as nu \gset
reset role;
select results_eq(format($$select u.email::text, u.display_name, u.password_hash, m.role, m.is_active
  from public.users u join public.account_members m on m.user_id = u.id where u.id = %L$$, :'nu'),
  $$values ('new@example.com'::text, 'Nia New'::text, 'scrypt$16384$8$1$salt$hash'::text, 'admin'::text, true)$$,
  'a user with that name and password hash, member with the invited role');
select tests.act_as('revenue_login', null);
select throws_ok($$select public.accept_account_invite_as_new_user(encode(sha256('second-token'::bytea), 'hex'), 'Eve', 'scrypt$x', '2026-12-02 09:01Z')$$,
  '55000', 'invite_used', 'a used link opens nothing');

-- TEST: an owner revokes an open invite.
reset role;
select tests.act_as('revenue_api', :'a');
select invite_id as i3 from public.create_account_invite(:'o', 'third@example.com', 'viewer', :'h3') \gset
select lives_ok(format($$select public.revoke_account_invite(%L, %L)$$, :'o', :'i3'), 'the owner revokes it');
select throws_ok(format($$select public.revoke_account_invite(%L, %L)$$, :'o', :'i3'), 'P0002', 'invite_not_found', 'only once');
reset role;
select tests.act_as('revenue_login', null);
select throws_ok($$select public.accept_account_invite_as_new_user(encode(sha256('third-token'::bytea), 'hex'), 'T', 'scrypt$x')$$,
  '55000', 'invite_revoked', 'a revoked link cannot be accepted');
select throws_ok($$select public.accept_account_invite_as_new_user(encode(sha256('no-such'::bytea), 'hex'), 'T', 'scrypt$x')$$,
  'P0002', 'invite_not_found', 'nor an unknown one');
reset role;
select tests.act_as('revenue_api', :'a');
select is(json_array_length(public.team_page() -> 'invites'), 0, 'no open invites remain');
reset role;

select * from finish();
rollback;
