-- The line types the engine knows, from Twilio Lookup's and libphonenumber's names for them.
begin;
select plan(3);

-- TEST: Twilio Lookup v2 line_type_intelligence.type (and its cached answer).
select results_eq(
  $$select t, brain.phone_line_type('twilio_lookup', t) from unnest(array['mobile', 'landline', 'fixedVoip', 'nonFixedVoip', 'personal',
      'tollFree', 'premium', 'sharedCost', 'uan', 'voicemail', 'pager', 'unknown', 'somethingNew']) t$$,
  $$values ('mobile', 'mobile'), ('landline', 'landline'), ('fixedVoip', 'voip'), ('nonFixedVoip', 'voip'), ('personal', 'unknown'),
           ('tollFree', 'unknown'), ('premium', 'unknown'), ('sharedCost', 'unknown'), ('uan', 'unknown'), ('voicemail', 'unknown'),
           ('pager', 'unknown'), ('unknown', 'unknown'), ('somethingNew', 'unknown')$$,
  'Twilio: mobile, landline, both VoIP kinds; the rest unknown');
select is(brain.phone_line_type('cache', 'landline'), 'landline', 'a cached Twilio answer maps the same way');

-- TEST: libphonenumber getType().
select results_eq(
  $$select t, brain.phone_line_type('libphonenumber', t) from unnest(array['MOBILE', 'FIXED_LINE', 'VOIP', 'FIXED_LINE_OR_MOBILE',
      'TOLL_FREE', 'PAGER', 'UAN']) t$$,
  $$values ('MOBILE', 'mobile'), ('FIXED_LINE', 'landline'), ('VOIP', 'voip'), ('FIXED_LINE_OR_MOBILE', 'unknown'),
           ('TOLL_FREE', 'unknown'), ('PAGER', 'unknown'), ('UAN', 'unknown')$$,
  'libphonenumber: MOBILE, FIXED_LINE, VOIP; FIXED_LINE_OR_MOBILE and the rest unknown');

select * from finish();
rollback;
