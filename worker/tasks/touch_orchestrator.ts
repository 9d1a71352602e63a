import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

interface Row {
  account_id: string;
  campaign_id: string;
  step: number;
  channel: string | null;
  decision: string;
}

/** Crontab, every 5 minutes: public.run_touch_orchestrator. */
export function touchOrchestrator(deps: WorkerDeps): Task {
  return async () => {
    const rows = await deps.sql<Row[]>`
      select account_id, campaign_id, step, channel, decision
      from public.run_touch_orchestrator(${deps.batchSize}, false)`;
    // Seed 000: one line per skipped step, e.g. ORCH_EMAIL_DISABLED_MISSING_ELASTIC_ENV { campaign_id, step }.
    const skipped = new Map<string, Row>();
    for (const r of rows) {
      if (r.decision === 'skip_channel_not_ready') skipped.set(`${r.campaign_id}:${r.step}`, r);
    }
    for (const r of skipped.values()) {
      const event =
        r.channel === 'email' ? 'ORCH_EMAIL_DISABLED_MISSING_ELASTIC_ENV' : `ORCH_${(r.channel ?? 'unknown').toUpperCase()}_DISABLED_PROVIDER_NOT_READY`;
      log(event, { campaign_id: r.campaign_id, step: r.step }, 'warn');
    }
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.decision] = (counts[r.decision] ?? 0) + 1;
    log('ORCH_TICK', { evaluated: rows.length, ...counts });
  };
}
