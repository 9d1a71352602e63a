-- Strict templates (issue 13): the one list of variables a step body or subject may name.
-- brain.template_values fills them for a lead; TypeScript reads this list, it never
-- re-declares it.
create or replace function public.template_variables()
returns table (name text, source text, description text)
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  return query
  select v.name, v.source, v.description
  from (values
    (1, 'first_name', 'leads.first_name', 'The lead''s first name.'),
    (2, 'last_name', 'leads.last_name', 'The lead''s last name.'),
    (3, 'full_name', 'leads.first_name + leads.last_name', 'First and last name joined by a space (either alone when only one is known).'),
    (4, 'business_name', 'org_settings.business_name', 'The account''s business name (Settings → Identity).'),
    (5, 'city', 'leads.city', 'The lead''s city.'),
    (6, 'vehicle', 'leads.attributes.vehicle', 'The lead''s vehicle: attributes.vehicle when it is text, else its year and make/model (Craigslist postings).'),
    (7, 'setter_name', 'users.display_name of leads.assigned_user_id', 'Display name of the setter the lead is assigned to.'),
    (8, 'persona_name', 'org_settings.persona_name', 'The name the assistant uses (Settings → Identity).'),
    (9, 'booking_link', 'org_settings.booking_link', 'The account''s public booking link (Settings → Booking).'),
    (10, 'availability', 'availability_caches.slots_utc', 'Two open 30-minute slots in the lead''s time zone, stated with it, e.g. "Tue 10:00 or Wed 15:30 (your time, America/New_York)"; only from fresh availability (60 s), else the touch is held. The slots offered are recorded so a reply can accept one.')
  ) as v (pos, name, source, description)
  order by v.pos;
end
$$;

comment on function public.template_variables() is
  'The template variables a campaign step body or subject may name as {{variable}} or {{variable|default}}: name, where its value comes from, and a sentence for operators. A step naming any other variable cannot be saved; a touch whose variable has no value and no default is not sent (missing_lead_data:<variable>).';

revoke execute on function public.template_variables() from public;
grant execute on function public.template_variables() to revenue_api, revenue_worker, revenue_analyst;
