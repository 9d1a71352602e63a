/**
 * The director dashboard's numbers, read in the request's tenant transaction
 * (row-level security applies) with one SQL call.
 */
import type { TransactionSql } from '../../db/client.ts';
import { at, atOrNull, type Wire } from './wire.ts';

export interface DashboardData {
  health: {
    jobs: { pending: number; running: number; failed: number; retrying: number };
    by_task: { task: string; pending: number; running: number; failed: number }[];
    /** Webhook receipts the drain has not applied yet (receipts-first ingest). */
    receipts: { waiting: number; failed: number; oldest_waiting_at: string | null; oldest_age_s: number };
    crontab: { identifier: string; known_since: string; last_execution: string | null }[];
  };
  readiness: { channel: string; provider: string | null; ready: boolean; detail: string | null; checked_at: Date | null }[];
  errors: { at: Date; source: string; code: string | null; message: string | null; lead_id: string | null }[];
  touches24h: { channel: string; status: string; n: number }[];
  campaigns: {
    campaign_id: string; name: string; campaign_key: string | null; is_active: boolean; status: string;
    last_touch_run_at: Date | null; touch_runs_24h: number; queued_24h: number; sent_24h: number; failed_24h: number;
    active_enrollments: number;
  }[];
  days: string[];
  perDay: Record<string, Record<string, number>>;
  /** Replies of the last 7 days by sentiment tag (the AI inbox), most first. */
  repliesByTag7d: { tag: string; n: number }[];
}

/** The director dashboard (public.dashboard_page), in one read. */
export async function loadDashboard(tx: TransactionSql, accountId: string): Promise<DashboardData> {
  const [r] = await tx<{ page: Wire<DashboardData> }[]>`select public.dashboard_page(${accountId}::uuid) as page`;
  const p = r!.page;
  return {
    ...p,
    readiness: p.readiness.map((x) => ({ ...x, checked_at: atOrNull(x.checked_at) })),
    errors: p.errors.map((e) => ({ ...e, at: at(e.at) })),
    campaigns: p.campaigns.map((c) => ({ ...c, last_touch_run_at: atOrNull(c.last_touch_run_at) })),
  };
}
