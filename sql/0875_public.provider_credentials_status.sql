-- Provider credentials are write-only: the console learns which are set,
-- masked, and when Test connection last checked them.
create or replace function public.provider_credentials_status()
returns table (provider text, field text, masked text, updated_at timestamptz,
               verified_at timestamptz, verify_ok boolean, verify_detail text)
language sql
stable
security invoker
set search_path = ''
as $$
  select c.provider, f.key, f.value, c.updated_at, c.verified_at, c.verify_ok, c.verify_detail
  from public.account_provider_credentials c
  cross join lateral pg_catalog.jsonb_each_text(c.masked) f (key, value)
  order by pg_catalog.array_position(array['twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly'], c.provider), f.key
$$;

comment on function public.provider_credentials_status() is
  'For the settings page: each stored credential field of the caller''s account (row-level security), masked to its last 4 characters, with when it changed and the last Test connection result. The values themselves are never readable by the API role.';

revoke execute on function public.provider_credentials_status() from public;
grant execute on function public.provider_credentials_status() to revenue_api, revenue_analyst;
