/**
 * CSV lead import end to end: the upload route stores the file and returns 202 at
 * once; the real import_leads task, run by a graphile-worker runner against a
 * cloned database, imports it in chunks; the progress route reports counts and
 * reasons. Also: roles, tenant isolation, refusals that write nothing, a crash
 * between chunks and a second copy of the job (nothing imported twice).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadImportRoutes, type ImportProgressResponse } from '../api/lead-import.ts';
import type { ConsoleEnv, Role, Session } from '../api/auth.ts';
import { connect, withTenant, type Sql } from '../db/client.ts';
import { CSV_FEED_CHARS, CsvError, parseCsv, readCsvRecords, type CsvRecord } from '../lib/lead-csv.ts';
import { setLogSink } from '../lib/log.ts';
import { startWorker, type WorkerHandle } from '../worker/runner.ts';
import { importLeads } from '../worker/tasks/import_leads.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffname,note\r\n"Ruiz, Ana","said ""hi""\r\nthen left"\r\nBo,\r\n\r\n"x"y,z';
    expect(parseCsv(text)).toEqual([
      { row: 1, fields: ['name', 'note'] },
      { row: 2, fields: ['Ruiz, Ana', 'said "hi"\r\nthen left'] },
      { row: 3, fields: ['Bo', ''] },
      { row: 4, fields: [''] },
      { row: 5, fields: ['xy', 'z'] },
    ]);
  });

  it('reads semicolons, tabs and lone CR line ends, and names the row of an unclosed quote', () => {
    expect(parseCsv('a;b\rc;"d;e"', { delimiter: ';' })).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['c', 'd;e'] },
    ]);
    expect(parseCsv('a\tb\n', { delimiter: '\t' })).toEqual([{ row: 1, fields: ['a', 'b'] }]);
    expect(() => parseCsv('a,b\n1,2\n3,"4\n5,6\n')).toThrow(new CsvError('row 3: a quoted field is never closed (a " is missing)', 3));
  });
});

describe('readCsvRecords (the import job\'s streaming path)', () => {
  async function* pieces(text: string, size: number): AsyncGenerator<string> {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  async function all(records: AsyncIterable<CsvRecord>): Promise<CsvRecord[]> {
    const out: CsvRecord[] = [];
    for await (const r of records) out.push(r);
    return out;
  }

  it('reads a file cut anywhere (inside quotes, between CR and LF, after the BOM) as parseCsv reads it whole', async () => {
    const text = '\ufeffname,note\r\n"Ruiz, Ana","said ""hi""\r\nthen left"\r\nBo,\r\n\r\n"x"y,z\r\nJosé,"""a"""\n';
    const whole = parseCsv(text);
    expect(whole.at(-1)).toEqual({ row: 6, fields: ['José', '"a"'] });
    for (const size of [1, 2, 3, 7, 1000]) expect(await all(readCsvRecords(pieces(text, size), { delimiter: ',' }))).toEqual(whole);
    await expect(all(readCsvRecords(pieces('a,b\n1,2\n3,"4\n5,6\n', 4), { delimiter: ',' }))).rejects.toThrow(
      new CsvError('row 3: a quoted field is never closed (a " is missing)', 3),
    );
  });

  it('holds a bounded number of rows while a 200,000-row file streams through, however long the file', async () => {
    // The file is generated a piece at a time, as the job reads the stored upload; the
    // test counts rows handed to the parser and rows it has given back. Their difference
    // is what the reader holds at once: a reader that read the whole file before the
    // first record (as the old parser did) would hold all 200,000.
    const ROWS = 200_000;
    const ROWS_PER_PIECE = 1_000;
    let rowsIn = 0;
    async function* file(): AsyncGenerator<string> {
      yield 'first_name,last_name,email,city\n';
      for (let i = 0; i < ROWS; i += ROWS_PER_PIECE) {
        const lines: string[] = [];
        for (let j = i; j < i + ROWS_PER_PIECE; j++) lines.push(`Lead,"Number ${j}",lead${j}@example.com,Miami\n`);
        rowsIn += ROWS_PER_PIECE;
        yield lines.join('');
      }
    }
    let rowsOut = 0;
    let mostHeld = 0;
    let lastRow = 0;
    for await (const r of readCsvRecords(file(), { delimiter: ',' })) {
      if (r.row === 1) continue;
      rowsOut++;
      lastRow = r.row;
      mostHeld = Math.max(mostHeld, rowsIn - rowsOut);
      // Give the stream its turn, as the job does while a chunk commits.
      if (rowsOut % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(rowsOut).toBe(ROWS);
    expect(lastRow).toBe(ROWS + 1);
    // One source piece, one parser feed (CSV_FEED_CHARS, ~1,400 rows of this file) and the
    // streams' small buffers: a few thousand rows, whether the file has 20,000 or 200,000.
    expect(CSV_FEED_CHARS).toBeLessThanOrEqual(64 * 1024);
    expect(mostHeld).toBeLessThan(5_000);
  });
});

interface TestUser {
  session: Session;
}

const PREFIX = '/api/imports';

describe('CSV lead import', () => {
  let db: TestDatabase;
  let workerSql: Sql;
  let worker: WorkerHandle;
  let restoreLog: () => void;
  const logs: string[] = [];
  /** import id → rows_done after which the task "crashes" once. */
  const crashAfter = new Map<string, number>();
  let ownerA: TestUser;
  let viewerA: TestUser;
  let ownerB: TestUser;
  let accountA: string;
  let existingLead: string;

  async function makeUser(accountId: string, accountName: string, role: Role, email: string): Promise<TestUser> {
    const [u] = await db.sql<{ id: string }[]>`insert into public.users (email) values (${email}) returning id`;
    await db.sql`insert into public.account_members (account_id, user_id, role) values (${accountId}, ${u!.id}, ${role})`;
    return {
      session: {
        sessionId: crypto.randomUUID(),
        userId: u!.id,
        email,
        displayName: null,
        accountId,
        accountName,
        role,
        csrfToken: 'x'.repeat(32),
      },
    };
  }

  /** The routes as the console mounts them; this middleware stands in for requireSession. */
  function appFor(user: TestUser): Hono<ConsoleEnv> {
    const app = new Hono<ConsoleEnv>();
    app.use('*', async (c, next) => {
      c.set('session', user.session);
      c.set('db', (fn) => withTenant(db.sql, user.session.accountId, fn));
      await next();
    });
    app.route(PREFIX, leadImportRoutes());
    return app;
  }

  async function upload(user: TestUser, csv: string | Uint8Array, fields: Record<string, string> = {}, name = 'leads.csv'): Promise<Response> {
    const form = new FormData();
    form.append('file', new File([csv], name, { type: 'text/csv' }));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return appFor(user).request(PREFIX, { method: 'POST', body: form });
  }

  async function progress(user: TestUser, id: string): Promise<ImportProgressResponse> {
    const res = await appFor(user).request(`${PREFIX}/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ImportProgressResponse;
  }

  async function untilEnded(id: string, timeoutMs = 90_000, onPoll?: (p: ImportProgressResponse) => void): Promise<ImportProgressResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await progress(ownerA, id);
      onPoll?.(p);
      if (p.status === 'done' || p.status === 'failed') return p;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${p.status} at ${p.rows_done}/${p.rows_total}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function count(query: Promise<{ n: number }[]>): Promise<number> {
    return (await query)[0]!.n;
  }

  const startedLogs = (id: string) =>
    logs
      .map((l) => JSON.parse(l) as { event: string; import_id?: string; resume_after?: number })
      .filter((l) => l.event === 'LEAD_IMPORT_STARTED' && l.import_id === id);

  beforeAll(async () => {
    restoreLog = setLogSink((line) => logs.push(line));
    db = await cloneTemplate('lead_import');
    const [a] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Dealer A', 'dealer-a') returning id`;
    const [b] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Dealer B', 'dealer-b') returning id`;
    accountA = a!.id;
    ownerA = await makeUser(a!.id, 'Dealer A', 'owner', 'owner-a@example.com');
    viewerA = await makeUser(a!.id, 'Dealer A', 'viewer', 'viewer-a@example.com');
    ownerB = await makeUser(b!.id, 'Dealer B', 'owner', 'owner-b@example.com');
    const [lead] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, source, phone) values (${a!.id}, 'manual', '+13055550199') returning id`;
    existingLead = lead!.id;

    workerSql = connect(db.url, { max: 4, role: 'revenue_worker', applicationName: 'lead-import-test-worker' });
    worker = await startWorker({
      connectionString: db.url,
      concurrency: 3,
      crontabFile: null,
      taskList: {
        import_leads: importLeads(
          { sql: workerSql },
          {
            afterChunk: ({ importId, rowsDone }) => {
              if (crashAfter.get(importId) === rowsDone) {
                crashAfter.delete(importId);
                throw new Error('simulated crash between chunks');
              }
            },
          },
        ),
      },
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await workerSql?.end({ timeout: 5 });
    await db?.drop();
    restoreLog();
  }, 120_000);

  it('imports good rows, counts duplicates and reports bad rows with exact reasons', async () => {
    const csv =
      '\ufeff' +
      [
        'First Name,Last Name,Phone,E-mail,City,Country,Notes',
        'Ana,Ruiz,(305) 555-0101,ana@example.com,Miami,US,vip', // 2 new
        'Bo,Li,+1 305 555 0102,,Orlando,,', // 3 new (phone only)
        'Cy,,,CY@Example.com,,,', // 4 new (email only)
        'Dee,Existing,305-555-0199,,,,', // 5 duplicate of a lead already in the account
        'Ana,R,3055550101,,,,', // 6 duplicate of row 2
        'Eve,Bad,555,,,,', // 7 bad phone
        'Fay,Bad,,not-an-email,,,', // 8 bad email
        'Gus,Nobody,,,Tampa,,', // 9 no contact
        '"Ruiz, Jr.","O""Neil",3055550103,,"Miami\nBeach",US,', // 10 new: quoted comma, quote, line break
        'Hal,Short,3055550104', // 11 wrong number of fields
        '', // 12 blank: skipped
        'Ivy,Mx,55 1234 5678,,CDMX,MX,', // 13 new, a Mexican number
      ].join('\r\n') +
      '\r\n';
    const res = await upload(ownerA, csv);
    expect(res.status).toBe(202);
    const created = (await res.json()) as { id: string; status: string; columns: Record<string, string>; ignored_columns: string[] };
    expect(created.status).toBe('queued');
    expect(created.columns).toEqual({
      first_name: 'First Name',
      last_name: 'Last Name',
      phone: 'Phone',
      email: 'E-mail',
      city: 'City',
      country: 'Country',
    });
    expect(created.ignored_columns).toEqual(['Notes']);

    const done = await untilEnded(created.id);
    expect(done).toMatchObject({
      status: 'done',
      rows_total: 11,
      rows_done: 11,
      rows_imported: 5,
      rows_duplicate: 2,
      rows_rejected: 4,
      percent: 100,
      error: null,
      file_name: 'leads.csv',
    });
    expect(done.rejects).toEqual([
      { row: 7, reasons: ['phone: not a valid phone number (invalid_number)'] },
      { row: 8, reasons: ['email: Invalid email address'] },
      { row: 9, reasons: ['no phone or email: a lead needs at least one'] },
      { row: 11, reasons: ['has 3 fields; the header has 7'] },
    ]);

    const leads = await db.sql<{ first_name: string | null; last_name: string | null; phone: string | null; email: string | null; city: string | null; country: string | null; source: string }[]>`
      select first_name, last_name, phone, email, city, country, source from public.leads
      where account_id = ${accountA} and source = 'csv_import' order by phone nulls last`;
    expect(leads).toEqual([
      { first_name: 'Ana', last_name: 'Ruiz', phone: '+13055550101', email: 'ana@example.com', city: 'Miami', country: 'US', source: 'csv_import' },
      { first_name: 'Bo', last_name: 'Li', phone: '+13055550102', email: null, city: 'Orlando', country: null, source: 'csv_import' },
      { first_name: 'Ruiz, Jr.', last_name: 'O"Neil', phone: '+13055550103', email: null, city: 'Miami\nBeach', country: 'US', source: 'csv_import' },
      { first_name: 'Ivy', last_name: 'Mx', phone: '+525512345678', email: null, city: 'CDMX', country: 'MX', source: 'csv_import' },
      { first_name: 'Cy', last_name: null, phone: null, email: 'cy@example.com', city: null, country: null, source: 'csv_import' },
    ]);
    // The lead that was already there is matched, not duplicated, and gets the names it lacked.
    const [existing] = await db.sql<{ first_name: string; last_name: string; n: number }[]>`
      select first_name, last_name, (select count(*)::int from public.leads where phone = '+13055550199') as n
      from public.leads where id = ${existingLead}`;
    expect(existing).toEqual({ first_name: 'Dee', last_name: 'Existing', n: 1 });

    // The rejected rows are kept as read, and the stored file is gone.
    const [reject] = await db.sql<{ raw: string[] }[]>`
      select raw from public.lead_import_rejects where import_id = ${created.id} and row_number = 11`;
    expect(reject!.raw).toEqual(['Hal', 'Short', '3055550104']);
    const [stored] = await db.sql<{ content: string | null; created_by: string }[]>`
      select content, created_by from public.lead_imports where id = ${created.id}`;
    expect(stored).toEqual({ content: null, created_by: ownerA.session.userId });

    // No log line carries a lead's phone, email or name.
    const all = logs.join('\n');
    for (const pii of ['ana@example.com', '3055550101', '555-0101', 'not-an-email', 'Ruiz', 'O""Neil']) expect(all).not.toContain(pii);
  });

  it('shows rows_done rising while a 20,000-row file imports, and ends done', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `Lead,${i},bulk${i}@example.com,Miami`);
    const csv = ['first_name,last_name,email,city', ...rows].join('\n');
    const started = Date.now();
    const res = await upload(ownerA, csv, { source: 'big_fair' }, 'bulk.csv');
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000);
    const { id } = (await res.json()) as { id: string };

    const seen: number[] = [];
    const done = await untilEnded(id, 120_000, (p) => {
      if (p.status === 'running') seen.push(p.rows_done);
      expect(p.percent).toBeGreaterThanOrEqual(0);
      expect(p.percent).toBeLessThanOrEqual(100);
    });
    expect(done).toMatchObject({ status: 'done', rows_total: 20_000, rows_done: 20_000, rows_imported: 20_000, rows_rejected: 0, percent: 100 });
    // The bar moved: several distinct values strictly between 0 and the end, never backwards.
    const between = [...new Set(seen)].filter((n) => n > 0 && n < 20_000);
    expect(between.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(between.every((n) => n % 500 === 0)).toBe(true);
    expect(await count(db.sql`select count(*)::int as n from public.leads where account_id = ${accountA} and source = 'big_fair'`)).toBe(20_000);
  }, 180_000);

  it('resumes after a crash between chunks without importing a row twice or losing one', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => `crash${i}@example.com`);
    const res = await upload(ownerA, ['email', ...rows].join('\n'), { source: 'crash_test' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    crashAfter.set(id, 500);

    const done = await untilEnded(id, 60_000);
    expect(crashAfter.has(id)).toBe(false);
    expect(done).toMatchObject({ status: 'done', rows_total: 1_500, rows_done: 1_500, rows_imported: 1_500, rows_duplicate: 0, rows_rejected: 0 });
    // The first attempt stopped after the committed chunk; the retry resumed after it.
    expect(startedLogs(id).map((l) => l.resume_after)).toEqual([0, 500]);
    expect(await count(db.sql`select count(*)::int as n from public.leads where source = 'crash_test'`)).toBe(1_500);
    // Each row went through find_or_create_lead exactly once.
    expect(await count(db.sql`select count(*)::int as n from public.lead_events where actor = ${'lead_import:' + id}`)).toBe(1_500);
  });

  it('imports nothing twice when a second copy of the job runs at the same time', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => `twin${i}@example.com`);
    const res = await upload(ownerA, ['email', ...rows].join('\n'), { source: 'twin_test' });
    const { id } = (await res.json()) as { id: string };
    // A copy outside the account's queue, so both run at once.
    await db.sql`select graphile_worker.add_job('import_leads', json_build_object('import_id', ${id}::uuid))`;

    const done = await untilEnded(id, 60_000);
    expect(done).toMatchObject({ status: 'done', rows_done: 3_000, rows_imported: 3_000, rows_duplicate: 0 });
    expect(await count(db.sql`select count(*)::int as n from public.leads where source = 'twin_test'`)).toBe(3_000);
    expect(await count(db.sql`select count(*)::int as n from public.lead_events where actor = ${'lead_import:' + id}`)).toBe(3_000);
    // The copy that lost the race ends too, without an error.
    const deadline = Date.now() + 30_000;
    // import_leads jobs only: each chunk's new leads also queue enrich_leads, which this runner does not run.
    while ((await count(db.sql`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'import_leads'`)) > 0) {
      if (Date.now() > deadline) throw new Error('the second copy of the job did not end');
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(logs.filter((l) => l.includes('"LEAD_IMPORT_ERROR"') && l.includes(id))).toEqual([]);
    // Both copies really ran the import.
    expect(startedLogs(id)).toHaveLength(2);
  });

  it('refuses a file over 200,000 rows in the job, with a reason and nothing imported', async () => {
    const csv = ['email', ...Array.from({ length: 200_001 }, (_, i) => `l${i}@x.co`)].join('\n');
    const res = await upload(ownerA, csv, { source: 'too_many' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const ended = await untilEnded(id);
    expect(ended).toMatchObject({
      status: 'failed',
      rows_done: 0,
      rows_imported: 0,
      error: 'the file has 200,001 rows; the limit is 200,000 — split it into smaller files',
    });
    expect(await count(db.sql`select count(*)::int as n from public.leads where source = 'too_many'`)).toBe(0);
  });

  it('reads a Windows-1252 file with semicolons, a default source, country and campaign', async () => {
    const [camp] = await db.sql<{ id: string }[]>`
      insert into public.campaigns (account_id, campaign_key, name, is_active) values (${accountA}, 'import_camp', 'Import campaign', true)
      returning id`;
    await db.sql`insert into public.campaign_steps (account_id, campaign_id, step, channel, body) values (${accountA}, ${camp!.id}, 1, 'sms', 'Hola {{first_name|}}')`;
    // "Nombre;Teléfono" with é as the single byte 0xE9, as older Excel writes it.
    const text = 'Nombre;Teléfono\r\nJosé;55 1234 5679\r\n';
    const bytes = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
    const res = await upload(ownerA, bytes, { default_country: 'mx', source: 'Expo', campaign_id: camp!.id }, 'clientes.csv');
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await untilEnded(id)).toMatchObject({ status: 'done', rows_imported: 1, leads_enrolled: 1, campaign_id: camp!.id });
    const [lead] = await db.sql<{ first_name: string; phone: string; source: string; enrolled: boolean }[]>`
      select first_name, phone, source,
             exists (select 1 from public.campaign_leads cl where cl.lead_id = l.id and cl.campaign_id = ${camp!.id}) as enrolled
      from public.leads l where phone = '+525512345679'`;
    expect(lead).toEqual({ first_name: 'José', phone: '+525512345679', source: 'expo', enrolled: true });
  });

  it('accepts a text/csv body with options in the query string', async () => {
    const res = await appFor(ownerA).request(`${PREFIX}?file_name=raw.csv&source=raw_body`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      body: 'phone\n3055550177\n',
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect(await untilEnded(id)).toMatchObject({ status: 'done', file_name: 'raw.csv', source: 'raw_body', rows_imported: 1 });
  });

  describe('refusals write nothing', () => {
    const countAll = async () =>
      count(db.sql`select (select count(*) from public.lead_imports)::int + (select count(*) from graphile_worker._private_jobs)::int as n`);

    it('refuses a viewer with 403 and a reason, but lets a viewer read', async () => {
      const before = await countAll();
      const res = await upload(viewerA, 'phone\n3055550100\n');
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden', reason: 'your role (viewer) may not import leads' });
      expect(await countAll()).toBe(before);
      const list = await appFor(viewerA).request(PREFIX);
      expect(list.status).toBe(200);
      expect(((await list.json()) as { imports: unknown[] }).imports.length).toBeGreaterThan(0);
    });

    it.each([
      ['an empty file', '', 'the file is empty'],
      ['a header without phone or email', 'name,city\nAna,Miami\n', 'the first row must be a header with a phone or an email column (e.g. first_name,last_name,phone,email,city,country); recognised only: full_name, city'],
      ['a header and no rows', 'phone,email\r\n\r\n', 'the file has a header but no rows'],
      ['an Excel workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'this looks like an Excel workbook or another zip file; save the sheet as CSV and upload that'],
      ['a binary file', new Uint8Array([0x70, 0x68, 0x6f, 0x6e, 0x65, 0x0a, 0x00, 0x01]), 'this is not a text file (it contains binary data); export the sheet as CSV'],
      ['an unclosed quote in the header', 'phone,"email\n1,2\n', 'row 1: a quoted field is never closed (a " is missing)'],
      ['two columns for one field', 'phone,mobile\n1,2\n', 'columns "phone" and "mobile" both mean phone; keep one of them'],
    ])('refuses %s with 400 and a reason', async (_what, body, reason) => {
      const before = await countAll();
      const res = await upload(ownerA, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_file', reason });
      expect(await countAll()).toBe(before);
    });

    it('refuses a file over 20 MiB', async () => {
      const before = await countAll();
      const big = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61);
      big.set(new TextEncoder().encode('phone\n'));
      const res = await upload(ownerA, big);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { reason: string }).reason).toMatch(/20 MiB/);
      expect(await countAll()).toBe(before);
    });

    it('refuses bad options, another account\'s campaign and an unsupported body', async () => {
      const before = await countAll();
      const bad = await upload(ownerA, 'phone\n3055550100\n', { default_country: 'USA' });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: 'invalid_options', reason: 'default_country must be an ISO 3166-1 alpha-2 code such as US or MX' });
      const [campB] = await db.sql<{ id: string }[]>`
        insert into public.campaigns (account_id, campaign_key, name) values (${ownerB.session.accountId}, 'b_camp', 'B') returning id`;
      const foreign = await upload(ownerA, 'phone\n3055550100\n', { campaign_id: campB!.id });
      expect(foreign.status).toBe(400);
      expect(await foreign.json()).toEqual({ error: 'campaign_not_found', reason: `no campaign ${campB!.id} in this account` });
      const json = await appFor(ownerA).request(PREFIX, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(400);
      expect(await json.json()).toEqual({ error: 'invalid_file', reason: 'send the file as multipart/form-data (field "file") or as a text/csv body' });
      expect(await countAll()).toBe(before);
    });
  });

  it('never shows account A\'s imports to account B', async () => {
    const res = await upload(ownerA, 'phone\n3055550188\n');
    const { id } = (await res.json()) as { id: string };
    await untilEnded(id);
    const other = await appFor(ownerB).request(`${PREFIX}/${id}`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: 'not_found', reason: 'no such import in this workspace' });
    const list = await appFor(ownerB).request(PREFIX);
    expect(await list.json()).toEqual({ imports: [] });
    const mine = (await (await appFor(ownerA).request(PREFIX)).json()) as { imports: { id: string }[] };
    expect(mine.imports[0]!.id).toBe(id);
    expect((await appFor(ownerA).request(`${PREFIX}/not-a-uuid`)).status).toBe(404);
  });
});
