-- migrate:up

-- Notifications (issue 18, seed 003 §13): every user chooses which events reach them and
-- where (the console bell, Slack, email), in real time or in a daily digest at their own
-- local time. Events are recorded once (dedupe_key per account); every notification sent
-- is a row of the delivery ledger (dedupe_key per account), claimed before the provider is
-- called, so a retry or a second worker never notifies twice. The logic lives in sql/.

-- What a user asked for: one row per event kind and channel. A missing row means the
-- default for the user's role (brain.notification_default_delivery), so defaults live in
-- SQL once and change for everyone who never touched them.
create table public.notification_preferences (
  account_id uuid not null,
  user_id uuid not null,
  event_kind text not null constraint notification_preferences_event_kind_check
    check (event_kind in ('positive_reply', 'meeting_requested', 'booked', 'draft_needs_review', 'integration_failing')),
  channel text not null constraint notification_preferences_channel_check check (channel in ('in_app', 'slack', 'email')),
  delivery text not null constraint notification_preferences_delivery_check check (delivery in ('realtime', 'daily_digest', 'off')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_preferences_pkey primary key (account_id, user_id, event_kind, channel),
  constraint notification_preferences_member_fkey foreign key (account_id, user_id)
    references public.account_members (account_id, user_id) on delete cascade,
  -- The bell shows notifications as they happen; a digest goes to Slack or email.
  constraint notification_preferences_in_app_check check (channel <> 'in_app' or delivery <> 'daily_digest')
);
comment on table public.notification_preferences is 'Per-user notification choices (seed 003 §13): for each event kind and channel, realtime, daily_digest or off. No row: the default for the user''s role (brain.notification_default_delivery). Written by public.save_notification_preferences.';
comment on column public.notification_preferences.account_id is 'Owning account.';
comment on column public.notification_preferences.user_id is 'The member it belongs to.';
comment on column public.notification_preferences.event_kind is 'positive_reply (a reply tagged Interested or Follow Up), meeting_requested (tagged Meeting Requested), booked (a meeting was booked), draft_needs_review (an AI draft waits for a person), integration_failing (a provider refuses the account''s credentials or configuration).';
comment on column public.notification_preferences.channel is 'in_app (the console bell), slack (a DM from the account''s Slack bot) or email (through the account''s email provider).';
comment on column public.notification_preferences.delivery is 'realtime (as it happens), daily_digest (in the day''s digest at the user''s digest time; not for in_app) or off.';
comment on column public.notification_preferences.created_at is 'When it was first saved.';
comment on column public.notification_preferences.updated_at is 'When it last changed.';
create index notification_preferences_user_idx on public.notification_preferences (user_id);

-- When and where a user's digest goes, and who they are on Slack.
create table public.notification_user_settings (
  account_id uuid not null,
  user_id uuid not null,
  digest_time time not null default '09:00'
    constraint notification_user_settings_digest_time_check check (pg_catalog.date_part('second', digest_time) = 0),
  time_zone public.time_zone,
  slack_member_id text constraint notification_user_settings_slack_member_id_check check (slack_member_id ~ '^[UW][A-Z0-9]{6,24}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_user_settings_pkey primary key (account_id, user_id),
  constraint notification_user_settings_member_fkey foreign key (account_id, user_id)
    references public.account_members (account_id, user_id) on delete cascade
);
comment on table public.notification_user_settings is 'A user''s digest time and time zone, and their Slack member id. No row: digest at 09:00 in the account''s time zone (org_settings.timezone), Slack found by the user''s email.';
comment on column public.notification_user_settings.account_id is 'Owning account.';
comment on column public.notification_user_settings.user_id is 'The member.';
comment on column public.notification_user_settings.digest_time is 'Local time of day of the daily digest (whole minutes; default 09:00); it goes out within ±12 minutes of it.';
comment on column public.notification_user_settings.time_zone is 'The IANA zone the digest time is in; null: the account''s (org_settings.timezone).';
comment on column public.notification_user_settings.slack_member_id is 'The user''s Slack member id (U… or W…); null: looked up by their email (users.lookupByEmail).';
comment on column public.notification_user_settings.created_at is 'When it was first saved.';
comment on column public.notification_user_settings.updated_at is 'When it last changed.';

-- Things worth telling someone about, each recorded once.
create table public.notification_events (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  kind text not null constraint notification_events_kind_check
    check (kind in ('positive_reply', 'meeting_requested', 'booked', 'draft_needs_review', 'integration_failing')),
  lead_id uuid,
  subject_id uuid,
  occurred_at timestamptz not null,
  payload jsonb not null default '{}' constraint notification_events_payload_check check (pg_catalog.jsonb_typeof(payload) = 'object'),
  dedupe_key text not null constraint notification_events_dedupe_key_check check (pg_catalog.length(dedupe_key) between 1 and 300),
  created_at timestamptz not null default now(),
  constraint notification_events_pkey primary key (id, account_id),
  constraint notification_events_dedupe_key_key unique (account_id, dedupe_key),
  constraint notification_events_lead_fkey foreign key (lead_id, account_id)
    references public.leads (id, account_id) on delete cascade
);
comment on table public.notification_events is 'The notification event stream (seed 003 §13): one row per thing worth telling someone, raised by triggers on inbound_messages (positive_reply, meeting_requested), appointments (booked), ai_drafts (draft_needs_review) and by brain.record_integration_health (integration_failing). Never a message body. Unique dedupe_key per account: the same event twice is one event.';
comment on column public.notification_events.id is 'Event id.';
comment on column public.notification_events.account_id is 'Owning account.';
comment on column public.notification_events.kind is 'positive_reply, meeting_requested, booked, draft_needs_review or integration_failing.';
comment on column public.notification_events.lead_id is 'The lead it is about (null for integration_failing).';
comment on column public.notification_events.subject_id is 'The row it is about: the inbound message, the appointment or the AI draft (null for integration_failing).';
comment on column public.notification_events.occurred_at is 'When it happened (the reply''s tagging, the booking, the draft, the failure).';
comment on column public.notification_events.payload is 'What the notification says besides the lead: tag and channel, the meeting''s start and zone, the integration and its error code. Never a message body.';
comment on column public.notification_events.dedupe_key is 'Unique per account: positive_reply:<inbound message>, meeting_requested:<inbound message>, booked:<appointment>, draft_needs_review:<draft>, integration_failing:<integration>:<the account''s local date>.';
comment on column public.notification_events.created_at is 'When it was recorded; a digest covers the events recorded since the previous one.';
create index notification_events_account_created_idx on public.notification_events (account_id, created_at);

-- The ledger: every notification a user gets, once.
create table public.notification_deliveries (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  user_id uuid not null,
  event_id uuid,
  kind text not null constraint notification_deliveries_kind_check check (kind in ('realtime', 'digest')),
  channel text not null constraint notification_deliveries_channel_check check (channel in ('in_app', 'slack', 'email')),
  dedupe_key text not null constraint notification_deliveries_dedupe_key_check check (pg_catalog.length(dedupe_key) between 1 and 300),
  status text not null default 'pending'
    constraint notification_deliveries_status_check check (status in ('pending', 'sent', 'failed', 'skipped')),
  attempts integer not null default 0 constraint notification_deliveries_attempts_check check (attempts between 0 and 100),
  error text constraint notification_deliveries_error_check check (pg_catalog.length(error) between 1 and 300),
  claimed_at timestamptz,
  sent_at timestamptz,
  read_at timestamptz,
  digest_date date,
  digest_event_ids uuid[],
  digest_window_start timestamptz,
  digest_window_end timestamptz,
  provider_ref text constraint notification_deliveries_provider_ref_check check (pg_catalog.length(provider_ref) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint notification_deliveries_pkey primary key (id, account_id),
  constraint notification_deliveries_dedupe_key_key unique (account_id, dedupe_key),
  constraint notification_deliveries_event_fkey foreign key (event_id, account_id)
    references public.notification_events (id, account_id) on delete cascade,
  constraint notification_deliveries_member_fkey foreign key (account_id, user_id)
    references public.account_members (account_id, user_id) on delete cascade,
  constraint notification_deliveries_realtime_check check ((kind = 'realtime') = (event_id is not null)),
  constraint notification_deliveries_digest_check
    check ((kind = 'digest') = (digest_date is not null) and (kind = 'digest') = (digest_window_end is not null)),
  constraint notification_deliveries_in_app_check check (channel <> 'in_app' or kind = 'realtime'),
  constraint notification_deliveries_sent_check check ((status = 'sent') = (sent_at is not null))
);
comment on table public.notification_deliveries is 'The notification ledger (seed 003 §13): one row per notification a user gets on one channel, realtime (one event) or digest (a day''s events). Unique dedupe_key per account. A worker claims a row (claimed_at, attempts) before calling Slack or the email provider and records the outcome after (brain.claim_notification_deliveries, brain.record_notification_delivery), so a retry or a second worker never notifies twice; a claim whose outcome never came back is failed as outcome_unknown, never sent again. in_app rows are the bell''s notifications: sent when made, read_at when the user marks them read.';
comment on column public.notification_deliveries.id is 'Delivery id.';
comment on column public.notification_deliveries.account_id is 'Owning account.';
comment on column public.notification_deliveries.user_id is 'Who is notified.';
comment on column public.notification_deliveries.event_id is 'The event (realtime deliveries).';
comment on column public.notification_deliveries.kind is 'realtime (one event, as it happens) or digest (the day''s digest).';
comment on column public.notification_deliveries.channel is 'in_app, slack or email.';
comment on column public.notification_deliveries.dedupe_key is 'Unique per account: rt:<event>:<user>:<channel>, or digest:<user>:<local date>:<channel>.';
comment on column public.notification_deliveries.status is 'pending (waiting for, or held by, a worker), sent, failed (the provider refused, nothing to send it with, or the outcome was lost) or skipped (nothing to send: an empty digest, no Slack member).';
comment on column public.notification_deliveries.attempts is 'How many times a worker claimed it.';
comment on column public.notification_deliveries.error is 'Why it failed or was skipped (the provider''s error code; never a token).';
comment on column public.notification_deliveries.claimed_at is 'When a worker took it (null: free to take).';
comment on column public.notification_deliveries.sent_at is 'When it was sent (in_app: when it was made).';
comment on column public.notification_deliveries.read_at is 'in_app: when the user marked it read.';
comment on column public.notification_deliveries.digest_date is 'Digest: the user''s local date it is for.';
comment on column public.notification_deliveries.digest_event_ids is 'Digest: the events it lists, each once.';
comment on column public.notification_deliveries.digest_window_start is 'Digest: it lists events recorded after this (the previous digest''s end, or 24 hours before).';
comment on column public.notification_deliveries.digest_window_end is 'Digest: … and up to this (when it was made).';
comment on column public.notification_deliveries.provider_ref is 'Slack: channel:ts of the message; email: the provider''s message id.';
comment on column public.notification_deliveries.created_at is 'When it was made.';
comment on column public.notification_deliveries.updated_at is 'When it last changed.';
create index notification_deliveries_event_idx on public.notification_deliveries (event_id) where event_id is not null;
create index notification_deliveries_bell_idx on public.notification_deliveries (account_id, user_id, created_at desc)
  where channel = 'in_app';
-- Claims a worker took and never recorded (its outcome is unknown).
create index notification_deliveries_pending_idx on public.notification_deliveries (claimed_at) where status = 'pending';
create index notification_deliveries_digest_idx on public.notification_deliveries (account_id, user_id, channel, digest_window_end desc)
  where kind = 'digest';

-- Is each integration working for the account? Failing on an auth or configuration error,
-- ok again on the next success; an alert goes out at most once a day per failing one.
create table public.integration_health (
  account_id uuid not null references public.accounts (id) on delete cascade,
  integration text not null constraint integration_health_integration_check
    check (integration in ('twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly')),
  status text not null default 'ok' constraint integration_health_status_check check (status in ('ok', 'failing')),
  failing_since timestamptz,
  last_error_code text constraint integration_health_last_error_code_check check (pg_catalog.length(last_error_code) between 1 and 100),
  last_error_at timestamptz,
  last_ok_at timestamptz,
  last_alerted_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint integration_health_pkey primary key (account_id, integration),
  constraint integration_health_failing_check check ((status = 'failing') = (failing_since is not null))
);
-- The dispatch outcome path asks "is anything failing?" on every batch.
create index integration_health_failing_idx on public.integration_health (account_id) where status = 'failing';
comment on table public.integration_health is 'Per account and integration (twilio, telnyx, elastic_email, openai, slack, calendly): failing since a provider refused the account''s credentials or configuration, ok again on the next success (brain.record_integration_health). A failing integration raises an integration_failing notification at most once a day (the account''s local date).';
comment on column public.integration_health.account_id is 'Owning account.';
comment on column public.integration_health.integration is 'twilio, telnyx, elastic_email, openai, slack or calendly.';
comment on column public.integration_health.status is 'ok or failing.';
comment on column public.integration_health.failing_since is 'When it started failing (null while ok).';
comment on column public.integration_health.last_error_code is 'The latest auth or configuration error code (e.g. http_401, invalid_auth, missing_twilio_env).';
comment on column public.integration_health.last_error_at is 'When that error was seen.';
comment on column public.integration_health.last_ok_at is 'When a call last succeeded after a failure.';
comment on column public.integration_health.last_alerted_on is 'The account''s local date of the latest integration_failing event.';
comment on column public.integration_health.created_at is 'When it was first recorded.';
comment on column public.integration_health.updated_at is 'When it last changed.';

do $$
declare
  t text;
begin
  foreach t in array array['notification_preferences', 'notification_user_settings', 'notification_events',
                           'notification_deliveries', 'integration_health'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
      with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_analyst, revenue_api', t);
  end loop;
end
$$;
-- The API writes through definer functions (save preferences, mark read); the worker
-- records claims and outcomes through brain functions and reads what it sends.
grant select, update on public.notification_deliveries to revenue_worker;
grant select on public.notification_events, public.notification_preferences, public.notification_user_settings,
  public.integration_health to revenue_worker;

-- migrate:down

drop table public.integration_health;
drop table public.notification_deliveries;
drop table public.notification_events;
drop table public.notification_user_settings;
drop table public.notification_preferences;
