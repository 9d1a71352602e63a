/**
 * Telnyx Call Control in the gateway's process (tests/gateway-process.test.ts
 * runs the same through `gateway/main.ts`): the order of streaming_start
 * relative to the call's events, the log lines seed 001 asks for, and the
 * optional pass-through of verified webhooks to the API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallControl, type CallControl } from '../gateway/call-control.ts';
import { loadGatewayConfig } from '../gateway/config.ts';
import { setLogSink } from '../lib/log.ts';
import { callEvent, startFakeTelnyxCallControl, telnyxWebhookSigner, type FakeTelnyxCallControl } from './fakes/telnyx-call-control.ts';

const TOKEN = 'gateway-token-for-cc-tests-0123456';
const signer = telnyxWebhookSigner();
type LogLine = { event: string; [k: string]: unknown };
const logs: LogLine[] = [];
let restoreLog: () => void;
let telnyx: FakeTelnyxCallControl;
let forwardTarget: http.Server;
const forwarded: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let cc: CallControl;

beforeAll(async () => {
  restoreLog = setLogSink((line) => logs.push(JSON.parse(line) as LogLine));
  telnyx = await startFakeTelnyxCallControl();
  forwardTarget = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      forwarded.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(200).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => forwardTarget.listen(0, '127.0.0.1', resolve));
  cc = createCallControl(
    loadGatewayConfig({
      VOICE_GATEWAY_TOKEN: TOKEN,
      OPENAI_API_KEY: 'sk-test',
      VOICE_GATEWAY_PUBLIC_URL: 'wss://voice.example.com/',
      TELNYX_API_KEY: telnyx.apiKey,
      TELNYX_API_BASE_URL: telnyx.url,
      TELNYX_PUBLIC_KEY: signer.publicKeyBase64,
      VOICE_WEBHOOK_FORWARD_URL: `http://127.0.0.1:${(forwardTarget.address() as AddressInfo).port}/webhooks/telnyx`,
    }),
  );
});

afterAll(async () => {
  await cc?.idle();
  await telnyx?.close();
  forwardTarget?.closeAllConnections();
  await new Promise<void>((resolve) => (forwardTarget ? forwardTarget.close(() => resolve()) : resolve()));
  restoreLog?.();
});

function post(body: string, search = '') {
  const h = signer.headers(body);
  return cc.handle({ rawBody: body, search, signature: h['telnyx-signature-ed25519'], timestamp: h['telnyx-timestamp'], contentType: h['content-type'] });
}

describe('Call Control', () => {
  it('waits through every event before call.answered, then sends one streaming_start; the logs tell the story in order', async () => {
    const id = `v3:${randomUUID()}`;
    const touch = randomUUID();
    const state = Buffer.from(JSON.stringify({ touch_run_id: touch, send_key: 'k' })).toString('base64');
    for (const event of ['call.initiated', 'call.bridged', 'call.machine.detection.ended']) {
      expect(post(callEvent(event, id, { client_state: state })).status).toBe(200);
    }
    await cc.idle();
    expect(telnyx.accepted).toHaveLength(0);
    expect(post(callEvent('call.answered', id, { client_state: state })).status).toBe(200);
    expect(post(callEvent('call.answered', id, { client_state: state })).status).toBe(200);
    await cc.idle();
    expect(telnyx.accepted.map((a) => [a.action, a.callControlId])).toEqual([['streaming_start', id]]);
    const url = new URL(String(telnyx.accepted[0]!.body.stream_url));
    expect(url.origin + url.pathname).toBe('wss://voice.example.com/telnyx');
    expect(Object.fromEntries(url.searchParams)).toEqual({ token: TOKEN, touch_run_id: touch });

    const story = logs
      .filter((l) => l.call_control_id === id)
      .map((l) => (l.event === 'VOICE_WEBHOOK_EVENT' ? `${l.event}:${String(l.event_type)}` : l.event));
    expect(story).toEqual([
      'VOICE_WEBHOOK_EVENT:call.initiated',
      'STREAMING_WAIT_STATE',
      'VOICE_WEBHOOK_EVENT:call.bridged',
      'STREAMING_WAIT_STATE',
      'VOICE_WEBHOOK_EVENT:call.machine.detection.ended',
      'STREAMING_WAIT_STATE',
      'VOICE_WEBHOOK_EVENT:call.answered',
      'STREAMING_START_AFTER_ANSWER',
      'TELNYX_STREAMING_START_REQ',
      'VOICE_WEBHOOK_EVENT:call.answered',
      'STREAMING_WAIT_STATE',
      'TELNYX_STREAMING_START_RES',
    ]);
    expect(logs.filter((l) => l.event === 'VOICE_WEBHOOK_HIT').length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
  });

  it('answers a streaming failure so a later call.answered may try again', async () => {
    const id = `v3:${randomUUID()}`;
    telnyx.setFaults({ rejectWith: { status: 422, code: 90018, message: 'Call has already ended' }, times: 1 });
    post(callEvent('call.answered', id));
    await cc.idle();
    expect(logs.filter((l) => l.event === 'TELNYX_STREAMING_START_ERR' && l.call_control_id === id)).toHaveLength(1);
    post(callEvent('call.answered', id));
    await cc.idle();
    expect(telnyx.accepted.filter((a) => a.callControlId === id)).toHaveLength(1);
  });

  it('passes verified webhooks on to VOICE_WEBHOOK_FORWARD_URL unchanged and still signed, with the callback query', async () => {
    const body = callEvent('call.hangup', `v3:${randomUUID()}`, { hangup_cause: 'normal_clearing' });
    const before = forwarded.length;
    post(body, '?touch_run_id=6f1f4b7a-3f51-4e44-9b2f-0c7f6c1d2e3f&send_key=abc');
    await cc.idle();
    const f = forwarded[before]!;
    expect(f.body).toBe(body);
    expect(f.url).toBe('/webhooks/telnyx?touch_run_id=6f1f4b7a-3f51-4e44-9b2f-0c7f6c1d2e3f&send_key=abc');
    expect(f.headers['telnyx-signature-ed25519']).toBeTruthy();
    expect(f.headers['telnyx-timestamp']).toMatch(/^\d+$/);
    // A refused webhook is not passed on.
    cc.handle({ rawBody: body, search: '', signature: undefined, timestamp: undefined, contentType: 'application/json' });
    await cc.idle();
    expect(forwarded).toHaveLength(before + 1);
  });

  it('refuses every webhook when TELNYX_PUBLIC_KEY is unset', () => {
    const open = createCallControl(loadGatewayConfig({ VOICE_GATEWAY_TOKEN: TOKEN, OPENAI_API_KEY: 'sk-test' }));
    const body = callEvent('call.answered', 'v3:x');
    const h = signer.headers(body);
    expect(open.handle({ rawBody: body, search: '', signature: h['telnyx-signature-ed25519'], timestamp: h['telnyx-timestamp'], contentType: undefined })).toEqual({
      status: 403,
      body: { error: 'not_configured' },
    });
  });
});
