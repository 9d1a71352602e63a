/**
 * Campaigns, as the console, the JSON API and Command OS use them: each
 * operation is one SQL call, run in the caller's transaction (row-level
 * security applies).
 */
import type { TransactionSql } from '../../db/client.ts';

export interface CampaignCandidate {
  id: string;
  campaign_key: string;
  name: string;
  is_active: boolean;
  status: string;
  match: 'id' | 'key' | 'name' | 'words' | 'partial';
  score: number;
}

export type Resolved<T> = { kind: 'one'; value: T } | { kind: 'none' } | { kind: 'many'; candidates: T[] };

/**
 * The campaign a phrase names (public.resolve_campaign). One when a single
 * campaign has the best kind of match; several candidates of that kind are
 * ambiguous, whatever their scores.
 */
export async function resolveCampaign(tx: TransactionSql, accountId: string, phrase: string): Promise<Resolved<CampaignCandidate>> {
  const rows = await tx<CampaignCandidate[]>`
    select r.campaign_id as id, r.campaign_key, r.name, r.is_active,
           case when r.is_active then 'active' else 'paused' end as status, r.match, r.score
    from public.resolve_campaign(${accountId}::uuid, ${phrase}) r`;
  return pickBest(rows);
}

/** Rows come best first; the best kind of match decides. */
export function pickBest<T extends { match: string }>(rows: T[]): Resolved<T> {
  if (rows.length === 0) return { kind: 'none' };
  const best = rows.filter((r) => r.match === rows[0]!.match);
  return best.length === 1 ? { kind: 'one', value: best[0]! } : { kind: 'many', candidates: best };
}
