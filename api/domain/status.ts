/**
 * Account-wide status for Command OS ("system status", "what changed today"):
 * each operation is one SQL call, run in the caller's transaction (row-level
 * security applies).
 */
import type { TransactionSql } from '../../db/client.ts';

export interface CampaignTotals {
  total: number;
  active: number;
  touch_runs_24h: number;
  sent_24h: number;
  failed_24h: number;
  queued_24h: number;
  enrollments: number;
  /** Seed 001's consistency query: campaigns whose status disagrees with is_active (0 by construction). */
  mismatches: number;
}

/** Campaign and 24 h touch counts (v_campaign_runtime_status_v1) with seed 001's status/is_active mismatch count. */
export async function campaignTotals(tx: TransactionSql): Promise<CampaignTotals> {
  const [row] = await tx<CampaignTotals[]>`
    select count(*)::int as total,
           count(*) filter (where v.is_active)::int as active,
           coalesce(sum(v.touch_runs_24h), 0)::int as touch_runs_24h,
           coalesce(sum(v.sent_24h), 0)::int as sent_24h,
           coalesce(sum(v.failed_24h), 0)::int as failed_24h,
           coalesce(sum(v.queued_24h), 0)::int as queued_24h,
           coalesce(sum(v.active_enrollments), 0)::int as enrollments,
           (select count(*)::int from public.campaigns c
             where (c.is_active = true and c.status <> 'active') or (c.is_active = false and c.status = 'active')) as mismatches
    from public.v_campaign_runtime_status_v1 v`;
  return row!;
}

export interface LeadTotals {
  total: number;
  last_24h: number;
  suppressed: number;
}

export async function leadTotals(tx: TransactionSql): Promise<LeadTotals> {
  const [row] = await tx<LeadTotals[]>`
    select count(*)::int as total,
           count(*) filter (where created_at > now() - interval '24 hours')::int as last_24h,
           count(*) filter (where status = 'suppressed')::int as suppressed
    from public.leads`;
  return row!;
}

export interface JobCounts {
  pending: number;
  running: number;
  failed: number;
}

/** The job queue's counts (public.system_health). */
export async function jobCounts(tx: TransactionSql): Promise<JobCounts | null> {
  const [row] = await tx<{ jobs: JobCounts | null }[]>`select public.system_health() -> 'jobs' as jobs`;
  return row?.jobs ?? null;
}

export interface AccountChanges {
  since: string;
  time_zone: string;
  touches_sent: number;
  touches_failed: number;
  replies: number;
  opt_outs: number;
  new_leads: number;
  campaigns_switched: number;
}

/** What changed since midnight in the account's time zone (org_settings.timezone): public.account_changes_since. */
export async function changesToday(tx: TransactionSql, accountId: string): Promise<AccountChanges> {
  const [row] = await tx<AccountChanges[]>`
    with z as (
      select coalesce((select s.timezone::text from public.org_settings s where s.account_id = ${accountId}::uuid), 'UTC') as tz
    ), m as (
      select z.tz, (date_trunc('day', now() at time zone z.tz) at time zone z.tz) as since from z
    )
    select to_char(m.since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since, m.tz as time_zone,
           c.touches_sent::int, c.touches_failed::int, c.replies::int, c.opt_outs::int, c.new_leads::int, c.campaigns_switched::int
    from m cross join lateral public.account_changes_since(${accountId}::uuid, m.since) c`;
  return row!;
}
