import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applySql,
  buildDatabase,
  checkSchemaFile,
  findDrift,
  listLogicObjects,
  readSqlFiles,
} from '../db/build.ts';
import { connect, withDatabase } from '../db/client.ts';
import { adminConnection, cloneTemplate, dropDatabase, PREFIX, serverUrl, type TestDatabase } from './harness/env.ts';

describe('building a database from nothing', () => {
  const name = `${PREFIX}_fresh_${process.pid}`;
  const url = withDatabase(serverUrl(), name);

  beforeAll(async () => {
    const admin = adminConnection();
    await dropDatabase(admin, name);
    await admin.end();
  });
  afterAll(async () => {
    const admin = adminConnection();
    await dropDatabase(admin, name);
    await admin.end();
  });

  it('creates the database, migrates, installs the worker schema and applies sql/ with no drift', async () => {
    await buildDatabase(url);
    const sql = connect(url, { max: 1 });
    try {
      const [migrations] = await sql`select count(*)::int as n from private.schema_migrations`;
      const files = await readSqlFiles();
      expect(migrations!.n).toBeGreaterThanOrEqual(8);
      expect(await findDrift(sql, files)).toEqual([]);
      const [worker] = await sql`select count(*)::int as n from information_schema.schemata where schema_name = 'graphile_worker'`;
      expect(worker!.n).toBe(1);
      const objects = await listLogicObjects(sql);
      expect(objects.map((o) => `${o.schema}.${o.name}`)).toEqual(
        expect.arrayContaining(files.map((f) => `${f.schema}.${f.name}`)),
      );
    } finally {
      await sql.end();
    }
  });

  it('is idempotent: a second build applies nothing new and still passes', async () => {
    await expect(buildDatabase(url)).resolves.toBeUndefined();
    await expect(checkSchemaFile(url)).resolves.toBeUndefined();
  });

  it('fails the schema check with a diff when the database differs from db/schema.sql', async () => {
    const sql = connect(url, { max: 1 });
    try {
      await sql.unsafe('create table public.unexpected (id int)');
      await expect(checkSchemaFile(url)).rejects.toThrow(/db\/schema\.sql differs[\s\S]*CREATE TABLE public\.unexpected/);
      await sql.unsafe('drop table public.unexpected');
      await expect(checkSchemaFile(url)).resolves.toBeUndefined();
    } finally {
      await sql.end();
    }
  });
});

describe('drift checks', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await cloneTemplate('drift');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reports a function that no sql/ file defines, and the build refuses it', async () => {
    await db.sql.unsafe(`create function brain.hand_made() returns int language sql as 'select 1'`);
    const problems = await findDrift(db.sql, await readSqlFiles());
    expect(problems).toEqual(['function brain.hand_made exists in the database but no file in sql/ defines it']);
    await expect(buildDatabase(db.url)).rejects.toThrow(/drift between the database and sql\/[\s\S]*brain\.hand_made/);
    await db.sql.unsafe('drop function brain.hand_made()');
  });

  it('reports a stray view too', async () => {
    await db.sql.unsafe('create view public.stray_v with (security_invoker = true) as select 1 as one');
    const problems = await findDrift(db.sql, await readSqlFiles());
    expect(problems).toEqual(['view public.stray_v exists in the database but no file in sql/ defines it']);
    await db.sql.unsafe('drop view public.stray_v');
  });

});

describe('sql/ files', () => {
  async function dirWith(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'revenue-os-sql-'));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return dir;
  }

  it('refuses a file that defines two objects or is misnamed', async () => {
    const dir = await dirWith({
      '0001_brain.a.sql': 'create or replace function brain.a() returns int language sql as $$ select 1 $$;\n' +
        'create or replace function brain.b() returns int language sql as $$ select 2 $$;',
      'helpers.sql': 'create or replace function brain.c() returns int language sql as $$ select 3 $$;',
    });
    await expect(readSqlFiles(dir)).rejects.toThrow(/0001_brain\.a\.sql: must define exactly brain\.a[\s\S]*helpers\.sql: name it/);
  });

  it('applies all files in one transaction: a failing file leaves nothing behind', async () => {
    const db = await cloneTemplate('atomic');
    try {
      const dir = await dirWith({
        '0001_brain.first_ok.sql': 'create or replace function brain.first_ok() returns int language sql set search_path = \'\' as $$ select 1 $$;',
        '0002_brain.second_bad.sql': 'create or replace function brain.second_bad() returns int language sql as $$ select from nowhere $$;',
      });
      await expect(applySql(db.sql, await readSqlFiles(dir))).rejects.toThrow(/sql\/0002_brain\.second_bad\.sql: relation "nowhere" does not exist/);
      const rows = await db.sql`select 1 from pg_proc where proname = 'first_ok'`;
      expect(rows.length).toBe(0);
    } finally {
      await db.drop();
    }
  });
});
