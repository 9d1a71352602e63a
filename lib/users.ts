/**
 * Console users: create or reset an account member with a scrypt-hashed
 * password. Used by `make user` and by `make run` for the demo owner. Runs on
 * an owner connection (not through row-level security).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { hashPassword, verifyPassword, type Role } from './passwords.ts';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address like you@example.com');

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or dashes');

/** 18 random bytes: 24 URL-safe characters. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export interface UpsertUserResult {
  userId: string;
  accountId: string;
  accountSlug: string;
  createdUser: boolean;
  createdAccount: boolean;
}

/**
 * Creates the user (or resets the password of an existing one) and makes them a
 * member of the account with the role. The account is created when missing.
 */
export async function upsertMember(
  sql: Sql,
  input: { email: string; password: string; accountSlug: string; accountName?: string; role: Role; displayName?: string },
): Promise<UpsertUserResult> {
  const email = EmailSchema.parse(input.email);
  const slug = SlugSchema.parse(input.accountSlug);
  const hash = await hashPassword(input.password);
  return sql.begin(async (tx) => {
    const [account] = await tx<{ id: string; created: boolean }[]>`
      with ins as (
        insert into public.accounts (name, slug) values (${input.accountName ?? slug}, ${slug})
        on conflict (slug) do nothing returning id)
      select id, true as created from ins
      union all
      select id, false from public.accounts where slug = ${slug}
      limit 1`;
    const [user] = await tx<{ id: string; created: boolean }[]>`
      insert into public.users (email, display_name, password_hash)
      values (${email}, ${input.displayName ?? null}, ${hash})
      on conflict (email) do update set password_hash = excluded.password_hash, is_active = true
      returning id, (xmax = 0) as created`;
    await tx`
      insert into public.account_members (account_id, user_id, role)
      values (${account!.id}, ${user!.id}, ${input.role})
      on conflict (account_id, user_id) do update set role = excluded.role, is_active = true`;
    return {
      userId: user!.id,
      accountId: account!.id,
      accountSlug: slug,
      createdUser: user!.created,
      createdAccount: account!.created,
    };
  }) as Promise<UpsertUserResult>;
}

export const DEMO_OWNER_EMAIL = 'owner@demo-motors.example.com';

/**
 * The demo account's owner for `make run`. The password is generated once and
 * kept (mode 0600) in DATA_DIR/demo-owner.json so every start prints the same
 * one; when the file or the user is gone, a new one is made.
 */
export async function ensureDemoOwner(sql: Sql, dataDir: string): Promise<{ email: string; password: string; file: string }> {
  const file = path.resolve(dataDir, 'demo-owner.json');
  const saved = await readFile(file, 'utf8')
    .then((t) => z.object({ email: z.string(), password: z.string() }).parse(JSON.parse(t)))
    .catch(() => null);
  if (saved) {
    const [row] = await sql<{ password_hash: string | null }[]>`
      select u.password_hash from public.users u
      join public.account_members m on m.user_id = u.id and m.is_active and m.role = 'owner'
      join public.accounts a on a.id = m.account_id and a.slug = 'demo'
      where u.email = ${saved.email} and u.is_active`;
    if (row && (await verifyPassword(saved.password, row.password_hash))) return { ...saved, file };
  }
  const password = generatePassword();
  await upsertMember(sql, {
    email: DEMO_OWNER_EMAIL,
    password,
    accountSlug: 'demo',
    accountName: 'Demo Motors',
    role: 'owner',
    displayName: 'Demo Owner',
  });
  // DATA_DIR may not exist yet: with DATABASE_URL nothing else has created it (no embedded cluster).
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify({ email: DEMO_OWNER_EMAIL, password }, null, 2) + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return { email: DEMO_OWNER_EMAIL, password, file };
}
