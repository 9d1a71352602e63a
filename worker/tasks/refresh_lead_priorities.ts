import type { Task } from 'graphile-worker';
import { withRole } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Crontab, hourly: brain.refresh_lead_priorities ages the stored priority scores. */
export function refreshLeadPriorities(deps: WorkerDeps): Task {
  return async () => {
    const [row] = await withRole(deps.sql, 'revenue_worker', (tx) => tx<{ n: number }[]>`
      select brain.refresh_lead_priorities() as n`);
    log('PRIORITIES_REFRESHED', { leads: row?.n ?? 0 });
  };
}
