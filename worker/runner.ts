/**
 * The graphile-worker runner. Tasks are thin I/O adapters registered in
 * worker/tasks; periodic work comes from worker/crontab.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { log, type LogLevel } from '../lib/log.ts';

const WORKER_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CRONTAB_FILE = path.join(WORKER_DIR, 'crontab');

export interface WorkerHealth {
  running: boolean;
  listening: boolean;
  startedAt: string | null;
  lastError: string | null;
}

export interface WorkerHandle {
  runner: Runner;
  health(): WorkerHealth;
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  connectionString: string;
  concurrency: number;
  taskList: TaskList;
  /** Defaults to worker/crontab when that file exists. */
  crontabFile?: string | null;
}

const LEVEL_MAP: Record<string, LogLevel> = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' };

/**
 * graphile-worker's own messages, as log lines. Its per-job info lines
 * ("Completed task 42 … with success") are debug here: each task logs its
 * own outcome event, and a busy queue would otherwise drown the terminal.
 */
const workerLogger = new Logger((scope) => (level, message) => {
  const mapped = LEVEL_MAP[level] ?? 'info';
  const quieted = mapped === 'info' && scope.jobId !== undefined ? 'debug' : mapped;
  log('WORKER_LOG', { message, label: scope.label, task: scope.taskIdentifier, job_id: scope.jobId }, quieted);
});

export async function startWorker(options: StartWorkerOptions): Promise<WorkerHandle> {
  const state: WorkerHealth = { running: false, listening: false, startedAt: null, lastError: null };
  const crontabFile = options.crontabFile === undefined ? (existsSync(CRONTAB_FILE) ? CRONTAB_FILE : null) : options.crontabFile;

  // Listeners go on before run() starts, so no pool event can be missed.
  const events = new EventEmitter() as WorkerEvents;
  events.on('pool:listen:success', () => {
    state.listening = true;
  });
  events.on('pool:listen:error', ({ error }) => {
    state.listening = false;
    state.lastError = String((error as Error)?.message ?? error);
  });
  events.on('pool:release', () => {
    state.running = false;
    state.listening = false;
  });

  // Our own pool, so a dropped connection (database restart, admin kill) is
  // logged and retried instead of surfacing as an unhandled 'error' event.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.concurrency + 2 });
  const onPoolError = (error: Error) => {
    state.lastError = error.message;
    log('WORKER_POOL_ERROR', { error: error.message }, 'warn');
  };
  pool.on('error', onPoolError);
  // A checked-out client's own errors (its connection dropped mid-job) go the same way.
  pool.on('connect', (client) => {
    client.on('error', onPoolError);
  });

  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency,
    taskList: options.taskList,
    // Without a file, say so explicitly: graphile-worker would otherwise look for ./crontab.
    ...(crontabFile ? { crontabFile } : { parsedCronItems: [] }),
    noHandleSignals: true,
    logger: workerLogger,
    events,
  });
  state.running = true;
  state.startedAt = new Date().toISOString();
  runner.promise.then(
    () => {
      state.running = false;
    },
    (error: unknown) => {
      state.running = false;
      state.lastError = String((error as Error)?.message ?? error);
      log('WORKER_STOPPED_WITH_ERROR', { error: state.lastError }, 'error');
    },
  );

  return {
    runner,
    health: () => ({ ...state }),
    stop: async () => {
      if (state.running) await runner.stop();
      state.running = false;
      state.listening = false;
      if (!pool.ended) await pool.end();
    },
  };
}
