-- What an invite link opens, for the page shown before anyone is logged in.
create or replace function public.invite_preview(p_token_hash text, p_now timestamptz default now())
returns table (status text, account_name text, email text, role text, user_exists boolean, expires_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select
    case when i.id is null then 'not_found'
         when i.accepted_at is not null then 'used'
         when i.revoked_at is not null then 'revoked'
         when i.expires_at <= p_now then 'expired'
         else 'open' end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then a.name end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then i.email::text end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now then i.role end,
    case when i.id is not null and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now
         then exists (select 1 from public.users u where u.email = i.email) end,
    i.expires_at
  from (select 1) one
  left join public.account_invites i on i.token_hash = p_token_hash and p_token_hash ~ '^[0-9a-f]{64}$'
  left join public.accounts a on a.id = i.account_id
  limit 1
$$;

comment on function public.invite_preview(text, timestamptz) is
  'For the invite page (no session yet): the status of the invite whose link token hashes to p_token_hash (open, expired, revoked, used or not_found) and, only while open, the account name, invited email, role and whether a user with that email exists. Reveals nothing about other invites.';

revoke execute on function public.invite_preview(text, timestamptz) from public, revenue_api;
grant execute on function public.invite_preview(text, timestamptz) to revenue_login;
