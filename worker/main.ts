/**
 * A standalone worker process (no HTTP): run as many as needed against one
 * database; graphile-worker coordinates them. Needs DATABASE_URL.
 *
 *   DATABASE_URL=postgres://… node --import tsx worker/main.ts
 */
import { connect } from '../db/client.ts';
import { loadConfig } from '../lib/config.ts';
import { applyLogFormat, log, setLogLevel } from '../lib/log.ts';
import { loadKeyRing } from '../lib/secrets.ts';
import { startWorkerForProcess } from './start.ts';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'Usage: DATABASE_URL=postgres://… node --import tsx worker/main.ts\n' +
        'Runs graphile-worker tasks and worker/crontab without the HTTP API. The database must be\n' +
        'built already (make run or make db). Settings: WORKER_CONCURRENCY, WORKER_ID, provider env,\n' +
        'WORKER_HEARTBEAT_MS (10000) and WORKER_DEAD_AFTER_MS (60000): crash recovery, see README,\n' +
        'REVENUE_OS_MASTER_KEY (the same as the API\'s, to open account credentials); see README.\n' +
        'Stops on SIGINT/SIGTERM after the running jobs finish.\n',
    );
    return;
  }
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  applyLogFormat(config.LOG_FORMAT);
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for a standalone worker');
  const sql = connect(config.DATABASE_URL, { max: config.WORKER_CONCURRENCY + 2, applicationName: 'revenue-os-worker' });
  // Every process that sends must hold the same master key as the API (REVENUE_OS_MASTER_KEY).
  const keyRing = await loadKeyRing(config, config.DATA_DIR);
  const { handle } = await startWorkerForProcess({ config, env: process.env, sql, databaseUrl: config.DATABASE_URL, keyRing });
  log('WORKER_STARTED', { concurrency: config.WORKER_CONCURRENCY });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log('WORKER_STOPPING', { signal });
    await handle.stop();
    await sql.end({ timeout: 5 });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  log('WORKER_START_FAILED', { error: error.message }, 'error');
  process.exit(1);
});
