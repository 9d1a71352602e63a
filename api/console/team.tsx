/**
 * Team management: the Team page under settings (members, roles, invites),
 * the invite link's page (answered before any session exists) and the
 * account switcher. Each action is one call in api/domain/team.ts.
 */
import { Hono } from 'hono';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { EmailSchema } from '../../lib/users.ts';
import { can, hashPassword, isCrossSite, readSession, tokensEqual, requirePermission, type AuthOptions, type ConsoleEnv } from '../auth.ts';
import {
  acceptInvite,
  acceptInviteAsNewUser,
  changeRole,
  createInvite,
  hashInviteToken,
  INVITE_TOKEN,
  inviteLink,
  invitePreview,
  loadTeam,
  newInviteToken,
  removeMember,
  revokeInvite,
  sessionAccounts,
  switchAccount,
} from '../domain/team.ts';
import { InvitePage, type InviteView } from '../../views/pages/invite.tsx';
import { TeamPage, type TeamNotice } from '../../views/pages/team.tsx';
import { AccountSwitcher } from '../../views/layout.tsx';
import { Notice } from '../../views/ui.tsx';
import { readableDbError } from './errors.ts';
import { fullPage, text, type Ctx } from './helpers.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A refusal of the team functions as a status and a sentence; null when it is not one (then it is ours: 500). */
function refusal(error: unknown): { status: 400 | 403 | 404 | 409 | 410; code: string; message: string } | null {
  const e = error as { code?: string; message?: string; detail?: string };
  if (e?.code === '42501' && e.detail) return { status: 403, code: e.message ?? 'forbidden', message: sentence(e.detail) };
  if (e?.code === '55000' && e.message?.startsWith('invite_')) return { status: 410, code: e.message, message: sentence(e.detail ?? 'this invite no longer works') };
  const r = readableDbError(error);
  return r ? { status: r.status, code: r.code, message: r.message } : null;
}

function sentence(s: string): string {
  const t = s.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

const DONE: Record<string, string> = {
  role: 'Role changed. It applies from their next request.',
  removed: 'Member removed; their sessions in this account have ended.',
  revoked: 'Invite revoked; its link no longer works.',
};

/** The Team page and its actions, behind requireSession. */
export function teamRoutes(publicBaseUrl: string): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const page = async (c: Ctx, notice?: TeamNotice, status: 200 | 400 | 403 | 404 | 409 = 200) => {
    const s = c.get('session');
    const team = await c.get('db')(loadTeam);
    return fullPage(c, 'Team', 'settings',
      <TeamPage team={team} csrf={s.csrfToken} me={s.userId} canManage={can(s.role, 'users.manage')} notice={notice} />, status);
  };

  /** Runs one change; on a refusal shows the page with the reason and the refusal's status. */
  const change = async (c: Ctx, fn: () => Promise<Response>) => {
    try {
      return await fn();
    } catch (error) {
      const r = refusal(error);
      if (!r) throw error;
      log('TEAM_CHANGE_REFUSED', { path: c.req.routePath, code: r.code }, 'warn');
      return page(c, { kind: 'error', text: r.message }, r.status === 410 ? 409 : r.status);
    }
  };

  app.get('/settings/team', (c) => {
    const done = DONE[c.req.query('done') ?? ''];
    return page(c, done ? { kind: 'ok', text: done } : undefined);
  });

  app.post('/settings/team/invite', requirePermission('users.manage'), async (c) => {
    const form = await c.req.parseBody();
    const email = EmailSchema.safeParse(text(form, 'email'));
    if (!email.success) return page(c, { kind: 'error', text: `${text(form, 'email') || 'That'} is not an email address (like name@example.com). Nothing was sent.` }, 400);
    const s = c.get('session');
    const { token, hash } = newInviteToken();
    return change(c, async () => {
      const r = await c.get('db')((tx) => createInvite(tx, { actorUserId: s.userId, email: email.data, role: text(form, 'role'), tokenHash: hash }));
      log('INVITE_CREATED', { invite_id: r.inviteId, role: text(form, 'role'), delivery: r.delivery, by_user_id: s.userId });
      if (r.delivery === 'email') {
        return page(c, { kind: 'ok', text: `Invite to ${email.data} is being emailed; the link is valid for 7 days.` });
      }
      return page(c, {
        kind: 'info',
        text: `This account has no email provider, so the invite to ${email.data} was not emailed. Send them this link yourself; it is shown only now and is valid for 7 days:`,
        link: inviteLink(publicBaseUrl, token),
      });
    });
  });

  app.post('/settings/team/invites/:id/revoke', requirePermission('users.manage'), (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) return page(c, { kind: 'error', text: 'No such invite.' }, 404);
    return change(c, async () => {
      await c.get('db')((tx) => revokeInvite(tx, c.get('session').userId, id));
      log('INVITE_REVOKED', { invite_id: id, by_user_id: c.get('session').userId });
      return c.redirect('/settings/team?done=revoked', 303);
    });
  });

  app.post('/settings/team/members/:id/role', requirePermission('users.manage'), async (c) => {
    const id = c.req.param('id');
    const role = text(await c.req.parseBody(), 'role');
    if (!UUID.test(id)) return page(c, { kind: 'error', text: 'No such member.' }, 404);
    return change(c, async () => {
      const old = await c.get('db')((tx) => changeRole(tx, c.get('session').userId, id, role));
      log('MEMBER_ROLE_CHANGED', { user_id: id, from: old, to: role, by_user_id: c.get('session').userId });
      return c.redirect('/settings/team?done=role', 303);
    });
  });

  app.post('/settings/team/members/:id/remove', requirePermission('users.manage'), (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) return page(c, { kind: 'error', text: 'No such member.' }, 404);
    return change(c, async () => {
      const ended = await c.get('db')((tx) => removeMember(tx, c.get('session').userId, id));
      log('MEMBER_REMOVED', { user_id: id, sessions_ended: ended, by_user_id: c.get('session').userId });
      // Removing yourself ended this session too.
      return c.redirect(id === c.get('session').userId ? '/login' : '/settings/team?done=removed', 303);
    });
  });

  return app;
}

/** The account switcher (a header fragment) and the switch itself, behind requireSession. */
export function switchRoutes(sql: Sql): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/account/switcher', async (c) => {
    const s = c.get('session');
    const accounts = await sessionAccounts(sql, s.sessionId);
    return c.html(<AccountSwitcher accounts={accounts} csrf={s.csrfToken} />);
  });

  app.post('/account/switch', async (c) => {
    const s = c.get('session');
    const accountId = text(await c.req.parseBody(), 'account_id');
    if (!UUID.test(accountId)) {
      return fullPage(c, 'Switch account', 'dashboard', <Notice kind="error">Choose an account to switch to.</Notice>, 400);
    }
    try {
      await switchAccount(sql, s.sessionId, accountId);
    } catch (error) {
      const r = refusal(error);
      if (!r) throw error;
      log('ACCOUNT_SWITCH_REFUSED', { user_id: s.userId, account_id: accountId, code: r.code }, 'warn');
      return fullPage(c, 'Switch account', 'dashboard', <Notice kind="error">{r.message}</Notice>, r.status === 403 ? 403 : 400);
    }
    log('ACCOUNT_SWITCHED', { user_id: s.userId, from_account_id: s.accountId, to_account_id: accountId });
    return c.redirect('/', 303);
  });

  return app;
}

/**
 * GET and POST /invite/<token>, before requireSession: a session is used when
 * there is one. The token in the path is the secret; only its hash reaches SQL.
 */
export function inviteRoutes(sql: Sql, auth: AuthOptions): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const closed = (c: Ctx, status: 404 | 410, message: string) => c.html(<InvitePage v={{ kind: 'closed', message }} action="" />, status);
  const CLOSED = {
    not_found: [404, 'This invite link is not valid. Check that you copied all of it, or ask for a new invite.'],
    expired: [410, 'This invite has expired. Ask an owner of the account for a new one.'],
    revoked: [410, 'This invite was withdrawn. Ask an owner of the account for a new one.'],
    used: [410, 'This invite was already accepted. Log in to use the account.'],
  } as const;

  /** The invite behind the path's token, or the page saying why it opens nothing. */
  const open = async (c: Ctx) => {
    const token = c.req.param('token') ?? '';
    if (!INVITE_TOKEN.test(token)) return { page: closed(c, 404, CLOSED.not_found[1]) };
    const hash = hashInviteToken(token);
    const p = await invitePreview(sql, hash);
    if (p.status !== 'open') {
      const [status, message] = CLOSED[p.status];
      return { page: closed(c, status, message) };
    }
    return { hash, action: `/invite/${token}`, invite: p as Required<typeof p> & { account_name: string; email: string; role: string } };
  };

  app.get('/invite/:token', async (c) => {
    const o = await open(c);
    if (o.page) return o.page;
    const { invite: i, action } = o;
    const session = await readSession(c, auth);
    let v: InviteView;
    if (session && session.email === i.email) v = { kind: 'join', account: i.account_name, email: i.email, role: i.role, csrf: session.csrfToken };
    else if (session) v = { kind: 'other_user', account: i.account_name, email: i.email, me: session.email, csrf: session.csrfToken };
    else if (i.user_exists) v = { kind: 'log_in', account: i.account_name, email: i.email, role: i.role, next: action };
    else v = { kind: 'new_user', account: i.account_name, email: i.email, role: i.role };
    return c.html(<InvitePage v={v} action={action} />);
  });

  app.post('/invite/:token', async (c) => {
    // Same-origin only, as every console change.
    if (isCrossSite(c, auth.publicOrigin)) {
      log('CSRF_REJECTED', { path: '/invite', reason: 'origin' }, 'warn');
      return c.json({ error: 'csrf', reason: 'cross-site request refused' }, 403);
    }
    const o = await open(c);
    if (o.page) return o.page;
    const { invite: i, action, hash } = o;
    const form = await c.req.parseBody();
    const session = await readSession(c, auth);
    try {
      if (session) {
        if (!tokensEqual(text(form, '_csrf'), session.csrfToken)) {
          log('CSRF_REJECTED', { path: '/invite', reason: 'mismatch' }, 'warn');
          return c.json({ error: 'csrf', reason: 'missing or wrong CSRF token' }, 403);
        }
        const r = await acceptInvite(sql, hash, session.sessionId);
        log('INVITE_ACCEPTED', { user_id: session.userId, account_id: r.accountId, role: r.role, new_user: false });
        return c.redirect('/', 303);
      }
      if (i.user_exists) {
        return c.html(<InvitePage v={{ kind: 'log_in', account: i.account_name, email: i.email, role: i.role, next: action }} action={action} />, 409);
      }
      const displayName = text(form, 'display_name');
      const password = typeof form.password === 'string' ? form.password : '';
      const again = typeof form.password_again === 'string' ? form.password_again : '';
      const retry = (error: string) =>
        c.html(<InvitePage v={{ kind: 'new_user', account: i.account_name, email: i.email, role: i.role, error, displayName }} action={action} />, 400);
      if (!displayName || displayName.length > 200) return retry('Enter your name (at most 200 characters).');
      if (password.length < 10 || password.length > 200) return retry('Choose a password of 10 to 200 characters.');
      if (password !== again) return retry('The two passwords differ.');
      const userId = await acceptInviteAsNewUser(sql, hash, displayName, await hashPassword(password));
      log('INVITE_ACCEPTED', { user_id: userId, role: i.role, new_user: true });
      return c.html(<InvitePage v={{ kind: 'joined', account: i.account_name }} action={action} />);
    } catch (error) {
      const r = refusal(error);
      if (!r) throw error;
      log('INVITE_ACCEPT_REFUSED', { code: r.code }, 'warn');
      return c.html(<InvitePage v={{ kind: 'closed', message: r.message }} action={action} />, r.status);
    }
  });

  return app;
}
