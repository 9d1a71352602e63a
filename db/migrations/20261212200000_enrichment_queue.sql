-- migrate:up

-- Issue 19, the enrichment pipeline: pending leads are the queue. A worker claims a batch
-- of them (brain.claim_lead_enrichments) under a lease, looks their phones and email
-- domains up, and records what it learned (brain.record_lead_enrichments). What a lookup
-- said is cached per account: a number for 90 days, an email domain's mail exchangers for
-- 7 days (1 day when it has none), so a repeated number or domain is not asked twice.

alter table public.leads
  add column enrichment_attempts smallint not null default 0
    constraint leads_enrichment_attempts_check check (enrichment_attempts between 0 and 100),
  add column enrichment_lease_until timestamptz;

comment on column public.leads.enrichment_attempts is 'How many times the current enrichment was claimed by a worker (brain.claim_lead_enrichments); back to 0 when the phone or email changes. After the last allowed attempt the lead becomes failed.';
comment on column public.leads.enrichment_lease_until is 'While a worker holds the lead''s enrichment: until when no other worker may claim it (a lease that passed, a dead worker''s, is claimed again). After a retryable failure: when it may be tried again. Also the claim''s token: results are recorded only while it is unchanged.';

-- The queue: only pending leads are in this index.
create index leads_enrichment_pending_idx on public.leads (account_id, enrichment_requested_at, id)
  where enrichment_status = 'pending';
-- The leads made pending in a transaction (private.tg_leads__queue_enrichment after an update of phone or email).
create index leads_enrichment_requested_idx on public.leads (enrichment_requested_at)
  where enrichment_status = 'pending';

create table public.phone_lookup_cache (
  account_id uuid not null references public.accounts (id) on delete cascade,
  phone public.e164_phone not null,
  phone_status text not null constraint phone_lookup_cache_phone_status_check check (phone_status in ('valid', 'invalid', 'disconnected')),
  line_type text not null constraint phone_lookup_cache_line_type_check check (line_type in ('mobile', 'landline', 'voip', 'unknown')),
  provider_type text constraint phone_lookup_cache_provider_type_check check (pg_catalog.length(provider_type) between 1 and 40),
  carrier text constraint phone_lookup_cache_carrier_check check (pg_catalog.length(carrier) between 1 and 200),
  looked_up_at timestamptz not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint phone_lookup_cache_pkey primary key (account_id, phone),
  constraint phone_lookup_cache_expires_check check (expires_at > looked_up_at)
);
comment on table public.phone_lookup_cache is 'What Twilio Lookup v2 said of a number, per account, for 90 days (brain.record_lead_enrichments): a number asked about within that time is not looked up again. Written by the enrichment worker only.';
comment on column public.phone_lookup_cache.account_id is 'Owning account (whose Twilio account paid for the lookup).';
comment on column public.phone_lookup_cache.phone is 'The number, E.164.';
comment on column public.phone_lookup_cache.phone_status is 'valid, invalid (not a number that can be assigned; Lookup valid false or 404) or disconnected (line status inactive).';
comment on column public.phone_lookup_cache.line_type is 'mobile, landline, voip or unknown (brain.phone_line_type of the provider''s type).';
comment on column public.phone_lookup_cache.provider_type is 'The line type as Twilio named it (mobile, landline, fixedVoip, nonFixedVoip, tollFree, …).';
comment on column public.phone_lookup_cache.carrier is 'The carrier Twilio named.';
comment on column public.phone_lookup_cache.looked_up_at is 'When Twilio was asked.';
comment on column public.phone_lookup_cache.expires_at is 'Until when the answer is used instead of a new lookup (90 days after it).';
comment on column public.phone_lookup_cache.created_at is 'When the number was first looked up.';
comment on column public.phone_lookup_cache.updated_at is 'When the row last changed.';

create table public.email_domain_cache (
  account_id uuid not null references public.accounts (id) on delete cascade,
  domain text not null constraint email_domain_cache_domain_check
    check (domain = pg_catalog.lower(domain) and pg_catalog.length(domain) between 1 and 253),
  mx_status text not null constraint email_domain_cache_mx_status_check check (mx_status in ('found', 'none')),
  checked_at timestamptz not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint email_domain_cache_pkey primary key (account_id, domain),
  constraint email_domain_cache_expires_check check (expires_at > checked_at)
);
comment on table public.email_domain_cache is 'Whether an email domain receives mail (an MX lookup), per account: found for 7 days, none (NXDOMAIN, no MX, a null MX) for 1 day. An inconclusive answer (SERVFAIL, a time-out) is never cached. Written by the enrichment worker only.';
comment on column public.email_domain_cache.account_id is 'Owning account.';
comment on column public.email_domain_cache.domain is 'The domain, lower case.';
comment on column public.email_domain_cache.mx_status is 'found (at least one mail exchanger) or none (NXDOMAIN, no MX records, or only a null MX, RFC 7505).';
comment on column public.email_domain_cache.checked_at is 'When the resolver was asked.';
comment on column public.email_domain_cache.expires_at is 'Until when the answer is used instead of a new lookup.';
comment on column public.email_domain_cache.created_at is 'When the domain was first checked.';
comment on column public.email_domain_cache.updated_at is 'When the row last changed.';

do $$
declare
  t text;
begin
  foreach t in array array['phone_lookup_cache', 'email_domain_cache'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_analyst, revenue_api', t);
    execute pg_catalog.format('grant select, insert, update, delete on public.%I to revenue_worker', t);
  end loop;
end
$$;

-- public.v_lead_with_enrichment_and_campaign_v1 selects lead_enriched.*: lead_enriched gains
-- the enrichment columns (sql/0680), so the view's columns move; sql/0685 creates it again.
drop view if exists public.v_lead_with_enrichment_and_campaign_v1;

-- migrate:down
drop table public.email_domain_cache;
drop table public.phone_lookup_cache;
drop index public.leads_enrichment_requested_idx;
drop index public.leads_enrichment_pending_idx;
alter table public.leads drop column enrichment_lease_until, drop column enrichment_attempts;
