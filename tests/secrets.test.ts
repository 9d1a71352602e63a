/**
 * Provider credentials at rest: sealed under an envelope key, bound to their
 * account, never in clear in the database, and re-sealed by make rotate-key.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { withTenant } from '../db/client.ts';
import { loadCredentials, parseCredentials, saveCredentials } from '../lib/provider-credentials.ts';
import {
  generateMasterKey,
  keyRingOf,
  loadKeyRing,
  mask,
  open,
  parseMasterKey,
  seal,
  SecretError,
} from '../lib/secrets.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

const TOKEN = 'tok_live_5f0c1e2d3b4a59687766';
const SID = 'AC' + 'a1b2c3d4'.repeat(4);

describe('sealing', () => {
  const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'test'));

  it('opens what it sealed, for the same context only', () => {
    const s = seal(ring, 'account:a:provider:twilio', { auth_token: TOKEN });
    expect(s.sealed).not.toContain(TOKEN);
    expect(s.sealed.startsWith(`v1.${ring.current.id}.`)).toBe(true);
    expect(open(ring, 'account:a:provider:twilio', s.sealed)).toEqual({ auth_token: TOKEN });
    expect(() => open(ring, 'account:b:provider:twilio', s.sealed)).toThrow(SecretError);
  });

  it('uses a fresh data key each time, and refuses tampered text', () => {
    const a = seal(ring, 'c', { v: 1 });
    const b = seal(ring, 'c', { v: 1 });
    expect(a.sealed).not.toBe(b.sealed);
    const parts = a.sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[body.length - 1] = body[body.length - 1]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => open(ring, 'c', parts.join('.'))).toThrow(/does not open/);
  });

  it('names the master key a value needs when the ring does not hold it', () => {
    const other = keyRingOf(parseMasterKey(generateMasterKey(), 'other'));
    const s = seal(other, 'c', 'x');
    expect(() => open(ring, 'c', s.sealed)).toThrow(new RegExp(`sealed with master key ${other.current.id}`));
    expect(open(keyRingOf(ring.current, other.current), 'c', s.sealed)).toBe('x');
  });

  it('reads a master key as base64 or hex and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    expect(parseMasterKey(hex, 'k').key.toString('hex')).toBe(hex);
    expect(parseMasterKey(Buffer.from(hex, 'hex').toString('base64'), 'k').id).toBe(parseMasterKey(hex, 'k').id);
    expect(() => parseMasterKey('short', 'REVENUE_OS_MASTER_KEY')).toThrow(/REVENUE_OS_MASTER_KEY must be 32 bytes/);
  });

  it('masks to the last four characters of long values only', () => {
    expect(mask(TOKEN)).toBe('••••7766');
    expect(mask('short')).toBe('••••');
  });

  it('generates DATA_DIR/master-key once, readable by its owner only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ros-key-'));
    try {
      const first = await loadKeyRing({}, dir);
      const second = await loadKeyRing({}, dir);
      expect(second.current.id).toBe(first.current.id);
      expect((await stat(path.join(dir, 'master-key'))).mode & 0o777).toBe(0o600);
      const fromEnv = await loadKeyRing({ REVENUE_OS_MASTER_KEY: 'cd'.repeat(32) }, dir);
      expect(fromEnv.current.id).not.toBe(first.current.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('stored credentials', () => {
  let db: TestDatabase;
  let a: string;
  let b: string;
  let dataDir: string;

  beforeAll(async () => {
    db = await cloneTemplate('secrets');
    const rows = await db.sql<{ id: string }[]>`select tests.create_account(n) as id from unnest(array['Alpha', 'Bravo']) with ordinality t(n, i) order by i`;
    [a, b] = rows.map((r) => r.id) as [string, string];
    dataDir = await mkdtemp(path.join(tmpdir(), 'ros-rotate-'));
  });
  afterAll(async () => {
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses malformed credentials by field, without echoing values', () => {
    const r = parseCredentials('twilio', { account_sid: 'nope-secret-value', auth_token: 'x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['account_sid', 'auth_token']);
    expect(JSON.stringify(r.problems)).not.toContain('nope-secret-value');
  });

  it('stores them sealed: never in clear in any column, and only the worker path opens them', async () => {
    const ring = await loadKeyRing({}, dataDir);
    const parsed = parseCredentials('twilio', { account_sid: SID, auth_token: TOKEN });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    await withTenant(db.sql, a, (tx) => saveCredentials(tx, ring, a, 'twilio', parsed.value));
    const [row] = await db.sql<{ t: string }[]>`select row_to_json(c)::text as t from public.account_provider_credentials c where account_id = ${a}`;
    expect(row!.t).not.toContain(TOKEN);
    expect(row!.t).not.toContain(SID);
    expect(row!.t).toContain('••••7766');
    // The whole database dump of that table, as text: no clear value anywhere.
    const [dump] = await db.sql<{ t: string }[]>`select string_agg(c::text, '|') as t from public.account_provider_credentials c`;
    expect(dump!.t).not.toContain(TOKEN);
    const loaded = await loadCredentials(db.sql, ring, a, 'twilio');
    expect(loaded?.value).toEqual({ account_sid: SID, auth_token: TOKEN });
    expect(await loadCredentials(db.sql, ring, b, 'twilio')).toBeNull();
    await expect(withTenant(db.sql, a, (tx) => tx`select sealed from public.account_provider_credentials`)).rejects.toMatchObject({ code: '42501' });
  });

  it('a sealed row copied onto another account does not open there', async () => {
    const ring = await loadKeyRing({}, dataDir);
    await db.sql`insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked)
                 select ${b}, provider, sealed, key_id, masked from public.account_provider_credentials where account_id = ${a}`;
    await expect(loadCredentials(db.sql, ring, b, 'twilio')).rejects.toThrow(SecretError);
    await db.sql`delete from public.account_provider_credentials where account_id = ${b}`;
  });

  it('make rotate-key re-seals every row under a new key and keeps the old one as previous', async () => {
    const before = await loadKeyRing({}, dataDir);
    const oldKeyText = await readFile(path.join(dataDir, 'master-key'), 'utf8');
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir };
    delete env.REVENUE_OS_MASTER_KEY;
    const out = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('make', ['--no-print-directory', 'rotate-key'], { cwd: ROOT, env, timeout: 60_000 }, (error, _stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }));
    });
    expect(out.stderr).toMatch(/Re-sealed 1 credential row\(s\) under master key [0-9a-f]{16} \(they were under [0-9a-f]{16}\)/);
    expect(out.code).toBe(0);
    expect(await readFile(path.join(dataDir, 'master-key.previous'), 'utf8')).toBe(oldKeyText);
    const after = await loadKeyRing({}, dataDir);
    expect(after.current.id).not.toBe(before.current.id);
    const [row] = await db.sql<{ key_id: string }[]>`select key_id from public.account_provider_credentials where account_id = ${a}`;
    expect(row!.key_id).toBe(after.current.id);
    // Opens with the new key alone.
    expect((await loadCredentials(db.sql, keyRingOf(after.current), a, 'twilio'))?.value.auth_token).toBe(TOKEN);
    expect(out.stderr).not.toContain(TOKEN);
  });
});
