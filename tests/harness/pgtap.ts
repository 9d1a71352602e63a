/**
 * Runs every tests/sql/**\/*.test.sql with pg_prove against a clone of the
 * test template, then drops the clone. Exit status is pg_prove's.
 * Arguments, when given, keep only the files whose path contains one of them
 * (e.g. `tests/sql/security`), for a quick run while working on one area.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../../db/build.ts';
import { cloneTemplate } from './env.ts';

async function findTests(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await findTests(p)));
    else if (e.name.endsWith('.test.sql')) out.push(p);
  }
  return out.sort();
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  const files = (await findTests(path.join(ROOT, 'tests', 'sql')))
    .map((f) => path.relative(ROOT, f))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  if (files.length === 0) throw new Error(`no pgTAP files found under tests/sql${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  const db = await cloneTemplate('pgtap');
  try {
    const u = new URL(db.url);
    const env = {
      ...process.env,
      PGHOST: u.hostname,
      PGPORT: u.port || '5432',
      PGUSER: decodeURIComponent(u.username || 'postgres'),
      PGDATABASE: db.name,
      // pgTAP lives in its own schema so it never mixes with the project's objects.
      PGOPTIONS: '-c search_path=public,tap',
      ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}),
    };
    const jobs = process.env.PGTAP_JOBS ?? '2';
    return await new Promise<number>((resolve, reject) => {
      const child = spawn('pg_prove', ['--jobs', jobs, '--failures', ...files], { cwd: ROOT, env, stdio: 'inherit' });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    await db.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
