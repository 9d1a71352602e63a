/**
 * A fake OpenAI Realtime server on 127.0.0.1 that speaks the protocol well
 * enough for the voice gateway: session.created / session.updated, server VAD
 * (speech_started when audio begins, speech_stopped + committed + a
 * transcription after a silence gap), responses whose audio is streamed as
 * deltas in real time (the greeting, then an echo of the caller's last turn,
 * or a function call), response.cancel, conversation.item.truncate.
 *
 * `bargeInAfterDeltas` emits input_audio_buffer.speech_started in the middle
 * of the first response, as the real server does when the caller talks over
 * the assistant. Everything the gateway sends is recorded; the appended audio
 * is kept byte for byte.
 *
 * The GA event names are used unless the client sent `OpenAI-Beta:
 * realtime=v1`, in which case the beta names (response.audio.delta, …) are.
 *
 * startFakeOpenAiHttp is the HTTP side (/v1/audio/speech) for the TTS fallback.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type ResponsePlan =
  | { kind: 'audio'; audio: Buffer; transcript?: string }
  /** The caller's last committed turn, played back. */
  | { kind: 'echo' }
  | { kind: 'function'; name: string; arguments: Record<string, unknown> };

export interface FakeRealtimeOptions {
  /** What the responses are, in order; the last one repeats. Default: a greeting tone, then echo. */
  responses?: ResponsePlan[];
  /** Audio per delta in ms (default 100); deltas are paced in real time. */
  deltaMs?: number;
  /** Silence after which a caller's turn ends (VAD), default 240 ms without audio. */
  silenceMs?: number;
  /** Emit speech_started after this many deltas of the first response (a barge-in). */
  bargeInAfterDeltas?: number;
  /** What the caller said, per committed turn (the fake cannot transcribe). */
  transcripts?: string[];
  /** Refuse every upgrade with this HTTP status. */
  refuseWith?: number;
}

export interface ClientEventRecord {
  at: number;
  type: string;
  event: Record<string, unknown>;
}

export interface FakeRealtimeSession {
  model: string | null;
  authorization: string | null;
  beta: boolean;
  /** Every client event except input_audio_buffer.append, in order. */
  events: ClientEventRecord[];
  /** All appended audio, decoded, in order. */
  received: Buffer;
  appends: number;
  /** Arrival time (performance.now) of each append. */
  appendTimes: number[];
  /** Server events sent, in order (deltas without their audio). */
  sent: { at: number; type: string; event: Record<string, unknown> }[];
  /** Audio sent as deltas, per response id. */
  deltaAudio: Map<string, Buffer>;
  turns: Buffer[];
  closed: boolean;
}

export interface FakeRealtime {
  /** ws://127.0.0.1:port/v1/realtime */
  url: string;
  sessions: FakeRealtimeSession[];
  upgrades: number;
  waitFor(check: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeRealtime(options: FakeRealtimeOptions = {}): Promise<FakeRealtime> {
  const deltaMs = options.deltaMs ?? 100;
  const silenceMs = options.silenceMs ?? 240;
  const plans = options.responses ?? [{ kind: 'audio', audio: Buffer.alloc(1600 * 10, 0x55), transcript: 'Hello!' }, { kind: 'echo' }];
  const sessions: FakeRealtimeSession[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  let upgrades = 0;

  const server = http.createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    upgrades++;
    if (options.refuseWith) {
      socket.end(`HTTP/1.1 ${options.refuseWith} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      notify();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, req));
  });

  function serve(ws: WebSocket, req: http.IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const beta = String(req.headers['openai-beta'] ?? '').includes('realtime=v1');
    const session: FakeRealtimeSession = {
      model: url.searchParams.get('model'),
      authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : null,
      beta,
      events: [],
      received: Buffer.alloc(0),
      appends: 0,
      appendTimes: [],
      sent: [],
      deltaAudio: new Map(),
      turns: [],
      closed: false,
    };
    sessions.push(session);
    const names = {
      delta: beta ? 'response.audio.delta' : 'response.output_audio.delta',
      audioDone: beta ? 'response.audio.done' : 'response.output_audio.done',
      transcriptDelta: beta ? 'response.audio_transcript.delta' : 'response.output_audio_transcript.delta',
      transcriptDone: beta ? 'response.audio_transcript.done' : 'response.output_audio_transcript.done',
    };
    const receivedParts: Buffer[] = [];
    let turnParts: Buffer[] = [];
    let inSpeech = false;
    let silenceTimer: NodeJS.Timeout | null = null;
    let responseCount = 0;
    let turnCount = 0;
    let itemCount = 0;
    let active: { id: string; itemId: string; timer: NodeJS.Timeout | null } | null = null;
    let lastTurn: Buffer = Buffer.alloc(0);

    const send = (event: Record<string, unknown>) => {
      if (ws.readyState !== ws.OPEN) return;
      const record = event.type === names.delta ? { ...event, delta: `<${Buffer.from(String(event.delta), 'base64').length} bytes>` } : event;
      session.sent.push({ at: performance.now(), type: String(event.type), event: record });
      ws.send(JSON.stringify({ event_id: `event_${randomUUID()}`, ...event }));
      notify();
    };

    const finish = (status: 'completed' | 'cancelled') => {
      if (!active) return;
      if (active.timer) clearTimeout(active.timer);
      const id = active.id;
      active = null;
      send({ type: 'response.done', response: { id, object: 'realtime.response', status } });
    };

    const startResponse = () => {
      if (active) {
        send({ type: 'error', error: { type: 'invalid_request_error', code: 'conversation_already_has_active_response', message: 'active response in progress' } });
        return;
      }
      const plan = plans[Math.min(responseCount, plans.length - 1)]!;
      const first = responseCount === 0;
      responseCount++;
      const id = `resp_${responseCount}`;
      const itemId = `item_a${++itemCount}`;
      active = { id, itemId, timer: null };
      send({ type: 'response.created', response: { id, object: 'realtime.response', status: 'in_progress' } });
      if (plan.kind === 'function') {
        const callId = `call_${responseCount}`;
        send({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { id: itemId, type: 'function_call', name: plan.name, call_id: callId } });
        send({
          type: 'response.function_call_arguments.done',
          response_id: id,
          item_id: itemId,
          output_index: 0,
          call_id: callId,
          name: plan.name,
          arguments: JSON.stringify(plan.arguments),
        });
        finish('completed');
        return;
      }
      const audio = plan.kind === 'echo' ? lastTurn : plan.audio;
      const transcript = plan.kind === 'audio' ? (plan.transcript ?? 'Hello') : 'Echo.';
      send({ type: 'response.output_item.added', response_id: id, output_index: 0, item: { id: itemId, type: 'message', role: 'assistant' } });
      const words = transcript.split(' ');
      const step = deltaMs * 8;
      let offset = 0;
      let deltas = 0;
      const sent: Buffer[] = [];
      const tick = () => {
        if (!active || active.id !== id) return;
        if (offset >= audio.length) {
          session.deltaAudio.set(id, Buffer.concat(sent));
          send({ type: names.audioDone, response_id: id, item_id: itemId, output_index: 0, content_index: 0 });
          send({ type: names.transcriptDone, response_id: id, item_id: itemId, output_index: 0, content_index: 0, transcript });
          finish('completed');
          return;
        }
        const chunk = audio.subarray(offset, Math.min(audio.length, offset + step));
        offset += chunk.length;
        sent.push(chunk);
        session.deltaAudio.set(id, Buffer.concat(sent));
        send({ type: names.delta, response_id: id, item_id: itemId, output_index: 0, content_index: 0, delta: chunk.toString('base64') });
        // The words run a little ahead of the audio, as they do from the real server.
        if (words.length > 0) {
          const word = words.shift()!;
          send({ type: names.transcriptDelta, response_id: id, item_id: itemId, output_index: 0, content_index: 0, delta: deltas === 0 ? word : ` ${word}` });
        }
        deltas++;
        if (first && options.bargeInAfterDeltas !== undefined && deltas === options.bargeInAfterDeltas) {
          send({ type: 'input_audio_buffer.speech_started', audio_start_ms: 0, item_id: `item_u${itemCount + 1}` });
        }
        active.timer = setTimeout(tick, deltaMs);
      };
      tick();
    };

    const endTurn = () => {
      silenceTimer = null;
      inSpeech = false;
      const audio = Buffer.concat(turnParts);
      turnParts = [];
      lastTurn = audio;
      session.turns.push(audio);
      const itemId = `item_u${++itemCount}`;
      send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(session.received.length / 8), item_id: itemId });
      send({ type: 'input_audio_buffer.committed', previous_item_id: null, item_id: itemId });
      const text = options.transcripts?.[turnCount] ?? `turn ${turnCount + 1}`;
      turnCount++;
      send({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript: text });
    };

    send({ type: 'session.created', session: { id: `sess_${randomUUID()}`, type: 'realtime', model: session.model } });

    ws.on('message', (data) => {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        send({ type: 'error', error: { type: 'invalid_request_error', code: 'invalid_json', message: 'not JSON' } });
        return;
      }
      const type = String(event.type);
      if (type === 'input_audio_buffer.append') {
        const audio = Buffer.from(String(event.audio ?? ''), 'base64');
        session.appends++;
        session.appendTimes.push(performance.now());
        receivedParts.push(audio);
        session.received = Buffer.concat(receivedParts);
        turnParts.push(audio);
        if (!inSpeech) {
          inSpeech = true;
          send({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round((session.received.length - audio.length) / 8), item_id: `item_u${itemCount + 1}` });
        }
        if (silenceTimer) clearTimeout(silenceTimer);
        silenceTimer = setTimeout(endTurn, silenceMs);
        notify();
        return;
      }
      session.events.push({ at: performance.now(), type, event });
      switch (type) {
        case 'session.update':
          send({ type: 'session.updated', session: (event.session ?? {}) as Record<string, unknown> });
          break;
        case 'response.create':
          startResponse();
          break;
        case 'response.cancel':
          finish('cancelled');
          break;
        case 'conversation.item.truncate':
          send({ type: 'conversation.item.truncated', item_id: event.item_id, content_index: 0, audio_end_ms: event.audio_end_ms });
          break;
        case 'conversation.item.create':
          send({ type: 'conversation.item.created', item: event.item });
          break;
        default:
          break;
      }
      notify();
    });
    ws.on('close', () => {
      session.closed = true;
      if (silenceTimer) clearTimeout(silenceTimer);
      if (active?.timer) clearTimeout(active.timer);
      active = null;
      notify();
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    sessions,
    get upgrades() {
      return upgrades;
    },
    waitFor(check, timeoutMs = 10_000, what = 'condition') {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`fake realtime: timed out waiting for ${what}`));
        }, timeoutMs);
        const listener = () => {
          if (!check()) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve();
        };
        listeners.add(listener);
      });
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SpeechRequest {
  authorization: string | null;
  body: Record<string, unknown>;
}

export interface FakeOpenAiHttp {
  /** http://127.0.0.1:port/v1 (OPENAI_BASE_URL) */
  baseUrl: string;
  speech: SpeechRequest[];
  close(): Promise<void>;
}

/**
 * /v1/audio/speech as OpenAI answers it: 400 "you must provide a model
 * parameter" without a model, else `pcm` (24 kHz 16-bit mono) of a tone whose
 * length grows with the input.
 */
export async function startFakeOpenAiHttp(): Promise<FakeOpenAiHttp> {
  const speech: SpeechRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/audio/speech') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      } catch {
        // empty
      }
      speech.push({ authorization: req.headers.authorization ?? null, body });
      if (typeof body.model !== 'string' || body.model === '') {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'you must provide a model parameter', type: 'invalid_request_error', param: null, code: null } }));
        return;
      }
      const ms = Math.min(3000, 400 + String(body.input ?? '').length * 10);
      const samples = ms * 24;
      const pcm = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / 24000)), i * 2);
      res.writeHead(200, { 'content-type': 'audio/pcm', 'content-length': pcm.length }).end(pcm);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    speech,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
