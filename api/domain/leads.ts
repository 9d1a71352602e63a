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
