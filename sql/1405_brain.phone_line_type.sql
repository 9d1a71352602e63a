-- Issue 19: the line types the engine knows (mobile, landline, voip, unknown) from what a
-- source calls them.
--   Twilio Lookup v2 (line_type_intelligence.type): mobile → mobile; landline → landline;
--   fixedVoip, nonFixedVoip → voip; personal, tollFree, premium, sharedCost, uan, voicemail,
--   pager, unknown and anything new → unknown (tried like any unknown number).
--   libphonenumber (getType()): MOBILE → mobile; FIXED_LINE → landline; VOIP → voip;
--   FIXED_LINE_OR_MOBILE (most US and Canadian numbers) and the rest → unknown.
create or replace function brain.phone_line_type(p_source text, p_type text)
returns text
language sql
immutable
as $$
  select case
    when p_source in ('twilio_lookup', 'cache') then
      case p_type when 'mobile' then 'mobile' when 'landline' then 'landline'
                  when 'fixedVoip' then 'voip' when 'nonFixedVoip' then 'voip' else 'unknown' end
    when p_source = 'libphonenumber' then
      case p_type when 'MOBILE' then 'mobile' when 'FIXED_LINE' then 'landline' when 'VOIP' then 'voip' else 'unknown' end
    else 'unknown'
  end
$$;

comment on function brain.phone_line_type(text, text) is
  'A phone''s line type (mobile, landline, voip, unknown) from a source''s own name for it. twilio_lookup (or cache, its cached answer): mobile, landline; fixedVoip and nonFixedVoip → voip; personal, tollFree, premium, sharedCost, uan, voicemail, pager, unknown → unknown. libphonenumber: MOBILE → mobile, FIXED_LINE → landline, VOIP → voip; FIXED_LINE_OR_MOBILE and the rest → unknown.';
