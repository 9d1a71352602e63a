/**
 * Login under attack: the limiter is one SQL call, so parallel guesses cannot
 * outrun it; the backoff slows an address or an email but never locks the real
 * user out; a password change ends every session; a session holds at most
 * four live-update streams. Clients come from different loopback addresses
 * (127.0.0.x) so the per-address limits can be told apart.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMember } from '../lib/users.ts';
import { MAX_STREAMS_PER_SESSION } from '../api/console/notifications.tsx';
import { httpLogin, PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from a chosen local address. */
function send(from: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${srv.url}${path}`, {
      method, localAddress: from, agent: false,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookiesOf = (a: Answer, name?: string) =>
  ((a.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]!).filter((c) => !name || c.startsWith(`${name}=`)).join('; ');

/** The login form's cookie and token, fetched from `from`. */
async function loginForm(from: string): Promise<{ cookie: string; token: string }> {
  const page = await send(from, 'GET', '/login');
  return { cookie: cookiesOf(page), token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
}

async function tryLogin(from: string, email: string, password: string, form?: { cookie: string; token: string }): Promise<Answer> {
  const f = form ?? (await loginForm(from));
  return send(from, 'POST', '/login', { cookie: f.cookie }, new URLSearchParams({ _csrf: f.token, email, password, next: '/' }).toString());
}

async function checkedAttempts(email: string): Promise<number> {
  const [r] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.login_attempts where email = ${email}`;
  return r!.n;
}

async function alive(cookie: string): Promise<boolean> {
  const r = await fetch(`${srv.url}/api/v1/campaigns`, { headers: { cookie } });
  return r.status === 200;
}

beforeAll(async () => {
  srv = await startConsoleServer('login_sec');
});

afterAll(async () => {
  await srv?.close();
});

describe('login security', () => {
  it('100 parallel wrong passwords for one email: 5 are checked at once, later ones only on the doubling schedule, the rest get 429 with Retry-After', async () => {
    const email = srv.users.setter;
    const form = await loginForm('127.0.0.5');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => tryLogin('127.0.0.5', email, `wrong guess ${i}`, form)));
    const checked = answers.filter((a) => a.status === 401);
    const limited = answers.filter((a) => a.status === 429);
    expect(checked.length + limited.length).toBe(100);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    // Every password that was verified left one recorded attempt; refused ones left none.
    expect(await checkedAttempts(email)).toBe(checked.length);
    // The schedule held under the race: 5 free attempts, then each one at least
    // 2, 4, 8 … s after the one before (the 100 requests take a few seconds on a
    // busy machine, so one or two late ones may legitimately be checked).
    const times = (await srv.db.sql<{ s: string }[]>`
      select extract(epoch from created_at - min(created_at) over ())::text as s
      from public.login_attempts where email = ${email} order by created_at`).map((r) => Number(r.s));
    expect(times.filter((t) => t < 2).length).toBeLessThanOrEqual(5);
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2 ** (i - 4) - 1e-6);
    expect(checked.length).toBeLessThanOrEqual(8);
    expect(limited.length).toBeGreaterThanOrEqual(92);
    for (const a of limited) {
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(a.body).toMatch(/Too many attempts for this account; try again in \d+ s/);
    }
    const [pending] = await srv.db.sql<{ n: number }[]>`select count(*)::int as n from public.login_attempts where outcome = 'pending'`;
    expect(pending!.n).toBe(0);
  });

  it('someone hammering an email slows only themselves: the real user still logs in from their usual address', async () => {
    const email = srv.users.viewer;
    expect((await tryLogin('127.0.0.10', email, PASSWORD)).status).toBe(303); // the real user, earlier
    for (let i = 0; i < 5; i++) expect((await tryLogin('127.0.0.11', email, `guess ${i}`)).status).toBe(401);
    const slowed = await tryLogin('127.0.0.11', email, 'guess 6');
    expect(slowed.status).toBe(429);
    expect(slowed.body).toContain('Too many attempts for this account; try again in 2 s');
    expect(slowed.headers['retry-after']).toBe('2');
    // A new address is slowed as well (the limit is the account's)…
    expect((await tryLogin('127.0.0.12', email, PASSWORD)).status).toBe(429);
    // …but not the address the user logged in from before.
    const real = await tryLogin('127.0.0.10', email, PASSWORD);
    expect(real.status).toBe(303);
    expect(cookiesOf(real, 'ros_session')).toMatch(/^ros_session=/);
  });

  it('an address that fails 10 times must wait, doubling, whatever email it tries next', async () => {
    for (let i = 0; i < 10; i++) expect((await tryLogin('127.0.0.20', `nobody${i}@example.com`, 'not it')).status).toBe(401);
    const slowed = await tryLogin('127.0.0.20', srv.users.analyst, PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toContain('Too many attempts from this address; try again in 2 s');
    expect(slowed.headers['retry-after']).toBe('2');
    // Another address is not affected.
    expect((await tryLogin('127.0.0.21', srv.users.analyst, PASSWORD)).status).toBe(303);
    // After the wait one more guess is checked, and the next wait is twice as long.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await tryLogin('127.0.0.20', 'nobody-again@example.com', 'not it')).status).toBe(401);
    const longer = await tryLogin('127.0.0.20', srv.users.analyst, PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers['retry-after']).toBe('4');
  });

  it('changing the password needs the current one, ends every session of the user, and renews this one', async () => {
    const email = srv.users.admin;
    const a = await httpLogin(srv.url, email);
    const b = await httpLogin(srv.url, email);
    const owner = await httpLogin(srv.url, srv.users.owner);
    const change = (current: string, password: string, confirm = password) =>
      fetch(`${srv.url}/account/password`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: a.csrf, current, password, confirm }),
      });
    const page = await fetch(`${srv.url}/account/password`, { headers: { cookie: a.cookie } });
    expect(await page.text()).toContain('name="current"');

    const wrong = await change('not my password', 'a brand new passphrase');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('The current password is wrong.');
    const differ = await change(PASSWORD, 'a brand new passphrase', 'another passphrase');
    expect(differ.status).toBe(400);
    expect(await alive(a.cookie)).toBe(true);
    expect(await alive(b.cookie)).toBe(true);

    const ok = await change(PASSWORD, 'a brand new passphrase');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/account/password?done=1');
    const renewed = ok.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ros_session='))!;
    expect(renewed).toBeDefined();
    expect(await alive(a.cookie)).toBe(false);
    expect(await alive(b.cookie)).toBe(false);
    expect(await alive(renewed)).toBe(true);
    expect(await alive(owner.cookie)).toBe(true); // another user keeps theirs

    expect((await tryLogin('127.0.0.30', email, PASSWORD)).status).toBe(401);
    expect((await tryLogin('127.0.0.30', email, 'a brand new passphrase')).status).toBe(303);
  });

  it('a password reset by `make user` (upsertMember) ends the sessions too', async () => {
    const s = await httpLogin(srv.url, srv.users.owner);
    expect(await alive(s.cookie)).toBe(true);
    await upsertMember(srv.db.sql, { email: srv.users.owner, password: 'reset by the operator', accountSlug: 'demo', role: 'owner' });
    expect(await alive(s.cookie)).toBe(false);
  });

  it(`a session holds at most ${MAX_STREAMS_PER_SESSION} live-update streams; closing one frees a slot`, async () => {
    const s = await httpLogin(srv.url, srv.users.other);
    const open = async () => {
      const ctl = new AbortController();
      const res = await fetch(`${srv.url}/events`, { headers: { cookie: s.cookie, accept: 'text/event-stream' }, signal: ctl.signal });
      if (res.status === 200) {
        const reader = res.body!.getReader();
        const first = new TextDecoder().decode((await reader.read()).value);
        expect(first).toContain('event: ready');
      }
      return { res, ctl };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) {
      const st = await open();
      expect(st.res.status).toBe(200);
      streams.push(st);
    }
    const refused = await open();
    expect(refused.res.status).toBe(429);
    expect(await refused.res.json()).toMatchObject({ error: 'too_many_streams' });
    // Another session is not affected.
    const otherSession = await httpLogin(srv.url, srv.users.other);
    const ctl = new AbortController();
    const own = await fetch(`${srv.url}/events`, { headers: { cookie: otherSession.cookie }, signal: ctl.signal });
    expect(own.status).toBe(200);
    ctl.abort();

    streams.pop()!.ctl.abort();
    let again = await open();
    for (let i = 0; i < 50 && again.res.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await open();
    }
    expect(again.res.status).toBe(200);
    again.ctl.abort();
    for (const st of streams) st.ctl.abort();
  });
});
