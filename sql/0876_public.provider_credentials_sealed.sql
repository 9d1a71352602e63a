-- The one read of sealed provider credentials: the worker and the webhook
-- verifiers call it with an account they have already resolved; only the
-- process holding the master key can open what it returns.
create or replace function public.provider_credentials_sealed(p_account_id uuid, p_provider text)
returns table (sealed text, key_id text, updated_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select c.sealed, c.key_id, c.updated_at
  from public.account_provider_credentials c
  where c.account_id = p_account_id and c.provider = p_provider
$$;

comment on function public.provider_credentials_sealed(uuid, text) is
  'The sealed credentials of one account and provider (lib/secrets.ts opens them with the master key), or no row. Executable by the worker (sends) and the ingest role (webhook signatures); the API writes credentials but never reads them back.';

revoke execute on function public.provider_credentials_sealed(uuid, text) from public;
grant execute on function public.provider_credentials_sealed(uuid, text) to revenue_worker, revenue_ingest;
