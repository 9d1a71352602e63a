/**
 * Body limits on the real server process (api/main.ts): a 100 MB body streamed
 * without a Content-Length to the login form, a console form and a webhook is
 * refused with 413 once it passes the route's limit, and the server's memory
 * (VmRSS from /proc) grows by less than 64 MB while it happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { httpLogin } from './harness/console.ts';
import { twilioSignature } from './harness/inbound.ts';
import { handleSpawnErrors } from './harness/process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RSS_BOUND_KB = 64 * 1024;
const TOTAL = 100 * 1024 * 1024;

let db: TestDatabase;
let dataDir: string;
let child: ChildProcess;
let base: string;
let output = '';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return p;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]);
}

/**
 * Streams up to 100 MB in 64 KB chunks (chunked, no Content-Length) until the
 * server answers; samples the server's RSS meanwhile. Resolves with the status,
 * the body, how much was sent and the highest RSS seen.
 *
 * A chunk is written only after the previous one has reached the socket and one
 * turn of the event loop has passed. Node's HTTP server closes a connection whose
 * body it stopped reading right after the 413, and a write into that closed
 * socket would fail before the answer already waiting in the socket was read;
 * waiting for a turn of the loop reads that answer first.
 */
function streamBig(pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string; sent: number; peakKb: number }> {
  return new Promise((resolve, reject) => {
    let peakKb = rssKb(child.pid!);
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, rssKb(child.pid!))), 20);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = request(`${base}${pathname}`, { method: 'POST', agent: false, headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        clearInterval(sampler);
        peakKb = Math.max(peakKb, rssKb(child.pid!));
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: text, sent, peakKb });
      });
    });
    req.on('error', (error) => {
      // The server may close the socket after answering; only a missing answer is an error.
      if (!answered) {
        clearInterval(sampler);
        reject(error);
      }
    });
    const pump = () => {
      if (answered) return;
      if (sent >= TOTAL) return void req.end();
      sent += chunk.length;
      req.write(chunk, () => setTimeout(pump, 0));
    };
    pump();
  });
}

beforeAll(async () => {
  db = await cloneTemplate('body_limits');
  dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-body-limits-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME,
      DATABASE_URL: db.url, HOST: '127.0.0.1', PORT: String(port), PUBLIC_BASE_URL: base,
      DATA_DIR: dataDir, SEED_DEMO: '1', APP_SECRET: 'body-limits-test-app-secret-0123456789',
      TWILIO_AUTH_TOKEN: 'body-limits-test-twilio-token', WORKER_CRONTAB: 'off', LOG_LEVEL: 'warn',
    },
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  handleSpawnErrors(child, (line) => (output += line), 'api');
  const deadline = Date.now() + 90_000;
  for (;;) {
    const up = await fetch(`${base}/login`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 30_000);

describe('body limits on the real server', () => {
  it('a streamed 100 MB body to /login, a console form and a webhook gets 413, and RSS stays within 64 MB', async () => {
    const owner = JSON.parse(await readFile(path.join(dataDir, 'demo-owner.json'), 'utf8')) as { email: string; password: string };
    const session = await httpLogin(base, owner.email, owner.password);
    // Warm up the routes once so the baseline includes loaded code, not the bodies.
    await fetch(`${base}/settings`, { headers: { cookie: session.cookie } });
    const baseline = rssKb(child.pid!);

    const cases: { path: string; headers: Record<string, string>; reason: RegExp }[] = [
      { path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, reason: /at most 4 KB/ },
      { path: '/settings/routing', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie, 'x-csrf-token': session.csrf }, reason: /at most 1 MB/ },
      { path: '/webhooks/twilio/messages', headers: { 'content-type': 'application/x-www-form-urlencoded' }, reason: /at most 256 KB/ },
      { path: '/api/v1/leads/suppress', headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf }, reason: /at most 1 MB/ },
    ];
    for (const c of cases) {
      // The server drains at most 64 MB (or 500 ms) after answering, then resets the
      // connection; a client starved of CPU can lose the answer to that reset. Such a
      // try still shows the body was cut off; try again for the answer itself.
      let r: Awaited<ReturnType<typeof streamBig>> | null = null;
      for (let attempt = 0; attempt < 3 && !r; attempt++) {
        r = await streamBig(c.path, c.headers).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
          return null;
        });
      }
      if (!r) throw new Error(`${c.path}: the connection was reset three times before the answer was read`);
      expect(r.status, c.path).toBe(413);
      expect(JSON.parse(r.body), c.path).toMatchObject({ error: 'body_too_large', reason: expect.stringMatching(c.reason) });
      // Answered long before the whole body was sent, and the memory did not follow the body.
      expect(r.sent, c.path).toBeLessThan(TOTAL);
      expect(r.peakKb - baseline, `${c.path}: RSS grew from ${baseline} kB to ${r.peakKb} kB`).toBeLessThan(RSS_BOUND_KB);
    }

    expect(rssKb(child.pid!) - baseline, 'RSS after all four').toBeLessThan(RSS_BOUND_KB);

    // A declared Content-Length over the limit is refused before the body is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/login`, { method: 'POST', agent: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(TOTAL) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('email=a');
    });
    expect(declared).toBe(413);

    // The server still works.
    expect((await fetch(`${base}/settings`, { headers: { cookie: session.cookie } })).status).toBe(200);
  }, 120_000);

  it('a signed webhook under its limit is read from the socket whole, with a Content-Length or chunked, and a changed byte is refused', async () => {
    const [ours] = await db.sql<{ address: string }[]>`select address from public.sender_addresses order by address limit 1`;
    const url = `${base}/webhooks/twilio/messages`;
    // A long body, sent in three writes, with characters that are percent-encoded as several bytes.
    const params = (sid: string) => ({ MessageSid: sid, From: '+13055550123', To: ours!.address, Body: 'ñandú ✓ '.repeat(2000) });
    const post = (form: Record<string, string>, chunked: boolean, tamper = false) => new Promise<number>((resolve, reject) => {
      const body = Buffer.from(new URLSearchParams(form).toString(), 'utf8');
      const signature = twilioSignature(url, form, 'body-limits-test-twilio-token');
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature };
      if (chunked) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = String(body.length);
      const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      const sent = tamper ? Buffer.concat([body.subarray(0, -1), Buffer.from('x')]) : body;
      req.write(sent.subarray(0, 1001));
      req.write(sent.subarray(1001, 15_001));
      req.end(sent.subarray(15_001));
    });
    expect(await post(params('SMbodylength0000000001'), false)).toBe(200);
    expect(await post(params('SMbodychunked000000001'), true)).toBe(200);
    expect(await post(params('SMbodytampered00000001'), false, true)).toBe(403);
    const rows = await db.sql<{ idempotency_key: string; body: string }[]>`
      select idempotency_key, payload ->> 'body' as body from public.webhook_receipts
      where idempotency_key like 'message:SMbody%' order by idempotency_key`;
    expect(rows.map((r) => r.idempotency_key)).toEqual(['message:SMbodychunked000000001', 'message:SMbodylength0000000001']);
    for (const r of rows) expect(r.body).toBe('ñandú ✓ '.repeat(2000));
  }, 60_000);
});
