-- address_problem: why a channel cannot reach a lead's address, or null when it can.
begin;
select plan(4);

-- TEST: a missing address is unreachable.
select results_eq(
  $$select brain.address_problem(c, p, e, null) from (values ('email', '+13055550101', null), ('sms', null, 'a@b.co'),
    ('whatsapp', null, 'a@b.co'), ('voice', null, 'a@b.co')) x(c, p, e)$$,
  $$values ('unreachable'), ('unreachable'), ('unreachable'), ('unreachable')$$,
  'no email for email, no phone for sms, whatsapp or voice: unreachable');

-- TEST: texts to a known landline are not tried; calls are.
select results_eq(
  $$select brain.address_problem(c, '+13055550101', null, 'landline') from (values ('sms'), ('whatsapp'), ('voice')) x(c)$$,
  $$values ('phone_not_mobile'), ('phone_not_mobile'), (null::text)$$,
  'sms and whatsapp to a landline: phone_not_mobile; voice: fine');

-- TEST: mobile, voip and unknown lines are tried.
select results_eq(
  $$select brain.address_problem('sms', '+13055550101', null, t) from (values ('mobile'), ('voip'), ('unknown'), (null)) x(t)$$,
  $$values (null::text), (null::text), (null::text), (null::text)$$,
  'mobile, voip, unknown or not known: no problem');
select is(brain.address_problem('email', null, 'a@b.co', 'landline'), null, 'email ignores the phone''s line type');

select * from finish();
rollback;
