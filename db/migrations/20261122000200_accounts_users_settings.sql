-- migrate:up

create table public.accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null constraint accounts_name_check check (length(btrim(name)) between 1 and 200),
  slug text not null constraint accounts_slug_check check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint accounts_slug_key unique (slug)
);
comment on table public.accounts is
  'A tenant: one business (a dealer, a clinic) using Revenue OS. Every tenant table carries account_id.';
comment on column public.accounts.id is 'Account id; the tenant key used by row-level security (app.account_id).';
comment on column public.accounts.name is 'Display name of the account.';
comment on column public.accounts.slug is 'Short unique handle (lower-case letters, digits, dashes).';
comment on column public.accounts.created_at is 'When the account was created.';
comment on column public.accounts.updated_at is 'When the row last changed.';

create table public.org_settings (
  account_id uuid primary key references public.accounts (id) on delete cascade,
  business_name text constraint org_settings_business_name_check check (length(btrim(business_name)) between 1 and 200),
  contact_email public.email_address,
  contact_phone public.e164_phone,
  contact_whatsapp public.e164_phone,
  vertical text not null default 'car_dealer'
    constraint org_settings_vertical_check check (vertical ~ '^[a-z][a-z0-9_]{1,39}$'),
  timezone public.time_zone not null default 'America/New_York',
  leadgen_routing jsonb not null default '{"active": false}'::jsonb,
  onboarding_step smallint not null default 1
    constraint org_settings_onboarding_step_check check (onboarding_step between 1 and 3),
  onboarding_completed_at timestamptz,
  send_window_start time not null default '08:00',
  send_window_end time not null default '20:00',
  negative_cooldown_days integer not null default 30
    constraint org_settings_negative_cooldown_days_check check (negative_cooldown_days between 1 and 365),
  reactivation_after_days integer not null default 45
    constraint org_settings_reactivation_after_days_check check (reactivation_after_days between 1 and 730),
  call_queue_gold_priority integer not null default 100
    constraint org_settings_call_queue_gold_priority_check check (call_queue_gold_priority between 0 and 1000),
  round_robin_enabled boolean not null default false,
  round_robin_email_only boolean not null default false,
  round_robin_setter_sequence uuid[] not null default '{}',
  round_robin_last_setter_index integer
    constraint org_settings_round_robin_last_setter_index_check check (round_robin_last_setter_index >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),

  -- Seed 001's LeadGen routing CHECK, split in three so each refusal names its rule.
  constraint org_settings_leadgen_routing_shape_check check (
    jsonb_typeof(leadgen_routing) = 'object'
    and case when leadgen_routing ? 'active'
             then jsonb_typeof(leadgen_routing -> 'active') = 'boolean' else true end
    and case when leadgen_routing ? 'dealer_address'
             then jsonb_typeof(leadgen_routing -> 'dealer_address') in ('string', 'null') else true end
    and case when leadgen_routing ? 'city_fallback'
             then jsonb_typeof(leadgen_routing -> 'city_fallback') in ('string', 'null') else true end
  ),
  constraint org_settings_leadgen_routing_radius_check check (
    case
      when not (leadgen_routing ? 'radius_miles') then true
      when jsonb_typeof(leadgen_routing -> 'radius_miles') <> 'number' then false
      else (leadgen_routing ->> 'radius_miles')::numeric between 1 and 50
    end
  ),
  constraint org_settings_leadgen_routing_address_check check (
    case
      when leadgen_routing -> 'active' is distinct from 'true'::jsonb then true
      when jsonb_typeof(leadgen_routing -> 'dealer_address') is distinct from 'string' then false
      else length(btrim(leadgen_routing ->> 'dealer_address')) > 0
    end
  ),
  constraint org_settings_send_window_check check (
    send_window_start >= time '08:00'
    and send_window_end <= time '21:00'
    and send_window_start < send_window_end
  )
);
comment on table public.org_settings is
  'One row per account (created with the account): onboarding fields, LeadGen routing, send window and brain tunables.';
comment on column public.org_settings.account_id is 'The account these settings belong to.';
comment on column public.org_settings.business_name is 'Business identity shown to leads (onboarding step 1).';
comment on column public.org_settings.contact_email is 'Primary contact email (onboarding step 2).';
comment on column public.org_settings.contact_phone is 'Primary contact phone, E.164 (onboarding step 2, optional).';
comment on column public.org_settings.contact_whatsapp is 'Primary WhatsApp number, E.164 (onboarding step 2, optional).';
comment on column public.org_settings.vertical is 'Business vertical; default car_dealer (stored, hidden in the onboarding UI).';
comment on column public.org_settings.timezone is 'Account time zone; used for leads whose own time zone cannot be known.';
comment on column public.org_settings.leadgen_routing is
  'LeadGen routing JSON {dealer_address, radius_miles (1-50), city_fallback, active}; dealer_address is required when active.';
comment on column public.org_settings.onboarding_step is 'Current onboarding step: 1 identity, 2 contact, 3 LeadGen routing.';
comment on column public.org_settings.onboarding_completed_at is 'When onboarding was completed; null while it is in progress.';
comment on column public.org_settings.send_window_start is 'Earliest local time (lead''s time zone) a message may be sent; never before 08:00.';
comment on column public.org_settings.send_window_end is 'Latest local time (lead''s time zone) a message may be sent; never after 21:00.';
comment on column public.org_settings.negative_cooldown_days is 'Days a negative reply keeps a lead in cooldown (default 30).';
comment on column public.org_settings.reactivation_after_days is 'Days after the last unanswered touch before a lead may be reactivated (default 45).';
comment on column public.org_settings.call_queue_gold_priority is 'call_queue priority given to a positive "gold" lead (mobile phone and email known; default 100).';
comment on column public.org_settings.round_robin_enabled is 'When true, positive leads are assigned to setters in rotation.';
comment on column public.org_settings.round_robin_email_only is 'When true, only email replies trigger round-robin assignment.';
comment on column public.org_settings.round_robin_setter_sequence is 'Ordered user ids for round-robin; a user listed twice gets twice the share.';
comment on column public.org_settings.round_robin_last_setter_index is 'Position in the effective sequence of the last assigned setter.';
comment on column public.org_settings.created_at is 'When the row was created.';
comment on column public.org_settings.updated_at is 'When the row last changed.';
comment on constraint org_settings_leadgen_routing_shape_check on public.org_settings is
  'LeadGen routing must be a JSON object; active must be true or false; dealer_address and city_fallback must be text.';
comment on constraint org_settings_leadgen_routing_radius_check on public.org_settings is
  'The LeadGen radius must be a number of miles between 1 and 50.';
comment on constraint org_settings_leadgen_routing_address_check on public.org_settings is
  'A dealer address is required to turn LeadGen routing on.';
comment on constraint org_settings_send_window_check on public.org_settings is
  'The send window must start no earlier than 08:00, end no later than 21:00, and start before it ends.';

create table public.users (
  id uuid primary key default gen_random_uuid(),
  email public.email_address not null,
  display_name text constraint users_display_name_check check (length(btrim(display_name)) between 1 and 200),
  password_hash text,
  is_active boolean not null default true,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint users_email_key unique (email)
);
comment on table public.users is
  'People who log in to the console. Global (not a tenant table): access comes from account_members.';
comment on column public.users.id is 'User id.';
comment on column public.users.email is 'Login email, lower-case, unique.';
comment on column public.users.display_name is 'Name shown in the console.';
comment on column public.users.password_hash is 'scrypt hash of the password; null means the user cannot log in with a password. Never readable by API or analyst roles.';
comment on column public.users.is_active is 'False disables the user everywhere.';
comment on column public.users.last_login_at is 'Last successful login.';
comment on column public.users.created_at is 'When the user was created.';
comment on column public.users.updated_at is 'When the row last changed.';

create table public.account_members (
  account_id uuid not null references public.accounts (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  role text not null
    constraint account_members_role_check check (role in ('owner', 'admin', 'setter', 'analyst', 'viewer')),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (account_id, user_id)
);
create index account_members_user_id_idx on public.account_members (user_id);
comment on table public.account_members is 'Membership of a user in an account, with the role that decides what they may do.';
comment on column public.account_members.account_id is 'The account.';
comment on column public.account_members.user_id is 'The member.';
comment on column public.account_members.role is 'owner, admin, setter, analyst or viewer (viewer is read-only).';
comment on column public.account_members.is_active is 'Inactive members keep their history but cannot act and get no round-robin leads.';
comment on column public.account_members.created_at is 'When the membership was created.';
comment on column public.account_members.updated_at is 'When the row last changed.';

create table public.account_provider_settings (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  channel public.channel not null,
  provider text not null
    constraint account_provider_settings_provider_check check (provider in ('sink', 'twilio', 'telnyx', 'elastic_email')),
  is_default boolean not null default false,
  config jsonb not null default '{}'::jsonb
    constraint account_provider_settings_config_check check (jsonb_typeof(config) = 'object'),
  secrets jsonb not null default '{}'::jsonb
    constraint account_provider_settings_secrets_check check (jsonb_typeof(secrets) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint account_provider_settings_account_channel_provider_key unique (account_id, channel, provider)
);
create unique index account_provider_settings_one_default_idx
  on public.account_provider_settings (account_id, channel) where is_default;
comment on table public.account_provider_settings is
  'Which provider sends each channel for an account (seed 002''s WhatsApp contract reads the is_default row).';
comment on column public.account_provider_settings.id is 'Row id.';
comment on column public.account_provider_settings.account_id is 'The account.';
comment on column public.account_provider_settings.channel is 'Channel this provider serves.';
comment on column public.account_provider_settings.provider is 'sink (records, sends nothing), twilio, telnyx or elastic_email.';
comment on column public.account_provider_settings.is_default is 'The provider used for the channel; at most one per account and channel.';
comment on column public.account_provider_settings.config is 'Non-secret settings: sender numbers, rate limits, daily caps.';
comment on column public.account_provider_settings.secrets is 'Write-only credentials; not readable by API or analyst roles.';
comment on column public.account_provider_settings.created_at is 'When the row was created.';
comment on column public.account_provider_settings.updated_at is 'When the row last changed.';

-- migrate:down
drop table if exists public.account_provider_settings;
drop table if exists public.account_members;
drop table if exists public.users;
drop table if exists public.org_settings;
drop table if exists public.accounts;
