-- Who belongs to the current account, for assignment lists and names in the console.
-- The account is private.analyst_account_id(): app.account_id for the application,
-- the bound account for an analyst's own login (never a setting the analyst chooses).
create or replace function public.account_people()
returns table (user_id uuid, name text, email text, role text, is_active boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select u.id, coalesce(u.display_name, u.email::text), u.email::text, m.role, m.is_active and u.is_active
  from public.account_members m
  join public.users u on u.id = m.user_id
  where m.account_id = private.analyst_account_id()
  order by 2
$$;

comment on function public.account_people() is
  'Members of the current account (app.account_id for the application; an analyst login''s own account, see private.analyst_account_id) with display name (or email), role and whether they are active. The users table itself is global and not readable by the API role; this exposes only the members of the caller''s account and never password hashes.';

revoke execute on function public.account_people() from public;
grant execute on function public.account_people() to revenue_api, revenue_analyst;
