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

// ---- console pages and JSON API (issue 14: one service layer) ------------------

/** A campaign as the Campaigns page and GET /api/v1/campaigns show it. */
export interface CampaignRow {
  id: string;
  name: string;
  campaign_key: string | null;
  description: string | null;
  message_class: string;
  is_active: boolean;
  status: string;
  last_touch_run_at: Date | null;
  touch_runs_24h: number;
  sent_24h: number;
  failed_24h: number;
  active_enrollments: number;
  steps: { step: number; channel: string; delay_minutes: number; fallback: Record<string, unknown> | null; template_key: string | null }[];
}

export async function loadCampaigns(tx: TransactionSql): Promise<CampaignRow[]> {
  return tx<CampaignRow[]>`
    select c.id, c.name, c.campaign_key, c.description, c.message_class, c.is_active, c.status,
           r.last_touch_run_at, coalesce(r.touch_runs_24h, 0)::int as touch_runs_24h, coalesce(r.sent_24h, 0)::int as sent_24h,
           coalesce(r.failed_24h, 0)::int as failed_24h, coalesce(r.active_enrollments, 0)::int as active_enrollments,
           coalesce((select json_agg(json_build_object('step', s.step, 'channel', s.channel, 'delay_minutes', s.delay_minutes,
                                                       'fallback', s.fallback, 'template_key', s.template_key) order by s.step)
                     from public.campaign_steps s where s.campaign_id = c.id), '[]') as steps
    from public.campaigns c
    left join public.v_campaign_runtime_status_v1 r on r.campaign_id = c.id
    where c.archived_at is null
    order by c.is_active desc, c.name`;
}

/** Every campaign's id and name, by name (for pickers). */
export async function listCampaignNames(tx: TransactionSql): Promise<{ id: string; name: string }[]> {
  return tx<{ id: string; name: string }[]>`select id, name from public.campaigns where archived_at is null order by name`;
}

/** Pauses every campaign of the account (public.set_campaigns_active_bulk); returns how many changed. */
export async function pauseAllCampaigns(tx: TransactionSql, accountId: string, actor: string): Promise<number> {
  const rows = await tx<{ id: string }[]>`select id from public.set_campaigns_active_bulk(${accountId}, false, ${actor})`;
  return rows.length;
}

export interface CampaignSwitch {
  name: string;
  is_active: boolean;
  status: string;
}

/** Turns one campaign on or off (public.set_campaign_active); null when there is no such campaign here. */
export async function switchCampaign(tx: TransactionSql, campaignId: string, active: boolean, actor: string): Promise<CampaignSwitch | null> {
  const [row] = await tx<CampaignSwitch[]>`
    select name, is_active, status from public.set_campaign_active(${campaignId}, ${active}, ${actor})`;
  return row ?? null;
}

export interface EnrollCounts {
  matched: number;
  already_enrolled: number;
  not_contactable: number;
  to_enroll: number;
  enrolled: number;
}

/** Enrolls the leads a filter matches (public.enroll_leads), or only counts them when preview is true. */
export async function enrollLeads(tx: TransactionSql, campaignId: string, filter: Record<string, unknown>, preview: boolean): Promise<EnrollCounts> {
  const [r] = await tx<EnrollCounts[]>`
    select matched::int, already_enrolled::int, not_contactable::int, to_enroll::int, enrolled::int
    from public.enroll_leads(${campaignId}, ${tx.json(filter as never)}, ${preview})`;
  return r!;
}

// ---- Command OS (issue 14: actions over the service layer) ----------------------
/** A campaign as Command OS names it (a re-read after a change). */
export interface CampaignRef {
  id: string;
  campaign_key: string;
  name: string;
  is_active: boolean;
  status: string;
}

export interface CampaignRuntimeRow {
  campaign_id: string;
  campaign_key: string;
  name: string;
  is_active: boolean;
  status: string;
  last_touch_run_at: Date | null;
  touch_runs_24h: number;
  sent_24h: number;
  failed_24h: number;
  active_enrollments: number;
}

/** Campaigns with their 24 h counts (v_campaign_runtime_status_v1), running first; `active` filters on is_active. */
export async function listCampaignRuntime(tx: TransactionSql, active: boolean | null): Promise<CampaignRuntimeRow[]> {
  return tx<CampaignRuntimeRow[]>`
    select campaign_id, campaign_key, name, is_active, status, last_touch_run_at,
           touch_runs_24h::int as touch_runs_24h, sent_24h::int as sent_24h, failed_24h::int as failed_24h,
           active_enrollments::int as active_enrollments
    from public.v_campaign_runtime_status_v1
    where ${active}::boolean is null or is_active = ${active}::boolean
    order by is_active desc, campaign_key`;
}

/** Switches one campaign (public.set_campaign_active; records who in account_events). */
export async function setCampaignActive(tx: TransactionSql, campaignId: string, active: boolean, actor: string): Promise<void> {
  await tx`select id from public.set_campaign_active(${campaignId}::uuid, ${active}, ${actor})`;
}

/** One campaign as it is now (a re-read). */
export async function campaignById(tx: TransactionSql, campaignId: string | null): Promise<CampaignRef | null> {
  const [row] = await tx<CampaignRef[]>`
    select c.id, c.campaign_key, c.name, c.is_active, c.status from public.campaigns c where c.id = ${campaignId}::uuid`;
  return row ?? null;
}

/** Switches every campaign of the account (public.set_campaigns_active_bulk); the ones changed. */
export async function setCampaignsActiveBulk(tx: TransactionSql, accountId: string, active: boolean, actor: string): Promise<CampaignRef[]> {
  return tx<CampaignRef[]>`
    select id, campaign_key, name, is_active, status
    from public.set_campaigns_active_bulk(${accountId}::uuid, ${active}, ${actor})`;
}

export interface CampaignsReread {
  running: number;
  total: number;
  paused: number;
  /** Seed 001's consistency query: campaigns whose status disagrees with is_active (0 by construction). */
  mismatches: number;
  rows: CampaignRef[];
}

/** How many campaigns run, are paused and disagree with their status, and the listed campaigns as they are now. */
export async function campaignsReread(tx: TransactionSql, ids: string[] = []): Promise<CampaignsReread> {
  const [row] = await tx<CampaignsReread[]>`
    select count(*) filter (where c.is_active)::int as running,
           count(*)::int as total,
           count(*) filter (where not c.is_active)::int as paused,
           count(*) filter (where (c.is_active and c.status <> 'active') or (not c.is_active and c.status = 'active'))::int as mismatches,
           coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'campaign_key', c.campaign_key, 'name', c.name, 'is_active', c.is_active, 'status', c.status)
                      order by c.campaign_key) filter (where c.id = any(${ids}::uuid[])), '[]'::jsonb) as rows
    from public.campaigns c`;
  return row!;
}



export interface Enrollment {
  enrolled_total: number;
  status: string | null;
  current_step: number | null;
  enrolled_at: Date | null;
}

/** A campaign's enrollments in all, and one lead's enrollment in it (null fields when the lead is not enrolled). */
export async function enrollment(tx: TransactionSql, campaignId: string, leadId: string | null): Promise<Enrollment> {
  const [row] = await tx<Enrollment[]>`
    select (select count(*)::int from public.campaign_leads where campaign_id = ${campaignId}::uuid) as enrolled_total,
           cl.status, cl.current_step, cl.enrolled_at
    from (select 1) one
    left join public.campaign_leads cl on cl.campaign_id = ${campaignId}::uuid and cl.lead_id = ${leadId}::uuid`;
  return row!;
}
