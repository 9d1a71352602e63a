/**
 * Leads, as the console, the JSON API and Command OS use them: each operation
 * is one SQL call, run in the caller's transaction (row-level security applies).
 */
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { listCampaignNames, pickBest, type Resolved } from './campaigns.ts';
import { at, atOrNull, type Wire } from './wire.ts';
import { leadAppointmentsFromWire, type LeadAppointments } from './appointments.ts';
import { followupsFromWire, type LeadFollowups } from './sequences.ts';
import { LEAD_STATES, NEXT_ACTIONS } from './vocabulary.ts';
import { SENTIMENT_TAGS } from './inbox.ts';

export interface LeadCandidate {
  lead_id: string;
  lead_name: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  lead_state: string;
  status: string;
  match: 'id' | 'phone' | 'email' | 'external' | 'digits' | 'name';
}

/** The lead a phrase names (public.resolve_lead): id, phone as typed, email, external id, digits or name. */
export async function resolveLead(tx: TransactionSql, accountId: string, phrase: string): Promise<Resolved<LeadCandidate>> {
  const rows = await tx<LeadCandidate[]>`
    select r.lead_id, e.lead_name, e.phone, e.email, e.source, e.lead_state, e.status, r.match
    from public.resolve_lead(${accountId}::uuid, ${phrase}) r
    join public.lead_enriched e on e.lead_id = r.lead_id
    order by r.score desc, e.created_at desc`;
  return pickBest(rows);
}

// ---- console pages and JSON API (issue 14: one service layer) ------------------

/** The lead states the console filters by (public.leads.lead_state); declared once in vocabulary.ts. */
export { LEAD_STATES, NEXT_ACTIONS };

/*
 * The leads table: lead_next_action_view_v5 for one page at a time. Pages come
 * from the leads (account_id, priority_score desc, id) index with a keyset
 * cursor, so page 1 and page 20,000 cost the same on a million leads.
 */
export const PAGE_SIZE = 50;
/** Index rows one request may walk to fill a page when filters are selective. */
export const SCAN_LIMIT = 20_000;
/** Live next-action decisions one request may compute when filtering by next action. */
const DECIDE_LIMIT = 1_000;


const uuid = z.string().uuid();
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * A page cursor as `next` gives it: `<priority_score 0-100>:<lead uuid>`. Anything
 * else is refused here (the API answers 400 invalid_cursor), never cast in SQL.
 */
export const CURSOR_FIELD = 'after';
const PageCursor = z
  .string()
  .max(64)
  .refine((v) => {
    const m = /^(\d{1,3}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(v);
    return m !== null && Number(m[1]) <= 100;
  }, { message: 'invalid_cursor: not a page cursor from this list (use the next value of the previous page)' });

export const LeadFilterSchema = z.object({
  state: z.preprocess(blankToUndefined, z.enum(LEAD_STATES).optional()),
  next_action: z.preprocess(blankToUndefined, z.enum(NEXT_ACTIONS).optional()),
  source: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'sources are lower-case words').optional()),
  campaign: z.preprocess(blankToUndefined, uuid.optional()),
  setter: z.preprocess(blankToUndefined, z.union([uuid, z.literal('none')]).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  /** The tag of the lead's latest classified reply (leads.sentiment_tag). */
  tag: z.preprocess(blankToUndefined, z.enum(SENTIMENT_TAGS).optional()),
  /** pending: only leads with an AI draft waiting for a person (ai_drafts.status = 'pending'). */
  draft: z.preprocess(blankToUndefined, z.literal('pending', { message: 'draft is pending or absent' }).optional()),
  after: z.preprocess(blankToUndefined, PageCursor.optional()),
});
export type LeadFilter = z.infer<typeof LeadFilterSchema>;

export interface LeadRow {
  lead_id: string;
  lead_name: string | null;
  phone: string | null;
  email: string | null;
  source: string | null;
  city: string | null;
  status: string;
  lead_state: string;
  priority_score: number;
  next_action: string;
  next_action_at: Date | null;
  effective_channel: string | null;
  reason: string | null;
  campaign_id: string | null;
  campaign_name: string | null;
  assigned_to: string | null;
  sentiment_tag: string | null;
}

export interface LeadPage {
  rows: LeadRow[];
  /** Cursor for the next page, null at the end. */
  next: string | null;
  /** When the page is short: index rows walked to look for it (at most SCAN_LIMIT); else 0. */
  scanned: number;
  /** True when the page is short because the scan limit was reached, not the end. */
  partial: boolean;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function loadLeadPage(tx: TransactionSql, accountId: string, f: LeadFilter, scanLimit = SCAN_LIMIT): Promise<LeadPage> {
  const [afterScore, afterId] = f.after ? (f.after.split(':') as [string, string]) : [null, null];
  const q = f.q?.trim();
  const digits = q?.replace(/[^0-9]/g, '') ?? '';
  const wanted = f.next_action ? DECIDE_LIMIT : PAGE_SIZE + 1;
  // After (score, id) in "priority_score desc, id" order: a lower score, or the same score and a later id.
  const cursor = afterId
    ? tx`and priority_score <= ${Number(afterScore)}::smallint
         and (priority_score < ${Number(afterScore)}::smallint or id > ${afterId}::uuid)`
    : tx``;
  // Leads-level filters over a bounded walk of the priority index. The walk is a
  // streaming subquery: it stops as soon as the page is full.
  const matched = await tx<{ id: string; priority_score: number }[]>`
    select w.id, w.priority_score from (
      select id, priority_score, lead_state, source, assigned_user_id, first_name, last_name, email, phone, sentiment_tag
      from public.leads
      where account_id = ${accountId} ${cursor}
      order by priority_score desc, id
      limit ${scanLimit}
    ) w
    where true
      ${f.state ? tx`and w.lead_state = ${f.state}` : tx``}
      ${f.source ? tx`and w.source = ${f.source}` : tx``}
      ${f.setter === 'none' ? tx`and w.assigned_user_id is null` : f.setter ? tx`and w.assigned_user_id = ${f.setter}::uuid` : tx``}
      ${f.campaign ? tx`and exists (select 1 from public.campaign_leads cl where cl.lead_id = w.id and cl.campaign_id = ${f.campaign}::uuid)` : tx``}
      ${f.tag ? tx`and w.sentiment_tag = ${f.tag}` : tx``}
      ${f.draft ? tx`and exists (select 1 from public.ai_drafts d where d.lead_id = w.id and d.account_id = ${accountId} and d.status = 'pending')` : tx``}
      ${
        q
          ? tx`and (concat_ws(' ', w.first_name, w.last_name) ilike ${'%' + escapeLike(q) + '%'}
               or w.email::text ilike ${'%' + escapeLike(q.toLowerCase()) + '%'}
               ${digits.length >= 3 ? tx`or w.phone::text like ${'%' + digits + '%'}` : tx``})`
          : tx``
      }
    limit ${wanted}`;
  // Only a short page needs to know where the walk ended (and whether the list did).
  let lastScanned: { id: string; priority_score: number } | null = null;
  let scanned = 0;
  if (matched.length < wanted) {
    const [end] = await tx<{ id: string; priority_score: number }[]>`
      select id, priority_score from public.leads where account_id = ${accountId} ${cursor}
      order by priority_score desc, id offset ${scanLimit - 1} limit 1`;
    lastScanned = end ?? null;
    scanned = end ? scanLimit : (await tx<{ n: number }[]>`
      select count(*)::int as n from public.leads where account_id = ${accountId} ${cursor}`)[0]!.n;
  }
  const walkExhausted = lastScanned === null;
  const candidates = matched;

  let ids = matched.map((m) => m.id);
  if (f.next_action) {
    // The live decision for the candidates, in index order, 100 at a time until the page is full.
    const kept: string[] = [];
    for (let i = 0; i < ids.length && kept.length <= PAGE_SIZE; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const decided = await tx<{ lead_id: string; next_action: string }[]>`
        select lead_id, next_action from public.lead_next_action_view_v5 where lead_id = any(${chunk}::uuid[])`;
      const keep = new Set(decided.filter((d) => d.next_action === f.next_action).map((d) => d.lead_id));
      kept.push(...chunk.filter((id) => keep.has(id)));
    }
    ids = kept.slice(0, PAGE_SIZE + 1);
  }
  const hasMoreMatches = ids.length > PAGE_SIZE;
  const pageIds = ids.slice(0, PAGE_SIZE);
  const rows = pageIds.length
    ? await tx<LeadRow[]>`
        select v.lead_id, v.lead_name, l.phone::text as phone, l.email::text as email, l.source, l.city, l.status,
               v.lead_state, v.priority_score, v.next_action, v.next_action_at, v.effective_channel, v.reason, v.campaign_id,
               c.name as campaign_name, u.name as assigned_to, l.sentiment_tag
        from public.lead_next_action_view_v5 v
        join public.leads l on l.id = v.lead_id
        left join public.campaigns c on c.id = v.campaign_id
        left join public.account_people() u on u.user_id = l.assigned_user_id
        where v.lead_id = any(${pageIds}::uuid[])`
    : [];
  const order = new Map(pageIds.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.lead_id)! - order.get(b.lead_id)!);

  // Where the next page starts: after the last lead shown when more matches are
  // known; else after the last lead examined when the decision budget or the
  // walk stopped early; else nowhere (the end).
  let next: string | null = null;
  let partial = false;
  const keyOf = (id: string) => {
    const c = candidates.find((x) => x.id === id)!;
    return `${c.priority_score}:${c.id}`;
  };
  if (hasMoreMatches) next = keyOf(pageIds[pageIds.length - 1]!);
  else if (f.next_action && matched.length >= wanted) {
    // The decision budget ran out before the page filled: continue after the last candidate.
    next = keyOf(matched[matched.length - 1]!.id);
    partial = true;
  } else if (!walkExhausted && lastScanned) {
    // The walk stopped at its budget before the page filled: continue after it.
    next = `${lastScanned.priority_score}:${lastScanned.id}`;
    partial = true;
  }
  return { rows, next, scanned, partial };
}

export interface LeadFilterOptions {
  campaigns: { id: string; name: string }[];
  setters: { id: string; name: string }[];
  sources: string[];
  nextActions: string[];
}

export async function loadLeadFilterOptions(tx: TransactionSql): Promise<LeadFilterOptions> {
  const campaigns = await listCampaignNames(tx);
  const setters = await listSetters(tx);
  const sources = (await tx<{ source: string }[]>`
    select distinct source from public.leads where source is not null order by 1 limit 50`).map((r) => r.source);
  return { campaigns, setters, sources, nextActions: [...NEXT_ACTIONS] };
}

export interface LeadDetail {
  lead: {
    id: string; first_name: string | null; last_name: string | null; company_name: string | null; phone: string | null;
    phone_line_type: string | null; email: string | null; alternate_emails: string[] | null; source: string | null;
    external_id: string | null; city: string | null; country: string | null; timezone: string | null; status: string;
    lead_state: string; persona: string | null; assigned_user_id: string | null; assigned_to: string | null;
    created_at: Date; first_seen_at: Date | null;
    consent_review_at: Date | null; consent_review_rule: string | null; phone_wrong_number_at: Date | null;
    /** The lead's newest AI draft waiting for a person (the message form offers it); null when none. */
    pending_draft: {
      id: string; channel: string; sentiment_tag: string; subject: string | null; body: string; confidence: number | null;
      confidence_reason: string | null; auto_send_reason: string; created_at: Date;
    } | null;
  };
  next: {
    next_action: string; next_action_at: Date | null; reason: string | null; priority_score: number; campaign_id: string | null;
    recommended_channel: string | null; effective_channel: string | null; recommended_delay_minutes: number | null;
  } | null;
  suppression: {
    is_unsubscribed: boolean; suppression_reason: string | null; suppressed_channels: string[] | null; in_negative_cooldown: boolean;
    negative_cooldown_until: Date | null; stop_event: string | null; last_touch_at: Date | null; last_inbound_at: Date | null;
    reactivation_eligible_at: Date | null;
  } | null;
  suppressions: { channel: string | null; address: string; reason: string; source: string | null; created_at: Date }[];
  attempts: { campaign_id: string | null; step: number; channel: string; attempts_done: number; last_attempt_at: Date | null }[];
  window: { time_zone: string | null; within: boolean; next_open: Date | null; start: string; end: string };
  fallback: { order?: string[]; max_attempts?: Record<string, number>; cooldown_minutes?: Record<string, number> } | null;
  enrollments: { campaign_id: string; name: string; status: string; current_step: number; next_step_at: Date | null; stop_reason: string | null }[];
  timeline: { occurred_at: Date; kind: string; event_type: string; channel: string | null; direction: string | null; summary: string | null; body: string | null }[];
  campaigns: { id: string; name: string }[];
  setters: { id: string; name: string }[];
  /** Follow-up sequences (issue 18): the lead's runs, its switch and snooze, what can be started. */
  followups: LeadFollowups;
  /** Booking (issue 18): the lead's meetings, open setter tasks and unanswered offered slots. */
  appointments: LeadAppointments;
  /** Enrichment (issue 19): what the checks learned about the phone and the email. */
  enrichment: LeadEnrichment;
  /** Per channel (voice, sms, whatsapp, email): v_lead_reachability_v1, the claim's rules. */
  reachability: LeadReachability[];
}

export interface LeadEnrichment {
  status: 'pending' | 'done' | 'failed' | null; reason: string | null; requested_at: Date | null; finished_at: Date | null;
  wait_seconds: number | null; phone_status: string; phone_carrier: string | null; phone_line_type_source: string | null;
  email_status: string; email_is_role: boolean; email_is_disposable: boolean;
}

export interface LeadReachability {
  channel: string; reachable: boolean; reason: string | null; decided_by: string | null; checked_at: Date | null;
  /** While enrichment has not checked this channel's address: the end of the wait (null otherwise). */
  wait_until: Date | null;
  /** The wait ended with the enrichment still pending: touches go ahead with what is known. */
  timed_out: boolean;
}

/** The lead page and GET /api/v1/leads/:id (public.lead_page); null when the lead is not the caller's. */
export async function loadLead(tx: TransactionSql, leadId: string): Promise<LeadDetail | null> {
  const [r] = await tx<{ page: Wire<LeadDetail> | null }[]>`select public.lead_page(${leadId}::uuid) as page`;
  const p = r?.page;
  if (!p) return null;
  return {
    ...p,
    lead: {
      ...p.lead,
      created_at: at(p.lead.created_at),
      first_seen_at: atOrNull(p.lead.first_seen_at),
      consent_review_at: atOrNull(p.lead.consent_review_at),
      phone_wrong_number_at: atOrNull(p.lead.phone_wrong_number_at),
      pending_draft: p.lead.pending_draft && { ...p.lead.pending_draft, created_at: at(p.lead.pending_draft.created_at) },
    },
    next: p.next && { ...p.next, next_action_at: atOrNull(p.next.next_action_at) },
    suppression: p.suppression && {
      ...p.suppression,
      negative_cooldown_until: atOrNull(p.suppression.negative_cooldown_until),
      last_touch_at: atOrNull(p.suppression.last_touch_at),
      last_inbound_at: atOrNull(p.suppression.last_inbound_at),
      reactivation_eligible_at: atOrNull(p.suppression.reactivation_eligible_at),
    },
    suppressions: p.suppressions.map((s) => ({ ...s, created_at: at(s.created_at) })),
    attempts: p.attempts.map((a) => ({ ...a, last_attempt_at: atOrNull(a.last_attempt_at) })),
    window: { ...p.window, next_open: atOrNull(p.window.next_open) },
    enrollments: p.enrollments.map((e) => ({ ...e, next_step_at: atOrNull(e.next_step_at) })),
    timeline: p.timeline.map((t) => ({ ...t, occurred_at: at(t.occurred_at) })),
    followups: followupsFromWire(p.followups),
    appointments: leadAppointmentsFromWire(p.appointments),
    enrichment: {
      ...p.enrichment,
      requested_at: atOrNull(p.enrichment.requested_at),
      finished_at: atOrNull(p.enrichment.finished_at),
    },
    reachability: p.reachability.map((r) => ({ ...r, checked_at: atOrNull(r.checked_at), wait_until: atOrNull(r.wait_until) })),
  };
}

/** The people a lead can be assigned to: active owners, admins and setters, by name. */
export async function listSetters(tx: TransactionSql): Promise<{ id: string; name: string }[]> {
  return tx<{ id: string; name: string }[]>`
    select user_id as id, name from public.account_people() where is_active and role in ('owner', 'admin', 'setter') order by name`;
}

/** Suppresses leads on every channel (public.suppress_leads); one row per lead found. */
export async function suppressLeads(tx: TransactionSql, leadIds: string[], reason: string, actor: string): Promise<{ lead_id: string; suppressed: boolean }[]> {
  return tx<{ lead_id: string; suppressed: boolean }[]>`
    select * from public.suppress_leads(${leadIds}::uuid[], ${reason}, ${actor})`;
}

/** Assigns a lead to a setter (public.assign_lead); false when it already was. */
export async function assignLead(tx: TransactionSql, leadId: string, userId: string, byUserId: string): Promise<boolean> {
  const [r] = await tx<{ changed: boolean }[]>`select public.assign_lead(${leadId}, ${userId}, ${byUserId}) as changed`;
  return r!.changed;
}

/** Resumes a paused enrollment (public.resume_campaign_lead); returns the step now due. */
export async function resumeCampaignLead(tx: TransactionSql, campaignId: string, leadId: string, actor: string): Promise<number> {
  const [r] = await tx<{ current_step: number }[]>`
    select current_step from public.resume_campaign_lead(${campaignId}, ${leadId}, ${actor})`;
  return r!.current_step;
}

/** Lifts a consent revocation with a reason (public.lift_consent_revocation). */
export async function liftConsentRevocation(tx: TransactionSql, leadId: string, reason: string, actor: string): Promise<{ outcome: string; suppressions_lifted?: number }> {
  const [r] = await tx<{ result: { outcome: string; suppressions_lifted?: number } }[]>`
    select public.lift_consent_revocation(${leadId}, ${reason}, ${actor}) as result`;
  return r!.result;
}

export interface ManualMessage {
  channel: string;
  body: string;
  subject: string | null;
  requestId: string | null;
}

/** Queues a one-off message for the dispatch worker (public.queue_manual_message); returns the touch id. */
export async function queueManualMessage(tx: TransactionSql, leadId: string, m: ManualMessage, actor: string): Promise<string> {
  const [r] = await tx<{ id: string }[]>`
    select public.queue_manual_message(${leadId}, ${m.channel}, ${m.body}, ${m.subject}, ${actor}, now(), ${m.requestId}) as id`;
  return r!.id;
}

// ---- Command OS (issue 14: actions over the service layer) ----------------------

export interface LeadWhy {
  lead_id: string;
  lead_state: string;
  next_action: string | null;
  next_action_at: string | null;
  reason: string | null;
  priority_score: number | null;
  recommended_channel: string | null;
  effective_channel: string | null;
  recommended_delay_minutes: number | null;
  is_unsubscribed: boolean | null;
  suppression_reason: string | null;
  suppressed_channels: string[] | null;
  in_negative_cooldown: boolean | null;
  negative_cooldown_until: string | null;
  stop_event: string | null;
}

/**
 * The "why" of a lead's next action, as the lead page's panel shows it: the
 * decision and rule (lead_next_action_view_v5) and its suppression inputs
 * (lead_suppression_status_v1).
 */
export async function leadWhy(tx: TransactionSql, leadId: string): Promise<LeadWhy | null> {
  const [row] = await tx<LeadWhy[]>`
    select l.id as lead_id, l.lead_state, v.next_action, to_char(v.next_action_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as next_action_at, v.reason,
           v.priority_score::float8 as priority_score, v.recommended_channel, v.effective_channel, v.recommended_delay_minutes,
           s.is_unsubscribed, s.suppression_reason, s.suppressed_channels::text[] as suppressed_channels, s.in_negative_cooldown,
           to_char(s.negative_cooldown_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as negative_cooldown_until, s.stop_event
    from public.leads l
    left join public.lead_next_action_view_v5 v on v.lead_id = l.id
    left join public.lead_suppression_status_v1 s on s.lead_id = l.id
    where l.id = ${leadId}::uuid`;
  return row ?? null;
}

type Row = Record<string, unknown>;

export interface LeadFilters {
  source: string | null;
  state: string | null;
  next_action: string | null;
  /** As typed; lead_hunter.normalize_city compares it. */
  city: string | null;
}

/** The 20 highest-priority leads matching the filters, with their next action (lead_next_action_view_v5). */
export async function leadsByPriority(tx: TransactionSql, f: LeadFilters): Promise<Row[]> {
  return tx<Row[]>`
    select v.lead_id, e.lead_name, e.phone, e.email, e.source, e.city, v.lead_state, v.priority_score,
           v.next_action, v.next_action_at, v.effective_channel
    from public.lead_next_action_view_v5 v
    join public.lead_enriched e on e.lead_id = v.lead_id
    where (${f.source}::text is null or e.source = ${f.source}::text)
      and (${f.state}::text is null or v.lead_state = ${f.state}::text)
      and (${f.next_action}::text is null or v.next_action = ${f.next_action}::text)
      and (${f.city}::text is null or lead_hunter.normalize_city(e.city) = lead_hunter.normalize_city(${f.city}::text))
    order by v.priority_score desc, v.lead_id
    limit 20`;
}

/** How many leads match the filters. */
export async function countLeads(tx: TransactionSql, f: LeadFilters): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.leads l
    where (${f.source}::text is null or l.source = ${f.source}::text)
      and (${f.state}::text is null or l.lead_state = ${f.state}::text)
      and (${f.city}::text is null or lead_hunter.normalize_city(l.city) = lead_hunter.normalize_city(${f.city}::text))
      and (${f.next_action}::text is null or exists (
        select 1 from public.lead_next_action_view_v5 v where v.lead_id = l.id and v.next_action = ${f.next_action}::text))`;
  return row!.n;
}

/** Seed 001's sample: the ten leads with the highest priority and what happens next. */
export async function topNextActions(tx: TransactionSql): Promise<Row[]> {
  return tx<Row[]>`
    select lead_id, lead_name, priority_score, recommended_action, next_action_at, effective_channel, reason
    from public.lead_next_action_view_v5
    order by priority_score desc, lead_id
    limit 10`;
}

/** One lead's row of lead_next_action_view_v5. */
export async function leadNextAction(tx: TransactionSql, leadId: string): Promise<Row | null> {
  const [row] = await tx<Row[]>`
    select lead_id, campaign_id, lead_state, priority_score, next_action, next_action_at, recommended_action,
           recommended_delay_minutes, recommended_channel, effective_channel, reason
    from public.lead_next_action_view_v5 where lead_id = ${leadId}::uuid`;
  return row ?? null;
}

/** One lead as lead_enriched shows it. */
export async function leadProfile(tx: TransactionSql, leadId: string): Promise<Row | null> {
  const [row] = await tx<Row[]>`
    select lead_id, lead_name, company_name, phone, phone_line_type, email, is_gold, source, external_id, city, region,
           country, time_zone, status, lead_state, persona, assigned_user_id, priority_score, first_seen_at, created_at
    from public.lead_enriched where lead_id = ${leadId}::uuid`;
  return row ?? null;
}

/** One lead's next action, in the columns Command OS's "inspect" shows (lead_next_action_view_v5). */
export async function leadNextActionSummary(tx: TransactionSql, leadId: string): Promise<Row | null> {
  const [row] = await tx<Row[]>`
    select next_action, next_action_at, recommended_channel, effective_channel, reason, campaign_id, priority_score
    from public.lead_next_action_view_v5 where lead_id = ${leadId}::uuid`;
  return row ?? null;
}

/** One lead's row of lead_suppression_status_v1. */
export async function leadSuppressionStatus(tx: TransactionSql, leadId: string): Promise<Row | null> {
  const [row] = await tx<Row[]>`
    select is_unsubscribed, suppression_reason, suppressed_channels, in_negative_cooldown, negative_cooldown_until, stop_event
    from public.lead_suppression_status_v1 where lead_id = ${leadId}::uuid`;
  return row ?? null;
}

/** The campaigns a lead is enrolled in, with its step. */
export async function leadEnrollments(tx: TransactionSql, leadId: string): Promise<Row[]> {
  return tx<Row[]>`
    select c.campaign_key, c.is_active as campaign_active, cl.status, cl.current_step
    from public.campaign_leads cl join public.campaigns c on c.id = cl.campaign_id
    where cl.lead_id = ${leadId}::uuid order by c.campaign_key`;
}

/** A lead's last ten messages on every channel (inbox_events). */
export async function leadRecentMessages(tx: TransactionSql, leadId: string): Promise<Row[]> {
  return tx<Row[]>`
    select occurred_at, direction, channel, status, classification
    from public.inbox_events where lead_id = ${leadId}::uuid
    order by occurred_at desc limit 10`;
}

export interface SuppressResult {
  suppressed: boolean;
  status: string;
  lead_state: string;
  is_unsubscribed: boolean;
  suppression_reason: string | null;
  next_action: string | null;
}

/** Suppresses one lead (public.suppress_leads); whether this call changed it. */
export async function suppressLead(tx: TransactionSql, leadId: string, reason: string, actor: string): Promise<boolean> {
  const [row] = await tx<{ suppressed: boolean }[]>`
    select suppressed from public.suppress_leads(array[${leadId}::uuid], ${reason}, ${actor})`;
  return row?.suppressed ?? false;
}

/** A lead's status, state, suppression and next action as they are now (a re-read). */
export async function leadSuppression(tx: TransactionSql, leadId: string): Promise<Omit<SuppressResult, 'suppressed'>> {
  const [row] = await tx<Omit<SuppressResult, 'suppressed'>[]>`
    select l.status, l.lead_state, s.is_unsubscribed, s.suppression_reason, v.next_action
    from public.leads l
    left join public.lead_suppression_status_v1 s on s.lead_id = l.id
    left join public.lead_next_action_view_v5 v on v.lead_id = l.id
    where l.id = ${leadId}::uuid`;
  return row!;
}
