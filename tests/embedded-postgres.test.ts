import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatabase } from '../db/build.ts';
import { connect } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { setLogSink } from '../lib/log.ts';

describe('embedded PostgreSQL (make run without DATABASE_URL)', () => {
  it('initialises a data folder, builds the schema, survives a restart with its data, and stops', async () => {
    const restoreLog = setLogSink(() => {});
    const dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-embedded-'));
    const port = 55000 + Math.floor(Math.random() * 4000);
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
});
