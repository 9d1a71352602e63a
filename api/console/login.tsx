/**
 * Login, logout and password change. The login form carries its own signed CSRF
 * token (there is no session yet). public.login_begin applies the backoff and
 * records the attempt in one call; the password is verified here (scrypt) and
 * public.login_finish settles the attempt.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { endSession, hashPassword, startSession, verifyPassword, type AuthOptions, type ConsoleEnv } from '../auth.ts';
import { changePassword, loginBegin, loginFinish, revokeSession, type LoginBegin } from '../domain/login.ts';
import { LoginPage } from '../../views/pages/login.tsx';
import { PasswordPage } from '../../views/pages/password.tsx';
import { fullPage, type Ctx } from './helpers.tsx';

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
    const begun = await loginBegin(sql, email, ip);
    if (!begun.attempt_id) {
      log('LOGIN_RATE_LIMITED', { ip, limited_by: begun.limited_by, retry_after: begun.retry_after }, 'warn');
      c.header('Retry-After', String(begun.retry_after));
      return fresh(429, tooMany(begun));
    }
    const ok = await verifyPassword(password, begun.password_hash);
    const sessionId = await loginFinish(sql, {
      attemptId: begun.attempt_id, ok: ok && begun.user_id !== null, userAgent: c.req.header('user-agent') ?? null,
    });
    if (!ok || !sessionId) {
      log('LOGIN_FAILED', { ip }, 'warn');
      return fresh(401, 'Wrong email or password.');
    }
    await startSession(c, auth, sessionId);
    log('LOGIN_SUCCEEDED', { user_id: begun.user_id });
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

/**
 * GET/POST /account/password, behind requireSession: the current password
 * (checked under the login backoff) and a new one twice. Every session of the
 * user ends, this one included; this browser gets a new session at once.
 */
export function passwordRoutes(sql: Sql, auth: AuthOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const page = (c: Ctx, status: 200 | 400 | 401 | 429 = 200, error?: string, done?: boolean) =>
    fullPage(c, 'Change password', 'settings', <PasswordPage csrf={c.get('session').csrfToken} error={error} done={done} />, status);
  app.get('/account/password', (c) => page(c, 200, undefined, c.req.query('done') === '1'));
  app.post('/account/password', async (c) => {
    const session = c.get('session');
    const form = await c.req.parseBody();
    const current = typeof form.current === 'string' ? form.current : '';
    const next = typeof form.password === 'string' ? form.password : '';
    const again = typeof form.confirm === 'string' ? form.confirm : '';
    if (!current) return page(c, 400, 'Enter your current password.');
    if (next.length < 10 || next.length > 200) return page(c, 400, 'The new password needs 10 to 200 characters.');
    if (next !== again) return page(c, 400, 'The two new passwords differ.');
    const ip = clientIp(c);
    const begun = await loginBegin(sql, session.email, ip);
    if (!begun.attempt_id) {
      c.header('Retry-After', String(begun.retry_after));
      return page(c, 429, tooMany(begun));
    }
    const matched = (await verifyPassword(current, begun.password_hash)) && begun.user_id === session.userId;
    const sessionId = await changePassword(sql, {
      sessionId: session.sessionId, attemptId: begun.attempt_id, currentMatched: matched,
      newHash: await hashPassword(next), userAgent: c.req.header('user-agent') ?? null,
    });
    if (!sessionId) {
      log('PASSWORD_CHANGE_FAILED', { user_id: session.userId, ip }, 'warn');
      return page(c, 401, 'The current password is wrong.');
    }
    await startSession(c, auth, sessionId);
    log('PASSWORD_CHANGED', { user_id: session.userId });
    return c.redirect('/account/password?done=1', 303);
  });
  return app;
}

function tooMany(b: LoginBegin): string {
  return b.limited_by === 'account'
    ? `Too many attempts for this account; try again in ${b.retry_after} s`
    : `Too many attempts from this address; try again in ${b.retry_after} s`;
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
