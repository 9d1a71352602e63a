-- The template editor previews a step for a chosen lead exactly as claim_touch renders it.
begin;
select plan(3);

select tests.create_account() as a \gset
insert into public.leads (account_id, first_name, phone, source) values (:'a', 'Ana & <b>Co</b>', '+13055550194', 'test') returning id as ana \gset
insert into public.leads (account_id, phone, source) values (:'a', '+13055550195', 'test') returning id as nameless \gset
select tests.act_as('revenue_api', :'a');
select public.save_campaign(null, '{"campaign_key": "preview", "name": "Preview"}', 'console:x') ->> 'campaign_id' as c \gset
select public.save_campaign_step(:'c', null, '{"channel": "sms", "body": "Hi {{first_name}}, {{first_name|friend}}!"}', 'console:x');

select is(public.preview_campaign_step(:'c', 1, :'ana') ->> 'body', 'Hi Ana & <b>Co</b>, Ana & <b>Co</b>!', 'the lead''s values, literally');
select is(public.preview_campaign_step(:'c', 1, :'nameless') -> 'problems', '["missing_lead_data:first_name"]'::jsonb, 'a missing value is a problem, as at send time');
select is(public.preview_campaign_step(:'c', 1, :'nameless') ->> 'body', null, '… and there is no text to show');
reset role;

select * from finish();
rollback;
