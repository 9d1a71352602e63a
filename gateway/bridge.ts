/**
 * One phone call: the carrier's media stream on one side, an OpenAI Realtime
 * session on the other.
 *
 *   carrier `start`  → codec check (PCMU 8 kHz only, else ERROR_FATAL_CODEC and
 *                      close), auth by custom parameter when the URL had no
 *                      token, Realtime connect + call context in parallel;
 *                      session.update (PCMU in/out, server VAD, the verdict
 *                      tool), then response.create: the assistant greets.
 *   carrier `media`  → (Telnyx: reorder buffer) → input_audio_buffer.append,
 *                      payload passed through byte for byte.
 *   model audio      → carrier `media`; a `mark` after each response.
 *   speech_started   → barge-in while the assistant is being heard:
 *                      response.cancel, conversation.item.truncate at the
 *                      audio heard so far, `clear` to the carrier.
 *   committed        → seed 001: with real audio in the turn, always
 *                      response.create (never time-gated).
 *   verdict tool     → kept for the outcome; hot → hand-off now.
 *   carrier `stop`   → outcome + transcript posted to the API.
 *
 * If Realtime cannot be reached, the TTS fallback apologises and the call ends.
 */
import WebSocket from 'ws';
import { log } from '../lib/log.ts';
import { base64Bytes, chunks, isBase64, ulawPeak, VOICED_PEAK } from './audio.ts';
import type { CallControl } from './call-control.ts';
import type { CarrierName, CarrierStart, CarrierStream } from './carrier.ts';
import type { GatewayConfig } from './config.ts';
import { ReorderBuffer } from './jitter.ts';
import type { CallApi } from './outcome.ts';
import { buildInstructions, OUTCOME_TOOL, OUTCOME_TOOL_NAME, OutcomeArguments } from './prompt.ts';
import { ASSISTANT_TRANSCRIPT_DELTA, ASSISTANT_TRANSCRIPT_DONE, AUDIO_DELTA, RealtimeConnection, sessionUpdate, type ServerEvent } from './realtime.ts';
import { secretsEqual } from './signatures.ts';
import type { Tts } from './tts.ts';
import type { VoiceCallContext } from './wire.ts';

/** A turn needs this many voiced 20 ms frames to count as real audio. */
const MIN_VOICED_FRAMES = 3;
/** Caller audio held while the Realtime session is being set up (10 s). */
const MAX_PENDING_FRAMES = 500;
const START_TIMEOUT_MS = 10_000;
const REALTIME_CONNECT_TIMEOUT_MS = 5_000;
const MAX_TURNS = 500;
const MAX_TURN_CHARS = 4000;
/** The whole transcript stays well under the API's 1 MB body limit. */
const MAX_TRANSCRIPT_CHARS = 200_000;

const APOLOGY: Record<string, string> = {
  en: 'Sorry, we are having trouble on our side. Someone will call you back shortly. Goodbye.',
  es: 'Disculpe, tenemos un problema técnico. Le volveremos a llamar en breve. Adiós.',
};

export interface BridgeDeps {
  config: GatewayConfig;
  api: CallApi;
  tts: Tts;
  callControl: CallControl;
  /** Called once when the call is over (the server frees its slot). */
  onEnd(bridge: CallBridge): void;
}

export interface BridgeOptions {
  /** A valid token was in the URL (or the Telnyx bypass applied): no custom parameter needed. */
  authenticated: boolean;
  /** touch_run_id from the URL's query, when the stream URL carried it. */
  queryTouchRunId: string | null;
}

interface Turn {
  role: 'lead' | 'assistant';
  text: string;
  at_ms: number;
}

function str(event: ServerEvent, key: string): string | null {
  const v = event[key];
  return typeof v === 'string' ? v : null;
}

export class CallBridge {
  readonly carrier: CarrierName;
  callId: string | null = null;
  touchRunId: string | null = null;

  readonly #socket: WebSocket;
  readonly #stream: CarrierStream;
  readonly #deps: BridgeDeps;
  readonly #options: BridgeOptions;

  #started = false;
  #ended = false;
  #startedAt = 0;
  #startTimer: NodeJS.Timeout | null;
  #reorder: ReorderBuffer<string> | null = null;
  #context: VoiceCallContext | null = null;
  #contextPromise: Promise<VoiceCallContext | null> | null = null;

  #realtime: RealtimeConnection | null = null;
  #sessionReady = false;
  #pending: string[] = [];
  #fallback = false;

  // Turn state.
  #voicedSinceCommit = 0;
  #responseActive = false;
  #responseId: string | null = null;
  #responseHadAudio = false;
  #pendingCreate = false;
  readonly #cancelled = new Set<string>();
  /** Items cut off by a barge-in: their words were recorded as heard so far. */
  readonly #cancelledItems = new Set<string>();

  // What the caller is hearing.
  #itemId: string | null = null;
  #itemAudioMs = 0;
  #itemStartedAt = 0;
  #marksOutstanding = 0;
  #marks = 0;
  #markWaiters = new Map<string, () => void>();

  // Outcome.
  #verdict: 'hot' | 'warm' | 'cold' | null = null;
  #statedIntent: string | null = null;
  #handoffSent = false;
  readonly #transcript: Turn[] = [];
  #transcriptChars = 0;
  /** The assistant's words so far for the item being spoken (kept when it is cut off). */
  #saying: { itemId: string | null; text: string } = { itemId: null, text: '' };
  readonly #background = new Set<Promise<unknown>>();

  readonly stats = {
    framesIn: 0,
    framesToModel: 0,
    framesOut: 0,
    framesDropped: 0,
    invalid: 0,
    bargeIns: 0,
    responses: 0,
  };
  readonly #invalidReasons = new Set<string>();

  constructor(socket: WebSocket, stream: CarrierStream, deps: BridgeDeps, options: BridgeOptions) {
    this.carrier = stream.carrier;
    this.#socket = socket;
    this.#stream = stream;
    this.#deps = deps;
    this.#options = options;
    this.touchRunId = options.queryTouchRunId;
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) {
        this.#invalid('binary_frame');
        return;
      }
      this.#onCarrier(data.toString());
    });
    socket.on('close', () => this.end('carrier_closed'));
    socket.on('error', () => this.end('carrier_error'));
    this.#startTimer = setTimeout(() => {
      log('VOICE_START_TIMEOUT', { carrier: this.carrier, waited_ms: START_TIMEOUT_MS }, 'warn');
      this.#close(1008, 'no start');
      this.end('no_start');
    }, START_TIMEOUT_MS);
    this.#startTimer.unref();
  }

  /** Resolves when the outcome post, hand-off and anything else started by this call is done. */
  async settled(): Promise<void> {
    while (this.#background.size > 0) await Promise.allSettled([...this.#background]);
  }

  get active(): boolean {
    return !this.#ended;
  }

  // ---------------------------------------------------------------- carrier side

  #onCarrier(raw: string): void {
    const event = this.#stream.parse(raw);
    switch (event.kind) {
      case 'media':
        if (!this.#started || this.#ended) return;
        this.stats.framesIn++;
        if (this.#reorder) this.#reorder.push(event.seq, event.payload);
        else this.#toModel(event.payload);
        return;
      case 'start':
        this.#onStart(event.start);
        return;
      case 'mark':
        this.#onMark(event.name);
        return;
      case 'stop':
        this.end('carrier_stop');
        return;
      case 'error':
        log('CARRIER_STREAM_ERROR', { carrier: this.carrier, call_id: this.callId, code: event.code }, 'warn');
        return;
      case 'invalid':
        this.#invalid(event.reason);
        return;
      default:
        return;
    }
  }

  #invalid(reason: string): void {
    this.stats.invalid++;
    if (this.#invalidReasons.has(reason)) return;
    this.#invalidReasons.add(reason);
    log('CARRIER_MESSAGE_INVALID', { carrier: this.carrier, call_id: this.callId, reason }, 'warn');
  }

  #toCarrier(message: string): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(message);
  }

  #close(code: number, reason: string): void {
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) this.#socket.close(code, reason);
  }

  #onStart(start: CarrierStart): void {
    if (this.#started || this.#ended) return;
    if (this.#startTimer) clearTimeout(this.#startTimer);
    this.#startTimer = null;
    this.callId = start.callId;
    this.touchRunId = start.touchRunId ?? this.#options.queryTouchRunId;
    if (!this.#options.authenticated) {
      const reason = start.token === null ? 'missing_token' : secretsEqual(start.token, this.#deps.config.token) ? null : 'invalid_token';
      if (reason) {
        log('VOICE_AUTH_REJECTED', { carrier: this.carrier, reason, via: 'custom_parameter', call_id: start.callId }, 'warn');
        this.#close(1008, reason);
        this.end('unauthorized');
        return;
      }
    }
    log(this.carrier === 'telnyx' ? 'TELNYX_START' : 'TWILIO_START', {
      call_id: start.callId,
      stream_id: start.streamId,
      touch_run_id: this.touchRunId,
      media_format: { encoding: start.encoding, sample_rate: start.sampleRate, channels: start.channels },
    });

    if (!start.pcmu) {
      log('ERROR_FATAL_CODEC', {
        carrier: this.carrier,
        call_id: start.callId,
        encoding: start.encoding,
        sample_rate: start.sampleRate,
        channels: start.channels,
        supported: 'PCMU (mu-law) 8000 Hz mono',
      }, 'error');
      this.#close(1003, 'unsupported codec: PCMU only');
      this.end('fatal_codec');
      return;
    }

    this.#started = true;
    this.#startedAt = performance.now();
    this.#stream.setStream(start.streamId);
    if (this.carrier === 'telnyx') {
      const depth = this.#deps.config.reorderFrames;
      this.#reorder = new ReorderBuffer<string>((payload) => this.#toModel(payload), depth, Math.max(40, depth * 20));
    }
    this.#contextPromise = this.#deps.api
      .context({ touchRunId: this.touchRunId, provider: this.carrier, callId: start.callId })
      .then((context) => {
        this.#context = context;
        if (context && !this.touchRunId) this.touchRunId = context.touch_run_id;
        return context;
      });
    this.#connectRealtime();
  }

  #onMark(name: string): void {
    const waiter = this.#markWaiters.get(name);
    if (waiter) {
      this.#markWaiters.delete(name);
      waiter();
      return;
    }
    if (!name.startsWith('resp-') || this.#marksOutstanding === 0) return;
    this.#marksOutstanding--;
    // Everything sent so far has been heard: nothing left to interrupt.
    if (this.#marksOutstanding === 0 && !this.#responseActive) this.#itemId = null;
  }

  // ---------------------------------------------------------------- model side

  #connectRealtime(): void {
    const o = this.#deps.config.openai;
    const began = performance.now();
    this.#realtime = new RealtimeConnection(
      { url: o.realtimeUrl, model: o.realtimeModel, apiKey: o.apiKey, protocol: o.realtimeProtocol, connectTimeoutMs: REALTIME_CONNECT_TIMEOUT_MS },
      {
        onOpen: () => {
          log('REALTIME_CONNECTED', { call_id: this.callId, ms: Math.round(performance.now() - began), protocol: o.realtimeProtocol });
          void this.#configureSession();
        },
        onEvent: (event) => this.#onModel(event),
        onClose: (code) => {
          if (this.#ended || this.#fallback) return;
          log('REALTIME_CLOSED', { call_id: this.callId, code, session_ready: this.#sessionReady }, 'warn');
          void this.#startFallback('realtime_closed');
        },
        onError: (error) => {
          if (this.#ended || this.#fallback) return;
          log('REALTIME_ERROR', { call_id: this.callId, error: error.message.slice(0, 200) }, 'warn');
          if (!this.#realtime?.open) void this.#startFallback('realtime_unreachable');
        },
      },
    );
  }

  async #configureSession(): Promise<void> {
    const context = await this.#contextPromise;
    const rt = this.#realtime;
    if (this.#ended || this.#fallback || !rt?.open) return;
    const o = this.#deps.config.openai;
    rt.send(
      sessionUpdate(o.realtimeProtocol, {
        instructions: buildInstructions(context),
        voice: o.voice,
        transcribeModel: o.transcribeModel,
        tools: [OUTCOME_TOOL],
      }),
    );
    this.#sessionReady = true;
    for (const payload of this.#pending) rt.appendAudio(payload);
    this.#pending = [];
    log('REALTIME_SESSION_READY', {
      call_id: this.callId,
      touch_run_id: this.touchRunId,
      context: context ? 'found' : 'generic',
      persona: context?.persona ?? null,
      language: context?.language ?? null,
    });
    // The assistant speaks first (an outbound call: the person just picked up).
    this.#createResponse();
  }

  #toModel(payload: string): void {
    this.stats.framesToModel++;
    // Enough voiced frames already make this turn real audio: no need to look at more.
    if (this.#voicedSinceCommit < MIN_VOICED_FRAMES && ulawPeak(payload) >= VOICED_PEAK) this.#voicedSinceCommit++;
    if (this.#sessionReady) {
      this.#realtime!.appendAudio(payload);
      return;
    }
    if (this.#fallback) return;
    this.#pending.push(payload);
    if (this.#pending.length > MAX_PENDING_FRAMES) {
      this.#pending.shift();
      this.stats.framesDropped++;
    }
  }

  #createResponse(): void {
    this.#pendingCreate = false;
    this.stats.responses++;
    this.#realtime?.createResponse();
  }

  #onModel(event: ServerEvent): void {
    if (this.#ended) return;
    const type = event.type;
    if (AUDIO_DELTA.has(type)) {
      this.#onAudioDelta(event);
      return;
    }
    switch (type) {
      case 'response.created': {
        const response = event.response as { id?: unknown } | undefined;
        this.#responseActive = true;
        this.#responseId = typeof response?.id === 'string' ? response.id : null;
        this.#responseHadAudio = false;
        return;
      }
      case 'response.done': {
        const response = event.response as { id?: unknown } | undefined;
        const id = typeof response?.id === 'string' ? response.id : this.#responseId;
        this.#responseActive = false;
        if (this.#responseHadAudio && !(id && this.#cancelled.has(id))) {
          this.#marks++;
          this.#marksOutstanding++;
          this.#toCarrier(this.#stream.mark(`resp-${this.#marks}`));
        }
        this.#responseHadAudio = false;
        if (this.#pendingCreate) this.#createResponse();
        return;
      }
      case 'input_audio_buffer.speech_started':
        this.#bargeIn();
        return;
      case 'input_audio_buffer.committed':
        this.#onCommitted();
        return;
      case 'conversation.item.input_audio_transcription.completed': {
        const text = str(event, 'transcript');
        if (text) this.#turn('lead', text);
        return;
      }
      case 'response.function_call_arguments.done':
        this.#onFunctionCall(event);
        return;
      case 'error': {
        const error = (event.error ?? {}) as { code?: unknown; type?: unknown };
        const code = typeof error.code === 'string' ? error.code : null;
        log('REALTIME_EVENT_ERROR', { call_id: this.callId, code, type: typeof error.type === 'string' ? error.type : null }, 'warn');
        // A response.create that met one still running: ask again when it is done.
        if (code === 'conversation_already_has_active_response') this.#pendingCreate = true;
        return;
      }
      default:
        if (ASSISTANT_TRANSCRIPT_DELTA.has(type)) {
          const itemId = str(event, 'item_id');
          if (itemId !== null && this.#cancelledItems.has(itemId)) return;
          const delta = str(event, 'delta') ?? '';
          if (itemId !== this.#saying.itemId) this.#flushSaying('');
          this.#saying = { itemId, text: this.#saying.text + delta };
        } else if (ASSISTANT_TRANSCRIPT_DONE.has(type)) {
          const itemId = str(event, 'item_id');
          if (itemId !== null && this.#cancelledItems.has(itemId)) return;
          const text = str(event, 'transcript');
          this.#saying = { itemId: null, text: '' };
          if (text) this.#turn('assistant', text);
        }
    }
  }

  #onAudioDelta(event: ServerEvent): void {
    const delta = str(event, 'delta');
    if (!delta || !isBase64(delta)) return;
    const responseId = str(event, 'response_id');
    if (responseId && this.#cancelled.has(responseId)) return;
    const itemId = str(event, 'item_id');
    if (itemId !== this.#itemId) {
      this.#itemId = itemId;
      this.#itemAudioMs = 0;
      this.#itemStartedAt = performance.now();
    }
    this.#itemAudioMs += base64Bytes(delta) / 8;
    this.#responseHadAudio = true;
    this.stats.framesOut++;
    this.#toCarrier(this.#stream.media(delta));
  }

  /** The caller started talking. If the assistant is being heard, it stops: cancel, truncate, clear. */
  #bargeIn(): void {
    if (!this.#itemId) return;
    const elapsed = performance.now() - this.#itemStartedAt;
    const playing = this.#responseActive || this.#marksOutstanding > 0 || elapsed < this.#itemAudioMs;
    if (!playing) return;
    const audioEndMs = Math.max(0, Math.floor(Math.min(this.#itemAudioMs, elapsed)));
    const rt = this.#realtime;
    if (this.#responseActive && this.#responseId) {
      this.#cancelled.add(this.#responseId);
      rt?.cancelResponse();
    }
    rt?.truncate(this.#itemId, audioEndMs);
    this.#cancelledItems.add(this.#itemId);
    if (this.#saying.itemId === this.#itemId) this.#flushSaying(' …');
    this.#toCarrier(this.#stream.clear());
    this.stats.bargeIns++;
    log('BARGE_IN', { call_id: this.callId, audio_end_ms: audioEndMs, audio_sent_ms: Math.round(this.#itemAudioMs) });
    this.#itemId = null;
    this.#itemAudioMs = 0;
    this.#marksOutstanding = 0;
  }

  /** Seed 001: after a commit with real audio, always response.create. */
  #onCommitted(): void {
    const voiced = this.#voicedSinceCommit;
    this.#voicedSinceCommit = 0;
    if (voiced < MIN_VOICED_FRAMES) {
      log('TURN_WITHOUT_AUDIO', { call_id: this.callId, voiced_frames: voiced }, 'debug');
      return;
    }
    if (this.#responseActive) {
      if (this.#responseId && !this.#cancelled.has(this.#responseId)) {
        this.#cancelled.add(this.#responseId);
        this.#realtime?.cancelResponse();
      }
      this.#pendingCreate = true;
      return;
    }
    this.#createResponse();
  }

  #onFunctionCall(event: ServerEvent): void {
    const callId = str(event, 'call_id');
    const rt = this.#realtime;
    if (!callId || !rt) return;
    let output: string;
    if (str(event, 'name') !== OUTCOME_TOOL_NAME) {
      output = '{"ok":false,"error":"unknown tool"}';
    } else {
      let args: unknown = null;
      try {
        args = JSON.parse(str(event, 'arguments') ?? '');
      } catch {
        // handled below
      }
      const parsed = OutcomeArguments.safeParse(args);
      if (!parsed.success) {
        output = '{"ok":false,"error":"verdict must be hot, warm or cold"}';
      } else {
        this.#verdict = parsed.data.verdict;
        this.#statedIntent = parsed.data.stated_intent ?? this.#statedIntent;
        log('CALL_VERDICT', { call_id: this.callId, touch_run_id: this.touchRunId, verdict: this.#verdict });
        if (this.#verdict === 'hot' && !this.#handoffSent) {
          this.#handoffSent = true;
          this.#track(
            this.#deps.api.handoff({
              provider: this.carrier,
              call_id: this.callId!,
              touch_run_id: this.touchRunId,
              lead_id: this.#context?.lead_id ?? null,
              account_id: this.#context?.account_id ?? null,
              verdict: 'hot',
              stated_intent: this.#statedIntent,
            }),
          );
        }
        output = '{"ok":true}';
      }
    }
    rt.functionOutput(callId, output);
    // The model carries on talking once it has the tool's answer.
    if (this.#responseActive) this.#pendingCreate = true;
    else this.#createResponse();
  }

  /** Records the assistant's words of the current item (cut off, or the call ended mid-sentence). */
  #flushSaying(suffix: string): void {
    const text = this.#saying.text.trim();
    this.#saying = { itemId: null, text: '' };
    if (text) this.#turn('assistant', text + suffix);
  }

  #turn(role: Turn['role'], text: string): void {
    if (this.#transcript.length >= MAX_TURNS || this.#transcriptChars >= MAX_TRANSCRIPT_CHARS) return;
    const clean = text.trim().slice(0, MAX_TURN_CHARS);
    if (clean === '') return;
    this.#transcriptChars += clean.length;
    this.#transcript.push({ role, text: clean, at_ms: Math.round(performance.now() - this.#startedAt) });
  }

  // ---------------------------------------------------------------- fallback and end

  /** Realtime is gone: say sorry with TTS, then end the call. */
  async #startFallback(reason: string): Promise<void> {
    if (this.#fallback || this.#ended || !this.#started) return;
    this.#fallback = true;
    this.#sessionReady = false;
    this.#pending = [];
    this.#realtime?.close();
    log('REALTIME_UNAVAILABLE', { call_id: this.callId, reason, fallback: 'tts' }, 'warn');
    const work = (async () => {
      const context = await this.#contextPromise;
      const language = context?.language === 'es' ? 'es' : 'en';
      const audio = await this.#deps.tts.speak(APOLOGY[language]!, this.callId ?? 'unknown');
      if (audio && !this.#ended) {
        // One second per message: within Telnyx's 20 ms–30 s RTP chunk limits.
        for (const chunk of chunks(audio, 8000)) this.#toCarrier(this.#stream.media(chunk.toString('base64')));
        const heard = new Promise<void>((resolve) => {
          this.#markWaiters.set('tts-end', resolve);
          setTimeout(resolve, Math.ceil(audio.length / 8) + 3000).unref();
        });
        this.#toCarrier(this.#stream.mark('tts-end'));
        await heard;
      }
      if (this.#ended) return;
      if (this.carrier === 'telnyx' && this.callId) await this.#deps.callControl.hangup(this.callId);
      this.#close(1000, 'call over');
      this.end('tts_fallback');
    })();
    this.#track(work);
  }

  #track(p: Promise<unknown>): void {
    this.#background.add(p);
    void p.finally(() => this.#background.delete(p));
  }

  /** Ends the call once: closes both sides, logs VOICE_CALL_ENDED, posts the outcome. */
  end(reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#startTimer) clearTimeout(this.#startTimer);
    this.#realtime?.close();
    this.#close(1000, 'call over');
    for (const resolve of this.#markWaiters.values()) resolve();
    this.#markWaiters.clear();
    this.#flushSaying(' …');
    const durationSeconds = this.#started ? Math.max(0, Math.round((performance.now() - this.#startedAt) / 1000)) : 0;
    log('VOICE_CALL_ENDED', {
      carrier: this.carrier,
      call_id: this.callId,
      touch_run_id: this.touchRunId,
      reason,
      duration_seconds: durationSeconds,
      frames_in: this.stats.framesIn,
      frames_to_model: this.stats.framesToModel,
      frames_out: this.stats.framesOut,
      frames_dropped: this.stats.framesDropped,
      reordered: this.#reorder?.stats.reordered ?? 0,
      late: this.#reorder?.stats.late ?? 0,
      lost: this.#reorder?.stats.skipped ?? 0,
      invalid: this.stats.invalid,
      barge_ins: this.stats.bargeIns,
      responses: this.stats.responses,
      turns: this.#transcript.length,
      verdict: this.#verdict,
    });
    if (this.#started && this.callId) {
      this.#track(
        this.#deps.api.postOutcome({
          provider: this.carrier,
          call_id: this.callId,
          touch_run_id: this.touchRunId,
          answered: true,
          duration_seconds: durationSeconds,
          verdict: this.#verdict,
          stated_intent: this.#statedIntent,
          transcript: this.#transcript,
          ended_at: new Date().toISOString(),
        }),
      );
    }
    this.#deps.onEnd(this);
  }
}
