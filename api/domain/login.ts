/**
 * Login and logout: the calls made before a session exists, so they run on the
 * owner pool as revenue_api (asApi) rather than in a tenant transaction.
 */
import type { Sql, TransactionSql } from '../../db/client.ts';

async function asApi<T>(sql: Sql, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx.unsafe('set local role revenue_api');
    return fn(tx);
  })) as T;
}

export interface LoginLookup {
  user_id: string | null;
  password_hash: string | null;
  rate_limited: boolean;
}

/** The user an email names and whether this address is rate-limited (public.login_lookup). */
export async function loginLookup(sql: Sql, email: string, ip: string | null): Promise<LoginLookup> {
  const rows = await asApi(sql, (tx) => tx<LoginLookup[]>`select * from public.login_lookup(${email}, ${ip})`);
  return rows[0]!;
}

/** Records the attempt (public.login_complete); the new session's id when it succeeded, else null. */
export async function loginComplete(
  sql: Sql,
  a: { email: string; ip: string | null; userAgent: string | null; userId: string | null; ok: boolean },
): Promise<string | null> {
  const rows = await asApi(sql, (tx) => tx<{ session_id: string }[]>`
    select * from public.login_complete(${a.email}, ${a.ip}, ${a.userAgent}, ${a.userId}, ${a.ok})`);
  return rows[0]?.session_id ?? null;
}

/** Ends a session (public.session_revoke). */
export async function revokeSession(sql: Sql, sessionId: string): Promise<void> {
  await asApi(sql, (tx) => tx`select public.session_revoke(${sessionId})`);
}
