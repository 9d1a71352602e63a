import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

/**
 * Crontab, every minute: follow-up sequences (issue 18). Starts the no_response sequence for
 * leads silent long enough (brain.start_no_response_sequences), then turns due steps into
 * touch_runs or approval drafts (brain.run_due_sequence_steps). Both are set-based, bounded
 * batches; the touch_runs' own trigger queues dispatch, so this task never sends.
 */
export function runSequences(deps: WorkerDeps): Task {
  return async () => {
    const started = await deps.sql<{ started: boolean }[]>`
      select started from brain.start_no_response_sequences(${deps.batchSize})`;
    const rows = await deps.sql<{ outcome: string }[]>`
      select outcome from brain.run_due_sequence_steps(${deps.batchSize})`;
    const count = (o: string) => rows.filter((r) => r.outcome === o).length;
    log('SEQUENCES_TICK', {
      started: started.filter((r) => r.started).length,
      due: rows.length,
      queued: count('queued'),
      drafts: count('draft'),
      paused: count('paused'),
      snoozed: count('snoozed'),
      completed: count('completed'),
    });
  };
}
