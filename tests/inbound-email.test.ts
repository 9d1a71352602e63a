/**
 * Email replies join the AI inbox (issue 17), end to end: an email goes out through the
 * Elastic Email driver (against the fake Elastic on 127.0.0.1, which records the headers,
 * our Message-ID among them); the lead's raw MIME reply is posted, signed, to
 * /webhooks/email/inbound/<slug> → one receipt → the drain (tests/harness/drain.ts) →
 * brain.apply_inbound_email; a real graphile-worker runs inbound_post_process against the
 * fake OpenAI, whose requests are counted.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEmailSigningKey } from '../api/signatures.ts';
import { connect, type Sql } from '../db/client.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { createElasticDriver } from '../worker/drivers/index.ts';
import { createAccountReplyModels, type InboxModelSettings } from '../worker/inbox/model.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { inboundPostProcess } from '../worker/tasks/inbound_post_process.ts';
import { startFakeElastic, type FakeElastic } from './fakes/elastic.ts';
import { startFakeOpenAiChat, type FakeOpenAiChat } from './fakes/openai-chat.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { ELASTIC_SECRET, INTERNAL_BASE, setupInbound, type InboundSetup } from './harness/inbound.ts';

const OPENAI_KEY = 'sk-test-inbound-email-0123456789abcdef';
const INBOUND_SECRET = 'inbound-email-secret-for-tests-0123';
const OURS = 'sales@acme.test';

describe('email replies join the inbox', () => {
  let db: TestDatabase;
  let ingestSql: Sql;
  let workerSql: Sql;
  let inbound: InboundSetup;
  let elastic: FakeElastic;
  let openai: FakeOpenAiChat;
  let worker: WorkerHandle;
  let deps: WorkerDeps;
  let zone: string;
  let pat: string;
  let gone: string;
  /** Our Message-IDs of the first emails, as the fake Elastic recorded them. */
  const sent: Record<string, { messageId: string; outboundId: string }> = {};

  beforeAll(async () => {
    db = await cloneTemplate('inbound_email');
    ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-inbound-email-webhook' });
    workerSql = connect(db.url, { max: 4, role: 'revenue_worker', applicationName: 'revenue-os-test-inbound-email-worker' });
    inbound = await setupInbound(db.sql, ingestSql);
    inbound.config.inboundEmailSecret = INBOUND_SECRET;
    elastic = await startFakeElastic();
    openai = await startFakeOpenAiChat(OPENAI_KEY);
    openai.setInbox('reply_sentiment', { kind: 'reply', reply: () => ({ tag: 'Interested', confidence: 0.92, reason: 'wants the price' }) });
    openai.setInbox('reply_draft', { kind: 'reply', reply: () => ({ subject: null, body: 'Happy to meet on Tuesday at 3pm.' }) });
    openai.setInbox('draft_evaluation', { kind: 'reply', reply: () => ({ confidence: 0.6, reason: 'a person should look' }) });

    // Account A sends email from sales@acme.test through Elastic Email; its leads are inside their send window now.
    await db.sql`update public.account_provider_settings set config = ${db.sql.json({ senders: [{ address: OURS, persona: 'initial' }] })}
                 where account_id = ${inbound.accountA} and channel = 'email'`;
    const [z] = await db.sql<{ tz: string }[]>`
      select tz from unnest(array['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Europe/London', 'Asia/Tokyo',
                                  'Australia/Sydney', 'Pacific/Auckland', 'Asia/Kolkata', 'America/Sao_Paulo']) tz
      where extract(hour from now() at time zone tz) between 9 and 17 limit 1`;
    zone = z!.tz;
    await db.sql`update public.org_settings set timezone = ${zone}, send_window_start = '08:00', send_window_end = '21:00'
                 where account_id = ${inbound.accountA}`;
    const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'test'));
    await db.sql.begin((tx) => saveCredentials(tx, ring, inbound.accountA, 'openai', { api_key: OPENAI_KEY }));
    const settings: InboxModelSettings = { openai: { baseUrl: openai.baseURL }, model: 'gpt-4.1-mini', timeoutMs: 5000, autoSendDisabled: false };
    deps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers: new Map([['elastic_email', createElasticDriver({ apiKey: elastic.apiKey, from: OURS, apiBaseUrl: elastic.url, timeoutMs: 5000 })]]),
      workerId: 'test-inbound-email',
      publicBaseUrl: 'https://revenue.example.com',
      appSecret: 'app-secret-for-inbound-email-tests-0123',
      keyRing: ring,
      batchSize: 50,
      dispatch: { batchSize: 50, sendConcurrency: 10 },
      inbox: { models: createAccountReplyModels({ sql: workerSql, keyRing: ring, settings, ttlMs: 0 }), settings },
    } as unknown as WorkerDeps;
    worker = await startWorker({ connectionString: db.url, concurrency: 2, taskList: { inbound_post_process: inboundPostProcess(deps) }, crontabFile: null });

    // Two leads, each emailed once through the Elastic driver.
    const lead = async (email: string, first: string) => {
      const [l] = await db.sql<{ id: string }[]>`
        -- Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
        insert into public.leads (account_id, email, first_name, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
        values (${inbound.accountA}, ${email}, ${first}, ${zone}, 'new', 'test', 'done', now()) returning id`;
      await db.sql`
        insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
        values (${inbound.accountA}, ${l!.id}, 1, 'email', 1, 'queued', now() - interval '1 second',
                ${db.sql.json({ delivery: { subject: 'Your quote from Acme', body: 'Hi {{first_name}}, here is your quote for the blue sedan.' } })})`;
      return l!.id;
    };
    pat = await lead('pat@customer.test', 'Pat');
    gone = await lead('gone@customer.test', 'Gone');
    await dispatchTouches(deps)({ account_id: inbound.accountA }, {} as never);
    for (const [name, id, address] of [['pat', pat, 'pat@customer.test'], ['gone', gone, 'gone@customer.test']] as const) {
      const accepted = elastic.accepted.find((a) => a.to[0] === address);
      const [m] = await db.sql<{ id: string; email_message_id: string | null; status: string }[]>`
        select id, email_message_id, status from public.outbound_messages where lead_id = ${id}`;
      expect(m!.status).toBe('sent');
      sent[name] = { messageId: accepted!.headers['Message-ID']!, outboundId: m!.id };
    }
  });

  afterAll(async () => {
    await worker?.stop();
    await elastic?.close();
    await openai?.close();
    await ingestSql?.end({ timeout: 5 });
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
  });

  /** A signed POST to /webhooks/email/inbound/<slug> (key: the account's derived key unless given). */
  async function signedPost(body: Buffer | string, options: { contentType?: string; key?: string; t?: number; slug?: string } = {}): Promise<Response> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const t = options.t ?? Math.floor(Date.now() / 1000);
    const key = options.key ?? inboundEmailSigningKey(INBOUND_SECRET, inbound.accountA);
    const v1 = createHmac('sha256', key).update(`${t}.`).update(bytes).digest('hex');
    return inbound.app.request(`${INTERNAL_BASE}/webhooks/email/inbound/${options.slug ?? 'acme'}`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'message/rfc822', 'x-revenue-signature': `t=${t},v1=${v1}` },
      body: bytes,
    });
  }

  const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error?: string }).error];
  const mime = (headers: string[], body: string) => [...headers, 'MIME-Version: 1.0', '', body].join('\r\n');

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

  const counts = async () => {
    const [row] = await db.sql<{ receipts: number; messages: number }[]>`
      select (select count(*)::int from public.webhook_receipts where provider = 'email') as receipts,
             (select count(*)::int from public.inbound_messages where channel = 'email') as messages`;
    return row!;
  };

  it('every email we send carries a Message-ID we chose, recorded on its outbound message', async () => {
    expect(sent.pat!.messageId).toMatch(/^<rv\.[0-9a-f]{32}@acme\.test>$/);
    expect(sent.gone!.messageId).not.toBe(sent.pat!.messageId);
    const rows = await db.sql<{ email_message_id: string }[]>`
      select email_message_id from public.outbound_messages where id in (${sent.pat!.outboundId}, ${sent.gone!.outboundId}) order by lead_id = ${pat} desc`;
    expect(rows.map((r) => r.email_message_id)).toEqual([sent.pat!.messageId, sent.gone!.messageId]);
  });

  it('a raw MIME reply threads onto the right lead and message, quoted text and signature stripped', async () => {
    const asked = openai.requests.filter((r) => r.purpose === 'reply_sentiment').length;
    const raw = mime([
      'From: Pat Lopez <Pat@Customer.test>',
      `To: Acme Sales <${OURS}>`,
      'Subject: Re: Your quote from Acme',
      'Message-ID: <reply-1@customer.test>',
      `In-Reply-To: ${sent.pat!.messageId}`,
      `References: ${sent.pat!.messageId}`,
      'Content-Type: text/plain; charset=utf-8',
    ], [
      'Yes, Tuesday at 3pm works. What is the price of the blue one?',
      '',
      'Thanks,',
      'Pat',
      '',
      '--',
      'Pat Lopez | Fleet manager',
      '',
      'On Mon, Jan 5, 2026 at 10:00 AM Acme Sales <sales@acme.test> wrote:',
      '> Hi Pat, here is your quote for the blue sedan.',
      '',
    ].join('\r\n'));
    const res = await signedPost(raw);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'received' });
    // Nothing is applied before the drain: the webhook only wrote the receipt.
    expect((await db.sql`select 1 from public.inbound_messages where provider_message_id = 'reply-1@customer.test'`).length).toBe(0);
    await drainReceipts(db.sql);

    const [m] = await db.sql<{ lead_id: string; in_reply_to_outbound_id: string; from_address: string; body: string; subject: string; provider: string }[]>`
      select lead_id, in_reply_to_outbound_id, from_address, body, subject, provider from public.inbound_messages
      where provider_message_id = 'reply-1@customer.test'`;
    expect(m).toEqual({
      lead_id: pat, in_reply_to_outbound_id: sent.pat!.outboundId, from_address: 'pat@customer.test',
      body: 'Yes, Tuesday at 3pm works. What is the price of the blue one?', subject: 'Re: Your quote from Acme', provider: 'email',
    });
    // The raw text (quote included) stays with the receipt.
    const [r] = await db.sql<{ raw: string; outcome: string }[]>`
      select payload ->> 'raw_text' as raw, outcome from public.webhook_receipts where provider = 'email' and idempotency_key = 'message:reply-1@customer.test'`;
    expect(r!.outcome).toBe('recorded');
    expect(r!.raw).toContain('> Hi Pat, here is your quote');
    // A person's reply goes to the model: one request.
    await settled();
    expect(openai.requests.filter((q) => q.purpose === 'reply_sentiment').length - asked).toBe(1);

    // A replay is a duplicate and changes nothing.
    const before = await counts();
    const again = await signedPost(raw);
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    await drainReceipts(db.sql);
    expect(await counts()).toEqual(before);
  });

  it("a CC'd colleague's reply is recorded with the colleague as replier, and the answer goes To them with the lead CC'd", async () => {
    const raw = mime([
      'From: "Jordan Buyer" <jordan@customer.test>',
      `To: ${OURS}`,
      'Cc: pat@customer.test',
      'Subject: RE: Your quote from Acme',
      'Message-ID: <reply-2@customer.test>',
      `References: ${sent.pat!.messageId} <reply-1@customer.test>`,
      'Content-Type: text/plain; charset=utf-8',
    ], 'I handle purchasing for Pat. Can we meet Tuesday at 3pm?\r\n\r\nSent from my iPhone\r\n');
    expect((await signedPost(raw)).status).toBe(200);
    await drainReceipts(db.sql);
    const [m] = await db.sql<{ lead_id: string; from_address: string; in_reply_to_outbound_id: string; body: string }[]>`
      select lead_id, from_address, in_reply_to_outbound_id, body from public.inbound_messages where provider_message_id = 'reply-2@customer.test'`;
    expect(m).toEqual({ lead_id: pat, from_address: 'jordan@customer.test', in_reply_to_outbound_id: sent.pat!.outboundId,
                        body: 'I handle purchasing for Pat. Can we meet Tuesday at 3pm?' });
    const [l] = await db.sql<{ current_replier_email: string; current_replier_name: string; alternate_emails: string[] }[]>`
      select current_replier_email, current_replier_name, alternate_emails::text[] as alternate_emails from public.leads where id = ${pat}`;
    expect(l).toEqual({ current_replier_email: 'jordan@customer.test', current_replier_name: 'Jordan Buyer', alternate_emails: ['jordan@customer.test'] });

    // The AI stage drafts the answer To the colleague with the lead CC'd; sent, it goes exactly so.
    await settled();
    const [d] = await db.sql<{ id: string; to_address: string; cc_addresses: string[] }[]>`
      select id, to_address, cc_addresses from public.ai_drafts where lead_id = ${pat} and status = 'pending'`;
    expect(d).toMatchObject({ to_address: 'jordan@customer.test', cc_addresses: ['pat@customer.test'] });
    await db.sql`select brain.queue_ai_draft_touch(${d!.id}::uuid, now(), 'test')`;
    const before = elastic.accepted.length;
    await dispatchTouches(deps)({ account_id: inbound.accountA }, {} as never);
    const answer = elastic.accepted.slice(before);
    expect(answer.map((a) => [a.to, a.cc, a.subject])).toEqual([[['jordan@customer.test'], ['pat@customer.test'], 'RE: Your quote from Acme']]);
    expect(answer[0]!.headers['Message-ID']).toMatch(/^<rv\.[0-9a-f]{32}@acme\.test>$/);
  });

  it('a DSN bounce is tagged Blacklist by the rules with no request to the model, and stops email to the address', async () => {
    const asked = openai.requests.length;
    const raw = mime([
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.customer.test>',
      `To: ${OURS}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.customer.test>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"',
    ], [
      '--DSN', 'Content-Type: text/plain; charset=us-ascii', '', 'This is the mail system. Your message could not be delivered. Interested parties may contact the postmaster.', '',
      '--DSN', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.customer.test', '',
      'Final-Recipient: rfc822; gone@customer.test', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 no such user', '',
      '--DSN', 'Content-Type: text/rfc822-headers', '', `From: ${OURS}`, 'To: gone@customer.test', 'Subject: Your quote from Acme',
      `Message-ID: ${sent.gone!.messageId}`, '',
      '--DSN--', '',
    ].join('\r\n'));
    expect((await signedPost(raw)).status).toBe(200);
    await drainReceipts(db.sql);
    await settled();
    const [m] = await db.sql<{ lead_id: string; auto_kind: string; sentiment_tag: string; sentiment_source: string; in_reply_to_outbound_id: string }[]>`
      select lead_id, auto_kind, sentiment_tag, sentiment_source, in_reply_to_outbound_id from public.inbound_messages
      where provider_message_id = 'dsn-1@mx.customer.test'`;
    expect(m).toEqual({ lead_id: gone, auto_kind: 'bounce', sentiment_tag: 'Blacklist', sentiment_source: 'rules', in_reply_to_outbound_id: sent.gone!.outboundId });
    expect(openai.requests.length).toBe(asked);
    const [s] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from public.suppressions where email = 'gone@customer.test' and channel = 'email' and reason = 'bounce' and lifted_at is null`;
    expect(s!.n).toBe(1);
    const [o] = await db.sql<{ status: string }[]>`select status from public.outbound_messages where id = ${sent.gone!.outboundId}`;
    expect(o!.status).toBe('failed');
  });

  it('Elastic Email\'s inbound route: its shared secret, then the same receipt kind and the same decisions', async () => {
    const body = JSON.stringify({
      from: 'Sam <sam@other.test>', to: [OURS], subject: 'Question', text: 'Do you have it in red?',
      message_id: '<elastic-1@other.test>',
    });
    const post = (secret: string | null) => inbound.app.request(`${INTERNAL_BASE}/webhooks/elastic/inbound`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...(secret ? { 'x-webhook-secret': secret } : {}) }, body,
    });
    const before = await counts();
    expect((await post('not-the-secret-at-all')).status).toBe(403);
    expect((await post(null)).status).toBe(400);
    expect(await counts()).toEqual(before);
    const ok = await post(ELASTIC_SECRET);
    expect(await ok.json()).toEqual({ ok: true, outcome: 'received' });
    await drainReceipts(db.sql);
    const [m] = await db.sql<{ provider: string; from_address: string; body: string; source: string }[]>`
      select m.provider, m.from_address, m.body, l.source from public.inbound_messages m join public.leads l on l.id = m.lead_id
      where m.provider_message_id = 'elastic-1@other.test'`;
    expect(m).toEqual({ provider: 'elastic_email', from_address: 'sam@other.test', body: 'Do you have it in red?', source: 'inbound_email' });
    // The same email through the signed door is a duplicate.
    const again = await signedPost(body, { contentType: 'application/json' });
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
  });

  it('a forged signature, a stale timestamp, another account\'s key or an oversized body: 4xx and nothing written', async () => {
    const raw = mime(['From: eve@attacker.test', `To: ${OURS}`, 'Message-ID: <forged@attacker.test>', 'Content-Type: text/plain'], 'Interested!');
    const before = await counts();
    const forged = await signedPost(raw, { key: 'f'.repeat(64) });
    expect(await errorOf(forged)).toEqual([403, 'bad_signature']);
    const stale = await signedPost(raw, { t: Math.floor(Date.now() / 1000) - 301 });
    expect(await errorOf(stale)).toEqual([403, 'stale_timestamp']);
    const otherAccount = await signedPost(raw, { key: inboundEmailSigningKey(INBOUND_SECRET, inbound.accountB) });
    expect(await errorOf(otherAccount)).toEqual([403, 'bad_signature']);
    const unsigned = await inbound.app.request(`${INTERNAL_BASE}/webhooks/email/inbound/acme`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: raw });
    expect(await errorOf(unsigned)).toEqual([400, 'missing_signature']);
    const big = await signedPost(Buffer.concat([Buffer.from(raw), Buffer.alloc(10 * 1024 * 1024, 'a')]));
    expect(await errorOf(big)).toEqual([413, 'body_too_large']);
    const nested = await signedPost(JSON.stringify({ from: 'a@b.test', to: OURS, headers: { a: [[[[[[[[[['deep']]]]]]]]]] } }), { contentType: 'application/json' });
    expect(nested.status).toBe(400);
    const unknown = await signedPost(raw, { slug: 'nobody-here' });
    expect(await errorOf(unknown)).toEqual([404, 'unknown_account']);
    await drainReceipts(db.sql);
    expect(await counts()).toEqual(before);
  });
});
