-- Strict templates (issue 13): the values of public.template_variables() for every lead.
-- language sql without SET clauses so the planner inlines it: a filter on lead_id reaches
-- the index scans inside (brain.template_values reads one lead, a batch claim many).
create or replace function brain.lead_template_values()
returns table (lead_id uuid, template_values jsonb)
language sql
stable
as $$
  select l.id, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
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
$$;

comment on function brain.lead_template_values() is
  'Every lead''s values for the variables of public.template_variables(), as a JSON object (brain.template_values is this for one lead); a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';
