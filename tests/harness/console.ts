/**
 * A console server on 127.0.0.1 for the browser and security tests: a cloned
 * database with the demo account, users of every role, a second account, and
 * the real app (createApp) served by @hono/node-server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import { loadInboundConfig } from '../../api/inbound-config.ts';
import { connect, type Sql } from '../../db/client.ts';
import { upsertMember } from '../../lib/users.ts';
import type { Role } from '../../lib/passwords.ts';
import { cloneTemplate, type TestDatabase } from './env.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const PASSWORD = 'correct horse battery staple';

export interface ConsoleServer {
  db: TestDatabase;
  url: string;
  demoAccountId: string;
  otherAccountId: string;
  otherLeadId: string;
  otherCampaignId: string;
  users: Record<Role | 'other', string>;
  close(): Promise<void>;
}

/** The APP_SECRET the test server's inbound config is built from. */
export const TEST_APP_SECRET = 'console-test-app-secret-0123456789';

export async function startConsoleServer(label: string, options: { twilioAuthToken?: string } = {}): Promise<ConsoleServer> {
  const db = await cloneTemplate(label);
  await db.sql.unsafe(await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8'));
  const users = {} as Record<Role | 'other', string>;
  for (const role of ['owner', 'admin', 'setter', 'analyst', 'viewer'] as Role[]) {
    users[role] = `${role}@demo-motors.example.com`;
    await upsertMember(db.sql, { email: users[role], password: PASSWORD, accountSlug: 'demo', role, displayName: `Demo ${role}` });
  }
  users.other = 'owner@other-dealer.example.com';
  const other = await upsertMember(db.sql, { email: users.other, password: PASSWORD, accountSlug: 'other-dealer', accountName: 'Other Dealer', role: 'owner' });
  const [campaign] = await db.sql<{ id: string }[]>`
    insert into public.campaigns (account_id, name, campaign_key, is_active)
    values (${other.accountId}, 'Other Dealer secret campaign', 'other_secret', true) returning id`;
  const [lead] = await db.sql<{ id: string }[]>`
    insert into public.leads (account_id, first_name, last_name, phone, source)
    values (${other.accountId}, 'Secret', 'Buyer', '+12125550199', 'import') returning id`;
  const [demo] = await db.sql<{ id: string }[]>`select id from public.accounts where slug = 'demo'`;

  const sql: Sql = connect(db.url, { max: 6, applicationName: `revenue-os-test-${label}` });
  const ingestSql: Sql = connect(db.url, { max: 2, role: 'revenue_ingest', applicationName: `revenue-os-test-${label}-w` });
  let server: ServerType | null = null;
  const port = await new Promise<number>((resolve) => {
    // PUBLIC_BASE_URL is set once the port is known (below): the Origin check also accepts the Host.
    const app = createApp({
      sql,
      workerHealth: () => null,
      inbound: { config: { ...inboundConfig!, ...(options.twilioAuthToken ? { twilioAuthToken: options.twilioAuthToken } : {}) }, ingestSql },
      console: { secret: 'console-test-cookie-secret-0123456789', publicBaseUrl: 'http://127.0.0.1:1' },
    });
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(info.port));
  });
  return {
    db,
    url: `http://127.0.0.1:${port}`,
    demoAccountId: demo!.id,
    otherAccountId: other.accountId,
    otherLeadId: lead!.id,
    otherCampaignId: campaign!.id,
    users,
    close: async () => {
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
      await sql.end({ timeout: 5 });
      await ingestSql.end({ timeout: 5 });
      await db.drop();
    },
  };
}

const inboundConfig = await loadInboundConfig({ APP_SECRET: TEST_APP_SECRET, PUBLIC_BASE_URL: 'http://127.0.0.1:1' } as NodeJS.ProcessEnv);

/** Logs in over HTTP (no browser) and returns the cookie and CSRF token. */
export async function httpLogin(baseUrl: string, email: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${baseUrl}/login`);
  const loginCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: token, email, password, next: '/' }),
  });
  if (res.status !== 303) throw new Error(`login for ${email} answered ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => c.startsWith('ros_session=')).join('; ');
  const home = await fetch(`${baseUrl}/`, { headers: { cookie } });
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await home.text())![1]!;
  return { cookie, csrf };
}
