/**
 * Health of this process, for /healthz (anyone: ok or not) and /healthz/detail
 * (an account's owner: liveness plus that account's own job counts).
 */
import type { Sql, TransactionSql } from '../../db/client.ts';
import type { WorkerHealth } from '../../worker/runner.ts';
import type { JobCounts } from './status.ts';

const DB_CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface DatabaseProbe {
  ok: boolean;
  latency_ms: number | null;
  error: string | null;
}

/** One `select 1` with a 2 s limit. */
export async function probeDatabase(sql: Sql): Promise<DatabaseProbe> {
  const started = performance.now();
  try {
    await withTimeout(sql`select 1`, DB_CHECK_TIMEOUT_MS);
    return { ok: true, latency_ms: Math.round((performance.now() - started) * 10) / 10, error: null };
  } catch (error) {
    return { ok: false, latency_ms: null, error: (error as Error).message };
  }
}

export interface WorkerLiveness {
  ok: boolean;
  running: boolean;
  listening: boolean;
  started_at: string | null;
  last_error: string | null;
}

/** The worker of this process: running and listening, or why not. */
export function workerLiveness(w: WorkerHealth | null): WorkerLiveness {
  return w
    ? { ok: w.running && w.listening, running: w.running, listening: w.listening, started_at: w.startedAt, last_error: w.lastError }
    : { ok: false, running: false, listening: false, started_at: null, last_error: 'no worker in this process' };
}

export interface AccountQueue {
  jobs: JobCounts & { retrying: number };
  by_task: { task: string; pending: number; running: number; failed: number }[];
  /** Webhook receipts the drain has not applied yet (receipts-first ingest). */
  receipts: { waiting: number; failed: number; oldest_waiting_at: string | null; oldest_age_s: number };
  crontab: { identifier: string; known_since: string | null; last_execution: string | null }[];
}

/** The caller's account's job queue (public.system_health, scoped by row-level security's app.account_id). */
export async function accountQueue(tx: TransactionSql): Promise<AccountQueue> {
  const [row] = await tx<{ h: AccountQueue }[]>`select public.system_health() as h`;
  return row!.h;
}
