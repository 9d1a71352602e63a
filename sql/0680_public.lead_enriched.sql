create or replace view public.lead_enriched
with (security_invoker = true) as
select
  l.account_id,
  l.id as lead_id,
  nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), '') as lead_name,
  l.first_name,
  l.last_name,
  l.company_name,
  l.phone,
  l.phone_line_type,
  l.email,
  l.alternate_emails,
  (l.phone is not null and l.phone_line_type = 'mobile' and l.email is not null) as is_gold,
  l.source,
  l.external_id,
  l.city,
  l.region,
  l.country,
  z.time_zone,
  l.status,
  l.lead_state,
  l.persona,
  l.assigned_user_id,
  l.priority_score,
  l.attributes,
  l.first_seen_at,
  l.created_at
from public.leads l
join public.org_settings s on s.account_id = l.account_id
cross join lateral brain.lead_time_zone(l.timezone, l.phone, s.timezone) z;

comment on view public.lead_enriched is
  'Leads with what the engine derives about them: display name, gold flag, effective time zone. Dispatchers read phone and email here (seed 000).';
comment on column public.lead_enriched.account_id is 'Owning account.';
comment on column public.lead_enriched.lead_id is 'The lead.';
comment on column public.lead_enriched.lead_name is 'First and last name.';
comment on column public.lead_enriched.first_name is 'Given name.';
comment on column public.lead_enriched.last_name is 'Family name.';
comment on column public.lead_enriched.company_name is 'Business name.';
comment on column public.lead_enriched.phone is 'Phone, E.164.';
comment on column public.lead_enriched.phone_line_type is 'mobile, landline, voip or unknown.';
comment on column public.lead_enriched.email is 'Primary email.';
comment on column public.lead_enriched.alternate_emails is 'Other addresses that wrote on the thread.';
comment on column public.lead_enriched.is_gold is 'Mobile phone and email both known (seed 004 Part 6).';
comment on column public.lead_enriched.source is 'Where the lead came from.';
comment on column public.lead_enriched.external_id is 'The source''s id.';
comment on column public.lead_enriched.city is 'City.';
comment on column public.lead_enriched.region is 'State or province.';
comment on column public.lead_enriched.country is 'Country code.';
comment on column public.lead_enriched.time_zone is 'Effective time zone (leads.timezone, else the phone''s area code, else the account''s).';
comment on column public.lead_enriched.status is 'Record status.';
comment on column public.lead_enriched.lead_state is 'Lifecycle state.';
comment on column public.lead_enriched.persona is 'Persona that speaks next.';
comment on column public.lead_enriched.assigned_user_id is 'Assigned setter.';
comment on column public.lead_enriched.priority_score is 'Stored priority score.';
comment on column public.lead_enriched.attributes is 'Source-specific attributes.';
comment on column public.lead_enriched.first_seen_at is 'When the source first showed the lead.';
comment on column public.lead_enriched.created_at is 'When the lead was recorded.';

grant select on public.lead_enriched to revenue_api, revenue_analyst, revenue_worker;
