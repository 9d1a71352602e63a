/**
 * Twilio Media Streams (<Connect><Stream>, bidirectional): `connected`,
 * `start` with start.mediaFormat and start.customParameters (our dialler puts
 * touch_run_id there, and the gateway token may travel there too), `media`
 * {media: {track, chunk, timestamp, payload}}, `mark`, `dtmf`, `stop`.
 * Back to Twilio: `media`, `mark` and `clear`, each with the streamSid.
 */
import { z } from 'zod';
import { asUuid, isPcmu, mediaFrame, stringParam, type CarrierEvent, type CarrierStream } from './carrier.ts';

const num = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().finite());

const TwilioStart = z.object({
  event: z.literal('start'),
  streamSid: z.string().max(200).nullish(),
  start: z.object({
    streamSid: z.string().max(200).nullish(),
    callSid: z.string().min(1).max(200),
    customParameters: z.record(z.string(), z.unknown()).nullish(),
    mediaFormat: z
      .object({
        encoding: z.string().max(60),
        sampleRate: num.nullish(),
        channels: num.nullish(),
      })
      .nullish(),
  }),
});

export function twilioStream(): CarrierStream {
  /** JSON-encoded once, so every outgoing message is a concatenation. */
  let sid = 'null';

  return {
    carrier: 'twilio',

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
          return mediaFrame(msg.media, msg.sequenceNumber, ['inbound']);
        case 'start': {
          const parsed = TwilioStart.safeParse(msg);
          if (!parsed.success) return { kind: 'invalid', reason: 'start_malformed' };
          const s = parsed.data.start;
          const f = s.mediaFormat;
          const encoding = f?.encoding ?? 'missing';
          const sampleRate = f?.sampleRate ?? null;
          const channels = f?.channels ?? null;
          return {
            kind: 'start',
            start: {
              callId: s.callSid,
              streamId: s.streamSid ?? parsed.data.streamSid ?? null,
              encoding,
              sampleRate,
              channels,
              pcmu: isPcmu(encoding, sampleRate, channels),
              touchRunId: asUuid(stringParam(s.customParameters, 'touch_run_id')),
              token: stringParam(s.customParameters, 'token'),
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
        default:
          return { kind: 'ignored', event: typeof msg.event === 'string' ? msg.event.slice(0, 40) : 'none' };
      }
    },

    setStream(streamId: string | null): void {
      sid = JSON.stringify(streamId);
    },

    media(payload: string): string {
      return `{"event":"media","streamSid":${sid},"media":{"payload":"${payload}"}}`;
    },

    mark(name: string): string {
      return `{"event":"mark","streamSid":${sid},"mark":{"name":${JSON.stringify(name)}}}`;
    },

    clear(): string {
      return `{"event":"clear","streamSid":${sid}}`;
    },
  };
}
