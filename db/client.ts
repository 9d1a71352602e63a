import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;

export interface ConnectOptions {
  max?: number;
  applicationName?: string;
  /** Role every session of the pool runs as (set at connection start). */
  role?: TenantRole;
  /** false: commits return before the WAL is flushed (see worker/start.ts for where that is safe). */
  synchronousCommit?: boolean;
}

/** A postgres.js pool. Notices are dropped: they are not errors and would clutter logs. */
export function connect(url: string, options: ConnectOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'revenue-os',
      ...(options.role ? { role: options.role } : {}),
      ...(options.synchronousCommit === false ? { synchronous_commit: 'off' } : {}),
    },
    // jsonb round-trips as JS values; timestamps stay Date objects.
    types: {},
  });
}

/** Same server, another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error('the database URL names no database');
  return name;
}

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

export type TenantRole = 'revenue_api' | 'revenue_analyst' | 'revenue_worker' | 'revenue_ingest' | 'revenue_login';

/**
 * Runs fn in a transaction that has switched to a restricted role and set
 * app.account_id, so row-level security isolates the account even if a query
 * forgets its filter.
 */
export async function withTenant<T>(
  sql: Sql,
  accountId: string,
  fn: (tx: TransactionSql) => Promise<T>,
  role: TenantRole = 'revenue_api',
): Promise<T> {
  const result = await sql.begin(async (tx) => {
    await tx.unsafe(`set local role ${role}`);
    await tx`select pg_catalog.set_config('app.account_id', ${accountId}, true)`;
    return fn(tx);
  });
  return result as T;
}

/** Runs fn in a transaction under a role, for calls that act across accounts (the worker). */
export async function withRole<T>(sql: Sql, role: TenantRole, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = await sql.begin(async (tx) => {
    await tx.unsafe(`set local role ${role}`);
    return fn(tx);
  });
  return result as T;
}

/**
 * The pool read-only pages read through: a pool on DATABASE_REPLICA_URL (a hot
 * standby of the primary) when one is given, else the primary pool itself.
 */
export function connectReadPool(primary: Sql, replicaUrl: string | undefined, options: ConnectOptions = {}): Sql {
  if (!replicaUrl) return primary;
  return connect(replicaUrl, { applicationName: 'revenue-os-replica', ...options });
}

/**
 * withTenant in a READ ONLY transaction: the same role and app.account_id, and
 * any write is refused (SQLSTATE 25006) on the primary exactly as a hot
 * standby would refuse it, so a read path that writes fails in every setup.
 */
export async function withTenantReadOnly<T>(
  sql: Sql,
  accountId: string,
  fn: (tx: TransactionSql) => Promise<T>,
  role: TenantRole = 'revenue_api',
): Promise<T> {
  const result = await sql.begin('read only', async (tx) => {
    await tx.unsafe(`set local role ${role}`);
    await tx`select pg_catalog.set_config('app.account_id', ${accountId}, true)`;
    return fn(tx);
  });
  return result as T;
}

/** The primary's current WAL position (pg_current_wal_lsn), as text: what a replica must have replayed to show our writes. */
export async function primaryWalPosition(sql: Sql): Promise<string> {
  const [r] = await sql<{ lsn: string }[]>`select pg_catalog.pg_current_wal_lsn()::text as lsn`;
  return r!.lsn;
}

/**
 * Whether the server behind sql has replayed WAL up to lsn. A server that is
 * not in recovery (a primary) has, by definition, every write it accepted.
 */
export async function hasReplayed(sql: Sql, lsn: string): Promise<boolean> {
  const [r] = await sql<{ ok: boolean }[]>`
    select coalesce(pg_catalog.pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, true) as ok`;
  return r!.ok;
}
