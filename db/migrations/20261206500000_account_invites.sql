-- migrate:up

-- Team invitations. The link's token is never stored: only its SHA-256 (hex).
-- A link that is emailed is minted by the worker (brain.issue_account_invite_token),
-- so until then token_hash is null; a link shown on the page is minted by the API.
create table public.account_invites (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  email public.email_address not null,
  role text not null
    constraint account_invites_role_check check (role in ('owner', 'admin', 'setter', 'analyst', 'viewer')),
  token_hash text
    constraint account_invites_token_hash_check check (token_hash ~ '^[0-9a-f]{64}$'),
  delivery text not null
    constraint account_invites_delivery_check check (delivery in ('email', 'shown')),
  invited_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  emailed_at timestamptz,
  email_error text constraint account_invites_email_error_check check (length(email_error) <= 300),
  accepted_at timestamptz,
  accepted_by uuid references public.users (id) on delete set null,
  revoked_at timestamptz,
  constraint account_invites_expiry_check check (expires_at > created_at),
  constraint account_invites_accepted_or_revoked_check check (accepted_at is null or revoked_at is null),
  constraint account_invites_shown_has_token_check check (delivery = 'email' or token_hash is not null)
);
-- One open invite per account and email: a new invite replaces (revokes) the old one.
create unique index account_invites_one_open_idx
  on public.account_invites (account_id, email) where accepted_at is null and revoked_at is null;
-- The link names the invite by its token only; a 256-bit random token does not collide.
create index account_invites_token_hash_idx on public.account_invites (token_hash) where token_hash is not null;

comment on table public.account_invites is
  'Invitations to join an account with a role. The link carries a random token; only its SHA-256 is kept. Valid 7 days; accepted, revoked (by an owner or by a newer invite to the same email) or expired invites open nothing.';
comment on column public.account_invites.id is 'Invite id.';
comment on column public.account_invites.account_id is 'The account the invite joins.';
comment on column public.account_invites.email is 'Who is invited (lower-case); only this email can accept.';
comment on column public.account_invites.role is 'Role the member gets on accepting: owner, admin, setter, analyst or viewer.';
comment on column public.account_invites.token_hash is 'SHA-256 (hex) of the link''s token; null until the worker mints the emailed link. Never readable by API or analyst roles.';
comment on column public.account_invites.delivery is 'email: the worker sends the link through the account''s email provider; shown: there was no email provider, the link was shown once to the owner.';
comment on column public.account_invites.invited_by is 'The owner who sent it.';
comment on column public.account_invites.created_at is 'When it was sent.';
comment on column public.account_invites.expires_at is 'After this the link no longer works (7 days after sending).';
comment on column public.account_invites.emailed_at is 'When the email provider accepted the invite email.';
comment on column public.account_invites.email_error is 'Why the invite email was not sent, when it was not.';
comment on column public.account_invites.accepted_at is 'When the invite was accepted.';
comment on column public.account_invites.accepted_by is 'The user who accepted it.';
comment on column public.account_invites.revoked_at is 'When an owner revoked it or a newer invite replaced it.';

alter table public.account_invites enable row level security;
create policy account_invites_api_tenant on public.account_invites for select to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
-- Analysts see the invites of the account their login is bound to (private.analyst_account_id).
create policy account_invites_analyst_tenant on public.account_invites for select to revenue_analyst
  using (account_id = private.analyst_account_id());
create policy account_invites_worker_all on public.account_invites for all to revenue_worker using (true) with check (true);

-- Changes go through the functions in sql/ (security definer); the token hash is readable by no role.
grant select (id, account_id, email, role, delivery, invited_by, created_at, expires_at, emailed_at, email_error,
              accepted_at, accepted_by, revoked_at)
  on public.account_invites to revenue_api, revenue_analyst;
grant select, update on public.account_invites to revenue_worker;

-- migrate:down
drop table if exists public.account_invites;
