/**
 * What a dispatch task does with a claimed touch, shared by dispatch_touch (one touch)
 * and dispatch_touches (a batch): wait for the sender's slot, call the driver, and
 * record outcomes through brain.record_touch_outcomes. Every decision is in SQL
 * (brain.claim_touch, brain.record_touch_outcome).
 */
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { signToken } from '../../lib/tokens.ts';
import type { WorkerDeps } from '../deps.ts';
import { chooseDriver, type DriverChoice } from '../drivers/accounts.ts';
import { camelKeys, ClaimedSendSchema, type ClaimedSend, type SendResult } from '../drivers/types.ts';

/** brain.claim_touch's answer; `send` is the dispatch contract (drivers/types.ts). */
export const Claim = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('claimed'), not_before: z.string(), send: z.preprocess(camelKeys, ClaimedSendSchema) }),
  z.object({ outcome: z.enum(['rescheduled', 'canceled', 'unknown', 'skipped']), reason: z.string() }).passthrough(),
]);
export type Claim = z.infer<typeof Claim>;
export type ClaimedTouch = Extract<Claim, { outcome: 'claimed' }>;

// Slots are at most 2.5 s ahead when claimed, plus the time a long batch claim moved them
// (brain.claim_touches), and at most a minute ahead when a late send takes a new one
// (brain.reslot_touch). A slot further ahead is not waited for: the touch is not sent.
const MAX_RATE_WAIT_MS = 65_000;

/** One element of brain.record_touch_outcomes' argument. */
export interface Outcome {
  touch_run_id: string;
  result: SendResult['kind'];
  provider_message_id: string | null;
  provider_status: string | null;
  error_code: string | null;
  error_message: string | null;
  /** Email: the Message-ID the driver gave the message (absent when none). */
  email_message_id?: string;
}

export function outcomeOf(touchRunId: string, result: SendResult): Outcome {
  const messageId = (result.kind === 'accepted' || result.kind === 'unknown') && result.emailMessageId
    ? { email_message_id: result.emailMessageId } : {};
  return result.kind === 'accepted'
    ? { touch_run_id: touchRunId, result: 'accepted', provider_message_id: result.providerMessageId, provider_status: result.providerStatus, error_code: null, error_message: null, ...messageId }
    : { touch_run_id: touchRunId, result: result.kind, provider_message_id: null, provider_status: null, error_code: result.errorCode, error_message: result.errorMessage, ...messageId };
}

/** Logs a claim that did not end in a send (rescheduled, canceled, unknown, skipped). */
export function logNotClaimed(touchRunId: string, claim: Exclude<Claim, ClaimedTouch>): void {
  const unknown = claim.outcome === 'unknown';
  log(unknown ? 'TOUCH_OUTCOME_UNKNOWN' : 'TOUCH_NOT_CLAIMED', { touch_run_id: touchRunId, outcome: claim.outcome, reason: claim.reason }, unknown ? 'warn' : 'info');
}

/** A send starting later than this after its slot takes a new slot (brain.reslot_touch) instead. */
const LATE_MS = 50;
const MAX_RESLOTS = 5;

/**
 * Waits for the touch's slot. When the process was too busy to start the send on
 * time (more than LATE_MS after the slot), the send would crowd the sender's next
 * 1-second window at the provider, so the touch takes a new slot and waits again
 * (at most MAX_RESLOTS times; then it goes, late). Returns how many new slots it took.
 */
export async function waitForSlot(deps: Pick<WorkerDeps, 'sql' | 'workerId'>, touchRunId: string, notBefore: string): Promise<number> {
  let slot = new Date(notBefore).getTime();
  for (let reslots = 0; ; reslots++) {
    const wait = slot - Date.now();
    // Never early: a slot is at most 2.5 s ahead when claimed (plus the batch's shift), a minute when reslotted.
    if (wait > MAX_RATE_WAIT_MS) throw new Error(`the slot is ${Math.round(wait / 1000)} s ahead`);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const late = Date.now() - slot;
    if (late <= LATE_MS || reslots >= MAX_RESLOTS) {
      // A warning: the worker was too busy to start a send on time.
      if (reslots > 0) log('TOUCH_RESLOTTED', { touch_run_id: touchRunId, reslots, still_late_ms: Math.max(0, late) }, 'warn');
      return reslots;
    }
    const [row] = await deps.sql<{ slot: Date }[]>`select brain.reslot_touch(${touchRunId}::uuid, ${deps.workerId}) as slot`;
    slot = row!.slot.getTime();
  }
}

/**
 * Calls the provider for one claimed touch, no earlier than its sender's slot
 * (not_before). Never throws: a driver that throws after the request may have left
 * is unknown (reconciled with the provider, never re-sent blindly).
 */
export async function sendClaimed(deps: WorkerDeps, claim: ClaimedTouch): Promise<{ result: SendResult; credentials: string }> {
  const send: ClaimedSend = claim.send;
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
  const credentials = driver ? choice.source : 'none';
  if (driver === null) return { result: (choice as Extract<DriverChoice, { driver: null }>).result, credentials };
  // The slot is waited for last, after the credentials lookup: a send that starts late
  // would crowd the sender's next 1-second window at the provider.
  const lateSlots = await waitForSlot(deps, send.touchRunId, claim.not_before).catch((error: unknown) => error as Error);
  if (lateSlots instanceof Error) {
    // Nothing was sent, but no new slot could be had (the claim is no longer this
    // worker's, or the database failed). Recorded as unknown, not failed: the
    // reconciliation asks the provider, finds nothing, and sends it again as a new
    // attempt with consent, window and slot checked afresh; the message is not lost.
    return { result: { kind: 'unknown', errorCode: 'slot_unavailable', errorMessage: `slot_unavailable: ${lateSlots.message.slice(0, 200)}` }, credentials };
  }
  if (!driver.channels.includes(send.channel)) {
    return { result: { kind: 'not_sent', errorCode: 'driver_unavailable', errorMessage: `no ${send.provider} driver for ${send.channel}` }, credentials };
  }
  try {
    // The drivers build their own status-callback and media-stream URLs.
    const result = await driver.send(
      send.channel === 'email'
        ? { ...send, unsubscribeUrl: `${deps.publicBaseUrl}/unsubscribe/${signToken({ a: send.accountId, l: send.leadId, c: 'email' }, deps.appSecret)}` }
        : send,
    );
    return { result, credentials };
  } catch (error) {
    return { result: { kind: 'unknown', errorCode: 'driver_error', errorMessage: `driver_error: ${(error as Error).message.slice(0, 200)}` }, credentials };
  }
}

/** brain.record_touch_outcomes' answer for one touch. */
const Recorded = z.object({ touch_run_id: z.string(), recorded: z.boolean(), error: z.string().optional() }).passthrough();
export type Recorded = z.infer<typeof Recorded>;

/**
 * Records outcomes in one transaction (brain.record_touch_outcomes). The sends
 * happened; losing an outcome would leave its touch unknown, so a failed call, or
 * an element SQL answered with an error, is tried again with back-off.
 */
export async function recordOutcomes(deps: WorkerDeps, outcomes: Outcome[]): Promise<Map<string, Recorded>> {
  const answers = new Map<string, Recorded>();
  let pending = outcomes;
  let delay = 100;
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      const [row] = await deps.outcomeSql<{ r: unknown }[]>`
        select brain.record_touch_outcomes(${deps.outcomeSql.json(pending as never)}) as r`;
      const recorded = z.array(Recorded).parse(row?.r);
      const failed = new Set<string>();
      for (const r of recorded) {
        answers.set(r.touch_run_id, r);
        if (r.error !== undefined) failed.add(r.touch_run_id);
      }
      if (failed.size === 0 || attempt >= 6) break;
      log('TOUCH_RECORD_RETRY', { touches: failed.size, attempt, error: recorded.find((r) => r.error)?.error }, 'warn');
      pending = pending.filter((o) => failed.has(o.touch_run_id));
    } catch (error) {
      if (attempt >= 6) throw error;
      log('TOUCH_RECORD_RETRY', { touches: pending.length, attempt, error: (error as Error).message }, 'warn');
    }
    await new Promise((r) => setTimeout(r, delay));
    delay *= 2;
  }
  return answers;
}

export function logDispatched(claim: ClaimedTouch, touchRunId: string, result: SendResult, credentials: string, outcome: unknown): void {
  log('TOUCH_DISPATCHED', {
    touch_run_id: touchRunId,
    channel: claim.send.channel,
    provider: claim.send.provider,
    credentials,
    result: result.kind,
    ...(result.kind === 'accepted' ? {} : { error_code: result.errorCode }),
    outcome,
  });
}
