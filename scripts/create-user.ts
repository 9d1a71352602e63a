/**
 * `make user EMAIL=<email> [ACCOUNT=<slug>] [ROLE=owner]`: creates a console
 * user (or resets their password) and prints a new password once.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 * ACCOUNT may be left out when the database holds exactly one account; an
 * ACCOUNT slug that does not exist yet is created.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { connect } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { ROLES, type Role } from '../lib/passwords.ts';
import { EmailSchema, generatePassword, SlugSchema, upsertMember } from '../lib/users.ts';

const USAGE = 'usage: make user EMAIL=you@example.com [ACCOUNT=<slug>] [ROLE=owner|admin|setter|analyst|viewer]\n';

const Args = z.object({
  email: EmailSchema,
  account: z.union([z.literal(''), SlugSchema]),
  role: z.enum(ROLES as [Role, ...Role[]]),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, account: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = Args.safeParse({ email: values.email ?? '', account: values.account ?? '', role: values.role || 'owner' });
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => `${i.path.join('.').toUpperCase()}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  setLogLevel('warn');
  return withCommandDatabase(config, async (url) => {
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-create-user' });
    try {
      let slug = args.data.account;
      if (!slug) {
        const accounts = await sql<{ slug: string }[]>`select slug from public.accounts order by created_at limit 2`;
        if (accounts.length !== 1) {
          process.stderr.write(
            accounts.length === 0
              ? 'the database has no account yet: pass ACCOUNT=<slug> and it is created\n'
              : 'the database has several accounts: pass ACCOUNT=<slug> to choose one\n',
          );
          return 2;
        }
        slug = accounts[0]!.slug;
      }
      const password = generatePassword();
      const result = await upsertMember(sql, { email: args.data.email, password, accountSlug: slug, role: args.data.role });
      process.stderr.write(
        `${result.createdUser ? 'Created' : 'Updated'} ${args.data.email} as ${args.data.role} of account ${slug}` +
          `${result.createdAccount ? ' (new account)' : ''}. The password is shown only this once:\n`,
      );
      process.stdout.write(`${password}\n`);
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
