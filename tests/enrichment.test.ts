/**
 * Enrichment (issue 19), the worker's parts: email facts (role, disposable, syntax), MX
 * answers from a stub DNS server on 127.0.0.1, Twilio Lookup v2 through the real SDK
 * against the fake Lookup API, libphonenumber's fallback, a batch's dedupe, cache use,
 * bounded parallel lookups, retries and refused keys; then the enrich_leads task on a real
 * database (a two-session claim race, the account's stored keys, refused keys marking the
 * integration failing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, JobHelpers } from 'graphile-worker';
import { connect, withTenant, type Sql } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { loadEnrichmentConfig } from '../worker/enrichment/config.ts';
import { createMxResolver, emailFacts, emailSyntaxOk } from '../worker/enrichment/email.ts';
import { enrichBatch, mapLimit, type ClaimedLead } from '../worker/enrichment/batch.ts';
import { createTwilioLookup, numberingPlanType, type PhoneLookup } from '../worker/enrichment/phone.ts';
import { enrichLeads } from '../worker/tasks/enrich_leads.ts';
import { startFakeTwilioLookup, startStubDns, type FakeTwilioLookup, type StubDns } from './fakes/index.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

describe('email facts', () => {
  it('spots role mailboxes by their local part, ignoring +tags and case', () => {
    expect(emailFacts('info@dealer.example').isRole).toBe(true);
    expect(emailFacts('Sales+leads@dealer.example').isRole).toBe(true);
    expect(emailFacts('ana.ruiz@dealer.example').isRole).toBe(false);
  });

  it('spots disposable domains, and their subdomains, but not a domain that merely ends the same', () => {
    expect(emailFacts('x@mailinator.com').isDisposable).toBe(true);
    expect(emailFacts('x@eu.mailinator.com').isDisposable).toBe(true);
    expect(emailFacts('x@dealer-mailinator.com').isDisposable).toBe(false);
    expect(emailFacts('x@gmail.com').isDisposable).toBe(false);
  });

  it('checks syntax', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', "o'neil@example.com", 'x@xn--bcher-kva.example']) expect(emailSyntaxOk(ok), ok).toBe(true);
    for (const bad of ['a@b', 'a@@b.com', '.a@b.com', 'a..b@c.com', 'a@-b.com', 'a@b.c0m', 'a b@c.com', '@b.com', 'a@', `${'x'.repeat(65)}@b.com`]) {
      expect(emailSyntaxOk(bad), bad).toBe(false);
    }
    expect(emailFacts('a..b@c.com')).toMatchObject({ syntaxOk: false, domain: null });
  });
});

describe('configuration', () => {
  it('reads ENRICHMENT_DNS: off by default, system, or ip[:port] servers; refuses anything else', () => {
    expect(loadEnrichmentConfig({}, 5000)).toEqual({ lookupBaseUrl: 'https://lookups.twilio.com', dns: { mode: 'off' }, timeoutMs: 5000 });
    expect(loadEnrichmentConfig({ ENRICHMENT_DNS: 'OFF' }, 5000).dns).toEqual({ mode: 'off' });
    expect(loadEnrichmentConfig({ ENRICHMENT_DNS: 'system' }, 5000).dns).toEqual({ mode: 'system' });
    expect(loadEnrichmentConfig({ ENRICHMENT_DNS: '127.0.0.1:5353, 10.0.0.2,[::1]:53', TWILIO_LOOKUP_BASE_URL: 'http://127.0.0.1:9/' }, 5000)).toEqual({
      lookupBaseUrl: 'http://127.0.0.1:9',
      dns: { mode: 'servers', servers: ['127.0.0.1:5353', '10.0.0.2', '[::1]:53'] },
      timeoutMs: 5000,
    });
    // An overridden Twilio host serves Lookup too, unless TWILIO_LOOKUP_BASE_URL says otherwise.
    expect(loadEnrichmentConfig({ TWILIO_API_BASE_URL: 'http://127.0.0.1:8/' }, 5000).lookupBaseUrl).toBe('http://127.0.0.1:8');
    expect(loadEnrichmentConfig({ TWILIO_API_BASE_URL: 'https://api.twilio.com' }, 5000).lookupBaseUrl).toBe('https://lookups.twilio.com');
    expect(loadEnrichmentConfig({ TWILIO_API_BASE_URL: 'http://127.0.0.1:8', TWILIO_LOOKUP_BASE_URL: 'http://127.0.0.1:9' }, 5000).lookupBaseUrl).toBe('http://127.0.0.1:9');
    expect(() => loadEnrichmentConfig({ ENRICHMENT_DNS: 'dns.example.com' }, 5000)).toThrow(/ENRICHMENT_DNS/);
    expect(() => loadEnrichmentConfig({ TWILIO_LOOKUP_BASE_URL: 'lookups.twilio.com' }, 5000)).toThrow(/TWILIO_LOOKUP_BASE_URL/);
  });

  it('with DNS off there is no resolver at all: nothing is contacted', () => {
    expect(createMxResolver({ mode: 'off' }, 1000)).toBeNull();
  });
});

describe('MX lookups against a stub DNS server', () => {
  let dns: StubDns;
  beforeAll(async () => {
    dns = await startStubDns({
      'dealer.example': { mx: [{ exchange: 'mx1.dealer.example', priority: 10 }] },
      'nullmx.example': 'null_mx',
      'nomx.example': 'nodata',
      'broken.example': 'servfail',
      'slow.example': 'timeout',
    });
  });
  afterAll(async () => dns?.close());

  it('found, none (null MX, no records, NXDOMAIN), inconclusive (SERVFAIL, time-out)', async () => {
    const r = createMxResolver({ mode: 'servers', servers: [dns.server] }, 300)!;
    expect(await r.mx('dealer.example')).toBe('found');
    expect(await r.mx('nullmx.example')).toBe('none');
    expect(await r.mx('nomx.example')).toBe('none');
    expect(await r.mx('nowhere.example')).toBe('none');
    expect(await r.mx('broken.example')).toBe('inconclusive');
    expect(await r.mx('slow.example')).toBe('inconclusive');
    expect(dns.queriesOf('dealer.example')).toBe(1);
    expect(dns.queries.every((q) => q.type === 'MX')).toBe(true);
  });
});

describe('Twilio Lookup v2 through the SDK', () => {
  let fake: FakeTwilioLookup;
  let lookup: PhoneLookup;
  beforeAll(async () => {
    fake = await startFakeTwilioLookup();
    fake.setLine('+13055550101', { type: 'landline', carrier: 'Example Telco' });
    fake.setLine('+13055550102', { type: 'nonFixedVoip', carrier: 'Bandwidth' });
    fake.setLine('+13055550103', { valid: false });
    fake.setLine('+13055550104', { notFound: true });
    fake.setLine('+13055550105', { type: 'mobile', carrier: 'Example Wireless', lineStatus: 'inactive' });
    lookup = createTwilioLookup({ accountSid: fake.accountSid, authToken: fake.authToken, baseUrl: fake.url, timeoutMs: 1000 });
  });
  afterAll(async () => fake?.close());

  it('asks for line_type_intelligence and line_status and reads the type, carrier, validity and line status', async () => {
    expect(await lookup.lookup('+13055550101')).toEqual({ kind: 'answer', valid: true, type: 'landline', carrier: 'Example Telco', lineStatus: 'active' });
    expect(await lookup.lookup('+13055550105')).toEqual({ kind: 'answer', valid: true, type: 'mobile', carrier: 'Example Wireless', lineStatus: 'inactive' });
    expect(await lookup.lookup('+13055550102')).toMatchObject({ kind: 'answer', type: 'nonFixedVoip' });
    expect(await lookup.lookup('+13055550103')).toMatchObject({ kind: 'answer', valid: false, type: null });
    expect(await lookup.lookup('+13055550104')).toEqual({ kind: 'not_found' });
    const req = fake.requests.find((r) => r.path === '/v2/PhoneNumbers/+13055550101')!;
    expect(req.method).toBe('GET');
    expect(req.query.Fields).toBe('line_type_intelligence,line_status');
    expect(req.authenticated).toBe(true);
  });

  it('401 is refused keys; 429, 503 and a time-out are worth a retry', async () => {
    const wrong = createTwilioLookup({ accountSid: fake.accountSid, authToken: 'not-the-token-at-all', baseUrl: fake.url, timeoutMs: 1000 });
    expect(await wrong.lookup('+13055550101')).toEqual({ kind: 'refused', code: 'http_401' });
    fake.setFaults({ rejectWith: { status: 429, code: 20429, message: 'Too Many Requests' }, times: 1 });
    expect(await lookup.lookup('+13055550105')).toEqual({ kind: 'retry', code: 'http_429' });
    fake.setFaults({ rejectWith: { status: 503, code: 20503, message: 'Service Unavailable' }, times: 1 });
    expect(await lookup.lookup('+13055550105')).toEqual({ kind: 'retry', code: 'http_503' });
    fake.setFaults({ delayMs: 1500, times: 1 });
    const timedOut = await lookup.lookup('+13055550105');
    expect(timedOut.kind).toBe('retry');
    fake.setFaults(null);
  });
});

describe('libphonenumber fallback', () => {
  it("gives the numbering plan's type, and invalid for a number no plan has", () => {
    expect(numberingPlanType('+447400123456')).toEqual({ valid: true, type: 'MOBILE' });
    expect(numberingPlanType('+442071838750')).toEqual({ valid: true, type: 'FIXED_LINE' });
    expect(numberingPlanType('+12015550123').valid).toBe(true);
    expect(numberingPlanType('+12015550123').type).toBe('FIXED_LINE_OR_MOBILE');
    expect(numberingPlanType('+10005550123')).toEqual({ valid: false, type: null });
  });
});

function claimed(n: number, over: Partial<ClaimedLead> = {}): ClaimedLead {
  return {
    lead_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    phone: `+1305555${String(n).padStart(4, '0')}`,
    email: null,
    phone_line_type: 'unknown',
    phone_line_type_source: null,
    attempt: 1,
    lease_until: '2026-03-01T10:05:00Z',
    cached_phone: null,
    cached_mx: null,
    ...over,
  };
}

describe('a batch', () => {
  it('looks each distinct number up once, skips cached ones, and keeps at most `concurrency` lookups in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const lookup: PhoneLookup = {
      async lookup(n) {
        asked.push(n);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return { kind: 'answer', valid: true, type: 'mobile', carrier: null, lineStatus: null };
      },
    };
    const leads = [
      ...Array.from({ length: 120 }, (_, i) => claimed(i)),
      claimed(500, { phone: '+13055550001' }), // the same number as lead 1
      claimed(501, { cached_phone: { phone_status: 'valid', line_type: 'landline', provider_type: 'landline', carrier: 'C', looked_up_at: '2026-02-01T00:00:00Z' } }),
    ];
    const out = await enrichBatch(leads, { phoneLookup: lookup, mx: null, concurrency: 50, maxAttempts: 5 });
    expect(asked).toHaveLength(120);
    expect(new Set(asked).size).toBe(120);
    expect(most).toBe(50);
    expect(out).toMatchObject({ lookups: 120, cacheHits: 1, answered: true, refused: null });
    expect(out.results.find((r) => r.lead_id === leads[120]!.lead_id)!.phone).toMatchObject({ source: 'twilio_lookup', type: 'mobile' });
    expect(out.results.find((r) => r.lead_id === leads[121]!.lead_id)!.phone).toMatchObject({ source: 'cache', type: 'landline', checked_at: '2026-02-01T00:00:00.000Z' });
  });

  it("retries a lookup Twilio could not answer until the last attempt, then fails with libphonenumber's type", async () => {
    const busy: PhoneLookup = { lookup: async () => ({ kind: 'retry', code: 'http_503' }) };
    const out = await enrichBatch([claimed(1, { attempt: 2, email: 'ana@dealer.example' }), claimed(2, { attempt: 5 })], { phoneLookup: busy, mx: null, concurrency: 5, maxAttempts: 5 });
    expect(out.results[0]).toMatchObject({ outcome: 'retry', phone: null, email: null });
    // The back-off is SQL's (brain.record_lead_enrichments, pgTAP record_lead_enrichments): the task names none.
    expect(out.results[0]!.retry_after_s).toBeUndefined();
    expect(out.results[0]!.reason).toBe('attempt 2: Twilio Lookup did not answer (http_503); trying again');
    expect(out.results[1]).toMatchObject({ outcome: 'failed', phone: { source: 'libphonenumber' } });
  });

  it('stops asking once Twilio refuses the keys, and falls back to libphonenumber', async () => {
    let calls = 0;
    const refusing: PhoneLookup = { lookup: async () => (calls++, { kind: 'refused', code: 'http_401' }) };
    const out = await enrichBatch(Array.from({ length: 10 }, (_, i) => claimed(i)), { phoneLookup: refusing, mx: null, concurrency: 1, maxAttempts: 5 });
    expect(calls).toBe(1);
    expect(out.refused).toBe('http_401');
    expect(out.results.every((r) => r.outcome === 'done' && r.phone?.source === 'libphonenumber')).toBe(true);
  });

  it("checks each email domain's MX once and says when it was not checked", async () => {
    const seen: string[] = [];
    const mx = { mx: async (d: string) => (seen.push(d), d === 'dealer.example' ? ('found' as const) : ('none' as const)) };
    const leads = [
      claimed(1, { phone: null, email: 'a@dealer.example' }),
      claimed(2, { phone: null, email: 'info+x@dealer.example' }),
      claimed(3, { phone: null, email: 'b@cached.example', cached_mx: 'none' }),
    ];
    const out = await enrichBatch(leads, { phoneLookup: null, mx, concurrency: 5, maxAttempts: 5 });
    expect(seen).toEqual(['dealer.example']);
    expect(out.results.map((r) => [r.email!.mx, r.email!.mx_source, r.email!.is_role])).toEqual([
      ['found', 'dns', false],
      ['found', 'dns', true],
      ['none', 'cache', false],
    ]);
    const off = await enrichBatch([leads[0]!], { phoneLookup: null, mx: null, concurrency: 5, maxAttempts: 5 });
    expect(off.results[0]!.email).toMatchObject({ mx: 'not_checked', mx_source: null });
  });

  it('mapLimit keeps the input order', async () => {
    expect(await mapLimit([30, 10, 20], 3, async (ms) => (await new Promise((r) => setTimeout(r, ms)), ms))).toEqual([30, 10, 20]);
  });
});

describe('the enrich_leads task on a real database', () => {
  let db: TestDatabase;
  let workerSql: Sql;
  let other: Sql;
  let fake: FakeTwilioLookup;
  let dns: StubDns;
  const keyRing = keyRingOf(parseMasterKey(generateMasterKey(), 'test key'));
  const helpers = { job: { attempts: 1, max_attempts: 10 } as Job } as JobHelpers;
  const logs: string[] = [];
  let restoreLog: () => void;

  beforeAll(async () => {
    restoreLog = setLogSink((l) => logs.push(l));
    db = await cloneTemplate('enrichment');
    workerSql = connect(db.url, { max: 2, role: 'revenue_worker', applicationName: 'enrichment-test-a' });
    other = connect(db.url, { max: 2, role: 'revenue_worker', applicationName: 'enrichment-test-b' });
    fake = await startFakeTwilioLookup();
    dns = await startStubDns({ 'dealer.example': { mx: [{ exchange: 'mx.dealer.example', priority: 10 }] } });
  });
  afterAll(async () => {
    await workerSql?.end({ timeout: 5 });
    await other?.end({ timeout: 5 });
    await fake?.close();
    await dns?.close();
    await db?.drop();
    restoreLog?.();
  });

  async function account(name: string): Promise<string> {
    const [a] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values (${name}, ${name.toLowerCase()}) returning id`;
    return a!.id;
  }

  it('two sessions claiming at once never take the same lead', async () => {
    const a = await account('Race');
    await db.sql`insert into public.leads (account_id, source, phone)
                 select ${a}, 'manual', '+1305556' || lpad(g::text, 4, '0') from generate_series(1, 300) g`;
    const claim = (sql: Sql) => sql.begin(async (tx) => {
      const rows = await tx<{ lead_id: string }[]>`select lead_id from brain.claim_lead_enrichments(${a}, 200)`;
      // Hold the claim's locks a moment, so the other session's claim runs into them.
      await tx`select pg_sleep(0.2)`;
      return rows.map((r) => r.lead_id);
    });
    const [x, y] = await Promise.all([claim(workerSql), claim(other)]);
    expect(x.length + y.length).toBe(300);
    expect(new Set([...x, ...y]).size).toBe(300);
    // Each took at most its batch; how the 300 split depends on how the two statements
    // interleaved (one after the other: 200 and 100; side by side: anything in between).
    expect(Math.max(x.length, y.length)).toBeLessThanOrEqual(200);
  });

  it("enriches with the account's stored Twilio keys, the stub resolver, and records integration health", async () => {
    const a = await account('Stored');
    await withTenant(db.sql, a, (tx) => saveCredentials(tx, keyRing, a, 'twilio', { account_sid: fake.accountSid, auth_token: fake.authToken }));
    fake.setLine('+13055557001', { type: 'landline', carrier: 'Example Telco' });
    const [l1] = await db.sql<{ id: string }[]>`insert into public.leads (account_id, source, phone, email)
      values (${a}, 'manual', '+13055557001', 'info@dealer.example') returning id`;
    const [l2] = await db.sql<{ id: string }[]>`insert into public.leads (account_id, source, phone)
      values (${a}, 'manual', '+13055557002') returning id`;
    const task = enrichLeads({
      sql: workerSql,
      keyRing,
      enrichment: { config: { lookupBaseUrl: fake.url, dns: { mode: 'servers', servers: [dns.server] }, timeoutMs: 1000 }, twilio: {} },
    });
    await task({ account_id: a }, helpers);
    const rows = await db.sql`select id, enrichment_status, phone_line_type, phone_line_type_source, phone_carrier, email_status, email_is_role
                              from public.leads where account_id = ${a} order by phone`;
    expect(rows).toEqual([
      { id: l1!.id, enrichment_status: 'done', phone_line_type: 'landline', phone_line_type_source: 'twilio_lookup', phone_carrier: 'Example Telco', email_status: 'valid', email_is_role: true },
      { id: l2!.id, enrichment_status: 'done', phone_line_type: 'mobile', phone_line_type_source: 'twilio_lookup', phone_carrier: 'Fake Wireless', email_status: 'unknown', email_is_role: false },
    ]);
    expect(fake.lookupsOf('+13055557001')).toBe(1);
    expect(dns.queriesOf('dealer.example')).toBe(1);

    // Twilio refuses the keys: the integration is failing (and alerts), libphonenumber decides.
    fake.setFaults({ rejectWith: { status: 401, code: 20003, message: 'Authenticate' } });
    await db.sql`update public.leads set phone = '+12015550123' where id = ${l2!.id}`;
    await task({ account_id: a }, helpers);
    fake.setFaults(null);
    const [after] = await db.sql`select enrichment_status, phone_line_type, phone_line_type_source from public.leads where id = ${l2!.id}`;
    expect(after).toEqual({ enrichment_status: 'done', phone_line_type: 'unknown', phone_line_type_source: 'libphonenumber' });
    const [health] = await db.sql`select status, last_error_code from public.integration_health where account_id = ${a} and integration = 'twilio'`;
    expect(health).toEqual({ status: 'failing', last_error_code: 'http_401' });
    // The log names the problem, never a number, an address or a key.
    expect(logs.some((l) => l.includes('ENRICHMENT_LOOKUP_REFUSED'))).toBe(true);
    expect(logs.filter((l) => /ENRICHMENT_/.test(l) && /305555|@dealer|fake-twilio-auth/.test(l))).toEqual([]);
  });

  it('without keys, libphonenumber decides and nothing is asked', async () => {
    const a = await account('Keyless');
    const before = fake.requests.length;
    await db.sql`insert into public.leads (account_id, source, phone) values (${a}, 'manual', '+447400123456'), (${a}, 'manual', '+10005550123')`;
    await enrichLeads({ sql: workerSql, keyRing, enrichment: { config: { lookupBaseUrl: fake.url, dns: { mode: 'off' }, timeoutMs: 1000 }, twilio: {} } })(
      { account_id: a },
      helpers,
    );
    expect(fake.requests.length).toBe(before);
    const rows = await db.sql`select phone, phone_status, phone_line_type, phone_line_type_source from public.leads where account_id = ${a} order by phone`;
    expect(rows).toEqual([
      { phone: '+10005550123', phone_status: 'invalid', phone_line_type: 'unknown', phone_line_type_source: 'libphonenumber' },
      { phone: '+447400123456', phone_status: 'valid', phone_line_type: 'mobile', phone_line_type_source: 'libphonenumber' },
    ]);
  });
});
