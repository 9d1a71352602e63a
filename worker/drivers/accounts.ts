/**
 * Drivers per account: a send goes out with the account's own provider
 * credentials when it has stored some (lib/provider-credentials.ts), else with
 * the environment's (the single-tenant fallback, buildDrivers).
 *
 * Each (account, provider) is looked up at most once per TTL; the driver built
 * from a row is kept while the row's updated_at is unchanged, so a changed key
 * takes effect within the TTL without a restart. A stored row that does not
 * open is never replaced by other keys: the send is not_sent with
 * credentials_unreadable.
 */
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { loadCredentials, type CredentialProvider, type Credentials } from '../../lib/provider-credentials.ts';
import type { KeyRing } from '../../lib/secrets.ts';
import type { ProviderConfig } from '../providers.ts';
import { createElasticDriver } from './elastic.ts';
import { createTelnyxDriver } from './telnyx.ts';
import { createTwilioDriver } from './twilio.ts';
import type { Driver, DriverUrls, ProviderName, SendResult } from './types.ts';

/** How long a looked-up row is trusted before the database is asked again. */
export const DEFAULT_CREDENTIALS_TTL_MS = 30_000;

export const CREDENTIALS_UNREADABLE = 'credentials_unreadable';

export type DriverChoice =
  | { driver: Driver; source: 'account' | 'env' }
  | { driver: null; result: Extract<SendResult, { kind: 'not_sent' }> };

export interface AccountDrivers {
  /** The driver a send of this account through this provider must use. */
  forAccount(accountId: string, provider: ProviderName): Promise<DriverChoice>;
}

export interface AccountDriverOptions {
  /** Sessions that may run as revenue_worker (loadCredentials sets the role). */
  sql: Sql;
  keyRing: KeyRing;
  config: ProviderConfig;
  urls: DriverUrls;
  /** The environment's drivers (buildDrivers): the fallback, and sink. */
  envDrivers: Map<ProviderName, Driver>;
  ttlMs?: number;
  now?: () => number;
}

type StoredProvider = Extract<ProviderName, CredentialProvider>;
const STORED: readonly StoredProvider[] = ['twilio', 'telnyx', 'elastic_email'];

interface Entry {
  checkedAt: number;
  /** null: the account has no stored row for the provider. */
  updatedAt: number | null;
  driver: Driver | null;
}

/** A driver from an account's own credentials; the environment only gives base URLs and switches. */
export function driverFromCredentials<P extends StoredProvider>(provider: P, value: Credentials<P>, config: ProviderConfig, urls: DriverUrls): Driver {
  if (provider === 'twilio') {
    const v = value as Credentials<'twilio'>;
    return createTwilioDriver({
      accountSid: v.account_sid,
      authToken: v.auth_token,
      apiBaseUrl: config.twilio.apiBaseUrl,
      qaSink: config.twilio.qaSink,
      dryRunWhatsapp: config.twilio.dryRunWhatsapp,
      timeoutMs: config.twilio.timeoutMs,
      ...urls,
    });
  }
  if (provider === 'telnyx') {
    const v = value as Credentials<'telnyx'>;
    return createTelnyxDriver({ apiKey: v.api_key, appId: v.connection_id, apiBaseUrl: config.telnyx.apiBaseUrl, timeoutMs: config.telnyx.timeoutMs, ...urls });
  }
  const v = value as Credentials<'elastic_email'>;
  return createElasticDriver({ apiKey: v.api_key, from: v.from, apiBaseUrl: config.elasticEmail.apiBaseUrl, timeoutMs: config.elasticEmail.timeoutMs });
}

export function createAccountDrivers(options: AccountDriverOptions): AccountDrivers {
  const ttlMs = options.ttlMs ?? DEFAULT_CREDENTIALS_TTL_MS;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();

  const envChoice = (provider: ProviderName): DriverChoice => {
    const driver = options.envDrivers.get(provider);
    return driver
      ? { driver, source: 'env' }
      : { driver: null, result: { kind: 'not_sent', errorCode: 'driver_unavailable', errorMessage: `no ${provider} driver` } };
  };

  return {
    async forAccount(accountId, provider) {
      if (!(STORED as readonly string[]).includes(provider)) return envChoice(provider);
      const p = provider as StoredProvider;
      const key = `${accountId}:${p}`;
      const cached = cache.get(key);
      if (cached && now() - cached.checkedAt < ttlMs) {
        return cached.driver ? { driver: cached.driver, source: 'account' } : envChoice(p);
      }
      let loaded;
      try {
        loaded = await loadCredentials(options.sql, options.keyRing, accountId, p);
      } catch (error) {
        cache.delete(key);
        // The reason names the key problem, never a value.
        log('PROVIDER_CREDENTIALS_UNREADABLE', { account_id: accountId, provider: p, error: (error as Error).name }, 'error');
        return {
          driver: null,
          result: {
            kind: 'not_sent',
            errorCode: CREDENTIALS_UNREADABLE,
            errorMessage: `${CREDENTIALS_UNREADABLE}: this account's stored ${p} credentials do not open with this master key (REVENUE_OS_MASTER_KEY); enter them again on the settings page`,
          },
        };
      }
      if (!loaded) {
        cache.set(key, { checkedAt: now(), updatedAt: null, driver: null });
        return envChoice(p);
      }
      const updatedAt = loaded.updatedAt.getTime();
      const driver =
        cached?.driver && cached.updatedAt === updatedAt ? cached.driver : driverFromCredentials(p, loaded.value as Credentials<typeof p>, options.config, options.urls);
      cache.set(key, { checkedAt: now(), updatedAt, driver });
      return { driver, source: 'account' };
    },
  };
}

/** The driver for a send: the account's own when deps can resolve them, else the environment's. */
export async function chooseDriver(
  deps: { drivers: Map<ProviderName, Driver>; accountDrivers?: AccountDrivers },
  accountId: string,
  provider: ProviderName,
): Promise<DriverChoice> {
  if (deps.accountDrivers) return deps.accountDrivers.forAccount(accountId, provider);
  const driver = deps.drivers.get(provider);
  return driver
    ? { driver, source: 'env' }
    : { driver: null, result: { kind: 'not_sent', errorCode: 'driver_unavailable', errorMessage: `no ${provider} driver` } };
}
