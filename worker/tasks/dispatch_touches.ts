/**
 * dispatch_touches {account_id}: batched dispatch. One transaction claims up to
 * DISPATCH_BATCH_SIZE due touches of the account (brain.claim_touches: the batch
 * decided set-based by brain.claim_touch_rows, the rules brain.claim_touch also
 * answers through, durable before any provider call); the providers are
 * called concurrently (DISPATCH_SEND_CONCURRENCY), each send no earlier than its
 * sender's reserved slot; one transaction records every outcome
 * (brain.record_touch_outcomes, set-based through brain.record_touch_outcome_rows).
 * A crash in between leaves the claimed touches sending under this worker's id:
 * declared dead, they become unknown and are reconciled, never re-sent blindly.
 */
import { performance } from 'node:perf_hooks';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import { Claim, logDispatched, logNotClaimed, outcomeOf, recordOutcomes, sendClaimed, type ClaimedTouch } from '../dispatch/send.ts';

const Payload = z.object({ account_id: z.string().uuid() });

/** Runs fn over items, at most `limit` at once, in the items' order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export function dispatchTouches(deps: WorkerDeps): Task {
  const { batchSize, sendConcurrency } = deps.dispatch ?? { batchSize: 100, sendConcurrency: 100 };
  return async (rawPayload) => {
    const { account_id: accountId } = Payload.parse(rawPayload);
    const t0 = performance.now();
    const rows = await deps.sql<{ touch_run_id: string; claim: unknown }[]>`
      select touch_run_id, claim from brain.claim_touches(${accountId}, ${batchSize}, ${deps.workerId})`;
    const claimed: { id: string; claim: ClaimedTouch }[] = [];
    for (const row of rows) {
      const claim = Claim.parse(row.claim);
      if (claim.outcome === 'claimed') claimed.push({ id: row.touch_run_id, claim });
      else logNotClaimed(row.touch_run_id, claim);
    }
    if (claimed.length === 0) return;
    const t1 = performance.now();
    // Earliest slot first, so a lane waiting for a sender's later slot never holds up an earlier one.
    claimed.sort((a, b) => Date.parse(a.claim.not_before) - Date.parse(b.claim.not_before));
    const sent = await mapBounded(claimed, sendConcurrency, async (c) => ({ ...c, ...(await sendClaimed(deps, c.claim)) }));
    const t2 = performance.now();
    const answers = await recordOutcomes(deps, sent.map((s) => outcomeOf(s.id, s.result)));
    const t3 = performance.now();
    for (const s of sent) logDispatched(s.claim, s.id, s.result, s.credentials, answers.get(s.id));
    log('TOUCH_BATCH_DISPATCHED', {
      account_id: accountId,
      considered: rows.length,
      claimed: claimed.length,
      accepted: sent.filter((s) => s.result.kind === 'accepted').length,
      claim_ms: Math.round(t1 - t0),
      send_ms: Math.round(t2 - t1),
      record_ms: Math.round(t3 - t2),
    });
  };
}
