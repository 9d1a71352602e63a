import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Crontab, every 5 minutes: public.run_cadence enrolls eligible new leads. */
export function runCadence(deps: WorkerDeps): Task {
  return async () => {
    const rows = await deps.sql<{ decision: string }[]>`
      select decision from public.run_cadence(${deps.batchSize}, false)`;
    const enrolled = rows.filter((r) => r.decision === 'enrolled').length;
    log('CADENCE_TICK', { evaluated: rows.length, enrolled, no_ready_step: rows.length - enrolled });
  };
}
