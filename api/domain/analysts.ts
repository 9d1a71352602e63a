/**
 * Analysts' own database logins (make analyst): each is a PostgreSQL LOGIN role,
 * a member of revenue_analyst only, bound to one account in private.analyst_logins,
 * so row-level security shows it that account and nothing else whatever it sets.
 * Runs on an owner connection; the decisions are private.create_analyst_login and
 * private.drop_analyst_login. The password is generated here, printed once by the
 * caller, and sent to the server only as a SCRAM-SHA-256 verifier.
 */
import { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import { scramSha256Verifier } from '../../lib/scram.ts';
import { generatePassword } from '../../lib/users.ts';

/** The same rule private.create_analyst_login applies, checked first for a quick, clear error. */
export const AnalystLoginSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{2,62}$/, 'must be 3-63 lower-case letters, digits or _, starting with a letter')
  .refine((name) => !/^(pg_|revenue_)/.test(name), 'must not start with pg_ or revenue_');

const Result = z.object({ outcome: z.enum(['created', 'rotated', 'dropped']), login: z.string(), account_id: z.string().uuid() });

export interface AnalystLogin {
  outcome: 'created' | 'rotated';
  login: string;
  accountId: string;
  /** The only time the password exists outside the analyst's hands. */
  password: string;
}

/** Creates the login for the account with this slug, or with rotate gives an existing one a new password. */
export async function createAnalystLogin(
  sql: Sql,
  input: { login: string; accountSlug: string; rotate?: boolean },
): Promise<AnalystLogin> {
  const password = generatePassword();
  const [row] = await sql<{ r: unknown }[]>`
    select private.create_analyst_login(${input.login}, ${input.accountSlug}, ${scramSha256Verifier(password)},
                                        ${input.rotate ?? false}) as r`;
  const r = Result.parse(row?.r);
  if (r.outcome === 'dropped') throw new Error('private.create_analyst_login answered dropped');
  return { outcome: r.outcome, login: r.login, accountId: r.account_id, password };
}

/** Removes an analyst login of this database: its mapping and the role. */
export async function dropAnalystLogin(sql: Sql, login: string): Promise<{ login: string; accountId: string }> {
  const [row] = await sql<{ r: unknown }[]>`select private.drop_analyst_login(${login}) as r`;
  const r = Result.parse(row?.r);
  return { login: r.login, accountId: r.account_id };
}
