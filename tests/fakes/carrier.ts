/**
 * A fake carrier for the voice gateway tests: it plays the Telnyx or Twilio
 * side of a media stream over a real WebSocket on 127.0.0.1.
 *
 * The caller's voice is real speech: espeak-ng speaks the text, sox turns it
 * into 8 kHz μ-law (PCMU), and it is sent in 20 ms frames (160 bytes) with the
 * carrier's own message shapes, paced like a phone line unless told
 * otherwise. Audio the gateway sends back is "played": a mark is echoed when
 * the audio before it would have finished playing, and `clear` drops what was
 * queued and echoes the pending marks at once (as the carriers do).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';

const run = promisify(execFile);

export const FRAME_BYTES = 160;
export const FRAME_MS = 20;

/** Real speech as 8 kHz μ-law: espeak-ng → WAV → sox. Cached per text in the temp directory. */
export async function speechUlaw(text: string, voice = 'en-us'): Promise<Buffer> {
  const dir = path.join(tmpdir(), 'revenue-os-speech');
  await mkdir(dir, { recursive: true });
  const key = createHash('sha256').update(`${voice}\n${text}`).digest('hex').slice(0, 24);
  const out = path.join(dir, `${key}.ulaw`);
  try {
    return await readFile(out);
  } catch {
    // not cached yet
  }
  const wav = path.join(dir, `${key}.${process.pid}.wav`);
  const partial = `${out}.${process.pid}`;
  try {
    await run('espeak-ng', ['-v', voice, '-s', '165', '-w', wav, text]);
    await run('sox', [wav, '-t', 'raw', '-r', '8000', '-c', '1', '-e', 'u-law', '-b', '8', partial]);
    await rename(partial, out);
  } finally {
    await rm(wav, { force: true });
    await rm(partial, { force: true });
  }
  return readFile(out);
}

/** A sine tone as μ-law (for assistant audio the tests need to recognise). */
export function toneUlaw(ms: number, hz = 440, amplitude = 8000): Buffer {
  const n = ms * 8;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = linearToUlaw(Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)));
  return out;
}

/** μ-law digital silence. */
export function silenceUlaw(ms: number): Buffer {
  return Buffer.alloc(ms * 8, 0xff);
}

function linearToUlaw(sample: number): number {
  let s = Math.max(-32635, Math.min(32635, sample));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  return ~(sign | (exponent << 4) | ((s >> (exponent + 3)) & 0x0f)) & 0xff;
}

/** Splits audio into 20 ms frames; a short last frame is padded with silence. */
export function frames(audio: Buffer, size = FRAME_BYTES): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < audio.length; i += size) {
    const f = Buffer.alloc(size, 0xff);
    audio.copy(f, 0, i, Math.min(audio.length, i + size));
    out.push(f);
  }
  return out;
}

/** The order a network might deliver frames in: each window of `window` frames shuffled (seeded, reproducible). */
export function shuffledWithin(count: number, window: number, seed = 7): number[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order: number[] = [];
  for (let start = 0; start < count; start += window) {
    const w = Array.from({ length: Math.min(window, count - start) }, (_, i) => start + i);
    for (let i = w.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [w[i], w[j]] = [w[j]!, w[i]!];
    }
    order.push(...w);
  }
  return order;
}

export interface CarrierCallOptions {
  carrier: 'telnyx' | 'twilio';
  /** ws://127.0.0.1:port/telnyx?token=… */
  url: string;
  callId?: string;
  streamId?: string;
  /** Telnyx media_format.encoding / Twilio mediaFormat.encoding. Default PCMU / audio/x-mulaw. */
  encoding?: string;
  sampleRate?: number;
  /** Twilio customParameters / Telnyx custom_parameters. */
  customParameters?: Record<string, string>;
  /** Telnyx start.client_state. */
  clientState?: string;
}

export interface ReceivedMessage {
  at: number;
  event: string;
  body: Record<string, unknown>;
}

export class FakeCarrierCall {
  readonly messages: ReceivedMessage[] = [];
  readonly media: Buffer[] = [];
  readonly marks: string[] = [];
  clears = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly callId: string;
  readonly streamId: string;
  #seq = 1;
  #playheadEnd = 0;
  #markTimers = new Map<NodeJS.Timeout, string>();
  #listeners = new Set<() => void>();

  private constructor(
    readonly options: CarrierCallOptions,
    readonly socket: WebSocket,
  ) {
    this.callId = options.callId ?? (options.carrier === 'telnyx' ? `v3:fake-${Math.random().toString(36).slice(2)}` : `CA${'0'.repeat(24)}${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`);
    this.streamId = options.streamId ?? (options.carrier === 'telnyx' ? crypto.randomUUID() : `MZ${'1'.repeat(24)}${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`);
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data) => this.#onMessage(data.toString()));
  }

  /** Opens the stream; rejects with the HTTP status when the gateway refuses the upgrade. */
  static connect(options: CarrierCallOptions): Promise<FakeCarrierCall> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(options.url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new FakeCarrierCall(options, socket)));
      socket.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode, body: Buffer.concat(chunks).toString() })));
      });
      socket.once('error', (error) => reject(error));
    });
  }

  #send(message: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** `connected` then `start`, as the carrier sends them. */
  start(): void {
    const o = this.options;
    if (o.carrier === 'telnyx') {
      this.#send({ event: 'connected', version: '1.0.0' });
      this.#send({
        event: 'start',
        sequence_number: String(this.#seq++),
        stream_id: this.streamId,
        start: {
          user_id: crypto.randomUUID(),
          call_control_id: this.callId,
          call_session_id: crypto.randomUUID(),
          from: '+13055550100',
          to: '+13055550199',
          ...(o.clientState ? { client_state: o.clientState } : {}),
          ...(o.customParameters ? { custom_parameters: o.customParameters } : {}),
          media_format: { encoding: o.encoding ?? 'PCMU', sample_rate: o.sampleRate ?? 8000, channels: 1 },
        },
      });
    } else {
      this.#send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      this.#send({
        event: 'start',
        sequenceNumber: String(this.#seq++),
        streamSid: this.streamId,
        start: {
          accountSid: `AC${'2'.repeat(32)}`,
          streamSid: this.streamId,
          callSid: this.callId,
          tracks: ['inbound'],
          customParameters: o.customParameters ?? {},
          mediaFormat: { encoding: o.encoding ?? 'audio/x-mulaw', sampleRate: o.sampleRate ?? 8000, channels: 1 },
        },
      });
    }
  }

  /** One media message with chunk number `chunk` (1-based, 20 ms each). */
  sendFrame(chunk: number, frame: Buffer): void {
    const media = { track: 'inbound', chunk: String(chunk), timestamp: String((chunk - 1) * FRAME_MS), payload: frame.toString('base64') };
    if (this.options.carrier === 'telnyx') this.#send({ event: 'media', sequence_number: String(this.#seq++), media, stream_id: this.streamId });
    else this.#send({ event: 'media', sequenceNumber: String(this.#seq++), media, streamSid: this.streamId });
  }

  /**
   * Sends frames as chunks firstChunk… in `order` (indexes into frames; default in order),
   * one every `paceMs` (0: as fast as possible).
   */
  async sendFrames(list: Buffer[], options: { paceMs?: number; order?: number[]; firstChunk?: number } = {}): Promise<void> {
    const pace = options.paceMs ?? FRAME_MS;
    const first = options.firstChunk ?? 1;
    const order = options.order ?? list.map((_, i) => i);
    const began = performance.now();
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      this.sendFrame(first + i, list[i]!);
      if (pace > 0) {
        const due = began + (k + 1) * pace;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  stop(): void {
    if (this.options.carrier === 'telnyx') this.#send({ event: 'stop', sequence_number: String(this.#seq++), stream_id: this.streamId, stop: { call_control_id: this.callId } });
    else this.#send({ event: 'stop', sequenceNumber: String(this.#seq++), streamSid: this.streamId, stop: { accountSid: `AC${'2'.repeat(32)}`, callSid: this.callId } });
  }

  close(): void {
    for (const t of this.#markTimers.keys()) clearTimeout(t);
    this.#markTimers.clear();
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
  }

  /** Everything the gateway played to the caller, in order. */
  audio(): Buffer {
    return Buffer.concat(this.media);
  }

  /** Resolves when `check` holds (re-checked on every message), rejects after `timeoutMs`. */
  waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`carrier: timed out waiting for ${what}`));
      }, timeoutMs);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve();
      };
      this.#listeners.add(listener);
    });
  }

  #onMessage(raw: string): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return;
    }
    const event = String(body.event);
    const now = performance.now();
    this.messages.push({ at: now, event, body });
    if (event === 'media') {
      const payload = (body.media as { payload?: string } | undefined)?.payload ?? '';
      const audio = Buffer.from(payload, 'base64');
      this.media.push(audio);
      this.#playheadEnd = Math.max(now, this.#playheadEnd) + audio.length / 8;
    } else if (event === 'mark') {
      const name = String((body.mark as { name?: unknown } | undefined)?.name);
      const t = setTimeout(() => {
        this.#markTimers.delete(t);
        this.#echoMark(name);
      }, Math.max(0, this.#playheadEnd - now));
      this.#markTimers.set(t, name);
    } else if (event === 'clear') {
      this.clears++;
      this.#playheadEnd = now;
      for (const [t, name] of this.#markTimers) {
        clearTimeout(t);
        this.#echoMark(name);
      }
      this.#markTimers.clear();
    }
    for (const l of [...this.#listeners]) l();
  }

  #echoMark(name: string): void {
    this.marks.push(name);
    queueMicrotask(() => {
      for (const l of [...this.#listeners]) l();
    });
    if (this.options.carrier === 'telnyx') this.#send({ event: 'mark', sequence_number: String(this.#seq++), stream_id: this.streamId, mark: { name } });
    else this.#send({ event: 'mark', sequenceNumber: String(this.#seq++), streamSid: this.streamId, mark: { name } });
  }
}
