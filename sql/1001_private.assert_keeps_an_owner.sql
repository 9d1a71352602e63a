-- The last-owner rule: an account always keeps one active owner. Locks the
-- account's owner rows first, so two owners demoting each other at once are
-- serialized and the second one is refused.
create or replace function private.assert_keeps_an_owner(p_account_id uuid, p_user_id uuid)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform 1 from public.account_members m
  where m.account_id = p_account_id and m.role = 'owner' and m.is_active
  order by m.user_id
  for update;
  if not exists (
    select 1 from public.account_members m
    join public.users u on u.id = m.user_id and u.is_active
    where m.account_id = p_account_id and m.role = 'owner' and m.is_active and m.user_id <> p_user_id
  ) then
    raise exception using errcode = 'P0001', message = 'last_owner',
      detail = 'an account keeps at least one owner: make another member owner first';
  end if;
end
$$;

comment on function private.assert_keeps_an_owner(uuid, uuid) is
  'Raises P0001 last_owner unless the account has an active owner other than this user (locks the owner rows, so concurrent demotions cannot both pass). Called before a member stops being an owner.';

revoke execute on function private.assert_keeps_an_owner(uuid, uuid) from public;
