-- Strict templates (issue 13): the values of public.template_variables() for one lead.
create or replace function brain.template_values(p_lead_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  return (
  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'first_name', f.first_name,
    'last_name', f.last_name,
    'full_name', nullif(pg_catalog.concat_ws(' ', f.first_name, f.last_name), ''),
    'business_name', case when pg_catalog.btrim(o.business_name) <> '' then o.business_name end,
    'city', case when pg_catalog.btrim(l.city) <> '' then l.city end,
    'vehicle', case
                 when pg_catalog.jsonb_typeof(l.attributes -> 'vehicle') = 'string'
                      and pg_catalog.btrim(l.attributes ->> 'vehicle') <> '' then l.attributes ->> 'vehicle'
                 when v.model is not null then pg_catalog.concat_ws(' ', l.attributes -> 'vehicle' ->> 'year', v.model)
               end,
    'setter_name', (select case when pg_catalog.btrim(u.display_name) <> '' then u.display_name end
                    from public.users u where u.id = l.assigned_user_id),
    'persona_name', case when pg_catalog.btrim(o.persona_name) <> '' then o.persona_name end))
  from public.leads l
  join public.org_settings o on o.account_id = l.account_id
  cross join lateral (select case when pg_catalog.btrim(l.first_name) <> '' then l.first_name end as first_name,
                             case when pg_catalog.btrim(l.last_name) <> '' then l.last_name end as last_name) f
  cross join lateral (
    select case when pg_catalog.jsonb_typeof(l.attributes -> 'vehicle') = 'object' then
             coalesce(nullif(pg_catalog.btrim(l.attributes -> 'vehicle' ->> 'make_model'), ''),
                      nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.attributes -> 'vehicle' ->> 'make',
                                                                   l.attributes -> 'vehicle' ->> 'model')), ''))
           end as model) v
  where l.id = p_lead_id);
end
$$;

comment on function brain.template_values(uuid) is
  'The lead''s values for every variable of public.template_variables(), as a JSON object; a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';
