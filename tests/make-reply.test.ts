/**
 * `make reply`: a signed Twilio SMS reply posted to a running engine lands as
 * one inbound message, and the console's bell shows it, live and on the panel.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTwilioWebhookToken } from '../lib/app-secret.ts';
import { ROOT } from '../db/build.ts';
import { httpLogin, startConsoleServer, TEST_APP_SECRET, type ConsoleServer } from './harness/console.ts';
import { drainReceipts } from './harness/drain.ts';

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };

function makeReply(vars: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...vars };
  delete env.TWILIO_AUTH_TOKEN; // signed with the key derived from APP_SECRET, as on a local make run
  return new Promise((resolve) => {
    execFile('make', ['--no-print-directory', 'reply'], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Reads Server-Sent Events from the console's /events until `want` arrives or the time runs out. */
async function openEvents(): Promise<{ next(want: string, timeoutMs: number): Promise<string>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${srv.url}/events`, { headers: { cookie: owner.cookie, accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(want, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = new RegExp(`event: ${want}\\ndata: (.*)\\n`).exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return match[1]!;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${want}" event within ${timeoutMs} ms`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((r) => setTimeout(() => r(null), left)),
        ]);
        if (chunk === null) continue;
        if (chunk.done) throw new Error('the event stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

beforeAll(async () => {
  srv = await startConsoleServer('make_reply', { twilioAuthToken: localTwilioWebhookToken(TEST_APP_SECRET) });
  owner = await httpLogin(srv.url, srv.users.owner);
});

afterAll(async () => {
  await srv?.close();
});

describe('make reply', () => {
  it('lands one inbound message from the lead, and the bell shows it live and on its panel', async () => {
    const [lead] = await srv.db.sql<{ id: string; phone: string; first_name: string }[]>`
      select id, phone, first_name from public.leads
      where account_id = ${srv.demoAccountId} and phone like '+1%' and first_name is not null
      order by phone limit 1`;
    const before = await (await fetch(`${srv.url}/notifications/count`, { headers: { cookie: owner.cookie } })).text();
    expect(before).toBe('');

    const events = await openEvents();
    try {
      await events.next('ready', 10_000);
      const port = new URL(srv.url).port;
      const result = await makeReply({
        PHONE: lead!.phone,
        TEXT: 'Is it still available? What is the lowest price?',
        HOST: '127.0.0.1',
        PORT: port,
        PUBLIC_BASE_URL: 'http://127.0.0.1:1', // the URL the test server's signatures cover
        APP_SECRET: TEST_APP_SECRET,
        DATABASE_URL: srv.db.url,
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Delivered sms reply SM[0-9a-f]{32} from \+1\d{10} to \+1\d{10}: HTTP 200\n$/);
      // Receipts-first ingest: the webhook stored a receipt; this server runs no worker, so the test drains it.
      await drainReceipts(srv.db.sql);

      const live = JSON.parse(await events.next('inbound', 15_000)) as Record<string, unknown>;
      expect(live).toMatchObject({ lead_id: lead!.id });
    } finally {
      events.close();
    }

    const rows = await srv.db.sql<{ channel: string; provider: string; to_address: string; keyword: string }[]>`
      select channel, provider, to_address, keyword from public.inbound_messages where lead_id = ${lead!.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', provider: 'twilio', keyword: 'none' });
    // The demo account's own number: the reply was routed to the lead's account.
    const [owned] = await srv.db.sql<{ n: number }[]>`
      select count(*)::int as n from brain.route_inbound_address(${rows[0]!.to_address}, 'sms') where account_id = ${srv.demoAccountId}`;
    expect(owned!.n).toBe(1);

    expect(await (await fetch(`${srv.url}/notifications/count`, { headers: { cookie: owner.cookie } })).text()).toBe('1');
    const panel = await (await fetch(`${srv.url}/notifications`, { headers: { cookie: owner.cookie } })).text();
    expect(panel).toContain(`data-total="1"`);
    expect(panel).toContain(lead!.first_name);
  }, 90_000);

  it('refuses a bad phone and an empty text before posting anything', async () => {
    const result = await makeReply({ PHONE: 'not-a-phone', TEXT: '', DATABASE_URL: srv.db.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PHONE: not a phone number');
    expect(result.stderr).toContain('TEXT: must not be empty');
    const [n] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.inbound_messages`;
    expect(n!.n).toBe(1);
  }, 60_000);
});
