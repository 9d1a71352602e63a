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
 *
 * A request that names only our number (an inbound message) may skip the
 * lookup: what it found for that number is kept for ROUTE_TTL_MS. Such a choice
 * carries its route (the number, and the credentials' updated_at as it was),
 * and the receipt is written only if the route still holds in the writing
 * statement (public.receive_webhooks answers stale otherwise). On stale, or
 * when a cached choice's key does not verify the signature, the caller asks
 * again with fresh: true, which looks the account up and replaces the entry.
 */
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { loadCredentials, type CredentialProvider, type Credentials } from '../../lib/provider-credentials.ts';
import type { KeyRing } from '../../lib/secrets.ts';

export type WebhookKeyProvider = Extract<CredentialProvider, 'twilio' | 'telnyx' | 'elastic_email' | 'calendly' | 'slack'>;

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

/** What a cached account lookup found, checked again when the receipt is written (public.receive_webhooks). */
export interface ReceiptRoute {
  address: string;
  credentials_provider: WebhookKeyProvider;
  /** ISO time to the millisecond, or null when the account had no stored credentials for the provider. */
  credentials_updated_at: string | null;
}

export type KeyChoice<T> =
  | { ok: true; key: T; accountId: string | null; source: 'account' | 'environment'; route: ReceiptRoute | null }
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
    /**
     * cache: the caller passes the choice's route with its receipt and handles stale (only then may a
     * number's lookup be reused); fresh: look the account up even when a cached lookup would do.
     */
    options?: { cache?: boolean; fresh?: boolean },
  ): Promise<KeyChoice<T> & { account: WebhookAccount }>;
}

const CACHE_LIMIT = 1000;
/** How long a number's account lookup is reused (each receipt written with it re-checks it). */
export const ROUTE_TTL_MS = 60_000;

/** The number a request names when it names nothing else: the only hint whose lookup may be cached. */
function routeAddress(hints: AccountHints): string | null {
  if (hints.touchRunId || hints.providerMessageId || hints.accountSlug || !hints.address) return null;
  return hints.address.includes('\u0000') ? null : hints.address;
}

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
  /** provider + number → what public.webhook_account found (an account only; a miss is never kept). */
  const routes = new Map<string, { at: number; account: WebhookAccount }>();

  function remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value!);
    map.set(key, value);
  }

  async function lookup(provider: WebhookKeyProvider, hints: AccountHints, cached: boolean, fresh: boolean): Promise<{ account: WebhookAccount; route: ReceiptRoute | null }> {
    const address = cached ? routeAddress(hints) : null;
    if (!address) return { account: await findWebhookAccount(deps.ingestSql, provider, hints), route: null };
    const key = `${provider}:${address}`;
    const hit = routes.get(key);
    if (!fresh && hit && Date.now() - hit.at < ROUTE_TTL_MS) {
      const at = hit.account.credentialsUpdatedAt;
      return {
        account: hit.account,
        route: { address, credentials_provider: provider, credentials_updated_at: at ? at.toISOString() : null },
      };
    }
    const account = await findWebhookAccount(deps.ingestSql, provider, hints);
    if (account.accountId && account.foundBy === 'address') remember(routes, key, { at: Date.now(), account });
    else routes.delete(key);
    return { account, route: null };
  }

  async function stored<P extends WebhookKeyProvider>(accountId: string, provider: P, updatedAt: Date): Promise<Credentials<P> | null> {
    const cacheKey = `${accountId}:${provider}`;
    const hit = cache.get(cacheKey);
    if (hit && hit.updatedAt === updatedAt.getTime()) return hit.value as Credentials<P>;
    if (!deps.keyRing) throw new Error('no key ring to open stored credentials with');
    const loaded = await loadCredentials(deps.ingestSql, deps.keyRing, accountId, provider, 'revenue_ingest');
    if (!loaded) return null;
    remember(cache, cacheKey, { updatedAt: loaded.updatedAt.getTime(), value: loaded.value });
    return loaded.value;
  }

  return {
    async choose(provider, hints, fromAccount, fromEnvironment, options = {}) {
      const { account, route } = await lookup(provider, hints, options.cache ?? false, options.fresh ?? false);
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
        if (key !== undefined) return { ok: true, key, accountId: account.accountId, source: 'account', route, account };
      }
      const fallback = fromEnvironment(account.accountId);
      if (fallback !== undefined) return { ok: true, key: fallback, accountId: account.accountId, source: 'environment', route, account };
      return { ok: false, status: 403, reason: 'not_configured', account };
    },
  };
}
