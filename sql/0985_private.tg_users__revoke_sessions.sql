-- Whatever sets a password (make user, the console's change-password form, an
-- operator's update) logs every browser of that user out.
create or replace function private.tg_users__revoke_sessions()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  update public.user_sessions s set revoked_at = pg_catalog.now()
  where s.user_id = new.id and s.revoked_at is null;
  return null;
end
$$;

comment on function private.tg_users__revoke_sessions() is
  'Trigger: a changed password_hash revokes every open session of the user.';

create or replace trigger revoke_sessions_on_password_change after update of password_hash on public.users
  for each row when (old.password_hash is distinct from new.password_hash)
  execute function private.tg_users__revoke_sessions();
