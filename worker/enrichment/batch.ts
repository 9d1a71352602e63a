/**
 * One claimed batch of leads, enriched: each distinct number that the cache does not know
 * is looked up once, each distinct email domain's MX once, in parallel with a bound, and
 * every lead gets a result for brain.record_lead_enrichments. What the results mean
 * (statuses, line types, what to keep) is decided in SQL.
 */
import { emailFacts, type MxAnswer, type MxResolver } from './email.ts';
import { numberingPlanType, type PhoneLookup, type PhoneLookupResult } from './phone.ts';

/** A row of brain.claim_lead_enrichments. */
export interface ClaimedLead {
  lead_id: string;
  phone: string | null;
  email: string | null;
  phone_line_type: string;
  phone_line_type_source: string | null;
  attempt: number;
  lease_until: Date | string;
  cached_phone: { phone_status: string; line_type: string; provider_type: string | null; carrier: string | null; looked_up_at: string } | null;
  cached_mx: 'found' | 'none' | null;
}

export interface PhoneResult {
  number: string;
  source: 'twilio_lookup' | 'cache' | 'libphonenumber';
  valid: boolean;
  type: string | null;
  carrier?: string | null;
  line_status?: string | null;
  checked_at?: string;
}

export interface EmailResult {
  address: string;
  syntax_ok: boolean;
  is_role: boolean;
  is_disposable: boolean;
  domain: string | null;
  mx: MxAnswer | 'not_checked';
  mx_source: 'dns' | 'cache' | null;
}

export interface LeadResult {
  lead_id: string;
  lease_until: string;
  outcome: 'done' | 'failed' | 'retry';
  reason?: string;
  /** A retry's back-off in seconds; unset, brain.record_lead_enrichments decides it from the lead's attempts. */
  retry_after_s?: number;
  phone: PhoneResult | null;
  email: EmailResult | null;
}

export interface BatchContext {
  /** null: no Twilio keys (or they are refused): libphonenumber decides. */
  phoneLookup: PhoneLookup | null;
  /** null: ENRICHMENT_DNS off. */
  mx: MxResolver | null;
  /** Lookups in flight at once. */
  concurrency: number;
  /** The claim's p_max_attempts: the last attempt does not retry. */
  maxAttempts: number;
}

export interface BatchOutcome {
  results: LeadResult[];
  /** Requests made to Twilio Lookup (after the cache and the batch's own dedupe). */
  lookups: number;
  cacheHits: number;
  mxLookups: number;
  /** Twilio refused the keys (401/403): the code, for the integration's health. */
  refused: string | null;
  /** At least one Twilio answer (the integration works). */
  answered: boolean;
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}


function libphonenumber(number: string): PhoneResult {
  const t = numberingPlanType(number);
  return { number, source: 'libphonenumber', valid: t.valid, type: t.type };
}

export async function enrichBatch(leads: readonly ClaimedLead[], ctx: BatchContext): Promise<BatchOutcome> {
  let refused: string | null = null;
  let answered = false;
  let lookups = 0;
  let cacheHits = 0;

  // Numbers: each distinct number the cache does not know, once.
  const toLookUp = ctx.phoneLookup
    ? [...new Set(leads.filter((l) => l.phone !== null && l.cached_phone === null).map((l) => l.phone!))]
    : [];
  const answers = new Map<string, PhoneLookupResult>();
  await mapLimit(toLookUp, ctx.concurrency, async (number) => {
    // Once Twilio refuses the keys, the rest of the batch does not ask again.
    if (refused !== null) return;
    lookups++;
    const r = await ctx.phoneLookup!.lookup(number);
    if (r.kind === 'refused') refused ??= r.code;
    if (r.kind === 'answer' || r.kind === 'not_found') answered = true;
    answers.set(number, r);
  });

  // Email domains: each distinct domain the cache does not know, once.
  const facts = new Map(leads.filter((l) => l.email !== null).map((l) => [l.lead_id, emailFacts(l.email!)]));
  const domains = ctx.mx
    ? [...new Set(leads.filter((l) => l.cached_mx === null && facts.get(l.lead_id)?.domain).map((l) => facts.get(l.lead_id)!.domain!))]
    : [];
  const mxAnswers = new Map<string, MxAnswer>();
  await mapLimit(domains, ctx.concurrency, async (domain) => {
    mxAnswers.set(domain, await ctx.mx!.mx(domain));
  });

  const results = leads.map((lead): LeadResult => {
    const base = { lead_id: lead.lead_id, lease_until: new Date(lead.lease_until).toISOString() };
    let phone: PhoneResult | null = null;
    let failure: string | null = null;
    if (lead.phone !== null) {
      const cached = lead.cached_phone;
      const answer = answers.get(lead.phone);
      if (cached) {
        cacheHits++;
        phone = {
          number: lead.phone,
          source: 'cache',
          valid: cached.phone_status !== 'invalid',
          type: cached.provider_type,
          carrier: cached.carrier,
          line_status: cached.phone_status === 'disconnected' ? 'inactive' : null,
          checked_at: new Date(cached.looked_up_at).toISOString(),
        };
      } else if (answer?.kind === 'answer') {
        phone = { number: lead.phone, source: 'twilio_lookup', valid: answer.valid, type: answer.type, carrier: answer.carrier, line_status: answer.lineStatus };
      } else if (answer?.kind === 'not_found') {
        phone = { number: lead.phone, source: 'twilio_lookup', valid: false, type: null };
      } else if (answer?.kind === 'retry') {
        if (lead.attempt < ctx.maxAttempts) {
          return {
            ...base,
            outcome: 'retry',
            reason: `attempt ${lead.attempt}: Twilio Lookup did not answer (${answer.code}); trying again`,
            phone: null,
            email: null,
          };
        }
        failure = `Twilio Lookup did not answer after ${lead.attempt} attempts (${answer.code}); line type from libphonenumber`;
        phone = libphonenumber(lead.phone);
      } else {
        // No keys, keys refused, or the batch stopped asking after a refusal.
        phone = libphonenumber(lead.phone);
      }
    }
    let email: EmailResult | null = null;
    if (lead.email !== null) {
      const f = facts.get(lead.lead_id)!;
      const mx: EmailResult['mx'] = !f.domain ? 'not_checked' : lead.cached_mx ?? mxAnswers.get(f.domain) ?? 'not_checked';
      email = {
        address: lead.email,
        syntax_ok: f.syntaxOk,
        is_role: f.isRole,
        is_disposable: f.isDisposable,
        domain: f.domain,
        mx,
        mx_source: lead.cached_mx ? 'cache' : mxAnswers.has(f.domain ?? '') ? 'dns' : null,
      };
    }
    return failure ? { ...base, outcome: 'failed', reason: failure, phone, email } : { ...base, outcome: 'done', phone, email };
  });

  return { results, lookups, cacheHits, mxLookups: domains.length, refused, answered };
}
