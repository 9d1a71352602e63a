import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { ensureDemoOwner } from '../lib/users.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { handleSpawnErrors } from './harness/process.ts';

describe('demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await cloneTemplate('seed');
    const text = await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8');
    await db.sql.unsafe(text);
    await db.sql.unsafe(text); // a second `make run` must not duplicate anything
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates one account with one active campaign whose steps use four channels', async () => {
    const rows = await db.sql`
      select a.slug, c.campaign_key, c.is_active, c.status, array_agg(s.channel order by s.step) as channels
      from public.accounts a
      join public.campaigns c on c.account_id = a.id
      join public.campaign_steps s on s.campaign_id = c.id
      group by 1, 2, 3, 4`;
    expect(rows).toEqual([
      { slug: 'demo', campaign_key: 'autos_outbound_miami', is_active: true, status: 'active', channels: ['sms', 'voice', 'whatsapp', 'email'] },
    ]);
  });

  it('creates 300 leads, all enrolled, with valid phones and the sink provider on every channel', async () => {
    const [counts] = await db.sql`
      select (select count(*)::int from public.leads) as leads,
             (select count(distinct phone)::int from public.leads) as phones,
             (select count(*)::int from public.campaign_leads where status = 'active') as enrolled,
             (select count(*)::int from public.account_provider_settings where provider = 'sink' and is_default) as sinks`;
    expect(counts).toEqual({ leads: 300, phones: 300, enrolled: 300, sinks: 4 });
  });

  it("passes seed 001's campaign consistency query", async () => {
    const rows = await db.sql`
      select id, name, is_active, status from public.campaigns where is_active = true and status <> 'active'`;
    expect(rows.length).toBe(0);
  });
});

describe('SEED_DEMO=1 with DATABASE_URL and no data folder', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await cloneTemplate('seed_nodata');
    dir = await mkdtemp(path.join(tmpdir(), 'revenue-os-seed-'));
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ensureDemoOwner creates the missing folder and keeps the password there (0600)', async () => {
    const dataDir = path.join(dir, 'unit', '.data');
    await db.sql.unsafe(await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8'));
    const owner = await ensureDemoOwner(db.sql, dataDir);
    expect(owner.file).toBe(path.join(dataDir, 'demo-owner.json'));
    expect(JSON.parse(await readFile(owner.file, 'utf8'))).toEqual({ email: owner.email, password: owner.password });
    expect(statSync(owner.file).mode & 0o777).toBe(0o600);
  });

  it('make run starts, seeds and listens instead of crashing', async () => {
    const dataDir = path.join(dir, 'process', '.data');
    const output: string[] = [];
    const child = handleSpawnErrors(
      spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: db.url,
          SEED_DEMO: '1',
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_FORMAT: 'json',
          WORKER_CONCURRENCY: '1',
          APP_SECRET: 'seed-test-app-secret-0123456789abcdef',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
      (line) => output.push(line),
      'api/main.ts',
    );
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const outcome = await new Promise<string>((resolve) => {
      const finish = (result: string) => {
        clearTimeout(timer);
        clearInterval(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish('timeout'), 60_000);
      const check = setInterval(() => {
        const text = output.join('');
        if (text.includes('"HTTP_LISTENING"')) finish('listening');
        else if (text.includes('"STARTUP_FAILED"')) finish('failed');
      }, 100);
      child.once('exit', () => finish('exited'));
    });
    const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    child.kill('SIGTERM');
    await exited;
    expect(outcome, output.join('').slice(-2000)).toBe('listening');
    expect(existsSync(path.join(dataDir, 'demo-owner.json'))).toBe(true);
  }, 90_000);
});
