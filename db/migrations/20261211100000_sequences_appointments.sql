-- migrate:up

-- Issue 18, the shared ground of follow-up sequences (seed 003 §11) and booking (§12):
-- the tables both sides and the analytics views read. The logic lives in sql/.

-- A meeting on the calendar stops outreach: appointment_booked sits between the call
-- queue and closed. A cancelled or missed meeting hands the lead back to high_intent.
insert into public.lead_states (state, position, is_terminal, description) values
  ('appointment_booked', 65, false, 'A meeting is on the calendar; outreach is stopped until it is cancelled or missed.');
insert into public.lead_state_transitions (from_state, to_state, description)
select s.state, 'appointment_booked', 'forward progress along the funnel'
from public.lead_states s
where s.state in ('new', 'touched', 'responded', 'email_captured', 'high_intent', 'in_call_queue', 'dead');
insert into public.lead_state_transitions (from_state, to_state, description) values
  ('appointment_booked', 'closed', 'the meeting took place and the deal closed'),
  ('appointment_booked', 'high_intent', 'the meeting was cancelled or missed: the lead is still interested'),
  ('appointment_booked', 'suppressed', 'suppression is allowed from every state');

-- Sequences: an ordered list of steps, started by an event or by hand.
create table public.sequences (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  name text not null constraint sequences_name_check check (pg_catalog.length(pg_catalog.btrim(name)) between 1 and 200),
  trigger_on text not null
    constraint sequences_trigger_on_check check (trigger_on in ('meeting_requested', 'no_response', 'booking_reminder', 'manual')),
  no_response_days integer
    constraint sequences_no_response_days_check check (no_response_days between 1 and 90),
  is_active boolean not null default false,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sequences_pkey primary key (id, account_id),
  constraint sequences_name_key unique (account_id, name),
  constraint sequences_no_response_check check ((trigger_on = 'no_response') = (no_response_days is not null)),
  constraint sequences_archived_not_active_check check (archived_at is null or not is_active)
);
comment on table public.sequences is 'Follow-up sequences (seed 003 §11): an ordered list of steps that a trigger (or a person) starts for one lead.';
comment on column public.sequences.id is 'Sequence id.';
comment on column public.sequences.account_id is 'Owning account.';
comment on column public.sequences.name is 'Name shown to operators; unique in the account.';
comment on column public.sequences.trigger_on is 'What starts it: meeting_requested (a reply tagged Meeting Requested), no_response (no reply no_response_days after the last touch), booking_reminder (a booked meeting: the steps run before it), manual (a person).';
comment on column public.sequences.no_response_days is 'For no_response sequences: days without a reply after the lead''s last outbound touch.';
comment on column public.sequences.is_active is 'Only active sequences start; at most one active sequence per trigger other than manual.';
comment on column public.sequences.archived_at is 'When it was archived (never active again).';
comment on column public.sequences.created_at is 'When it was created.';
comment on column public.sequences.updated_at is 'When it last changed.';
create unique index sequences_one_active_trigger_idx on public.sequences (account_id, trigger_on)
  where is_active and trigger_on <> 'manual';

create table public.sequence_steps (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  sequence_id uuid not null,
  step_order integer not null constraint sequence_steps_step_order_check check (step_order between 1 and 30),
  channel public.channel not null constraint sequence_steps_channel_check check (channel in ('sms', 'whatsapp', 'email')),
  delay_amount integer not null default 0 constraint sequence_steps_delay_amount_check check (delay_amount between 0 and 2160),
  delay_unit text not null default 'days'
    constraint sequence_steps_delay_unit_check check (delay_unit in ('business_hours', 'days', 'hours_before_meeting')),
  subject text constraint sequence_steps_subject_check check (pg_catalog.length(pg_catalog.btrim(subject)) between 1 and 998),
  body text not null constraint sequence_steps_body_check check (pg_catalog.length(pg_catalog.btrim(body)) between 1 and 1600),
  requires_approval boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sequence_steps_pkey primary key (id, account_id),
  constraint sequence_steps_order_key unique (account_id, sequence_id, step_order),
  constraint sequence_steps_sequence_fkey foreign key (sequence_id, account_id)
    references public.sequences (id, account_id) on delete cascade,
  constraint sequence_steps_subject_email_check check (channel <> 'email' or subject is not null)
);
comment on table public.sequence_steps is 'The ordered steps of a sequence: channel, delay and template.';
comment on column public.sequence_steps.id is 'Step id.';
comment on column public.sequence_steps.account_id is 'Owning account.';
comment on column public.sequence_steps.sequence_id is 'The sequence.';
comment on column public.sequence_steps.step_order is 'Position in the sequence, from 1.';
comment on column public.sequence_steps.channel is 'sms, whatsapp or email.';
comment on column public.sequence_steps.delay_amount is 'How long after the previous step (or the start) this step is due, in delay_unit; for hours_before_meeting, how many hours before the meeting.';
comment on column public.sequence_steps.delay_unit is 'business_hours (counted inside the account''s send window, Monday to Friday), days (calendar days), or hours_before_meeting (booking_reminder sequences only).';
comment on column public.sequence_steps.subject is 'Email subject template (required for email).';
comment on column public.sequence_steps.body is 'Message template; strict variables ({{first_name}}, {{booking_link}}, {{availability}}, ...): a missing value holds the step, it never sends a blank.';
comment on column public.sequence_steps.requires_approval is 'True: the step becomes a draft for a person to approve instead of a send.';
comment on column public.sequence_steps.created_at is 'When it was created.';
comment on column public.sequence_steps.updated_at is 'When it last changed.';

-- One lead's run of one sequence.
create table public.sequence_enrollments (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  sequence_id uuid not null,
  status text not null default 'active'
    constraint sequence_enrollments_status_check check (status in ('active', 'paused', 'completed', 'canceled')),
  current_step integer not null default 1 constraint sequence_enrollments_current_step_check check (current_step between 1 and 31),
  next_step_at timestamptz,
  trigger text not null constraint sequence_enrollments_trigger_check check (pg_catalog.length(trigger) between 1 and 60),
  started_by text not null constraint sequence_enrollments_started_by_check check (pg_catalog.length(started_by) between 1 and 200),
  anchor_at timestamptz not null,
  appointment_id uuid,
  paused_reason text constraint sequence_enrollments_paused_reason_check check (pg_catalog.length(paused_reason) between 1 and 300),
  paused_at timestamptz,
  last_step_at timestamptz,
  ended_reason text constraint sequence_enrollments_ended_reason_check check (pg_catalog.length(ended_reason) between 1 and 300),
  ended_at timestamptz,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sequence_enrollments_pkey primary key (id, account_id),
  constraint sequence_enrollments_lead_fkey foreign key (lead_id, account_id)
    references public.leads (id, account_id) on delete cascade,
  constraint sequence_enrollments_sequence_fkey foreign key (sequence_id, account_id)
    references public.sequences (id, account_id) on delete cascade,
  constraint sequence_enrollments_paused_check check ((status = 'paused') = (paused_at is not null) and (status = 'paused') = (paused_reason is not null)),
  constraint sequence_enrollments_ended_check check ((status in ('completed', 'canceled')) = (ended_at is not null))
);
comment on table public.sequence_enrollments is 'One lead''s run of one sequence: where it is, when its next step is due, and why it is paused or ended.';
comment on column public.sequence_enrollments.id is 'Enrollment id (touch_runs.sequence_enrollment_id).';
comment on column public.sequence_enrollments.account_id is 'Owning account.';
comment on column public.sequence_enrollments.lead_id is 'The lead.';
comment on column public.sequence_enrollments.sequence_id is 'The sequence.';
comment on column public.sequence_enrollments.status is 'active (steps run when due), paused (waits for a person or the next outbound touch), completed (every step ran), canceled.';
comment on column public.sequence_enrollments.current_step is 'The step_order of the next step to run.';
comment on column public.sequence_enrollments.next_step_at is 'When the next step is due (null when none is).';
comment on column public.sequence_enrollments.trigger is 'What started it: meeting_requested, no_response, booking_reminder, manual.';
comment on column public.sequence_enrollments.started_by is 'Who started it: system:<trigger> or user:<email>.';
comment on column public.sequence_enrollments.anchor_at is 'The time the step delays count from: the start, or the meeting for booking_reminder.';
comment on column public.sequence_enrollments.appointment_id is 'For booking_reminder runs: the appointment.';
comment on column public.sequence_enrollments.paused_reason is 'Why it is paused: lead_replied, appointment_booked, suppressed, snoozed, manual, missing_lead_data: first_name, ...';
comment on column public.sequence_enrollments.paused_at is 'When it was paused.';
comment on column public.sequence_enrollments.last_step_at is 'When its latest step was queued.';
comment on column public.sequence_enrollments.ended_reason is 'Why it ended: completed, canceled by a person, appointment_canceled, ...';
comment on column public.sequence_enrollments.ended_at is 'When it completed or was canceled.';
comment on column public.sequence_enrollments.started_at is 'When it started.';
comment on column public.sequence_enrollments.updated_at is 'When it last changed.';
create unique index sequence_enrollments_running_key on public.sequence_enrollments (account_id, lead_id, sequence_id)
  where status in ('active', 'paused');
create index sequence_enrollments_due_idx on public.sequence_enrollments (next_step_at) where status = 'active';
create index sequence_enrollments_lead_idx on public.sequence_enrollments (lead_id) where status in ('active', 'paused');
create index sequence_enrollments_sequence_idx on public.sequence_enrollments (account_id, sequence_id, started_at);

-- Every step a sequence sends is a touch_run, so consent, send windows and send_key apply.
alter table public.touch_runs
  add column sequence_enrollment_id uuid,
  add column sequence_step integer constraint touch_runs_sequence_step_check check (sequence_step between 1 and 30),
  add constraint touch_runs_sequence_enrollment_fkey foreign key (sequence_enrollment_id, account_id)
    references public.sequence_enrollments (id, account_id) on delete set null (sequence_enrollment_id),
  add constraint touch_runs_sequence_step_pair_check check ((sequence_enrollment_id is null) or (sequence_step is not null));
comment on column public.touch_runs.sequence_enrollment_id is 'The sequence run this touch is a step of (null for campaign, operator and AI touches).';
comment on column public.touch_runs.sequence_step is 'The sequence step_order this touch sends.';
create index touch_runs_sequence_enrollment_idx on public.touch_runs (sequence_enrollment_id, sequence_step)
  where sequence_enrollment_id is not null;

alter table public.leads
  add column auto_followups_enabled boolean not null default true,
  add column followups_snoozed_until timestamptz;
comment on column public.leads.auto_followups_enabled is 'The lead''s "auto follow-ups" switch: off, no sequence step runs for it.';
comment on column public.leads.followups_snoozed_until is 'Snooze: no sequence step runs for the lead before this time.';

-- Meetings. One row per booking; the lead page and the Appointments page read it.
create table public.appointments (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  status text not null default 'booked'
    constraint appointments_status_check check (status in ('booked', 'canceled', 'no_show', 'completed')),
  start_at timestamptz not null,
  end_at timestamptz not null,
  time_zone public.time_zone not null,
  provider text not null constraint appointments_provider_check check (provider in ('calendly', 'webhook', 'manual')),
  source text not null constraint appointments_source_check check (source in ('auto_booking', 'setter', 'webhook')),
  provider_event_uri text constraint appointments_provider_event_uri_check check (pg_catalog.length(provider_event_uri) between 1 and 300),
  provider_invitee_uri text constraint appointments_provider_invitee_uri_check check (pg_catalog.length(provider_invitee_uri) between 1 and 300),
  inbound_message_id uuid,
  booked_by text constraint appointments_booked_by_check check (pg_catalog.length(booked_by) between 1 and 200),
  cancel_reason text constraint appointments_cancel_reason_check check (pg_catalog.length(cancel_reason) between 1 and 300),
  canceled_at timestamptz,
  no_show_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint appointments_pkey primary key (id, account_id),
  constraint appointments_lead_fkey foreign key (lead_id, account_id) references public.leads (id, account_id) on delete cascade,
  constraint appointments_inbound_message_fkey foreign key (inbound_message_id, account_id)
    references public.inbound_messages (id, account_id) on delete set null (inbound_message_id),
  constraint appointments_duration_check check (end_at > start_at and end_at <= start_at + interval '8 hours'),
  constraint appointments_canceled_check check ((status = 'canceled') = (canceled_at is not null)),
  constraint appointments_no_show_check check ((status = 'no_show') = (no_show_at is not null))
);
comment on table public.appointments is 'Booked meetings (seed 003 §12): from auto-booking, a setter, or the booking webhook. A lead has at most one booked meeting per start time.';
comment on column public.appointments.id is 'Appointment id.';
comment on column public.appointments.account_id is 'Owning account.';
comment on column public.appointments.lead_id is 'The lead.';
comment on column public.appointments.status is 'booked, canceled, no_show or completed.';
comment on column public.appointments.start_at is 'When the meeting starts.';
comment on column public.appointments.end_at is 'When it ends (30 minutes after start for auto-booked meetings).';
comment on column public.appointments.time_zone is 'The lead''s time zone when it was booked; times shown to the lead are stated in it.';
comment on column public.appointments.provider is 'calendly (booked through Calendly''s API), webhook (a booking provider told us), manual.';
comment on column public.appointments.source is 'Who booked: auto_booking (a reply accepted an offered slot), setter, or webhook (the lead booked on the link).';
comment on column public.appointments.provider_event_uri is 'The provider''s scheduled event URI.';
comment on column public.appointments.provider_invitee_uri is 'The provider''s invitee URI (unique per account).';
comment on column public.appointments.inbound_message_id is 'The reply that accepted the slot (auto_booking).';
comment on column public.appointments.booked_by is 'system:auto_booking, user:<email>, or webhook:<provider>.';
comment on column public.appointments.cancel_reason is 'Why it was cancelled.';
comment on column public.appointments.canceled_at is 'When it was cancelled.';
comment on column public.appointments.no_show_at is 'When it was marked a no-show.';
comment on column public.appointments.created_at is 'When it was recorded.';
comment on column public.appointments.updated_at is 'When it last changed.';
create unique index appointments_lead_slot_key on public.appointments (account_id, lead_id, start_at) where status = 'booked';
create unique index appointments_invitee_key on public.appointments (account_id, provider_invitee_uri) where provider_invitee_uri is not null;
create index appointments_account_start_idx on public.appointments (account_id, start_at);
create index appointments_lead_idx on public.appointments (lead_id, start_at desc);

alter table public.sequence_enrollments
  add constraint sequence_enrollments_appointment_fkey foreign key (appointment_id, account_id)
    references public.appointments (id, account_id) on delete set null (appointment_id);

-- Booking settings (Settings -> Booking). The Calendly token is a sealed credential
-- (account_provider_credentials, provider calendly).
alter table public.org_settings
  add column booking_provider text not null default 'none'
    constraint org_settings_booking_provider_check check (booking_provider in ('none', 'calendly')),
  add column booking_link text
    constraint org_settings_booking_link_check check (booking_link ~ '^https?://[^\s]{3,300}$'),
  add column calendly_event_type_uri text
    constraint org_settings_calendly_event_type_uri_check check (calendly_event_type_uri ~ '^https?://[^\s]{3,300}$'),
  add column auto_book_enabled boolean not null default false;
comment on column public.org_settings.booking_provider is 'Where meetings are booked: none, or calendly (Calendly API v2 with the account''s token).';
comment on column public.org_settings.booking_link is 'The public booking link {{booking_link}} renders to.';
comment on column public.org_settings.calendly_event_type_uri is 'The Calendly event type (30 minutes) whose availability is offered and booked.';
comment on column public.org_settings.auto_book_enabled is 'True: a reply that accepts an offered slot with confidence 0.9 or more books it.';

-- Row-level security, as for every tenant table.
do $$
declare
  t text;
begin
  foreach t in array array['sequences', 'sequence_steps', 'sequence_enrollments', 'appointments'] loop
    execute pg_catalog.format('alter table public.%I enable row level security', t);
    execute pg_catalog.format($p$create policy %I on public.%I to revenue_api
      using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
      with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)$p$, t || '_api_tenant', t);
    execute pg_catalog.format($p$create policy %I on public.%I for select to revenue_analyst
      using (account_id = (select private.analyst_account_id()))$p$, t || '_analyst_tenant', t);
    execute pg_catalog.format('create policy %I on public.%I to revenue_worker using (true) with check (true)', t || '_worker_all', t);
    execute pg_catalog.format('grant select on public.%I to revenue_analyst', t);
    execute pg_catalog.format('grant select, insert, update on public.%I to revenue_worker', t);
  end loop;
end
$$;
-- The API changes sequences through definer functions in sql/; it reads them directly.
grant select on public.sequences, public.sequence_steps, public.sequence_enrollments, public.appointments to revenue_api;

-- migrate:down
