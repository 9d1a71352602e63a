import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatabase } from '../db/build.ts';
import { connect } from '../db/client.ts';
import { embeddedLayout, removeEmbeddedData, startEmbeddedPostgres } from '../db/embedded.ts';
import { setLogSink } from '../lib/log.ts';
import { ROOT } from '../db/build.ts';

const asRoot = userInfo().uid === 0;

/** A port p with p and p + 1 both free right now (the second test starts a rival on p + 1). */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const srv = createServer().once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
  for (let i = 0; i < 50; i++) {
    const port = 55000 + Math.floor(Math.random() * 4000);
    if ((await free(port)) && (await free(port + 1))) return port;
  }
  throw new Error('no two free ports next to each other');
}

/**
 * A checkout-like folder the way root gets one from `mktemp -d` or under /root:
 * mode 0700, so the postgres user cannot even look inside. Plus a state root of
 * its own, so the test never touches /var/lib/revenue-os.
 */
async function closedFolders(label: string): Promise<{ home: string; dataDir: string; stateRoot: string; cleanup(): Promise<void> }> {
  const home = await mkdtemp(path.join(tmpdir(), `revenue-os-${label}-`));
  await chmod(home, 0o700);
  const dataDir = path.join(home, 'checkout', '.data');
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o700 });
  const stateRoot = await mkdtemp(path.join(tmpdir(), `revenue-os-state-${label}-`));
  return {
    home,
    dataDir,
    stateRoot,
    cleanup: async () => {
      await removeEmbeddedData({ dataDir, stateRoot }).catch(() => []);
      await rm(home, { recursive: true, force: true });
      await rm(stateRoot, { recursive: true, force: true });
    },
  };
}

/** Waits for `READY` on a child's stdout; an exit, a spawn error or a timeout rejects with a readable reason. */
function waitReady(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`child not ready within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`child could not be started: ${error.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited early (${code}); stderr: ${stderr}`));
    });
  });
}

describe('embedded PostgreSQL (make run without DATABASE_URL)', () => {
  it('initialises a cluster for a data folder inside a 0700 folder, builds the schema, survives a restart, and make clean removes it', async () => {
    const restoreLog = setLogSink(() => {});
    const f = await closedFolders('restart');
    const port = await freePortPair();
    try {
      const first = await startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: f.stateRoot, port });
      try {
        await buildDatabase(first.url);
        const sql = connect(first.url, { max: 1 });
        await sql`insert into public.accounts (name, slug) values ('Persisted', 'persisted')`;
        await sql.end();
      } finally {
        await first.stop();
      }
      const layout = await embeddedLayout({ dataDir: f.dataDir, stateRoot: f.stateRoot });
      expect(first.clusterDir).toBe(layout.cluster);
      if (asRoot) {
        // As root the server runs as an unprivileged user that owns the cluster,
        // which lives outside the closed checkout, next to its own copy of the binaries.
        expect(layout.cluster.startsWith(f.stateRoot + path.sep)).toBe(true);
        expect((await stat(layout.cluster)).uid).not.toBe(0);
        expect(existsSync(path.join(layout.native, 'bin', 'postgres'))).toBe(true);
      } else {
        expect(layout.cluster).toBe(path.join(f.dataDir, 'pg'));
      }
      const second = await startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: f.stateRoot, port });
      try {
        const sql = connect(second.url, { max: 1 });
        const rows = await sql`select slug from public.accounts`;
        await sql.end();
        expect(rows.map((r) => r.slug)).toEqual(['persisted']);
      } finally {
        await second.stop();
      }
      // A file of the user's own in DATA_DIR survives make clean, and so does the folder holding it.
      await writeFile(path.join(f.dataDir, 'notes.txt'), 'mine');
      const removed = await removeEmbeddedData({ dataDir: f.dataDir, stateRoot: f.stateRoot });
      expect(removed).toContain(path.join(f.dataDir, 'embedded-pg.json'));
      expect(removed).not.toContain(f.dataDir);
      expect(existsSync(path.join(f.dataDir, 'notes.txt'))).toBe(true);
      expect(existsSync(path.join(f.dataDir, 'embedded-pg.json'))).toBe(false);
      expect(existsSync(layout.cluster)).toBe(false);
      if (asRoot) expect(removed).toContain(layout.stateDir);
    } finally {
      restoreLog();
      await f.cleanup();
    }
  }, 120_000);

  it('recovers the cluster from a make run killed with SIGKILL, and refuses a second live owner and make clean meanwhile', async () => {
    const lines: string[] = [];
    const restoreLog = setLogSink((l) => lines.push(l));
    const f = await closedFolders('orphan');
    const port = await freePortPair();
    const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.join(ROOT, 'db', 'embedded.ts'))};
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(f.dataDir)}, stateRoot: ${JSON.stringify(f.stateRoot)}, port: ${port} });
      console.log('READY'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitReady(child, 90_000);
      await expect(startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: f.stateRoot, port: port + 1 })).rejects.toThrow(
        new RegExp(`another process \\(pid ${child.pid}\\) is running the embedded Postgres`),
      );
      await expect(removeEmbeddedData({ dataDir: f.dataDir, stateRoot: f.stateRoot })).rejects.toThrow(/stop it with Ctrl-C first/);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const again = await startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: f.stateRoot, port });
      await again.stop();
      expect(lines.some((l) => l.includes('"event":"EMBEDDED_PG_ORPHAN_STOPPING"'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
      restoreLog();
      await f.cleanup();
    }
  }, 120_000);

  it.runIf(asRoot)('as root, a state folder the postgres user cannot reach is refused with a command that works, and that command works', async () => {
    const restoreLog = setLogSink(() => {});
    const f = await closedFolders('unreachable');
    const port = await freePortPair();
    const closedStateRoot = path.join(f.home, 'state'); // under the 0700 folder
    let suggested: string | null = null;
    try {
      const refused = await startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: closedStateRoot, port }).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(refused).toMatch(new RegExp(`cannot reach ${closedStateRoot}: ${f.home} is not traversable by others`));
      suggested = /EMBEDDED_PG_STATE_DIR=(\S+) make run/.exec(refused ?? '')?.[1] ?? null;
      expect(suggested).not.toBeNull();
      const started = await startEmbeddedPostgres({ dataDir: f.dataDir, stateRoot: suggested!, port });
      try {
        const sql = connect(started.url, { max: 1 });
        const [row] = await sql`select 1 as ok`;
        await sql.end();
        expect(row?.ok).toBe(1);
      } finally {
        await started.stop();
      }
    } finally {
      restoreLog();
      // Only this checkout's folder under the suggested root goes; the root may be shared.
      if (suggested) await removeEmbeddedData({ dataDir: f.dataDir, stateRoot: suggested }).catch(() => []);
      await f.cleanup();
    }
  }, 120_000);
});
