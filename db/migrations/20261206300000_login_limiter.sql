-- migrate:up

-- Login runs as its own role: it may call the login and session functions and
-- nothing else (no table, no tenant function). Created only when missing and
-- never dropped, like the other roles (roles are cluster-wide).
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'revenue_login') then
    create role revenue_login nologin;
  end if;
end
$$;
comment on role revenue_login is
  'Role the console switches to for login, logout, password changes and reading a session (set local role); it may execute only those security definer functions.';
grant revenue_login to current_user;
grant usage on schema public to revenue_login;

-- An attempt is recorded before its password is checked ('pending'), so parallel
-- guesses count against the limit while they are being verified.
alter table public.login_attempts
  add column outcome text not null default 'failed'
    constraint login_attempts_outcome_check check (outcome in ('pending', 'failed', 'succeeded')),
  add column user_id uuid references public.users (id) on delete set null,
  add column finished_at timestamptz;
update public.login_attempts set outcome = 'succeeded' where succeeded;
update public.login_attempts set finished_at = created_at;
alter table public.login_attempts
  add constraint login_attempts_succeeded_check check (succeeded = (outcome = 'succeeded'));
create index login_attempts_user_idx on public.login_attempts (user_id);
comment on table public.login_attempts is
  'Every checked login or password-confirmation attempt (email lower-cased, client address, outcome). public.login_begin records it as pending before the password is verified and public.login_finish settles it; the backoff policy (private.login_retry_after) reads it. Refused (rate-limited) attempts are not recorded.';
comment on column public.login_attempts.succeeded is 'Whether the password matched (outcome = succeeded).';
comment on column public.login_attempts.outcome is 'pending while the password is being verified; then failed or succeeded. A pending attempt counts as a failure for the limit.';
comment on column public.login_attempts.user_id is 'The active user the email named when the attempt began; null when none.';
comment on column public.login_attempts.finished_at is 'When the outcome was settled; null while pending.';

-- Replaced by login_begin / login_finish (one call checks the limit and records the attempt).
drop function if exists public.login_lookup(text, text);
drop function if exists public.login_complete(text, text, text, uuid, boolean, uuid, interval);

-- migrate:down
drop index if exists public.login_attempts_user_idx;
alter table public.login_attempts
  drop constraint if exists login_attempts_succeeded_check,
  drop column if exists finished_at,
  drop column if exists user_id,
  drop column if exists outcome;
