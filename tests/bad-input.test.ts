/**
 * Bad input on our own HTTP surfaces answers 4xx naming the field and changes
 * nothing, never a 500: NULs (PostgreSQL text cannot hold U+0000) in the lead
 * intake, the console's JSON API, forms and Command OS; malformed page cursors;
 * JSON nested 10,000 deep; asset names that are Object.prototype's own keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../api/domain/api-tokens.ts';
import { setLogSink } from '../lib/log.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

const NUL = '\u0000';
const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };
let token: string;
const logs: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  restoreLog = setLogSink((line) => logs.push(line));
  srv = await startConsoleServer('bad_input');
  owner = await httpLogin(srv.url, srv.users.owner);
  token = (await createApiToken(srv.db.sql, 'demo', 'bad input tests'))!.token;
});

afterAll(async () => {
  await srv?.close();
  restoreLog?.();
});

async function leadCount(): Promise<number> {
  const [row] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.leads`;
  return row!.n;
}

function postLeads(body: string, query = ''): Promise<Response> {
  return fetch(`${srv.url}/api/leads${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
}

interface Refusal {
  error: string;
  atomic?: boolean;
  items: { index: number; error: string; reasons: string[] }[];
}

describe('POST /api/leads with NULs', () => {
  it('one lead with a NUL in its name: 400 naming the field, nothing saved', async () => {
    const before = await leadCount();
    const res = await postLeads(JSON.stringify({ first_name: `Ana${NUL}`, email: 'nul-one@example.com' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as Refusal;
    expect(body.error).toBe('invalid_body');
    expect(body.items).toEqual([expect.objectContaining({ index: 0, reasons: ['first_name: contains a NUL character'] })]);
    expect(await leadCount()).toBe(before);
  });

  it('a batch: only the rows with NULs (names, attribute values and keys) are refused; the others are saved', async () => {
    const before = await leadCount();
    const rows = [
      { email: 'nul-ok-0@example.com', first_name: 'Ok' },
      { email: 'nul-bad-1@example.com', attributes: { vehicle: { model: `SUV${NUL}` } } },
      { email: 'nul-ok-2@example.com', attributes: { note: 'fine' } },
      { email: 'nul-bad-3@example.com', first_name: `X${NUL}`, attributes: { [`k${NUL}`]: 1 } },
    ];
    const res = await postLeads(JSON.stringify(rows));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { index: number }[]; refused: Refusal['items'] };
    expect(body.results.map((r) => r.index)).toEqual([0, 2]);
    expect(body.refused.map((r) => r.index)).toEqual([1, 3]);
    expect(body.refused[0]!.reasons).toEqual(['rows[1].attributes.vehicle.model: contains a NUL character']);
    expect(body.refused[1]!.reasons).toEqual([
      'rows[3].first_name: contains a NUL character',
      `rows[3].attributes.k${NUL}: contains a NUL character`,
    ]);
    expect(await leadCount()).toBe(before + 2);
  });

  it('atomic: a NUL in one row refuses the whole batch with 400 and saves nothing', async () => {
    const before = await leadCount();
    const rows = [{ email: 'atomic-nul-0@example.com' }, { email: 'atomic-nul-1@example.com', last_name: `L${NUL}` }];
    for (const [body, query] of [[JSON.stringify({ atomic: true, leads: rows }), ''], [JSON.stringify(rows), '?atomic=1']] as const) {
      const res = await postLeads(body, query);
      expect(res.status).toBe(400);
      const refusal = (await res.json()) as Refusal;
      expect(refusal.atomic).toBe(true);
      expect(refusal.items.map((i) => i.reasons)).toEqual([['rows[1].last_name: contains a NUL character']]);
    }
    expect(await leadCount()).toBe(before);
  });

  it('a batch of 1,000 with one bad lead saves the other 999', async () => {
    const before = await leadCount();
    const rows = Array.from({ length: 1000 }, (_, i) => ({ email: `bulk${i}@example.com`, first_name: i === 500 ? `B${NUL}` : `Bulk ${i}` }));
    const res = await postLeads(JSON.stringify(rows));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: unknown[]; refused: Refusal['items'] };
    expect(body.results).toHaveLength(999);
    expect(body.refused.map((r) => r.index)).toEqual([500]);
    expect(await leadCount()).toBe(before + 999);
  });

  it('JSON nested 10,000 deep is 400, in a lead or as the whole body', async () => {
    const before = await leadCount();
    const whole = await postLeads(DEEP);
    expect(whole.status).toBe(400);
    expect(await whole.json()).toEqual({ error: 'invalid_body', issues: [{ path: '(root)', message: expect.stringMatching(/deeper than 64/) }] });
    const inAttributes = await postLeads(`{"email": "deep@example.com", "attributes": {"x": ${DEEP}}}`);
    expect(inAttributes.status).toBe(400);
    expect(await leadCount()).toBe(before);
  });
});

describe('the console with bad input', () => {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${srv.url}${path}`, { ...init, headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, ...(init.headers ?? {}) } });

  it('a malformed page cursor is 400 invalid_cursor with a reason; a real one works', async () => {
    for (const after of ['garbage', '50:------------------------------------', '999:00000000-0000-0000-0000-000000000000', `1:${NUL}`, '-1:00000000-0000-0000-0000-000000000000']) {
      const res = await api(`/api/v1/leads?after=${encodeURIComponent(after)}`);
      expect(res.status, after).toBe(400);
      const body = (await res.json()) as { error: string; reason: string };
      expect(body.error === 'invalid_cursor' || (after.includes(NUL) && body.error === 'invalid_request'), after).toBe(true);
      expect(body.reason).toMatch(/^after: /);
    }
    const first = (await (await api('/api/v1/leads')).json()) as { next: string | null };
    expect(first.next).not.toBeNull();
    expect((await api(`/api/v1/leads?after=${encodeURIComponent(first.next!)}`)).status).toBe(200);
    const page = await api('/leads?after=garbage', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(400);
  });

  it('a NUL in a JSON API body, a query, a form or a Command OS text is 400 naming the field; nothing changes', async () => {
    const [lead] = await srv.db.sql<{ id: string }[]>`
      select id from public.leads where account_id = ${srv.demoAccountId} and phone is not null limit 1`;
    const touches = async () => (await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.touch_runs`)[0]!.n;
    const before = await touches();

    const message = await api(`/api/v1/leads/${lead!.id}/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'sms', body: `hi${NUL}` }),
    });
    expect(message.status).toBe(400);
    expect(await message.json()).toEqual({ error: 'invalid_request', reason: 'body.body: contains a NUL character' });

    const search = await api(`/api/v1/leads?q=${encodeURIComponent(`ana${NUL}`)}`);
    expect(search.status).toBe(400);
    expect(await search.json()).toEqual({ error: 'invalid_request', reason: 'q: contains a NUL character' });

    const command = await api('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `pausa autos${NUL} miami` }),
    });
    expect(command.status).toBe(400);
    expect(((await command.json()) as { reason: string }).reason).toBe('body.text: contains a NUL character');

    const form = await api('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: `status${NUL}`, _csrf: owner.csrf }).toString(),
    });
    expect(form.status).toBe(400);

    const deep = await api(`/api/v1/leads/${lead!.id}/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: DEEP });
    expect(deep.status).toBe(400);

    expect(await touches()).toBe(before);
  });

  it('forms: a NUL in the login form or a form carrying its CSRF token is 400; the same forms without one work', async () => {
    const page = await fetch(`${srv.url}/login`);
    const loginCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const loginToken = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const login = await fetch(`${srv.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ _csrf: loginToken, email: `owner${NUL}@demo-motors.example.com`, password: 'x' }).toString(),
    });
    expect(login.status).toBe(400);
    expect(await login.json()).toEqual({ error: 'invalid_request', reason: 'email: contains a NUL character' });

    // The CSRF token in the body (as the htmx chat box sends it): requireSession and the route read the same parsed form.
    const form = (text: string) =>
      fetch(`${srv.url}/api/command-os`, {
        method: 'POST',
        headers: { cookie: owner.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
        body: new URLSearchParams({ _csrf: owner.csrf, text }).toString(),
      });
    expect((await form(`status${NUL}`)).status).toBe(400);
    expect((await form('status')).status).toBe(200);
  });

  it('asset names are looked up as names: constructor, __proto__, toString and ../x are 404', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '..%2Fx', '%2e%2e%2fpackage.json']) {
      const res = await fetch(`${srv.url}/assets/${name}`);
      expect(res.status, name).toBe(404);
    }
    expect((await fetch(`${srv.url}/assets/app.css`)).status).toBe(200);
  });

  it('answered no request with a 500', () => {
    expect(logs.filter((l) => l.includes('"HTTP_FAILED"'))).toEqual([]);
  });
});
