/**
 * Settings → Senders over HTTP (issue 19): each inbox's ramp (today's cap and the next
 * days), its health and paused state; Resume and "already warm" for owners and admins
 * (audited), refused to a setter, and unable to reach another account's sender.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

type Who = { cookie: string; csrf: string };

let srv: ConsoleServer;
let owner: Who;
let admin: Who;
let setter: Who;
let other: Who;

const PAUSED = 'paused@demo-motors.example.com';
const NEW = 'fresh@demo-motors.example.com';

function post(who: Who, path: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', origin: srv.url },
    body: new URLSearchParams({ _csrf: who.csrf, ...body }).toString(),
  });
}

async function get(who: Who, path: string): Promise<{ status: number; html: string }> {
  const r = await fetch(`${srv.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: r.status, html: await r.text() };
}

async function reputation(sender: string): Promise<{ paused: boolean; already_warm: boolean } | undefined> {
  const [r] = await srv.db.sql<{ paused: boolean; already_warm: boolean }[]>`
    select paused_at is not null as paused, already_warm from public.sender_reputation
    where account_id = ${srv.demoAccountId} and channel = 'email' and sender = ${sender}`;
  return r;
}

beforeAll(async () => {
  srv = await startConsoleServer('console_senders');
  owner = await httpLogin(srv.url, srv.users.owner);
  admin = await httpLogin(srv.url, srv.users.admin);
  setter = await httpLogin(srv.url, srv.users.setter);
  other = await httpLogin(srv.url, srv.users.other);
  // Two inboxes of the demo account: one the guard paused, one new (no sends yet).
  await srv.db.sql`
    update public.account_provider_settings
    set config = config || ${srv.db.sql.json({ senders: [{ address: PAUSED }, { address: NEW }], daily_cap: 500 })}
    where account_id = ${srv.demoAccountId} and channel = 'email' and is_default`;
  await srv.db.sql`
    insert into public.sender_reputation (account_id, channel, sender, ramp_started_on, paused_at, paused_reason, paused_detail)
    values (${srv.demoAccountId}, 'email', ${PAUSED}, (now() at time zone 'UTC')::date - 2, now(), 'bounce_rate',
            '{"sends": 200, "window": 200, "hard_bounces": 7}')`;
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

describe('Settings → Senders', () => {
  it('shows each inbox: today\'s cap, the ramp ahead, and the paused one with Resume', async () => {
    const { status, html } = await get(owner, '/settings');
    expect(status).toBe(200);
    const section = html.slice(html.indexOf('<section id="senders">'), html.indexOf('</section>', html.indexOf('<section id="senders">')));
    expect(section).toContain('id="sender-health"');
    const row = (sender: string) => {
      const at = section.indexOf(`data-sender="${sender}"`);
      expect(at).toBeGreaterThan(0);
      return section.slice(at, section.indexOf('</tr>', at));
    };
    // The paused inbox: cap 0 today, a Resume button.
    expect(row(PAUSED)).toContain('data-cap-today="0"');
    expect(row(PAUSED)).toContain('hx-post="/settings/senders/resume"');
    // The new inbox: day 0 of its ramp, 20 today, the next 7 days growing by 10%.
    expect(row(NEW)).toContain('data-cap-today="20"');
    expect(row(NEW)).toContain('data-schedule="20,22,25,27,30,33,36"');
    expect(row(NEW)).not.toContain('/settings/senders/resume');
  });

  it('a setter may not resume; an admin resumes (audited); another account cannot reach the sender', async () => {
    const refused = await post(setter, '/settings/senders/resume', { channel: 'email', sender: PAUSED });
    expect(refused.status).toBe(403);
    expect(await reputation(PAUSED)).toMatchObject({ paused: true });

    const foreign = await post(other, '/settings/senders/resume', { channel: 'email', sender: PAUSED });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain('is not paused');
    expect(await reputation(PAUSED)).toMatchObject({ paused: true });

    const ok = await post(admin, '/settings/senders/resume', { channel: 'email', sender: PAUSED });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('is sending again');
    expect(await reputation(PAUSED)).toMatchObject({ paused: false });
    const [audit] = await srv.db.sql<{ actor: string; sender: string }[]>`
      select e.actor, e.payload ->> 'sender' as sender from public.account_events e
      where e.account_id = ${srv.demoAccountId} and e.event_type = 'sender_resumed'`;
    const [adminUser] = await srv.db.sql<{ id: string }[]>`select id from public.users where email = ${srv.users.admin}`;
    expect(audit).toEqual({ actor: adminUser!.id, sender: PAUSED });

    const again = await post(admin, '/settings/senders/resume', { channel: 'email', sender: PAUSED });
    expect(again.status).toBe(400);
    // An address longer than any sender is refused with a reason, not echoed back.
    const long = await post(admin, '/settings/senders/resume', { channel: 'email', sender: 'x'.repeat(5000) });
    expect(long.status).toBe(400);
    const body = await long.text();
    expect(body).toContain('Choose a sender to resume.');
    expect(body).not.toContain('x'.repeat(400));
  });

  it('"Already warm" gives an inbox its full cap from today, and back', async () => {
    const warm = await post(owner, '/settings/senders/warm', { sender: NEW, already_warm: 'true' });
    expect(warm.status).toBe(200);
    expect(await reputation(NEW)).toMatchObject({ already_warm: true });
    const { html } = await get(owner, '/settings');
    const at = html.indexOf(`data-sender="${NEW}"`);
    expect(html.slice(at, html.indexOf('</tr>', at))).toContain('data-cap-today="500"');
    expect((await post(setter, '/settings/senders/warm', { sender: NEW, already_warm: 'false' })).status).toBe(403);
    expect((await post(owner, '/settings/senders/warm', { sender: NEW, already_warm: 'false' })).status).toBe(200);
    expect(await reputation(NEW)).toMatchObject({ already_warm: false });
  });
});
