-- migrate:up

create table public.lead_states (
  state text primary key,
  position smallint not null,
  is_terminal boolean not null default false,
  description text not null,
  constraint lead_states_position_key unique (position)
);
comment on table public.lead_states is 'The lead lifecycle states (DESIGN.md), in funnel order.';
comment on column public.lead_states.state is 'State name stored in leads.lead_state.';
comment on column public.lead_states.position is 'Funnel order; higher is further along.';
comment on column public.lead_states.is_terminal is 'True when no transition leaves this state.';
comment on column public.lead_states.description is 'What the state means.';

insert into public.lead_states (state, position, is_terminal, description) values
  ('new',            10, false, 'Known to the system, never contacted.'),
  ('touched',        20, false, 'At least one outbound touch was sent.'),
  ('responded',      30, false, 'The lead replied or answered on some channel.'),
  ('email_captured', 40, false, 'A reply gave us the lead''s email address.'),
  ('high_intent',    50, false, 'The lead showed buying intent (positive reply, hot call).'),
  ('in_call_queue',  60, false, 'Waiting in call_queue for a human call.'),
  ('closed',         70, false, 'Appointment booked or deal closed.'),
  ('dead',           80, false, 'Cadence exhausted without a reply; may be reactivated back to touched.'),
  ('suppressed',     90, true,  'Must never be contacted again (terminal, reachable from any state).');

create table public.lead_state_transitions (
  from_state text not null references public.lead_states (state),
  to_state text not null references public.lead_states (state),
  description text not null,
  primary key (from_state, to_state),
  constraint lead_state_transitions_not_self_check check (from_state <> to_state)
);
comment on table public.lead_state_transitions is
  'The allowed lead_state transitions; the database refuses any other with invalid_lead_transition.';
comment on column public.lead_state_transitions.from_state is 'State the lead is in.';
comment on column public.lead_state_transitions.to_state is 'State it may move to.';
comment on column public.lead_state_transitions.description is 'Why this transition exists.';

-- Forward along the funnel; a single event may prove a later stage (a booking
-- from a lead never touched), so intermediate stages may be skipped.
insert into public.lead_state_transitions (from_state, to_state, description)
select f.state, t.state, 'forward progress along the funnel'
from public.lead_states f
join public.lead_states t on t.position > f.position
where f.state in ('new', 'touched', 'responded', 'email_captured', 'high_intent', 'in_call_queue')
  and t.state in ('touched', 'responded', 'email_captured', 'high_intent', 'in_call_queue', 'closed');

insert into public.lead_state_transitions (from_state, to_state, description)
select s.state, 'suppressed', 'suppression is allowed from every state'
from public.lead_states s
where s.state <> 'suppressed';

insert into public.lead_state_transitions (from_state, to_state, description)
select s.state, 'dead', 'cadence exhausted without a booking'
from public.lead_states s
where s.state in ('touched', 'responded', 'email_captured', 'high_intent', 'in_call_queue');

insert into public.lead_state_transitions (from_state, to_state, description) values
  ('dead', 'touched', 'reactivation touch sent'),
  ('dead', 'responded', 'a dead lead replied on its own');

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  status text not null default 'new'
    constraint leads_status_check check (status in ('new', 'suppressed', 'archived')),
  lead_state text not null default 'new' references public.lead_states (state),
  first_name text constraint leads_first_name_check check (length(first_name) <= 200),
  last_name text constraint leads_last_name_check check (length(last_name) <= 200),
  company_name text constraint leads_company_name_check check (length(company_name) <= 200),
  phone public.e164_phone,
  phone_line_type text not null default 'unknown'
    constraint leads_phone_line_type_check check (phone_line_type in ('mobile', 'landline', 'voip', 'unknown')),
  email public.email_address,
  alternate_emails public.email_address[] not null default '{}',
  source text not null default 'manual'
    constraint leads_source_check check (source ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
  external_id text constraint leads_external_id_check check (length(external_id) between 1 and 200),
  city text constraint leads_city_check check (length(city) <= 120),
  region text constraint leads_region_check check (length(region) <= 120),
  postal_code text constraint leads_postal_code_check check (length(postal_code) <= 20),
  country text constraint leads_country_check check (country ~ '^[A-Z]{2}$'),
  timezone public.time_zone,
  assigned_user_id uuid,
  assigned_at timestamptz,
  attributes jsonb not null default '{}'::jsonb
    constraint leads_attributes_check check (jsonb_typeof(attributes) = 'object'),
  first_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint leads_account_source_external_id_key unique (account_id, source, external_id),
  constraint leads_account_id_id_key unique (account_id, id),
  constraint leads_assigned_member_fkey foreign key (account_id, assigned_user_id)
    references public.account_members (account_id, user_id)
);
create index leads_account_state_idx on public.leads (account_id, lead_state);
create index leads_account_phone_idx on public.leads (account_id, phone) where phone is not null;
create index leads_account_email_idx on public.leads (account_id, email) where email is not null;
create index leads_alternate_emails_idx on public.leads using gin (alternate_emails);
create index leads_account_created_idx on public.leads (account_id, created_at desc);
create index leads_assigned_user_idx on public.leads (assigned_user_id) where assigned_user_id is not null;

comment on table public.leads is 'People and businesses the engine may contact. One row per lead per account.';
comment on column public.leads.id is 'Lead id.';
comment on column public.leads.account_id is 'Owning account.';
comment on column public.leads.status is 'Record status: new (eligible), suppressed (operator said never contact), archived (out of operations).';
comment on column public.leads.lead_state is 'Lifecycle state (lead_states); changes are validated against lead_state_transitions and logged in lead_events.';
comment on column public.leads.first_name is 'Given name, when known.';
comment on column public.leads.last_name is 'Family name, when known.';
comment on column public.leads.company_name is 'Business name, when the lead is a business.';
comment on column public.leads.phone is 'Phone in E.164, or null.';
comment on column public.leads.phone_line_type is 'mobile, landline, voip or unknown (from a lookup or the source).';
comment on column public.leads.email is 'Primary email, lower-case.';
comment on column public.leads.alternate_emails is 'Other addresses that replied on the lead''s thread (seed 003 §6).';
comment on column public.leads.source is 'Where the lead came from: manual, import, craigslist, webhook, inbound_sms, ...';
comment on column public.leads.external_id is 'The source''s own id (a Craigslist posting id, a CRM id); unique per account and source.';
comment on column public.leads.city is 'City, when known.';
comment on column public.leads.region is 'State or province, when known.';
comment on column public.leads.postal_code is 'Postal code, when known.';
comment on column public.leads.country is 'ISO 3166-1 alpha-2 country code.';
comment on column public.leads.timezone is 'Lead''s own IANA time zone; null means infer it from the phone or use the account''s.';
comment on column public.leads.assigned_user_id is 'Setter who owns the lead (must be a member of the account).';
comment on column public.leads.assigned_at is 'When the lead was assigned.';
comment on column public.leads.attributes is 'Source-specific attributes (posting title, price, vehicle details, ...).';
comment on column public.leads.first_seen_at is 'When the source first showed this lead; null when unknown (SSV uses coalesce(first_seen_at, created_at)).';
comment on column public.leads.created_at is 'When the row was inserted.';
comment on column public.leads.updated_at is 'When the row last changed.';

create table public.lead_events (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  event_type text not null default 'state_transition'
    constraint lead_events_event_type_check check (event_type ~ '^[a-z][a-z0-9_]{0,63}$'),
  previous_state text references public.lead_states (state),
  new_state text references public.lead_states (state),
  reason text,
  actor text,
  payload jsonb not null default '{}'::jsonb
    constraint lead_events_payload_check check (jsonb_typeof(payload) = 'object'),
  dedupe_key text,
  created_at timestamptz not null default now(),
  constraint lead_events_account_dedupe_key_key unique (account_id, dedupe_key),
  constraint lead_events_lead_fkey foreign key (account_id, lead_id)
    references public.leads (account_id, id) on delete restrict
);
create index lead_events_lead_created_idx on public.lead_events (lead_id, created_at desc);
comment on table public.lead_events is
  'Append-only log of lead lifecycle changes; every accepted lead_state transition writes one row.';
comment on column public.lead_events.id is 'Event id.';
comment on column public.lead_events.account_id is 'Owning account.';
comment on column public.lead_events.lead_id is 'The lead.';
comment on column public.lead_events.event_type is 'state_transition for lead_state changes; other lifecycle events may follow.';
comment on column public.lead_events.previous_state is 'lead_state before the change.';
comment on column public.lead_events.new_state is 'lead_state after the change.';
comment on column public.lead_events.reason is 'Machine-readable reason given by the caller (app.transition_reason), e.g. touch_sent, inbound_reply.';
comment on column public.lead_events.actor is 'Who made the change (app.actor, else the database role).';
comment on column public.lead_events.payload is 'Extra context.';
comment on column public.lead_events.dedupe_key is 'Optional idempotency key, unique per account.';
comment on column public.lead_events.created_at is 'When the event was recorded.';

-- migrate:down
drop table if exists public.lead_events;
drop table if exists public.leads;
drop table if exists public.lead_state_transitions;
drop table if exists public.lead_states;
