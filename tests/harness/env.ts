import { randomBytes } from 'node:crypto';
import { connect, withDatabase, type Sql } from '../../db/client.ts';

/**
 * The server tests run against: TEST_DATABASE_URL, else DATABASE_URL, else the
 * local server. Only its host, port and credentials are used; the harness
 * creates and drops its own databases, all named revenue_os_test_*.
 */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
  return url;
}

/** Name prefix of every database the harness creates (TEST_DB_PREFIX lets two runs share a server). */
export const PREFIX = (() => {
  const prefix = process.env.TEST_DB_PREFIX || 'revenue_os_test';
  if (!/^[a-z][a-z0-9_]{2,40}$/.test(prefix)) throw new Error(`TEST_DB_PREFIX must be lower-case letters, digits and _: ${prefix}`);
  return prefix;
})();
export const TEMPLATE = `${PREFIX}_tpl`;

export function adminUrl(): string {
  return withDatabase(serverUrl(), 'postgres');
}

export function templateUrl(): string {
  return withDatabase(serverUrl(), TEMPLATE);
}

export function adminConnection(): Sql {
  return connect(adminUrl(), { max: 1, applicationName: 'revenue-os-test-admin' });
}

export async function dropDatabase(admin: Sql, name: string): Promise<void> {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
}

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** A fresh database cloned from the template: migrations, sql/, pgTAP and test fixtures. */
export async function cloneTemplate(label: string): Promise<TestDatabase> {
  const name = `${PREFIX}_${label.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = adminConnection();
  try {
    await admin.unsafe(`create database "${name}" template "${TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  const sql = connect(url, { max: 5, applicationName: `revenue-os-test-${label}` });
  return {
    name,
    url,
    sql,
    drop: async () => {
      await sql.end({ timeout: 5 });
      const a = adminConnection();
      try {
        await dropDatabase(a, name);
      } finally {
        await a.end();
      }
    },
  };
}
