/**
 * The gateway's only ways out besides the carrier and OpenAI:
 *   - the API (VOICE_API_BASE_URL): GET /api/voice/context before the call,
 *     POST /api/voice/outcome after it, both `Authorization: Bearer
 *     <VOICE_OUTCOME_TOKEN>` (api/voice-outcome.ts; the SQL is idempotent per
 *     call, so the post is retried on network errors and 5xx);
 *   - the hot-lead hand-off (SUPABASE_VOICE_HANDOFF_URL / _TOKEN), when set.
 * Logs carry ids, statuses and counts; never the transcript or stated intent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VoiceCallContext, type VoiceOutcomeBody } from './wire.ts';
import { log } from '../lib/log.ts';
import type { GatewayConfig } from './config.ts';

const CONTEXT_TIMEOUT_MS = 1500;
const POST_TIMEOUT_MS = 5000;
const OUTCOME_ATTEMPTS = 4;

export interface HandoffRequest {
  provider: 'telnyx' | 'twilio';
  call_id: string;
  touch_run_id: string | null;
  lead_id: string | null;
  account_id: string | null;
  verdict: 'hot';
  stated_intent: string | null;
}

export interface CallApi {
  /** The call's briefing, or null (unknown call, API down): the model then gets a generic prompt. */
  context(q: { touchRunId: string | null; provider: 'telnyx' | 'twilio'; callId: string }): Promise<VoiceCallContext | null>;
  postOutcome(body: VoiceOutcomeBody): Promise<{ ok: boolean; status: number | null; outcome: string | null }>;
  handoff(request: HandoffRequest): Promise<void>;
}

function errorName(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'error';
}

export function createCallApi(config: GatewayConfig): CallApi {
  const auth = { Authorization: `Bearer ${config.api.token}` };

  return {
    async context({ touchRunId, provider, callId }) {
      const url = new URL(`${config.api.baseUrl}/api/voice/context`);
      if (touchRunId) url.searchParams.set('touch_run_id', touchRunId);
      else {
        url.searchParams.set('provider', provider);
        url.searchParams.set('call_id', callId);
      }
      try {
        const res = await fetch(url, { headers: auth, signal: AbortSignal.timeout(CONTEXT_TIMEOUT_MS) });
        if (!res.ok) {
          log('VOICE_CONTEXT_UNAVAILABLE', { call_id: callId, touch_run_id: touchRunId, status: res.status }, 'warn');
          await res.body?.cancel();
          return null;
        }
        const parsed = VoiceCallContext.safeParse(await res.json());
        if (!parsed.success) {
          log('VOICE_CONTEXT_UNAVAILABLE', { call_id: callId, touch_run_id: touchRunId, status: res.status, reason: 'malformed' }, 'warn');
          return null;
        }
        return parsed.data;
      } catch (error) {
        log('VOICE_CONTEXT_UNAVAILABLE', { call_id: callId, touch_run_id: touchRunId, error: errorName(error) }, 'warn');
        return null;
      }
    },

    async postOutcome(body) {
      const url = `${config.api.baseUrl}/api/voice/outcome`;
      const payload = JSON.stringify(body);
      let last: { status: number | null; error?: string } = { status: null };
      for (let attempt = 1; attempt <= OUTCOME_ATTEMPTS; attempt++) {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: payload,
            signal: AbortSignal.timeout(POST_TIMEOUT_MS),
          });
          const answer = (await res.json().catch(() => null)) as { outcome?: unknown; error?: unknown } | null;
          if (res.ok) {
            const outcome = typeof answer?.outcome === 'string' ? answer.outcome : null;
            log('VOICE_OUTCOME_POSTED', { call_id: body.call_id, touch_run_id: body.touch_run_id ?? null, status: res.status, outcome, attempt });
            return { ok: true, status: res.status, outcome };
          }
          if (res.status < 500) {
            log('VOICE_OUTCOME_REJECTED', {
              call_id: body.call_id,
              touch_run_id: body.touch_run_id ?? null,
              status: res.status,
              reason: typeof answer?.error === 'string' ? answer.error : null,
            }, 'error');
            return { ok: false, status: res.status, outcome: null };
          }
          last = { status: res.status };
        } catch (error) {
          last = { status: null, error: errorName(error) };
        }
        if (attempt < OUTCOME_ATTEMPTS) await sleep(250 * 2 ** (attempt - 1));
      }
      log('VOICE_OUTCOME_FAILED', { call_id: body.call_id, touch_run_id: body.touch_run_id ?? null, attempts: OUTCOME_ATTEMPTS, ...last }, 'error');
      return { ok: false, status: last.status, outcome: null };
    },

    async handoff(request) {
      const target = config.handoff;
      if (!target) {
        log('VOICE_HANDOFF_SKIPPED', { call_id: request.call_id, reason: 'SUPABASE_VOICE_HANDOFF_URL unset' });
        return;
      }
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(target.token ? { Authorization: `Bearer ${target.token}` } : {}) },
          body: JSON.stringify({ event: 'voice_hot_lead', ...request, at: new Date().toISOString() }),
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        });
        await res.body?.cancel();
        log(res.ok ? 'VOICE_HANDOFF_SENT' : 'VOICE_HANDOFF_FAILED', { call_id: request.call_id, touch_run_id: request.touch_run_id, status: res.status }, res.ok ? 'info' : 'error');
      } catch (error) {
        log('VOICE_HANDOFF_FAILED', { call_id: request.call_id, touch_run_id: request.touch_run_id, error: errorName(error) }, 'error');
      }
    },
  };
}
