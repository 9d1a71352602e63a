/**
 * enrich_leads {account_id}: queued by the database when leads become pending enrichment
 * (private.tg_leads__queue_enrichment, one job per account) and by the minute's sweep
 * (enrich_leads_sweep). Claims the account's pending leads a batch at a time under a lease
 * (brain.claim_lead_enrichments), looks their numbers up at Twilio Lookup (the account's own
 * keys, else the environment's; libphonenumber without keys) and their email domains' MX
 * records (ENRICHMENT_DNS), and records each batch with one call
 * (brain.record_lead_enrichments). Never logs a number or an address.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import { DEFAULT_TWILIO_LOOKUP_BASE_URL, type EnrichmentConfig } from '../enrichment/config.ts';
import { createMxResolver, type MxResolver } from '../enrichment/email.ts';
import { enrichBatch, type ClaimedLead } from '../enrichment/batch.ts';
import { createTwilioLookup, type PhoneLookup } from '../enrichment/phone.ts';
import type { WorkerDeps } from '../deps.ts';

const Payload = z.object({ account_id: z.string().uuid() });

export const ENRICH_BATCH_SIZE = 200;
export const ENRICH_CONCURRENCY = 50;
export const ENRICH_MAX_ATTEMPTS = 5;
/** Longer than a batch's lookups can take (each is bounded by the provider time-out). */
export const ENRICH_LEASE_SECONDS = 300;

export interface EnrichLeadsOptions {
  batchSize?: number;
  concurrency?: number;
  maxAttempts?: number;
}

type Deps = Pick<WorkerDeps, 'sql' | 'keyRing' | 'enrichment'>;

/** The account's Twilio keys for lookups: its stored ones, else the environment's; null without keys. */
async function lookupFor(deps: Deps, accountId: string, config: EnrichmentConfig): Promise<{ lookup: PhoneLookup | null; problem: string | null }> {
  let stored;
  try {
    stored = await loadCredentials(deps.sql, deps.keyRing, accountId, 'twilio');
  } catch (error) {
    // A stored row that does not open is never replaced by other keys (as for sends).
    log('ENRICHMENT_CREDENTIALS_UNREADABLE', { account_id: accountId, error: (error as Error).name }, 'warn');
    return { lookup: null, problem: 'credentials_unreadable' };
  }
  const sid = stored?.value.account_sid ?? deps.enrichment?.twilio.accountSid;
  const token = stored?.value.auth_token ?? deps.enrichment?.twilio.authToken;
  if (!sid || !token) return { lookup: null, problem: null };
  return { lookup: createTwilioLookup({ accountSid: sid, authToken: token, baseUrl: config.lookupBaseUrl, timeoutMs: config.timeoutMs }), problem: null };
}

export function enrichLeads(deps: Deps, options: EnrichLeadsOptions = {}): Task {
  const batchSize = options.batchSize ?? ENRICH_BATCH_SIZE;
  const concurrency = options.concurrency ?? ENRICH_CONCURRENCY;
  const maxAttempts = options.maxAttempts ?? ENRICH_MAX_ATTEMPTS;
  const config: EnrichmentConfig = deps.enrichment?.config ?? { lookupBaseUrl: DEFAULT_TWILIO_LOOKUP_BASE_URL, dns: { mode: 'off' }, timeoutMs: 10_000 };
  // One resolver for the process: ENRICHMENT_DNS off gives none, and nothing is contacted.
  const mx: MxResolver | null = createMxResolver(config.dns, config.timeoutMs);

  return async (rawPayload) => {
    const { account_id: accountId } = Payload.parse(rawPayload);
    const started = Date.now();
    let phoneLookup: { lookup: PhoneLookup | null; problem: string | null } | null = null;
    let leads = 0;
    let lookups = 0;
    let cacheHits = 0;
    for (;;) {
      const claimed = await deps.sql<ClaimedLead[]>`
        select * from brain.claim_lead_enrichments(${accountId}, ${batchSize}, make_interval(secs => ${ENRICH_LEASE_SECONDS}), ${maxAttempts})`;
      if (claimed.length === 0) break;
      phoneLookup ??= await lookupFor(deps, accountId, config);
      const out = await enrichBatch(claimed, { phoneLookup: phoneLookup.lookup, mx, concurrency, maxAttempts });
      await deps.sql`select count(*) from brain.record_lead_enrichments(${accountId}, ${deps.sql.json(out.results as unknown as Parameters<typeof deps.sql.json>[0])})`;
      // The Twilio integration's health: refused keys mark it failing (an alert at most once a
      // day) and the rest of this job goes without them; an answer heals it.
      const problem = out.refused ?? phoneLookup.problem;
      if (problem) {
        await deps.sql`select brain.record_integration_health(${accountId}, 'twilio', ${problem})`;
        if (out.refused) phoneLookup = { lookup: null, problem: null };
        log('ENRICHMENT_LOOKUP_REFUSED', { account_id: accountId, error: problem }, 'warn');
      } else if (out.answered) {
        await deps.sql`select brain.record_integration_health(${accountId}, 'twilio', null)`;
      }
      leads += claimed.length;
      lookups += out.lookups;
      cacheHits += out.cacheHits;
      log('ENRICHMENT_BATCH', {
        account_id: accountId,
        leads: claimed.length,
        lookups: out.lookups,
        cache_hits: out.cacheHits,
        mx_lookups: out.mxLookups,
        retries: out.results.filter((r) => r.outcome === 'retry').length,
        failed: out.results.filter((r) => r.outcome === 'failed').length,
      }, 'debug');
      if (claimed.length < batchSize) break;
    }
    if (leads > 0) log('ENRICHMENT_DONE', { account_id: accountId, leads, lookups, cache_hits: cacheHits, ms: Date.now() - started });
  };
}
