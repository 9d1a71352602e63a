-- migrate:up

-- Issue 18, booking (seed 003 §12): the availability cache, the slots a message offered,
-- the booking claims that make a second provider call impossible, and the setter tasks
-- that take what is ambiguous. The logic lives in sql/ (brain.*availability*,
-- brain.match_offered_slot, brain.*booking*).

-- One row per account: the Calendly slots of its event type, fresh for 60 seconds.
create table public.availability_caches (
  account_id uuid not null references public.accounts (id) on delete cascade,
  provider text not null default 'none' constraint availability_caches_provider_check check (provider in ('none', 'calendly')),
  event_type_uri text constraint availability_caches_event_type_uri_check check (pg_catalog.length(event_type_uri) between 1 and 300),
  slot_minutes integer not null default 30 constraint availability_caches_slot_minutes_check check (slot_minutes = 30),
  slots_utc timestamptz[] not null default '{}' constraint availability_caches_slots_check check (pg_catalog.cardinality(slots_utc) <= 500),
  fetched_at timestamptz,
  expires_at timestamptz,
  last_error text constraint availability_caches_last_error_check check (pg_catalog.length(last_error) between 1 and 500),
  last_error_at timestamptz,
  failures integer not null default 0 constraint availability_caches_failures_check check (failures >= 0),
  backoff_until timestamptz,
  demanded_at timestamptz,
  refresh_started_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint availability_caches_pkey primary key (account_id)
);
comment on table public.availability_caches is 'Booking availability per account (seed 003 §12): the open 30-minute slots of the account''s Calendly event type, fresh for 60 seconds after fetched_at; after a failure the refresh backs off (24 h, 2 h after a rate limit).';
comment on column public.availability_caches.account_id is 'Owning account (one row each).';
comment on column public.availability_caches.provider is 'The booking provider the slots came from (org_settings.booking_provider at the refresh).';
comment on column public.availability_caches.event_type_uri is 'The Calendly event type the slots belong to.';
comment on column public.availability_caches.slot_minutes is 'Meeting length: always 30 minutes.';
comment on column public.availability_caches.slots_utc is 'The open slot start times, in UTC, ascending.';
comment on column public.availability_caches.fetched_at is 'When the provider last answered with slots.';
comment on column public.availability_caches.expires_at is 'fetched_at + 60 s: after it the slots are not offered until a refresh.';
comment on column public.availability_caches.last_error is 'The latest refresh failure in words (no configured provider, no token, rate limited, HTTP 500, ...); null after a success.';
comment on column public.availability_caches.last_error_at is 'When last_error happened.';
comment on column public.availability_caches.failures is 'Consecutive failed refreshes (0 after a success).';
comment on column public.availability_caches.backoff_until is 'No refresh before this time: 24 h after a failure, 2 h after a rate limit (HTTP 429).';
comment on column public.availability_caches.demanded_at is 'When a message last wanted {{availability}}: the crontab keeps accounts with recent demand fresh.';
comment on column public.availability_caches.refresh_started_at is 'When the running (or latest) refresh started.';
comment on column public.availability_caches.created_at is 'When the row was created.';
comment on column public.availability_caches.updated_at is 'When it last changed.';

-- The slots a sent message offered a lead; a reply is matched against them.
create table public.offered_slots (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  slot_start timestamptz not null,
  slot_end timestamptz not null,
  time_zone public.time_zone not null,
  label text not null constraint offered_slots_label_check check (pg_catalog.length(label) between 1 and 100),
  offer_order integer not null constraint offered_slots_offer_order_check check (offer_order between 1 and 5),
  touch_run_id uuid,
  offered_at timestamptz not null default now(),
  status text not null default 'open' constraint offered_slots_status_check check (status in ('open', 'accepted', 'superseded')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint offered_slots_pkey primary key (id, account_id),
  constraint offered_slots_lead_fkey foreign key (lead_id, account_id) references public.leads (id, account_id) on delete cascade,
  constraint offered_slots_touch_run_fkey foreign key (touch_run_id, account_id)
    references public.touch_runs (id, account_id) on delete set null (touch_run_id),
  constraint offered_slots_duration_check check (slot_end = slot_start + interval '30 minutes')
);
comment on table public.offered_slots is 'Slots a message offered a lead through {{availability}} (seed 003 §12), so a reply such as "Tuesday at 10 works" can be matched to one.';
comment on column public.offered_slots.id is 'Offered slot id.';
comment on column public.offered_slots.account_id is 'Owning account.';
comment on column public.offered_slots.lead_id is 'The lead it was offered to.';
comment on column public.offered_slots.slot_start is 'Slot start (UTC).';
comment on column public.offered_slots.slot_end is 'Slot end: 30 minutes later.';
comment on column public.offered_slots.time_zone is 'The lead''s time zone the slot was stated in.';
comment on column public.offered_slots.label is 'How the message stated it, e.g. Tue 10:00.';
comment on column public.offered_slots.offer_order is 'Its place in the offer (1 = the first one named).';
comment on column public.offered_slots.touch_run_id is 'The touch whose text offered it.';
comment on column public.offered_slots.offered_at is 'When it was offered (the touch was claimed).';
comment on column public.offered_slots.status is 'open, accepted (a reply took it), superseded (a later offer replaced it).';
comment on column public.offered_slots.created_at is 'When the row was created.';
comment on column public.offered_slots.updated_at is 'When it last changed.';
create unique index offered_slots_touch_slot_key on public.offered_slots (account_id, touch_run_id, slot_start);
create index offered_slots_lead_open_idx on public.offered_slots (lead_id, offered_at desc) where status = 'open';

-- A booking is claimed here before the provider is called: one claim per lead and slot.
create table public.booking_attempts (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  slot_start timestamptz not null,
  slot_end timestamptz not null,
  time_zone public.time_zone not null,
  offered_slot_id uuid,
  inbound_message_id uuid,
  confidence real constraint booking_attempts_confidence_check check (confidence between 0 and 1),
  status text not null default 'queued' constraint booking_attempts_status_check check (status in ('queued', 'calling', 'booked', 'failed')),
  error text constraint booking_attempts_error_check check (pg_catalog.length(error) between 1 and 500),
  appointment_id uuid,
  claimed_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint booking_attempts_pkey primary key (id, account_id),
  constraint booking_attempts_lead_fkey foreign key (lead_id, account_id) references public.leads (id, account_id) on delete cascade,
  constraint booking_attempts_inbound_message_fkey foreign key (inbound_message_id, account_id)
    references public.inbound_messages (id, account_id) on delete set null (inbound_message_id),
  constraint booking_attempts_appointment_fkey foreign key (appointment_id, account_id)
    references public.appointments (id, account_id) on delete set null (appointment_id)
);
comment on table public.booking_attempts is 'Auto-bookings (seed 003 §12): one row per lead and slot, written before the provider is called, so two workers or a replayed reply can never book the same slot twice.';
comment on column public.booking_attempts.id is 'Attempt id (the book_offered_slot job''s payload).';
comment on column public.booking_attempts.account_id is 'Owning account.';
comment on column public.booking_attempts.lead_id is 'The lead.';
comment on column public.booking_attempts.slot_start is 'The slot to book (UTC).';
comment on column public.booking_attempts.slot_end is 'Its end (30 minutes later).';
comment on column public.booking_attempts.time_zone is 'The lead''s time zone.';
comment on column public.booking_attempts.offered_slot_id is 'The offered slot the reply accepted.';
comment on column public.booking_attempts.inbound_message_id is 'The reply that accepted it.';
comment on column public.booking_attempts.confidence is 'How sure the match was (0..1).';
comment on column public.booking_attempts.status is 'queued, calling (the provider call is under way), booked, failed.';
comment on column public.booking_attempts.error is 'Why it failed, in words.';
comment on column public.booking_attempts.appointment_id is 'The appointment it made.';
comment on column public.booking_attempts.claimed_at is 'When a worker took it to call the provider.';
comment on column public.booking_attempts.finished_at is 'When it was booked or failed.';
comment on column public.booking_attempts.created_at is 'When it was queued.';
comment on column public.booking_attempts.updated_at is 'When it last changed.';
create unique index booking_attempts_lead_slot_key on public.booking_attempts (account_id, lead_id, slot_start);

-- What a person has to do because the machine would not decide.
create table public.setter_tasks (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  kind text not null constraint setter_tasks_kind_check check (kind in ('confirm_slot', 'booking_failed')),
  reason text not null constraint setter_tasks_reason_check check (pg_catalog.length(reason) between 1 and 500),
  suggested_text text constraint setter_tasks_suggested_text_check check (pg_catalog.length(suggested_text) between 1 and 1000),
  inbound_message_id uuid,
  booking_attempt_id uuid,
  status text not null default 'open' constraint setter_tasks_status_check check (status in ('open', 'done')),
  done_at timestamptz,
  done_by text constraint setter_tasks_done_by_check check (pg_catalog.length(done_by) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint setter_tasks_pkey primary key (id, account_id),
  constraint setter_tasks_lead_fkey foreign key (lead_id, account_id) references public.leads (id, account_id) on delete cascade,
  constraint setter_tasks_inbound_message_fkey foreign key (inbound_message_id, account_id)
    references public.inbound_messages (id, account_id) on delete set null (inbound_message_id),
  constraint setter_tasks_done_check check ((status = 'done') = (done_at is not null))
);
comment on table public.setter_tasks is 'Follow-up tasks for a setter (seed 003 §12, FollowUpTask): a reply about a meeting that could not be booked automatically (ambiguous time, slot gone, provider failure).';
comment on column public.setter_tasks.id is 'Task id.';
comment on column public.setter_tasks.account_id is 'Owning account.';
comment on column public.setter_tasks.lead_id is 'The lead.';
comment on column public.setter_tasks.kind is 'confirm_slot (the reply is about a time but which one is unclear) or booking_failed (the provider refused or failed).';
comment on column public.setter_tasks.reason is 'Why the machine did not book, in words.';
comment on column public.setter_tasks.suggested_text is 'A reply the setter may send.';
comment on column public.setter_tasks.inbound_message_id is 'The reply it is about.';
comment on column public.setter_tasks.booking_attempt_id is 'The failed booking attempt (booking_failed).';
comment on column public.setter_tasks.status is 'open or done.';
comment on column public.setter_tasks.done_at is 'When it was done.';
comment on column public.setter_tasks.done_by is 'Who did it (user:<email>).';
comment on column public.setter_tasks.created_at is 'When it was created.';
comment on column public.setter_tasks.updated_at is 'When it last changed.';
create unique index setter_tasks_message_kind_key on public.setter_tasks (account_id, inbound_message_id, kind)
  where inbound_message_id is not null;
create index setter_tasks_lead_idx on public.setter_tasks (lead_id, created_at desc);
create index setter_tasks_open_idx on public.setter_tasks (account_id, created_at) where status = 'open';

-- The foundation's URL checks used {3,300}, past PostgreSQL's regular-expression repetition
-- limit (255): every non-null value was refused with "invalid repetition count(s)".
alter table public.org_settings
  drop constraint org_settings_booking_link_check,
  drop constraint org_settings_calendly_event_type_uri_check,
  add constraint org_settings_booking_link_check
    check (booking_link ~ '^https?://[^\s]+$' and pg_catalog.length(booking_link) between 10 and 310),
  add constraint org_settings_calendly_event_type_uri_check
    check (calendly_event_type_uri ~ '^https?://[^\s]+$' and pg_catalog.length(calendly_event_type_uri) between 10 and 310);

alter table public.leads add column auto_book_enabled boolean not null default true;
comment on column public.leads.auto_book_enabled is 'The lead''s auto-booking switch (with org_settings.auto_book_enabled): off, an accepted slot becomes a setter task instead of a booking.';

do $$
declare
  t text;
begin
  foreach t in array array['availability_caches', 'offered_slots', 'booking_attempts', 'setter_tasks'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
      with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_analyst, revenue_api', t);
    execute pg_catalog.format('grant select, insert, update on public.%I to revenue_worker', t);
  end loop;
end
$$;

-- migrate:down
