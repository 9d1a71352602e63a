import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/** Crontab, every 5 minutes: brain.run_due_timers escalates personas. */
export function runDueTimers(deps: WorkerDeps): Task {
  return async () => {
    const rows = await deps.sql<{ outcome: string; persona_before: string; persona_after: string }[]>`
      select outcome, persona_before, persona_after from brain.run_due_timers(${deps.batchSize})`;
    const escalated = rows.filter((r) => r.outcome === 'executed' && r.persona_before !== r.persona_after).length;
    log('TIMERS_TICK', { due: rows.length, escalated, cancelled: rows.filter((r) => r.outcome === 'cancelled').length });
  };
}
