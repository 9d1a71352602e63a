/**
 * `gateway/main.ts` as its own process, as `make gateway` runs it, with
 * everything it talks to faked on 127.0.0.1: Telnyx Call Control (the
 * streaming_start it sends), OpenAI Realtime, and the API. Its stdout is read
 * line by line: the seed's log lines must appear, secrets must not.
 *
 * Call Control: streaming_start only after call.answered, with stream_track,
 * stream_codec PCMU and bidirectional RTP in PCMU; then Telnyx opens the
 * stream URL it was given and the call is bridged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { FakeCarrierCall, frames, speechUlaw } from './fakes/carrier.ts';
import { startFakeRealtime, type FakeRealtime } from './fakes/realtime.ts';
import { callEvent, startFakeTelnyxCallControl, telnyxWebhookSigner, type FakeTelnyxCallControl } from './fakes/telnyx-call-control.ts';
import { handleSpawnErrors } from './harness/process.ts';

const TOKEN = 'gateway-token-for-process-tests-01';
const OPENAI_KEY = 'sk-test-process-openai-key';

type LogLine = { event: string; level: string; [k: string]: unknown };

let realtime: FakeRealtime;
let telnyx: FakeTelnyxCallControl;
const signer = telnyxWebhookSigner();
let apiServer: http.Server;
const outcomes: { authorization: string | undefined; body: Record<string, unknown> }[] = [];
let child: ChildProcess;
let exited: Promise<number | null>;
const lines: LogLine[] = [];
let stdout = '';
let port: number;
let base: string;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return p;
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function logged(event: string): LogLine[] {
  return lines.filter((l) => l.event === event);
}

function clientState(touchRunId: string): string {
  return Buffer.from(JSON.stringify({ touch_run_id: touchRunId, send_key: `sk:${touchRunId}` })).toString('base64');
}

async function webhook(body: string, headers: Record<string, string> = signer.headers(body)): Promise<Response> {
  return fetch(`${base}/telnyx/webhook?touch_run_id=ignored`, { method: 'POST', headers, body });
}

function streamingStarts(callControlId?: string) {
  return telnyx.accepted.filter((a) => a.action === 'streaming_start' && (!callControlId || a.callControlId === callControlId));
}

beforeAll(async () => {
  realtime = await startFakeRealtime({ responses: [{ kind: 'audio', audio: Buffer.alloc(1600, 0x55) }, { kind: 'echo' }] });
  telnyx = await startFakeTelnyxCallControl();
  apiServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/voice/outcome') {
        outcomes.push({ authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"recorded"}');
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown_call"}');
      }
    });
  });
  await new Promise<void>((resolve) => apiServer.listen(0, '127.0.0.1', resolve));

  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VOICE_GATEWAY_TOKEN: TOKEN,
      VOICE_GATEWAY_PORT: String(port),
      VOICE_GATEWAY_PUBLIC_URL: `ws://127.0.0.1:${port}`,
      OPENAI_API_KEY: OPENAI_KEY,
      OPENAI_REALTIME_URL: realtime.url,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      Telnyx_Api: telnyx.apiKey,
      TELNYX_API_BASE_URL: telnyx.url,
      TELNYX_PUBLIC_KEY: signer.publicKeyBase64,
      VOICE_API_BASE_URL: `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`,
      LOG_LEVEL: 'info',
    },
  });
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ event: 'RAW', level: 'raw', text: line });
      }
    }
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  handleSpawnErrors(child, (line) => stderr.push(line), 'gateway');
  exited = new Promise((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && stderr.length) process.stderr.write(stderr.join(''));
      resolve(code);
    }),
  );
  await until(() => logged('VOICE_GATEWAY_LISTENING').length === 1, 'the gateway to listen', 30_000);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  await realtime?.close();
  await telnyx?.close();
  apiServer?.closeAllConnections();
  await new Promise<void>((resolve) => (apiServer ? apiServer.close(() => resolve()) : resolve()));
});

describe('gateway process', () => {
  it('starts with its configuration logged by name, and /healthz answers', async () => {
    expect(logged('VOICE_GATEWAY_LISTENING')[0]).toMatchObject({
      port,
      carrier_primary: 'twilio',
      realtime_model: 'gpt-4o-realtime-preview',
      tts_model: 'gpt-4o-mini-tts',
      tts_voice: 'alloy',
      tts_speed: 1.2,
      telnyx_call_control: 'key from Telnyx_Api',
      openai_key_from: 'OPENAI_API_KEY',
    });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, active_calls: 0, max_calls: 100 });
  });

  it('Call Control: streaming_start waits for call.answered, then asks for PCMU both ways with stream_track', async () => {
    const callControlId = `v3:${randomUUID()}`;
    const touchRunId = randomUUID();
    const state = clientState(touchRunId);
    expect((await webhook(callEvent('call.initiated', callControlId, { client_state: state }))).status).toBe(200);
    await until(() => logged('STREAMING_WAIT_STATE').some((l) => l.call_control_id === callControlId), 'STREAMING_WAIT_STATE');
    await new Promise((r) => setTimeout(r, 300));
    expect(streamingStarts(callControlId)).toHaveLength(0);

    const answeredAt = new Date();
    expect((await webhook(callEvent('call.answered', callControlId, { client_state: state }))).status).toBe(200);
    await until(() => streamingStarts(callControlId).length === 1, 'streaming_start');
    await until(() => logged('TELNYX_STREAMING_START_RES').some((l) => l.call_control_id === callControlId), 'TELNYX_STREAMING_START_RES');
    const start = streamingStarts(callControlId)[0]!;
    expect(start.at.getTime()).toBeGreaterThanOrEqual(answeredAt.getTime());
    expect(telnyx.requests.find((r) => r.path.endsWith('/actions/streaming_start'))?.authenticated).toBe(true);
    expect(start.body).toMatchObject({
      stream_track: 'inbound_track',
      stream_codec: 'PCMU',
      stream_bidirectional_mode: 'rtp',
      stream_bidirectional_codec: 'PCMU',
      client_state: state,
      command_id: `streaming_start:${callControlId}`,
    });
    const url = new URL(String(start.body.stream_url));
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`ws://127.0.0.1:${port}/telnyx`);
    expect(url.searchParams.get('token')).toBe(TOKEN);
    expect(url.searchParams.get('touch_run_id')).toBe(touchRunId);

    const ofCall = (event: string) => logged(event).filter((l) => l.call_control_id === callControlId);
    expect(ofCall('VOICE_WEBHOOK_EVENT').map((l) => l.event_type)).toEqual(['call.initiated', 'call.answered']);
    expect(ofCall('STREAMING_START_AFTER_ANSWER')).toHaveLength(1);
    expect(ofCall('TELNYX_STREAMING_START_REQ')[0]).toMatchObject({
      stream_track: 'inbound_track',
      stream_codec: 'PCMU',
      stream_bidirectional_mode: 'rtp',
      stream_bidirectional_codec: 'PCMU',
      stream_path: '/telnyx',
      touch_run_id: touchRunId,
    });
    expect(logged('VOICE_WEBHOOK_HIT').length).toBeGreaterThanOrEqual(2);

    // A redelivered call.answered starts nothing twice.
    expect((await webhook(callEvent('call.answered', callControlId, { client_state: state }))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(streamingStarts(callControlId)).toHaveLength(1);

    // Telnyx now opens the stream URL it was given: the call is bridged, PCMU.
    const carrier = await FakeCarrierCall.connect({ carrier: 'telnyx', url: url.toString(), callId: callControlId, clientState: state });
    carrier.start();
    await until(() => realtime.sessions.length === 1, 'the Realtime session');
    expect(logged('TELNYX_START').at(-1)).toMatchObject({ call_id: callControlId, touch_run_id: touchRunId, media_format: { encoding: 'PCMU', sample_rate: 8000 } });
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ active_calls: 1, calls: { telnyx: 1, twilio: 0 } });
    const sent = frames(await speechUlaw('Hello, who is this?'));
    await carrier.sendFrames(sent, { paceMs: 2 });
    await until(() => realtime.sessions[0]!.received.length === sent.length * 160, 'the caller audio');
    expect(realtime.sessions[0]!.received.equals(Buffer.concat(sent))).toBe(true);
    carrier.stop();
    await carrier.closed;
    await until(() => outcomes.length === 1, 'the outcome post');
    expect(outcomes[0]).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      body: { provider: 'telnyx', call_id: callControlId, touch_run_id: touchRunId, answered: true },
    });
  }, 30_000);

  it('logs TELNYX_STREAMING_START_ERR when Telnyx refuses the command', async () => {
    const callControlId = `v3:${randomUUID()}`;
    telnyx.setFaults({ rejectWith: { status: 422, code: 90018, message: 'Call has already ended' }, times: 1 });
    expect((await webhook(callEvent('call.answered', callControlId))).status).toBe(200);
    await until(() => logged('TELNYX_STREAMING_START_ERR').some((l) => l.call_control_id === callControlId), 'TELNYX_STREAMING_START_ERR');
    expect(logged('TELNYX_STREAMING_START_ERR').find((l) => l.call_control_id === callControlId)).toMatchObject({
      status: 422,
      code: '90018',
      title: 'Call has already ended',
    });
  });

  it('refuses unsigned, forged and stale webhooks, and starts nothing for them', async () => {
    const callControlId = `v3:${randomUUID()}`;
    const body = callEvent('call.answered', callControlId);
    expect((await webhook(body, { 'content-type': 'application/json' })).status).toBe(400);
    const forged = { ...signer.headers(body), 'telnyx-signature-ed25519': telnyxWebhookSigner().headers(body)['telnyx-signature-ed25519']! };
    expect((await webhook(body, forged)).status).toBe(403);
    expect((await webhook(body, signer.headers(body, Math.floor(Date.now() / 1000) - 3600))).status).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    expect(streamingStarts(callControlId)).toHaveLength(0);
    expect(logged('VOICE_WEBHOOK_REJECTED').map((l) => l.reason)).toEqual(expect.arrayContaining(['missing_signature', 'bad_signature', 'stale_timestamp']));
  });

  it('never prints a secret, and stops cleanly on SIGTERM', async () => {
    for (const secret of [TOKEN, OPENAI_KEY, telnyx.apiKey]) expect(stdout).not.toContain(secret);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logged('VOICE_GATEWAY_STOPPED')).toHaveLength(1);
  });

  it('refuses to start without VOICE_GATEWAY_TOKEN or an OpenAI key, naming the variable', async () => {
    const runOnce = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
        let err = '';
        c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        handleSpawnErrors(c, (line) => (err += line), 'gateway');
        c.on('exit', (code) => resolve({ code, stderr: err }));
      });
    const noToken = await runOnce({ OPENAI_API_KEY: OPENAI_KEY });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('VOICE_GATEWAY_TOKEN');
    const noKey = await runOnce({ VOICE_GATEWAY_TOKEN: TOKEN });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('OPENAI_API_KEY');
    expect(noKey.stderr).not.toContain(TOKEN);
  }, 30_000);
});
