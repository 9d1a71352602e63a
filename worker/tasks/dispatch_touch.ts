/**
 * dispatch_touch {touch_run_id}: claim through SQL, call the driver, record the
 * outcome through SQL. Every decision is in brain.claim_touch / record_touch_outcome.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { signToken } from '../../lib/tokens.ts';
import type { WorkerDeps } from '../deps.ts';
import { chooseDriver, type DriverChoice } from '../drivers/accounts.ts';
import { camelKeys, ClaimedSendSchema, type SendResult } from '../drivers/types.ts';

const Payload = z.object({ touch_run_id: z.string().uuid() });

/** brain.claim_touch's answer; `send` is the dispatch contract (drivers/types.ts). */
const Claim = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('claimed'), not_before: z.string(), send: z.preprocess(camelKeys, ClaimedSendSchema) }),
  z.object({ outcome: z.enum(['rescheduled', 'canceled', 'unknown', 'skipped']), reason: z.string() }).passthrough(),
]);

const MAX_RATE_WAIT_MS = 2500;

async function record(deps: WorkerDeps, touchRunId: string, result: SendResult): Promise<unknown> {
  const args =
    result.kind === 'accepted'
      ? { result: 'accepted', id: result.providerMessageId, status: result.providerStatus, code: null, message: null }
      : { result: result.kind, id: null, status: null, code: result.errorCode, message: result.errorMessage };
  // The send happened; losing its outcome would leave the touch unknown, so try hard.
  let delay = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await deps.outcomeSql`
        select brain.record_touch_outcome(${touchRunId}, ${args.result}, ${args.id}, ${args.status},
                                          ${args.code}, ${args.message}) as r`;
      return row?.r;
    } catch (error) {
      if (attempt >= 6) throw error;
      log('TOUCH_RECORD_RETRY', { touch_run_id: touchRunId, attempt, error: (error as Error).message }, 'warn');
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}

export function dispatchTouch(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { touch_run_id: touchRunId } = Payload.parse(rawPayload);
    const [row] = await deps.sql`
      select brain.claim_touch(${touchRunId}, ${deps.workerId}) as r`;
    const claim = Claim.parse(row?.r);
    if (claim.outcome !== 'claimed') {
      const level = claim.outcome === 'unknown' ? 'warn' : 'info';
      log(claim.outcome === 'unknown' ? 'TOUCH_OUTCOME_UNKNOWN' : 'TOUCH_NOT_CLAIMED', { touch_run_id: touchRunId, outcome: claim.outcome, reason: claim.reason }, level);
      return;
    }
    const send = claim.send;

    // The address was decided at claim time (brain.address_problem): a phone is E.164
    // and reachable on this channel as far as we know; the provider has the last word.
    // The account's own credentials when it stored some, else the environment's; a stored
    // row that does not open is not_sent (credentials_unreadable), never sent with other keys.
    // Nothing was sent when the lookup itself fails, so that is recorded as not_sent too.
    const choice: DriverChoice = await chooseDriver(deps, send.accountId, send.provider).catch((error: unknown) => ({
      driver: null,
      result: { kind: 'not_sent', errorCode: 'credentials_lookup_failed', errorMessage: `credentials_lookup_failed: ${(error as Error).message.slice(0, 200)}` },
    }));
    const driver = choice.driver;
    // The slot is waited for last, after the credentials lookup: a send that starts late
    // would crowd the sender's next 1-second window at the provider.
    const wait = Math.min(MAX_RATE_WAIT_MS, new Date(claim.not_before).getTime() - Date.now());
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    let result: SendResult;
    if (driver === null) {
      result = (choice as Extract<DriverChoice, { driver: null }>).result;
    } else if (!driver.channels.includes(send.channel)) {
      result = { kind: 'not_sent', errorCode: 'driver_unavailable', errorMessage: `no ${send.provider} driver for ${send.channel}` };
    } else {
      // The drivers build their own status-callback and media-stream URLs.
      result = await driver.send(
        send.channel === 'email'
          ? {
              ...send,
              unsubscribeUrl: `${deps.publicBaseUrl}/unsubscribe/${signToken(
                { a: send.accountId, l: send.leadId, c: 'email' },
                deps.appSecret,
              )}`,
            }
          : send,
      );
    }
    const outcome = await record(deps, touchRunId, result);
    log('TOUCH_DISPATCHED', {
      touch_run_id: touchRunId,
      channel: send.channel,
      provider: send.provider,
      credentials: choice.driver ? choice.source : 'none',
      result: result.kind,
      ...(result.kind === 'accepted' ? {} : { error_code: result.errorCode }),
      outcome,
    });
  };
}
