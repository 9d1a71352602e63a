-- The invite a link names, locked for accepting; refuses links that open nothing.
create or replace function private.open_account_invite(p_token_hash text, p_now timestamptz)
returns public.account_invites
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_invite public.account_invites;
begin
  select * into v_invite from public.account_invites i
  where i.token_hash = p_token_hash
  for update;
  if v_invite.id is null then
    raise exception using errcode = 'P0002', message = 'invite_not_found', detail = 'this invite link is not valid';
  elsif v_invite.accepted_at is not null then
    raise exception using errcode = '55000', message = 'invite_used', detail = 'this invite was already accepted';
  elsif v_invite.revoked_at is not null then
    raise exception using errcode = '55000', message = 'invite_revoked', detail = 'this invite was withdrawn';
  elsif v_invite.expires_at <= p_now then
    raise exception using errcode = '55000', message = 'invite_expired', detail = 'this invite has expired: ask for a new one';
  end if;
  return v_invite;
end
$$;

comment on function private.open_account_invite(text, timestamptz) is
  'The open invite whose link token hashes to p_token_hash, row-locked. Raises invite_not_found (P0002), or invite_used, invite_revoked, invite_expired (55000).';

revoke execute on function private.open_account_invite(text, timestamptz) from public;
