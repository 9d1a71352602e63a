/** The crontab's availability refresh: brain.queue_due_availability_refreshes queues refresh_availability per account with recent demand. */
import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

export function refreshAvailabilityDue(deps: WorkerDeps): Task {
  return async () => {
    const [row] = await deps.sql<{ n: number }[]>`select brain.queue_due_availability_refreshes() as n`;
    if (row!.n > 0) log('AVAILABILITY_REFRESHES_QUEUED', { accounts: row!.n });
  };
}
