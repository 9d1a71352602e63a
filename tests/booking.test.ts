/**
 * Booking end to end (issue 18, seed 003 §12) through a real graphile-worker: the
 * availability of the account's Calendly event type is fetched from the fake Calendly
 * on 127.0.0.1 with the account's own token; an SMS whose template says
 * {{availability}} goes through the Twilio driver to the fake Twilio with two slots in
 * the lead's zone; the lead's signed reply "<weekday> at 10 works" is ingested, understood
 * (no OpenAI key: Neutral) and matched to the offered slot; exactly one booking reaches
 * the fake Calendly and one appointment exists; replays book nothing more; an ambiguous
 * reply makes a setter task instead. The refresh's advisory lock is raced from two real
 * sessions, and a 429 backs the cache off for 2 hours.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { saveCredentials } from '../lib/provider-credentials.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import type { WorkerDeps } from '../worker/deps.ts';
import { buildDrivers, loadProviderConfig } from '../worker/providers.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { bookOfferedSlot } from '../worker/tasks/book_offered_slot.ts';
import { dispatchDueTouches } from '../worker/tasks/dispatch_due_touches.ts';
import { dispatchTouch } from '../worker/tasks/dispatch_touch.ts';
import { dispatchTouches } from '../worker/tasks/dispatch_touches.ts';
import { inboundPostProcess } from '../worker/tasks/inbound_post_process.ts';
import { refreshAvailability } from '../worker/tasks/refresh_availability.ts';
import { FAKE_CALENDLY_TOKEN, startFakeCalendly, startFakeTwilio, type FakeCalendly, type FakeTwilio } from './fakes/index.ts';
import { drainReceipts } from './harness/drain.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';
import { until } from './harness/until.ts';
import { INTERNAL_BASE, NUMBERS, setupInbound, twilioRequest, type InboundSetup } from './harness/inbound.ts';

const LEAD_PHONE = '+13055554101';
const LEAD2_PHONE = '+13055554102';

describe('booking', () => {
  let db: TestDatabase;
  let ingestSql: Sql;
  let workerSql: Sql;
  let inbound: InboundSetup;
  let twilio: FakeTwilio;
  let calendly: FakeCalendly;
  let worker: WorkerHandle;
  let dataDir: string;
  let zone: string;
  let account: string;
  let lead: string;
  let slots: Date[];
  let sid = 0;

  /** A local wall time `days` from today in `zone`, as a UTC instant. */
  async function localAt(days: number, time: string): Promise<Date> {
    const [r] = await db.sql<{ t: Date }[]>`
      select ((now() at time zone ${zone})::date + ${days}::int + ${time}::time) at time zone ${zone} as t`;
    return r!.t;
  }
  const weekday = (d: Date) => new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: zone }).format(d);

  async function settled(): Promise<void> {
    await until('the jobs to finish', async () => {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from graphile_worker.jobs
        where task_identifier in ('inbound_post_process', 'book_offered_slot', 'refresh_availability', 'dispatch_touches', 'dispatch_touch')
          and attempts < max_attempts and run_at <= now() + interval '2 seconds'`;
      return row!.n === 0;
    });
  }

  /** Delivers a signed inbound SMS from the lead (twice when replay) and drains the receipts. */
  async function reply(from: string, body: string, options: { replay?: boolean; sid?: string } = {}): Promise<string> {
    const messageSid = options.sid ?? `SMbk${String(++sid).padStart(30, '0')}`;
    const req = twilioRequest('/webhooks/twilio/messages', { MessageSid: messageSid, From: from, To: NUMBERS.A_SMS, Body: body });
    for (let i = 0; i < (options.replay ? 2 : 1); i++) {
      const res = await inbound.app.request(`${INTERNAL_BASE}${req.path}`, req.init);
      expect(res.status).toBe(200);
    }
    await drainReceipts(db.sql);
    return messageSid;
  }

  /** A touch with the given template for the lead, due now, and waits for it to be sent. */
  async function sendTemplate(leadId: string, body: string, step: number): Promise<string> {
    const [t] = await db.sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
      values (${account}, ${leadId}, ${step}, 'sms', 1, 'scheduled', now() - interval '1 second', ${db.sql.json({ delivery: { body } })})
      returning id`;
    await until('the touch to be sent', async () => {
      const [r] = await db.sql<{ status: string }[]>`select status from public.touch_runs where id = ${t!.id}`;
      return ['sent', 'delivered'].includes(r!.status) ? r : null;
    });
    return t!.id;
  }

  async function warmCache(): Promise<void> {
    await db.sql`update public.availability_caches set expires_at = null, backoff_until = null where account_id = ${account}`;
    await db.sql`select brain.request_availability(${account})`;
    await until('fresh availability', async () => {
      const [s] = await db.sql<{ r: { state: string } }[]>`select brain.availability_cache_state(${account}) as r`;
      return s!.r.state === 'fresh';
    });
  }

  beforeAll(async () => {
    db = await cloneTemplate('booking');
    ingestSql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: 'revenue-os-test-booking-webhook' });
    workerSql = connect(db.url, { max: 6, role: 'revenue_worker', applicationName: 'revenue-os-test-booking-worker' });
    inbound = await setupInbound(db.sql, ingestSql);
    account = inbound.accountA;
    twilio = await startFakeTwilio();
    calendly = await startFakeCalendly();
    dataDir = await mkdtemp(path.join(tmpdir(), 'revenue-os-booking-'));
    // A zone where it is mid-day now, so the lead's send window is open.
    const [z] = await db.sql<{ tz: string }[]>`
      select tz from unnest(array['Pacific/Honolulu', 'America/Los_Angeles', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo',
        'Europe/London', 'Europe/Berlin', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Bangkok', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland']) tz
      where extract(hour from now() at time zone tz) between 10 and 17 limit 1`;
    zone = z!.tz;
    const ring = keyRingOf(parseMasterKey(generateMasterKey(), 'test'));
    await db.sql.begin((tx) => saveCredentials(tx, ring, account, 'calendly', { api_token: FAKE_CALENDLY_TOKEN }));
    await db.sql`update public.org_settings
                 set booking_provider = 'calendly', calendly_event_type_uri = ${`${calendly.url}/event_types/ET30`},
                     booking_link = 'https://calendly.example.com/acme/30min', auto_book_enabled = true
                 where account_id = ${account}`;
    await db.sql`update public.account_provider_settings set config = config || '{"max_per_second": 50}' where account_id = ${account}`;
    // Open slots: day 2 at 10:00 and 10:30, day 3 at 15:30 (the lead's zone).
    slots = [await localAt(2, '10:00'), await localAt(2, '10:30'), await localAt(3, '15:30')];
    calendly.setSlots(slots);
    const [l] = await db.sql<{ id: string }[]>`
      -- Enriched already (issue 19): a pending lead's touches would wait for its enrichment.
      insert into public.leads (account_id, first_name, phone, email, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
      values (${account}, 'Dana', ${LEAD_PHONE}, 'dana@example.com', ${zone}, 'touched', 'test', 'done', now()) returning id`;
    lead = l!.id;

    const config = loadProviderConfig({
      TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_BASE_URL: twilio.url, DATA_DIR: dataDir,
      CALENDLY_API_BASE_URL: calendly.url,
    });
    const deps: WorkerDeps = {
      sql: workerSql,
      outcomeSql: workerSql,
      drivers: buildDrivers(config, { publicBaseUrl: 'http://127.0.0.1:9' }),
      workerId: 'booking-test',
      publicBaseUrl: 'http://127.0.0.1:9',
      appSecret: 'booking-test-secret',
      keyRing: ring,
      batchSize: 10,
      booking: { calendly: config.calendly },
    };
    worker = await startWorker({
      connectionString: db.url,
      concurrency: 3,
      taskList: {
        dispatch_touch: dispatchTouch(deps), dispatch_touches: dispatchTouches(deps), dispatch_due_touches: dispatchDueTouches(deps),
        inbound_post_process: inboundPostProcess(deps), refresh_availability: refreshAvailability(deps), book_offered_slot: bookOfferedSlot(deps),
      },
      crontabFile: null,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await twilio?.close();
    await calendly?.close();
    await ingestSql?.end({ timeout: 5 });
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('offers two slots by SMS in the lead\'s zone, books the accepted one exactly once, and replays book nothing', async () => {
    await warmCache();
    expect(calendly.requests.filter((r) => r.path === '/event_type_available_times')).toHaveLength(1);
    const touch = await sendTemplate(lead, 'Hi {{first_name}}! I can do {{availability}}. Which works? Or pick a time: {{booking_link}}', 1);

    const hm = (d: Date) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: zone }).format(d);
    const dy = (d: Date) => new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: zone }).format(d);
    const sms = twilio.accepted.filter((a) => a.to === LEAD_PHONE);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toBe(
      `Hi Dana! I can do ${dy(slots[0]!)} ${hm(slots[0]!)} or ${dy(slots[2]!)} ${hm(slots[2]!)} (your time, ${zone}). Which works? Or pick a time: https://calendly.example.com/acme/30min`);
    const offered = await db.sql<{ slot_start: Date; time_zone: string }[]>`
      select slot_start, time_zone from public.offered_slots where touch_run_id = ${touch} order by offer_order`;
    expect(offered).toEqual([{ slot_start: slots[0], time_zone: zone }, { slot_start: slots[2], time_zone: zone }]);

    // "<the first slot's weekday> at 10 works", delivered twice by Twilio.
    const text = `${weekday(slots[0]!)} at 10 works`;
    const messageSid = await reply(LEAD_PHONE, text, { replay: true });
    await settled();
    const appointment = await until('the appointment', async () => {
      const rows = await db.sql`select status, start_at, end_at, time_zone, source, provider, provider_invitee_uri from public.appointments where lead_id = ${lead}`;
      return rows.length ? rows : null;
    });
    expect(calendly.bookings).toHaveLength(1);
    expect(calendly.bookings[0]).toMatchObject({
      eventType: `${calendly.url}/event_types/ET30`, startTime: slots[0]!.toISOString(),
      invitee: { name: 'Dana', email: 'dana@example.com', timezone: zone },
    });
    expect(appointment).toEqual([{
      status: 'booked', start_at: slots[0], end_at: new Date(slots[0]!.getTime() + 30 * 60_000), time_zone: zone,
      source: 'auto_booking', provider: 'calendly', provider_invitee_uri: calendly.bookings[0]!.inviteeUri,
    }]);
    const [state] = await db.sql<{ lead_state: string }[]>`select lead_state from public.leads where id = ${lead}`;
    expect(state!.lead_state).toBe('appointment_booked');

    // The same message's job again, and the lead saying it again: nothing more is booked.
    const [m] = await db.sql<{ id: string }[]>`select id from public.inbound_messages where provider_message_id = ${messageSid}`;
    await db.sql`select graphile_worker.add_job('inbound_post_process', json_build_object('inbound_message_id', ${m!.id}::uuid))`;
    await reply(LEAD_PHONE, text);
    await settled();
    expect(calendly.bookings).toHaveLength(1);
    const [n] = await db.sql<{ appts: number; attempts: number }[]>`
      select (select count(*)::int from public.appointments where lead_id = ${lead}) as appts,
             (select count(*)::int from public.booking_attempts where lead_id = ${lead}) as attempts`;
    expect(n).toEqual({ appts: 1, attempts: 1 });
    // A booked lead gets no campaign text.
    const [blocked] = await db.sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, step, channel, attempt, status, scheduled_at, payload)
      values (${account}, ${lead}, 3, 'sms', 1, 'scheduled', now() - interval '1 second', ${db.sql.json({ delivery: { body: 'Still interested?' } })})
      returning id`;
    await settled();
    const [b] = await db.sql<{ status: string; error_code: string }[]>`select status, error_code from public.touch_runs where id = ${blocked!.id}`;
    expect(b).toEqual({ status: 'canceled', error_code: 'stop_event:appointment_booked' });
    expect(twilio.accepted.filter((a) => a.to === LEAD_PHONE)).toHaveLength(1);
  });

  it('an ambiguous reply creates a setter task and books nothing', async () => {
    calendly.setSlots(slots);
    await warmCache();
    const [l] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, email, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
      values (${account}, 'Eli', ${LEAD2_PHONE}, 'eli@example.com', ${zone}, 'touched', 'test', 'done', now()) returning id`;
    await sendTemplate(l!.id, 'Hi {{first_name}}, would {{availability}} work for a quick call?', 1);
    const before = calendly.bookings.length;
    await reply(LEAD2_PHONE, `${weekday(slots[0]!)} or ${weekday(slots[2]!)} works`);
    await settled();
    const tasks = await until('the setter task', async () => {
      const rows = await db.sql`select kind, status, reason, suggested_text from public.setter_tasks where lead_id = ${l!.id}`;
      return rows.length ? rows : null;
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'confirm_slot', status: 'open', reason: 'the reply fits more than one offered slot' });
    expect(String(tasks[0]!.suggested_text)).toContain(zone);
    expect(calendly.bookings.length).toBe(before);
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.appointments where lead_id = ${l!.id}`;
    expect(n!.n).toBe(0);
  });

  it('two sessions deciding two replies that accept the same slot at once claim one booking', async () => {
    calendly.setSlots(slots);
    await warmCache();
    const [l] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, email, timezone, lead_state, source, enrichment_status, enrichment_finished_at)
      values (${account}, 'Fay', '+13055554103', 'fay@example.com', ${zone}, 'touched', 'test', 'done', now()) returning id`;
    await db.sql`select tests.offer(${account}, ${l!.id}, ${[slots[0]!.toISOString(), slots[2]!.toISOString()]}::text[]::timestamptz[], ${zone})`;
    // Two replies, not left to the worker's inbound_post_process (no job is queued for them).
    const ids = await db.sql.begin(async (tx) => {
      await tx`select set_config('revenue.defer_post_process', 'on', true)`;
      const out: string[] = [];
      for (const text of [`${weekday(slots[0]!)} at 10 works`, 'The first one please']) {
        const [m] = await tx<{ id: string }[]>`select tests.inbound_message(${account}, ${l!.id}, ${text}, now()) as id`;
        out.push(m!.id);
      }
      return out;
    });
    // Two real sessions, each in its own transaction, released together.
    const other = connect(db.url, { max: 1, role: 'revenue_worker', applicationName: 'revenue-os-test-booking-race' });
    try {
      const decide = (s: Sql, id: string) => s.begin(async (tx) => {
        const [r] = await tx<{ r: { decision: string } }[]>`select brain.consider_auto_booking(${id}) as r`;
        if (process.env.BOOKING_DEBUG) console.log(JSON.stringify(r!.r));
        return r!.r.decision;
      });
      const decisions = await Promise.all([decide(workerSql, ids[0]!), decide(other, ids[1]!)]);
      expect(decisions.sort()).toEqual(['already_requested', 'book'].sort());
    } finally {
      await other.end({ timeout: 5 });
    }
    const [n] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.booking_attempts where lead_id = ${l!.id}`;
    expect(n!.n).toBe(1);
  });

  it('one refresh at a time per account: a second session is refused while the first holds the lock', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let first: { claimed: boolean } | undefined;
    const tx = db.sql.begin(async (t) => {
      const [r] = await t<{ r: { claimed: boolean } }[]>`select brain.claim_availability_refresh(${account}, now(), true) as r`;
      first = r!.r;
      await held;
    });
    await until('the first claim', async () => first);
    expect(first!.claimed).toBe(true);
    const [second] = await workerSql<{ r: { claimed: boolean; reason: string } }[]>`
      select brain.claim_availability_refresh(${account}, now(), true) as r`;
    expect(second!.r).toEqual({ claimed: false, reason: 'refresh_in_progress' });
    release();
    await tx;
    const [third] = await workerSql<{ r: { claimed: boolean } }[]>`select brain.claim_availability_refresh(${account}, now(), true) as r`;
    expect(third!.r.claimed).toBe(true);
  });

  it('a 429 from Calendly backs the cache off for 2 hours with the reason', async () => {
    calendly.setFaults({ rejectWith: { status: 429, code: 'Too Many Requests', message: 'Rate limit exceeded' }, includeReads: true, times: 1 });
    await db.sql`update public.availability_caches set expires_at = now() - interval '1 second', backoff_until = null where account_id = ${account}`;
    await db.sql`select brain.request_availability(${account})`;
    const row = await until('the back-off', async () => {
      const [c] = await db.sql<{ last_error: string | null; hours: number | null }[]>`
        select last_error, extract(epoch from backoff_until - last_error_at)::float8 / 3600 as hours
        from public.availability_caches where account_id = ${account}`;
      return c!.last_error ? c : null;
    });
    expect(row).toEqual({ last_error: 'Calendly is rate limiting (HTTP 429): Rate limit exceeded', hours: 2 });
    const [s] = await db.sql<{ r: { state: string } }[]>`select brain.availability_cache_state(${account}) as r`;
    expect(s!.r.state).toBe('backoff');
  });
});
