/**
 * Lead intake: `POST /api/leads` with `Authorization: Bearer <token>`.
 *
 * The token's SHA-256 names the account (public.authenticate_api_token, as
 * revenue_api). The body is one lead or an array of up to 1000. All or
 * nothing: every item is validated first (400 listing each bad item's index
 * and problems, nothing written), then every public.find_or_create_lead runs
 * in one transaction as revenue_api with app.account_id set (withTenant), so
 * row-level security confines the token to its own account. A lead the SQL
 * refuses (invalid_lead) rolls the whole batch back: 400 naming its index.
 */
import { Hono } from 'hono';
import { withRole, withTenant } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { LeadInput } from '../lib/lead-row.ts';
import { hashApiToken } from './domain/api-tokens.ts';
import type { InboundDeps } from './inbound-config.ts';
import { issuesOf, reject, type Issue } from './webhooks/common.ts';

const ROUTE = '/api/leads';
export const MAX_LEADS_PER_REQUEST = 1000;

export type { LeadInput } from '../lib/lead-row.ts';

interface ItemProblem {
  index: number;
  issues: Issue[];
}

class LeadRefused extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super('lead refused');
  }
}

interface PgError {
  message?: unknown;
  detail?: unknown;
  code?: unknown;
}

function pgError(error: unknown): PgError {
  return error && typeof error === 'object' ? (error as PgError) : {};
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

    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return reject(c, 'api', ROUTE, 400, 'invalid_body', { issues: [{ path: '(root)', message: 'the body is not JSON' }] });
    }
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0 || items.length > MAX_LEADS_PER_REQUEST) {
      return reject(c, 'api', ROUTE, 400, 'invalid_body', {
        issues: [{ path: '(root)', message: `send one lead or an array of 1 to ${MAX_LEADS_PER_REQUEST} leads` }],
      });
    }
    const leads: Record<string, unknown>[] = [];
    const problems: ItemProblem[] = [];
    items.forEach((item, index) => {
      const parsed = LeadInput.safeParse(item);
      if (parsed.success) leads.push(parsed.data);
      else problems.push({ index, issues: issuesOf(parsed.error) });
    });
    if (problems.length > 0) return reject(c, 'api', ROUTE, 400, 'invalid_body', { items: problems });

    let results: { lead_id: string; matched_by: string; created: boolean }[];
    try {
      results = await withTenant(deps.sql, accountId, async (tx) => {
        // Issued together, so postgres.js pipelines them on the transaction's connection.
        const settled = await Promise.allSettled(
          leads.map((lead) => tx<{ lead_id: string; matched_by: string; created: boolean }[]>`
            select r.lead_id, r.matched_by, r.created
            from public.find_or_create_lead(${accountId}::uuid, ${tx.json(lead as Parameters<typeof tx.json>[0])}::jsonb) r`),
        );
        // The first failure is the real one; the ones after it only saw the aborted transaction.
        const failed = settled.findIndex((s) => s.status === 'rejected');
        if (failed >= 0) throw new LeadRefused(failed, (settled[failed] as PromiseRejectedResult).reason);
        return settled.map((s) => (s as PromiseFulfilledResult<{ lead_id: string; matched_by: string; created: boolean }[]>).value[0]!);
      });
    } catch (error) {
      if (error instanceof LeadRefused && pgError(error.error).message === 'invalid_lead') {
        const detail = pgError(error.error).detail;
        return reject(c, 'api', ROUTE, 400, 'invalid_lead', { index: error.index, detail: typeof detail === 'string' ? detail : null });
      }
      throw error instanceof LeadRefused ? error.error : error;
    }

    log('LEADS_INGESTED', {
      account_id: accountId,
      count: results.length,
      created: results.filter((r) => r.created).length,
    });
    return c.json({ results: results.map((r) => ({ lead_id: r.lead_id, matched_by: r.matched_by, created: r.created })) });
  });

  return app;
}
