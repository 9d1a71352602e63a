import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Leads one call recounts (one transaction); the task calls again while a call is full. */
const LEADS_PER_CALL = 20_000;
/** A run stops calling after this long; the next minute's run goes on. */
const BUDGET_MS = 45_000;

/**
 * Crontab, every minute: brain.refresh_analytics recounts the leads whose touches,
 * replies or appointments changed, so the Analytics page and the v_*_v1 views are at
 * most a minute behind.
 */
export function refreshAnalytics(deps: WorkerDeps): Task {
  return async () => {
    const started = Date.now();
    let leads = 0;
    let calls = 0;
    for (;;) {
      const [row] = await deps.sql<{ n: number }[]>`select brain.refresh_analytics(${LEADS_PER_CALL}) as n`;
      const n = row?.n ?? 0;
      leads += n;
      calls += 1;
      if (n < LEADS_PER_CALL || Date.now() - started > BUDGET_MS) break;
    }
    if (leads > 0) log('ANALYTICS_REFRESHED', { leads, calls, ms: Date.now() - started });
  };
}
