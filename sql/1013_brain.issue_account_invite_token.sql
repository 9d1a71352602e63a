-- The send_account_invite job: stores the hash of the token the worker just
-- minted and returns what the email needs, while the invite is open and unsent.
create or replace function brain.issue_account_invite_token(
  p_invite_id uuid,
  p_token_hash text,
  p_now timestamptz default now()
)
returns table (account_id uuid, account_name text, email text, role text, invited_by_name text,
               expires_at timestamptz, provider text, from_address text)
language plpgsql
volatile
set search_path = ''
as $$
begin
  if coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception using errcode = '22023', message = 'invalid_token_hash', detail = 'the token hash must be 64 hex characters';
  end if;
  return query
    with inv as (
      update public.account_invites i set token_hash = p_token_hash
      where i.id = p_invite_id and i.delivery = 'email' and i.emailed_at is null
        and i.accepted_at is null and i.revoked_at is null and i.expires_at > p_now
      returning i.*
    )
    select inv.account_id, a.name, inv.email::text, inv.role, coalesce(u.display_name, u.email::text),
           inv.expires_at, r.provider, nullif(s.config #>> '{senders,0,address}', '')
    from inv
    join public.accounts a on a.id = inv.account_id
    join brain.ready_channels(inv.account_id) r on r.channel = 'email'
    join public.account_provider_settings s on s.account_id = inv.account_id and s.channel = 'email' and s.is_default
    left join public.users u on u.id = inv.invited_by;
end
$$;

comment on function brain.issue_account_invite_token(uuid, text, timestamptz) is
  'For the send_account_invite job: when the invite is open, to be emailed and not yet emailed, stores the SHA-256 (hex) of the token the worker minted (a retry replaces it) and returns the account, invited email, role, inviter''s name, expiry and the account''s ready email provider and sender. No row otherwise (nothing to send).';

revoke execute on function brain.issue_account_invite_token(uuid, text, timestamptz) from public;
grant execute on function brain.issue_account_invite_token(uuid, text, timestamptz) to revenue_worker;
