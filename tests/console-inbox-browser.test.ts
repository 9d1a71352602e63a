/**
 * The Inbox in real Chromium (Debian's, driven by playwright-core), end to end: a
 * lead's reply with a pending AI draft is listed; the person edits the draft and
 * double-clicks Approve & send (the button disables itself while the request runs:
 * one POST); a real graphile-worker with the dispatch tasks sends the touch through
 * the Twilio driver to the fake Twilio on 127.0.0.1, which receives the edited text
 * exactly once; the draft becomes sent and the conversation leaves the Inbox.
 * Screenshots go to artifacts/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { buildDrivers, loadProviderConfig } from '../worker/providers.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { dispatchDueTouches } from '../worker/tasks/dispatch_due_touches.ts';
import { dispatchTouch } from '../worker/tasks/dispatch_touch.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { openChromium, type ConsoleChromium } from './harness/chromium.ts';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const SHOTS = path.resolve(import.meta.dirname, '..', 'artifacts', 'screenshots');
const LEAD_PHONE = '+13055557101';
const SENDER = '+13055557199';

let srv: ConsoleServer;
let twilio: FakeTwilio;
let workerSql: Sql;
let runner: WorkerHandle;
let dataDir: string;
let chrome: ConsoleChromium;
let page: Page;
let shot: ConsoleChromium['shot'];
let zone: string;
let violations: string[] = [];

beforeAll(async () => {
  twilio = await startFakeTwilio();
  srv = await startConsoleServer('console_inbox_ui');
  dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-inbox-ui-'));
  const sql = srv.db.sql;
  // A zone where it is mid-day now, so the lead's send window is open.
  const [z] = await sql<{ tz: string }[]>`
    select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo',
      'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
    where extract(hour from now() at time zone tz) between 10 and 17 limit 1`;
  zone = z!.tz;
  // The demo account texts through Twilio (the fake), with one sender.
  await sql`update public.account_provider_settings set is_default = false where account_id = ${srv.demoAccountId} and channel = 'sms'`;
  await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
            values (${srv.demoAccountId}, 'sms', 'twilio', true, ${sql.json({ senders: [{ address: SENDER, persona: 'initial' }], max_per_second: 10 })})
            on conflict (account_id, channel, provider) do update set is_default = true, config = excluded.config`;
  await sql`insert into public.provider_readiness (provider, ready, detail, checked_at)
            values ('twilio', true, 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN set', now())
            on conflict (provider) do update set ready = true`;
  // A real graphile-worker with the dispatch tasks, as `make run` runs them.
  const config = loadProviderConfig({
    TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_BASE_URL: twilio.url, DATA_DIR: dataDir,
  });
  workerSql = connect(srv.db.url, { max: 3, role: 'revenue_worker', applicationName: 'revenue-os-test-inbox-ui-w' });
  const deps: WorkerDeps = {
    sql: workerSql,
    outcomeSql: workerSql,
    drivers: buildDrivers(config, { publicBaseUrl: 'http://127.0.0.1:9' }),
    workerId: 'inbox-ui-test',
    publicBaseUrl: 'http://127.0.0.1:9',
    appSecret: 'inbox-ui-test-secret',
    keyRing: srv.keyRing,
    batchSize: 10,
  };
  runner = await startWorker({
    connectionString: srv.db.url,
    concurrency: 2,
    taskList: { dispatch_touch: dispatchTouch(deps), dispatch_touches: dispatchTouches(deps), dispatch_due_touches: dispatchDueTouches(deps) },
    crontabFile: null,
  });
  ({ page, violations, shot } = chrome = await openChromium());
}, 60_000);

afterAll(async () => {
  await chrome?.close();
  await runner?.stop();
  await workerSql?.end({ timeout: 5 });
  await srv?.close();
  await twilio?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the Inbox in Chromium', () => {
  it('approves an edited draft with a double click: the fake Twilio receives it exactly once', async () => {
    const sql = srv.db.sql;
    const [lead] = await sql<{ id: string }[]>`
      -- Already enriched (she wrote to us two minutes ago): this test is about the approval, not the enrichment wait.
      insert into public.leads (account_id, first_name, last_name, phone, timezone, source, enrichment_status, enrichment_finished_at)
      values (${srv.demoAccountId}, 'Carla', 'Inbox', ${LEAD_PHONE}, ${zone}, 'manual', 'done', now()) returning id`;
    const [m] = await sql<{ id: string }[]>`
      insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, received_at)
      values (${srv.demoAccountId}, ${lead!.id}, 'sms', 'twilio', 'SMinboxui0001', ${LEAD_PHONE}, ${SENDER}, 'Is the truck still for sale? Can I see it today?', now() - interval '2 minutes')
      returning id`;
    await sql`select brain.record_reply_sentiment(${m!.id}::uuid, 'Meeting Requested', 'llm', 'asks to see it today', 0.93::real)`;
    const [d] = await sql<{ r: { created: boolean; draft_id: string } }[]>`
      select brain.record_ai_draft(${m!.id}::uuid, 'Yes it is! We are open until 7 today.', null, 0.74::real, 'answers the question', 'gpt-test', true) as r`;
    expect(d!.r.created).toBe(true);
    const draftId = d!.r.draft_id;

    await page.goto(`${srv.url}/login?next=%2Finbox`);
    await page.fill('input[name=email]', srv.users.owner);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${srv.url}/inbox`);

    const card = page.locator(`#conv-${lead!.id}`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('pending');
    expect(await card.locator('.tag').getAttribute('data-tag')).toBe('Meeting Requested');
    expect(await card.locator('.badge.tone-ok').first().textContent()).toBe('Meeting Requested');
    expect(await card.locator('blockquote.reply').textContent()).toContain('Is the truck still for sale?');
    expect(await card.locator('[data-testid=draft-confidence]').textContent()).toBe('74%');
    expect(await card.locator('[data-testid=draft-why]').textContent()).toBe('AUTO_SEND_DISABLED=1');
    expect(await card.locator('textarea[name=body]').inputValue()).toBe('Yes it is! We are open until 7 today.');
    await shot('inbox');

    const edited = 'Yes it is, Carla! We are open until 7 today; see you then?';
    await card.locator('textarea[name=body]').fill(edited);
    // The answer is held back a moment, so the click's in-flight state can be seen.
    const approvePosts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/inbox/drafts/${draftId}/approve`)) approvePosts.push(r.url());
    });
    await page.route(`**/inbox/drafts/${draftId}/approve`, async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    const button = card.locator('button[data-action=approve]');
    await button.dblclick();
    expect(await button.isDisabled()).toBe(true);
    await expect.poll(async () => page.locator(`#conv-${lead!.id}`).getAttribute('data-state'), { timeout: 10_000 }).not.toBe('pending');
    expect(await page.locator(`#conv-${lead!.id} .notice`).textContent()).toMatch(/Queued|Already approved/);
    expect(approvePosts).toHaveLength(1);
    await page.unroute(`**/inbox/drafts/${draftId}/approve`);
    await shot('inbox-approved');

    // The worker sends it: the fake Twilio receives the edited text, once.
    const [t] = await sql<{ id: string }[]>`
      select id from public.touch_runs where lead_id = ${lead!.id} and payload ->> 'message_class' = 'ai_reply'`;
    await expect.poll(async () => (await sql<{ status: string }[]>`select status from public.touch_runs where id = ${t!.id}`)[0]!.status, { timeout: 20_000 }).toBe('sent');
    const toLead = () => twilio.accepted.filter((a) => a.to === LEAD_PHONE);
    expect(toLead()).toHaveLength(1);
    expect(toLead()[0]).toMatchObject({ touchRunId: t!.id, body: edited, from: SENDER });
    const touches = await sql<{ n: number }[]>`
      select count(*)::int as n from public.touch_runs where lead_id = ${lead!.id} and payload ->> 'message_class' = 'ai_reply'`;
    expect(touches[0]!.n).toBe(1);
    const [draft] = await sql<{ status: string }[]>`select status from public.ai_drafts where id = ${draftId}`;
    expect(draft!.status).toBe('sent');
    // Answered: the conversation has left the Inbox. Nothing more reached the provider.
    await page.goto(`${srv.url}/inbox`);
    await page.waitForSelector('#inbox-list');
    expect(await page.locator(`#conv-${lead!.id}`).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(toLead()).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it('rejects a draft: the card says so, and nothing reaches the provider', async () => {
    const sql = srv.db.sql;
    const phone = '+13055557102';
    const [lead] = await sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, last_name, phone, timezone, source)
      values (${srv.demoAccountId}, 'Raul', 'Inbox', ${phone}, ${zone}, 'manual') returning id`;
    const [m] = await sql<{ id: string }[]>`
      insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, to_address, body, received_at)
      values (${srv.demoAccountId}, ${lead!.id}, 'sms', 'twilio', 'SMinboxui0002', ${phone}, ${SENDER}, 'Maybe, what is the mileage?', now() - interval '1 minute')
      returning id`;
    await sql`select brain.record_reply_sentiment(${m!.id}::uuid, 'Interested', 'llm', 'asks the mileage', 0.9::real)`;
    const [d] = await sql<{ r: { draft_id: string } }[]>`
      select brain.record_ai_draft(${m!.id}::uuid, 'It has 42,000 miles.', null, 0.4::real, 'unsure of the figure', 'gpt-test', true) as r`;
    await page.goto(`${srv.url}/inbox`);
    const card = page.locator(`#conv-${lead!.id}`);
    await card.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await card.locator('button[data-action=reject]').click();
    await expect.poll(async () => page.locator(`#conv-${lead!.id}`).getAttribute('data-state'), { timeout: 10_000 }).toBe('no_draft');
    expect(await page.locator(`#conv-${lead!.id} .notice`).textContent()).toBe('Rejected: nothing will be sent.');
    const [draft] = await sql<{ status: string }[]>`select status from public.ai_drafts where id = ${d!.r.draft_id}`;
    expect(draft!.status).toBe('rejected');
    const [n] = await sql<{ n: number }[]>`select count(*)::int as n from public.touch_runs where lead_id = ${lead!.id}`;
    expect(n!.n).toBe(0);
    expect(twilio.accepted.filter((a) => a.to === phone)).toHaveLength(0);
    expect(violations).toEqual([]);
  });
});
