-- migrate:up

-- Audit trail of lead assignments (seed 003 §19, LeadAssignmentEvent). Append-only:
-- sql/0130_private.tg__append_only.sql refuses UPDATE, DELETE and TRUNCATE.
create table public.lead_assignment_events (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  assigned_to_user_id uuid not null,
  assigned_by_user_id uuid,
  source text not null
    constraint lead_assignment_events_source_check check (source in ('round_robin', 'backfill', 'manual')),
  channel public.channel,
  sequence_index integer
    constraint lead_assignment_events_sequence_index_check check (sequence_index >= 0),
  created_at timestamptz not null default now(),
  constraint lead_assignment_events_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete restrict,
  constraint lead_assignment_events_assigned_member_fkey foreign key (account_id, assigned_to_user_id)
    references public.account_members (account_id, user_id) on delete restrict
);
create index lead_assignment_events_account_created_idx
  on public.lead_assignment_events (account_id, created_at desc);
create index lead_assignment_events_lead_created_idx
  on public.lead_assignment_events (lead_id, created_at desc);
-- Serves "who got which leads" and the foreign key to account_members.
create index lead_assignment_events_assignee_created_idx
  on public.lead_assignment_events (account_id, assigned_to_user_id, created_at desc);

comment on table public.lead_assignment_events is
  'Append-only audit trail of lead assignments: one row each time a lead gets an owner (round-robin, backfill or manual). UPDATE and DELETE are refused.';
comment on column public.lead_assignment_events.id is 'Event id.';
comment on column public.lead_assignment_events.account_id is 'Owning account.';
comment on column public.lead_assignment_events.lead_id is 'The lead that was assigned.';
comment on column public.lead_assignment_events.assigned_to_user_id is 'The member who now owns the lead (leads.assigned_user_id).';
comment on column public.lead_assignment_events.assigned_by_user_id is 'The user who caused the assignment, when a person did; null for automatic assignment.';
comment on column public.lead_assignment_events.source is 'How the lead was assigned: round_robin (public.assign_lead_round_robin), backfill or manual.';
comment on column public.lead_assignment_events.channel is 'Channel of the inbound event that triggered the assignment, when known.';
comment on column public.lead_assignment_events.sequence_index is
  'For round_robin: position in the effective setter sequence that was used (stored as org_settings.round_robin_last_setter_index).';
comment on column public.lead_assignment_events.created_at is 'When the assignment happened.';

alter table public.lead_assignment_events enable row level security;
create policy lead_assignment_events_api_tenant on public.lead_assignment_events for all to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy lead_assignment_events_analyst_tenant on public.lead_assignment_events for select to revenue_analyst
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy lead_assignment_events_worker_all on public.lead_assignment_events for all to revenue_worker
  using (true) with check (true);

-- An append-only log: analysts read it, the API and workers add to it.
grant select on public.lead_assignment_events to revenue_analyst;
grant select, insert on public.lead_assignment_events to revenue_api, revenue_worker;

-- migrate:down
drop table if exists public.lead_assignment_events;
