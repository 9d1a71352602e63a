import { isBase64 } from './audio.ts';
/**
 * What the call bridge needs from a carrier's media-stream protocol, whatever
 * the carrier: its messages read into one shape, and the three messages the
 * gateway sends back (media, mark, clear). gateway/telnyx.ts and
 * gateway/twilio.ts implement it.
 *
 * `start` is validated with zod (once per call); `media` (fifty a second per
 * call) is checked by hand: event, track, sequence and a plain-base64 payload.
 */
export type CarrierName = 'telnyx' | 'twilio';

export interface CarrierStart {
  /** Telnyx call_control_id / Twilio CallSid: the call's provider id. */
  callId: string;
  /** Telnyx stream_id / Twilio StreamSid. */
  streamId: string | null;
  /** As the carrier wrote it, for the log. */
  encoding: string;
  sampleRate: number | null;
  channels: number | null;
  /** PCMU (μ-law) at 8 kHz mono: the only audio the gateway bridges. */
  pcmu: boolean;
  /** From a custom parameter or Telnyx client_state; null when absent or not a uuid. */
  touchRunId: string | null;
  /** A `token` custom parameter, when the carrier sent one. */
  token: string | null;
}

export type CarrierEvent =
  | { kind: 'connected' }
  | { kind: 'start'; start: CarrierStart }
  /** Caller audio: `seq` orders it (chunk number, else sequence number). */
  | { kind: 'media'; seq: number; payload: string }
  /** Audio of a track we do not bridge (our own, echoed back). */
  | { kind: 'other_track' }
  | { kind: 'mark'; name: string }
  | { kind: 'dtmf' }
  | { kind: 'stop' }
  | { kind: 'error'; code: string | null }
  | { kind: 'invalid'; reason: string }
  | { kind: 'ignored'; event: string };

export interface CarrierStream {
  readonly carrier: CarrierName;
  parse(raw: string): CarrierEvent;
  /** Remembers the stream id (Twilio wants it on every message it is sent). */
  setStream(streamId: string | null): void;
  media(payload: string): string;
  mark(name: string): string;
  clear(): string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function asUuid(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

/** Telnyx client_state as our dialler sets it: base64 of JSON {touch_run_id, send_key}. */
export function touchRunFromClientState(value: unknown): string | null {
  if (typeof value !== 'string' || value === '' || value.length > 4000) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return decoded && typeof decoded === 'object' ? asUuid((decoded as { touch_run_id?: unknown }).touch_run_id) : null;
  } catch {
    return null;
  }
}

/** A numeric string or number as an integer ≥ 0, else null. */
export function seqOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string' || value.length === 0 || value.length > 15) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function stringParam(params: unknown, name: string): string | null {
  if (!params || typeof params !== 'object') return null;
  const v = (params as Record<string, unknown>)[name];
  return typeof v === 'string' && v !== '' && v.length <= 4000 ? v : null;
}

/** Both carriers: 8 kHz mono μ-law. Twilio names it audio/x-mulaw, Telnyx PCMU; absent rate or channels mean the default. */
export function isPcmu(encoding: string, sampleRate: number | null, channels: number | null): boolean {
  const e = encoding.toLowerCase();
  return (e === 'pcmu' || e === 'audio/x-mulaw') && (sampleRate === null || sampleRate === 8000) && (channels === null || channels === 1);
}

/**
 * A carrier's media message: caller audio on an inbound track, base64 payload,
 * a sequence from media.chunk or the message's own sequence number.
 */
export function mediaFrame(
  media: unknown,
  messageSequence: unknown,
  inboundTracks: readonly string[],
): CarrierEvent {
  if (!media || typeof media !== 'object') return { kind: 'invalid', reason: 'media_without_media' };
  const m = media as Record<string, unknown>;
  if (m.track !== undefined && !inboundTracks.includes(m.track as string)) return { kind: 'other_track' };
  const payload = m.payload;
  if (typeof payload !== 'string' || !isBase64(payload)) return { kind: 'invalid', reason: 'media_payload_not_base64' };
  const seq = seqOf(m.chunk) ?? seqOf(messageSequence);
  if (seq === null) return { kind: 'invalid', reason: 'media_without_sequence' };
  return { kind: 'media', seq, payload };
}
