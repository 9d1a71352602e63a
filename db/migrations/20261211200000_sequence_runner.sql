-- migrate:up

-- Issue 18, follow-up sequences: what the runner needs beside the foundation's tables.

-- A step that requires approval becomes a draft for a person (seed 003 §11 requiresApproval)
-- instead of a send. ai_drafts answers an inbound message (one per message and channel);
-- a sequence step answers nothing, so its drafts live here. Approving one queues the
-- same touch the runner would have queued.
create table public.sequence_step_drafts (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null,
  lead_id uuid not null,
  enrollment_id uuid not null,
  sequence_id uuid not null,
  step_order integer not null constraint sequence_step_drafts_step_order_check check (step_order between 1 and 30),
  channel public.channel not null constraint sequence_step_drafts_channel_check check (channel in ('sms', 'whatsapp', 'email')),
  subject text constraint sequence_step_drafts_subject_check check (pg_catalog.length(pg_catalog.btrim(subject)) between 1 and 998),
  body text not null constraint sequence_step_drafts_body_check check (pg_catalog.length(pg_catalog.btrim(body)) between 1 and 1600),
  status text not null default 'pending'
    constraint sequence_step_drafts_status_check check (status in ('pending', 'approved', 'rejected')),
  touch_run_id uuid,
  decided_by text constraint sequence_step_drafts_decided_by_check check (pg_catalog.length(decided_by) between 1 and 200),
  decided_at timestamptz,
  decision_reason text constraint sequence_step_drafts_decision_reason_check check (pg_catalog.length(decision_reason) between 1 and 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sequence_step_drafts_pkey primary key (id, account_id),
  constraint sequence_step_drafts_lead_fkey foreign key (lead_id, account_id)
    references public.leads (id, account_id) on delete cascade,
  constraint sequence_step_drafts_enrollment_fkey foreign key (enrollment_id, account_id)
    references public.sequence_enrollments (id, account_id) on delete cascade,
  constraint sequence_step_drafts_sequence_fkey foreign key (sequence_id, account_id)
    references public.sequences (id, account_id) on delete cascade,
  constraint sequence_step_drafts_touch_run_fkey foreign key (touch_run_id, account_id)
    references public.touch_runs (id, account_id) on delete set null (touch_run_id),
  constraint sequence_step_drafts_decided_check check ((status = 'pending') = (decided_at is null))
);
comment on table public.sequence_step_drafts is 'A sequence step that requires approval, waiting for a person (seed 003 §11): approving it queues the step''s touch; the enrollment waits meanwhile.';
comment on column public.sequence_step_drafts.id is 'Draft id.';
comment on column public.sequence_step_drafts.account_id is 'Owning account.';
comment on column public.sequence_step_drafts.lead_id is 'The lead it would be sent to.';
comment on column public.sequence_step_drafts.enrollment_id is 'The sequence run (sequence_enrollments.id).';
comment on column public.sequence_step_drafts.sequence_id is 'The sequence.';
comment on column public.sequence_step_drafts.step_order is 'The step (sequence_steps.step_order).';
comment on column public.sequence_step_drafts.channel is 'sms, whatsapp or email.';
comment on column public.sequence_step_drafts.subject is 'Email subject template (strict variables, rendered at send time).';
comment on column public.sequence_step_drafts.body is 'Message template (strict variables, rendered at send time).';
comment on column public.sequence_step_drafts.status is 'pending (waits for a person), approved (its touch is queued), rejected.';
comment on column public.sequence_step_drafts.touch_run_id is 'The touch approving it queued.';
comment on column public.sequence_step_drafts.decided_by is 'Who approved or rejected it (user:<email>, or system).';
comment on column public.sequence_step_drafts.decided_at is 'When it was decided.';
comment on column public.sequence_step_drafts.decision_reason is 'Why it was rejected, or that it was edited.';
comment on column public.sequence_step_drafts.created_at is 'When the runner made it.';
comment on column public.sequence_step_drafts.updated_at is 'When it last changed.';
create unique index sequence_step_drafts_pending_key on public.sequence_step_drafts (account_id, enrollment_id, step_order)
  where status = 'pending';
create index sequence_step_drafts_account_pending_idx on public.sequence_step_drafts (account_id, created_at)
  where status = 'pending';

alter table public.sequence_step_drafts enable row level security;
create policy sequence_step_drafts_api_tenant on public.sequence_step_drafts to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy sequence_step_drafts_analyst_tenant on public.sequence_step_drafts for select to revenue_analyst
  using (account_id = (select private.analyst_account_id()));
create policy sequence_step_drafts_worker_all on public.sequence_step_drafts to revenue_worker using (true) with check (true);
grant select on public.sequence_step_drafts to revenue_analyst, revenue_api;
grant select, insert, update on public.sequence_step_drafts to revenue_worker;

-- One live touch per enrollment step: the runner can run twice, a step is queued once.
-- (A canceled or failed touch leaves room for the step to be queued again on resume.)
create unique index touch_runs_sequence_live_key on public.touch_runs (account_id, sequence_enrollment_id, sequence_step)
  where sequence_enrollment_id is not null and status in ('scheduled', 'queued', 'sending', 'sent', 'delivered', 'unknown');

-- The no-response starter looks for the account's touches sent a while ago.
create index touch_runs_account_sent_idx on public.touch_runs (account_id, sent_at)
  where sent_at is not null;

-- migrate:down
