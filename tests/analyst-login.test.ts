/**
 * `make analyst`: an analyst's own database login, bound to one account. The test
 * runs the make target against a test database, connects over TCP as the login it
 * created (with the printed password; the local server trusts 127.0.0.1, so the
 * password is also checked against the stored SCRAM verifier), and checks that the
 * login reads its account only, whatever app.account_id it sets.
 * Roles are cluster-wide: every login here has a unique name and is dropped after.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { connect, type Sql } from '../db/client.ts';
import { scramSha256Verifier } from '../lib/scram.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let accountA: string;
let accountB: string;
let leadA: string;
let userA: string;
const suffix = randomBytes(4).toString('hex');
const LOGIN = `tap_bi_${suffix}`;
const UNMAPPED = `tap_bi_unmapped_${suffix}`;
let password = '';

function makeAnalyst(vars: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, ...vars };
  for (const k of ['ACCOUNT', 'NAME', 'ROTATE', 'DROP']) if (!(k in vars)) delete env[k];
  return new Promise((resolve) => {
    execFile('make', ['--no-print-directory', 'analyst'], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A connection over TCP as the login, with its password. */
function connectAs(login: string, secret: string): Sql {
  const u = new URL(db.url);
  u.username = login;
  u.password = secret;
  return connect(u.toString(), { max: 1, applicationName: 'revenue-os-test-analyst-login' });
}

/** Whether the stored SCRAM verifier of the login is the one for this password. */
async function passwordMatches(login: string, secret: string): Promise<boolean> {
  const [row] = await db.sql<{ rolpassword: string | null }[]>`select rolpassword from pg_catalog.pg_authid where rolname = ${login}`;
  const m = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(row?.rolpassword ?? '');
  if (!m) return false;
  return scramSha256Verifier(secret, { iterations: Number(m[1]), salt: Buffer.from(m[2]!, 'base64') }) === row!.rolpassword;
}

beforeAll(async () => {
  db = await cloneTemplate('analyst_login');
  const [a] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Acme', 'acme') returning id`;
  const [b] = await db.sql<{ id: string }[]>`insert into public.accounts (name, slug) values ('Bravo', 'bravo') returning id`;
  accountA = a!.id;
  accountB = b!.id;
  const [la] = await db.sql<{ id: string }[]>`
    insert into public.leads (account_id, first_name, phone, source) values (${accountA}, 'Ana', '+13055550101', 'import') returning id`;
  leadA = la!.id;
  await db.sql`insert into public.leads (account_id, first_name, phone, source) values (${accountB}, 'Bruno', '+13055550202', 'import')`;
  for (const [account, email] of [[accountA, `a-${suffix}@example.com`], [accountB, `b-${suffix}@example.com`]] as const) {
    const [u] = await db.sql<{ id: string }[]>`insert into public.users (email, password_hash) values (${email}, 'scrypt$x') returning id`;
    await db.sql`insert into public.account_members (account_id, user_id, role) values (${account}, ${u!.id}, 'setter')`;
    if (account === accountA) userA = u!.id;
  }
  await db.sql`insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, body)
               select l.account_id, l.id, 'sms', 'analyst-login-' || l.first_name, 'sink', 'hello' from public.leads l`;
});

afterAll(async () => {
  if (!db) return;
  for (const role of [LOGIN, UNMAPPED]) await db.sql.unsafe(`drop role if exists "${role}"`);
  await db.drop();
});

describe('make analyst', () => {
  it('creates a login bound to the account and prints its password once', async () => {
    const r = await makeAnalyst({ ACCOUNT: 'acme', NAME: LOGIN });
    expect(r.stderr).toContain(`Created the analyst login ${LOGIN} (account acme)`);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    password = lines[0]!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(r.stderr).not.toContain(password);
    const u = new URL(db.url);
    expect(r.stderr).toContain(`host ${u.hostname}  port ${u.port}  database ${db.name}  user ${LOGIN}`);

    // The role: a login, a member of revenue_analyst and nothing else, read-only by default.
    const [role] = await db.sql<{ rolcanlogin: boolean; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean; member_of: string[] }[]>`
      select r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolbypassrls,
             array(select g.rolname::text from pg_catalog.pg_auth_members m join pg_catalog.pg_roles g on g.oid = m.roleid
                   where m.member = r.oid order by 1) as member_of
      from pg_catalog.pg_roles r where r.rolname = ${LOGIN}`;
    expect(role).toEqual({ rolcanlogin: true, rolsuper: false, rolcreaterole: false, rolbypassrls: false, member_of: ['revenue_analyst'] });
    expect(await passwordMatches(LOGIN, password)).toBe(true);
    const [binding] = await db.sql<{ account_id: string }[]>`select account_id from private.analyst_logins where login = ${LOGIN}`;
    expect(binding?.account_id).toBe(accountA);
  });

  it('the login reads its account only, whatever app.account_id it sets', async () => {
    const analyst = connectAs(LOGIN, password);
    try {
      const [who] = await analyst<{ session_user: string; read_only: string }[]>`
        select session_user, current_setting('default_transaction_read_only') as read_only`;
      expect(who).toEqual({ session_user: LOGIN, read_only: 'on' });
      expect((await analyst<{ id: string }[]>`select id from public.leads`).map((r) => r.id)).toEqual([leadA]);

      await analyst`select set_config('app.account_id', ${accountB}, false)`;
      expect((await analyst<{ id: string }[]>`select id from public.leads`).map((r) => r.id)).toEqual([leadA]);
      expect((await analyst<{ account_id: string }[]>`select distinct account_id from public.outbound_messages`).map((r) => r.account_id)).toEqual([accountA]);
      expect((await analyst<{ id: string }[]>`select id from public.users`).map((r) => r.id)).toEqual([userA]);
      expect((await analyst<{ id: string }[]>`select id from public.accounts`).map((r) => r.id)).toEqual([accountA]);
      expect((await analyst<{ lead_id: string }[]>`select lead_id from public.lead_next_action_view_v5`).map((r) => r.lead_id)).toEqual([leadA]);

      await expect(analyst`select * from private.analyst_logins`).rejects.toMatchObject({ code: '42501' });
      await expect(analyst`update public.leads set first_name = 'x'`).rejects.toMatchObject({ code: '25006' });
      await expect(analyst.begin('read write', (tx) => tx`update public.leads set first_name = 'x'`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await analyst.end({ timeout: 5 });
    }
  });

  it('a login given revenue_analyst by hand, without a binding, reads nothing', async () => {
    await db.sql.unsafe(`create role "${UNMAPPED}" login in role revenue_analyst`);
    const other = connectAs(UNMAPPED, 'unused-under-trust');
    try {
      await other`select set_config('app.account_id', ${accountA}, false)`;
      const [counts] = await other<{ leads: number; accounts: number }[]>`
        select (select count(*)::int from public.leads) as leads, (select count(*)::int from public.accounts) as accounts`;
      expect(counts).toEqual({ leads: 0, accounts: 0 });
    } finally {
      await other.end({ timeout: 5 });
    }
  });

  it('refuses an existing login and keeps its password; ROTATE=1 gives it a new one', async () => {
    const again = await makeAnalyst({ ACCOUNT: 'acme', NAME: LOGIN });
    expect(again.code).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`analyst_login_exists: the analyst login ${LOGIN} exists (account acme): Pass ROTATE=1`);
    expect(await passwordMatches(LOGIN, password)).toBe(true);

    const elsewhere = await makeAnalyst({ ACCOUNT: 'bravo', NAME: LOGIN, ROTATE: '1' });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stderr).toContain('is bound to account acme, not bravo');

    const rotated = await makeAnalyst({ ACCOUNT: 'acme', NAME: LOGIN, ROTATE: '1' });
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toContain(`New password for the analyst login ${LOGIN}`);
    const fresh = rotated.stdout.trim();
    expect(fresh).not.toBe(password);
    expect(await passwordMatches(LOGIN, fresh)).toBe(true);
    expect(await passwordMatches(LOGIN, password)).toBe(false);
    password = fresh;
  });

  it('names a bad account, a bad name and a role that is not an analyst login', async () => {
    const noAccount = await makeAnalyst({ ACCOUNT: 'nobody', NAME: `tap_bi_none_${suffix}` });
    expect(noAccount.code).not.toBe(0);
    expect(noAccount.stderr).toContain("account_not_found: no account with slug 'nobody'");

    const badName = await makeAnalyst({ ACCOUNT: 'acme', NAME: 'Robert; drop table leads' });
    expect(badName.code).not.toBe(0);
    expect(badName.stderr).toContain('NAME: must be 3-63 lower-case letters, digits or _');

    const taken = await makeAnalyst({ ACCOUNT: 'acme', NAME: 'postgres' });
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('role_exists: a database role named postgres exists and is not an analyst login of this database');
    const [roles] = await db.sql<{ n: number }[]>`select count(*)::int as n from pg_catalog.pg_roles where rolname = ${`tap_bi_none_${suffix}`}`;
    expect(roles!.n).toBe(0);
  });

  it('DROP=1 removes the login and its binding', async () => {
    const r = await makeAnalyst({ NAME: LOGIN, DROP: '1' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Removed the analyst login ${LOGIN}.`);
    const [left] = await db.sql<{ roles: number; bindings: number }[]>`
      select (select count(*)::int from pg_catalog.pg_roles where rolname = ${LOGIN}) as roles,
             (select count(*)::int from private.analyst_logins where login = ${LOGIN}) as bindings`;
    expect(left).toEqual({ roles: 0, bindings: 0 });
    const unmapped = await makeAnalyst({ NAME: UNMAPPED, DROP: '1' });
    expect(unmapped.code).not.toBe(0);
    expect(unmapped.stderr).toContain('is not an analyst login of this database');
  });
});
