/**
 * `make rotate-key`: re-seals every account's provider credentials under a new
 * master key, in one transaction. Stop the engine first: a process still
 * holding the old key would seal new credentials with it.
 *
 * - REVENUE_OS_MASTER_KEY set (a deployment): the new key is taken from
 *   REVENUE_OS_NEW_MASTER_KEY; afterwards, set REVENUE_OS_MASTER_KEY to it.
 * - Otherwise (make run): a new key is generated into DATA_DIR/master-key.next,
 *   the rows are re-sealed, then it becomes DATA_DIR/master-key and the old one
 *   DATA_DIR/master-key.previous. An interrupted run is finished by running it
 *   again; until then both keys are in the ring, so nothing becomes unreadable.
 *
 * Database: DATABASE_URL; else the embedded database in DATA_DIR.
 */
import { existsSync } from 'node:fs';
import { open as openFile, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../db/client.ts';
import { runningEmbeddedUrl, withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { resealAll } from '../lib/provider-credentials.ts';
import {
  generateMasterKey,
  keyRingOf,
  loadKeyRing,
  MASTER_KEY_FILE,
  NEXT_MASTER_KEY_FILE,
  parseMasterKey,
  PREVIOUS_MASTER_KEY_FILE,
  type MasterKey,
} from '../lib/secrets.ts';

const HELP = `usage: make rotate-key
Re-seals every account's provider credentials under a new master key, in one transaction.
Stop the engine first.
  REVENUE_OS_MASTER_KEY set:   the new key comes from REVENUE_OS_NEW_MASTER_KEY
                               (e.g. openssl rand -base64 32); afterwards set
                               REVENUE_OS_MASTER_KEY to it everywhere.
  REVENUE_OS_MASTER_KEY unset: a new key is generated into DATA_DIR/master-key;
                               the old one is kept as DATA_DIR/master-key.previous.
Database: DATABASE_URL, else the embedded one in DATA_DIR.
`;

async function writeSynced(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  const handle = await openFile(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  setLogLevel('warn');
  const fromEnv = Boolean(config.REVENUE_OS_MASTER_KEY);
  const dataDir = path.resolve(config.DATA_DIR);
  if (!config.DATABASE_URL && (await runningEmbeddedUrl({ dataDir: config.DATA_DIR, stateRoot: config.EMBEDDED_PG_STATE_DIR }))) {
    process.stderr.write('The engine (make run) is running on this folder\'s database: stop it first (Ctrl-C), then run make rotate-key again.\n');
    return 2;
  }
  const oldRing = await loadKeyRing(config, dataDir);

  let next: MasterKey;
  if (fromEnv) {
    const text = process.env.REVENUE_OS_NEW_MASTER_KEY;
    if (!text?.trim()) {
      process.stderr.write('REVENUE_OS_MASTER_KEY is set, so the new key must be given as REVENUE_OS_NEW_MASTER_KEY (e.g. openssl rand -base64 32).\n');
      return 2;
    }
    next = parseMasterKey(text, 'REVENUE_OS_NEW_MASTER_KEY');
  } else {
    // An interrupted rotation left its new key here: finish with the same one.
    const nextFile = path.join(dataDir, NEXT_MASTER_KEY_FILE);
    if (!existsSync(nextFile)) await writeSynced(nextFile, generateMasterKey() + '\n');
    next = parseMasterKey(await readFile(nextFile, 'utf8'), nextFile);
  }
  if (next.id === oldRing.current.id && fromEnv) {
    process.stderr.write('REVENUE_OS_NEW_MASTER_KEY is the current key; nothing to rotate.\n');
    return 2;
  }

  const ring = keyRingOf(next, ...oldRing.all);
  const result = await withCommandDatabase(config, async (url) => {
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-rotate-key' });
    try {
      return await resealAll(sql, ring);
    } finally {
      await sql.end();
    }
  });

  if (!fromEnv && next.id !== oldRing.current.id) {
    await rename(path.join(dataDir, MASTER_KEY_FILE), path.join(dataDir, PREVIOUS_MASTER_KEY_FILE));
    await rename(path.join(dataDir, NEXT_MASTER_KEY_FILE), path.join(dataDir, MASTER_KEY_FILE));
  }
  process.stderr.write(
    `Re-sealed ${result.rows} credential row(s) under master key ${next.id}` +
      (result.fromKeys.length ? ` (they were under ${result.fromKeys.join(', ')}).\n` : '.\n'),
  );
  process.stderr.write(
    fromEnv
      ? 'Now set REVENUE_OS_MASTER_KEY to the value of REVENUE_OS_NEW_MASTER_KEY for every process, and start the engine.\n'
      : `The new key is in ${path.join(dataDir, MASTER_KEY_FILE)}; the old one is kept in ${path.join(dataDir, PREVIOUS_MASTER_KEY_FILE)}.\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
