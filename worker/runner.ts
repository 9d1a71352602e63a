/**
 * The graphile-worker runner. Tasks are thin I/O adapters registered in
 * worker/tasks; periodic work comes from worker/crontab.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
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
  /** Heartbeat of this process; without it the process neither beats nor declares others dead. */
  heartbeat?: HeartbeatOptions;
}

export interface HeartbeatOptions {
  /** The process's worker id (touch_runs.claimed_by). */
  workerId: string;
  /** WORKER_HEARTBEAT_MS: how often it beats and looks for dead workers. */
  intervalMs: number;
  /** WORKER_DEAD_AFTER_MS: silence after which a worker is declared dead. */
  deadAfterMs: number;
}

interface DeclaredDead {
  worker_id: string;
  silent_s: string;
  jobs_unlocked: number;
  touches_unknown: number;
}

/**
 * Every intervalMs: say this process is alive (with the graphile-worker ids its job
 * locks carry), then declare dead any worker silent for deadAfterMs: SQL
 * unlocks its jobs (graphile_worker.force_unlock_workers), makes its in-doubt
 * touches unknown and queues their reconciliation. Runs on the runner's pool (the
 * database owner, as graphile-worker itself). Returns a function that stops it; with
 * retire, this process's row goes too (a clean stop), else it falls silent and is
 * declared dead in turn (a runner that stopped with an error).
 */
function startHeartbeat(pool: pg.Pool, options: HeartbeatOptions, jobWorkerIds: Set<string>): (retire: boolean) => Promise<void> {
  let busy = false;
  let current: Promise<void> = Promise.resolve();
  const beat = async () => {
    if (busy) return;
    busy = true;
    try {
      await pool.query('select brain.beat_worker($1, $2, $3, $4)', [options.workerId, process.pid, hostname(), [...jobWorkerIds]]);
      const { rows } = await pool.query<DeclaredDead>(
        'select worker_id, silent_s, jobs_unlocked, touches_unknown from brain.declare_dead_workers(make_interval(secs => $1::float8 / 1000))',
        [options.deadAfterMs],
      );
      for (const r of rows) {
        log('WORKER_DECLARED_DEAD', { worker_id: r.worker_id, silent_s: Number(r.silent_s), jobs_unlocked: r.jobs_unlocked, touches_unknown: r.touches_unknown, by: options.workerId }, 'warn');
      }
    } catch (error) {
      log('WORKER_HEARTBEAT_FAILED', { error: (error as Error).message }, 'warn');
    } finally {
      busy = false;
    }
  };
  const tick = () => {
    if (!busy) current = beat();
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  return async (retire) => {
    clearInterval(timer);
    if (!retire) return;
    await current; // a beat in flight must not bring the row back after it is retired
    await pool.query('select brain.retire_worker($1)', [options.workerId]).catch((error: Error) => {
      log('WORKER_HEARTBEAT_FAILED', { error: error.message }, 'warn');
    });
  };
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
  // The ids graphile-worker locks this process's jobs with (jobs.locked_by): its worker
  // pool's id (0.17 fetches jobs in batches under it), and each worker's own id.
  const jobWorkerIds = new Set<string>();
  events.on('pool:create', ({ workerPool }) => {
    jobWorkerIds.add(workerPool.id);
  });
  events.on('worker:create', ({ worker }) => {
    jobWorkerIds.add(worker.workerId);
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
  const stopHeartbeat = options.heartbeat ? startHeartbeat(pool, options.heartbeat, jobWorkerIds) : async (_retire: boolean) => {};
  runner.promise.then(
    () => {
      state.running = false;
    },
    (error: unknown) => {
      state.running = false;
      // No jobs run any more: stop saying otherwise, so live workers free its locks.
      void stopHeartbeat(false);
      state.lastError = String((error as Error)?.message ?? error);
      log('WORKER_STOPPED_WITH_ERROR', { error: state.lastError }, 'error');
    },
  );

  return {
    runner,
    health: () => ({ ...state }),
    stop: async () => {
      if (state.running) await runner.stop();
      if (!pool.ended) await stopHeartbeat(true);
      state.running = false;
      state.listening = false;
      if (!pool.ended) await pool.end();
    },
  };
}
