-- address_problem: why a channel cannot reach a lead's address, or null when it can.
begin;
select plan(8);

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

-- TEST: what enrichment learned (issue 19): an invalid or disconnected number stops every phone channel, not email.
select results_eq(
  $$select c, brain.address_problem(c, '+13055550101', 'a@b.co', 'mobile', s) from (values ('voice'), ('sms'), ('whatsapp'), ('email')) x(c)
    cross join (values ('invalid'), ('disconnected')) y(s) order by s desc, c$$,
  $$values ('email', null::text), ('sms', 'phone_invalid'), ('voice', 'phone_invalid'), ('whatsapp', 'phone_invalid'),
           ('email', null), ('sms', 'phone_disconnected'), ('voice', 'phone_disconnected'), ('whatsapp', 'phone_disconnected')$$,
  'invalid / disconnected: every phone channel, never email');

-- TEST: an email's status stops email only.
select results_eq(
  $$select s, brain.address_problem('email', '+13055550101', 'a@b.co', null, 'valid', s), brain.address_problem('sms', '+13055550101', 'a@b.co', null, 'valid', s)
    from (values ('invalid_syntax'), ('no_mx'), ('hard_bounced'), ('valid'), ('unknown')) x(s)$$,
  $$values ('invalid_syntax', 'email_invalid_syntax', null::text), ('no_mx', 'email_no_mx', null), ('hard_bounced', 'email_hard_bounced', null),
           ('valid', null, null), ('unknown', null, null)$$,
  'invalid_syntax, no_mx, hard_bounced stop email; valid and unknown do not; texts are not affected');

-- TEST: disposable is never emailed; a role address only when allowed.
select results_eq(
  $$select brain.address_problem('email', null, 'info@b.co', null, null, 'valid', r, d, allow)
    from (values (false, true, true), (true, false, false), (true, false, true), (false, false, false)) x(r, d, allow)$$,
  $$values ('email_disposable'), ('email_role_address'), (null::text), (null)$$,
  'disposable: email_disposable; role: email_role_address unless allowed');

-- TEST: a missing address comes first.
select is(brain.address_problem('sms', null, 'a@b.co', 'landline', 'invalid'), 'unreachable', 'no phone: unreachable before anything enrichment said');

select * from finish();
rollback;
