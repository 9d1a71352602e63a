/**
 * Team management: members, roles, invites and the account switcher. Every
 * decision is one SQL function (sql/1000-1014); this module only calls them.
 * Calls made in a page's tenant transaction take its `tx`; the invite page and
 * the switcher act before or across accounts, so they run on the owner pool
 * as revenue_api through narrow security definer functions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql, TransactionSql } from '../../db/client.ts';
import { withRole } from '../../db/client.ts';
import type { Role } from '../../lib/passwords.ts';
import { at, atOrNull, type Wire } from './wire.ts';

/** 32 random bytes, base64url: 43 characters in the link. */
export const INVITE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) the database keeps instead of the token. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInviteToken(token) };
}

export function inviteLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/invite/${token}`;
}

export interface TeamData {
  members: { user_id: string; email: string; display_name: string | null; role: Role; joined_at: Date; last_login_at: Date | null }[];
  invites: {
    id: string; email: string; role: Role; delivery: 'email' | 'shown'; created_at: Date; expires_at: Date;
    emailed_at: Date | null; email_error: string | null; expired: boolean;
  }[];
}

/** The Team page (public.team_page), in one read. */
export async function loadTeam(tx: TransactionSql): Promise<TeamData> {
  const [r] = await tx<{ page: Wire<TeamData> }[]>`select public.team_page() as page`;
  const p = r!.page;
  return {
    members: p.members.map((m) => ({ ...m, joined_at: at(m.joined_at), last_login_at: atOrNull(m.last_login_at) })),
    invites: p.invites.map((i) => ({ ...i, created_at: at(i.created_at), expires_at: at(i.expires_at), emailed_at: atOrNull(i.emailed_at) })),
  };
}

/** public.create_account_invite: 'email' when the worker will email the link, 'shown' when the caller must show it. */
export async function createInvite(
  tx: TransactionSql,
  a: { actorUserId: string; email: string; role: string; tokenHash: string },
): Promise<{ inviteId: string; delivery: 'email' | 'shown'; expiresAt: Date }> {
  const [r] = await tx<{ invite_id: string; delivery: 'email' | 'shown'; expires_at: Date }[]>`
    select * from public.create_account_invite(${a.actorUserId}, ${a.email}, ${a.role}, ${a.tokenHash})`;
  return { inviteId: r!.invite_id, delivery: r!.delivery, expiresAt: r!.expires_at };
}

export async function revokeInvite(tx: TransactionSql, actorUserId: string, inviteId: string): Promise<void> {
  await tx`select public.revoke_account_invite(${actorUserId}, ${inviteId})`;
}

/** public.change_member_role; the previous role. */
export async function changeRole(tx: TransactionSql, actorUserId: string, userId: string, role: string): Promise<string> {
  const [r] = await tx<{ old: string }[]>`select public.change_member_role(${actorUserId}, ${userId}, ${role}) as old`;
  return r!.old;
}

/** public.remove_account_member; how many of the member's sessions ended. */
export async function removeMember(tx: TransactionSql, actorUserId: string, userId: string): Promise<number> {
  const [r] = await tx<{ ended: number }[]>`select public.remove_account_member(${actorUserId}, ${userId}) as ended`;
  return r!.ended;
}

export interface InvitePreview {
  status: 'open' | 'expired' | 'revoked' | 'used' | 'not_found';
  account_name: string | null;
  email: string | null;
  role: Role | null;
  user_exists: boolean | null;
}

/** What an invite link opens (public.invite_preview). */
export async function invitePreview(sql: Sql, tokenHash: string): Promise<InvitePreview> {
  const rows = await withRole(sql, 'revenue_login', (tx) => tx<InvitePreview[]>`
    select status, account_name, email, role, user_exists from public.invite_preview(${tokenHash})`);
  return rows[0]!;
}

/** A logged-in user accepts (public.accept_account_invite); the session moves to the account. */
export async function acceptInvite(sql: Sql, tokenHash: string, sessionId: string): Promise<{ accountId: string; role: Role }> {
  const rows = await withRole(sql, 'revenue_login', (tx) => tx<{ account_id: string; role: Role }[]>`
    select account_id, role from public.accept_account_invite(${tokenHash}, ${sessionId})`);
  return { accountId: rows[0]!.account_id, role: rows[0]!.role };
}

/** Someone without a login accepts (public.accept_account_invite_as_new_user); the new user's id. */
export async function acceptInviteAsNewUser(sql: Sql, tokenHash: string, displayName: string, passwordHash: string): Promise<string> {
  const rows = await withRole(sql, 'revenue_login', (tx) => tx<{ user_id: string }[]>`
    select public.accept_account_invite_as_new_user(${tokenHash}, ${displayName}, ${passwordHash}) as user_id`);
  return rows[0]!.user_id;
}

export interface SessionAccount {
  account_id: string;
  account_name: string;
  role: Role;
  is_current: boolean;
}

/** The accounts the session's user may switch to (public.session_accounts). */
export async function sessionAccounts(sql: Sql, sessionId: string): Promise<SessionAccount[]> {
  return withRole(sql, 'revenue_login', (tx) => tx<SessionAccount[]>`select * from public.session_accounts(${sessionId})`);
}

/** Moves the session to another of its user's accounts (public.switch_session_account); the new CSRF token. */
export async function switchAccount(sql: Sql, sessionId: string, accountId: string): Promise<string> {
  const rows = await withRole(sql, 'revenue_login', (tx) => tx<{ csrf: string }[]>`
    select public.switch_session_account(${sessionId}, ${accountId}) as csrf`);
  return rows[0]!.csrf;
}
