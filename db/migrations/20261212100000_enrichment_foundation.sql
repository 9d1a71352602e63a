-- migrate:up

-- Issue 19, enrichment and deliverability: what the engine has learned about each
-- lead's phone and email before it spends a send on them (seed 002: Lead enters →
-- enrichment → recompute state → brain → orchestrator). The enrichment status lives
-- on the lead; the per-address results sit next to it so the claim (brain.claim_touch_rows)
-- and the orchestrator read them from the row they already read.

alter table public.leads
  add column enrichment_status text
    constraint leads_enrichment_status_check check (enrichment_status in ('pending', 'done', 'failed')),
  add column enrichment_reason text
    constraint leads_enrichment_reason_check check (pg_catalog.length(enrichment_reason) between 1 and 300),
  add column enrichment_requested_at timestamptz,
  add column enrichment_finished_at timestamptz,
  add column phone_status text not null default 'unknown'
    constraint leads_phone_status_check check (phone_status in ('unknown', 'valid', 'invalid', 'disconnected')),
  add column phone_carrier text
    constraint leads_phone_carrier_check check (pg_catalog.length(phone_carrier) between 1 and 200),
  add column phone_line_type_source text
    constraint leads_phone_line_type_source_check
      check (phone_line_type_source in ('import', 'manual', 'twilio_lookup', 'libphonenumber')),
  add column phone_checked_at timestamptz,
  add column email_status text not null default 'unknown'
    constraint leads_email_status_check check (email_status in ('unknown', 'valid', 'invalid_syntax', 'no_mx', 'hard_bounced')),
  add column email_is_role boolean not null default false,
  add column email_is_disposable boolean not null default false,
  add column email_checked_at timestamptz,
  add column email_bounced_at timestamptz,
  add constraint leads_enrichment_pending_check
    check (enrichment_status is distinct from 'pending' or enrichment_requested_at is not null),
  add constraint leads_enrichment_finished_check
    check (enrichment_status not in ('done', 'failed') or enrichment_finished_at is not null);

comment on column public.leads.enrichment_status is 'Enrichment of the phone and email (issue 19): pending (a check is queued), done, failed (the check could not be made; enrichment_reason says why); null for a lead never queued (recorded before enrichment existed, or with neither phone nor email).';
comment on column public.leads.enrichment_reason is 'Why enrichment failed, or what it concluded, in a few words.';
comment on column public.leads.enrichment_requested_at is 'When the current enrichment was queued (a new lead, or a changed phone or email). The orchestrator and the claim wait on a pending enrichment for at most org_settings.enrichment_wait_seconds after this.';
comment on column public.leads.enrichment_finished_at is 'When the last enrichment finished (done or failed).';
comment on column public.leads.phone_status is 'What the lookup said of the number: unknown (not looked up), valid, invalid (not a dialable number), disconnected. invalid and disconnected make the phone channels unreachable.';
comment on column public.leads.phone_carrier is 'The carrier the lookup named.';
comment on column public.leads.phone_line_type_source is 'Which source set phone_line_type: import (the lead''s source said so), manual (a person), twilio_lookup (Twilio Lookup v2, or its 90-day cache), libphonenumber (the number''s type from its numbering plan, when no lookup is configured).';
comment on column public.leads.phone_checked_at is 'When the phone was last checked.';
comment on column public.leads.email_status is 'What the checks said of the email: unknown (not checked, or the DNS answer was not conclusive), valid, invalid_syntax, no_mx (the domain has no mail exchanger), hard_bounced (an email provider reported a permanent bounce). invalid_syntax, no_mx and hard_bounced make email unreachable.';
comment on column public.leads.email_is_role is 'The address is a role mailbox (info@, sales@): emailed only by campaigns that allow role addresses (campaigns.allow_role_addresses).';
comment on column public.leads.email_is_disposable is 'The address is at a disposable-mail domain.';
comment on column public.leads.email_checked_at is 'When the email was last checked.';
comment on column public.leads.email_bounced_at is 'When an email provider last reported a hard bounce for the address.';

alter table public.org_settings
  add column enrichment_wait_seconds integer not null default 600
    constraint org_settings_enrichment_wait_seconds_check check (enrichment_wait_seconds between 0 and 86400);
comment on column public.org_settings.enrichment_wait_seconds is 'How long the orchestrator and the claim hold a lead''s touch while its enrichment is pending (default 600 s, 10 minutes); after that they go on with what is known and say so in the lead''s timeline.';

alter table public.campaigns
  add column allow_role_addresses boolean not null default false;
comment on column public.campaigns.allow_role_addresses is 'Whether this campaign may email role addresses (info@, sales@; leads.email_is_role).';

-- migrate:down
alter table public.campaigns drop column allow_role_addresses;
alter table public.org_settings drop column enrichment_wait_seconds;
alter table public.leads
  drop constraint leads_enrichment_finished_check,
  drop constraint leads_enrichment_pending_check,
  drop column email_bounced_at, drop column email_checked_at, drop column email_is_disposable, drop column email_is_role,
  drop column email_status, drop column phone_checked_at, drop column phone_line_type_source, drop column phone_carrier,
  drop column phone_status, drop column enrichment_finished_at, drop column enrichment_requested_at,
  drop column enrichment_reason, drop column enrichment_status;
