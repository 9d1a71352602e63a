-- One call records a batch: each lead's phone and email results and its status, the caches,
-- and a lead_enriched event per finished lead. Results of an address the lead no longer has,
-- or under a lease that is no longer the lead's, are not written.
begin;
select plan(22);

select tests.create_account('A') as a \gset
select tests.create_lead(:'a', '+13055550101', 'info@example.com') as land \gset
select tests.create_lead(:'a', '+13055550102', 'ana@mailinator.example') as mob \gset
select tests.create_lead(:'a', '+13055550103') as dead \gset
select tests.create_lead(:'a', '+13055550104') as bad \gset
insert into public.leads (account_id, source, phone, phone_line_type) values (:'a', 'csv_import', '+13055550105', 'landline') returning id as imp \gset
select tests.create_lead(:'a', null, 'bo@example.net') as bounced \gset
select tests.create_lead(:'a', '+13055550107') as moved \gset
select tests.create_lead(:'a', '+13055550108') as stale \gset
select tests.create_lead(:'a', '+13055550109') as retry \gset
select tests.create_lead(:'a', '+13055550110') as gaveup \gset
update public.leads set email_status = 'hard_bounced', email_bounced_at = '2026-02-01' where id = :'bounced';

set local role revenue_worker;
select count(*) from brain.claim_lead_enrichments(:'a', 200, '5 minutes', 5, '2026-03-01 10:00+00');
reset role;
-- The lead's phone changed while it was looked up.
update public.leads set phone = '+13055550117' where id = :'moved';
set local role revenue_worker;

create temp table res on commit drop as
select * from brain.record_lead_enrichments(:'a', jsonb_build_array(
  jsonb_build_object('lead_id', :'land', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550101', 'source', 'twilio_lookup', 'valid', true, 'type', 'landline', 'carrier', 'Example Telco'),
    'email', jsonb_build_object('address', 'info@example.com', 'syntax_ok', true, 'is_role', true, 'is_disposable', false, 'domain', 'example.com', 'mx', 'found', 'mx_source', 'dns')),
  jsonb_build_object('lead_id', :'mob', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550102', 'source', 'cache', 'valid', true, 'type', 'mobile', 'carrier', 'Cell Co', 'checked_at', '2026-02-15 00:00+00'),
    'email', jsonb_build_object('address', 'ana@mailinator.example', 'syntax_ok', true, 'is_role', false, 'is_disposable', true, 'domain', 'mailinator.example', 'mx', 'none', 'mx_source', 'dns')),
  jsonb_build_object('lead_id', :'dead', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550103', 'source', 'twilio_lookup', 'valid', true, 'type', 'mobile', 'line_status', 'inactive')),
  jsonb_build_object('lead_id', :'bad', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550104', 'source', 'twilio_lookup', 'valid', false)),
  jsonb_build_object('lead_id', :'imp', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550105', 'source', 'libphonenumber', 'valid', true, 'type', 'FIXED_LINE_OR_MOBILE')),
  jsonb_build_object('lead_id', :'bounced', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'email', jsonb_build_object('address', 'bo@example.net', 'syntax_ok', true, 'is_role', false, 'is_disposable', false, 'domain', 'example.net', 'mx', 'not_checked')),
  jsonb_build_object('lead_id', :'moved', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550107', 'source', 'twilio_lookup', 'valid', true, 'type', 'landline')),
  jsonb_build_object('lead_id', :'stale', 'lease_until', '2026-03-01 09:55+00', 'outcome', 'done',
    'phone', jsonb_build_object('number', '+13055550108', 'source', 'twilio_lookup', 'valid', true, 'type', 'landline')),
  jsonb_build_object('lead_id', :'retry', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'retry', 'retry_after_s', 120,
    'reason', 'attempt 1: Twilio Lookup answered 503; trying again'),
  jsonb_build_object('lead_id', :'gaveup', 'lease_until', '2026-03-01 10:05+00', 'outcome', 'failed',
    'reason', 'Twilio Lookup answered 503 five times; line type from libphonenumber',
    'phone', jsonb_build_object('number', '+13055550110', 'source', 'libphonenumber', 'valid', true, 'type', 'MOBILE'))
), '2026-03-01 10:01+00');
reset role;

create temp view lead_results as
select id, enrichment_status, phone_status, phone_line_type, phone_line_type_source, phone_carrier, email_status, email_is_role, email_is_disposable
from public.leads;

-- TEST: Twilio's landline, a role address with an MX.
select results_eq(format($$select * from lead_results where id = %L$$, :'land'),
  format($$values (%L::uuid, 'done'::text, 'valid'::text, 'landline'::text, 'twilio_lookup'::text, 'Example Telco'::text, 'valid'::text, true, false)$$, :'land'),
  'landline from Twilio with its carrier; the role address is valid and flagged');
select is((select enrichment_reason from public.leads where id = :'land'),
  'phone valid, landline (twilio_lookup); email valid, a role address (MX found)', 'the reason says what was learned and from where');
select results_eq(format($$select enrichment_finished_at, phone_checked_at, email_checked_at, enrichment_lease_until from public.leads where id = %L$$, :'land'),
  $$values ('2026-03-01 10:01+00'::timestamptz, '2026-03-01 10:01+00'::timestamptz, '2026-03-01 10:01+00'::timestamptz, null::timestamptz)$$,
  'finished and checked now; the lease is gone');

-- TEST: a cached answer; a disposable domain without MX.
select results_eq(format($$select * from lead_results where id = %L$$, :'mob'),
  format($$values (%L::uuid, 'done'::text, 'valid'::text, 'mobile'::text, 'twilio_lookup'::text, 'Cell Co'::text, 'no_mx'::text, false, true)$$, :'mob'),
  'mobile from the cached Twilio answer; no MX');
select is((select phone_checked_at from public.leads where id = :'mob'), '2026-02-15 00:00+00'::timestamptz, 'checked when the cached lookup was made');

-- TEST: inactive line → disconnected; valid false → invalid.
select is((select phone_status from public.leads where id = :'dead'), 'disconnected', 'line status inactive: disconnected');
select is((select phone_status from public.leads where id = :'bad'), 'invalid', 'valid false: invalid');

-- TEST: libphonenumber's unknown does not overwrite the import's landline.
select results_eq(format($$select phone_line_type, phone_line_type_source, phone_status from public.leads where id = %L$$, :'imp'),
  $$values ('landline'::text, 'import'::text, 'valid'::text)$$, 'the import''s landline stays, named as the import''s');

-- TEST: a hard bounce stays; an unchecked MX leaves the status unknown and says so.
select is((select email_status from public.leads where id = :'bounced'), 'hard_bounced', 'hard_bounced is not overwritten');
select is((select enrichment_reason from public.leads where id = :'bounced'), 'email hard_bounced (MX not checked)', 'the reason says the MX was not checked');

-- TEST: results of an old address, or under a lease that is not the lead's, are not written.
select results_eq(format($$select enrichment_status, phone_line_type, phone_checked_at from public.leads where id = %L$$, :'moved'),
  $$values ('pending'::text, 'unknown'::text, null::timestamptz)$$, 'the moved phone''s lead is still pending, nothing written');
select is((select enrichment_status from public.leads where id = :'stale'), 'pending', 'a stale lease writes nothing');
select results_eq($$select (count(*) filter (where applied))::int, (count(*) filter (where not applied))::int from res$$,
  $$values (8, 2)$$, 'eight applied, two not');

-- TEST: retry: still pending, the lease moved to the back-off, the reason kept; no event.
select results_eq(format($$select enrichment_status, enrichment_lease_until, enrichment_reason from public.leads where id = %L$$, :'retry'),
  $$values ('pending'::text, '2026-03-01 10:03+00'::timestamptz, 'attempt 1: Twilio Lookup answered 503; trying again'::text)$$,
  'pending until the back-off passes');

-- TEST: failed, with what is known.
select results_eq(format($$select enrichment_status, enrichment_reason, phone_line_type, phone_line_type_source from public.leads where id = %L$$, :'gaveup'),
  $$values ('failed'::text, 'Twilio Lookup answered 503 five times; line type from libphonenumber'::text, 'mobile'::text, 'libphonenumber'::text)$$,
  'failed with its reason; libphonenumber''s line type kept');

-- TEST: one lead_enriched event per finished lead, naming the source, without addresses.
select is((select count(*)::int from public.core_memory_events where account_id = :'a' and event_type = 'lead_enriched'), 7,
  'an event for each finished lead (not the retry, not the unapplied)');
select results_eq(format($$select payload #>> '{phone,line_type}', payload #>> '{phone,source}', payload #>> '{email,status}', payload::text ~ '305555|@'
                          from public.core_memory_events where lead_id = %L and event_type = 'lead_enriched'$$, :'land'),
  $$values ('landline'::text, 'twilio_lookup'::text, 'valid'::text, false)$$, 'the event says what was learned and from where, without the number or address');

-- TEST: the caches: fresh Twilio answers for 90 days (not the cached one again, not libphonenumber); MX answers from DNS.
select results_eq($$select phone::text, line_type, phone_status, expires_at from public.phone_lookup_cache order by phone$$,
  $$values ('+13055550101'::text, 'landline'::text, 'valid'::text, '2026-05-30 10:01+00'::timestamptz),
           ('+13055550103', 'mobile', 'disconnected', '2026-05-30 10:01+00'),
           ('+13055550104', 'unknown', 'invalid', '2026-05-30 10:01+00'),
           ('+13055550107', 'landline', 'valid', '2026-05-30 10:01+00'),
           ('+13055550108', 'landline', 'valid', '2026-05-30 10:01+00')$$,
  'five numbers looked up at Twilio cached for 90 days, the unapplied ones too');
select results_eq($$select domain, mx_status, expires_at from public.email_domain_cache order by domain$$,
  $$values ('example.com'::text, 'found'::text, '2026-03-08 10:01+00'::timestamptz), ('mailinator.example', 'none', '2026-03-02 10:01+00')$$,
  'MX found for 7 days, none for 1 day; an unchecked domain is not cached');

-- TEST: a second answer for a number refreshes its cache row.
set local role revenue_worker;
select brain.record_lead_enrichments(:'a', jsonb_build_array(jsonb_build_object('lead_id', gen_random_uuid(), 'lease_until', now(), 'outcome', 'done',
  'phone', jsonb_build_object('number', '+13055550101', 'source', 'twilio_lookup', 'valid', true, 'type', 'mobile'))), '2026-04-01 00:00+00');
reset role;
select results_eq($$select line_type, looked_up_at from public.phone_lookup_cache where phone = '+13055550101'$$,
  $$values ('mobile'::text, '2026-04-01 00:00+00'::timestamptz)$$, 'refreshed');

-- TEST: malformed input is refused.
set local role revenue_worker;
select throws_ok(format($$select brain.record_lead_enrichments(%L, '{}')$$, :'a'), '22023', 'invalid_argument', 'not an array');
select throws_ok(format($$select brain.record_lead_enrichments(%L, '[{"lead_id": "%s", "lease_until": "2026-01-01", "outcome": "maybe"}]')$$, :'a', :'land'),
  '22023', 'invalid_argument', 'an unknown outcome');

select * from finish();
rollback;
