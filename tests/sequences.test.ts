/**
 * Follow-up sequences end to end (issue 18): a signed Twilio reply → receipts → the drain →
 * inbound_post_process in a real graphile-worker, whose fake OpenAI tags it Meeting Requested
 * → the meeting_requested sequence starts; the run_sequences task queues its first step and
 * dispatch_touches sends it through the Twilio driver to the fake Twilio, once; a second
 * reply pauses the run in the drain's own transaction; a setter's manual message, once sent,
 * resumes it. Then the Sequences page and the lead page's Follow-ups through the console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { createTwilioDriver } from '../worker/drivers/twilio.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createAccountReplyModels, type InboxModelSettings } from '../worker/inbox/model.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { inboundPostProcess } from '../worker/tasks/inbound_post_process.ts';
import { runSequences } from '../worker/tasks/run_sequences.ts';
import { startFakeTwilio, type FakeTwilio } from './fakes/index.ts';
import { startFakeOpenAiChat, type FakeOpenAiChat } from './fakes/openai-chat.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { INTERNAL_BASE, NUMBERS, setupInbound, twilioRequest, type InboundSetup } from './harness/inbound.ts';

const OPENAI_KEY = 'sk-test-sequences-0123456789abcdef';
const LEAD_PHONE = '+13055558101';

describe('follow-up sequences', () => {
  let db: TestDatabase;
  let ingestSql: Sql;
  let workerSql: Sql;
  let inbound: InboundSetup;
  let openai: FakeOpenAiChat;
  let twilio: FakeTwilio;
  let worker: WorkerHandle;
  let deps: WorkerDeps;
  let lead: string;
  let sequence: string;
  let sid = 0;

  beforeAll(async () => {
    db = await cloneTemplate('sequences');
    ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-sequences-webhook' });
    workerSql = connect(db.url, { max: 4, role: 'revenue_worker', applicationName: 'revenue-os-test-sequences-worker' });
    inbound = await setupInbound(db.sql, ingestSql);
    openai = await startFakeOpenAiChat(OPENAI_KEY);
    twilio = await startFakeTwilio();
    const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'test'));
    await db.sql.begin((tx) => saveCredentials(tx, ring, inbound.accountA, 'openai', { api_key: OPENAI_KEY }));
    // The lead is inside its send window now, whatever the hour of the run.
    const [z] = await db.sql<{ tz: string }[]>`
      select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London', 'Asia/Tokyo',
                                  'Australia/Sydney', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Sao_Paulo']) tz
      where extract(hour from now() at time zone tz) between 9 and 17 limit 1`;
    await db.sql`update public.org_settings set timezone = ${z!.tz}, send_window_start = '08:00', send_window_end = '21:00'
                 where account_id = ${inbound.accountA}`;
    const settings: InboxModelSettings = { openai: { baseUrl: openai.baseURL }, model: 'gpt-4.1-mini', timeoutMs: 5000, autoSendDisabled: false };
    deps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers: new Map([['twilio', createTwilioDriver({ accountSid: twilio.accountSid, authToken: twilio.authToken, apiBaseUrl: twilio.url, timeoutMs: 5000, publicBaseUrl: 'https://hooks.example.com' })]]),
      workerId: 'test-sequences',
      publicBaseUrl: 'https://revenue.example.com',
      appSecret: 'app-secret-for-sequence-tests-0123456',
      keyRing: ring,
      batchSize: 50,
      dispatch: { batchSize: 50, sendConcurrency: 10 },
      inbox: { models: createAccountReplyModels({ sql: workerSql, keyRing: ring, settings, ttlMs: 0 }), settings },
    } as unknown as WorkerDeps;
    worker = await startWorker({ connectionString: db.url, concurrency: 2, taskList: { inbound_post_process: inboundPostProcess(deps) }, crontabFile: null });

    const [l] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, phone, first_name, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
      values (${inbound.accountA}, ${LEAD_PHONE}, 'Dana', ${z!.tz}, 'touched', 'test', 'done', now()) returning id`;
    // Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
    lead = l!.id;
    const [s] = await db.sql<{ id: string }[]>`
      select tests.create_sequence(${inbound.accountA}, 'meeting_requested',
        ${db.sql.json([
          { channel: 'sms', delay_amount: 0, delay_unit: 'days', body: 'Hi {{first_name}}, does Tuesday at 10 work for a quick meeting?' },
          { channel: 'sms', delay_amount: 2, delay_unit: 'days', body: 'Hi {{first_name}}, still keen to meet?' },
        ] as never)}, true, null, 'Meeting requested') as id`;
    sequence = s!.id;
  });

  afterAll(async () => {
    await worker?.stop();
    await openai?.close();
    await twilio?.close();
    await ingestSql?.end({ timeout: 5 });
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
  });

  async function reply(body: string): Promise<void> {
    const req = twilioRequest('/webhooks/twilio/messages', { MessageSid: `SMsq${String(++sid).padStart(28, '0')}`, From: LEAD_PHONE, To: NUMBERS.A_SMS, Body: body });
    const res = await inbound.app.request(`${INTERNAL_BASE}${req.path}`, req.init);
    expect(res.status).toBe(200);
    await drainReceipts(db.sql);
  }
  async function settled(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs where task_identifier = 'inbound_post_process' and attempts < max_attempts`;
      if (row!.n === 0) return;
      if (Date.now() > deadline) throw new Error('inbound_post_process did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const run = async () => {
    const [e] = await db.sql<{ id: string; status: string; current_step: number; paused_reason: string | null; trigger: string }[]>`
      select id, status, current_step, paused_reason, trigger from public.sequence_enrollments where lead_id = ${lead}`;
    return e;
  };
  const sentToLead = () => twilio.accepted.filter((a) => a.resource === 'message' && a.to === LEAD_PHONE);
  const tick = async () => {
    await runSequences(deps)({}, {} as never);
    await dispatchTouches(deps)({ account_id: inbound.accountA }, {} as never);
  };

  it('a reply tagged Meeting Requested starts the sequence; its first step goes out once through Twilio', async () => {
    openai.setInbox('reply_sentiment', { kind: 'reply', reply: () => ({ tag: 'Meeting Requested', confidence: 0.95, reason: 'asks to meet' }) });
    openai.setInbox('reply_draft', { kind: 'reply', reply: () => ({ subject: null, body: 'Happy to meet! Tuesday at 10?' }) });
    openai.setInbox('draft_evaluation', { kind: 'reply', reply: () => ({ confidence: 0.6, reason: 'a person should look' }) });
    await reply('Yes, can we set up a meeting next week?');
    await settled();
    expect(await run()).toMatchObject({ status: 'active', current_step: 1, trigger: 'meeting_requested' });

    await tick();
    await tick();
    const sent = sentToLead();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBe('Hi Dana, does Tuesday at 10 work for a quick meeting?');
    const [t] = await db.sql<{ status: string; step: number; sequence_step: number; message_class: string }[]>`
      select status, step, sequence_step, payload ->> 'message_class' as message_class from public.touch_runs where sequence_enrollment_id = ${(await run())!.id}`;
    expect(t).toEqual({ status: 'sent', step: 98, sequence_step: 1, message_class: 'follow_up' });
    expect(await run()).toMatchObject({ status: 'active', current_step: 2 });
  });

  it('a reply pauses it in the drain; a setter\'s message, once sent, resumes it', async () => {
    openai.setInbox('reply_sentiment', { kind: 'reply', reply: () => ({ tag: 'Follow Up', confidence: 0.8, reason: 'will think' }) });
    await reply('Let me check my calendar');
    // Paused by the drain itself, before any post-processing.
    expect(await run()).toMatchObject({ status: 'paused', paused_reason: 'lead_replied', current_step: 2 });
    await settled();
    await tick();
    expect(sentToLead()).toHaveLength(1);
    expect(await run()).toMatchObject({ status: 'paused' });

    const [m] = await db.sql<{ id: string }[]>`
      select public.queue_manual_message(${lead}, 'sms', 'Sure, take your time!', null, 'console:setter@acme.test') as id`;
    expect(await run()).toMatchObject({ status: 'paused' });
    await dispatchTouches(deps)({ account_id: inbound.accountA }, {} as never);
    expect(sentToLead().map((a) => a.body)).toEqual(['Hi Dana, does Tuesday at 10 work for a quick meeting?', 'Sure, take your time!']);
    const [t] = await db.sql<{ status: string }[]>`select status from public.touch_runs where id = ${m!.id}`;
    expect(t!.status).toBe('sent');
    expect(await run()).toMatchObject({ status: 'active', current_step: 2, paused_reason: null });
    const [e] = await db.sql<{ due_in_days: number }[]>`
      select round(extract(epoch from next_step_at - now()) / 86400)::int as due_in_days from public.sequence_enrollments where lead_id = ${lead}`;
    expect(e!.due_in_days).toBe(2);
    // Nothing more goes out now: step 2 is two days away.
    await tick();
    expect(sentToLead()).toHaveLength(2);
    const [seq] = await db.sql<{ running: number }[]>`
      select count(*)::int as running from public.sequence_enrollments where sequence_id = ${sequence} and status = 'active'`;
    expect(seq!.running).toBe(1);
  });
});
