-- Strict templates (issue 13): the values of public.template_variables() for one lead.
create or replace function brain.template_values(p_lead_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session.
begin
  return (select v.template_values from brain.lead_template_values() v where v.lead_id = p_lead_id);
end
$$;

comment on function brain.template_values(uuid) is
  'The lead''s values (brain.lead_template_values) for every variable of public.template_variables(), as a JSON object; a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';
