-- Provider secrets are write-only: the console learns only which are set, masked.
create or replace function public.provider_secrets_status()
returns table (channel text, provider text, secret_key text, masked text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.channel::text, p.provider, s.key,
         case when pg_catalog.length(s.value) >= 12 then '••••' || pg_catalog.right(s.value, 4) else '••••' end
  from public.account_provider_settings p
  cross join lateral pg_catalog.jsonb_each_text(p.secrets) s (key, value)
  where p.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
  order by 1, 2, 3
$$;

comment on function public.provider_secrets_status() is
  'For the settings page: which provider secrets are set for the current account (app.account_id), each masked to its last 4 characters (only when it has 12 or more). The secret values themselves are never readable by the API role.';

revoke execute on function public.provider_secrets_status() from public;
grant execute on function public.provider_secrets_status() to revenue_api;
