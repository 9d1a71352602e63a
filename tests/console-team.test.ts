/**
 * Team management over HTTP: invites (shown once or emailed by the worker),
 * accepting as a new or an existing user, links that open nothing, role
 * changes, removal, and switching accounts. Refusals change nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { generateMasterKey, keyRingOf, parseMasterKey } from '../lib/secrets.ts';
import { createSinkDriver } from '../worker/drivers/sink.ts';
import type { Driver, SendRequest } from '../worker/drivers/types.ts';
import { sendAccountInvite } from '../worker/tasks/send_account_invite.ts';
import { httpLogin, PASSWORD, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let workerSql: Sql;
const sent: SendRequest[] = [];

const form = (o: Record<string, string>) => new URLSearchParams(o);
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

async function post(path: string, who: { cookie: string; csrf?: string } | null, body: Record<string, string>) {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) },
    body: form({ ...(who?.csrf ? { _csrf: who.csrf } : {}), ...body }),
  });
}

async function get(path: string, who: { cookie: string } | null) {
  return fetch(`${srv.url}${path}`, { redirect: 'manual', headers: who ? { cookie: who.cookie } : {} });
}

function runTask(driver: Driver) {
  return sendAccountInvite({
    sql: workerSql, outcomeSql: workerSql, drivers: new Map([['sink', driver]]), workerId: 'test',
    publicBaseUrl: 'https://console.example.com', appSecret: 'x'.repeat(32), batchSize: 10,
    keyRing: keyRingOf(parseMasterKey(generateMasterKey(), 'test')),
  });
}

/** Runs the queued send_account_invite job for the newest invite to this email, through a capturing driver; the link's token. */
async function emailInvite(email: string): Promise<string> {
  const [inv] = await srv.db.sql<{ id: string }[]>`
    select id from public.account_invites where email = ${email} order by created_at desc limit 1`;
  const capture: Driver = {
    name: 'sink',
    channels: ['email'],
    send: async (r) => {
      sent.push(r);
      return { kind: 'accepted', providerMessageId: `cap_${sent.length}`, providerStatus: 'recorded' };
    },
    lookup: async () => ({ kind: 'unsupported' }),
  };
  await runTask(capture)({ invite_id: inv!.id }, {} as never);
  const body = sent.at(-1)!.body;
  return /https:\/\/console\.example\.com\/invite\/([A-Za-z0-9_-]{43})/.exec(body)![1]!;
}

async function sessionOf(cookie: string) {
  const res = await get('/', { cookie });
  return { status: res.status, html: res.status === 200 ? await res.text() : '' };
}

let otherOwner: { cookie: string; csrf: string };
let demoOwner: { cookie: string; csrf: string };

beforeAll(async () => {
  srv = await startConsoleServer('console_team');
  workerSql = connect(srv.db.url, { max: 2, role: 'revenue_worker', applicationName: 'console-team-worker' });
  otherOwner = await httpLogin(srv.url, srv.users.other);
  demoOwner = await httpLogin(srv.url, srv.users.owner);
});

afterAll(async () => {
  await workerSql?.end({ timeout: 5 });
  await srv?.close();
});

describe('invites', () => {
  let token = '';

  it('without an email provider the link is shown once, and only its hash is stored', async () => {
    const res = await post('/settings/team/invite', otherOwner, { email: 'Nia@Example.com', role: 'admin' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('was not emailed');
    token = /\/invite\/([A-Za-z0-9_-]{43})</.exec(html)![1]!;
    const rows = await srv.db.sql`select email::text, role, delivery, token_hash from public.account_invites where account_id = ${srv.otherAccountId}`;
    expect(rows).toEqual([{ email: 'nia@example.com', role: 'admin', delivery: 'shown', token_hash: sha(token) }]);
    const page = await (await get('/settings/team', otherOwner)).text();
    expect(page).toContain('nia@example.com');
    expect(page).not.toContain(token);
  });

  it('a non-owner cannot invite', async () => {
    const admin = await httpLogin(srv.url, srv.users.admin);
    const res = await post('/settings/team/invite', admin, { email: 'sneaky@example.com', role: 'owner' });
    expect(res.status).toBe(403);
    expect((await srv.db.sql`select 1 from public.account_invites where email = 'sneaky@example.com'`).length).toBe(0);
  });

  it('a new user sets a name and password, joins with the invited role, and logs in', async () => {
    const page = await get(`/invite/${token}`, null);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Other Dealer');
    expect(html).toContain('nia@example.com');

    const short = await post(`/invite/${token}`, null, { display_name: 'Nia', password: 'short', password_again: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('10 to 200 characters');
    expect((await srv.db.sql`select 1 from public.users where email = 'nia@example.com'`).length).toBe(0);

    const ok = await post(`/invite/${token}`, null, { display_name: 'Nia New', password: PASSWORD, password_again: PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Log in');
    const nia = await httpLogin(srv.url, 'nia@example.com');
    const s = await sessionOf(nia.cookie);
    expect(s.html).toContain('Other Dealer');
    expect(s.html).toContain('role-admin');
  });

  it('a used link answers 410 and creates nothing more', async () => {
    const res = await get(`/invite/${token}`, null);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('already accepted');
    const again = await post(`/invite/${token}`, null, { display_name: 'Eve', password: PASSWORD, password_again: PASSWORD });
    expect(again.status).toBe(410);
  });

  it('an expired link answers 410, an unknown one 404, and neither changes anything', async () => {
    await post('/settings/team/invite', otherOwner, { email: 'late@example.com', role: 'viewer' })
      .then(async (r) => (token = /\/invite\/([A-Za-z0-9_-]{43})</.exec(await r.text())![1]!));
    await srv.db.sql`update public.account_invites set created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
                     where email = 'late@example.com'`;
    const res = await get(`/invite/${token}`, null);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('expired');
    const accept = await post(`/invite/${token}`, null, { display_name: 'Late', password: PASSWORD, password_again: PASSWORD });
    expect(accept.status).toBe(410);
    expect((await srv.db.sql`select 1 from public.users where email = 'late@example.com'`).length).toBe(0);
    expect((await get(`/invite/${'A'.repeat(43)}`, null)).status).toBe(404);
    expect((await get('/invite/not-a-token', null)).status).toBe(404);
  });

  it('a revoked link answers 410', async () => {
    const r = await post('/settings/team/invite', otherOwner, { email: 'gone@example.com', role: 'setter' });
    const t = /\/invite\/([A-Za-z0-9_-]{43})</.exec(await r.text())![1]!;
    const [inv] = await srv.db.sql<{ id: string }[]>`select id from public.account_invites where email = 'gone@example.com'`;
    const revoke = await post(`/settings/team/invites/${inv!.id}/revoke`, otherOwner, {});
    expect(revoke.status).toBe(303);
    expect((await get(`/invite/${t}`, null)).status).toBe(410);
  });

  it('with an email provider the worker emails the link; an existing user logs in, accepts, and lands in the account', async () => {
    const res = await post('/settings/team/invite', demoOwner, { email: srv.users.other, role: 'viewer' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('is being emailed');
    expect(html).not.toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
    const t = await emailInvite(srv.users.other);
    expect(sent.at(-1)).toMatchObject({ channel: 'email', to: srv.users.other, accountId: srv.demoAccountId });
    expect(sent.at(-1)!.subject).toContain('Demo Motors');
    const [row] = await srv.db.sql`select token_hash, emailed_at is not null as emailed from public.account_invites where email = ${srv.users.other}`;
    expect(row).toEqual({ token_hash: sha(t), emailed: true });

    // Not logged in: the page asks to log in, and a post without a session joins nobody.
    const anon = await get(`/invite/${t}`, null);
    expect(await anon.text()).toContain('Log in to accept');
    expect((await post(`/invite/${t}`, null, { display_name: 'x', password: PASSWORD, password_again: PASSWORD })).status).toBe(409);

    const other = await httpLogin(srv.url, srv.users.other);
    expect(await (await get(`/invite/${t}`, other)).text()).toContain('Join Demo Motors as viewer');
    expect((await post(`/invite/${t}`, { cookie: other.cookie, csrf: 'wrong' }, {})).status).toBe(403);
    const join = await post(`/invite/${t}`, other, {});
    expect(join.status).toBe(303);
    expect(join.headers.get('location')).toBe('/');
    const s = await sessionOf(other.cookie);
    expect(s.html).toContain('Demo Motors');
    expect(s.html).toContain('role-viewer');
  });
});

describe('roles and removal', () => {
  it('a role change applies on the member’s next request', async () => {
    const setter = await httpLogin(srv.url, srv.users.setter);
    expect((await sessionOf(setter.cookie)).html).toContain('role-setter');
    const [u] = await srv.db.sql<{ id: string }[]>`select id from public.users where email = ${srv.users.setter}`;
    const res = await post(`/settings/team/members/${u!.id}/role`, demoOwner, { role: 'analyst' });
    expect(res.status).toBe(303);
    expect((await sessionOf(setter.cookie)).html).toContain('role-analyst');
  });

  it('the last owner cannot step down; the page says why and nothing changes', async () => {
    const [u] = await srv.db.sql<{ id: string }[]>`select id from public.users where email = ${srv.users.other}`;
    const res = await post(`/settings/team/members/${u!.id}/role`, otherOwner, { role: 'admin' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('at least one owner');
    const [m] = await srv.db.sql`select role from public.account_members where account_id = ${srv.otherAccountId} and user_id = ${u!.id}`;
    expect(m).toEqual({ role: 'owner' });
    const remove = await post(`/settings/team/members/${u!.id}/remove`, otherOwner, {});
    expect(remove.status).toBe(409);
  });

  it('removing a member ends their sessions in this account', async () => {
    const admin = await httpLogin(srv.url, srv.users.admin);
    expect((await sessionOf(admin.cookie)).status).toBe(200);
    const [u] = await srv.db.sql<{ id: string }[]>`select id from public.users where email = ${srv.users.admin}`;
    const res = await post(`/settings/team/members/${u!.id}/remove`, demoOwner, {});
    expect(res.status).toBe(303);
    const after = await get('/', admin);
    expect(after.status).toBe(401);
    const page = await (await get('/settings/team', demoOwner)).text();
    expect(page).not.toContain(srv.users.admin);
  });
});

describe('switching accounts', () => {
  it('lists the user’s accounts and switches with the CSRF token; the session then reports the new account', async () => {
    const other = await httpLogin(srv.url, srv.users.other); // a member of both since the invite above
    const switcher = await (await get('/account/switcher', other)).text();
    expect(switcher).toContain('Demo Motors');
    expect(switcher).toContain('Other Dealer');
    // Login lands in the first account joined, Other Dealer, where they are owner.
    const before = (await sessionOf(other.cookie)).html;
    expect(before).toContain('role-owner');
    expect((await post('/account/switch', { cookie: other.cookie }, { account_id: srv.demoAccountId })).status).toBe(403);
    const res = await post('/account/switch', other, { account_id: srv.demoAccountId });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const after = (await sessionOf(other.cookie)).html;
    expect(after).toContain('role-viewer');
    expect(after).toMatch(/id="account-switcher"[^>]*>\s*Demo Motors/);
    // The CSRF token was rotated: the old one no longer works, the page's new one does.
    expect((await post('/account/switch', other, { account_id: srv.otherAccountId })).status).toBe(403);
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(after)![1]!;
    expect((await post('/account/switch', { cookie: other.cookie, csrf }, { account_id: srv.otherAccountId })).status).toBe(303);
    expect((await sessionOf(other.cookie)).html).toContain('role-owner');
  });

  it('refuses an account the user is not a member of, and nothing changes', async () => {
    const viewer = await httpLogin(srv.url, srv.users.viewer);
    const res = await post('/account/switch', viewer, { account_id: srv.otherAccountId });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('not an active member');
    const s = await sessionOf(viewer.cookie);
    expect(s.html).toContain('Demo Motors');
    expect(s.html).not.toContain('Other Dealer');
  });
});

describe('the invite email', () => {
  it('on the sink provider is recorded in the outbox without the link; a failed send shows on the Team page', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'team-sink-'));
    try {
      const outbox = path.join(dir, 'outbox.jsonl');
      await post('/settings/team/invite', demoOwner, { email: 'sunny@example.com', role: 'setter' });
      const [inv] = await srv.db.sql<{ id: string }[]>`select id from public.account_invites where email = 'sunny@example.com'`;
      await runTask(createSinkDriver({ outboxFile: outbox }))({ invite_id: inv!.id }, {} as never);
      const lines = (await readFile(outbox, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ channel: 'email', touch_run_id: inv!.id });
      expect(lines[0]!.send_key).toMatch(new RegExp(`^invite:${inv!.id}:`));
      expect(JSON.stringify(lines[0])).not.toContain('sunny@');
      expect(JSON.stringify(lines[0])).not.toContain('/invite/');
      expect(await (await get('/settings/team', demoOwner)).text()).toMatch(/data-invite="sunny@example.com"[\s\S]*?emailed/);

      await post('/settings/team/invite', demoOwner, { email: 'rainy@example.com', role: 'setter' });
      const [inv2] = await srv.db.sql<{ id: string }[]>`select id from public.account_invites where email = 'rainy@example.com'`;
      const refusing: Driver = {
        name: 'sink', channels: ['email'],
        send: async () => ({ kind: 'rejected', errorCode: 'invalid_recipient', errorMessage: 'mailbox does not exist' }),
        lookup: async () => ({ kind: 'unsupported' }),
      };
      await runTask(refusing)({ invite_id: inv2!.id }, {} as never);
      expect(await (await get('/settings/team', demoOwner)).text()).toMatch(/data-invite="rainy@example.com"[\s\S]*?email failed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
