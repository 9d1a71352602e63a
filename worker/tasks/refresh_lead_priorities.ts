import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Crontab, hourly: brain.refresh_lead_priorities ages the stored priority scores. */
export function refreshLeadPriorities(deps: WorkerDeps): Task {
  return async () => {
    const [row] = await deps.sql<{ n: number }[]>`
      select brain.refresh_lead_priorities() as n`;
    log('PRIORITIES_REFRESHED', { leads: row?.n ?? 0 });
  };
}
