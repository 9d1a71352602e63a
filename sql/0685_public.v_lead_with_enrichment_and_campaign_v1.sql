create or replace view public.v_lead_with_enrichment_and_campaign_v1
with (security_invoker = true) as
select
  e.*,
  c.campaign_id,
  c.campaign_key,
  c.campaign_name,
  c.campaign_is_active,
  c.enrollment_status,
  c.current_step,
  c.next_step_at
from public.lead_enriched e
left join lateral (
  select cl.campaign_id, ca.campaign_key, ca.name as campaign_name, ca.is_active as campaign_is_active,
         cl.status as enrollment_status, cl.current_step, cl.next_step_at
  from public.campaign_leads cl
  join public.campaigns ca on ca.id = cl.campaign_id and ca.account_id = cl.account_id
  where cl.lead_id = e.lead_id
  order by (cl.status = 'active') desc, cl.enrolled_at desc
  limit 1
) c on true;

comment on view public.v_lead_with_enrichment_and_campaign_v1 is
  'lead_enriched plus the lead''s current campaign enrollment (the active one, else the latest).';
comment on column public.v_lead_with_enrichment_and_campaign_v1.account_id is 'Owning account.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.lead_id is 'The lead.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.lead_name is 'First and last name.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.first_name is 'Given name.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.last_name is 'Family name.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.company_name is 'Business name.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone is 'Phone, E.164.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone_line_type is 'mobile, landline, voip or unknown.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email is 'Primary email.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.alternate_emails is 'Other addresses.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.is_gold is 'Mobile phone and email both known.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.source is 'Where the lead came from.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.external_id is 'The source''s id.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.city is 'City.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.region is 'State or province.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.country is 'Country code.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.time_zone is 'Effective time zone.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.status is 'Record status.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.lead_state is 'Lifecycle state.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.persona is 'Persona that speaks next.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.assigned_user_id is 'Assigned setter.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.priority_score is 'Stored priority score.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.attributes is 'Source-specific attributes.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.first_seen_at is 'When the source first showed the lead.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.created_at is 'When the lead was recorded.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.enrichment_status is 'Enrichment of the phone and email: pending, done or failed (null: never queued).';
comment on column public.v_lead_with_enrichment_and_campaign_v1.enrichment_reason is 'What the enrichment concluded, or why it failed.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.enrichment_requested_at is 'When the current enrichment was queued.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.enrichment_finished_at is 'When the last enrichment finished.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone_status is 'unknown, valid, invalid or disconnected (invalid and disconnected: the phone channels cannot reach it).';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone_carrier is 'The carrier the lookup named.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone_line_type_source is 'Which source set phone_line_type: import, manual, twilio_lookup or libphonenumber.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.phone_checked_at is 'When the phone was last checked.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email_status is 'unknown, valid, invalid_syntax, no_mx or hard_bounced (the last three: email cannot reach it).';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email_is_role is 'A role mailbox (info@, sales@).';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email_is_disposable is 'At a disposable-mail domain.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email_checked_at is 'When the email was last checked.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.email_bounced_at is 'When an email provider last reported a hard bounce for it.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.campaign_id is 'Campaign of the enrollment.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.campaign_key is 'Its key.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.campaign_name is 'Its name.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.campaign_is_active is 'Whether the campaign is on.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.enrollment_status is 'active, paused, completed or stopped.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.current_step is 'Next step of the enrollment.';
comment on column public.v_lead_with_enrichment_and_campaign_v1.next_step_at is 'When that step is due.';

grant select on public.v_lead_with_enrichment_and_campaign_v1 to revenue_api, revenue_analyst, revenue_worker;
