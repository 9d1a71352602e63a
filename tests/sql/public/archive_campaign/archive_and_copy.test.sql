-- Archiving stops a campaign for good; a copy starts from its settings and steps.
begin;
select plan(7);

select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550193') as l \gset
select tests.act_as('revenue_api', :'a');
select public.save_campaign(null, '{"campaign_key": "old_one", "name": "Old one", "message_class": "follow_up"}', 'console:x') ->> 'campaign_id' as c \gset
select public.save_campaign_step(:'c', null, '{"channel": "sms", "body": "Hi {{first_name|there}}"}', 'console:x');
reset role;
update public.campaigns set is_active = true where id = :'c';
select tests.enroll(:'a', :'c', :'l', now(), 1);
select tests.act_as('revenue_api', :'a');

select is(public.archive_campaign(:'c', 'console:x') ->> 'enrollments_stopped', '1', 'archived: its enrollment stops');
select results_eq(format($$select is_active, archived_at is not null from public.campaigns where id = %L$$, :'c'), $$values (false, true)$$, 'off and archived');
select throws_ok(format($$select public.set_campaign_active(%L, true, 'console:x')$$, :'c'), '55000', 'campaign_archived', 'an archived campaign cannot be switched on');
select throws_ok(format($$select public.save_campaign_step(%L, 1, '{"body": "x"}', 'console:x')$$, :'c'), '55000', 'campaign_archived', 'nor edited');

select public.copy_campaign(:'c', 'new_one', 'New one', 'console:x') ->> 'campaign_id' as c2 \gset
select results_eq(format($$select message_class, is_active, archived_at is null from public.campaigns where id = %L$$, :'c2'),
  $$values ('follow_up'::text, false, true)$$, 'the copy keeps the settings, off and not archived');
select results_eq(format($$select step, channel::text, body from public.campaign_steps where campaign_id = %L$$, :'c2'),
  $$values (1, 'sms'::text, 'Hi {{first_name|there}}'::text)$$, 'and the steps');
select is((select count(*)::int from public.campaign_leads where campaign_id = :'c2'), 0, 'and no enrollments');
reset role;

select * from finish();
rollback;
