/**
 * Login and logout. The login form carries its own signed CSRF token (there is
 * no session yet); failures are rate-limited per address by public.login_lookup.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { endSession, startSession, verifyPassword, type AuthOptions, type ConsoleEnv } from '../auth.ts';
import { loginComplete, loginLookup, revokeSession } from '../domain/login.ts';
import { LoginPage } from '../../views/pages/login.tsx';
import type { Ctx } from './helpers.tsx';

const LOGIN_CSRF_COOKIE = 'ros_login';

export function loginRoutes(sql: Sql, secret: string, auth: AuthOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const newToken = async (c: Ctx) => {
    const token = randomBytes(24).toString('base64url');
    await setSignedCookie(c, LOGIN_CSRF_COOKIE, token, secret, {
      httpOnly: true, sameSite: 'Lax', secure: auth.secureCookies, path: '/login', maxAge: 3600,
    });
    return token;
  };

  app.get('/login', async (c) => {
    const token = await newToken(c);
    return c.html(<LoginPage token={token} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const expected = await getSignedCookie(c, secret, LOGIN_CSRF_COOKIE);
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const fresh = async (status: 400 | 401 | 403 | 429, error: string) => {
      const token = await newToken(c);
      return c.html(<LoginPage token={token} next={next} error={error} email={typeof form.email === 'string' ? form.email : ''} />, status);
    };
    if (!expected || !sent || !equal(expected, sent)) {
      log('CSRF_REJECTED', { path: '/login', reason: 'login_token' }, 'warn');
      return fresh(403, 'The form expired. Please try again.');
    }
    const email = typeof form.email === 'string' ? form.email.trim().toLowerCase() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    if (!email || !password || email.length > 320 || password.length > 200) return fresh(400, 'Enter your email and password.');
    const ip = clientIp(c);
    const row = await loginLookup(sql, email, ip);
    if (row.rate_limited) {
      log('LOGIN_RATE_LIMITED', { ip }, 'warn');
      return fresh(429, 'Too many failed logins. Wait a minute and try again.');
    }
    const ok = await verifyPassword(password, row.password_hash);
    const sessionId = await loginComplete(sql, {
      email, ip, userAgent: c.req.header('user-agent') ?? null, userId: row.user_id, ok: ok && row.user_id !== null,
    });
    if (!ok || !sessionId) {
      log('LOGIN_FAILED', { ip }, 'warn');
      return fresh(401, 'Wrong email or password.');
    }
    await startSession(c, auth, sessionId);
    log('LOGIN_SUCCEEDED', { user_id: row.user_id });
    return c.redirect(next, 303);
  });

  return app;
}

/** POST /logout, mounted behind requireSession. */
export function logoutRoutes(sql: Sql): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.post('/logout', async (c) => {
    await revokeSession(sql, c.get('session').sessionId);
    endSession(c);
    return c.redirect('/login', 303);
  });
  return app;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}

function clientIp(c: Ctx): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
