/**
 * The receipts drain (receipts-first ingest, issue 16): webhooks only write
 * receipts; these two loops, in every worker process, apply them.
 *
 *  - consent: brain.apply_pending_consent suppresses the phone of every STOP
 *    waiting in the backlog, set-based, so a revocation takes effect before the
 *    drain reaches it;
 *  - drain: brain.drain_webhook_receipts applies receipts in batches, in order per
 *    lead, exactly once. Several processes may drain at once: each batch holds its
 *    partitions (advisory locks) until it commits.
 *
 * How they wake: by polling, never by a NOTIFY per webhook. After a pass that found
 * work the next one starts at once (a full batch) or after minDelayMs; an idle pass
 * doubles the delay up to maxDelayMs. In the process that also serves the webhooks,
 * each committed group of receipts (one group commit, however many webhooks it
 * holds) cuts the wait short once (lib/receipt-signal.ts). The batch size adapts so one batch takes about
 * targetBatchMs, which bounds how long a receipt waits behind a batch in flight.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { onReceiptsWritten } from '../lib/receipt-signal.ts';

export interface DrainOptions {
  /** Most receipts per drain transaction (the SQL allows up to 5000). */
  maxBatch: number;
  minBatch: number;
  /** The batch size is adjusted so a batch takes about this long. */
  targetBatchMs: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** How many of the 16 drain partitions one batch may hold: less than all, so a second drainer finds work. */
  partitions: number;
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { maxBatch: 500, minBatch: 20, targetBatchMs: 250, minDelayMs: 50, maxDelayMs: 500, partitions: 8 };

const DrainResult = z.object({ claimed: z.number(), processed: z.number(), failed: z.number(), partitions: z.number() }).passthrough();
const ConsentResult = z.object({ checked: z.number(), opt_outs: z.number(), suppressions: z.number() });

export interface ReceiptDrain {
  stop(): Promise<void>;
}

/** One drain transaction; what brain.drain_webhook_receipts answered. */
export async function drainOnce(sql: Sql, limit: number, partitions = 16): Promise<z.infer<typeof DrainResult>> {
  const [row] = await sql<{ r: unknown }[]>`select brain.drain_webhook_receipts(${limit}::integer, ${partitions}::integer) as r`;
  return DrainResult.parse(row?.r);
}

/** One consent pre-pass. */
/** Receipts one consent pre-pass reads (newest first). */
const CONSENT_BATCH = 1000;

export async function consentOnce(sql: Sql): Promise<z.infer<typeof ConsentResult>> {
  const [row] = await sql<{ r: unknown }[]>`select brain.apply_pending_consent(${CONSENT_BATCH}::integer) as r`;
  return ConsentResult.parse(row?.r);
}

/** Runs fn until stopped: at once after a full pass, minDelayMs after a pass with work, backing off when idle. */
function loop(name: string, options: DrainOptions, fn: () => Promise<'full' | 'some' | 'none'>): { stop(): Promise<void> } {
  let stopped = false;
  const abort = new AbortController();
  // Set by a wake-up; a wake-up during a pass makes the next wait zero, one during a wait ends it.
  let woken = false;
  let wait: AbortController | null = null;
  const unsubscribe = onReceiptsWritten(() => {
    woken = true;
    wait?.abort();
  });
  const done = (async () => {
    let delay = options.minDelayMs;
    while (!stopped) {
      woken = false;
      let found: 'full' | 'some' | 'none' = 'none';
      let failed = false;
      try {
        found = await fn();
      } catch (error) {
        if (stopped) break;
        failed = true;
        log('RECEIPT_DRAIN_FAILED', { loop: name, error: (error as Error).message }, 'warn');
      }
      if (found === 'full') {
        delay = options.minDelayMs;
        continue;
      }
      delay = found === 'some' ? options.minDelayMs : Math.min(options.maxDelayMs, delay * 2);
      // After a failed pass (the database away) the back-off holds, wake-ups or not.
      if (woken && !failed) {
        delay = options.minDelayMs;
        continue;
      }
      wait = failed ? null : new AbortController();
      await sleep(delay, undefined, { signal: wait ? AbortSignal.any([abort.signal, wait.signal]) : abort.signal }).catch(() => {});
      wait = null;
      if (woken && !failed) delay = options.minDelayMs;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      abort.abort();
      await done;
    },
  };
}

/** Starts the consent and drain loops on `sql` (sessions as revenue_worker). */
export function startReceiptDrain(sql: Sql, options: DrainOptions = DEFAULT_DRAIN_OPTIONS): ReceiptDrain {
  let limit = options.minBatch;
  const consent = loop('consent', options, async () => {
    const r = await consentOnce(sql);
    if (r.opt_outs > 0) log('RECEIPT_CONSENT_APPLIED', { checked: r.checked, opt_outs: r.opt_outs, suppressions: r.suppressions });
    return r.checked === 0 ? 'none' : r.checked >= CONSENT_BATCH ? 'full' : 'some';
  });
  const drain = loop('drain', options, async () => {
    const asked = limit;
    const started = performance.now();
    const r = await drainOnce(sql, asked, options.partitions);
    const elapsed = performance.now() - started;
    if (r.claimed > 0) {
      // Aim for targetBatchMs per batch from what this one cost per receipt.
      const perReceipt = elapsed / r.claimed;
      limit = Math.max(options.minBatch, Math.min(options.maxBatch, Math.round(options.targetBatchMs / Math.max(perReceipt, 0.05))));
      if (r.failed > 0) log('RECEIPT_DRAIN_ERRORS', { claimed: r.claimed, processed: r.processed, failed: r.failed }, 'warn');
    }
    return r.claimed === 0 ? 'none' : r.claimed >= asked ? 'full' : 'some';
  });
  return {
    stop: async () => {
      await Promise.all([consent.stop(), drain.stop()]);
    },
  };
}
