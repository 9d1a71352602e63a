create or replace function public.authenticate_api_token(p_token_hash text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid;
begin
  update public.account_api_tokens t
  set last_used_at = pg_catalog.now()
  where t.token_hash = p_token_hash and t.revoked_at is null
  returning t.account_id into v_account;
  return v_account;
end
$$;

comment on function public.authenticate_api_token(text) is
  'The account an API token (given as its hex SHA-256) acts for, or null when the token is unknown or revoked; records last_used_at. Security definer: the account is not known before this call.';

revoke execute on function public.authenticate_api_token(text) from public;
grant execute on function public.authenticate_api_token(text) to revenue_api;
