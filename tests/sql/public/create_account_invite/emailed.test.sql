-- With a ready email provider, the worker mints and emails the link.
begin;
select plan(8);

select tests.create_account('Mailer') as a \gset
select tests.create_user(:'a', 'owner') as o \gset
update public.users set display_name = 'Olga Owner' where id = :'o';
insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
values (:'a', 'email', 'sink', true, '{"senders": [{"address": "team@mailer.example.com"}]}');

select tests.act_as('revenue_api', :'a');
select invite_id as i, delivery from public.create_account_invite(:'o', 'pat@example.com', 'analyst', null::text) \gset
reset role;
select is(:'delivery'::text, 'email', 'delivery by email');
select results_eq(format($$select t.identifier, j.payload ->> 'invite_id' from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where j.key = 'send_account_invite:' || %L$$, :'i'),
  format($$values ('send_account_invite'::text, %L::text)$$, :'i'), 'one send_account_invite job for it');
select is((select token_hash from public.account_invites where id = :'i'), null::text, 'no token exists until the worker mints it');

select tests.act_as('revenue_worker', null);
select results_eq(format($$select account_name, email, role, invited_by_name, provider, from_address
  from brain.issue_account_invite_token(%L, encode(sha256('mailed-token'::bytea), 'hex'))$$, :'i'),
  $$values ('Mailer'::text, 'pat@example.com'::text, 'analyst'::text, 'Olga Owner'::text, 'sink'::text, 'team@mailer.example.com'::text)$$,
  'the worker gets what the email needs');
select brain.record_account_invite_email(:'i', null);
select is((select count(*)::int from brain.issue_account_invite_token(:'i', encode(sha256('again'::bytea), 'hex'))), 0,
  'once emailed, a retry sends nothing');
reset role;
select tests.act_as('revenue_login', null);
select results_eq($$select status, role from public.invite_preview(encode(sha256('mailed-token'::bytea), 'hex'))$$,
  $$values ('open'::text, 'analyst'::text)$$, 'the emailed link opens the invite');
reset role;
select isnt((select emailed_at from public.account_invites where id = :'i'), null, 'emailed_at recorded');

-- TEST: a revoked invite is not emailed.
select tests.act_as('revenue_api', :'a');
select invite_id as i2 from public.create_account_invite(:'o', 'kim@example.com', 'viewer', null::text) \gset
select public.revoke_account_invite(:'o', :'i2');
select tests.act_as('revenue_worker', null);
select is((select count(*)::int from brain.issue_account_invite_token(:'i2', encode(sha256('late'::bytea), 'hex'))), 0,
  'a revoked invite is not emailed');
reset role;

select * from finish();
rollback;
