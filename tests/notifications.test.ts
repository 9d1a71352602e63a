/**
 * Notifications end to end (issue 18, seed 003 §13) with the real graphile-worker, a fake
 * Slack Web API and a fake Elastic Email on 127.0.0.1:
 *   - a booked appointment notifies a user in real time on Slack exactly once, even when
 *     the job runs again and when two workers race for it;
 *   - the daily digest, at the user's local time, lists an event once, and a second run
 *     sends nothing;
 *   - a Slack token Slack refuses marks the Slack integration failing, alerting once a day;
 *   - an OpenAI key the (fake) API refuses marks OpenAI failing from the AI stage, alerting once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createElasticDriver } from '../worker/drivers/elastic.ts';
import type { Driver, ProviderName } from '../worker/drivers/types.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { deliverNotifications } from '../worker/tasks/deliver_notifications.ts';
import { sendNotificationDigests } from '../worker/tasks/send_notification_digests.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { createAccountReplyModels } from '../worker/inbox/model.ts';
import { inboundPostProcess } from '../worker/tasks/inbound_post_process.ts';
import { startFakeElastic, type FakeElastic } from './fakes/elastic.ts';
import { startFakeOpenAiChat } from './fakes/openai-chat.ts';
import { FAKE_SLACK_TOKEN, startFakeSlack, type FakeSlack } from './fakes/slack.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

const OWNER_SLACK = 'U0OWNER001';
const REPLY_TEXT = 'Yes please, the red pickup, my card ends 4242';

describe('notifications', () => {
  let db: TestDatabase;
  let workerSql: Sql;
  let slack: FakeSlack;
  let elastic: FakeElastic;
  let worker: WorkerHandle;
  let deps: WorkerDeps;
  let account: string;
  let owner: string;
  let ownerEmail: string;

  beforeAll(async () => {
    db = await cloneTemplate('notifications');
    workerSql = connect(db.url, { max: 4, role: 'revenue_worker', applicationName: 'revenue-os-test-notifications-worker' });
    slack = await startFakeSlack();
    elastic = await startFakeElastic();
    const drivers = new Map<ProviderName, Driver>([
      ['elastic_email', createElasticDriver({ apiKey: elastic.apiKey, from: 'alerts@dealer.example.test', apiBaseUrl: elastic.url, timeoutMs: 3000 })],
    ]);
    deps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers,
      keyRing: keyRingOf(parseMasterKey(generateMasterKey(), 'test')),
      publicBaseUrl: 'https://revenue.example.com',
      inbox: { slack: { apiBaseUrl: `${slack.url}/api`, timeoutMs: 3000, botToken: FAKE_SLACK_TOKEN } },
    } as unknown as WorkerDeps;

    account = (await db.sql<{ id: string }[]>`select tests.create_account('Sunset Motors') as id`)[0]!.id;
    await db.sql`update public.org_settings set timezone = 'America/Los_Angeles' where account_id = ${account}`;
    await db.sql`select tests.set_provider(${account}, 'email', 'elastic_email')`;
    await db.sql`select tests.set_provider_ready('elastic_email', true)`;
    owner = (await db.sql<{ id: string }[]>`select tests.notification_member(${account}, 'owner', null, null, ${OWNER_SLACK}) as id`)[0]!.id;
    ownerEmail = (await db.sql<{ email: string }[]>`select email::text from public.users where id = ${owner}`)[0]!.email;
    slack.users.set(ownerEmail.toLowerCase(), OWNER_SLACK);
    // Booked meetings on Slack as they happen.
    await db.sql`insert into public.notification_preferences (account_id, user_id, event_kind, channel, delivery)
                 values (${account}, ${owner}, 'booked', 'slack', 'realtime')`;

    worker = await startWorker({
      connectionString: db.url,
      concurrency: 2,
      taskList: { deliver_notifications: deliverNotifications(deps), send_notification_digests: sendNotificationDigests(deps) },
      crontabFile: null,
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await slack?.close();
    await elastic?.close();
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
  });

  async function lead(first: string, phone: string): Promise<string> {
    const [l] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, phone, first_name, last_name, lead_state, source)
      values (${account}, ${phone}, ${first}, 'Reyes', 'touched', 'test') returning id`;
    return l!.id;
  }

  async function jobsSettled(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs where task_identifier = 'deliver_notifications' and attempts < max_attempts`;
      if (row!.n === 0) return;
      if (Date.now() > deadline) throw new Error('deliver_notifications did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const postsTo = (channel: string) => slack.accepted.filter((p) => p.channel === channel);

  it('a booked appointment notifies the user on Slack in real time, exactly once, even when the job runs twice', async () => {
    const l = await lead('Marta', '+13105550101');
    const before = postsTo(`D${OWNER_SLACK.slice(1)}`).length;
    const [ap] = await db.sql<{ id: string }[]>`select tests.book_appointment(${account}, ${l}, now() + interval '2 days') as id`;
    await jobsSettled();
    const posts = postsTo(`D${OWNER_SLACK.slice(1)}`);
    expect(posts.length - before).toBe(1);
    const post = posts.at(-1)!;
    expect(post.text).toContain('Meeting booked with Marta Reyes');
    expect(JSON.stringify(post.blocks)).toContain(`<https://revenue.example.com/leads/${l}|Open>`);
    expect(post.text).toMatch(/Meeting booked with Marta Reyes: \w{3}, \w{3} \d{1,2}, \d{2}:\d{2} \(America\/New_York\)/);

    const [ev] = await db.sql<{ id: string }[]>`select id from public.notification_events where subject_id = ${ap!.id}`;
    // The job again: through graphile-worker, and by hand.
    await db.sql`select graphile_worker.add_job('deliver_notifications', json_build_object('event_id', ${ev!.id}::uuid))`;
    await jobsSettled();
    await deliverNotifications(deps)({ event_id: ev!.id }, undefined as never);
    expect(postsTo(`D${OWNER_SLACK.slice(1)}`).length - before).toBe(1);

    const ledger = await db.sql<{ channel: string; status: string; attempts: number; provider_ref: string | null }[]>`
      select channel, status, attempts, provider_ref from public.notification_deliveries where event_id = ${ev!.id} order by channel`;
    expect(ledger).toEqual([
      { channel: 'in_app', status: 'sent', attempts: 0, provider_ref: null },
      { channel: 'slack', status: 'sent', attempts: 1, provider_ref: `D${OWNER_SLACK.slice(1)}:${post.ts}` },
    ]);
  });

  it('two workers racing for one event post once', async () => {
    const l = await lead('Iker', '+13105550102');
    const before = slack.accepted.length;
    // Booked with the job removed in the same transaction, so only the two racers run it.
    const ev = await db.sql.begin(async (tx) => {
      const [ap] = await tx<{ id: string }[]>`select tests.book_appointment(${account}, ${l}, now() + interval '3 days') as id`;
      const [e] = await tx<{ id: string }[]>`select id from public.notification_events where subject_id = ${ap!.id}`;
      await tx`delete from graphile_worker._private_jobs where key = ${`deliver_notifications:${e!.id}`}`;
      return e!.id;
    });
    const task = deliverNotifications(deps);
    await Promise.all([task({ event_id: ev }, undefined as never), task({ event_id: ev }, undefined as never), task({ event_id: ev }, undefined as never)]);
    expect(slack.accepted.length - before).toBe(1);
  });

  it('the digest at the user\'s local time lists an event once; a second run sends nothing', async () => {
    // The digest is due now in Los Angeles: the owner's digest time is the current local minute.
    await db.sql`
      insert into public.notification_user_settings (account_id, user_id, digest_time, time_zone, slack_member_id)
      values (${account}, ${owner}, date_trunc('minute', (now() at time zone 'America/Los_Angeles')::time), 'America/Los_Angeles', ${OWNER_SLACK})
      on conflict (account_id, user_id) do update set digest_time = excluded.digest_time, time_zone = excluded.time_zone`;
    // Someone whose digest is hours away gets nothing now.
    const admin = (await db.sql<{ id: string }[]>`
      select tests.notification_member(${account}, 'admin', date_trunc('minute', (now() at time zone 'Asia/Kolkata')::time - interval '6 hours')::time, 'Asia/Kolkata') as id`)[0]!.id;
    const adminEmail = (await db.sql<{ email: string }[]>`select email::text from public.users where id = ${admin}`)[0]!.email;

    const l = await lead('Sofia', '+13105550103');
    const [m] = await db.sql<{ id: string }[]>`select tests.inbound_message(${account}, ${l}, ${REPLY_TEXT}, now() - interval '1 minute') as id`;
    await db.sql`select brain.record_reply_sentiment(${m!.id}, 'Interested', 'llm', 'wants the pickup', 0.9)`;

    const run = sendNotificationDigests(deps);
    const before = elastic.accepted.length;
    await run({}, undefined as never);
    const mails = elastic.accepted.slice(before);
    expect(mails.map((x) => x.to)).toEqual([[ownerEmail]]);
    const mail = mails[0]!;
    expect(mail.subject).toMatch(/^\[Sunset Motors\] Daily digest \(\d{4}-\d{2}-\d{2}\)$/);
    // Since the last digest (none: the last 24 hours): the reply and the two bookings above, each once.
    expect(mail.plainText).toContain('Positive reply (1)');
    expect(mail.plainText).toContain('Meeting booked (2)');
    for (const name of ['Sofia Reyes', 'Marta Reyes', 'Iker Reyes']) expect(mail.plainText!.split(name).length - 1).toBe(1);
    expect(mail.plainText).not.toContain('red pickup');
    expect(mails.some((x) => x.to.includes(adminEmail))).toBe(false);

    // Again (the next cron tick, or a second worker): nothing.
    await run({}, undefined as never);
    await Promise.all([run({}, undefined as never), run({}, undefined as never)]);
    expect(elastic.accepted.length - before).toBe(1);
    const [d] = await db.sql<{ n: number; status: string; events: number }[]>`
      select count(*)::int as n, min(status) as status, max(cardinality(digest_event_ids))::int as events
      from public.notification_deliveries where user_id = ${owner} and kind = 'digest' and channel = 'email'`;
    expect(d).toEqual({ n: 1, status: 'sent', events: 3 });
  });

  it('an OpenAI key the API refuses marks OpenAI failing from the AI stage, alerting once', async () => {
    const openai = await startFakeOpenAiChat('sk-test-the-right-key-0123456789');
    try {
      await db.sql.begin((tx) => saveCredentials(tx, deps.keyRing, account, 'openai', { api_key: 'sk-test-a-revoked-key-0123456789' }));
      const settings = { openai: { baseUrl: openai.baseURL }, model: 'gpt-4.1-mini', timeoutMs: 3000, autoSendDisabled: true };
      const aiDeps = { ...deps, inbox: { models: createAccountReplyModels({ sql: workerSql, keyRing: deps.keyRing, settings, ttlMs: 0 }), settings } } as unknown as WorkerDeps;
      const l = await lead('Pablo', '+13105550104');
      for (const body of ['How much is the truck?', 'And do you take trade-ins?']) {
        const [m] = await db.sql<{ id: string }[]>`select tests.inbound_message(${account}, ${l}, ${body}, now()) as id`;
        await inboundPostProcess(aiDeps)({ inbound_message_id: m!.id }, undefined as never);
        const [tag] = await db.sql<{ sentiment_tag: string }[]>`select sentiment_tag from public.inbound_messages where id = ${m!.id}`;
        expect(tag!.sentiment_tag).toBe('Neutral');
      }
      const [h] = await db.sql<{ status: string; last_error_code: string }[]>`
        select status, last_error_code from public.integration_health where account_id = ${account} and integration = 'openai'`;
      expect(h).toEqual({ status: 'failing', last_error_code: 'http_401' });
      const alerts = await db.sql<{ payload: { integration: string } }[]>`
        select payload from public.notification_events where account_id = ${account} and kind = 'integration_failing'`;
      expect(alerts.map((a) => a.payload.integration)).toEqual(['openai']);
      // The owner sees it in the bell.
      const bell = await db.sql`
        select 1 from public.notification_deliveries d join public.notification_events e on e.id = d.event_id and e.account_id = d.account_id
        where d.user_id = ${owner} and d.channel = 'in_app' and e.kind = 'integration_failing'`;
      expect(bell.length).toBe(1);
    } finally {
      await db.sql`delete from public.account_provider_credentials where account_id = ${account} and provider = 'openai'`;
      await openai.close();
    }
  });

  it('a Slack token Slack refuses marks Slack failing and alerts once a day', async () => {
    const other = (await db.sql<{ id: string }[]>`select tests.create_account('Other Motors') as id`)[0]!.id;
    const o2 = (await db.sql<{ id: string }[]>`select tests.notification_member(${other}, 'owner', null, null, 'U0OTHER001') as id`)[0]!.id;
    await db.sql`insert into public.notification_preferences (account_id, user_id, event_kind, channel, delivery) values (${other}, ${o2}, 'booked', 'slack', 'realtime')`;
    const badDeps = { ...deps, inbox: { slack: { apiBaseUrl: `${slack.url}/api`, timeoutMs: 3000, botToken: 'xoxb-0000000000-0000000000-wrongToken' } } } as unknown as WorkerDeps;
    const [l] = await db.sql<{ id: string }[]>`select tests.create_lead(${other}, '+13105550199') as id`;
    for (const days of [4, 5]) {
      const ev = await db.sql.begin(async (tx) => {
        const [ap] = await tx<{ id: string }[]>`select tests.book_appointment(${other}, ${l!.id}, now() + make_interval(days => ${days})) as id`;
        const [e] = await tx<{ id: string }[]>`select id from public.notification_events where subject_id = ${ap!.id}`;
        await tx`delete from graphile_worker._private_jobs where key = ${`deliver_notifications:${e!.id}`}`;
        return e!.id;
      });
      await deliverNotifications(badDeps)({ event_id: ev }, undefined as never);
    }
    const [h] = await db.sql<{ status: string; last_error_code: string }[]>`
      select status, last_error_code from public.integration_health where account_id = ${other} and integration = 'slack'`;
    expect(h).toEqual({ status: 'failing', last_error_code: 'invalid_auth' });
    const alerts = await db.sql`select 1 from public.notification_events where account_id = ${other} and kind = 'integration_failing'`;
    expect(alerts.length).toBe(1);
    const failed = await db.sql<{ status: string; error: string }[]>`
      select d.status, d.error from public.notification_deliveries d join public.notification_events e on e.id = d.event_id and e.account_id = d.account_id
      where d.account_id = ${other} and d.channel = 'slack' and e.kind = 'booked'`;
    expect(failed).toEqual([
      { status: 'failed', error: 'conversations.open: invalid_auth' },
      { status: 'failed', error: 'conversations.open: invalid_auth' },
    ]);
  });
});
