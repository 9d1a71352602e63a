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
