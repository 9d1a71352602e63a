/**
 * Crontab, every minute: the safety net of batched dispatch. Every account with
 * touches due gets a dispatch_touches job (brain.queue_due_dispatch), so a touch
 * whose wake-up was lost waits a minute at most.
 */
import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

export function dispatchDueTouches(deps: WorkerDeps): Task {
  return async () => {
    const [row] = await deps.sql<{ n: number }[]>`select brain.queue_due_dispatch() as n`;
    if (row?.n) log('DISPATCH_DUE_QUEUED', { accounts: row.n }, 'debug');
  };
}
