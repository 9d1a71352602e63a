/**
 * Which key verifies a webhook. The account is found first, from what the
 * request names (public.webhook_account: a signed touch id, the provider's
 * message or call id, our number, or the account's slug); then the key is that
 * account's own stored one (lib/provider-credentials.ts) when it has one, else
 * the environment's (the single-tenant fallback). An account with its own key
 * is never verified with the environment's, so another account's key, or the
 * platform's, cannot speak for it.
 *
 * Opened credentials are cached per account and provider, keyed by their
 * updated_at, which the lookup returns on every request: a changed key is used
 * by the next request, and an unchanged one is not opened again.
 */
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { loadCredentials, type CredentialProvider, type Credentials } from '../../lib/provider-credentials.ts';
import type { KeyRing } from '../../lib/secrets.ts';

export type WebhookKeyProvider = Extract<CredentialProvider, 'twilio' | 'telnyx' | 'elastic_email' | 'calendly'>;

/** What a request names, before anything in it is trusted. */
export interface AccountHints {
  touchRunId?: string | null;
  providerMessageId?: string | null;
  address?: string | null;
  accountSlug?: string | null;
}

export interface WebhookAccount {
  accountId: string | null;
  foundBy: 'touch' | 'message' | 'slug' | 'address' | 'none' | 'conflict';
  /** When the account's stored credentials for the provider last changed; null when it has none. */
  credentialsUpdatedAt: Date | null;
}

export type KeyChoice<T> =
  | { ok: true; key: T; accountId: string | null; source: 'account' | 'environment' }
  | { ok: false; status: 403; reason: 'not_configured' | 'credentials_unreadable' | 'account_conflict' };

export interface WebhookKeys {
  /**
   * The key for a request: `fromAccount` picks it from the account's stored
   * credentials (undefined when they lack it, e.g. a Telnyx account without
   * public_key), `fromEnvironment` gives the fallback for this account
   * (undefined when unset).
   */
  choose<P extends WebhookKeyProvider, T>(
    provider: P,
    hints: AccountHints,
    fromAccount: (credentials: Credentials<P>) => T | undefined,
    fromEnvironment: (accountId: string | null) => T | undefined,
  ): Promise<KeyChoice<T> & { account: WebhookAccount }>;
}

const CACHE_LIMIT = 1000;

/** The one SQL call that finds a webhook's account (security definer; returns no secret). */
export async function findWebhookAccount(sql: Sql, provider: WebhookKeyProvider, hints: AccountHints): Promise<WebhookAccount> {
  // PostgreSQL text cannot hold a NUL: it becomes U+FFFD, as in what the ingest functions are given.
  const text = (v: string | null | undefined) => (v == null ? null : v.replaceAll('\u0000', '\uFFFD'));
  const [row] = await sql<{ account_id: string | null; found_by: WebhookAccount['foundBy']; credentials_updated_at: Date | null }[]>`
    select account_id, found_by, credentials_updated_at
    from public.webhook_account(${provider}, ${hints.touchRunId ?? null}::uuid, ${text(hints.providerMessageId)},
                                ${text(hints.address)}, ${text(hints.accountSlug)})`;
  return {
    accountId: row?.account_id ?? null,
    foundBy: row?.found_by ?? 'none',
    credentialsUpdatedAt: row?.credentials_updated_at ?? null,
  };
}

/**
 * ingestSql: the pool the webhooks' SQL calls go through (revenue_ingest),
 * the sealed-credentials read included. keyRing: opens stored
 * credentials (without it an account with stored credentials is refused).
 */
export function webhookKeys(deps: { ingestSql: Sql; keyRing?: KeyRing }): WebhookKeys {
  const cache = new Map<string, { updatedAt: number; value: unknown }>();

  async function stored<P extends WebhookKeyProvider>(accountId: string, provider: P, updatedAt: Date): Promise<Credentials<P> | null> {
    const cacheKey = `${accountId}:${provider}`;
    const hit = cache.get(cacheKey);
    if (hit && hit.updatedAt === updatedAt.getTime()) return hit.value as Credentials<P>;
    if (!deps.keyRing) throw new Error('no key ring to open stored credentials with');
    const loaded = await loadCredentials(deps.ingestSql, deps.keyRing, accountId, provider, 'revenue_ingest');
    if (!loaded) return null;
    cache.delete(cacheKey);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, { updatedAt: loaded.updatedAt.getTime(), value: loaded.value });
    return loaded.value;
  }

  return {
    async choose(provider, hints, fromAccount, fromEnvironment) {
      const account = await findWebhookAccount(deps.ingestSql, provider, hints);
      if (account.foundBy === 'conflict') return { ok: false, status: 403, reason: 'account_conflict', account };
      if (account.accountId && account.credentialsUpdatedAt) {
        let key: ReturnType<typeof fromAccount>;
        try {
          const credentials = await stored(account.accountId, provider, account.credentialsUpdatedAt);
          key = credentials ? fromAccount(credentials) : undefined;
        } catch (error) {
          // Never a fallback to other keys: the account has its own, and they do not open (or parse) here.
          log('WEBHOOK_CREDENTIALS_UNREADABLE', { provider, account_id: account.accountId, error: (error as Error).name }, 'error');
          return { ok: false, status: 403, reason: 'credentials_unreadable', account };
        }
        if (key !== undefined) return { ok: true, key, accountId: account.accountId, source: 'account', account };
      }
      const fallback = fromEnvironment(account.accountId);
      if (fallback !== undefined) return { ok: true, key: fallback, accountId: account.accountId, source: 'environment', account };
      return { ok: false, status: 403, reason: 'not_configured', account };
    },
  };
}
