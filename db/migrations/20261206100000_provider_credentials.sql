-- migrate:up

-- Provider credentials, one row per account and provider, sealed by the
-- application (lib/secrets.ts): AES-256-GCM under a random data key, which is
-- itself wrapped by the master key (REVENUE_OS_MASTER_KEY). The database never
-- holds a credential in clear, and no role but the worker's read function can
-- read the sealed text.
create table public.account_provider_credentials (
  account_id uuid not null references public.accounts (id) on delete cascade,
  provider text not null
    constraint account_provider_credentials_provider_check
      check (provider in ('twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly')),
  sealed text not null
    constraint account_provider_credentials_sealed_check check (sealed ~ '^v1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'),
  key_id text not null
    constraint account_provider_credentials_key_id_check check (key_id ~ '^[0-9a-f]{16}$'),
  masked jsonb not null default '{}'::jsonb
    constraint account_provider_credentials_masked_check check (jsonb_typeof(masked) = 'object'),
  verified_at timestamptz,
  verify_ok boolean,
  verify_detail text
    constraint account_provider_credentials_verify_detail_check check (length(verify_detail) <= 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint account_provider_credentials_pkey primary key (account_id, provider),
  constraint account_provider_credentials_verified_check check ((verified_at is null) = (verify_ok is null))
);
comment on table public.account_provider_credentials is
  'Each account''s own provider credentials (Twilio, Telnyx, Elastic Email, OpenAI, Slack, Calendly), sealed by the application; environment keys are the fallback when an account has none. Read in clear only by the application holding the master key.';
comment on column public.account_provider_credentials.account_id is 'The account.';
comment on column public.account_provider_credentials.provider is 'twilio, telnyx, elastic_email, openai, slack or calendly.';
comment on column public.account_provider_credentials.sealed is
  'v1.<key id>.<wrapped data key>.<ciphertext>: the credential fields as JSON, AES-256-GCM under a random data key that the master key wraps; bound to the account and provider. Never selectable by the API, analyst or ingest roles.';
comment on column public.account_provider_credentials.key_id is 'Fingerprint (16 hex) of the master key that wraps the data key; make rotate-key rewrites every row to the new one.';
comment on column public.account_provider_credentials.masked is 'Field name to a masked form (the last 4 characters of values of 12 or more characters), for the settings page.';
comment on column public.account_provider_credentials.verified_at is 'When Test connection last asked the provider; null when never.';
comment on column public.account_provider_credentials.verify_ok is 'Whether the provider accepted these credentials at verified_at.';
comment on column public.account_provider_credentials.verify_detail is 'What the provider answered at verified_at, in words (no secret).';
comment on column public.account_provider_credentials.created_at is 'When the credentials were first saved.';
comment on column public.account_provider_credentials.updated_at is 'When the row last changed: its credentials (which clears the verification) or their verification.';

alter table public.account_provider_credentials enable row level security;
create policy account_provider_credentials_api_tenant on public.account_provider_credentials for all to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy account_provider_credentials_analyst_tenant on public.account_provider_credentials for select to revenue_analyst
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy account_provider_credentials_worker_all on public.account_provider_credentials for all to revenue_worker
  using (true) with check (true);

-- The API writes sealed text it made and reads back only the masked view.
grant select (account_id, provider, key_id, masked, verified_at, verify_ok, verify_detail, created_at, updated_at),
  insert (account_id, provider, sealed, key_id, masked),
  update (sealed, key_id, masked, verified_at, verify_ok, verify_detail, updated_at),
  delete
  on public.account_provider_credentials to revenue_api;
grant select (account_id, provider, key_id, masked, verified_at, verify_ok, verify_detail, created_at, updated_at)
  on public.account_provider_credentials to revenue_analyst;
-- The worker reads sealed rows only through public.provider_credentials_sealed and records verification.
grant select (account_id, provider, key_id, masked, verified_at, verify_ok, verify_detail, created_at, updated_at),
  update (verified_at, verify_ok, verify_detail)
  on public.account_provider_credentials to revenue_worker;

-- Credentials never lived in clear anywhere useful: saving them always failed
-- (42501), so a row with secrets could only have been written by hand. Such a
-- row is not silently dropped.
do $$
begin
  if exists (select 1 from public.account_provider_settings where secrets <> '{}'::jsonb) then
    raise exception using
      errcode = 'P0001',
      message = 'account_provider_settings holds credentials in clear',
      hint = 'Note them, clear them (update public.account_provider_settings set secrets = ''{}''), migrate, and enter them again on the settings page, where they are stored encrypted.';
  end if;
end
$$;
drop function if exists public.provider_secrets_status();
alter table public.account_provider_settings drop column secrets;

-- migrate:down
alter table public.account_provider_settings
  add column secrets jsonb not null default '{}'::jsonb
    constraint account_provider_settings_secrets_check check (jsonb_typeof(secrets) = 'object');
comment on column public.account_provider_settings.secrets is 'Write-only credentials; not readable by API or analyst roles.';
drop table if exists public.account_provider_credentials;
