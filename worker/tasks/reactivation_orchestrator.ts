import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Crontab, every 30 minutes: public.run_reactivation_orchestrator. */
export function reactivationOrchestrator(deps: WorkerDeps): Task {
  return async () => {
    const rows = await deps.sql<{ decision: string }[]>`
      select decision from public.run_reactivation_orchestrator(${deps.batchSize}, false)`;
    const created = rows.filter((r) => r.decision === 'queued' || r.decision === 'scheduled').length;
    log('REACTIVATION_TICK', { evaluated: rows.length, created, skipped: rows.length - created });
  };
}
