/**
 * From reply to meeting (issue 18), the four parts working together through one real
 * graphile-worker, the real drivers and fakes on 127.0.0.1 (Twilio, Calendly, OpenAI, Slack):
 *   1. a reply the model tags Meeting Requested starts the account's meeting-requested
 *      sequence; its first step offers two slots ({{availability}}) by SMS, once;
 *   2. the lead accepts one of them: exactly one booking reaches Calendly and one
 *      appointment exists; the lead is appointment_booked and the run is paused;
 *   3. the booking started the reminder sequence, anchored on the meeting; when its time
 *      comes the reminder goes out, once;
 *   4. the owner's daily digest, at the owner's local time, lists the booking once, and a
 *      second run sends nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createAccountReplyModels, type InboxModelSettings } from '../worker/inbox/model.ts';
import { buildDrivers, loadProviderConfig } from '../worker/providers.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { bookOfferedSlot } from '../worker/tasks/book_offered_slot.ts';
import { deliverNotifications } from '../worker/tasks/deliver_notifications.ts';
import { dispatchDueTouches } from '../worker/tasks/dispatch_due_touches.ts';
import { dispatchTouch } from '../worker/tasks/dispatch_touch.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { inboundPostProcess } from '../worker/tasks/inbound_post_process.ts';
import { refreshAvailability } from '../worker/tasks/refresh_availability.ts';
import { runSequences } from '../worker/tasks/run_sequences.ts';
import { sendNotificationDigests } from '../worker/tasks/send_notification_digests.ts';
import { FAKE_CALENDLY_TOKEN, startFakeCalendly, startFakeTwilio, type FakeCalendly, type FakeTwilio } from './fakes/index.ts';
import { startFakeOpenAiChat, type FakeOpenAiChat } from './fakes/openai-chat.ts';
import { FAKE_SLACK_TOKEN, startFakeSlack, type FakeSlack } from './fakes/slack.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { until } from './harness/until.ts';
import { INTERNAL_BASE, NUMBERS, setupInbound, twilioRequest, type InboundSetup } from './harness/inbound.ts';

const OPENAI_KEY = 'sk-test-reply-to-meeting-0123456789';
const LEAD_PHONE = '+13055559101';
const OWNER_SLACK = 'U0OWNER901';

describe('from reply to meeting', () => {
  let db: TestDatabase;
  let ingestSql: Sql;
  let workerSql: Sql;
  let inbound: InboundSetup;
  let twilio: FakeTwilio;
  let calendly: FakeCalendly;
  let openai: FakeOpenAiChat;
  let slack: FakeSlack;
  let worker: WorkerHandle;
  let deps: WorkerDeps;
  let dataDir: string;
  let zone: string;
  let account: string;
  let owner: string;
  let lead: string;
  let slots: Date[];
  let reminderHours: number;
  let sid = 0;

  async function settled(): Promise<void> {
    await until('the jobs to finish', async () => {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs
        where task_identifier in ('inbound_post_process', 'book_offered_slot', 'refresh_availability', 'dispatch_touches',
                                  'dispatch_touch', 'deliver_notifications')
          and attempts < max_attempts and run_at <= now() + interval '2 seconds'`;
      return row!.n === 0;
    });
  }
  async function reply(body: string): Promise<void> {
    const req = twilioRequest('/webhooks/twilio/messages', { MessageSid: `SMrm${String(++sid).padStart(30, '0')}`, From: LEAD_PHONE, To: NUMBERS.A_SMS, Body: body });
    const res = await inbound.app.request(`${INTERNAL_BASE}${req.path}`, req.init);
    expect(res.status).toBe(200);
    await drainReceipts(db.sql);
    await settled();
  }
  /** One pass of the sequence runner (the crontab's run_sequences), then the dispatch it queued. */
  async function tick(): Promise<void> {
    await runSequences(deps)({}, {} as never);
    await settled();
  }
  const textsToLead = () => twilio.accepted.filter((a) => a.resource === 'message' && a.to === LEAD_PHONE);
  const runs = () => db.sql<{ trigger: string; status: string; paused_reason: string | null; current_step: number; anchor_at: Date; next_step_at: Date | null }[]>`
    select trigger, status, paused_reason, current_step, anchor_at, next_step_at from public.sequence_enrollments
    where lead_id = ${lead} order by started_at`;

  beforeAll(async () => {
    db = await cloneTemplate('reply_to_meeting');
    ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-r2m-webhook' });
    workerSql = connect(db.url, { max: 6, role: 'revenue_worker', applicationName: 'revenue-os-test-r2m-worker' });
    inbound = await setupInbound(db.sql, ingestSql);
    account = inbound.accountA;
    twilio = await startFakeTwilio();
    calendly = await startFakeCalendly();
    openai = await startFakeOpenAiChat(OPENAI_KEY);
    slack = await startFakeSlack();
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-r2m-'));
    // A zone where it is the middle of the day now, so the lead's send window is open.
    const [z] = await db.sql<{ tz: string }[]>`
      select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo',
        'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
      where extract(hour from now() at time zone tz) between 10 and 17 limit 1`;
    zone = z!.tz;
    const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'test'));
    await db.sql.begin(async (tx) => {
      await saveCredentials(tx, ring, account, 'calendly', { api_token: FAKE_CALENDLY_TOKEN });
      await saveCredentials(tx, ring, account, 'openai', { api_key: OPENAI_KEY });
    });
    await db.sql`update public.org_settings
                 set timezone = ${zone}, booking_provider = 'calendly', calendly_event_type_uri = ${`${calendly.url}/event_types/ET30`},
                     booking_link = 'https://calendly.example.com/acme/30min', auto_book_enabled = true
                 where account_id = ${account}`;
    await db.sql`update public.account_provider_settings set config = config || '{"max_per_second": 50}' where account_id = ${account}`;

    // Open slots in the lead's zone: the day after tomorrow at 10:00 and 10:30, the day after at 15:30.
    const local = async (days: number, time: string) =>
      (await db.sql<{ t: Date }[]>`select ((now() at time zone ${zone})::date + ${days}::int + ${time}::time) at time zone ${zone} as t`)[0]!.t;
    slots = [await local(2, '10:00'), await local(2, '10:30'), await local(3, '15:30')];
    calendly.setSlots(slots);
    // The reminder's hours before the first slot: its time comes 15 to 75 minutes from now.
    reminderHours = Math.floor((slots[0]!.getTime() - Date.now()) / 3_600_000 - 0.25);

    await db.sql`select tests.create_sequence(${account}, 'meeting_requested', ${db.sql.json([
      { channel: 'sms', delay_amount: 0, delay_unit: 'days', body: 'Hi {{first_name}}! I can do {{availability}}. Which works best?' },
      { channel: 'sms', delay_amount: 2, delay_unit: 'days', body: 'Hi {{first_name}}, any of those times work? {{booking_link}}' },
    ] as never)}, true, null, 'Meeting requested')`;
    await db.sql`select tests.create_sequence(${account}, 'booking_reminder', ${db.sql.json([
      { channel: 'sms', delay_amount: reminderHours, delay_unit: 'hours_before_meeting', body: 'Hi {{first_name}}, see you soon! Reply here if the time no longer works.' },
    ] as never)}, true, null, 'Meeting reminder')`;

    const [l] = await db.sql<{ id: string }[]>`
      -- Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
      insert into public.leads (account_id, first_name, last_name, phone, email, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
      values (${account}, 'Dana', 'Reyes', ${LEAD_PHONE}, 'dana@example.com', ${zone}, 'touched', 'test', 'done', now()) returning id`;
    lead = l!.id;

    // The owner gets booked meetings in the daily digest on Slack, at the current local minute.
    owner = (await db.sql<{ id: string }[]>`
      select tests.notification_member(${account}, 'owner', date_trunc('minute', (now() at time zone ${zone})::time)::time, ${zone}, ${OWNER_SLACK}) as id`)[0]!.id;
    await db.sql`insert into public.notification_preferences (account_id, user_id, event_kind, channel, delivery)
                 values (${account}, ${owner}, 'booked', 'slack', 'daily_digest')`;
    const [o] = await db.sql<{ email: string }[]>`select email::text from public.users where id = ${owner}`;
    slack.users.set(o!.email.toLowerCase(), OWNER_SLACK);

    const settings: InboxModelSettings = { openai: { baseUrl: openai.baseURL }, model: 'gpt-4.1-mini', timeoutMs: 5000, autoSendDisabled: false };
    const config = loadProviderConfig({
      TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_BASE_URL: twilio.url, DATA_DIR: dataDir,
      CALENDLY_API_BASE_URL: calendly.url,
    });
    deps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers: buildDrivers(config, { publicBaseUrl: 'http://127.0.0.1:9' }),
      workerId: 'reply-to-meeting-test',
      publicBaseUrl: 'https://revenue.example.com',
      appSecret: 'reply-to-meeting-test-secret',
      keyRing: ring,
      batchSize: 10,
      booking: { calendly: config.calendly },
      inbox: {
        models: createAccountReplyModels({ sql: workerSql, keyRing: ring, settings, ttlMs: 0 }),
        settings,
        slack: { apiBaseUrl: `${slack.url}/api`, timeoutMs: 5000, botToken: FAKE_SLACK_TOKEN },
      },
    } as unknown as WorkerDeps;
    worker = await startWorker({
      connectionString: db.url,
      concurrency: 3,
      taskList: {
        dispatch_touch: dispatchTouch(deps), dispatch_touches: dispatchTouches(deps), dispatch_due_touches: dispatchDueTouches(deps),
        inbound_post_process: inboundPostProcess(deps), refresh_availability: refreshAvailability(deps), book_offered_slot: bookOfferedSlot(deps),
        deliver_notifications: deliverNotifications(deps),
      },
      crontabFile: null,
    });
    openai.setInbox('reply_draft', { kind: 'reply', reply: () => ({ subject: null, body: 'Happy to meet, which time suits you?' }) });
    openai.setInbox('draft_evaluation', { kind: 'reply', reply: () => ({ confidence: 0.5, reason: 'a person should look' }) });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await twilio?.close();
    await calendly?.close();
    await openai?.close();
    await slack?.close();
    await ingestSql?.end({ timeout: 5 });
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('a positive reply starts the meeting-requested sequence, whose first step offers two slots once', async () => {
    openai.setInbox('reply_sentiment', { kind: 'reply', reply: () => ({ tag: 'Meeting Requested', confidence: 0.95, reason: 'asks to meet' }) });
    await reply('Sounds good, can we set up a call this week?');
    expect(await runs()).toMatchObject([{ trigger: 'meeting_requested', status: 'active', current_step: 1 }]);

    // The account's availability is fresh (the crontab's refresh keeps it so while messages ask for it).
    await db.sql`select brain.request_availability(${account})`;
    await until('fresh availability', async () => {
      const [s] = await db.sql<{ r: { state: string } }[]>`select brain.availability_cache_state(${account}) as r`;
      return s!.r.state === 'fresh';
    });
    await tick();
    await tick();
    const hm = (d: Date) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone }).format(d);
    const dy = (d: Date) => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: zone }).format(d);
    const sent = textsToLead();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBe(`Hi Dana! I can do ${dy(slots[0]!)} ${hm(slots[0]!)} or ${dy(slots[2]!)} ${hm(slots[2]!)} (your time, ${zone}). Which works best?`);
    const offered = await db.sql<{ slot_start: Date }[]>`select slot_start from public.offered_slots where lead_id = ${lead} order by offer_order`;
    expect(offered.map((o) => o.slot_start)).toEqual([slots[0], slots[2]]);
    expect(await runs()).toMatchObject([{ trigger: 'meeting_requested', status: 'active', current_step: 2 }]);
  });

  it('the lead accepts an offered slot and exactly one booking is made', async () => {
    openai.setInbox('reply_sentiment', { kind: 'reply', reply: () => ({ tag: 'Interested', confidence: 0.9, reason: 'accepts a time' }) });
    const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: zone }).format(slots[0]!);
    await reply(`${weekday} at 10 works for me`);
    const appointments = await until('the appointment', async () => {
      const rows = await db.sql<{ status: string; start_at: Date; source: string; provider: string }[]>`
        select status, start_at, source, provider from public.appointments where lead_id = ${lead}`;
      return rows.length ? rows : null;
    });
    await settled();
    expect(appointments).toEqual([{ status: 'booked', start_at: slots[0], source: 'auto_booking', provider: 'calendly' }]);
    expect(calendly.bookings).toHaveLength(1);
    expect(calendly.bookings[0]!.startTime).toBe(slots[0]!.toISOString());
    const [l] = await db.sql<{ lead_state: string }[]>`select lead_state from public.leads where id = ${lead}`;
    expect(l!.lead_state).toBe('appointment_booked');

    // The reply paused the meeting-requested run; the booking started the reminder run on the meeting.
    const [meeting, reminder] = await runs();
    expect(meeting).toMatchObject({ trigger: 'meeting_requested', status: 'paused' });
    expect(reminder).toMatchObject({ trigger: 'booking_reminder', status: 'active', current_step: 1, anchor_at: slots[0] });
    expect(reminder!.next_step_at).toEqual(new Date(slots[0]!.getTime() - reminderHours * 3_600_000));

    // Its own step 2 (and any campaign) is stopped for a booked lead: the runner queues nothing for it.
    await tick();
    expect(textsToLead()).toHaveLength(1);
    expect(calendly.bookings).toHaveLength(1);
  });

  it('the reminder goes out when its time comes, once', async () => {
    // The clock reaches the reminder: its due time is brought to now, as the minutes passing would.
    await db.sql`update public.sequence_enrollments set next_step_at = now() - interval '1 second'
                 where lead_id = ${lead} and trigger = 'booking_reminder'`;
    await until('the reminder to go out', async () => {
      await tick();
      return textsToLead().length > 1;
    });
    await tick();
    const sent = textsToLead();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toBe('Hi Dana, see you soon! Reply here if the time no longer works.');
    const [reminder] = (await runs()).filter((r) => r.trigger === 'booking_reminder');
    expect(reminder!.status).toBe('completed');
  });

  it('the daily digest lists the booking once, and a second run sends nothing', async () => {
    const digest = sendNotificationDigests(deps);
    const before = slack.accepted.length;
    await digest({}, undefined as never);
    const posts = slack.accepted.slice(before);
    expect(posts).toHaveLength(1);
    const text = posts[0]!.text ?? '';
    expect(text).toContain('*Meeting booked* (1)');
    expect(text.split('Meeting booked with Dana Reyes').length - 1).toBe(1);
    // The next cron tick, and two workers at once: nothing more.
    await Promise.all([digest({}, undefined as never), digest({}, undefined as never)]);
    expect(slack.accepted.length - before).toBe(1);
    const [d] = await db.sql<{ n: number; events: number }[]>`
      select count(*)::int as n, max(cardinality(digest_event_ids))::int as events
      from public.notification_deliveries where user_id = ${owner} and kind = 'digest' and channel = 'slack'`;
    expect(d).toEqual({ n: 1, events: 1 });
  });
});
