-- Issue 19: a person's message is judged by the claim's own reachability rule
-- (brain.address_problem) when it is queued, so it is refused while the person is
-- looking instead of being canceled at send time.
begin;
select plan(6);

select tests.create_account('Alpha') as a \gset
select tests.create_lead(:'a', '+13055550141', 'front.desk@example.com') as landline \gset
select tests.enriched(:'landline', 'valid', 'landline', 'valid', p_email_is_role => true);
select tests.create_lead(:'a', '+13055550142', 'gone@example.com') as bounced \gset
select tests.enriched(:'bounced', 'disconnected', 'mobile', 'hard_bounced');

select tests.act_as('revenue_api', :'a');
select throws_ok(format($$select public.queue_manual_message(%L, 'sms', 'Hi', null, 'x')$$, :'landline'),
  '22023', 'unreachable', 'a text to a landline is refused');
select throws_like(format($$select public.queue_manual_message(%L, 'whatsapp', 'Hi', null, 'x')$$, :'landline'),
  '%unreachable%', 'so is WhatsApp');
select lives_ok(format($$select public.queue_manual_message(%L, 'email', 'Hi', 'Subject', 'x')$$, :'landline'),
  'a person may email a role address (front.desk@) that a campaign would not');
select throws_ok(format($$select public.queue_manual_message(%L, 'email', 'Hi', 'Subject', 'x')$$, :'bounced'),
  '22023', 'unreachable', 'an address that hard-bounced is refused');
select throws_ok(format($$select public.queue_manual_message(%L, 'sms', 'Hi', null, 'x')$$, :'bounced'),
  '22023', 'unreachable', 'a disconnected number is refused');
reset role;

select is((select count(*)::int from public.touch_runs where lead_id in (:'landline', :'bounced')), 1,
  'only the email to the role address was queued');

select * from finish();
rollback;
