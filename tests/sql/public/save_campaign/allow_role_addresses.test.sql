-- Issue 19: a campaign says whether it may email role mailboxes (info@, sales@); the
-- builder saves it like any field (validated, audited) and a copy keeps it.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.act_as('revenue_api', :'a');

select public.save_campaign(null, '{"campaign_key": "roles", "name": "Roles"}', 'console:ana') ->> 'campaign_id' as c \gset
select is((select allow_role_addresses from public.campaigns where id = :'c'), false, 'a new campaign does not email role addresses');
select is(public.save_campaign(:'c', '{"allow_role_addresses": true}', 'console:ana') -> 'changed' -> 'allow_role_addresses',
  '{"from": false, "to": true}'::jsonb, 'switching it on is recorded as a change');
select is((select allow_role_addresses from public.campaigns where id = :'c'), true, 'saved');
select throws_ok(format($$select public.save_campaign(%L, '{"allow_role_addresses": "yes"}', 'console:ana')$$, :'c'),
  '22023', 'invalid_allow_role_addresses', 'anything but true or false is refused');
select is((select allow_role_addresses from public.campaigns where id = :'c'), true, 'unchanged by the refused save');
select public.copy_campaign(:'c', 'roles_copy', 'Roles copy', 'console:ana') ->> 'campaign_id' as copy \gset
select is((select allow_role_addresses from public.campaigns where id = :'copy'), true, 'a copy keeps the setting');
reset role;

select * from finish();
rollback;
