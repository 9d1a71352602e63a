-- Every carrier opt-out word, in any case, opts the sender out.
begin;
select plan(3);

select tests.local_at(-2, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');
select tests.give_sms_senders(:'a', '+13055550900');

create temp table res on commit drop as
select w, '+1305555' || lpad(i::text, 4, '0') as phone,
       public.ingest_inbound_message('twilio', 'SM-' || i, 'sms', '+1305555' || lpad(i::text, 4, '0'), '+13055550900', w, :'now') as r
from unnest(array['STOP', 'stop', 'Stopall', 'UNSUBSCRIBE', 'unsubscribe', 'Cancel', 'END', 'end', 'Quit', 'OPTOUT', 'optout',
                  'Revoke', ' stop ', 'Stop!']) with ordinality x(w, i);

-- TEST: all opt-outs.
select is((select count(*)::int from res where r->>'keyword' = 'opt_out'), 14, 'all 14 messages are keyword opt_out');
select is(
  (select count(*)::int from res join public.suppressions s on s.phone = res.phone
   where s.account_id = :'a' and s.channel = 'sms' and s.reason = 'opt_out_keyword' and s.lifted_at is null),
  14, 'each sender''s phone has an sms opt_out_keyword suppression');
select is(
  (select count(*)::int from res join public.touch_runs t on t.id = (res.r->>'reply_touch_run_id')::uuid
   where t.payload->'meta'->>'source' = 'opt_out_confirmation'),
  14, 'each gets a confirmation');

select * from finish();
rollback;
