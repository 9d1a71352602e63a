/**
 * Builds a database: dbmate migrations (--strict), graphile-worker's schema,
 * then every file of sql/ in one transaction; then checks for drift.
 *
 *   tsx db/build.ts --url postgres://…/db [--write-schema | --check-schema]
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Logger, runMigrations } from 'graphile-worker';
import { connect, isLoopback, type Sql } from './client.ts';
import { log } from '../lib/log.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = path.join(ROOT, 'db', 'migrations');
export const SQL_DIR = path.join(ROOT, 'sql');
export const SCHEMA_FILE = path.join(ROOT, 'db', 'schema.sql');
const MIGRATIONS_TABLE = 'private.schema_migrations';

/** Schemas whose functions and views belong to someone else. */
const FOREIGN_SCHEMAS = ['pg_catalog', 'information_schema', 'pg_toast', 'graphile_worker', 'tests'];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** lib/pq (inside dbmate) defaults to sslmode=require; a loopback server has no TLS. */
function dbmateUrl(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('sslmode') && isLoopback(url)) u.searchParams.set('sslmode', 'disable');
  return u.toString();
}

export async function migrate(url: string): Promise<string[]> {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'dbmate');
  const result = await run(bin, [
    '--url', dbmateUrl(url),
    '--migrations-dir', MIGRATIONS_DIR,
    '--migrations-table', MIGRATIONS_TABLE,
    '--no-dump-schema',
    'up', '--strict',
  ]);
  if (result.code !== 0) {
    throw new Error(`dbmate failed:\n${result.stdout}${result.stderr}`.trim());
  }
  return result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('Applied:'));
}

export interface SqlObjectFile {
  file: string;
  schema: string;
  name: string;
  text: string;
}

const FILE_NAME = /^(\d{4})_([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\.sql$/;
const DECLARATION =
  /\bcreate\s+(?:or\s+replace\s+)?(function|procedure|view|materialized\s+view)\s+(?:if\s+not\s+exists\s+)?("?[a-z_][a-z0-9_]*"?)\.("?[a-z_][a-z0-9_]*"?)/gi;

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}

/**
 * Reads sql/ in file-name order. Each file defines exactly one function or view
 * (overloads share the name), schema-qualified, and is named NNNN_<schema>.<name>.sql.
 * Trigger functions also hold the `create or replace trigger` statements that bind them.
 */
export async function readSqlFiles(dir: string = SQL_DIR): Promise<SqlObjectFile[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const problems: string[] = [];
  const files: SqlObjectFile[] = [];
  const seen = new Map<string, string>();
  for (const file of names) {
    const m = FILE_NAME.exec(file);
    if (!m) {
      problems.push(`${file}: name it NNNN_<schema>.<object>.sql`);
      continue;
    }
    const [, , schema, name] = m as unknown as [string, string, string, string];
    const text = await readFile(path.join(dir, file), 'utf8');
    const declared = new Set<string>();
    for (const d of stripComments(text).matchAll(DECLARATION)) {
      declared.add(`${d[2]!.replaceAll('"', '').toLowerCase()}.${d[3]!.replaceAll('"', '').toLowerCase()}`);
    }
    const expected = `${schema}.${name}`;
    if (declared.size !== 1 || !declared.has(expected)) {
      problems.push(`${file}: must define exactly ${expected} (found: ${[...declared].join(', ') || 'nothing'})`);
      continue;
    }
    const previous = seen.get(expected);
    if (previous) problems.push(`${file}: ${expected} is already defined by ${previous}`);
    seen.set(expected, file);
    files.push({ file, schema, name, text });
  }
  if (problems.length) throw new Error(`sql/ is malformed:\n  ${problems.join('\n  ')}`);
  return files;
}

/** Applies every sql/ file in one transaction; a failure leaves the database unchanged. */
export async function applySql(sql: Sql, files: SqlObjectFile[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('revenue_os.apply_sql'))`;
    for (const f of files) {
      try {
        await tx.unsafe(f.text);
      } catch (error) {
        const pos = (error as { position?: string }).position;
        throw new Error(`sql/${f.file}: ${(error as Error).message}${pos ? ` (at character ${pos}: ${JSON.stringify(f.text.slice(Math.max(0, Number(pos) - 60), Number(pos) + 20))})` : ''}`);
      }
    }
  });
}

export interface LogicObject {
  schema: string;
  name: string;
  kind: string;
}

/** Functions and views in the project's schemas that are not extension members. */
export async function listLogicObjects(sql: Sql): Promise<LogicObject[]> {
  return sql<LogicObject[]>`
    select n.nspname as schema, p.proname as name,
           case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end as kind
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname <> all(${FOREIGN_SCHEMAS}) and n.nspname !~ '^pg_'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    union
    select n.nspname, c.relname, case c.relkind when 'v' then 'view' else 'materialized view' end
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm')
      and n.nspname <> all(${FOREIGN_SCHEMAS}) and n.nspname !~ '^pg_'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    order by 1, 2`;
}

/** Objects present in the database but not defined in sql/ (and the reverse). */
export async function findDrift(sql: Sql, files: SqlObjectFile[]): Promise<string[]> {
  const declared = new Set(files.map((f) => `${f.schema}.${f.name}`));
  const present = await listLogicObjects(sql);
  const presentNames = new Set(present.map((o) => `${o.schema}.${o.name}`));
  const problems: string[] = [];
  for (const o of present) {
    if (!declared.has(`${o.schema}.${o.name}`)) {
      problems.push(`${o.kind} ${o.schema}.${o.name} exists in the database but no file in sql/ defines it`);
    }
  }
  for (const name of declared) {
    if (!presentNames.has(name)) problems.push(`${name} is defined in sql/ but missing from the database`);
  }
  return problems;
}

/**
 * pg_dump of everything but graphile-worker's own schema, without the lines that
 * vary between runs (versions, \restrict keys), plus the applied migration versions.
 */
export async function dumpSchema(url: string): Promise<string> {
  const result = await run('pg_dump', [
    '--schema-only', '--no-owner', '--exclude-schema=graphile_worker', '--dbname', url,
  ]);
  if (result.code !== 0) throw new Error(`pg_dump failed: ${result.stderr.trim()}`);
  const body = result.stdout
    .split('\n')
    .filter((l) => !/^-- Dumped (from|by) /.test(l) && !/^\\(un)?restrict /.test(l))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  const sql = connect(url, { max: 1, applicationName: 'revenue-os-dump' });
  try {
    const versions = await sql<{ version: string }[]>`select version from private.schema_migrations order by version`;
    const inserts = versions.map((v) => `    ('${v.version}')`).join(',\n');
    return `${body}\n\n--\n-- Applied migrations\n--\n\nINSERT INTO private.schema_migrations (version) VALUES\n${inserts};\n`;
  } finally {
    await sql.end();
  }
}

/** graphile-worker's migration chatter is dropped; its errors are logged. */
const quietWorkerLogger = new Logger(() => (level, message) => {
  if (level === 'error') log('WORKER_MIGRATION_ERROR', { message }, 'error');
});

/**
 * The decision views are OLTP-shaped: many small index lookups per lead. JIT
 * compilation of their large plans costs about a second per query and saves
 * nothing, so new sessions of this database run without it. Needs the database
 * owner or a superuser; otherwise it is skipped with a warning.
 */
async function disableJit(sql: Sql): Promise<void> {
  try {
    await sql.unsafe(`do $$ begin execute format('alter database %I set jit = off', current_database()); end $$`);
  } catch (error) {
    log('DB_JIT_SETTING_SKIPPED', { error: (error as Error).message }, 'warn');
  }
}

export interface BuildOptions {
  /** Log each step (the CLI and make run do; tests stay quiet). */
  verbose?: boolean;
}

export async function buildDatabase(url: string, options: BuildOptions = {}): Promise<void> {
  const say = (event: string, fields: Record<string, unknown> = {}) => {
    if (options.verbose) log(event, fields);
  };
  const files = await readSqlFiles();
  const applied = await migrate(url);
  say('DB_MIGRATED', { applied: applied.length });
  await runMigrations({ connectionString: url, logger: quietWorkerLogger });
  say('DB_WORKER_SCHEMA_READY');
  const sql = connect(url, { max: 1, applicationName: 'revenue-os-build' });
  try {
    await applySql(sql, files);
    say('DB_SQL_APPLIED', { files: files.length });
    await disableJit(sql);
    const drift = await findDrift(sql, files);
    if (drift.length) throw new Error(`drift between the database and sql/:\n  ${drift.join('\n  ')}`);
  } finally {
    await sql.end();
  }
}


async function main(argv: string[]): Promise<void> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') args.set('url', argv[++i] ?? '');
    else if (a === '--write-schema' || a === '--check-schema' || a === '--help') args.set(a.slice(2), true);
    else throw new Error(`unknown argument ${a} (see --help)`);
  }
  if (args.has('help')) {
    process.stdout.write(
      'usage: tsx db/build.ts --url <postgres url> [--write-schema | --check-schema]\n' +
        '  Applies db/migrations (dbmate --strict), installs graphile-worker\'s schema,\n' +
        '  applies sql/ in one transaction and fails on drift.\n' +
        '  --write-schema  then rewrites db/schema.sql from the database\n' +
        '  --check-schema  then fails when db/schema.sql differs from the database\n',
    );
    return;
  }
  const url = args.get('url');
  if (typeof url !== 'string' || !url) throw new Error('--url is required');
  await buildDatabase(url, { verbose: true });
  if (args.has('write-schema')) {
    await writeFile(SCHEMA_FILE, await dumpSchema(url));
    log('DB_SCHEMA_WRITTEN', { file: path.relative(ROOT, SCHEMA_FILE) });
  }
  if (args.has('check-schema')) await checkSchemaFile(url);
}

/** Fails with a diff when db/schema.sql is not what a fresh build produces. */
export async function checkSchemaFile(url: string): Promise<void> {
  const fresh = await dumpSchema(url);
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (fresh === committed) return;
  const outDir = path.join(ROOT, 'artifacts');
  await mkdir(outDir, { recursive: true });
  const freshFile = path.join(outDir, 'schema.fresh.sql');
  await writeFile(freshFile, fresh);
  const diff = await run('diff', ['-u', SCHEMA_FILE, freshFile]);
  throw new Error(
    `db/schema.sql differs from a fresh build (run \`make schema\` and commit it):\n${diff.stdout.split('\n').slice(0, 80).join('\n')}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
