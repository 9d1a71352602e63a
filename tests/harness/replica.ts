/**
 * A hot standby of the test server, for tests that must prove a read path works
 * on a streaming replica: pg_basebackup from the test server (with the server's
 * own binaries), started on a free port with standby.signal and
 * primary_conninfo (pg_basebackup -R), stopped and removed by stop().
 *
 * Needs, on the test server: wal_level replica (or logical), max_wal_senders > 0,
 * and a pg_hba.conf line letting this user open a replication connection from
 * 127.0.0.1. Without one, startStandby() fails and says which line to add.
 * No replication slot is made (a slot left behind by a crashed run would keep
 * WAL on the server for ever): the standby streams from where the backup ended,
 * which the server still holds unless wal_keep_size is 0 and a checkpoint
 * recycles that segment in the second between backup and start. A standby that
 * falls behind like that fails with the server's log line, not silently.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { connect, primaryWalPosition, withDatabase, type Sql } from '../../db/client.ts';
import { adminUrl } from './env.ts';

export interface Standby {
  /** postgres://… of the standby's postgres database (withDatabase for another). */
  url: string;
  port: number;
  dataDir: string;
  /** Waits until the standby has replayed everything the primary had written when called. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** The standby's server log (for failure messages). */
  logTail(): Promise<string>;
  /** Stops the standby and removes its data folder; safe to call twice. */
  stop(): Promise<void>;
}

/** Where standby folders go: the postgres OS user must reach it (as root, /root and mkdtemp folders under /tmp may be 0700). */
const STANDBY_PARENT = '/var/tmp';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** As root, the server's tools must run as the postgres OS user (PostgreSQL refuses root). */
function postgresIdentity(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function run(bin: string, args: string[], identity: { uid: number; gid: number } | null, timeoutMs = 120_000): void {
  const options: SpawnSyncOptions = { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, ...(identity ?? {}) };
  const r = spawnSync(bin, args, options);
  if (r.status !== 0) {
    const out = `${r.stdout?.toString() ?? ''}${r.stderr?.toString() ?? ''}`.trim().slice(-2000);
    throw new Error(`${path.basename(bin)} ${args[0]} failed (${r.error?.message ?? `exit ${r.status}`}): ${out}`);
  }
}

/** Why the test server cannot feed a standby, or null when it can. */
async function replicationProblem(admin: Sql): Promise<string | null> {
  const [s] = await admin<{ wal_level: string; max_wal_senders: number; hba_file: string }[]>`
    select current_setting('wal_level') as wal_level,
           current_setting('max_wal_senders')::int as max_wal_senders,
           current_setting('hba_file') as hba_file`;
  if (s!.wal_level === 'minimal') return `wal_level is minimal on the test server: set wal_level = replica and restart it`;
  if (s!.max_wal_senders < 1) return `max_wal_senders is 0 on the test server: set it to 2 or more and restart it`;
  const [hba] = await admin<{ n: number }[]>`
    select count(*)::int as n from pg_catalog.pg_hba_file_rules r
    where r.error is null and r.type in ('host', 'hostnossl')
      and ('replication' = any (r.database))
      and (r.user_name && array['all', current_user]::text[])
      and (r.address in ('127.0.0.1', 'all', 'samehost', 'samenet', '0.0.0.0'))`;
  if (hba!.n === 0) {
    return (
      `the test server's pg_hba.conf (${s!.hba_file}) lets nobody open a replication connection from 127.0.0.1, ` +
      `which pg_basebackup and the standby need. Add this line, then reload (select pg_reload_conf()):\n` +
      `  host  replication  ${(await admin<{ u: string }[]>`select current_user as u`)[0]!.u}  127.0.0.1/32  trust\n` +
      `(the "all" in "host all all 127.0.0.1/32 trust" does not cover replication connections), ` +
      `or point TEST_DATABASE_URL at a server that allows it (run tests/harness/prepare.ts against it first).`
    );
  }
  return null;
}

/**
 * Makes and starts a hot standby of the test server. Throws, saying what is
 * missing, when the server does not allow it: a replica test never skips quietly.
 */
export async function startStandby(): Promise<Standby> {
  const primary = new URL(adminUrl());
  const admin = connect(adminUrl(), { max: 1, applicationName: 'revenue-os-test-standby' });
  let bindir: string;
  let limits: { name: string; setting: string }[];
  try {
    const problem = await replicationProblem(admin);
    if (problem) throw new Error(`cannot make a standby for the replica tests: ${problem}`);
    // The server's own binaries: pg_basebackup and postgres of its major version.
    const [b] = await admin<{ setting: string }[]>`select setting from pg_catalog.pg_config where name = 'BINDIR'`;
    bindir = b!.setting;
    // A hot standby refuses to start with less of these than its primary has.
    limits = await admin<{ name: string; setting: string }[]>`
      select name, setting from pg_catalog.pg_settings
      where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`;
  } finally {
    await admin.end();
  }

  const identity = postgresIdentity();
  const dataDir = await mkdtemp(path.join(STANDBY_PARENT, 'revenue-os-standby-'));
  await chmod(dataDir, 0o700);
  if (identity) await chown(dataDir, identity.uid, identity.gid);
  const port = await freePort();
  const logFile = path.join(dataDir, 'standby.log');
  const pgCtl = path.join(bindir, 'pg_ctl');
  let started = false;

  const stop = async () => {
    if (started) {
      started = false;
      spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], { stdio: 'ignore', ...(identity ?? {}) });
      // Still up (a stuck shutdown): no data worth keeping, stop it at once.
      spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30'], { stdio: 'ignore', ...(identity ?? {}) });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const logTail = async () => {
    try {
      return (await readFile(logFile, 'utf8')).split('\n').slice(-25).join('\n');
    } catch {
      return '(no standby log)';
    }
  };

  try {
    // -R writes standby.signal and primary_conninfo; -X stream brings the WAL the backup needs.
    run(path.join(bindir, 'pg_basebackup'), [
      '--pgdata', dataDir, '--host', primary.hostname, '--port', primary.port || '5432',
      '--username', decodeURIComponent(primary.username || 'postgres'),
      '--wal-method', 'stream', '--checkpoint', 'fast', '--write-recovery-conf', '--no-password',
    ], identity);
    // Debian keeps postgresql.conf and pg_hba.conf in /etc, outside the copied data folder:
    // the standby gets its own, small ones.
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dataDir}'`,
      `hot_standby = on`,
      `shared_buffers = '32MB'`,
      `ssl = off`,
      `fsync = off`,
      `logging_collector = off`,
      ...limits.map((l) => `${l.name} = ${l.setting}`),
    ];
    const owned = async (file: string, text: string) => {
      await writeFile(file, text, { mode: 0o600 });
      if (identity) await chown(file, identity.uid, identity.gid);
    };
    await owned(path.join(dataDir, 'postgresql.conf'), conf.join('\n') + '\n');
    await owned(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    await owned(path.join(dataDir, 'pg_ident.conf'), '');
    await owned(logFile, '');
    run(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60'], identity);
    started = true;
  } catch (error) {
    const tail = await logTail();
    await stop();
    throw new Error(`${(error as Error).message}\nstandby log:\n${tail}`);
  }

  const url = withDatabase(`postgres://${encodeURIComponent(decodeURIComponent(primary.username || 'postgres'))}@127.0.0.1:${port}`, 'postgres');
  const catchUp = async (timeoutMs = 30_000) => {
    const p = connect(adminUrl(), { max: 1, applicationName: 'revenue-os-test-standby' });
    const s = connect(url, { max: 1, applicationName: 'revenue-os-test-standby' });
    try {
      const lsn = await primaryWalPosition(p);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [r] = await s<{ ok: boolean; recovery: boolean }[]>`
          select coalesce(pg_catalog.pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as ok, pg_catalog.pg_is_in_recovery() as recovery`;
        if (!r!.recovery) throw new Error('the standby left recovery: it is no longer a replica');
        if (r!.ok) return;
        if (Date.now() > deadline) throw new Error(`the standby has not replayed ${lsn} after ${timeoutMs} ms; its log:\n${await logTail()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await s.end({ timeout: 5 });
      await p.end({ timeout: 5 });
    }
  };
  return { url, port, dataDir, catchUp, logTail, stop };
}
