-- Every account has exactly one org_settings row, created with it.
create or replace function private.tg_accounts__create_org_settings()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  insert into public.org_settings (account_id) values (new.id)
  on conflict (account_id) do nothing;
  return null;
end
$$;

comment on function private.tg_accounts__create_org_settings() is
  'Trigger: creates the default org_settings row of a new account.';

create or replace trigger create_org_settings after insert on public.accounts
  for each row execute function private.tg_accounts__create_org_settings();
