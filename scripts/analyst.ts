/**
 * `make analyst ACCOUNT=<slug> NAME=<login> [ROTATE=1]`: creates a database login
 * for an analyst, bound to one account (it reads that account only, read-only),
 * and prints its password once. ROTATE=1 gives an existing analyst login a new
 * password instead. `make analyst NAME=<login> DROP=1` removes the login.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 * Creating a role needs a connection with CREATEROLE (or superuser).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { connect, databaseName } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { SlugSchema } from '../lib/users.ts';
import { AnalystLoginSchema, createAnalystLogin, dropAnalystLogin } from '../api/domain/analysts.ts';

const USAGE =
  'usage: make analyst ACCOUNT=<slug> NAME=<login> [ROTATE=1]   create a login (or give it a new password)\n' +
  '       make analyst NAME=<login> DROP=1                      remove a login\n';

const Args = z.discriminatedUnion('drop', [
  z.object({ drop: z.literal(true), name: AnalystLoginSchema }),
  z.object({ drop: z.literal(false), name: AnalystLoginSchema, account: SlugSchema, rotate: z.boolean() }),
]);

/** A refusal of private.create_analyst_login / drop_analyst_login, as one readable line. */
function refusal(error: unknown): string | null {
  const e = error as { code?: string; message?: string; detail?: string; hint?: string };
  if (e.code === '42883') return 'this database has no analyst logins yet: run `make run` (or `make db`) once to bring it up to date';
  if (e.code === '42501') return `permission denied: ${e.message ?? ''} (creating a login needs a connection with CREATEROLE)`;
  if (!e.code || !['22023', 'P0002', '42710', '2BP01'].includes(e.code)) return null;
  return [e.message, e.detail, e.hint].filter(Boolean).join(': ');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      name: { type: 'string' },
      rotate: { type: 'boolean' },
      drop: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = Args.safeParse({
    drop: values.drop ?? false,
    name: values.name ?? '',
    account: values.account ?? '',
    rotate: values.rotate ?? false,
  });
  if (!args.success) {
    const field = (p: readonly PropertyKey[]) => (p[0] === 'account' ? 'ACCOUNT' : 'NAME');
    process.stderr.write(`${args.error.issues.map((i) => `${field(i.path)}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const a = args.data;
  const config = loadConfig();
  setLogLevel('warn');
  return withCommandDatabase(config, async (url) => {
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-analyst' });
    try {
      if (a.drop) {
        const dropped = await dropAnalystLogin(sql, a.name);
        process.stderr.write(`Removed the analyst login ${dropped.login}.\n`);
        return 0;
      }
      const login = await createAnalystLogin(sql, { login: a.name, accountSlug: a.account, rotate: a.rotate });
      const u = new URL(url);
      const host = u.hostname;
      const port = u.port || '5432';
      const database = databaseName(url);
      process.stderr.write(
        `${login.outcome === 'created' ? 'Created the analyst login' : 'New password for the analyst login'} ${login.login}` +
          ` (account ${a.account}). The password is shown only this once:\n`,
      );
      process.stdout.write(`${login.password}\n`);
      process.stderr.write(
        [
          `It reads account ${a.account} only, read-only. Connect with:`,
          `  host ${host}  port ${port}  database ${database}  user ${login.login}  password (above)`,
          `  psql "postgres://${login.login}:<password>@${host}:${port}/${encodeURIComponent(database)}"`,
          '',
        ].join('\n'),
      );
      return 0;
    } catch (error) {
      const reason = refusal(error);
      if (!reason) throw error;
      process.stderr.write(`${reason}\n`);
      return 1;
    } finally {
      await sql.end();
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
