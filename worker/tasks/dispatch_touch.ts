/**
 * dispatch_touch {touch_run_id}: one touch, claimed through SQL (brain.claim_touch),
 * sent, and recorded through SQL. The database queues batches (dispatch_touches);
 * this task serves a job queued for one touch by hand or by an older release.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { WorkerDeps } from '../deps.ts';
import { Claim, logDispatched, logNotClaimed, outcomeOf, recordOutcomes, sendClaimed } from '../dispatch/send.ts';

const Payload = z.object({ touch_run_id: z.string().uuid() });

export function dispatchTouch(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { touch_run_id: touchRunId } = Payload.parse(rawPayload);
    const [row] = await deps.sql`
      select brain.claim_touch(${touchRunId}, ${deps.workerId}) as r`;
    const claim = Claim.parse(row?.r);
    if (claim.outcome !== 'claimed') {
      logNotClaimed(touchRunId, claim);
      return;
    }
    const { result, credentials } = await sendClaimed(deps, claim);
    const answers = await recordOutcomes(deps, [outcomeOf(touchRunId, result)]);
    logDispatched(claim, touchRunId, result, credentials, answers.get(touchRunId));
  };
}
