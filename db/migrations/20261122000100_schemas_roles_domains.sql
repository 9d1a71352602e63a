-- migrate:up

-- Schemas. `public` holds tables and the analyst-facing views; `brain` holds the
-- decision functions; `private` holds trigger functions and bookkeeping that no
-- API or analyst role may call directly.
create schema if not exists brain;
create schema if not exists private;

comment on schema brain is
  'Decision functions of the Lead Brain (send windows, keyword classification, send keys, ...). Defined in sql/.';
comment on schema private is
  'Trigger functions and internal bookkeeping (dbmate''s schema_migrations lives here). Not granted to API or analyst roles.';

-- Roles are cluster-wide, so they are created only when missing and never dropped
-- by a down migration (other databases on the same server may use them).
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'revenue_api') then
    create role revenue_api nologin;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'revenue_analyst') then
    create role revenue_analyst nologin;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'revenue_worker') then
    create role revenue_worker nologin;
  end if;
end
$$;

comment on role revenue_api is
  'Role the HTTP API switches to per request (set local role); row-level security limits it to current_setting(''app.account_id'').';
comment on role revenue_analyst is
  'Read-only analyst role; row-level security limits it to current_setting(''app.account_id'').';
comment on role revenue_worker is
  'Role of background workers; acts across accounts.';

-- The migrating user must be able to `set role` to each of them.
grant revenue_api, revenue_analyst, revenue_worker to current_user;

grant usage on schema public, brain to revenue_api, revenue_analyst, revenue_worker;
grant usage on schema private to revenue_worker;

-- Domains shared by many tables.
create domain public.channel as text
  constraint channel_check check (value in ('voice', 'sms', 'whatsapp', 'email'));
comment on domain public.channel is 'An outreach channel: voice, sms, whatsapp or email.';

create domain public.e164_phone as text
  constraint e164_phone_check check (value ~ '^\+[1-9][0-9]{7,14}$');
comment on domain public.e164_phone is
  'A phone number in E.164 form: "+", country code and subscriber number, 8 to 15 digits, no spaces.';

create domain public.email_address as text
  constraint email_address_check check (
    value = lower(btrim(value))
    and length(value) <= 320
    and value ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
  );
comment on domain public.email_address is
  'An email address, stored trimmed and lower-case.';

-- `at time zone` raises 22023 "time zone ... not recognized" for an unknown zone name.
create domain public.time_zone as text
  constraint time_zone_check check (value is null or (timestamptz '2000-01-01 00:00:00+00' at time zone value) is not null);
comment on domain public.time_zone is 'An IANA time zone name known to the server, e.g. America/New_York.';

-- migrate:down
drop domain if exists public.time_zone;
drop domain if exists public.email_address;
drop domain if exists public.e164_phone;
drop domain if exists public.channel;
-- `private` stays: dbmate records this rollback in private.schema_migrations.
drop schema if exists brain;
