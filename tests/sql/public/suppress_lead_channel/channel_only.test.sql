-- A suppression stops one channel: it cancels the lead's pending touches on that
-- channel only, and lead_suppression_status_v1 lists only that channel.
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.create_lead(:'a', '+13055550101', 'ana@example.com') as l \gset
select tests.create_touch(:'a', :'l', null, 1, 'sms', 1, :'now'::timestamptz + interval '1 day') as t_sms \gset
select tests.create_touch(:'a', :'l', null, 1, 'email', 1, :'now'::timestamptz + interval '1 day') as t_email \gset
select tests.create_touch(:'a', :'l', null, 1, 'voice', 1, :'now'::timestamptz + interval '1 day') as t_voice \gset

select tests.act_as('revenue_worker', null);
create temp table res on commit drop as
select public.suppress_lead_channel(:'a', :'l', null, 'sms', 'unsubscribe', 'tests', :'now') as r;
reset role;

-- TEST: the phone on sms.
select results_eq(format($$select phone::text, email::text, channel::text, reason from public.suppressions where account_id = %L$$, :'a'),
  $$values ('+13055550101'::text, null::text, 'sms'::text, 'unsubscribe'::text)$$, 'the lead''s phone is suppressed on sms');

-- TEST: other channels untouched.
select set_eq(format($$select id, status, error_code from public.touch_runs where lead_id = %L$$, :'l'),
  format($$values (%L::uuid, 'canceled'::text, 'channel_suppressed'::text), (%L, 'scheduled', null), (%L, 'scheduled', null)$$,
         :'t_sms', :'t_email', :'t_voice'),
  'the pending sms touch is canceled; email and voice touches are not');
select results_eq(format($$select is_unsubscribed, suppressed_channels from public.lead_suppression_status_v1 where lead_id = %L$$, :'l'),
  $$values (false, array['sms'])$$, 'lead_suppression_status_v1: sms only');

select * from finish();
rollback;
