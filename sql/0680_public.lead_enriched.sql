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
  l.created_at,
  l.enrichment_status,
  l.enrichment_reason,
  l.enrichment_requested_at,
  l.enrichment_finished_at,
  l.phone_status,
  l.phone_carrier,
  l.phone_line_type_source,
  l.phone_checked_at,
  l.email_status,
  l.email_is_role,
  l.email_is_disposable,
  l.email_checked_at,
  l.email_bounced_at
from public.leads l
join public.org_settings s on s.account_id = l.account_id
cross join lateral brain.lead_time_zone(l.timezone, l.phone, s.timezone) z;

comment on view public.lead_enriched is
  'Leads with what the engine derives about them: display name, gold flag, effective time zone, and what enrichment learned of the phone and email (issue 19: status, line type and its source, carrier, email status, role and disposable flags, check and bounce times). Dispatchers read phone and email here (seed 000).';
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
comment on column public.lead_enriched.enrichment_status is 'Enrichment of the phone and email: pending, done or failed (null: never queued).';
comment on column public.lead_enriched.enrichment_reason is 'What the enrichment concluded, or why it failed.';
comment on column public.lead_enriched.enrichment_requested_at is 'When the current enrichment was queued.';
comment on column public.lead_enriched.enrichment_finished_at is 'When the last enrichment finished.';
comment on column public.lead_enriched.phone_status is 'unknown, valid, invalid or disconnected (invalid and disconnected: the phone channels cannot reach it).';
comment on column public.lead_enriched.phone_carrier is 'The carrier the lookup named.';
comment on column public.lead_enriched.phone_line_type_source is 'Which source set phone_line_type: import, manual, twilio_lookup or libphonenumber.';
comment on column public.lead_enriched.phone_checked_at is 'When the phone was last checked.';
comment on column public.lead_enriched.email_status is 'unknown, valid, invalid_syntax, no_mx or hard_bounced (the last three: email cannot reach it).';
comment on column public.lead_enriched.email_is_role is 'A role mailbox (info@, sales@).';
comment on column public.lead_enriched.email_is_disposable is 'At a disposable-mail domain.';
comment on column public.lead_enriched.email_checked_at is 'When the email was last checked.';
comment on column public.lead_enriched.email_bounced_at is 'When an email provider last reported a hard bounce for it.';

grant select on public.lead_enriched to revenue_api, revenue_analyst, revenue_worker;
