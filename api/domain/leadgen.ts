/**
 * LeadGen (Craigslist programs and the autos funnel) as Command OS and the
 * Programs page use it: each operation is one SQL call, run in the caller's
 * transaction (row-level security applies). City names are normalised by
 * lead_hunter.normalize_city only, never by a TypeScript copy.
 */
import type { TransactionSql } from '../../db/client.ts';

/** A city as Craigslist names its site (lead_hunter.normalize_city): "São Paulo" → saopaulo; null when nothing is left. */
export async function normalizeCity(tx: TransactionSql, city: string): Promise<string | null> {
  const [row] = await tx<{ city: string | null }[]>`select lead_hunter.normalize_city(${city}) as city`;
  return row?.city ?? null;
}

/** The account's LeadGen routing city_fallback, normalised; null when none is set. */
export async function routingCityFallback(tx: TransactionSql, accountId: string): Promise<string | null> {
  const [row] = await tx<{ city: string | null }[]>`
    select lead_hunter.normalize_city(s.leadgen_routing ->> 'city_fallback') as city
    from public.org_settings s where s.account_id = ${accountId}::uuid`;
  return row?.city ?? null;
}

/** Whether the account's LeadGen routing is switched on (org_settings.leadgen_routing.active). */
export async function routingActive(tx: TransactionSql, accountId: string): Promise<boolean> {
  const [row] = await tx<{ active: boolean }[]>`
    select coalesce((s.leadgen_routing ->> 'active')::boolean, false) as active
    from public.org_settings s where s.account_id = ${accountId}::uuid`;
  return row?.active ?? false;
}

export interface StartOutcome {
  outcome: 'ok' | 'needs_setup' | 'needs_confirmation' | 'already_running';
  city: string;
  task_id?: string;
  reason?: string;
  message?: string;
  last_run_at?: string;
}

/** lead_hunter.start_craigslist_v1: queue a discover for a city (or say why not). */
export async function startCraigslist(
  tx: TransactionSql,
  p: { accountId: string; city: string; override: boolean; confirm: boolean; actor: string },
): Promise<StartOutcome> {
  const [row] = await tx<{ result: StartOutcome }[]>`
    select lead_hunter.start_craigslist_v1(${p.accountId}::uuid, ${p.city}, ${p.override}, ${p.confirm}, ${p.actor}) as result`;
  return row!.result;
}

/** lead_hunter.stop_craigslist_v1: cancels a city's queued tasks; how many. */
export async function stopCraigslist(tx: TransactionSql, accountId: string, city: string): Promise<number> {
  const [row] = await tx<{ canceled: number }[]>`select lead_hunter.stop_craigslist_v1(${accountId}::uuid, ${city}) as canceled`;
  return row!.canceled;
}

export interface CraigslistTask {
  id: string;
  status: string;
  created_at: string;
}

export async function craigslistTask(tx: TransactionSql, taskId: string | null): Promise<CraigslistTask | null> {
  const [row] = await tx<CraigslistTask[]>`
    select id, status, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
    from lead_hunter.craigslist_tasks_v1 where id = ${taskId}::uuid`;
  return row ?? null;
}

/** A city's tasks still queued or claimed (normalised city). */
export async function craigslistQueue(tx: TransactionSql, city: string): Promise<{ queued: number; claimed: number }> {
  const [row] = await tx<{ queued: number; claimed: number }[]>`
    select count(*) filter (where status = 'queued')::int as queued, count(*) filter (where status = 'claimed')::int as claimed
    from lead_hunter.craigslist_tasks_v1 where city = lead_hunter.normalize_city(${city})`;
  return row!;
}

export interface AutosResult {
  resolution: 'ok' | 'needs_setup' | 'needs_confirmation';
  campaign_id: string | null;
  campaign_key: string | null;
  candidates: string[];
  campaign_is_active: boolean | null;
  routing_active: boolean;
  routing_note: string;
  /** The autos_outbound_<city> key that was looked for, as brain.resolve_autos_campaign builds it (autos_outbound_* without a city). */
  wanted: string;
}

/** public.autos_set_active: the autos funnel for a city (campaign + routing). */
export async function autosSetActive(
  tx: TransactionSql,
  p: { accountId: string; city: string | null; active: boolean; actor: string },
): Promise<AutosResult> {
  const [row] = await tx<AutosResult[]>`
    select r.*,
           coalesce('autos_outbound_' || nullif(pg_catalog.btrim(
             pg_catalog.regexp_replace(pg_catalog.lower(${p.city}::text), '[^a-z0-9]+', '_', 'g'), '_'), ''), 'autos_outbound_*') as wanted
    from public.autos_set_active(${p.accountId}::uuid, ${p.city}, ${p.active}, ${p.actor}) r`;
  return row!;
}
