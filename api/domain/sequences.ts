/**
 * Follow-up sequences (issue 18): the Sequences page and the lead page's Follow-ups.
 * Each operation is one SQL call (public.save_sequence, set_sequence_active,
 * archive_sequence, approve/reject_sequence_draft, start_sequence_for_lead,
 * resume/cancel_sequence_enrollment, snooze_lead_followups, set_lead_auto_followups),
 * run in the caller's transaction; validation (strict template variables included)
 * and the audit trail are the SQL functions'.
 */
import type { TransactionSql } from '../../db/client.ts';
import { at, atOrNull, type Wire } from './wire.ts';

export type SequenceTrigger = 'meeting_requested' | 'no_response' | 'booking_reminder' | 'manual';
export type DelayUnit = 'business_hours' | 'days' | 'hours_before_meeting';

export interface SequenceStep {
  step_order: number;
  channel: 'sms' | 'whatsapp' | 'email';
  delay_amount: number;
  delay_unit: DelayUnit;
  subject: string | null;
  body: string;
  requires_approval: boolean;
}

export interface SequenceRow {
  id: string;
  name: string;
  trigger_on: SequenceTrigger;
  no_response_days: number | null;
  is_active: boolean;
  archived_at: Date | null;
  updated_at: Date;
  running: number;
  paused: number;
  completed: number;
  canceled: number;
  steps: SequenceStep[];
}

export interface SequenceDraft {
  id: string;
  lead_id: string;
  lead_name: string;
  sequence_name: string;
  step_order: number;
  channel: string;
  subject: string | null;
  body: string;
  created_at: Date;
}

export interface SequencesPageData {
  sequences: SequenceRow[];
  drafts: SequenceDraft[];
  variables: string[];
}

/** The Sequences page (public.sequences_page): every sequence with its run counts and steps, pending drafts, the variables. */
export async function loadSequencesPage(tx: TransactionSql): Promise<SequencesPageData> {
  const [r] = await tx<{ page: Wire<SequencesPageData> }[]>`select public.sequences_page() as page`;
  const p = r!.page;
  return {
    sequences: p.sequences.map((s) => ({ ...s, archived_at: atOrNull(s.archived_at), updated_at: at(s.updated_at) })),
    drafts: p.drafts.map((d) => ({ ...d, created_at: at(d.created_at) })),
    variables: p.variables,
  };
}

export interface SequenceFields {
  name?: string;
  trigger_on?: SequenceTrigger | string;
  no_response_days?: number | null;
  steps?: Omit<SequenceStep, 'step_order'>[];
}

/** Creates (id null) or saves a sequence and its whole step list (public.save_sequence). */
export async function saveSequence(tx: TransactionSql, id: string | null, fields: SequenceFields, actor: string): Promise<{ sequence_id: string; created: boolean; steps: number }> {
  const [r] = await tx<{ r: { sequence_id: string; created: boolean; steps: number } }[]>`
    select public.save_sequence(${id}::uuid, ${tx.json(fields as never)}::jsonb, ${actor}) as r`;
  return r!.r;
}

/** Switches a sequence on or off (public.set_sequence_active: on re-checks every step). */
export async function setSequenceActive(tx: TransactionSql, id: string, active: boolean, actor: string): Promise<{ is_active: boolean; changed: boolean }> {
  const [r] = await tx<{ r: { is_active: boolean; changed: boolean } }[]>`select public.set_sequence_active(${id}::uuid, ${active}, ${actor}) as r`;
  return r!.r;
}

/** Archives a sequence (public.archive_sequence): its running runs are canceled. */
export async function archiveSequence(tx: TransactionSql, id: string, actor: string): Promise<{ outcome: string; enrollments_canceled?: number }> {
  const [r] = await tx<{ r: { outcome: string; enrollments_canceled?: number } }[]>`select public.archive_sequence(${id}::uuid, ${actor}) as r`;
  return r!.r;
}

/** A person approves a step that requires approval (public.approve_sequence_draft): its touch is queued. */
export async function approveSequenceDraft(tx: TransactionSql, id: string, actor: string): Promise<{ outcome: string; touch_run_id?: string }> {
  const [r] = await tx<{ r: { outcome: string; touch_run_id?: string } }[]>`select public.approve_sequence_draft(${id}::uuid, ${actor}) as r`;
  return r!.r;
}

/** A person rejects it (public.reject_sequence_draft): the step is skipped. */
export async function rejectSequenceDraft(tx: TransactionSql, id: string, actor: string): Promise<{ outcome: string }> {
  const [r] = await tx<{ r: { outcome: string } }[]>`select public.reject_sequence_draft(${id}::uuid, ${actor}) as r`;
  return r!.r;
}

/** A lead's follow-ups as the lead page shows them (public.lead_page's followups). */
export interface LeadFollowups {
  auto_followups_enabled: boolean;
  snoozed_until: Date | null;
  runs: {
    enrollment_id: string; sequence_id: string; sequence_name: string; trigger: string; status: string; current_step: number;
    step_count: number; next_channel: string | null; next_step_at: Date | null; paused_reason: string | null;
    ended_reason: string | null; started_at: Date;
  }[];
  drafts: { id: string; enrollment_id: string; step_order: number; channel: string; subject: string | null; body: string; created_at: Date }[];
  sequences: { id: string; name: string; trigger_on: string }[];
}

/** Dates back from the lead page's JSON. */
export function followupsFromWire(f: Wire<LeadFollowups>): LeadFollowups {
  return {
    ...f,
    snoozed_until: atOrNull(f.snoozed_until),
    runs: f.runs.map((r) => ({ ...r, next_step_at: atOrNull(r.next_step_at), started_at: at(r.started_at) })),
    drafts: f.drafts.map((d) => ({ ...d, created_at: at(d.created_at) })),
  };
}

/** A person starts a sequence for a lead (public.start_sequence_for_lead). */
export async function startSequenceForLead(tx: TransactionSql, leadId: string, sequenceId: string, actor: string): Promise<{ enrollment_id: string; next_step_at: string | null }> {
  const [r] = await tx<{ r: { enrollment_id: string; next_step_at: string | null } }[]>`
    select public.start_sequence_for_lead(${leadId}::uuid, ${sequenceId}::uuid, ${actor}) as r`;
  return r!.r;
}

/** Resume (public.resume_sequence_enrollment) or cancel (public.cancel_sequence_enrollment) one run. */
export async function resumeEnrollment(tx: TransactionSql, enrollmentId: string, actor: string): Promise<{ status: string; current_step: number; next_step_at: string | null }> {
  const [r] = await tx<{ r: { status: string; current_step: number; next_step_at: string | null } }[]>`
    select public.resume_sequence_enrollment(${enrollmentId}::uuid, ${actor}) as r`;
  return r!.r;
}

export async function cancelEnrollment(tx: TransactionSql, enrollmentId: string, actor: string): Promise<{ changed: boolean }> {
  const [r] = await tx<{ r: { changed: boolean } }[]>`select public.cancel_sequence_enrollment(${enrollmentId}::uuid, ${actor}) as r`;
  return r!.r;
}

/** The lead's "auto follow-ups" switch (public.set_lead_auto_followups). */
export async function setLeadAutoFollowups(tx: TransactionSql, leadId: string, enabled: boolean, actor: string): Promise<{ changed: boolean; resumed?: number }> {
  const [r] = await tx<{ r: { changed: boolean; resumed?: number } }[]>`
    select public.set_lead_auto_followups(${leadId}::uuid, ${enabled}, ${actor}) as r`;
  return r!.r;
}

/** Snoozes the lead's follow-ups until an instant (public.snooze_lead_followups); null clears the snooze. */
export async function snoozeLeadFollowups(tx: TransactionSql, leadId: string, until: string | null, actor: string): Promise<{ followups_snoozed_until: string | null }> {
  const [r] = await tx<{ r: { followups_snoozed_until: string | null } }[]>`
    select public.snooze_lead_followups(${leadId}::uuid, ${until}::timestamptz, ${actor}) as r`;
  return r!.r;
}

/**
 * Snoozes the lead's follow-ups until the start of a calendar date in the lead's own time
 * zone (brain.lead_time_zone: its zone, else its phone's area code, else the account's), so
 * "until Dec 10" means the lead's Dec 10 at 00:00 (public.snooze_lead_followups).
 */
export async function snoozeLeadFollowupsUntilDate(tx: TransactionSql, leadId: string, date: string, actor: string): Promise<{ followups_snoozed_until: string | null }> {
  const [r] = await tx<{ r: { followups_snoozed_until: string | null } }[]>`
    select public.snooze_lead_followups(l.id, (${date}::date)::timestamp at time zone z.time_zone, ${actor}) as r
    from public.leads l
    join public.org_settings o on o.account_id = l.account_id
    cross join lateral brain.lead_time_zone(l.timezone, l.phone, o.timezone) z
    where l.id = ${leadId}::uuid`;
  if (!r) throw Object.assign(new Error('lead_not_found'), { code: 'P0002' });
  return r.r;
}

/** How many sequence step drafts wait for a person (the Inbox links them to the Sequences page). */
export async function countPendingSequenceDrafts(tx: TransactionSql): Promise<number> {
  const [r] = await tx<{ n: number }[]>`select count(*)::int as n from public.sequence_step_drafts where status = 'pending'`;
  return r?.n ?? 0;
}
