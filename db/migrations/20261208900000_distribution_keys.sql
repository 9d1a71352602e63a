-- migrate:up

-- Distribution keys (issue 16, "Sharding"; docs/scale.md). Past one primary the plan is
-- Citus with account_id as the distribution column. Citus accepts a primary key or a
-- unique key on a distributed table only when it contains the distribution column, and
-- a foreign key between two distributed tables only when both sides name it. Every
-- foreign key between tenant tables already does ((account_id, x_id) → x(account_id, id));
-- what is left are the surrogate primary keys on id alone and webhook_receipts' key.
--
-- Each becomes (id, account_id): id first, so the many lookups by id alone
-- (claim_touch(p_touch_run_id), lead pages, …) keep using the primary key's index, and
-- account_id in it, so the key is valid once the table is distributed. Per-account scans
-- already have their own indexes led by account_id. For leads, campaigns, touch_runs and
-- lead_imports the separate unique (account_id, id) that the composite foreign keys
-- pointed at is folded into the new primary key: those foreign keys are dropped and
-- created again, unchanged, on the new key.
--
-- Tables that are global by design (accounts, users, sessions, API tokens, invites,
-- sender addresses, analyst logins, lookup tables) keep their keys; the list and the
-- reasons are in tests/sql/schema/distribution_readiness.test.sql.
--
-- Cost on live data: no table is rewritten (every key column is already not null), but
-- each primary key is a new index built under an ACCESS EXCLUSIVE lock held until the
-- migration commits, and the re-created foreign keys scan their tables to validate.
-- On a large database run it in steps instead (docs/scale.md, "Migration on a large
-- database"): create unique index concurrently … (id, account_id) per table, then in a
-- short transaction `add constraint … primary key using index`, and re-create the
-- foreign keys `not valid` followed by `validate constraint` (which does not block writes).

-- Foreign keys that point at the unique (account_id, id) keys folded into primary keys.
alter table public.call_queue drop constraint call_queue_lead_fkey;
alter table public.campaign_leads drop constraint campaign_leads_campaign_fkey,
  drop constraint campaign_leads_lead_fkey;
alter table public.campaign_steps drop constraint campaign_steps_campaign_fkey;
alter table public.core_memory_events drop constraint core_memory_events_lead_fkey;
alter table public.inbound_messages drop constraint inbound_messages_lead_fkey;
alter table public.lead_assignment_events drop constraint lead_assignment_events_lead_fkey;
alter table public.lead_events drop constraint lead_events_lead_fkey;
alter table public.lead_import_rejects drop constraint lead_import_rejects_import_fkey;
alter table public.lead_imports drop constraint lead_imports_campaign_fkey;
alter table public.lead_timers drop constraint lead_timers_lead_fkey;
alter table public.outbound_messages drop constraint outbound_messages_campaign_fkey,
  drop constraint outbound_messages_lead_fkey,
  drop constraint outbound_messages_touch_run_fkey;
alter table public.suppressions drop constraint suppressions_lead_fkey;
alter table public.touch_runs drop constraint touch_runs_campaign_fkey,
  drop constraint touch_runs_lead_fkey,
  drop constraint touch_runs_retry_of_fkey;

alter table public.leads drop constraint leads_account_id_id_key,
  drop constraint leads_pkey, add constraint leads_pkey primary key (id, account_id);
alter table public.campaigns drop constraint campaigns_account_id_id_key,
  drop constraint campaigns_pkey, add constraint campaigns_pkey primary key (id, account_id);
alter table public.touch_runs drop constraint touch_runs_account_id_id_key,
  drop constraint touch_runs_pkey, add constraint touch_runs_pkey primary key (id, account_id);
alter table public.lead_imports drop constraint lead_imports_account_id_id_key,
  drop constraint lead_imports_pkey, add constraint lead_imports_pkey primary key (id, account_id);

alter table public.account_events
  drop constraint account_events_pkey, add constraint account_events_pkey primary key (id, account_id);
alter table public.account_provider_settings
  drop constraint account_provider_settings_pkey, add constraint account_provider_settings_pkey primary key (id, account_id);
alter table public.call_queue
  drop constraint call_queue_pkey, add constraint call_queue_pkey primary key (id, account_id);
alter table public.campaign_steps
  drop constraint campaign_steps_pkey, add constraint campaign_steps_pkey primary key (id, account_id);
alter table public.core_memory_events
  drop constraint core_memory_events_pkey, add constraint core_memory_events_pkey primary key (id, account_id);
alter table public.inbound_messages
  drop constraint inbound_messages_pkey, add constraint inbound_messages_pkey primary key (id, account_id);
alter table public.lead_assignment_events
  drop constraint lead_assignment_events_pkey, add constraint lead_assignment_events_pkey primary key (id, account_id);
alter table public.lead_events
  drop constraint lead_events_pkey, add constraint lead_events_pkey primary key (id, account_id);
alter table public.lead_timers
  drop constraint lead_timers_pkey, add constraint lead_timers_pkey primary key (id, account_id);
alter table public.outbound_messages
  drop constraint outbound_messages_pkey, add constraint outbound_messages_pkey primary key (id, account_id);
alter table public.suppressions
  drop constraint suppressions_pkey, add constraint suppressions_pkey primary key (id, account_id);
alter table lead_hunter.craigslist_tasks_v1
  drop constraint craigslist_tasks_v1_pkey, add constraint craigslist_tasks_v1_pkey primary key (id, account_id);

-- A provider's event id is routed to one account, so adding the account changes no
-- replay's outcome; it lets each shard hold its own accounts' receipts.
alter table public.webhook_receipts
  drop constraint webhook_receipts_pkey,
  add constraint webhook_receipts_pkey primary key (provider, idempotency_key, account_id);
comment on table public.webhook_receipts is
  'One row per distinct provider event; a replay finds its row and has no second effect. Keyed by the provider''s own id and the account the event was routed to (a provider id is routed to one account, so a replay always meets its row).';

-- The same foreign keys as before, now on the composite primary keys.
alter table public.call_queue add constraint call_queue_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.campaign_leads
  add constraint campaign_leads_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade,
  add constraint campaign_leads_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.campaign_steps add constraint campaign_steps_campaign_fkey
  foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade;
alter table public.core_memory_events add constraint core_memory_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.inbound_messages add constraint inbound_messages_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.lead_assignment_events add constraint lead_assignment_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.lead_events add constraint lead_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.lead_import_rejects add constraint lead_import_rejects_import_fkey
  foreign key (account_id, import_id) references public.lead_imports (account_id, id) on delete cascade;
alter table public.lead_imports add constraint lead_imports_campaign_fkey
  foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete set null (campaign_id);
alter table public.lead_timers add constraint lead_timers_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.outbound_messages
  add constraint outbound_messages_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete set null (campaign_id),
  add constraint outbound_messages_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade,
  add constraint outbound_messages_touch_run_fkey
    foreign key (account_id, touch_run_id) references public.touch_runs (account_id, id) on delete set null (touch_run_id);
alter table public.suppressions add constraint suppressions_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete set null (lead_id);
alter table public.touch_runs
  add constraint touch_runs_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade,
  add constraint touch_runs_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade,
  add constraint touch_runs_retry_of_fkey
    foreign key (account_id, retry_of) references public.touch_runs (account_id, id) on delete set null (retry_of);

-- migrate:down

alter table public.call_queue drop constraint call_queue_lead_fkey;
alter table public.campaign_leads drop constraint campaign_leads_campaign_fkey,
  drop constraint campaign_leads_lead_fkey;
alter table public.campaign_steps drop constraint campaign_steps_campaign_fkey;
alter table public.core_memory_events drop constraint core_memory_events_lead_fkey;
alter table public.inbound_messages drop constraint inbound_messages_lead_fkey;
alter table public.lead_assignment_events drop constraint lead_assignment_events_lead_fkey;
alter table public.lead_events drop constraint lead_events_lead_fkey;
alter table public.lead_import_rejects drop constraint lead_import_rejects_import_fkey;
alter table public.lead_imports drop constraint lead_imports_campaign_fkey;
alter table public.lead_timers drop constraint lead_timers_lead_fkey;
alter table public.outbound_messages drop constraint outbound_messages_campaign_fkey,
  drop constraint outbound_messages_lead_fkey,
  drop constraint outbound_messages_touch_run_fkey;
alter table public.suppressions drop constraint suppressions_lead_fkey;
alter table public.touch_runs drop constraint touch_runs_campaign_fkey,
  drop constraint touch_runs_lead_fkey,
  drop constraint touch_runs_retry_of_fkey;

alter table public.leads drop constraint leads_pkey,
  add constraint leads_pkey primary key (id), add constraint leads_account_id_id_key unique (account_id, id);
alter table public.campaigns drop constraint campaigns_pkey,
  add constraint campaigns_pkey primary key (id), add constraint campaigns_account_id_id_key unique (account_id, id);
alter table public.touch_runs drop constraint touch_runs_pkey,
  add constraint touch_runs_pkey primary key (id), add constraint touch_runs_account_id_id_key unique (account_id, id);
alter table public.lead_imports drop constraint lead_imports_pkey,
  add constraint lead_imports_pkey primary key (id), add constraint lead_imports_account_id_id_key unique (account_id, id);
alter table public.account_events
  drop constraint account_events_pkey, add constraint account_events_pkey primary key (id);
alter table public.account_provider_settings
  drop constraint account_provider_settings_pkey, add constraint account_provider_settings_pkey primary key (id);
alter table public.call_queue
  drop constraint call_queue_pkey, add constraint call_queue_pkey primary key (id);
alter table public.campaign_steps
  drop constraint campaign_steps_pkey, add constraint campaign_steps_pkey primary key (id);
alter table public.core_memory_events
  drop constraint core_memory_events_pkey, add constraint core_memory_events_pkey primary key (id);
alter table public.inbound_messages
  drop constraint inbound_messages_pkey, add constraint inbound_messages_pkey primary key (id);
alter table public.lead_assignment_events
  drop constraint lead_assignment_events_pkey, add constraint lead_assignment_events_pkey primary key (id);
alter table public.lead_events
  drop constraint lead_events_pkey, add constraint lead_events_pkey primary key (id);
alter table public.lead_timers
  drop constraint lead_timers_pkey, add constraint lead_timers_pkey primary key (id);
alter table public.outbound_messages
  drop constraint outbound_messages_pkey, add constraint outbound_messages_pkey primary key (id);
alter table public.suppressions
  drop constraint suppressions_pkey, add constraint suppressions_pkey primary key (id);
alter table lead_hunter.craigslist_tasks_v1
  drop constraint craigslist_tasks_v1_pkey, add constraint craigslist_tasks_v1_pkey primary key (id);
alter table public.webhook_receipts
  drop constraint webhook_receipts_pkey, add constraint webhook_receipts_pkey primary key (provider, idempotency_key);
comment on table public.webhook_receipts is
  'One row per distinct provider event; a replay finds its row and has no second effect. Keyed by the provider''s own id, which is unique across accounts.';

alter table public.call_queue add constraint call_queue_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.campaign_leads
  add constraint campaign_leads_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade,
  add constraint campaign_leads_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.campaign_steps add constraint campaign_steps_campaign_fkey
  foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade;
alter table public.core_memory_events add constraint core_memory_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.inbound_messages add constraint inbound_messages_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.lead_assignment_events add constraint lead_assignment_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.lead_events add constraint lead_events_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete restrict;
alter table public.lead_import_rejects add constraint lead_import_rejects_import_fkey
  foreign key (account_id, import_id) references public.lead_imports (account_id, id) on delete cascade;
alter table public.lead_imports add constraint lead_imports_campaign_fkey
  foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete set null (campaign_id);
alter table public.lead_timers add constraint lead_timers_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade;
alter table public.outbound_messages
  add constraint outbound_messages_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete set null (campaign_id),
  add constraint outbound_messages_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade,
  add constraint outbound_messages_touch_run_fkey
    foreign key (account_id, touch_run_id) references public.touch_runs (account_id, id) on delete set null (touch_run_id);
alter table public.suppressions add constraint suppressions_lead_fkey
  foreign key (account_id, lead_id) references public.leads (account_id, id) on delete set null (lead_id);
alter table public.touch_runs
  add constraint touch_runs_campaign_fkey
    foreign key (account_id, campaign_id) references public.campaigns (account_id, id) on delete cascade,
  add constraint touch_runs_lead_fkey
    foreign key (account_id, lead_id) references public.leads (account_id, id) on delete cascade,
  add constraint touch_runs_retry_of_fkey
    foreign key (account_id, retry_of) references public.touch_runs (account_id, id) on delete set null (retry_of);
