/**
 * API tokens for lead intake. A token is shown once; only its SHA-256 (hex)
 * is stored in public.account_api_tokens, and public.authenticate_api_token
 * maps a hash back to its account.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../../db/client.ts';

/** 32 random bytes, base64url, with a prefix that makes a leaked token easy to recognise. */
export function generateApiToken(): string {
  return `ros_${randomBytes(32).toString('base64url')}`;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CreatedApiToken {
  id: string;
  accountId: string;
  /** The only time the token exists outside the caller's hands. */
  token: string;
}

/**
 * Creates a token for the account with this slug; null when there is no such account.
 * Runs on an owner connection (make api-token): no application role may write token hashes.
 */
export async function createApiToken(sql: Sql, accountSlug: string, name: string): Promise<CreatedApiToken | null> {
  const token = generateApiToken();
  const rows = await sql<{ id: string; account_id: string }[]>`
    insert into public.account_api_tokens (account_id, name, token_hash)
    select a.id, ${name}, ${hashApiToken(token)} from public.accounts a where a.slug = ${accountSlug}
    returning id, account_id`;
  const row = rows[0];
  return row ? { id: row.id, accountId: row.account_id, token } : null;
}
