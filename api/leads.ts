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
import { z } from 'zod';
import { withRole, withTenant } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { normalizePhone, type CountryCode } from '../lib/phone.ts';
import { hashApiToken } from './api-tokens.ts';
import type { InboundDeps } from './inbound-config.ts';
import { issuesOf, reject, type Issue } from './webhooks/common.ts';

const ROUTE = '/api/leads';
export const MAX_LEADS_PER_REQUEST = 1000;

/** Optional text: trimmed, empty or null counts as absent; the same limits as find_or_create_lead. */
const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length <= max, { message: `must be at most ${max} characters` });

/** find_or_create_lead's keys, and nothing else (a misspelt key is refused, not ignored). */
const LeadInput = z
  .object({
    source: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit')
      .nullish()
      .transform((v) => v ?? 'api'),
    external_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? undefined : typeof v === 'number' ? v : v.trim() || undefined))
      .refine((v) => typeof v !== 'string' || v.length <= 200, { message: 'must be at most 200 characters' }),
    email: z.string().trim().toLowerCase().email().max(320).nullish(),
    phone: text(40),
    first_name: text(200),
    last_name: text(200),
    company_name: text(200),
    phone_line_type: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['mobile', 'landline', 'voip', 'unknown']))
      .nullish(),
    city: text(120),
    region: text(120),
    postal_code: text(20),
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
      .transform((v) => v.toUpperCase())
      .nullish(),
    timezone: text(64),
    attributes: z.record(z.string(), z.unknown()).nullish(),
    first_seen_at: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO 8601 timestamp' })
      .nullish(),
  })
  .strict()
  .transform((lead, ctx) => {
    if (lead.phone !== undefined) {
      // A national number is read in the lead's country, else the US.
      const n = normalizePhone(lead.phone, (lead.country ?? 'US') as CountryCode);
      if (!n.ok) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: `not a valid phone number (${n.reason})` });
        return z.NEVER;
      }
      lead.phone = n.e164;
    }
    // find_or_create_lead treats absent and null alike; send only what is there.
    return Object.fromEntries(Object.entries(lead).filter(([, v]) => v !== undefined && v !== null)) as Record<string, unknown>;
  });

export type LeadInput = z.output<typeof LeadInput>;

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
