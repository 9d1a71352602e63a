/**
 * Receipts-first ingest in tests: webhooks only write receipts, so a test that
 * wants to see their effect drains them, as the worker would, instead of sleeping.
 */
import type { Sql } from '../../db/client.ts';
import { consentOnce, drainOnce } from '../../worker/drain.ts';

/** Runs the consent pre-pass, then drains until no receipt is due; returns how many were processed and failed. */
export async function drainReceipts(sql: Sql, options: { limit?: number } = {}): Promise<{ processed: number; failed: number; batches: number }> {
  await consentOnce(sql);
  let processed = 0;
  let failed = 0;
  let batches = 0;
  for (;;) {
    const r = await drainOnce(sql, options.limit ?? 500);
    if (r.claimed === 0) return { processed, failed, batches };
    processed += r.processed;
    failed += r.failed;
    batches += 1;
  }
}
