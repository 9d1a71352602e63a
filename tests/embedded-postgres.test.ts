import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatabase } from '../db/build.ts';
import { connect } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { setLogSink } from '../lib/log.ts';
import { ROOT } from '../db/build.ts';

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

describe('embedded PostgreSQL (make run without DATABASE_URL)', () => {
  it('initialises a data folder, builds the schema, survives a restart with its data, and stops', async () => {
    const restoreLog = setLogSink(() => {});
    const dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-embedded-'));
    const port = await freePortPair();
    try {
      const first = await startEmbeddedPostgres({ dataDir, port });
      try {
        await buildDatabase(first.url);
        const sql = connect(first.url, { max: 1 });
        await sql`insert into public.accounts (name, slug) values ('Persisted', 'persisted')`;
        await sql.end();
      } finally {
        await first.stop();
      }
      if (userInfo().uid === 0) {
        // As root the server must run as an unprivileged user that owns the data.
        expect((await stat(path.join(dataDir, 'pg'))).uid).not.toBe(0);
      }
      const second = await startEmbeddedPostgres({ dataDir, port });
      try {
        const sql = connect(second.url, { max: 1 });
        const rows = await sql`select slug from public.accounts`;
        await sql.end();
        expect(rows.map((r) => r.slug)).toEqual(['persisted']);
      } finally {
        await second.stop();
      }
    } finally {
      restoreLog();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('recovers the data folder from a make run killed with SIGKILL, and refuses a second live owner', async () => {
    const lines: string[] = [];
    const restoreLog = setLogSink((l) => lines.push(l));
    const dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-orphan-'));
    const port = await freePortPair();
    const script = `import { startEmbeddedPostgres } from ${JSON.stringify(path.join(ROOT, 'db', 'embedded.ts'))};
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      console.log('READY'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      await expect(startEmbeddedPostgres({ dataDir, port: port + 1 })).rejects.toThrow(
        new RegExp(`another process \\(pid ${child.pid}\\) is running the embedded Postgres`),
      );
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const again = await startEmbeddedPostgres({ dataDir, port });
      await again.stop();
      expect(lines.some((l) => l.includes('"event":"EMBEDDED_PG_ORPHAN_STOPPING"'))).toBe(true);
    } finally {
      child.kill('SIGKILL');
      restoreLog();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
