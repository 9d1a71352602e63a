/**
 * `make api-token ACCOUNT=<slug> NAME=<name>`: creates an API token for
 * POST /api/leads and prints it once. Only its SHA-256 is stored.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { connect } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { createApiToken } from '../api/domain/api-tokens.ts';

const Args = z.object({
  account: z.string().trim().min(1, 'ACCOUNT (the account slug) is required'),
  name: z.string().trim().min(1, 'NAME (what the token is for) is required').max(100),
});

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { account: { type: 'string' }, name: { type: 'string' } } });
  const args = Args.safeParse({ account: values.account ?? '', name: values.name ?? '' });
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => i.message).join('\n')}\nusage: make api-token ACCOUNT=<slug> NAME=<name>\n`);
    return 2;
  }
  const config = loadConfig();
  setLogLevel('warn');
  return withCommandDatabase(config, async (url) => {
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-api-token' });
    try {
      const created = await createApiToken(sql, args.data.account, args.data.name);
      if (!created) {
        process.stderr.write(`no account with slug ${JSON.stringify(args.data.account)}\n`);
        return 1;
      }
      process.stderr.write(`API token "${args.data.name}" created for account ${args.data.account} (token id ${created.id}).\n`);
      process.stderr.write('It is shown only this once; only its SHA-256 is stored. Send it as: Authorization: Bearer <token>\n');
      process.stdout.write(`${created.token}\n`);
      return 0;
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
