/**
 * Login, logout, password change and reading a session: the calls made before
 * (or about) a session, so they run on the owner pool as revenue_login, a role
 * that may execute only these security definer functions.
 */
import type { Sql, TransactionSql } from '../../db/client.ts';

async function asLogin<T>(sql: Sql, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx.unsafe('set local role revenue_login');
    return fn(tx);
  })) as T;
}

export interface LoginBegin {
  /** Null when the attempt was refused by the backoff. */
  attempt_id: string | null;
  user_id: string | null;
  password_hash: string | null;
  /** Seconds to wait; 0 when the attempt may go ahead. */
  retry_after: number;
  limited_by: 'address' | 'account' | null;
}

/**
 * Applies the backoff and records a pending attempt in one call
 * (public.login_begin); the password is verified between this and the finish.
 */
export async function loginBegin(sql: Sql, email: string, ip: string | null): Promise<LoginBegin> {
  const rows = await asLogin(sql, (tx) => tx<LoginBegin[]>`
    select attempt_id::text, user_id, password_hash, retry_after, limited_by from public.login_begin(${email}, ${ip})`);
  return rows[0]!;
}

/** Settles the attempt (public.login_finish); the new session's id when it succeeded, else null. */
export async function loginFinish(
  sql: Sql,
  a: { attemptId: string; ok: boolean; userAgent: string | null },
): Promise<string | null> {
  const rows = await asLogin(sql, (tx) => tx<{ session_id: string }[]>`
    select session_id from public.login_finish(${a.attemptId}::bigint, ${a.ok}, ${a.userAgent})`);
  return rows[0]?.session_id ?? null;
}

/**
 * Settles a password-confirmation attempt and, when the current password
 * matched, stores the new hash (public.password_change): every session of the
 * user ends; the new session's id is returned. Null when it did not match.
 */
export async function changePassword(
  sql: Sql,
  a: { sessionId: string; attemptId: string; currentMatched: boolean; newHash: string; userAgent: string | null },
): Promise<string | null> {
  const rows = await asLogin(sql, (tx) => tx<{ session_id: string }[]>`
    select session_id from public.password_change(${a.sessionId}, ${a.attemptId}::bigint, ${a.currentMatched}, ${a.newHash}, ${a.userAgent})`);
  return rows[0]?.session_id ?? null;
}

export interface SessionRow {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string | null;
  account_id: string;
  account_name: string;
  role: string;
  csrf_token: string;
}

/** Who a session is (public.session_context); null when it is not valid. */
export async function sessionContext(sql: Sql, sessionId: string): Promise<SessionRow | null> {
  const rows = await asLogin(sql, (tx) => tx<SessionRow[]>`select * from public.session_context(${sessionId})`);
  return rows[0] ?? null;
}

/** Ends a session (public.session_revoke). */
export async function revokeSession(sql: Sql, sessionId: string): Promise<void> {
  await asLogin(sql, (tx) => tx`select public.session_revoke(${sessionId})`);
}
