/**
 * Issue 19 end to end: a CSV of 100 leads goes through the real import path
 * (public.create_lead_import → the import_leads task) into an active SMS campaign, on a
 * running worker process (worker/main.ts: real graphile-worker, the real task list, the real
 * Twilio SDK) with a fake Twilio Lookup and a stub DNS server on 127.0.0.1. Every lead ends
 * enriched; the Lookup fake's request log shows each distinct number asked once (a number
 * repeated in the CSV, and a known number that a second import brings back with a new
 * email, cause no second request); the landlines never reach the fake SMS provider while
 * the mobiles do.
 *
 * The orchestrator runs every second from the moment the import is done, as a busy crontab
 * would, so touches may be planned while enrichment is still pending: the claim's hold
 * ("enrichment_pending", helper B's part of issue 19) is what keeps a landline whose line
 * type is not known yet from getting an SMS. Without the hold the step's due time, a few
 * seconds after the import, is what lets enrichment finish first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { withTenant } from '../db/client.ts';
import { startFakeTwilio, startFakeTwilioLookup, startStubDns, type FakeTwilio, type FakeTwilioLookup, type StubDns } from './fakes/index.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { until } from './harness/until.ts';

const SENDER = '+12125550100';
const phoneOf = (i: number) => `+1305555${String(100 + i).padStart(4, '0')}`; // +13055550100 … +13055550199
const isLandline = (i: number) => i % 5 === 0;
const isVoip = (i: number) => !isLandline(i) && i % 7 === 0;
const emailOf = (i: number) => (i % 3 === 0 ? `lead${i}@dealer.example` : i % 9 === 1 ? `info@shop${i}.example` : '');

describe('a CSV import of 100 leads gets enriched before SMS goes out', () => {
  let db: TestDatabase;
  let sms: FakeTwilio;
  let lookup: FakeTwilioLookup;
  let dns: StubDns;
  let dataDir: string;
  let worker: ChildProcess | null = null;
  const output: string[] = [];
  let account: string;
  let owner: string;
  let campaign: string;
  let zone: string;

  beforeAll(async () => {
    db = await cloneTemplate('enrichment_import');
    sms = await startFakeTwilio();
    lookup = await startFakeTwilioLookup();
    dns = await startStubDns({ 'dealer.example': { mx: [{ exchange: 'mx.dealer.example', priority: 10 }] } });
    for (let i = 0; i < 100; i++) {
      lookup.setLine(phoneOf(i), isLandline(i) ? { type: 'landline', carrier: 'Fixed Telco' } : isVoip(i) ? { type: 'nonFixedVoip', carrier: 'Bandwidth' } : { type: 'mobile', carrier: 'Cell Co' });
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-enrichment-'));
    const { sql } = db;
    // A zone where it is now within the 08:00–20:00 send window.
    const [z] = await sql<{ tz: string }[]>`
      select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York',
                                  'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata',
                                  'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
      where extract(hour from now() at time zone tz) between 9 and 18 limit 1`;
    zone = z!.tz;
    const [a] = await sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Acme', 'acme') returning id`;
    account = a!.id;
    await sql`update public.org_settings set business_name = 'Acme Motors' where account_id = ${account}`;
    await sql`insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
              values (${account}, 'sms', 'twilio', true, ${sql.json({ senders: [{ address: SENDER, persona: 'initial' }], max_per_second: 50 })})`;
    const [u] = await sql<{ id: string }[]>`select tests.create_user(${account}, 'owner') as id`;
    owner = u!.id;
    const [c] = await sql<{ id: string }[]>`select tests.create_campaign(${account}) as id`;
    campaign = c!.id;
    await sql`select tests.create_step(${account}, ${campaign}, 1, 'sms', p_body => 'Hi from Acme')`;

    worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TWILIO_ACCOUNT_SID: sms.accountSid,
        TWILIO_AUTH_TOKEN: sms.authToken,
        TWILIO_API_BASE_URL: sms.url,
        TWILIO_LOOKUP_BASE_URL: lookup.url,
        ENRICHMENT_DNS: dns.server,
        PUBLIC_BASE_URL: 'http://127.0.0.1:9',
        APP_SECRET: 'enrichment-test-secret-0123456789',
        DATA_DIR: dataDir,
        WORKER_CONCURRENCY: '4',
        WORKER_CRONTAB: 'off',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    worker.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  }, 60_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await sms?.close();
    await lookup?.close();
    await dns?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function importCsv(rows: string[][], withCampaign: boolean): Promise<string> {
    const header = ['name', 'phone', 'email', 'timezone'];
    const content = [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
    const [r] = await withTenant(db.sql, account, (tx) => tx<{ id: string }[]>`
      select id from public.create_lead_import(${owner}, 'leads.csv', ${content}, ${Buffer.byteLength(content)}, ${header},
        ${tx.json({ first_name: 0, phone: 1, email: 2, timezone: 3 })}, ',', 'csv_import', 'US', ${withCampaign ? campaign : null})`);
    return r!.id;
  }

  const importDone = (id: string) =>
    until(`import ${id}`, async () => {
      const [r] = await db.sql<{ status: string }[]>`select status from public.lead_imports where id = ${id}`;
      if (r?.status === 'failed') throw new Error(`import failed: ${output.join('').slice(-2000)}`);
      return r?.status === 'done';
    }, 60_000);

  it('enriches every lead, asks Twilio once per number, and texts the mobiles but never the landlines', async () => {
    const { sql } = db;
    // 100 leads, and a 101st row that repeats the first lead's number (a duplicate, not a new lead).
    const rows = Array.from({ length: 100 }, (_, i) => [`Lead ${i}`, phoneOf(i), emailOf(i), zone]);
    rows.push(['Lead 0 again', phoneOf(0), '', zone]);
    // Each lookup takes 1.5 s, so the campaign's first step comes due while the leads are
    // still pending: the orchestrator and the claim must wait for enrichment (issue 19).
    lookup.setFaults({ delayMs: 1500 });
    const first = await importCsv(rows, true);
    await importDone(first);
    const [imp] = await sql<{ rows_imported: number; rows_duplicate: number; leads_enrolled: number }[]>`
      select rows_imported, rows_duplicate, leads_enrolled from public.lead_imports where id = ${first}`;
    expect(imp).toEqual({ rows_imported: 100, rows_duplicate: 1, leads_enrolled: 100 });

    // The step is due now; the orchestrator runs every second from now on.
    await sql`update public.campaign_leads set next_step_at = now() where campaign_id = ${campaign}`;
    const orchestrate = setInterval(() => {
      void sql`select graphile_worker.add_job('touch_orchestrator', '{}'::json, job_key => 'touch_orchestrator')`.catch(() => undefined);
    }, 1000);
    try {
      await until('every lead enriched', async () => {
        const [r] = await sql<{ pending: number }[]>`
          select count(*) filter (where enrichment_status is distinct from 'done')::int as pending from public.leads where account_id = ${account}`;
        return r!.pending === 0;
      }, 60_000);

      const expected = Array.from({ length: 100 }, (_, i) => i).filter((i) => !isLandline(i)).map(phoneOf).sort();
      await until('an SMS to every mobile and VoIP lead', async () => {
        const [r] = await sql<{ open: number }[]>`
          select count(*)::int as open from public.touch_runs where account_id = ${account} and status in ('scheduled', 'queued', 'sending')`;
        return r!.open === 0 && new Set(sms.accepted.map((m) => m.to)).size >= expected.length;
      }, 90_000);
      // A few more orchestrator runs: nothing else goes out.
      await new Promise((r) => setTimeout(r, 2500));
      const texted = sms.accepted.filter((m) => m.resource === 'message').map((m) => m.to);
      expect([...new Set(texted)].sort()).toEqual(expected);
      expect(texted.filter((to) => isLandline(Number(to.slice(-3)) - 100))).toEqual([]);
      expect(texted.length).toBe(expected.length);
      // The orchestrator did meet pending leads, and waited for them rather than sending blind.
      const [waited] = await sql<{ n: number }[]>`
        select count(distinct lead_id)::int as n from public.core_memory_events
        where account_id = ${account} and event_type = 'touch_evaluated' and payload ->> 'decision' = 'wait_enrichment'`;
      expect(waited!.n).toBeGreaterThan(0);
      const [expired] = await sql<{ n: number }[]>`
        select count(*)::int as n from public.core_memory_events where account_id = ${account} and event_type = 'enrichment_wait_expired'`;
      expect(expired!.n).toBe(0);
    } finally {
      clearInterval(orchestrate);
      lookup.setFaults(null);
    }

    // What enrichment learned, and from where.
    const leads = await sql<{ phone: string; phone_line_type: string; phone_line_type_source: string; phone_carrier: string; email: string | null; email_status: string; email_is_role: boolean }[]>`
      select phone, phone_line_type, phone_line_type_source, phone_carrier, email, email_status, email_is_role
      from public.lead_enriched where account_id = ${account} order by phone`;
    expect(leads).toHaveLength(100);
    for (const l of leads) {
      const i = Number(l.phone.slice(-3)) - 100;
      expect(l.phone_line_type, l.phone).toBe(isLandline(i) ? 'landline' : isVoip(i) ? 'voip' : 'mobile');
      expect(l.phone_line_type_source).toBe('twilio_lookup');
      expect(l.email_status, l.phone).toBe(i % 3 === 0 ? 'valid' : i % 9 === 1 ? 'no_mx' : 'unknown');
      expect(l.email_is_role).toBe(i % 9 === 1 && i % 3 !== 0);
    }
    const events = await sql<{ n: number }[]>`select count(*)::int as n from public.core_memory_events where account_id = ${account} and event_type = 'lead_enriched'`;
    expect(events[0]!.n).toBe(100);

    // Each distinct number was looked up once: the repeated row asked nothing.
    for (let i = 0; i < 100; i++) expect(lookup.lookupsOf(phoneOf(i)), phoneOf(i)).toBe(1);
    expect(lookup.requests).toHaveLength(100);
    // Each email domain's MX once.
    expect(dns.queriesOf('dealer.example')).toBe(1);

    // A second import brings a known number back with a new email: the lead is enriched
    // again (its email is new), from the 90-day cache for its number — no second request.
    const known = 2; // a mobile lead imported without an email
    const second = await importCsv([[`Lead ${known}`, phoneOf(known), `lead${known}@dealer.example`, zone]], false);
    await importDone(second);
    await until('the known lead enriched again', async () => {
      const [r] = await sql<{ enrichment_status: string; email_status: string }[]>`
        select enrichment_status, email_status from public.leads where account_id = ${account} and phone = ${phoneOf(known)}`;
      return r!.enrichment_status === 'done' && r!.email_status === 'valid';
    }, 30_000);
    expect(lookup.lookupsOf(phoneOf(known))).toBe(1);
    expect(lookup.requests).toHaveLength(100);
    expect(dns.queriesOf('dealer.example')).toBe(1);
    const [again] = await sql<{ phone_line_type: string; reason: string; events: number }[]>`
      select l.phone_line_type, l.enrichment_reason as reason,
             (select count(*)::int from public.core_memory_events e where e.lead_id = l.id and e.event_type = 'lead_enriched') as events
      from public.leads l where l.account_id = ${account} and l.phone = ${phoneOf(known)}`;
    expect(again).toEqual({ phone_line_type: 'mobile', reason: 'phone valid, mobile (twilio_lookup, cached); email valid (MX found)', events: 2 });
  }, 180_000);
});
