-- Issue 19: the claim decides reachability from what enrichment learned
-- (brain.address_problem), channel by channel: a landline gets no texts but is called;
-- an invalid or disconnected number is unreachable on every phone channel while the
-- lead's email still goes; an email that hard-bounced, has no MX or is not an address is
-- unreachable; a disposable address is never emailed; a role address only by a campaign
-- that allows it (a touch outside campaigns, a person's message or a reply, may).
begin;
select plan(17);

select tests.local_at(1, '10:00') as now \gset
select tests.create_account() as a \gset
select tests.set_all_providers(:'a');

-- Each claim a minute after the last, so the sink sender's 1/s limit never interferes.
create temp table seq (n int) on commit drop;
insert into seq values (0);
create function pg_temp.claim(p_lead uuid, p_channel text, p_campaign uuid default null) returns jsonb language sql as $$
  with s as (update seq set n = n + 1 returning n)
  select brain.claim_touch(tests.create_touch(l.account_id, p_lead, p_campaign, 1, p_channel, 1, now() - interval '1 minute'),
                           'w', tests.local_at(1, '10:00') + pg_catalog.make_interval(mins => (select n from s)))
  from public.leads l where l.id = p_lead
$$;

-- TEST: a landline (Twilio Lookup said so): no sms or whatsapp, voice goes.
select tests.create_lead(:'a', '+13055550101') as land \gset
select tests.enriched(:'land', 'valid', 'landline');
select is(pg_temp.claim(:'land', 'sms') ->> 'reason', 'phone_not_mobile', 'sms to a landline: canceled phone_not_mobile');
select is(pg_temp.claim(:'land', 'whatsapp') ->> 'reason', 'phone_not_mobile', 'whatsapp to a landline: canceled phone_not_mobile');
select is(pg_temp.claim(:'land', 'voice') ->> 'outcome', 'claimed', 'a call to the landline is claimed');
select is((select count(*)::int from public.outbound_messages where lead_id = :'land'), 1, 'only the call has an outbound row');

-- TEST: an invalid number: every phone channel unreachable, the email goes.
select tests.create_lead(:'a', '+13055550102', 'ana@example.com') as bad \gset
select tests.enriched(:'bad', 'invalid', p_email_status => 'valid');
select is(pg_temp.claim(:'bad', 'sms') ->> 'reason', 'phone_invalid', 'sms to an invalid number: phone_invalid');
select is(pg_temp.claim(:'bad', 'voice') ->> 'reason', 'phone_invalid', 'a call to an invalid number: phone_invalid');
select is(pg_temp.claim(:'bad', 'email') ->> 'outcome', 'claimed', 'the lead''s email still goes');
select tests.create_lead(:'a', '+13055550103') as gone \gset
select tests.enriched(:'gone', 'disconnected');
select is(pg_temp.claim(:'gone', 'whatsapp') ->> 'reason', 'phone_disconnected', 'a disconnected number: phone_disconnected');

-- TEST: email results.
select tests.create_lead(:'a', null, 'bounced@example.com') as hb \gset
select tests.enriched(:'hb', p_email_status => 'hard_bounced');
select is(pg_temp.claim(:'hb', 'email') ->> 'reason', 'email_hard_bounced', 'a hard-bounced address: email_hard_bounced');
select is((select count(*)::int from public.outbound_messages where lead_id = :'hb'), 0, 'nothing emailed to it');
select tests.create_lead(:'a', null, 'x@nomx.example') as nomx \gset
select tests.enriched(:'nomx', p_email_status => 'no_mx');
select is(pg_temp.claim(:'nomx', 'email') ->> 'reason', 'email_no_mx', 'a domain without MX: email_no_mx');
select tests.create_lead(:'a', null, 'x@mailinator.com') as disp \gset
select tests.enriched(:'disp', p_email_status => 'valid', p_email_is_disposable => true);
select is(pg_temp.claim(:'disp', 'email') ->> 'reason', 'email_disposable', 'a disposable address: email_disposable');

-- TEST: a role address: only a campaign that allows role addresses, or outside campaigns.
select tests.create_lead(:'a', null, 'info@dealer.example') as role \gset
select tests.enriched(:'role', p_email_status => 'valid', p_email_is_role => true);
select tests.create_campaign(:'a') as strict \gset
select tests.create_campaign(:'a') as lenient \gset
update public.campaigns set allow_role_addresses = true where id = :'lenient';
select tests.enroll(:'a', :'strict', :'role', :'now');
select tests.enroll(:'a', :'lenient', :'role', :'now');
select is(pg_temp.claim(:'role', 'email', :'strict') ->> 'reason', 'email_role_address',
  'a campaign without allow_role_addresses: email_role_address');
select is(pg_temp.claim(:'role', 'email', :'lenient') ->> 'outcome', 'claimed', 'a campaign that allows role addresses emails it');
select is(pg_temp.claim(:'role', 'email') ->> 'outcome', 'claimed', 'a touch outside campaigns (a person''s message, a reply) emails it');
select is((select error_code from public.touch_runs where lead_id = :'role' and campaign_id = :'strict'), 'email_role_address',
  'the canceled touch records the reason');

-- TEST: a carrier-required reply to an invalid number that just texted us still goes.
select is(brain.claim_touch(brain.queue_transactional_reply(:'a', :'bad', 'sms', 'help_reply', 'help', :'now'::timestamptz - interval '1 minute'),
                            null, :'now'::timestamptz + interval '1 hour') ->> 'outcome',
  'claimed', 'a HELP reply goes whatever enrichment said of the number');

select * from finish();
rollback;
