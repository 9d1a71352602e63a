-- The Team page in one read: members and open invites of the current account.
create or replace function public.team_page(p_now timestamptz default now())
returns json
language sql
stable
security definer
set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'members', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'user_id', u.id, 'email', u.email::text, 'display_name', u.display_name, 'role', m.role,
                  'joined_at', m.created_at, 'last_login_at', u.last_login_at)
                  order by pg_catalog.array_position(array['owner', 'admin', 'setter', 'analyst', 'viewer'], m.role),
                           coalesce(u.display_name, u.email::text)), '[]'::json)
                from public.account_members m
                join public.users u on u.id = m.user_id and u.is_active
                where m.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
                  and m.is_active),
    'invites', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                  'id', i.id, 'email', i.email::text, 'role', i.role, 'delivery', i.delivery,
                  'created_at', i.created_at, 'expires_at', i.expires_at, 'emailed_at', i.emailed_at,
                  'email_error', i.email_error, 'expired', i.expires_at <= p_now)
                  order by i.created_at desc), '[]'::json)
                from public.account_invites i
                where i.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
                  and i.accepted_at is null and i.revoked_at is null)
  )
$$;

comment on function public.team_page(timestamptz) is
  'The Team page of the current account (app.account_id): active members (email, name, role, joined, last login) and invites neither accepted nor revoked (with whether they expired and how the link was delivered). Never token hashes or passwords.';

revoke execute on function public.team_page(timestamptz) from public;
grant execute on function public.team_page(timestamptz) to revenue_api;
