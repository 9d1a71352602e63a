/**
 * Telnyx Call Control webhooks (POST /telnyx/webhook) and the one command the
 * gateway sends: streaming_start, through the official SDK
 * (POST /v2/calls/{call_control_id}/actions/streaming_start).
 *
 * Seed 001's rules: streaming starts only after `call.answered` (earlier
 * events log STREAMING_WAIT_STATE, the answer logs STREAMING_START_AFTER_ANSWER),
 * with `stream_track`, stream_codec "PCMU" and bidirectional RTP in PCMU, and
 * every hit and event is logged (VOICE_WEBHOOK_HIT, VOICE_WEBHOOK_EVENT,
 * TELNYX_STREAMING_START_REQ / _RES / _ERR).
 *
 * Webhooks are verified like the API does (gateway/signatures.ts: Ed25519
 * over `${telnyx-timestamp}|${raw body}` with TELNYX_PUBLIC_KEY, 300 s
 * tolerance); without the key every webhook is refused.
 */
import Telnyx, { APIError } from 'telnyx';
import { z } from 'zod';
import { log } from '../lib/log.ts';
import { touchRunFromClientState } from './carrier.ts';
import { verifyTelnyxWebhook } from './signatures.ts';
import type { GatewayConfig } from './config.ts';

export const WEBHOOK_PATH = '/telnyx/webhook';
/** The caller's audio only: the model must not hear itself. */
export const STREAM_TRACK = 'inbound_track' as const;
/** Calls remembered between call.initiated and call.hangup; beyond this the oldest are forgotten. */
const MAX_TRACKED_CALLS = 20_000;

const Envelope = z.object({
  data: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().min(1).max(100),
    payload: z
      .object({
        call_control_id: z.string().min(1).max(300).optional(),
        client_state: z.string().max(4000).nullish(),
        state: z.string().max(60).optional(),
        hangup_cause: z.string().max(100).optional(),
        failure_reason: z.string().max(300).optional(),
      })
      .passthrough(),
  }),
});

type CallState = 'waiting_for_answer' | 'answered' | 'streaming_requested' | 'streaming';

interface TrackedCall {
  state: CallState;
  touchRunId: string | null;
}

export interface WebhookRequest {
  rawBody: string;
  /** The request's query string, with its leading `?` (kept when forwarding). */
  search: string;
  signature: string | undefined;
  timestamp: string | undefined;
  contentType: string | undefined;
}

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface CallControl {
  handle(request: WebhookRequest): WebhookAnswer;
  /** Ends a Telnyx call (the TTS fallback, after its apology). */
  hangup(callControlId: string): Promise<void>;
  /** Resolves when every streaming_start and forward under way has finished (tests, shutdown). */
  idle(): Promise<void>;
}

function telnyxError(error: unknown): { status: number | null; code: string | null; title: string | null; error?: string } {
  if (error instanceof APIError) {
    const first = (error.error as { errors?: Array<{ code?: unknown; title?: unknown }> } | undefined)?.errors?.[0];
    return {
      status: typeof error.status === 'number' ? error.status : null,
      code: first?.code === undefined || first.code === null ? null : String(first.code),
      title: typeof first?.title === 'string' ? first.title.slice(0, 120) : null,
    };
  }
  const e = error as { name?: unknown; cause?: { code?: unknown } };
  return { status: null, code: null, title: null, error: typeof e?.cause?.code === 'string' ? e.cause.code : String(e?.name ?? 'error') };
}

export function createCallControl(config: GatewayConfig, now: () => number = () => Date.now()): CallControl {
  const calls = new Map<string, TrackedCall>();
  const inflight = new Set<Promise<unknown>>();
  let client: Telnyx | null = null;

  function sdk(): Telnyx {
    client ??= new Telnyx({
      apiKey: config.telnyx.apiKey ?? null,
      // Explicit nulls: otherwise the SDK reads TELNYX_* OAuth settings from process.env.
      publicKey: null,
      clientID: null,
      clientSecret: null,
      baseURL: config.telnyx.apiBaseUrl,
      timeout: 10_000,
      // Safe to retry: Telnyx ignores a repeated command_id for the same call.
      maxRetries: 2,
      logLevel: 'off',
    });
    return client;
  }

  function track(id: string, call: TrackedCall): void {
    calls.delete(id);
    calls.set(id, call);
    if (calls.size > MAX_TRACKED_CALLS) calls.delete(calls.keys().next().value!);
  }

  function background(p: Promise<unknown>): void {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }

  /** ws(s)://<public>/telnyx?token=…&touch_run_id=… : the token is in the query, as seed 001 has it. */
  function streamUrl(touchRunId: string | null): URL {
    const url = new URL(`${config.publicUrl}/telnyx`);
    url.searchParams.set('token', config.token);
    if (touchRunId) url.searchParams.set('touch_run_id', touchRunId);
    return url;
  }

  async function startStreaming(callControlId: string, clientState: string | null | undefined, touchRunId: string | null): Promise<void> {
    const url = streamUrl(touchRunId);
    const params = {
      stream_url: url.toString(),
      stream_track: STREAM_TRACK,
      stream_codec: 'PCMU',
      stream_bidirectional_mode: 'rtp',
      stream_bidirectional_codec: 'PCMU',
      command_id: `streaming_start:${callControlId}`,
      ...(clientState ? { client_state: clientState } : {}),
    } as const;
    // Never the URL's query: it carries the token.
    log('TELNYX_STREAMING_START_REQ', {
      call_control_id: callControlId,
      touch_run_id: touchRunId,
      stream_host: url.host,
      stream_path: url.pathname,
      stream_track: params.stream_track,
      stream_codec: params.stream_codec,
      stream_bidirectional_mode: params.stream_bidirectional_mode,
      stream_bidirectional_codec: params.stream_bidirectional_codec,
    });
    if (!config.telnyx.apiKey) {
      log('TELNYX_STREAMING_START_ERR', { call_control_id: callControlId, status: null, code: 'missing_telnyx_env', title: 'set TELNYX_API_KEY (or Telnyx_Api)' }, 'error');
      return;
    }
    const started = performance.now();
    try {
      const response = await sdk().calls.actions.startStreaming(callControlId, params);
      log('TELNYX_STREAMING_START_RES', {
        call_control_id: callControlId,
        result: response.data?.result ?? null,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      log('TELNYX_STREAMING_START_ERR', { call_control_id: callControlId, ...telnyxError(error), ms: Math.round(performance.now() - started) }, 'error');
      const call = calls.get(callControlId);
      if (call?.state === 'streaming_requested') call.state = 'answered';
    }
  }

  async function forward(request: WebhookRequest): Promise<void> {
    const target = new URL(config.webhookForwardUrl!);
    if (request.search) {
      for (const [k, v] of new URLSearchParams(request.search)) if (!target.searchParams.has(k)) target.searchParams.set(k, v);
    }
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': request.contentType ?? 'application/json',
          ...(request.signature ? { 'telnyx-signature-ed25519': request.signature } : {}),
          ...(request.timestamp ? { 'telnyx-timestamp': request.timestamp } : {}),
        },
        body: request.rawBody,
        signal: AbortSignal.timeout(5000),
      });
      await res.body?.cancel();
      log('VOICE_WEBHOOK_FORWARDED', { host: target.host, status: res.status }, res.ok ? 'info' : 'warn');
    } catch (error) {
      log('VOICE_WEBHOOK_FORWARD_FAILED', { host: target.host, error: telnyxError(error).error ?? 'error' }, 'warn');
    }
  }

  function refuse(status: 400 | 403, reason: string): WebhookAnswer {
    log('VOICE_WEBHOOK_REJECTED', { path: WEBHOOK_PATH, status, reason }, 'warn');
    return { status, body: { error: reason } };
  }

  return {
    handle(request: WebhookRequest): WebhookAnswer {
      log('VOICE_WEBHOOK_HIT', { path: WEBHOOK_PATH, bytes: Buffer.byteLength(request.rawBody) });
      const key = config.telnyx.publicKey;
      if (!key) return refuse(403, 'not_configured');
      if (!request.signature || !request.timestamp) return refuse(400, 'missing_signature');
      const verdict = verifyTelnyxWebhook(key, request.signature, request.timestamp, request.rawBody, Math.floor(now() / 1000));
      if (!verdict.ok) return refuse(verdict.status, verdict.reason);
      let json: unknown;
      try {
        json = JSON.parse(request.rawBody);
      } catch {
        return refuse(400, 'invalid_body');
      }
      const envelope = Envelope.safeParse(json);
      if (!envelope.success) return refuse(400, 'invalid_body');
      const { id, event_type: eventType, payload } = envelope.data.data;
      const callControlId = payload.call_control_id ?? null;
      log('VOICE_WEBHOOK_EVENT', { event_type: eventType, event_id: id, call_control_id: callControlId, state: payload.state ?? null });
      if (config.webhookForwardUrl) background(forward(request));
      if (!callControlId) return { status: 200, body: { ok: true } };

      const known = calls.get(callControlId);
      const touchRunId = touchRunFromClientState(payload.client_state) ?? known?.touchRunId ?? null;
      switch (eventType) {
        case 'call.answered': {
          if (known && known.state !== 'waiting_for_answer' && known.state !== 'answered') {
            log('STREAMING_WAIT_STATE', { call_control_id: callControlId, event_type: eventType, state: known.state, action: 'none: streaming already requested' });
            break;
          }
          track(callControlId, { state: 'streaming_requested', touchRunId });
          log('STREAMING_START_AFTER_ANSWER', { call_control_id: callControlId, touch_run_id: touchRunId });
          background(startStreaming(callControlId, payload.client_state, touchRunId));
          break;
        }
        case 'call.hangup':
          calls.delete(callControlId);
          break;
        case 'streaming.started':
          track(callControlId, { state: 'streaming', touchRunId });
          break;
        case 'streaming.failed':
          log('TELNYX_STREAMING_FAILED', { call_control_id: callControlId, failure_reason: payload.failure_reason ?? null }, 'error');
          if (known) known.state = 'answered';
          break;
        case 'streaming.stopped':
          if (known) known.state = 'answered';
          break;
        default:
          if (!known || known.state === 'waiting_for_answer') {
            track(callControlId, { state: 'waiting_for_answer', touchRunId });
            log('STREAMING_WAIT_STATE', { call_control_id: callControlId, event_type: eventType, state: 'waiting_for_answer', waiting_for: 'call.answered' });
          }
      }
      return { status: 200, body: { ok: true } };
    },

    async hangup(callControlId: string): Promise<void> {
      if (!config.telnyx.apiKey) {
        log('VOICE_CALL_HANGUP', { call_control_id: callControlId, ok: false, reason: 'missing_telnyx_env' }, 'warn');
        return;
      }
      try {
        await sdk().calls.actions.hangup(callControlId, { command_id: `hangup:${callControlId}` });
        log('VOICE_CALL_HANGUP', { call_control_id: callControlId, ok: true });
      } catch (error) {
        log('VOICE_CALL_HANGUP', { call_control_id: callControlId, ok: false, ...telnyxError(error) }, 'warn');
      }
    },

    async idle(): Promise<void> {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}
