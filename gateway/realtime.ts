/**
 * The OpenAI Realtime side of a call: one WebSocket per call to
 * OPENAI_REALTIME_URL (default OpenAI's) with the model in the query string.
 *
 * Plain `ws` rather than the SDK's OpenAIRealtimeWS: the SDK forces wss:// on
 * the URL it builds (so it cannot reach a fake on 127.0.0.1) and parses and
 * re-serialises every event; the gateway passes audio through as the string
 * it received. The SDK's types still check every event we send.
 *
 * Both interfaces are spoken: `ga` (session.type "realtime", audio/pcmu,
 * response.output_audio.delta) and `beta` (OpenAI-Beta: realtime=v1,
 * g711_ulaw, response.audio.delta); events are accepted under either name.
 */
import WebSocket from 'ws';
import type {
  ConversationItemCreateEvent,
  ConversationItemTruncateEvent,
  RealtimeClientEvent,
  RealtimeFunctionTool,
  ResponseCancelEvent,
  ResponseCreateEvent,
  SessionUpdateEvent,
} from 'openai/resources/realtime/realtime';

export type RealtimeProtocol = 'ga' | 'beta';

/** Server VAD finds the turns; the gateway decides when to answer and when to stop (seed 001's rule). */
const TURN_DETECTION = {
  type: 'server_vad',
  create_response: false,
  interrupt_response: false,
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 500,
} as const;

/** Server events the bridge acts on, under their current and beta names. */
export const AUDIO_DELTA = new Set(['response.output_audio.delta', 'response.audio.delta']);
export const AUDIO_DONE = new Set(['response.output_audio.done', 'response.audio.done']);
export const ASSISTANT_TRANSCRIPT_DELTA = new Set(['response.output_audio_transcript.delta', 'response.audio_transcript.delta']);
export const ASSISTANT_TRANSCRIPT_DONE = new Set(['response.output_audio_transcript.done', 'response.audio_transcript.done']);

export interface SessionSettings {
  instructions: string;
  voice: string;
  transcribeModel: string;
  tools: RealtimeFunctionTool[];
}

/** The session.update that sets PCMU both ways (no transcoding), server VAD and the tools. */
export function sessionUpdate(protocol: RealtimeProtocol, s: SessionSettings): Record<string, unknown> {
  if (protocol === 'beta') {
    return {
      type: 'session.update',
      session: {
        modalities: ['audio', 'text'],
        instructions: s.instructions,
        voice: s.voice,
        input_audio_format: 'g711_ulaw',
        output_audio_format: 'g711_ulaw',
        input_audio_transcription: { model: s.transcribeModel },
        turn_detection: TURN_DETECTION,
        tools: s.tools,
        tool_choice: 'auto',
      },
    };
  }
  const event: SessionUpdateEvent = {
    type: 'session.update',
    session: {
      type: 'realtime',
      instructions: s.instructions,
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcmu' },
          transcription: { model: s.transcribeModel },
          turn_detection: { ...TURN_DETECTION },
        },
        output: { format: { type: 'audio/pcmu' }, voice: s.voice },
      },
      tools: s.tools,
      tool_choice: 'auto',
    },
  };
  return event as unknown as Record<string, unknown>;
}

export function realtimeUrl(base: string, model: string): string {
  const u = new URL(base);
  if (!u.searchParams.has('model')) u.searchParams.set('model', model);
  return u.toString();
}

/** A server event: only `type` is certain; the bridge reads the fields it needs defensively. */
export type ServerEvent = { type: string } & Record<string, unknown>;

export interface RealtimeHandlers {
  onOpen(): void;
  onEvent(event: ServerEvent): void;
  onClose(code: number): void;
  onError(error: Error): void;
}

export class RealtimeConnection {
  readonly #socket: WebSocket;
  #closed = false;

  constructor(
    options: { url: string; model: string; apiKey: string; protocol: RealtimeProtocol; connectTimeoutMs: number },
    handlers: RealtimeHandlers,
  ) {
    this.#socket = new WebSocket(realtimeUrl(options.url, options.model), {
      headers: {
        Authorization: `Bearer ${options.apiKey}`,
        ...(options.protocol === 'beta' ? { 'OpenAI-Beta': 'realtime=v1' } : {}),
      },
      perMessageDeflate: false,
      handshakeTimeout: options.connectTimeoutMs,
    });
    this.#socket.on('open', () => handlers.onOpen());
    this.#socket.on('message', (data: WebSocket.RawData) => {
      let event: unknown;
      try {
        event = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (event && typeof event === 'object' && typeof (event as { type?: unknown }).type === 'string') {
        handlers.onEvent(event as ServerEvent);
      }
    });
    this.#socket.on('close', (code: number) => {
      this.#closed = true;
      handlers.onClose(code);
    });
    this.#socket.on('error', (error: Error) => handlers.onError(error));
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(event: RealtimeClientEvent | Record<string, unknown>): void {
    if (this.open) this.#socket.send(JSON.stringify(event));
  }

  /** input_audio_buffer.append with the carrier's base64 spliced in as is (checked base64 upstream). */
  appendAudio(payload: string): void {
    if (this.open) this.#socket.send(`{"type":"input_audio_buffer.append","audio":"${payload}"}`);
  }

  createResponse(): void {
    const e: ResponseCreateEvent = { type: 'response.create' };
    this.send(e);
  }

  cancelResponse(): void {
    const e: ResponseCancelEvent = { type: 'response.cancel' };
    this.send(e);
  }

  truncate(itemId: string, audioEndMs: number): void {
    const e: ConversationItemTruncateEvent = { type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: audioEndMs };
    this.send(e);
  }

  functionOutput(callId: string, output: string): void {
    const e: ConversationItemCreateEvent = { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output } };
    this.send(e);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#socket.readyState === WebSocket.CONNECTING) this.#socket.terminate();
    else this.#socket.close(1000);
  }
}
