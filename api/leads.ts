/**
 * Lead intake: `POST /api/leads` with `Authorization: Bearer <token>`.
 *
 * The token's SHA-256 names the account (public.authenticate_api_token, as
 * revenue_api). The body is one lead, an array of up to 1000, or
 * `{"leads": [...], "atomic": true|false}`. Every item is validated first
 * (zod: lib/lead-row.ts; a NUL in any string or key is refused by name), then
 * every public.find_or_create_lead runs in one transaction as revenue_api with
 * app.account_id set (withTenant), so row-level security confines the token to
 * its own account.
 *
 * By default a batch is partial: the bad items are refused (each with its index
 * and reasons, e.g. `rows[3].first_name: contains a NUL character`) and the good
 * ones are saved; 400 only when nothing could be saved. With `"atomic": true`
 * in the body or `?atomic=1`, any bad item (or one the SQL refuses) refuses the
 * whole batch with 400 and nothing is saved.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { withRole, withTenant, type TransactionSql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { LeadInput } from '../lib/lead-row.ts';
import { hashApiToken } from './domain/api-tokens.ts';
import type { InboundDeps } from './inbound-config.ts';
import { issuesOf, parseJsonBody, reject, type Issue } from './webhooks/common.ts';

const ROUTE = '/api/leads';
export const MAX_LEADS_PER_REQUEST = 1000;

export type { LeadInput } from '../lib/lead-row.ts';

/** A refused item: its index, its problems, and one readable line per problem. */
interface ItemProblem {
  index: number;
  error: 'invalid_lead';
  issues: Issue[];
  reasons: string[];
}

interface Saved {
  index: number;
  lead_id: string;
  matched_by: string;
  created: boolean;
}

interface PgError {
  message?: unknown;
  detail?: unknown;
  code?: unknown;
}

function pgError(error: unknown): PgError {
  return error && typeof error === 'object' ? (error as PgError) : {};
}

/** The envelope form: `{"leads": [...], "atomic": true}` (a lead has no `leads` key). */
const Envelope = z.object({ leads: z.array(z.unknown()), atomic: z.boolean().optional() }).strict();

function problem(index: number, issues: Issue[], batch: boolean): ItemProblem {
  const prefix = batch ? `rows[${index}]` : '';
  const reasons = issues.map((i) => {
    const path = i.path === '(root)' ? prefix || '(root)' : prefix ? `${prefix}.${i.path}` : i.path;
    return `${path}: ${i.message}`;
  });
  return { index, error: 'invalid_lead', issues, reasons };
}

/** One find_or_create_lead per lead, pipelined on the transaction's connection. */
async function saveAll(tx: TransactionSql, accountId: string, leads: { index: number; lead: Record<string, unknown> }[]) {
  return Promise.allSettled(
    leads.map(({ lead }) => tx<{ lead_id: string; matched_by: string; created: boolean }[]>`
      select r.lead_id, r.matched_by, r.created
      from public.find_or_create_lead(${accountId}::uuid, ${tx.json(lead as Parameters<typeof tx.json>[0])}::jsonb) r`),
  );
}

class BatchRefused extends Error {
  constructor(readonly problem: ItemProblem) {
    super('batch refused');
  }
}

export function leadRoutes(deps: InboundDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!auth) {
      c.header('WWW-Authenticate', 'Bearer');
      return reject(c, 'api', ROUTE, 401, 'missing_token');
    }
    const hash = hashApiToken(auth[1]!);
    const [who] = await withRole(deps.sql, 'revenue_api', (tx) => tx<{ account_id: string | null }[]>`
      select public.authenticate_api_token(${hash}) as account_id`);
    const accountId = who?.account_id ?? null;
    if (!accountId) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return reject(c, 'api', ROUTE, 401, 'invalid_token');
    }

    // The JSON is checked for depth before anything walks it. NULs are left in place
    // here: a lead carrying one is refused by name (lib/lead-row.ts), not rewritten.
    const parsedBody = parseJsonBody(await c.req.text(), { keepNuls: true });
    if (!parsedBody.ok) return reject(c, 'api', ROUTE, 400, 'invalid_body', { issues: [parsedBody.issue] });
    const body = parsedBody.value;
    const envelope = body && typeof body === 'object' && !Array.isArray(body) && 'leads' in body ? Envelope.safeParse(body) : null;
    if (envelope && !envelope.success) return reject(c, 'api', ROUTE, 400, 'invalid_body', { issues: issuesOf(envelope.error) });
    const atomicQuery = c.req.query('atomic');
    const atomic = envelope?.data?.atomic ?? (atomicQuery === '1' || atomicQuery === 'true');
    const batch = envelope !== null || Array.isArray(body);
    const items: unknown[] = envelope?.data ? envelope.data.leads : Array.isArray(body) ? body : [body];
    if (items.length === 0 || items.length > MAX_LEADS_PER_REQUEST) {
      return reject(c, 'api', ROUTE, 400, 'invalid_body', {
        issues: [{ path: '(root)', message: `send one lead or an array of 1 to ${MAX_LEADS_PER_REQUEST} leads` }],
      });
    }
    const leads: { index: number; lead: Record<string, unknown> }[] = [];
    const refused: ItemProblem[] = [];
    items.forEach((item, index) => {
      const parsed = LeadInput.safeParse(item);
      if (parsed.success) leads.push({ index, lead: parsed.data });
      else refused.push(problem(index, issuesOf(parsed.error), batch));
    });
    if (refused.length > 0 && (atomic || leads.length === 0)) {
      return reject(c, 'api', ROUTE, 400, 'invalid_body', { atomic, items: refused });
    }

    let saved: Saved[];
    try {
      saved = await withTenant(deps.sql, accountId, async (tx) => {
        // A lead the SQL refuses (invalid_lead) is dropped and the rest tried again
        // from a savepoint; in an atomic batch it refuses the whole batch.
        let pending = leads;
        for (;;) {
          const attempt = await tx.savepoint(async (sp) => {
            const settled = await saveAll(sp, accountId, pending);
            // The first failure is the real one; the ones after it only saw the aborted savepoint.
            const failed = settled.findIndex((s) => s.status === 'rejected');
            if (failed < 0) {
              return settled.map((s, i) => ({
                index: pending[i]!.index,
                ...(s as PromiseFulfilledResult<{ lead_id: string; matched_by: string; created: boolean }[]>).value[0]!,
              }));
            }
            throw Object.assign(new Error('lead refused'), { failed, reason: (settled[failed] as PromiseRejectedResult).reason });
          }).catch((error: { failed?: number; reason?: unknown }) => {
            if (error.failed === undefined) throw error;
            const pg = pgError(error.reason);
            if (pg.message !== 'invalid_lead') throw error.reason;
            const detail = typeof pg.detail === 'string' ? pg.detail : 'refused by the database';
            return problem(pending[error.failed]!.index, [{ path: '(root)', message: detail }], batch);
          });
          if (Array.isArray(attempt)) return attempt;
          if (atomic) throw new BatchRefused(attempt);
          refused.push(attempt);
          pending = pending.filter((p) => p.index !== attempt.index);
          if (pending.length === 0) return [];
        }
      });
    } catch (error) {
      if (error instanceof BatchRefused) return reject(c, 'api', ROUTE, 400, 'invalid_body', { atomic, items: [error.problem] });
      throw error;
    }
    refused.sort((a, b) => a.index - b.index);
    if (saved.length === 0) return reject(c, 'api', ROUTE, 400, 'invalid_body', { atomic, items: refused });

    log('LEADS_INGESTED', {
      account_id: accountId,
      count: saved.length,
      created: saved.filter((r) => r.created).length,
      refused: refused.length,
    });
    return c.json({
      results: saved.map((r) => ({ index: r.index, lead_id: r.lead_id, matched_by: r.matched_by, created: r.created })),
      refused,
    });
  });

  return app;
}
