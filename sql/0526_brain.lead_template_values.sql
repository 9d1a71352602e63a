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
    'persona_name', case when pg_catalog.btrim(o.persona_name) <> '' then o.persona_name end,
    'booking_link', o.booking_link,
    -- Only from a fresh cache (60 s): stale or empty, the variable is missing and the touch is held.
    'availability', case when ac.account_id is not null then
                      (select pg_catalog.string_agg(x.label, ' or ' order by x.offer_order)
                              || ' (your time, ' || az.time_zone || ')'
                       from brain.lead_time_zone(l.timezone, l.phone, o.timezone) az
                       cross join lateral brain.availability_offer(ac.slots_utc, az.time_zone, pg_catalog.now()) x
                       group by az.time_zone)
                    end))
  from public.leads l
  join public.org_settings o on o.account_id = l.account_id
  -- One row per account at most; none at all for an account without booking.
  left join public.availability_caches ac on ac.account_id = l.account_id and ac.expires_at > pg_catalog.now()
                                          and pg_catalog.cardinality(ac.slots_utc) > 0
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
  'Every lead''s values for the variables of public.template_variables(), as a JSON object (brain.template_values is this for one lead); booking_link is org_settings.booking_link; availability is brain.availability_offer''s slots from the account''s availability cache while it is fresh (expires_at after now()), in the lead''s zone (brain.lead_time_zone) and stated with it, e.g. "Tue 10:00 or Wed 15:30 (your time, America/New_York)"; a variable without a value (null or blank) is left out, so rendering treats it as missing. vehicle is attributes.vehicle when it is text, else the year and make_model (or make and model) of a Craigslist vehicle object.';
