/**
 * Provider drivers with the real SDKs against the fake providers on
 * 127.0.0.1 (tests/fakes). No database, no outside host.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../lib/log.ts';
import {
  FAKE_ELASTIC_KEY,
  FAKE_TELNYX_KEY,
  FAKE_TWILIO_TOKEN,
  startFakeElastic,
  startFakeTelnyx,
  startFakeTwilio,
  TWILIO_INVALID_NUMBER,
  type FakeElastic,
  type FakeTelnyx,
  type FakeTwilio,
} from './fakes/index.ts';
import {
  classifyHttpError,
  classifyTransportError,
  createElasticDriver,
  createSinkDriver,
  createTelnyxDriver,
  createTwilioDriver,
  dryRunMessageId,
  emailMessageId,
  RebasedRequestClient,
  sinkMessageId,
  type Driver,
  type SendRequest,
} from '../worker/drivers/index.ts';
import { buildDrivers, loadProviderConfig, MISSING_ELASTIC_ENV, providerReadiness } from '../worker/providers.ts';

const BODY = 'BODY-MARKER hola Juan, tu cita es mañana';
const LEAD = '+13055550100';
const OURS = '+13055550199';
const QA = '+50765699957';
const TEMPLATE_SID = 'HX' + 'ab'.repeat(16);

/** Every log line of this file: the last test checks none of them leaks a secret or a body. */
const logLines: string[] = [];
let restoreLog: () => void = () => {};

let n = 0;
function request(overrides: Partial<SendRequest> = {}): SendRequest {
  n += 1;
  return {
    touchRunId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sendKey: `sk_test_${n}_${Date.now()}`,
    accountId: '11111111-1111-4111-8111-111111111111',
    leadId: '22222222-2222-4222-8222-222222222222',
    channel: 'sms',
    to: LEAD,
    from: OURS,
    body: BODY,
    statusCallbackUrl: 'https://hooks.example.test/webhooks/twilio/status?v=2',
    providerConfig: {},
    ...overrides,
  };
}

/** A port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function query(url: string | null | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? 'http://x.invalid').searchParams);
}

beforeAll(() => {
  restoreLog = setLogSink((line) => logLines.push(line));
});

afterAll(() => {
  restoreLog();
});

describe('provider configuration', () => {
  it('with nothing set, no provider is ready and each row names what to set', () => {
    const rows = providerReadiness(loadProviderConfig({}));
    expect(rows.map((r) => [r.provider, r.ready])).toEqual([
      ['twilio', false],
      ['telnyx', false],
      ['elastic_email', false],
      ['openai', false],
    ]);
    const byName = Object.fromEntries(rows.map((r) => [r.provider, r]));
    expect(byName.twilio!.detail).toBe('missing TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN');
    expect(byName.telnyx!.detail).toBe('missing TELNYX_API_KEY (or Telnyx_Api)');
    expect(byName.elastic_email!.detail).toBe(MISSING_ELASTIC_ENV);
    expect(MISSING_ELASTIC_ENV).toBe('missing_elastic_env: set ELASTIC_EMAIL_API_KEY (or ELASTICEMAIL_API_KEY) + ELASTIC_EMAIL_FROM');
    expect(byName.openai!.detail).toBe('missing OPENAI_API_KEY (or OPEN_AI_KEY, OPEN_API_KEY)');
    expect(rows.every((r) => r.channels.length === 0)).toBe(true);
  });

  it('has safe defaults: real provider hosts, 15 s timeout, sink outbox under DATA_DIR', () => {
    const c = loadProviderConfig({});
    expect(c.twilio.apiBaseUrl).toBe('https://api.twilio.com');
    expect(c.telnyx.apiBaseUrl).toBe('https://api.telnyx.com/v2');
    expect(c.elasticEmail.apiBaseUrl).toBe('https://api.elasticemail.com');
    expect(c.timeoutMs).toBe(15_000);
    expect(c.sink.outboxFile).toBe(path.join('.data', 'sink-outbox.jsonl'));
    expect(loadProviderConfig({ DATA_DIR: '/var/lib/ros' }).sink.outboxFile).toBe('/var/lib/ros/sink-outbox.jsonl');
    expect(loadProviderConfig({ DATA_DIR: '/x', SINK_OUTBOX_FILE: ' /tmp/out.jsonl ' }).sink.outboxFile).toBe('/tmp/out.jsonl');
    expect(loadProviderConfig({ PROVIDER_TIMEOUT_MS: '2500' }).twilio.timeoutMs).toBe(2500);
  });

  it("reads Elastic's key from ELASTICEMAIL_API_KEY when ELASTIC_EMAIL_API_KEY is unset (seed 000)", () => {
    const c = loadProviderConfig({ ELASTICEMAIL_API_KEY: ' legacy-key ', ELASTIC_EMAIL_FROM: ' sales@dealer.test ' });
    expect(c.elasticEmail).toMatchObject({ apiKey: 'legacy-key', apiKeySource: 'ELASTICEMAIL_API_KEY', from: 'sales@dealer.test', ready: true });
    const row = providerReadiness(c).find((r) => r.provider === 'elastic_email')!;
    expect(row).toMatchObject({ ready: true, channels: ['email'], detail: 'key from ELASTICEMAIL_API_KEY; ELASTIC_EMAIL_FROM set' });
    expect(loadProviderConfig({ ELASTIC_EMAIL_API_KEY: 'new', ELASTICEMAIL_API_KEY: 'old' }).elasticEmail.apiKey).toBe('new');
  });

  it('EMAIL_READY needs both the key and the from-address; blank values count as unset', () => {
    expect(loadProviderConfig({ ELASTIC_EMAIL_API_KEY: 'k' }).elasticEmail.ready).toBe(false);
    expect(loadProviderConfig({ ELASTIC_EMAIL_FROM: 'a@b.test' }).elasticEmail.ready).toBe(false);
    expect(loadProviderConfig({ ELASTIC_EMAIL_API_KEY: '   ', ELASTICEMAIL_API_KEY: 'k2', ELASTIC_EMAIL_FROM: 'a@b.test' }).elasticEmail).toMatchObject({
      apiKey: 'k2',
      ready: true,
    });
  });

  it('reads the Telnyx key from Telnyx_Api, and says voice needs TELNYX_APP_ID', () => {
    const c = loadProviderConfig({ Telnyx_Api: 'KEY_legacy' });
    expect(c.telnyx).toMatchObject({ apiKey: 'KEY_legacy', apiKeySource: 'Telnyx_Api' });
    expect(providerReadiness(c).find((r) => r.provider === 'telnyx')).toMatchObject({
      ready: true,
      channels: ['sms'],
      detail: 'key from Telnyx_Api; missing TELNYX_APP_ID: voice disabled',
    });
    const full = providerReadiness(loadProviderConfig({ TELNYX_API_KEY: 'KEY_new', Telnyx_Api: 'KEY_old', TELNYX_APP_ID: 'conn' }));
    expect(full.find((r) => r.provider === 'telnyx')).toMatchObject({ ready: true, channels: ['sms', 'voice'] });
    expect(loadProviderConfig({ TELNYX_API_KEY: 'KEY_new', Telnyx_Api: 'KEY_old' }).telnyx.apiKey).toBe('KEY_new');
  });

  it('reads the OpenAI key from OPENAI_API_KEY, then OPEN_AI_KEY, then OPEN_API_KEY', () => {
    expect(loadProviderConfig({ OPEN_API_KEY: 'k3' }).openai).toMatchObject({ apiKey: 'k3', apiKeySource: 'OPEN_API_KEY' });
    expect(loadProviderConfig({ OPEN_AI_KEY: 'k2', OPEN_API_KEY: 'k3' }).openai).toMatchObject({ apiKey: 'k2', apiKeySource: 'OPEN_AI_KEY' });
    expect(loadProviderConfig({ OPENAI_API_KEY: 'k1', OPEN_AI_KEY: 'k2' }).openai).toMatchObject({ apiKey: 'k1', apiKeySource: 'OPENAI_API_KEY' });
    const row = providerReadiness(loadProviderConfig({ OPEN_AI_KEY: 'k2' })).find((r) => r.provider === 'openai')!;
    expect(row).toMatchObject({ ready: true, detail: 'key from OPEN_AI_KEY' });
  });

  it('reads QA_SINK with or without the whatsapp: prefix, and DRY_RUN_WHATSAPP as 1/true', () => {
    expect(loadProviderConfig({ QA_SINK: `whatsapp:${QA}` }).twilio.qaSink).toBe(QA);
    expect(loadProviderConfig({ QA_SINK: QA }).twilio.qaSink).toBe(QA);
    expect(loadProviderConfig({ DRY_RUN_WHATSAPP: '1' }).twilio.dryRunWhatsapp).toBe(true);
    expect(loadProviderConfig({ DRY_RUN_WHATSAPP: 'TRUE' }).twilio.dryRunWhatsapp).toBe(true);
    expect(loadProviderConfig({ DRY_RUN_WHATSAPP: '0' }).twilio.dryRunWhatsapp).toBe(false);
    expect(loadProviderConfig({}).twilio.dryRunWhatsapp).toBe(false);
    const dry = providerReadiness(loadProviderConfig({ DRY_RUN_WHATSAPP: 'true' })).find((r) => r.provider === 'twilio')!;
    expect(dry).toMatchObject({ ready: false, channels: ['whatsapp'] });
    expect(dry.detail).toContain('DRY_RUN_WHATSAPP on');
  });

  it('points the SDKs at override hosts; a bare Telnyx origin gets /v2', () => {
    const c = loadProviderConfig({
      TWILIO_API_BASE_URL: 'http://127.0.0.1:9/',
      TELNYX_API_BASE_URL: 'http://127.0.0.1:8',
      ELASTIC_EMAIL_API_BASE_URL: 'http://127.0.0.1:7/',
    });
    expect([c.twilio.apiBaseUrl, c.telnyx.apiBaseUrl, c.elasticEmail.apiBaseUrl]).toEqual(['http://127.0.0.1:9', 'http://127.0.0.1:8/v2', 'http://127.0.0.1:7']);
    expect(loadProviderConfig({ TELNYX_API_BASE_URL: 'http://proxy.test/telnyx/v2' }).telnyx.apiBaseUrl).toBe('http://proxy.test/telnyx/v2');
  });

  it('refuses malformed values, naming the variable but never echoing the value', () => {
    const attempt = () =>
      loadProviderConfig({ TWILIO_ACCOUNT_SID: 'SKsecretvalue123', QA_SINK: 'not-a-number', DRY_RUN_WHATSAPP: 'maybe', TWILIO_API_BASE_URL: 'ftp://x' });
    expect(attempt).toThrow(/TWILIO_ACCOUNT_SID: must start with AC.*TWILIO_API_BASE_URL.*QA_SINK.*DRY_RUN_WHATSAPP/);
    expect(attempt).not.toThrow(/SKsecretvalue123|not-a-number|maybe/);
  });

  it('readiness rows carry variable names, never values', () => {
    const env = {
      TWILIO_ACCOUNT_SID: 'AC' + 'f'.repeat(32),
      TWILIO_AUTH_TOKEN: 'tok-SECRET-1',
      TELNYX_API_KEY: 'KEY-SECRET-2',
      TELNYX_APP_ID: 'conn-3',
      ELASTIC_EMAIL_API_KEY: 'ee-SECRET-4',
      ELASTIC_EMAIL_FROM: 'sales@dealer.test',
      OPENAI_API_KEY: 'sk-SECRET-5',
    };
    const rows = providerReadiness(loadProviderConfig(env));
    expect(rows.every((r) => r.ready)).toBe(true);
    const text = JSON.stringify(rows);
    for (const value of Object.values(env)) expect(text).not.toContain(value);
  });

  it('buildDrivers gives one driver per provider, configured or not', () => {
    const drivers = buildDrivers(loadProviderConfig({}));
    expect([...drivers.keys()].sort()).toEqual(['elastic_email', 'sink', 'telnyx', 'twilio']);
    for (const [name, driver] of drivers) expect(driver.name).toBe(name);
    expect(drivers.get('twilio')!.channels).toEqual(['sms', 'whatsapp', 'voice']);
    expect(drivers.get('telnyx')!.channels).toEqual(['sms', 'voice']);
    expect(drivers.get('elastic_email')!.channels).toEqual(['email']);
  });
});

describe('sink driver', () => {
  let dir: string;
  let file: string;
  let sink: Driver;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ros-sink-'));
    file = path.join(dir, 'nested', 'sink-outbox.jsonl');
    sink = createSinkDriver({ outboxFile: file });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('looks up nothing before anything was recorded (no file yet)', async () => {
    expect(await sink.lookup(request())).toEqual({ kind: 'not_found' });
  });

  it('records one masked line per send, with no body, and accepts with a stable id', async () => {
    const sms = request();
    const email = request({ channel: 'email', to: 'juan.perez@example.test' });
    const first = await sink.send(sms);
    await sink.send(email);
    expect(first).toEqual({ kind: 'accepted', providerMessageId: sinkMessageId(sms.sendKey), providerStatus: 'recorded' });
    expect(sinkMessageId(sms.sendKey)).toMatch(/^sink_[0-9a-f]{24}$/);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('BODY-MARKER');
    expect(text).not.toContain(LEAD);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ at: expect.any(String), send_key: sms.sendKey, touch_run_id: sms.touchRunId, channel: 'sms', to_masked: '********0100' });
    expect(lines[1]).toMatchObject({ channel: 'email', to_masked: '*'.repeat(19) + 'test' });
  });

  it('finds a recorded send by its send key, and only that one', async () => {
    const sent = request();
    await sink.send(sent);
    expect(await sink.lookup(sent)).toEqual({ kind: 'found', providerMessageId: sinkMessageId(sent.sendKey), providerStatus: 'recorded' });
    expect(await sink.lookup(request())).toEqual({ kind: 'not_found' });
  });
});

describe('twilio driver (official SDK against the fake)', () => {
  let fake: FakeTwilio;
  let twilio: Driver;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    twilio = createTwilioDriver({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, timeoutMs: 1000 });
  });

  afterAll(async () => {
    await fake.close();
  });

  function lastBody(): Record<string, unknown> {
    return fake.requests.at(-1)!.body as Record<string, unknown>;
  }

  it('sends an SMS with basic auth and a status callback carrying touch_run_id and send_key', async () => {
    const r = request();
    const result = await twilio.send(r);
    expect(result).toMatchObject({ kind: 'accepted', providerStatus: 'queued' });
    const accepted = fake.accepted.at(-1)!;
    expect(result.kind === 'accepted' && result.providerMessageId).toBe(accepted.id);
    expect(accepted).toMatchObject({ resource: 'message', to: LEAD, from: OURS, body: BODY, sendKey: r.sendKey, touchRunId: r.touchRunId });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`, authenticated: true });
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
    expect(query(accepted.statusCallback)).toEqual({ v: '2', touch_run_id: r.touchRunId, send_key: r.sendKey });
  });

  it('sends WhatsApp free text inside the 24-hour window, with whatsapp: on both addresses', async () => {
    const result = await twilio.send(request({ channel: 'whatsapp', inCustomerServiceWindow: true }));
    expect(result.kind).toBe('accepted');
    expect(lastBody()).toMatchObject({ To: `whatsapp:${LEAD}`, From: `whatsapp:${OURS}`, Body: BODY });
  });

  it('outside the window sends the approved template through the Content API, not the text', async () => {
    const r = request({
      channel: 'whatsapp',
      inCustomerServiceWindow: false,
      templateName: 'cita_recordatorio',
      templateVariables: { '1': 'Juan', '2': 'mañana' },
      providerConfig: { whatsapp_templates: { cita_recordatorio: TEMPLATE_SID } },
    });
    expect((await twilio.send(r)).kind).toBe('accepted');
    const body = lastBody();
    expect(body).toMatchObject({ To: `whatsapp:${LEAD}`, ContentSid: TEMPLATE_SID });
    expect(JSON.parse(body.ContentVariables as string)).toEqual({ '1': 'Juan', '2': 'mañana' });
    expect(body.Body).toBeUndefined();
  });

  it('outside the window without a usable template rejects with whatsapp_template_required and calls nobody', async () => {
    const before = fake.requests.length;
    const none = await twilio.send(request({ channel: 'whatsapp' }));
    const unknownName = await twilio.send(request({ channel: 'whatsapp', templateName: 'nope', providerConfig: { whatsapp_templates: { other: TEMPLATE_SID } } }));
    for (const result of [none, unknownName]) expect(result).toMatchObject({ kind: 'rejected', errorCode: 'whatsapp_template_required' });
    expect(fake.requests.length).toBe(before);
  });

  it('QA_SINK sends every WhatsApp to the QA number instead of the lead', async () => {
    const qa = createTwilioDriver({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, qaSink: QA });
    const r = request({ channel: 'whatsapp', inCustomerServiceWindow: true });
    expect((await qa.send(r)).kind).toBe('accepted');
    expect(fake.accepted.at(-1)).toMatchObject({ to: `whatsapp:${QA}`, sendKey: r.sendKey });
    // SMS is not redirected.
    await qa.send(request());
    expect(fake.accepted.at(-1)!.to).toBe(LEAD);
  });

  it('DRY_RUN_WHATSAPP reports accepted with a dry-run id and calls nobody; the template rule still holds', async () => {
    const dry = createTwilioDriver({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, dryRunWhatsapp: true });
    const before = fake.requests.length;
    const r = request({ channel: 'whatsapp', inCustomerServiceWindow: true });
    expect(await dry.send(r)).toEqual({ kind: 'accepted', providerMessageId: dryRunMessageId(r.sendKey), providerStatus: 'dry_run' });
    expect(dryRunMessageId(r.sendKey)).toMatch(/^dryrun_[0-9a-f]{24}$/);
    expect(await dry.lookup(r)).toEqual({ kind: 'found', providerMessageId: dryRunMessageId(r.sendKey), providerStatus: 'dry_run' });
    expect(await dry.send(request({ channel: 'whatsapp' }))).toMatchObject({ kind: 'rejected', errorCode: 'whatsapp_template_required' });
    // Dry run needs no credentials at all.
    const bare = createTwilioDriver({ dryRunWhatsapp: true });
    expect((await bare.send(request({ channel: 'whatsapp', inCustomerServiceWindow: true }))).kind).toBe('accepted');
    expect(fake.requests.length).toBe(before);
  });

  it('places a call whose TwiML connects a media stream to the gateway, tagged with the touch', async () => {
    const r = request({ channel: 'voice', voiceStreamUrl: 'wss://gateway.example.test/twilio?token=abc&x=1' });
    const result = await twilio.send(r);
    expect(result).toMatchObject({ kind: 'accepted', providerStatus: 'queued' });
    const call = fake.accepted.at(-1)!;
    expect(call).toMatchObject({ resource: 'call', to: LEAD, from: OURS, sendKey: r.sendKey, touchRunId: r.touchRunId });
    expect(call.twiml).toContain(
      `<Response><Connect><Stream url="wss://gateway.example.test/twilio?token=abc&amp;x=1"><Parameter name="touch_run_id" value="${r.touchRunId}"/><Parameter name="token" value="abc"/></Stream></Connect></Response>`,
    );
    const body = lastBody();
    expect(body.StatusCallbackEvent).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(query(body.StatusCallback as string)).toMatchObject({ touch_run_id: r.touchRunId, send_key: r.sendKey });
  });

  it('refuses a call without a media stream URL', async () => {
    expect(await twilio.send(request({ channel: 'voice' }))).toMatchObject({ kind: 'rejected', errorCode: 'voice_stream_url_required' });
  });

  it("maps a 4xx to rejected with Twilio's own error code", async () => {
    expect(await twilio.send(request({ to: TWILIO_INVALID_NUMBER }))).toMatchObject({ kind: 'rejected', errorCode: '21211' });
    fake.setFaults({ rejectWith: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }, times: 1 });
    expect(await twilio.send(request())).toEqual({ kind: 'rejected', errorCode: '21610', errorMessage: 'Attempt to send to unsubscribed recipient' });
    const wrongToken = createTwilioDriver({ accountSid: fake.accountSid, authToken: 'wrong', apiBaseUrl: fake.url });
    expect(await wrongToken.send(request())).toMatchObject({ kind: 'rejected', errorCode: '20003' });
  });

  it('a 429 is not_sent: Twilio refused before doing anything', async () => {
    fake.setFaults({ rejectWith: { status: 429, code: 20429, message: 'Too Many Requests' }, times: 1 });
    expect(await twilio.send(request())).toMatchObject({ kind: 'not_sent', errorCode: '20429' });
  });

  it('a 500 after Twilio accepted is unknown, and lookup then finds the message', async () => {
    fake.setFaults({ failAfterAcceptRate: 1, times: 1 });
    const r = request({ attemptedAt: new Date().toISOString() });
    const before = fake.accepted.length;
    expect(await twilio.send(r)).toMatchObject({ kind: 'unknown', errorCode: '20500' });
    expect(fake.accepted.length).toBe(before + 1);
    const sid = fake.accepted.at(-1)!.id;
    expect(await twilio.lookup(r)).toEqual({ kind: 'found', providerMessageId: sid, providerStatus: 'sent' });
  });

  it('a reset after the request was read is unknown', async () => {
    fake.setFaults({ resetRate: 1, acceptBeforeReset: true, times: 1 });
    const r = request();
    expect(await twilio.send(r)).toMatchObject({ kind: 'unknown' });
    expect(fake.accepted.at(-1)!.sendKey).toBe(r.sendKey);
  });

  it('a timeout after the request was written is unknown', async () => {
    fake.setFaults({ delayMs: 2500, times: 1 });
    const r = request();
    expect(await twilio.send(r)).toMatchObject({ kind: 'unknown', errorCode: 'timeout' });
    expect(fake.accepted.at(-1)!.sendKey).toBe(r.sendKey);
  });

  it('a refused connection is not_sent', async () => {
    const port = await closedPort();
    const dead = createTwilioDriver({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: `http://127.0.0.1:${port}` });
    expect(await dead.send(request())).toMatchObject({ kind: 'not_sent', errorCode: 'econnrefused' });
  });

  it('without credentials SMS and voice fail closed naming the variables', async () => {
    const bare = createTwilioDriver({});
    expect(await bare.send(request())).toEqual({
      kind: 'not_sent',
      errorCode: 'missing_twilio_env',
      errorMessage: 'missing_twilio_env: set TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN',
    });
  });

  it('lookup: not_found for text never sent, or for a send attempted after the message', async () => {
    const sent = request();
    await twilio.send(sent);
    expect(await twilio.lookup(sent)).toMatchObject({ kind: 'found' });
    expect(await twilio.lookup({ ...sent, body: '' })).toMatchObject({ kind: 'found' });
    expect(await twilio.lookup(request({ body: 'a text that was never sent' }))).toEqual({ kind: 'not_found' });
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    expect(await twilio.lookup({ ...sent, attemptedAt: later })).toEqual({ kind: 'not_found' });
    expect(await twilio.lookup(request({ to: '+13055550142' }))).toEqual({ kind: 'not_found' });
    const listed = fake.requests.at(-1)!;
    expect(listed).toMatchObject({ method: 'GET', path: `/2010-04-01/Accounts/${fake.accountSid}/Messages.json` });
    expect(listed.query).toMatchObject({ To: '+13055550142', From: OURS });
  });

  it('lookup finds a WhatsApp template send at the QA number and a call', async () => {
    const qa = createTwilioDriver({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url, qaSink: QA });
    const r = request({ channel: 'whatsapp', templateName: 't', providerConfig: { whatsapp_templates: { t: TEMPLATE_SID } } });
    const sent = await qa.send(r);
    expect(await qa.lookup(r)).toEqual({ kind: 'found', providerMessageId: sent.kind === 'accepted' ? sent.providerMessageId : '', providerStatus: 'sent' });
    // A reconciler that knows only the addresses (no body, no window flag, no template) still finds it.
    const bare = { ...r, body: '', templateName: undefined, providerConfig: {}, statusCallbackUrl: '' };
    expect(await qa.lookup(bare)).toMatchObject({ kind: 'found' });
    const call = request({ channel: 'voice', voiceStreamUrl: 'wss://gw.example.test/s', to: '+13055550177' });
    expect(await twilio.lookup(call)).toEqual({ kind: 'not_found' });
    await twilio.send(call);
    expect(await twilio.lookup(call)).toMatchObject({ kind: 'found', providerMessageId: fake.accepted.at(-1)!.id });
  });

  it('rebases every SDK request onto the configured host, keeping path and query', () => {
    const client = new RebasedRequestClient('http://127.0.0.1:4010/prefix/', {});
    expect(client.rebase('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?To=%2B1&PageSize=50')).toBe(
      'http://127.0.0.1:4010/prefix/2010-04-01/Accounts/AC1/Messages.json?To=%2B1&PageSize=50',
    );
    expect(new RebasedRequestClient(undefined, {}).rebase('https://api.twilio.com/x')).toBe('https://api.twilio.com/x');
  });
});

describe('telnyx driver (official SDK against the fake)', () => {
  let fake: FakeTelnyx;
  let telnyx: Driver;

  beforeAll(async () => {
    fake = await startFakeTelnyx();
    telnyx = createTelnyxDriver({ apiKey: fake.apiKey, appId: fake.connectionId, apiBaseUrl: `${fake.url}/v2`, timeoutMs: 1000 });
  });

  afterAll(async () => {
    await fake.close();
  });

  it('sends an SMS with bearer auth and webhook_url carrying touch_run_id and send_key', async () => {
    const r = request();
    const result = await telnyx.send(r);
    const accepted = fake.accepted.at(-1)!;
    expect(result).toEqual({ kind: 'accepted', providerMessageId: accepted.id, providerStatus: 'queued' });
    expect(accepted).toMatchObject({ resource: 'message', to: LEAD, from: OURS, text: BODY, sendKey: r.sendKey, touchRunId: r.touchRunId });
    expect(query(accepted.webhookUrl)).toEqual({ v: '2', touch_run_id: r.touchRunId, send_key: r.sendKey });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v2/messages', authenticated: true });
  });

  it('dials through Call Control on TELNYX_APP_ID with the webhook and the touch in client_state', async () => {
    const r = request({ channel: 'voice' });
    const result = await telnyx.send(r);
    const call = fake.accepted.at(-1)!;
    expect(result).toEqual({ kind: 'accepted', providerMessageId: call.id, providerStatus: 'dialing' });
    expect(call).toMatchObject({ resource: 'call', connectionId: fake.connectionId, to: LEAD, from: OURS, sendKey: r.sendKey });
    expect(JSON.parse(call.clientState!)).toEqual({ touch_run_id: r.touchRunId, send_key: r.sendKey });
  });

  it('voice without TELNYX_APP_ID is not_sent and calls nobody; WhatsApp is not a Telnyx channel here', async () => {
    const noApp = createTelnyxDriver({ apiKey: fake.apiKey, apiBaseUrl: `${fake.url}/v2` });
    const before = fake.requests.length;
    expect(await noApp.send(request({ channel: 'voice' }))).toMatchObject({ kind: 'not_sent', errorCode: 'missing_telnyx_env' });
    expect(await telnyx.send(request({ channel: 'whatsapp' }))).toMatchObject({ kind: 'rejected', errorCode: 'channel_not_supported' });
    expect(fake.requests.length).toBe(before);
  });

  it("maps a 4xx to rejected with Telnyx's error code", async () => {
    expect(await telnyx.send(request({ to: '+1234' }))).toMatchObject({ kind: 'rejected', errorCode: '40310' });
    const wrongKey = createTelnyxDriver({ apiKey: 'KEY_wrong', apiBaseUrl: `${fake.url}/v2` });
    expect(await wrongKey.send(request())).toMatchObject({ kind: 'rejected', errorCode: '10009' });
  });

  it('a 500 after accepting is unknown, and the SDK does not retry it into a second send', async () => {
    fake.setFaults({ failAfterAcceptRate: 1 });
    const r = request();
    const before = fake.requests.length;
    try {
      expect(await telnyx.send(r)).toMatchObject({ kind: 'unknown', errorCode: '10007' });
    } finally {
      fake.setFaults(null);
    }
    expect(fake.requests.length).toBe(before + 1);
    expect(fake.accepted.filter((a) => a.sendKey === r.sendKey)).toHaveLength(1);
    expect(fake.duplicateSendKeys()).toEqual([]);
  });

  it('a reset is unknown; a timeout is unknown; a refused connection is not_sent', async () => {
    fake.setFaults({ resetRate: 1, times: 1 });
    expect(await telnyx.send(request())).toMatchObject({ kind: 'unknown' });
    fake.setFaults({ delayMs: 2500, times: 1 });
    expect(await telnyx.send(request())).toMatchObject({ kind: 'unknown', errorCode: 'timeout' });
    const port = await closedPort();
    const dead = createTelnyxDriver({ apiKey: fake.apiKey, appId: fake.connectionId, apiBaseUrl: `http://127.0.0.1:${port}/v2` });
    expect(await dead.send(request({ channel: 'voice' }))).toMatchObject({ kind: 'not_sent', errorCode: 'econnrefused' });
  });

  it('lookup is unsupported', async () => {
    expect(await telnyx.lookup(request())).toEqual({ kind: 'unsupported' });
  });
});

describe('elastic email driver (HTTP API against the fake)', () => {
  let fake: FakeElastic;
  let email: Driver;

  beforeAll(async () => {
    fake = await startFakeElastic();
    email = createElasticDriver({ apiKey: fake.apiKey, from: 'ventas@dealer.example.test', apiBaseUrl: fake.url, timeoutMs: 1000 });
  });

  afterAll(async () => {
    await fake.close();
  });

  function emailRequest(overrides: Partial<SendRequest> = {}): SendRequest {
    return request({
      channel: 'email',
      to: 'juan@example.test',
      from: '',
      subject: 'Tu cita',
      unsubscribeUrl: 'https://app.example.test/u/abc?lead=1',
      ...overrides,
    });
  }

  it('sends a transactional email with RFC 8058 one-click unsubscribe, the send-key header and our Message-ID', async () => {
    const r = emailRequest();
    const result = await email.send(r);
    const accepted = fake.accepted.at(-1)!;
    const messageId = emailMessageId(r.sendKey, 'ventas@dealer.example.test');
    expect(messageId).toMatch(/^<rv\.[0-9a-f]{32}@dealer\.example\.test>$/);
    expect(result).toEqual({ kind: 'accepted', providerMessageId: accepted.id, providerStatus: 'queued', emailMessageId: messageId });
    expect(accepted).toMatchObject({ to: ['juan@example.test'], cc: [], from: 'ventas@dealer.example.test', subject: 'Tu cita', plainText: BODY, sendKey: r.sendKey });
    expect(accepted.headers).toEqual({
      'List-Unsubscribe': '<https://app.example.test/u/abc?lead=1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Revenue-Send-Key': r.sendKey,
      'X-Revenue-Touch-Run-Id': r.touchRunId,
      'Message-ID': messageId,
    });
    const recorded = fake.requests.at(-1)!;
    expect(recorded).toMatchObject({ method: 'POST', path: '/v4/emails/transactional', authenticated: true });
    expect(recorded.headers['x-elasticemail-apikey']).toBeUndefined();
    expect((recorded.body as { Content: { Body: unknown } }).Content.Body).toEqual([{ ContentType: 'PlainText', Charset: 'utf-8', Content: BODY }]);
  });

  it('copies the addresses the touch names (Cc), and the Message-ID follows the sender\'s domain', async () => {
    const r = emailRequest({ to: 'jordan@example.test', cc: ['juan@example.test'], from: 'Ana <ana@otro.example.test>' });
    const result = await email.send(r);
    expect(fake.accepted.at(-1)).toMatchObject({ to: ['jordan@example.test'], cc: ['juan@example.test'] });
    expect(result).toMatchObject({ kind: 'accepted', emailMessageId: emailMessageId(r.sendKey, 'ana@otro.example.test') });
    expect(fake.accepted.at(-1)!.headers['Message-ID']).toMatch(/@otro\.example\.test>$/);
  });

  it('uses the request sender when given', async () => {
    await email.send(emailRequest({ from: 'ana@dealer.example.test' }));
    expect(fake.accepted.at(-1)!.from).toBe('ana@dealer.example.test');
  });

  it('fails closed with the exact seed-000 error when the key or the from-address is missing', async () => {
    const before = fake.requests.length;
    for (const options of [{ from: 'a@b.test' }, { apiKey: fake.apiKey }, {}]) {
      const off = createElasticDriver({ ...options, apiBaseUrl: fake.url });
      expect(await off.send(emailRequest())).toEqual({
        kind: 'not_sent',
        errorCode: 'missing_elastic_env',
        errorMessage: 'missing_elastic_env: set ELASTIC_EMAIL_API_KEY (or ELASTICEMAIL_API_KEY) + ELASTIC_EMAIL_FROM',
      });
    }
    const fromEnv = buildDrivers(loadProviderConfig({ ELASTICEMAIL_API_KEY: 'k', ELASTIC_EMAIL_API_BASE_URL: fake.url })).get('elastic_email')!;
    expect(await fromEnv.send(emailRequest())).toMatchObject({ kind: 'not_sent', errorMessage: MISSING_ELASTIC_ENV });
    expect(fake.requests.length).toBe(before);
    expect(logLines.some((l) => l.includes('"event":"DISPATCH_EMAIL_DISABLED_MISSING_ELASTIC_ENV"'))).toBe(true);
  });

  it('works end to end from the environment with the legacy key name', async () => {
    const driver = buildDrivers(
      loadProviderConfig({ ELASTICEMAIL_API_KEY: FAKE_ELASTIC_KEY, ELASTIC_EMAIL_FROM: 'a@dealer.example.test', ELASTIC_EMAIL_API_BASE_URL: fake.url }),
    ).get('elastic_email')!;
    expect((await driver.send(emailRequest())).kind).toBe('accepted');
  });

  it('refuses to send without an unsubscribe URL', async () => {
    expect(await email.send(emailRequest({ unsubscribeUrl: undefined }))).toMatchObject({ kind: 'rejected', errorCode: 'unsubscribe_url_required' });
  });

  it('classifies errors: 4xx rejected, 500 after accept unknown, reset unknown, timeout unknown, refused not_sent', async () => {
    const wrongKey = createElasticDriver({ apiKey: 'wrong', from: 'a@b.test', apiBaseUrl: fake.url });
    expect(await wrongKey.send(emailRequest())).toEqual({ kind: 'rejected', errorCode: 'http_401', errorMessage: 'Access Denied.' });
    expect(await email.send(emailRequest({ to: 'not-an-email' }))).toMatchObject({ kind: 'rejected', errorCode: 'http_400' });

    fake.setFaults({ failAfterAcceptRate: 1, times: 1 });
    const r = emailRequest();
    expect(await email.send(r)).toMatchObject({ kind: 'unknown', errorCode: 'http_500' });
    expect(fake.accepted.at(-1)!.sendKey).toBe(r.sendKey);

    fake.setFaults({ resetRate: 1, acceptBeforeReset: true, times: 1 });
    expect(await email.send(emailRequest())).toMatchObject({ kind: 'unknown' });

    fake.setFaults({ delayMs: 2500, times: 1 });
    expect(await email.send(emailRequest())).toMatchObject({ kind: 'unknown', errorCode: 'timeout' });

    const port = await closedPort();
    const dead = createElasticDriver({ apiKey: 'k', from: 'a@b.test', apiBaseUrl: `http://127.0.0.1:${port}` });
    expect(await dead.send(emailRequest())).toMatchObject({ kind: 'not_sent', errorCode: 'econnrefused' });
  });

  it('lookup is unsupported', async () => {
    expect(await email.lookup(emailRequest())).toEqual({ kind: 'unsupported' });
  });
});

describe('outcome classification', () => {
  it('treats refused and unresolved connections as not_sent, everything else without an answer as unknown', () => {
    const dns = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }) });
    expect(classifyTransportError(dns)).toMatchObject({ kind: 'not_sent', errorCode: 'enotfound' });
    const multi = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:9'), { code: 'ECONNREFUSED' })], 'connect failed');
    expect(classifyTransportError(multi)).toMatchObject({ kind: 'not_sent', errorCode: 'econnrefused' });
    expect(classifyTransportError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'unknown', errorCode: 'econnreset' });
    expect(classifyTransportError(new Error('mystery'))).toMatchObject({ kind: 'unknown' });
  });

  it('maps HTTP statuses: 4xx rejected, 429 not_sent, 5xx unknown', () => {
    expect(classifyHttpError(400, '21211', 'bad')).toEqual({ kind: 'rejected', errorCode: '21211', errorMessage: 'bad' });
    expect(classifyHttpError(404, undefined, 'x')).toMatchObject({ kind: 'rejected', errorCode: 'http_404' });
    expect(classifyHttpError(429, undefined, 'x')).toMatchObject({ kind: 'not_sent' });
    expect(classifyHttpError(503, undefined, 'x')).toMatchObject({ kind: 'unknown', errorCode: 'http_503' });
  });
});

describe('fake providers', () => {
  it('draw rates from a seeded RNG, so a fault sequence repeats exactly', async () => {
    const fake = await startFakeTelnyx();
    try {
      const driver = createTelnyxDriver({ apiKey: fake.apiKey, apiBaseUrl: `${fake.url}/v2` });
      const run = async () => {
        fake.setFaults({ failAfterAcceptRate: 0.5, seed: 7 });
        const kinds: string[] = [];
        for (let i = 0; i < 8; i += 1) kinds.push((await driver.send(request())).kind);
        fake.setFaults(null);
        return kinds;
      };
      const first = await run();
      expect(await run()).toEqual(first);
      expect(new Set(first)).toEqual(new Set(['accepted', 'unknown']));
      // Every send was accepted by the provider, whatever the client heard.
      expect(fake.accepted).toHaveLength(16);
    } finally {
      await fake.close();
    }
  });
});

describe('logs', () => {
  it('carry outcomes but never a secret, a message body or a full recipient number', () => {
    expect(logLines.some((l) => l.includes('"event":"PROVIDER_SEND_ACCEPTED"'))).toBe(true);
    expect(logLines.some((l) => l.includes('"event":"PROVIDER_SEND_FAILED"'))).toBe(true);
    expect(logLines.some((l) => l.includes('"event":"WHATSAPP_DRY_RUN"'))).toBe(true);
    expect(logLines.some((l) => l.includes('"event":"WHATSAPP_QA_SINK_REDIRECT"'))).toBe(true);
    const all = logLines.join('\n');
    for (const secret of [FAKE_TWILIO_TOKEN, FAKE_TELNYX_KEY, FAKE_ELASTIC_KEY, 'BODY-MARKER', LEAD, QA, 'juan@example.test']) {
      expect(all).not.toContain(secret);
    }
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
