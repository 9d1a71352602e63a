/**
 * The Craigslist hunter (seed 001 "Craigslist (US) V0"): a standalone process that claims
 * lead_hunter.craigslist_tasks_v1 tasks one at a time and works them in Debian's Chromium.
 *
 *   make hunter                      # DATABASE_URL=postgres://… and the CL_* settings
 *   DATABASE_URL=… node --import tsx hunter/main.ts
 *
 * SIGTERM/SIGINT: the current task may finish within CL_SHUTDOWN_GRACE_MS; otherwise its claim
 * is released (release_task_v1). Then the browser is closed and the process exits 0.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type Sql } from '../db/client.ts';
import { log, setLogLevel } from '../lib/log.ts';
import { HunterBrowser, withTimeout } from './browser.ts';
import { loadHunterConfig, type HunterConfig } from './config.ts';
import { Politeness, TaskSchema, runTask, type Task } from './run.ts';

const USAGE = `Usage: DATABASE_URL=postgres://… node --import tsx hunter/main.ts   (or: make hunter)
Claims Craigslist tasks from lead_hunter.craigslist_tasks_v1 and works them one page at a time.
Settings (env): WORKER_ID, CL_HEADLESS (default 0: a visible browser), CL_SLOWMO, CL_HARD_TIMEOUT_MS,
CL_WAIT_SELECTOR_MS, CL_JITTER_MIN_MS, CL_JITTER_MAX_MS, CL_SCREENSHOT_DIR, CL_MAX_DISCOVER,
CL_LOG_EVIDENCE, CL_BASE_URL, CL_CHROMIUM_PATH, CL_IDLE_POLL_MS, CL_BLOCK_COOLDOWN_MS,
CL_SHUTDOWN_GRACE_MS, LOG_LEVEL. See README "Running the hunter".
`;

async function claim(sql: Sql, workerId: string): Promise<Task | null> {
  const rows = await sql`
    select id, task_type, city, url, external_id, attempts
    from lead_hunter.claim_craigslist_task_v1(${workerId})`;
  return rows[0] ? TaskSchema.parse(rows[0]) : null;
}

async function release(sql: Sql, task: Task, workerId: string): Promise<void> {
  const [row] = await sql<{ released: boolean | null }[]>`
    select lead_hunter.release_task_v1(${task.id}, ${workerId}) as released`;
  log('HUNTER_TASK_RELEASED', { task_id: task.id, released: row?.released === true });
}

async function hunt(config: HunterConfig): Promise<void> {
  const sql = connect(config.DATABASE_URL, { max: 2, role: 'revenue_worker', applicationName: 'revenue-os-hunter' });
  // Fail fast on a wrong database; later connection errors are retried.
  const [probe] = await sql<{ ok: boolean }[]>`
    select pg_catalog.to_regprocedure('lead_hunter.claim_craigslist_task_v1(text,interval,timestamptz)') is not null as ok`;
  if (!probe?.ok) {
    await sql.end({ timeout: 5 });
    throw new Error('the database has no Craigslist queue (lead_hunter.claim_craigslist_task_v1): build it with make db');
  }
  const browserOptions = {
    executablePath: config.CL_CHROMIUM_PATH,
    headless: config.CL_HEADLESS,
    slowMo: config.CL_SLOWMO,
    hardTimeoutMs: config.CL_HARD_TIMEOUT_MS,
    waitSelectorMs: config.CL_WAIT_SELECTOR_MS,
  };
  let browser = await HunterBrowser.launch(browserOptions);
  const politeness = new Politeness(config.CL_JITTER_MIN_MS, config.CL_JITTER_MAX_MS, config.CL_BLOCK_COOLDOWN_MS);
  const abort = new AbortController();
  let current: Task | null = null;
  let stopping = false;

  const loop = (async () => {
    while (!stopping) {
      // The politeness pause (jitter, or a cooldown after a block) passes before the claim,
      // so no task is held while this hunter waits.
      await politeness.beforeNavigation(abort.signal).catch(() => {});
      if (stopping) break;
      let task: Task | null;
      try {
        task = await claim(sql, config.WORKER_ID);
      } catch (error) {
        // The database may be restarting; try again after the idle pause.
        log('HUNTER_CLAIM_FAILED', { error: error instanceof Error ? error.message : String(error) }, 'error');
        task = null;
      }
      if (!task) {
        await sleep(config.CL_IDLE_POLL_MS, undefined, { signal: abort.signal }).catch(() => {});
        continue;
      }
      current = task;
      if (stopping) return; // claimed while stopping: stop() releases it
      log('HUNTER_TASK_CLAIMED', { task_id: task.id, task_type: task.task_type, city: task.city, attempt: task.attempts });
      try {
        await runTask(task, { sql, browser, config, politeness, signal: abort.signal });
      } catch (error) {
        if (stopping) return; // interrupted by shutdown: stop() releases the claim
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        log('HUNTER_TASK_ERROR', { task_id: task.id, error: message }, 'error');
        await sql`select lead_hunter.fail_task_v1(${task.id}, ${config.WORKER_ID}, 'hunter_error')`.catch(() => {});
        log('HUNTER_TASK_FAILED', { task_id: task.id, task_type: task.task_type, code: 'hunter_error' }, 'warn');
        await browser.reset().catch(() => {});
        if (!browser.connected) {
          log('HUNTER_BROWSER_RELAUNCH', {}, 'warn');
          browser = await HunterBrowser.launch(browserOptions);
        }
      }
      current = null;
    }
  })();

  const stop = async (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log('HUNTER_STOPPING', { signal, task_id: current?.id ?? null });
    abort.abort();
    await withTimeout(loop, config.CL_SHUTDOWN_GRACE_MS, 'current task').catch(() => {});
    const held: Task | null = current;
    if (held) await release(sql, held, config.WORKER_ID).catch((e: Error) => log('HUNTER_RELEASE_FAILED', { error: e.message }, 'error'));
    await browser.close();
    await sql.end({ timeout: 5 });
    log('HUNTER_STOPPED', { signal });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  log('HUNTER_STARTED', {
    worker_id: config.WORKER_ID,
    base_url: config.CL_BASE_URL,
    headless: config.CL_HEADLESS,
    jitter_ms: [config.CL_JITTER_MIN_MS, config.CL_JITTER_MAX_MS],
  });

  try {
    await loop;
  } catch (error) {
    if (stopping) return;
    throw error;
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadHunterConfig();
  setLogLevel(config.LOG_LEVEL);
  if (!config.CL_HEADLESS && !config.DISPLAY && !config.WAYLAND_DISPLAY) {
    throw new Error('CL_HEADLESS=0 (the default) opens a visible browser but no DISPLAY is set: run it on a desktop, under xvfb-run, or set CL_HEADLESS=1');
  }
  await hunt(config);
}

main().catch((error: Error) => {
  log('HUNTER_FAILED', { error: error.message.split('\n')[0] }, 'error');
  process.exit(1);
});
