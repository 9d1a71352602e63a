/**
 * enrich_leads_sweep (crontab, every minute): accounts with pending leads that no worker
 * holds get their enrich_leads job again (brain.queue_pending_enrichments): a job that
 * failed for good, a worker that died mid-batch, a retry whose back-off has passed. Then
 * touches and enrollments still held for an enrichment that has finished are released
 * (brain.release_finished_enrichment_holds: a hold written just as the enrichment committed).
 */
import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

export function enrichLeadsSweep(deps: Pick<WorkerDeps, 'sql'>): Task {
  return async () => {
    const [row] = await deps.sql<{ n: number }[]>`select brain.queue_pending_enrichments() as n`;
    const [released] = await deps.sql<{ n: number }[]>`select brain.release_finished_enrichment_holds() as n`;
    if ((row && row.n > 0) || (released && released.n > 0)) {
      log('ENRICHMENT_SWEEP', { accounts_queued: row?.n ?? 0, holds_released: released?.n ?? 0 });
    }
  };
}
