-- Lead intake, step 3: what a matched lead learns from the incoming one. Fills in what
-- the lead is missing and never overwrites a value it has.
create or replace function brain.merge_lead(p_lead_id uuid, p_in public.leads)
returns text[]
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
  v_new public.leads;
  v_filled text[];
begin
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using
      errcode = 'P0001',
      message = 'lead_intake_conflict',
      detail = pg_catalog.format('lead %s was deleted while it was being matched', p_lead_id),
      hint = 'Retry the call.';
  end if;
  v_new := v_lead;
  v_new.email := coalesce(v_lead.email, p_in.email);
  v_new.alternate_emails := (
    select coalesce(pg_catalog.array_agg(a.email order by a.position), '{}')
    from (
      select u.email, pg_catalog.min(u.position) as position
      from pg_catalog.unnest(v_lead.alternate_emails::text[] || p_in.email::text) with ordinality as u(email, position)
      where u.email is not null and u.email is distinct from v_new.email::text
      group by u.email
    ) a);
  v_new.phone := coalesce(v_lead.phone, p_in.phone);
  v_new.phone_line_type := case when v_lead.phone_line_type = 'unknown'
                                then coalesce(p_in.phone_line_type, 'unknown') else v_lead.phone_line_type end;
  if v_lead.external_id is null and v_lead.source = p_in.source then
    v_new.external_id := p_in.external_id;
  end if;
  v_new.first_name := coalesce(v_lead.first_name, p_in.first_name);
  v_new.last_name := coalesce(v_lead.last_name, p_in.last_name);
  v_new.company_name := coalesce(v_lead.company_name, p_in.company_name);
  v_new.city := coalesce(v_lead.city, p_in.city);
  v_new.region := coalesce(v_lead.region, p_in.region);
  v_new.postal_code := coalesce(v_lead.postal_code, p_in.postal_code);
  v_new.country := coalesce(v_lead.country, p_in.country);
  v_new.timezone := coalesce(v_lead.timezone, p_in.timezone);
  v_new.attributes := coalesce(p_in.attributes, '{}'::jsonb) || v_lead.attributes;
  v_new.first_seen_at := least(v_lead.first_seen_at, p_in.first_seen_at);

  -- Nothing new (the usual case: a reply from a known lead): no column to compare one by one.
  -- Every column's equality is exact (uuid, text in a deterministic collation, timestamps,
  -- jsonb, arrays of those), so equal rows have equal JSON values and the answer is '{}'.
  if v_new is not distinct from v_lead then
    return '{}';
  end if;

  select coalesce(pg_catalog.array_agg(n.key order by n.key), '{}') into v_filled
  from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
  join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_lead)) o on o.key = n.key
  where n.value is distinct from o.value;

  if pg_catalog.cardinality(v_filled) > 0 then
    update public.leads l set
      email = v_new.email,
      alternate_emails = v_new.alternate_emails,
      phone = v_new.phone,
      phone_line_type = v_new.phone_line_type,
      external_id = v_new.external_id,
      first_name = v_new.first_name,
      last_name = v_new.last_name,
      company_name = v_new.company_name,
      city = v_new.city,
      region = v_new.region,
      postal_code = v_new.postal_code,
      country = v_new.country,
      timezone = v_new.timezone,
      attributes = v_new.attributes,
      first_seen_at = v_new.first_seen_at
    where l.id = p_lead_id;
  end if;
  return v_filled;
end
$$;

comment on function brain.merge_lead(uuid, public.leads) is
  'Lead intake step 3 (public.find_or_create_lead): fills in what lead p_lead_id lacks from the normalized incoming lead p_in (brain.validate_lead_input) and never overwrites a value it has: email, phone, names, company, city, region, postal_code, country, timezone when missing; phone_line_type when unknown; attributes keys added (existing keys win); external_id only when the lead has none and the same source; an email that differs from the primary is added once to alternate_emails (never the primary); first_seen_at keeps the earliest. Locks the lead row. Returns the names of the columns it changed (empty: nothing new). P0001 lead_intake_conflict when the lead no longer exists.';

revoke execute on function brain.merge_lead(uuid, public.leads) from public;
grant execute on function brain.merge_lead(uuid, public.leads) to revenue_api, revenue_worker;
