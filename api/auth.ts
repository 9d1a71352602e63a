/**
 * Console access: scrypt password hashes, sessions in signed httpOnly cookies,
 * CSRF tokens on every state-changing request, and role checks on the server.
 * Who may do what is in PERMISSIONS; every route asks `can(...)`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import { hasReplayed, primaryWalPosition, withTenant, withTenantReadOnly, type Sql, type TransactionSql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import { sessionContext } from './domain/login.ts';

export { hashPassword, verifyPassword } from '../lib/passwords.ts';

export type { Role } from '../lib/passwords.ts';
import type { Role } from '../lib/passwords.ts';

export type Permission =
  | 'campaigns.toggle'
  | 'campaigns.enroll'
  | 'programs.control'
  | 'settings.edit'
  | 'providers.edit'
  | 'users.manage'
  | 'leads.act'
  | 'leads.import'
  | 'analytics.export';

/** Viewers and analysts read everything and change nothing. */
const PERMISSIONS: Record<Permission, readonly Role[]> = {
  'campaigns.toggle': ['owner', 'admin'],
  'campaigns.enroll': ['owner', 'admin'],
  'programs.control': ['owner', 'admin'],
  'settings.edit': ['owner', 'admin'],
  'providers.edit': ['owner'],
  'users.manage': ['owner'],
  'leads.act': ['owner', 'admin', 'setter'],
  'leads.import': ['owner', 'admin'],
  // Exports carry lead names out of the console: the people who report on the account.
  'analytics.export': ['owner', 'admin', 'analyst'],
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[permission].includes(role);
}

export interface Session {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string | null;
  accountId: string;
  accountName: string;
  role: Role;
  csrfToken: string;
}

export interface ConsoleEnv {
  Variables: {
    session: Session;
    /** Runs fn in a transaction as revenue_api with app.account_id set (row-level security). */
    db: <T>(fn: (tx: TransactionSql) => Promise<T>) => Promise<T>;
    /**
     * For read-only pages: like db, but in a READ ONLY transaction on the read
     * pool (DATABASE_REPLICA_URL), or on the primary when there is none, or
     * when the replica has not yet replayed this browser's last write.
     */
    readDb: <T>(fn: (tx: TransactionSql) => Promise<T>) => Promise<T>;
  };
}

export interface AuthOptions {
  sql: Sql;
  /** The read pool (db/client.ts connectReadPool); absent or the same pool as sql: no replica. */
  readSql?: Sql;
  secret: string;
  /** Cookies are Secure when the public URL is https. */
  secureCookies: boolean;
  /** Scheme and host of the public URL, for the Origin check. */
  publicOrigin: string;
}

export const SESSION_COOKIE = 'ros_session';

export async function startSession(c: Context, options: AuthOptions, sessionId: string): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, sessionId, options.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secureCookies,
    path: '/',
    maxAge: 12 * 3600,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function readSession(c: Context, options: AuthOptions): Promise<Session | null> {
  const id = await getSignedCookie(c, options.secret, SESSION_COOKIE);
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const r = await sessionContext(options.sql, id);
  if (!r) return null;
  return {
    sessionId: r.session_id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    accountId: r.account_id,
    accountName: r.account_name,
    role: r.role as Role,
    csrfToken: r.csrf_token,
  };
}

/** Constant-time comparison of a CSRF token with the session's. */
export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** A browser's Origin that is neither the public URL's nor the host this request came to. */
export function isCrossSite(c: Context, publicOrigin: string): boolean {
  const origin = c.req.header('origin');
  return Boolean(origin && origin !== publicOrigin && hostOf(origin) !== c.req.header('host'));
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requires a valid session; for state-changing methods also a matching CSRF token
 * (form field _csrf or header X-CSRF-Token) and, when the browser sends one, an
 * Origin equal to the public URL's.
 */
export function requireSession(options: AuthOptions): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = await readSession(c, options);
    if (!session) {
      const wantsHtml = (c.req.header('accept') ?? '').includes('text/html') && !c.req.header('hx-request');
      if (wantsHtml && c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
      if (c.req.header('hx-request')) {
        c.header('HX-Redirect', '/login');
        return c.body(null, 401);
      }
      return c.json({ error: 'not_logged_in', reason: 'log in first' }, 401);
    }
    if (UNSAFE.has(c.req.method)) {
      // Same-origin only: the public URL's origin, or the host this request came to.
      if (isCrossSite(c, options.publicOrigin)) {
        log('CSRF_REJECTED', { path: c.req.path, reason: 'origin' }, 'warn');
        return c.json({ error: 'csrf', reason: 'cross-site request refused' }, 403);
      }
      let token = c.req.header('x-csrf-token') ?? '';
      const type = c.req.header('content-type') ?? '';
      if (!token && (type.includes('form-urlencoded') || type.includes('multipart/form-data'))) {
        const form = await c.req.parseBody();
        token = typeof form._csrf === 'string' ? form._csrf : '';
      }
      if (!token || !tokensEqual(token, session.csrfToken)) {
        log('CSRF_REJECTED', { path: c.req.path, reason: token ? 'mismatch' : 'missing' }, 'warn');
        return c.json({ error: 'csrf', reason: 'missing or wrong CSRF token' }, 403);
      }
    }
    c.set('session', session);
    c.set('db', (fn) => withTenant(options.sql, session.accountId, fn));
    const replica = options.readSql && options.readSql !== options.sql ? options.readSql : null;
    c.set('readDb', async (fn) => {
      const wrote = c.req.method === 'GET' ? lastWrite(c) : null;
      // A request that changes something, or a browser whose last write the replica has
      // not replayed yet, reads the primary: it must see what it just did.
      const pool = replica && c.req.method === 'GET' && (!wrote || (await hasReplayed(replica, wrote))) ? replica : options.sql;
      return withTenantReadOnly(pool, session.accountId, fn);
    });
    await next();
    if (replica && UNSAFE.has(c.req.method)) {
      setCookie(c, WROTE_COOKIE, await primaryWalPosition(options.sql), {
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.secureCookies,
        path: '/',
        maxAge: WROTE_MAX_AGE_SECONDS,
      });
    }
  };
}

/**
 * Read-your-writes with a replica: after a POST (PUT, PATCH, DELETE) the browser
 * keeps the primary's WAL position for a while; its GETs of read-only pages read
 * the replica only once the replica has replayed that position. Unsigned: a
 * forged value can only send that browser's own reads to the primary.
 */
export const WROTE_COOKIE = 'ros_wrote';
export const WROTE_MAX_AGE_SECONDS = 300;
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

function lastWrite(c: Context): string | null {
  const v = getCookie(c, WROTE_COOKIE);
  return v && LSN.test(v) ? v : null;
}

/** 403 unless the session's role has the permission (checked on the server for every route). */
export function requirePermission(permission: Permission): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (!can(session.role, permission)) {
      log('PERMISSION_DENIED', { path: c.req.path, role: session.role, permission }, 'warn');
      // htmx swaps the answer into the page: a sentence, not JSON. (The role names are fixed words.)
      if (c.req.header('hx-request')) {
        return c.html(`<p class="notice notice-error" role="alert">Your role (${session.role}) may not do this.</p>`, 403);
      }
      return c.json({ error: 'forbidden', reason: `your role (${session.role}) may not do this` }, 403);
    }
    await next();
  };
}
