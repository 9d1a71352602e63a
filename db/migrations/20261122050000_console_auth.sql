-- migrate:up

-- Console sessions. The browser holds only a signed cookie with the session id.
create table public.user_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  account_id uuid not null references public.accounts (id) on delete cascade,
  csrf_token text not null constraint user_sessions_csrf_token_check check (length(csrf_token) >= 32),
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  constraint user_sessions_expiry_check check (expires_at > created_at)
);
create index user_sessions_user_idx on public.user_sessions (user_id);
comment on table public.user_sessions is
  'Console sessions: one row per login. The cookie carries the signed id; revoking the row logs the browser out. Read only through public.session_context (security definer).';
comment on column public.user_sessions.id is 'Session id (in the signed cookie).';
comment on column public.user_sessions.user_id is 'Who is logged in.';
comment on column public.user_sessions.account_id is 'Workspace (account) the session acts in.';
comment on column public.user_sessions.csrf_token is 'Token every state-changing request must echo (form field _csrf or header X-CSRF-Token).';
comment on column public.user_sessions.ip is 'Client address at login.';
comment on column public.user_sessions.user_agent is 'Browser at login.';
comment on column public.user_sessions.created_at is 'Login time.';
comment on column public.user_sessions.last_seen_at is 'Last request.';
comment on column public.user_sessions.expires_at is 'After this the session is no longer valid.';
comment on column public.user_sessions.revoked_at is 'Logout time; a revoked session is not valid.';

-- Login attempts, for the rate limit (10 failures a minute) across processes.
create table public.login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text,
  succeeded boolean not null,
  created_at timestamptz not null default now()
);
create index login_attempts_email_idx on public.login_attempts (email, created_at desc);
create index login_attempts_ip_idx on public.login_attempts (ip, created_at desc);
comment on table public.login_attempts is 'Every login attempt (email lower-cased, client address, outcome); login is refused after 10 failures in a minute for an email or an address.';
comment on column public.login_attempts.id is 'Attempt id.';
comment on column public.login_attempts.email is 'Email typed (lower-cased).';
comment on column public.login_attempts.ip is 'Client address.';
comment on column public.login_attempts.succeeded is 'Whether the password matched.';
comment on column public.login_attempts.created_at is 'When.';

-- Neither table is readable by the API or analyst roles; only the functions in sql/ touch them.
alter table public.user_sessions enable row level security;
create policy user_sessions_api_none on public.user_sessions for all to revenue_api using (false) with check (false);
create policy user_sessions_analyst_none on public.user_sessions for select to revenue_analyst using (false);
create policy user_sessions_worker_all on public.user_sessions for all to revenue_worker using (true) with check (true);
revoke all on public.user_sessions, public.login_attempts from revenue_api, revenue_analyst;
grant select, insert, update, delete on public.user_sessions, public.login_attempts to revenue_worker;

-- migrate:down
drop table if exists public.login_attempts;
drop table if exists public.user_sessions;
