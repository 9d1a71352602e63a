/**
 * Telnyx media streaming over WebSocket (the stream Call Control's
 * streaming_start opens): `connected`, `start` with start.media_format,
 * `media` {sequence_number, media: {track, chunk, timestamp, payload}},
 * `mark`, `dtmf`, `error`, `stop`. Frames may arrive out of order; the bridge
 * reorders them by `seq` (media.chunk, else sequence_number).
 * Back to Telnyx (bidirectional RTP): `media` {media: {payload}}, `mark`
 * {mark: {name}}, `clear`.
 */
import { z } from 'zod';
import {
  asUuid,
  isPcmu,
  mediaFrame,
  stringParam,
  touchRunFromClientState,
  type CarrierEvent,
  type CarrierStream,
} from './carrier.ts';

const num = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().finite());

const TelnyxStart = z.object({
  event: z.literal('start'),
  stream_id: z.string().max(200).nullish(),
  start: z.object({
    call_control_id: z.string().min(1).max(300),
    client_state: z.string().max(4000).nullish(),
    custom_parameters: z.record(z.string(), z.unknown()).nullish(),
    media_format: z
      .object({
        encoding: z.string().max(60),
        sample_rate: num.nullish(),
        channels: num.nullish(),
      })
      .nullish(),
  }),
});

export function telnyxStream(): CarrierStream {
  return {
    carrier: 'telnyx',

    parse(raw: string): CarrierEvent {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return { kind: 'invalid', reason: 'not_json' };
      }
      if (!msg || typeof msg !== 'object') return { kind: 'invalid', reason: 'not_an_object' };
      switch (msg.event) {
        case 'media':
          return mediaFrame(msg.media, msg.sequence_number, ['inbound', 'inbound_track']);
        case 'start': {
          const parsed = TelnyxStart.safeParse(msg);
          if (!parsed.success) return { kind: 'invalid', reason: 'start_malformed' };
          const s = parsed.data.start;
          const f = s.media_format;
          const encoding = f?.encoding ?? 'missing';
          const sampleRate = f?.sample_rate ?? null;
          const channels = f?.channels ?? null;
          return {
            kind: 'start',
            start: {
              callId: s.call_control_id,
              streamId: parsed.data.stream_id ?? null,
              encoding,
              sampleRate,
              channels,
              pcmu: isPcmu(encoding, sampleRate, channels),
              touchRunId: asUuid(stringParam(s.custom_parameters, 'touch_run_id')) ?? touchRunFromClientState(s.client_state),
              token: stringParam(s.custom_parameters, 'token'),
            },
          };
        }
        case 'mark': {
          const name = (msg.mark as { name?: unknown } | undefined)?.name;
          return typeof name === 'string' ? { kind: 'mark', name } : { kind: 'invalid', reason: 'mark_without_name' };
        }
        case 'connected':
          return { kind: 'connected' };
        case 'stop':
          return { kind: 'stop' };
        case 'dtmf':
          return { kind: 'dtmf' };
        case 'error': {
          const code = (msg.payload as { code?: unknown } | undefined)?.code;
          return { kind: 'error', code: code === undefined || code === null ? null : String(code).slice(0, 40) };
        }
        default:
          return { kind: 'ignored', event: typeof msg.event === 'string' ? msg.event.slice(0, 40) : 'none' };
      }
    },

    setStream(): void {},

    media(payload: string): string {
      return `{"event":"media","media":{"payload":"${payload}"}}`;
    },

    mark(name: string): string {
      return JSON.stringify({ event: 'mark', mark: { name } });
    },

    clear(): string {
      return '{"event":"clear"}';
    },
  };
}
