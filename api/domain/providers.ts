/**
 * Provider credentials from the settings page: save (sealed), remove, and Test
 * connection with the account's stored credentials. The sealing and the one
 * read of sealed rows are lib/provider-credentials.ts's; the provider calls
 * are worker/drivers/verify.ts's. Nothing here returns or logs a value.
 */
import type { Sql, TransactionSql } from '../../db/client.ts';
import {
  deleteCredentials,
  loadCredentials,
  recordVerification,
  saveCredentials,
  type CredentialProvider,
  type Credentials,
} from '../../lib/provider-credentials.ts';
import { SecretError, type KeyRing } from '../../lib/secrets.ts';
import type { ProviderConfig } from '../../worker/providers.ts';
import { verifyCredentials, type Verification } from '../../worker/drivers/verify.ts';

/** Stores (replaces) a provider's credentials for the tenant transaction's account. */
export async function saveProviderCredentials<P extends CredentialProvider>(
  tx: TransactionSql,
  ring: KeyRing,
  accountId: string,
  provider: P,
  value: Credentials<P>,
): Promise<void> {
  await saveCredentials(tx, ring, accountId, provider, value);
}

/** Removes them; false when there were none. */
export async function removeProviderCredentials(tx: TransactionSql, provider: CredentialProvider): Promise<boolean> {
  return deleteCredentials(tx, provider);
}

/**
 * Test connection: opens the account's stored credentials, asks the provider,
 * and records the answer (verify_ok, verify_detail). Null when nothing is stored.
 * `ownerSql` must be able to act as revenue_worker (loadCredentials, recordVerification).
 */
export async function testProviderConnection(
  ownerSql: Sql,
  ring: KeyRing,
  config: ProviderConfig,
  accountId: string,
  provider: CredentialProvider,
): Promise<Verification | null> {
  let result: Verification;
  try {
    const stored = await loadCredentials(ownerSql, ring, accountId, provider);
    if (!stored) return null;
    result = await verifyCredentials(provider, stored.value, config);
  } catch (error) {
    if (!(error instanceof SecretError)) throw error;
    result = { ok: false, detail: 'The stored credentials do not open with this master key (REVENUE_OS_MASTER_KEY); enter them again.' };
  }
  await recordVerification(ownerSql, accountId, provider, result.ok, result.detail);
  return result;
}
