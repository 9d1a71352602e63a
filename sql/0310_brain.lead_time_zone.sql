-- Which clock a lead lives by. Set-returning so the planner inlines it.
create or replace function brain.lead_time_zone(p_lead_timezone text, p_phone text, p_account_timezone text)
returns table (time_zone text)
language sql
stable
as $$
  select coalesce(
    p_lead_timezone,
    (select a.time_zone::text from public.phone_area_codes a
     where p_phone like '+1%' and a.area_code = pg_catalog.substr(p_phone, 3, 3)),
    p_account_timezone)
$$;

comment on function brain.lead_time_zone(text, text, text) is
  'The lead''s time zone (one row): leads.timezone when set; else the zone of its +1 (US/Canada/NANP) phone''s area code (public.phone_area_codes); else the account''s org_settings.timezone.';
