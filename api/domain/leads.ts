/**
 * Leads, as the console, the JSON API and Command OS use them: each operation
 * is one SQL call, run in the caller's transaction (row-level security applies).
 */
import type { TransactionSql } from '../../db/client.ts';
import { pickBest, type Resolved } from './campaigns.ts';

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
