/**
 * Builds the test template database from scratch: migrations + graphile-worker +
 * sql/, checks drift and db/schema.sql, then loads pgTAP and tests/sql/fixtures.
 * Leftover revenue_os_test_* databases from earlier runs are dropped first.
 *
 *   tsx tests/harness/prepare.ts [--write-schema]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildDatabase, checkSchemaFile, dumpSchema, ROOT, SCHEMA_FILE } from '../../db/build.ts';
import { connect } from '../../db/client.ts';
import { buildTaskList } from '../../worker/tasks/index.ts';
import type { WorkerDeps } from '../../worker/deps.ts';
import { log } from '../../lib/log.ts';
import { adminConnection, dropDatabase, PREFIX, TEMPLATE, templateUrl } from './env.ts';

const FIXTURES_DIR = path.join(ROOT, 'tests', 'sql', 'fixtures');

async function main(): Promise<void> {
  const writeSchema = process.argv.includes('--write-schema');
  const admin = adminConnection();
  try {
    const leftovers = await admin<{ datname: string }[]>`
      select datname from pg_catalog.pg_database where datname like ${PREFIX + '\\_%'}`;
    for (const { datname } of leftovers) await dropDatabase(admin, datname);
    await admin.unsafe(`create database "${TEMPLATE}"`);
  } finally {
    await admin.end();
  }

  const url = templateUrl();
  await buildDatabase(url, { verbose: true });
  if (writeSchema) {
    await writeFile(SCHEMA_FILE, await dumpSchema(url));
    log('DB_SCHEMA_WRITTEN', { file: 'db/schema.sql' });
  } else {
    await checkSchemaFile(url);
    log('DB_SCHEMA_MATCHES', { file: 'db/schema.sql' });
  }

  const sql = connect(url, { max: 1, applicationName: 'revenue-os-test-prepare' });
  try {
    const fixtures = (await readdir(FIXTURES_DIR)).filter((f) => f.endsWith('.sql')).sort();
    await sql.begin(async (tx) => {
      await tx.unsafe('create schema if not exists tap; grant usage on schema tap to public; create extension if not exists pgtap schema tap');
      for (const f of fixtures) await tx.unsafe(await readFile(path.join(FIXTURES_DIR, f), 'utf8'));
      // Every task identifier exists up front: two tests queueing a new identifier at
      // once would otherwise both insert it into graphile-worker's task table and may deadlock.
      const identifiers = Object.keys(buildTaskList({} as WorkerDeps));
      await tx`insert into graphile_worker._private_tasks (identifier) select unnest(${identifiers}::text[]) on conflict do nothing`;
    });
    log('TEST_TEMPLATE_READY', { database: TEMPLATE, fixtures: fixtures.length });
  } finally {
    await sql.end();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
