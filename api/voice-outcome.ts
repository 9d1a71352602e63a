/**
 * The voice gateway's two calls into the API (issue 8), both signed with a
 * shared token (`Authorization: Bearer <VOICE_OUTCOME_TOKEN>`, compared in
 * constant time; without a token configured every request is refused):
 *
 *   GET  /context?touch_run_id=…            (or ?provider=…&call_id=…)
 *        → public.voice_call_context: what the model is told about the call.
 *   POST /outcome  {provider, call_id, touch_run_id, answered, duration_seconds,
 *                   verdict, stated_intent, transcript: [{role, text, at_ms}], ended_at}
 *        → public.record_voice_call_outcome: memory events, timeline, and for a
 *          hot verdict high_intent + call_queue. Replays answer `duplicate`.
 *
 * Mounted by api/app.ts under /api/voice. One SQL call per request, as
 * revenue_ingest; bad input gets a 4xx with the reason and changes nothing.
 * Nothing of the transcript or the stated intent is ever logged.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { secretsEqual } from './signatures.ts';
import { issuesOf, parseJsonBody, reject, replaceNuls } from './webhooks/common.ts';
import { ContextQuery, VoiceOutcomeBody } from '../gateway/wire.ts';

export { VoiceCallContext, VoiceOutcomeBody } from '../gateway/wire.ts';

const ROUTE = '/api/voice';
/** 500 turns of 4000 characters would not fit; a real call's transcript is far below this. */
export const VOICE_OUTCOME_MAX_BYTES = 1024 * 1024;

const SqlResult = z.object({ outcome: z.string() }).passthrough();

export interface VoiceOutcomeDeps {
  /** The API's own pool (unused: both calls run as revenue_ingest). */
  sql?: Sql;
  /** A pool whose sessions run as revenue_ingest (it may only call the ingest functions). */
  ingestSql: Sql;
  /** VOICE_OUTCOME_TOKEN, else VOICE_GATEWAY_TOKEN; undefined refuses every request. */
  token: string | undefined;
}

interface PgError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

function sqlRefusal(error: unknown): { detail: string | null } | null {
  const e = (error && typeof error === 'object' ? error : {}) as PgError;
  if (e.code !== '22023') return null;
  return { detail: typeof e.detail === 'string' ? e.detail : null };
}

export function voiceOutcomeRoutes(deps: VoiceOutcomeDeps): Hono {
  const app = new Hono();

  app.use(
    '*',
    bodyLimit({ maxSize: VOICE_OUTCOME_MAX_BYTES, onError: (c) => reject(c, 'api', ROUTE, 413, 'body_too_large') }),
  );

  // The shared token, before anything else is looked at.
  app.use('*', async (c, next) => {
    if (!deps.token) return reject(c, 'api', ROUTE, 403, 'not_configured');
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!auth) {
      c.header('WWW-Authenticate', 'Bearer');
      return reject(c, 'api', ROUTE, 401, 'missing_token');
    }
    if (!secretsEqual(auth[1]!, deps.token)) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return reject(c, 'api', ROUTE, 401, 'invalid_token');
    }
    await next();
  });

  app.get('/context', async (c) => {
    // A NUL cannot match any call: replaced (U+FFFD), it finds nothing (404) instead of failing the SQL.
    const query = ContextQuery.safeParse(replaceNuls(c.req.query()).value);
    if (!query.success) return reject(c, 'api', ROUTE, 400, 'invalid_query', { issues: issuesOf(query.error) });
    const q = query.data;
    const [row] = await deps.ingestSql<{ r: unknown }[]>`
      select public.voice_call_context(${q.touch_run_id ?? null}::uuid, ${q.provider ?? null}, ${q.call_id ?? null}) as r`;
    const result = SqlResult.parse(row?.r);
    if (result.outcome !== 'found') return reject(c, 'api', ROUTE, 404, result.outcome);
    return c.json(result);
  });

  app.post('/outcome', async (c) => {
    // A call's transcript is never lost to a NUL: it is kept with U+FFFD in its place.
    const body = parseJsonBody(await c.req.text());
    if (!body.ok) return reject(c, 'api', ROUTE, 400, 'invalid_body', { issues: [body.issue] });
    const parsed = VoiceOutcomeBody.safeParse(body.value);
    if (!parsed.success) return reject(c, 'api', ROUTE, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    const b = parsed.data;

    let raw: unknown;
    try {
      const [row] = await deps.ingestSql<{ r: unknown }[]>`
        select public.record_voice_call_outcome(
          ${b.provider}, ${b.call_id}, ${b.touch_run_id ?? null}::uuid, ${b.answered}, ${b.duration_seconds}::integer,
          ${b.verdict ?? null}, ${b.stated_intent ?? null}, ${deps.ingestSql.json(b.transcript)}::jsonb,
          coalesce(${b.ended_at ?? null}::timestamptz, now())) as r`;
      raw = row?.r;
    } catch (error) {
      const refusal = sqlRefusal(error);
      if (refusal) return reject(c, 'api', ROUTE, 400, 'invalid_argument', { detail: refusal.detail });
      throw error;
    }
    const result = SqlResult.parse(raw);
    if (result.outcome === 'unknown_call') return reject(c, 'api', ROUTE, 404, 'unknown_call');
    log('VOICE_OUTCOME_RECORDED', {
      outcome: result.outcome,
      provider: b.provider,
      call_id: b.call_id,
      touch_run_id: result.touch_run_id,
      lead_id: result.lead_id,
      answered: b.answered,
      duration_seconds: b.duration_seconds,
      verdict: b.verdict ?? null,
      turns: b.transcript.length,
      call_queue: result.call_queue,
    });
    return c.json(result);
  });

  return app;
}
