/**
 * The voice gateway's bridge on loopback: a fake carrier streams real speech
 * (espeak-ng → sox → 8 kHz μ-law, 20 ms frames) into the gateway, which talks
 * to a fake Realtime server. The API side is a recording stub here
 * (tests/gateway-call.test.ts runs it against the database).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../lib/log.ts';
import { loadGatewayConfig } from '../gateway/config.ts';
import type { CallApi, HandoffRequest } from '../gateway/outcome.ts';
import { createGateway, type Gateway } from '../gateway/server.ts';
import type { VoiceCallContext, VoiceOutcomeBody } from '../gateway/wire.ts';
import { FakeCarrierCall, frames, shuffledWithin, silenceUlaw, speechUlaw, toneUlaw, type CarrierCallOptions } from './fakes/carrier.ts';
import { startFakeOpenAiHttp, startFakeRealtime, type FakeRealtime, type FakeRealtimeOptions } from './fakes/realtime.ts';

const TOKEN = 'gateway-token-for-tests-0123456789';
const OPENAI_KEY = 'sk-test-fake-openai-key';

type LogLine = { event: string; level: string; [k: string]: unknown };
const logs: LogLine[] = [];
let restoreLog: () => void;

let speech: Buffer;
const open: { close(): unknown }[] = [];

beforeAll(async () => {
  restoreLog = setLogSink((line) => logs.push(JSON.parse(line) as LogLine));
  speech = await speechUlaw('Yes, I am interested in the blue truck. Can someone call me back this afternoon?');
});

afterAll(() => restoreLog());

afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

function stubApi(context: VoiceCallContext | null = null) {
  const outcomes: VoiceOutcomeBody[] = [];
  const handoffs: HandoffRequest[] = [];
  const contexts: unknown[] = [];
  const api: CallApi = {
    async context(q) {
      contexts.push(q);
      return context;
    },
    async postOutcome(body) {
      outcomes.push(body);
      return { ok: true, status: 200, outcome: 'recorded' };
    },
    async handoff(request) {
      handoffs.push(request);
    },
  };
  return { api, outcomes, handoffs, contexts };
}

async function startAll(
  env: Record<string, string> = {},
  realtimeOptions: FakeRealtimeOptions = {},
  context: VoiceCallContext | null = null,
): Promise<{ gateway: Gateway; realtime: FakeRealtime; stub: ReturnType<typeof stubApi>; ws: string }> {
  const realtime = await startFakeRealtime(realtimeOptions);
  open.push(realtime);
  const config = loadGatewayConfig({
    VOICE_GATEWAY_TOKEN: TOKEN,
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_REALTIME_URL: realtime.url,
    OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
    VOICE_API_BASE_URL: 'http://127.0.0.1:9',
    VOICE_GATEWAY_PORT: '0',
    ...env,
  });
  const stub = stubApi(context);
  const gateway = createGateway(config, { api: stub.api });
  await gateway.listen();
  open.push(gateway);
  return { gateway, realtime, stub, ws: gateway.url().replace(/^http/, 'ws') };
}

async function call(options: CarrierCallOptions): Promise<FakeCarrierCall> {
  const c = await FakeCarrierCall.connect(options);
  open.push(c);
  return c;
}

function logged(event: string): LogLine[] {
  return logs.filter((l) => l.event === event);
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function events(realtime: FakeRealtime, type: string, session = 0) {
  return realtime.sessions[session]?.events.filter((e) => e.type === type) ?? [];
}

describe('audio path', () => {
  it('passes the caller’s speech to the model byte for byte and plays the model’s replies to the caller', async () => {
    const greeting = toneUlaw(600, 520);
    const touchRunId = randomUUID();
    const { realtime, stub, ws, gateway } = await startAll({}, { responses: [{ kind: 'audio', audio: greeting }, { kind: 'echo' }], transcripts: ['yes I am interested'] });
    const carrier = await call({ carrier: 'twilio', url: `${ws}/twilio?token=${TOKEN}`, customParameters: { touch_run_id: touchRunId } });
    carrier.start();

    // The greeting: PCMU straight from the model to the caller.
    await carrier.waitFor(() => carrier.audio().length >= greeting.length, 5000, 'the greeting');
    expect(carrier.audio().equals(greeting)).toBe(true);
    await carrier.waitFor(() => carrier.marks.length === 1, 5000, 'the greeting mark');

    const sent = frames(speech);
    await carrier.sendFrames(sent, { paceMs: 5 });
    const session = realtime.sessions[0]!;
    await realtime.waitFor(() => session.received.length === sent.length * 160, 5000, 'all caller audio');
    expect(session.received.equals(Buffer.concat(sent))).toBe(true);
    expect(session.appends).toBe(sent.length);

    // The model's reply (an echo of the turn) reaches the caller, byte for byte.
    await realtime.waitFor(() => session.deltaAudio.get('resp_2')?.length === sent.length * 160 && session.sent.some((s) => s.type === 'response.done' && (s.event.response as { id: string }).id === 'resp_2'), 10_000, 'the reply');
    await carrier.waitFor(() => carrier.audio().length === greeting.length + sent.length * 160, 5000, 'the reply audio');
    expect(carrier.audio().subarray(greeting.length).equals(Buffer.concat(sent))).toBe(true);

    // Session: PCMU both ways, server VAD that leaves the answering to the gateway, the verdict tool.
    expect(session.model).toBe('gpt-4o-realtime-preview');
    expect(session.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    const update = events(realtime, 'session.update')[0]!.event.session as Record<string, any>;
    expect(update.type).toBe('realtime');
    expect(update.audio.input.format).toEqual({ type: 'audio/pcmu' });
    expect(update.audio.output.format).toEqual({ type: 'audio/pcmu' });
    expect(update.audio.output.voice).toBe('alloy');
    expect(update.audio.input.turn_detection).toMatchObject({ type: 'server_vad', create_response: false, interrupt_response: false });
    expect(update.tools.map((t: { name: string }) => t.name)).toEqual(['record_call_outcome']);

    // Seed 001: after the committed turn (real speech), response.create.
    const committedAt = session.sent.find((s) => s.type === 'input_audio_buffer.committed')!.at;
    const creates = events(realtime, 'response.create');
    expect(creates).toHaveLength(2);
    expect(creates[1]!.at).toBeGreaterThan(committedAt);

    carrier.stop();
    await carrier.closed;
    await gateway.settled();
    expect(stub.outcomes).toHaveLength(1);
    expect(stub.outcomes[0]).toMatchObject({ provider: 'twilio', call_id: carrier.callId, touch_run_id: touchRunId, answered: true, verdict: null });
    expect(stub.outcomes[0]!.transcript).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'lead', text: 'yes I am interested' }), expect.objectContaining({ role: 'assistant' })]),
    );
    expect(stub.contexts).toEqual([{ touchRunId, provider: 'twilio', callId: carrier.callId }]);
    const ended = logged('VOICE_CALL_ENDED').at(-1)!;
    expect(ended).toMatchObject({ carrier: 'twilio', reason: 'carrier_stop', frames_in: sent.length, frames_to_model: sent.length });
  });

  it('barge-in: the caller talks over the assistant, which is cut off (cancel, truncate at what was heard, clear)', async () => {
    const long = toneUlaw(3000, 440);
    const { realtime, ws } = await startAll({}, { responses: [{ kind: 'audio', audio: long }, { kind: 'echo' }], bargeInAfterDeltas: 3 });
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` });
    carrier.start();
    await realtime.waitFor(() => events(realtime, 'conversation.item.truncate').length === 1, 5000, 'the truncate');
    await carrier.waitFor(() => carrier.clears === 1, 2000, 'the clear');

    const truncate = events(realtime, 'conversation.item.truncate')[0]!.event;
    expect(truncate).toMatchObject({ type: 'conversation.item.truncate', item_id: 'item_a1', content_index: 0 });
    const heard = truncate.audio_end_ms as number;
    expect(heard).toBeGreaterThan(100);
    expect(heard).toBeLessThanOrEqual(300);
    expect(events(realtime, 'response.cancel')).toHaveLength(1);
    // The clear came right after the audio already sent; nothing of the cancelled response follows it.
    await new Promise((r) => setTimeout(r, 300));
    const clearIndex = carrier.messages.findIndex((m) => m.event === 'clear');
    expect(carrier.messages.slice(clearIndex + 1).filter((m) => m.event === 'media')).toHaveLength(0);
    expect(carrier.audio().length).toBeLessThan(long.length);
    expect(carrier.audio().equals(long.subarray(0, carrier.audio().length))).toBe(true);
    expect(logged('BARGE_IN').at(-1)).toMatchObject({ audio_end_ms: heard });
  });

  it('answers a committed turn only when it carried real audio (seed 001), never on silence', async () => {
    const { realtime, ws } = await startAll({}, { responses: [{ kind: 'audio', audio: toneUlaw(200) }, { kind: 'echo' }] });
    const carrier = await call({ carrier: 'twilio', url: `${ws}/twilio?token=${TOKEN}` });
    carrier.start();
    await carrier.waitFor(() => carrier.marks.length === 1, 5000, 'the greeting');
    const session = () => realtime.sessions[0]!;

    await carrier.sendFrames(frames(silenceUlaw(600)), { paceMs: 2 });
    await realtime.waitFor(() => session().sent.filter((s) => s.type === 'input_audio_buffer.committed').length === 1, 5000, 'the silent turn');
    await new Promise((r) => setTimeout(r, 150));
    expect(events(realtime, 'response.create')).toHaveLength(1);

    await carrier.sendFrames(frames(speech), { paceMs: 2, firstChunk: 31 });
    await realtime.waitFor(() => events(realtime, 'response.create').length === 2, 5000, 'the answer to the spoken turn');
  });
});

describe('codecs', () => {
  it.each([
    ['telnyx', 'G729', 8000],
    ['telnyx', 'PCMA', 8000],
    ['telnyx', 'OPUS', 48000],
    ['telnyx', 'PCMU', 16000],
    ['twilio', 'audio/x-alaw', 8000],
  ] as const)('%s %s at %i Hz: ERROR_FATAL_CODEC and the stream is closed', async (carrierName, encoding, sampleRate) => {
    const { realtime, ws, stub, gateway } = await startAll();
    const carrier = await call({ carrier: carrierName, url: `${ws}/${carrierName}?token=${TOKEN}`, encoding, sampleRate });
    carrier.start();
    carrier.sendFrame(1, frames(speech)[0]!);
    const closed = await carrier.closed;
    expect(closed.code).toBe(1003);
    expect(logged('ERROR_FATAL_CODEC').at(-1)).toMatchObject({ carrier: carrierName, call_id: carrier.callId, encoding, sample_rate: sampleRate });
    await gateway.settled();
    expect(realtime.upgrades).toBe(0);
    expect(stub.outcomes).toHaveLength(0);
    expect(gateway.activeCalls().total).toBe(0);
  });

  it('PCMU at 8 kHz is accepted and logged as TELNYX_START with its media_format', async () => {
    const { realtime, ws } = await startAll();
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` });
    carrier.start();
    await realtime.waitFor(() => realtime.sessions.length === 1, 5000, 'a Realtime session');
    expect(logged('TELNYX_START').at(-1)).toMatchObject({ call_id: carrier.callId, media_format: { encoding: 'PCMU', sample_rate: 8000, channels: 1 } });
  });
});

describe('authentication', () => {
  it.each([
    ['telnyx', '', 'missing_token'],
    ['telnyx', '?token=wrong-token-0123456789', 'invalid_token'],
    ['twilio', '?token=wrong-token-0123456789', 'invalid_token'],
    ['telnyx', `?token=${TOKEN}x`, 'invalid_token'],
  ])('%s%s is refused at the upgrade (%s)', async (carrierName, query, reason) => {
    const { ws, realtime } = await startAll();
    const refused = await FakeCarrierCall.connect({ carrier: carrierName as 'telnyx' | 'twilio', url: `${ws}/${carrierName}${query}` }).then(
      () => null,
      (e: { status: number; body: string }) => e,
    );
    expect(refused).toMatchObject({ status: 401 });
    expect(JSON.parse(refused!.body)).toEqual({ error: reason });
    expect(logged('VOICE_AUTH_REJECTED').at(-1)).toMatchObject({ carrier: carrierName, reason, via: 'query' });
    expect(realtime.upgrades).toBe(0);
  });

  it.each([
    [undefined, 'missing_token'],
    ['not-the-token-0123456789', 'invalid_token'],
  ])('/twilio without a query token needs it as a custom parameter (%s → %s)', async (given, reason) => {
    const { ws, realtime, stub, gateway } = await startAll();
    const carrier = await call({ carrier: 'twilio', url: `${ws}/twilio`, ...(given ? { customParameters: { token: given } } : {}) });
    carrier.start();
    expect((await carrier.closed).code).toBe(1008);
    expect(logged('VOICE_AUTH_REJECTED').at(-1)).toMatchObject({ carrier: 'twilio', reason, via: 'custom_parameter' });
    await gateway.settled();
    expect(realtime.upgrades).toBe(0);
    expect(stub.outcomes).toHaveLength(0);
  });

  it('/twilio with the token as a custom parameter is bridged', async () => {
    const { ws, realtime } = await startAll();
    const carrier = await call({ carrier: 'twilio', url: `${ws}/twilio`, customParameters: { token: TOKEN, touch_run_id: randomUUID() } });
    carrier.start();
    await realtime.waitFor(() => realtime.sessions.length === 1, 5000, 'a Realtime session');
  });

  it('VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN=1 lets /telnyx in without a token, logged AUTH_BYPASS_TELNYX; a wrong token is still refused', async () => {
    const { ws, realtime } = await startAll({ VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN: '1' });
    const before = logged('AUTH_BYPASS_TELNYX').length;
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx` });
    carrier.start();
    await realtime.waitFor(() => realtime.sessions.length === 1, 5000, 'a Realtime session');
    expect(logged('AUTH_BYPASS_TELNYX').length).toBe(before + 1);
    await expect(FakeCarrierCall.connect({ carrier: 'telnyx', url: `${ws}/telnyx?token=wrong-token-0123456789` })).rejects.toMatchObject({ status: 401 });
    await expect(FakeCarrierCall.connect({ carrier: 'twilio', url: `${ws}/twilio?token=wrong-token-0123456789` })).rejects.toMatchObject({ status: 401 });
  });
});

describe('Telnyx frame order', () => {
  it('forwards shuffled frames in sequence order, dropping a duplicate', async () => {
    const { realtime, ws, gateway } = await startAll();
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` });
    carrier.start();
    const sent = frames(speech);
    const order = shuffledWithin(sent.length, 4);
    expect(order).not.toEqual(sent.map((_, i) => i));
    await carrier.sendFrames(sent, { paceMs: 0, order: [...order, 10] });
    await realtime.waitFor(() => (realtime.sessions[0]?.received.length ?? 0) >= sent.length * 160, 5000, 'all frames');
    expect(realtime.sessions[0]!.received.equals(Buffer.concat(sent))).toBe(true);
    carrier.stop();
    await carrier.closed;
    await gateway.settled();
    const ended = logged('VOICE_CALL_ENDED').at(-1)!;
    expect(ended.reordered as number).toBeGreaterThan(0);
    expect(ended).toMatchObject({ late: 1, lost: 0, frames_to_model: sent.length });
  });

  it('gives up a frame that never comes instead of holding the rest back', async () => {
    const { realtime, ws } = await startAll({ VOICE_REORDER_FRAMES: '3' });
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` });
    carrier.start();
    const sent = frames(speech).slice(0, 20);
    const order = sent.map((_, i) => i).filter((i) => i !== 5);
    await carrier.sendFrames(sent, { paceMs: 0, order });
    const expected = Buffer.concat(order.map((i) => sent[i]!));
    await realtime.waitFor(() => (realtime.sessions[0]?.received.length ?? 0) === expected.length, 5000, 'the frames after the gap');
    expect(realtime.sessions[0]!.received.equals(expected)).toBe(true);
  });
});

describe('limits and health', () => {
  it('refuses calls beyond VOICE_MAX_CALLS with 503 and reports active calls on /healthz', async () => {
    const { ws, gateway, realtime } = await startAll({ VOICE_MAX_CALLS: '1' });
    const first = await call({ carrier: 'twilio', url: `${ws}/twilio?token=${TOKEN}` });
    first.start();
    await realtime.waitFor(() => realtime.sessions.length === 1, 5000, 'the first call');
    await expect(FakeCarrierCall.connect({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` })).rejects.toMatchObject({ status: 503 });
    expect(logged('VOICE_CALL_LIMIT').at(-1)).toMatchObject({ active_calls: 1, max_calls: 1 });
    const health = (await (await fetch(`${gateway.url()}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, active_calls: 1, calls: { telnyx: 0, twilio: 1 }, max_calls: 1, carrier_primary: 'twilio' });
    first.stop();
    await first.closed;
    await until(() => gateway.activeCalls().total === 0, 'the call to end');
    const after = (await (await fetch(`${gateway.url()}/healthz`)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ active_calls: 0 });
  });
});

describe('protocols and fallback', () => {
  it('speaks the beta interface when OPENAI_REALTIME_PROTOCOL=beta (g711_ulaw, response.audio.delta)', async () => {
    const greeting = toneUlaw(400, 600);
    const { realtime, ws } = await startAll({ OPENAI_REALTIME_PROTOCOL: 'beta' }, { responses: [{ kind: 'audio', audio: greeting }] });
    const carrier = await call({ carrier: 'telnyx', url: `${ws}/telnyx?token=${TOKEN}` });
    carrier.start();
    await carrier.waitFor(() => carrier.audio().length === greeting.length, 5000, 'the greeting');
    expect(carrier.audio().equals(greeting)).toBe(true);
    const session = realtime.sessions[0]!;
    expect(session.beta).toBe(true);
    expect(session.sent.some((s) => s.type === 'response.audio.delta')).toBe(true);
    const update = events(realtime, 'session.update')[0]!.event.session as Record<string, unknown>;
    expect(update).toMatchObject({ input_audio_format: 'g711_ulaw', output_audio_format: 'g711_ulaw', turn_detection: { type: 'server_vad', create_response: false } });
  });

  it('when Realtime is unreachable, apologises through /v1/audio/speech (gpt-4o-mini-tts, alloy, 1.2) and ends the call', async () => {
    const openai = await startFakeOpenAiHttp();
    open.push(openai);
    const { ws, stub, gateway } = await startAll({ OPENAI_BASE_URL: openai.baseUrl, OPENAI_TTS_MODEL: ' ' }, { refuseWith: 503 });
    const carrier = await call({ carrier: 'twilio', url: `${ws}/twilio?token=${TOKEN}` });
    carrier.start();
    const closed = await carrier.closed;
    expect(closed.code).toBe(1000);
    expect(openai.speech).toHaveLength(1);
    expect(openai.speech[0]!.body).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'alloy', speed: 1.2, response_format: 'pcm' });
    expect(openai.speech[0]!.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    // 24 kHz 16-bit PCM → 8 kHz μ-law: one byte for every three samples.
    const ms = Math.min(3000, 400 + String(openai.speech[0]!.body.input).length * 10);
    expect(carrier.audio().length).toBe(ms * 8);
    expect(carrier.marks).toContain('tts-end');
    expect(logged('REALTIME_UNAVAILABLE').at(-1)).toMatchObject({ call_id: carrier.callId, fallback: 'tts' });
    expect(logged('TTS_REQUEST').at(-1)).toMatchObject({ model: 'gpt-4o-mini-tts', voice: 'alloy', speed: 1.2 });
    await gateway.settled();
    expect(stub.outcomes[0]).toMatchObject({ call_id: carrier.callId, answered: true, verdict: null });
  });
});

describe('logs', () => {
  it('never carry the gateway token or the OpenAI key', () => {
    const all = logs.map((l) => JSON.stringify(l)).join('\n');
    expect(logs.length).toBeGreaterThan(20);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(OPENAI_KEY);
  });
});
