/**
 * Each account's own provider credentials: what every provider takes, and the
 * one place their rows are written, read and re-sealed. Values are sealed with
 * lib/secrets.ts before they reach the database and opened only here.
 *
 * The API writes a provider's credentials whole (it can never read them back);
 * the worker and the webhook verifiers read them through
 * public.provider_credentials_sealed as revenue_worker.
 */
import { z } from 'zod';
import { withRole, type Sql, type TransactionSql } from '../db/client.ts';
import { mask, open, seal, SecretError, type KeyRing } from './secrets.ts';

export const CREDENTIAL_PROVIDERS = ['twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly'] as const;
export type CredentialProvider = (typeof CREDENTIAL_PROVIDERS)[number];

const field = (min: number, max: number, label: string) =>
  z.string().trim().min(min, `${label} must be at least ${min} characters`).max(max, `${label} must be at most ${max} characters`)
    .refine((v) => !/[\u0000-\u001f\u007f\s]/.test(v), `${label} must not contain spaces or control characters`);
const optional = <T extends z.ZodTypeAny>(s: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional());

/** Base64 of a raw 32-byte Ed25519 public key, as the Telnyx portal shows it. */
const ed25519Base64 = z.string().trim().refine((v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32, {
  message: 'public_key must be the base64 of a 32-byte Ed25519 public key (44 characters)',
});

export const CREDENTIAL_SCHEMAS = {
  twilio: z.object({
    account_sid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'account_sid must be AC followed by 32 hex digits'),
    auth_token: field(16, 128, 'auth_token'),
  }),
  telnyx: z.object({
    api_key: field(16, 256, 'api_key'),
    public_key: optional(ed25519Base64),
    connection_id: optional(field(1, 64, 'connection_id')),
  }),
  elastic_email: z.object({
    api_key: field(16, 256, 'api_key'),
    from: z.string().trim().toLowerCase().email('from must be an email address').max(320),
    webhook_secret: optional(field(16, 256, 'webhook_secret')),
  }),
  openai: z.object({ api_key: field(16, 256, 'api_key') }),
  slack: z.object({
    bot_token: z.string().trim().regex(/^xox[bp]-[A-Za-z0-9-]{10,250}$/, 'bot_token must be a Slack bot token (xoxb-…)'),
    signing_secret: optional(field(16, 128, 'signing_secret')),
  }),
  calendly: z.object({
    api_token: field(16, 2048, 'api_token'),
    webhook_signing_key: optional(field(16, 256, 'webhook_signing_key')),
  }),
} as const satisfies Record<CredentialProvider, z.ZodTypeAny>;

export type Credentials<P extends CredentialProvider> = z.infer<(typeof CREDENTIAL_SCHEMAS)[P]>;

/** The form fields of each provider, in order, and which may be left empty. */
export const CREDENTIAL_FIELDS: Record<CredentialProvider, { name: string; required: boolean }[]> = Object.fromEntries(
  CREDENTIAL_PROVIDERS.map((p) => [
    p,
    Object.entries(CREDENTIAL_SCHEMAS[p].shape).map(([name, s]) => ({ name, required: !(s as z.ZodTypeAny).isOptional() })),
  ]),
) as Record<CredentialProvider, { name: string; required: boolean }[]>;

export function isCredentialProvider(v: string): v is CredentialProvider {
  return (CREDENTIAL_PROVIDERS as readonly string[]).includes(v);
}

function contextOf(accountId: string, provider: CredentialProvider): string {
  return `account:${accountId}:provider:${provider}`;
}

export type ParsedCredentials<P extends CredentialProvider> =
  | { ok: true; value: Credentials<P> }
  | { ok: false; problems: { field: string; message: string }[] };

/** Checks what a person typed (never echoing values in the problems). */
export function parseCredentials<P extends CredentialProvider>(provider: P, input: Record<string, unknown>): ParsedCredentials<P> {
  const r = CREDENTIAL_SCHEMAS[provider].safeParse(input);
  if (r.success) return { ok: true, value: r.data as Credentials<P> };
  return { ok: false, problems: r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || provider, message: i.message })) };
}

/**
 * Stores a provider's credentials for the account of the tenant transaction
 * (row-level security applies), replacing what was there and clearing the
 * last verification.
 */
export async function saveCredentials<P extends CredentialProvider>(
  tx: TransactionSql,
  ring: KeyRing,
  accountId: string,
  provider: P,
  value: Credentials<P>,
): Promise<void> {
  const { sealed, keyId } = seal(ring, contextOf(accountId, provider), value);
  const masked = Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string' && v !== '').map(([k, v]) => [k, mask(v as string)]),
  );
  // Insert, else update: an upsert's `excluded` row would need SELECT on sealed, which the API lacks.
  const inserted = await tx`
    insert into public.account_provider_credentials (account_id, provider, sealed, key_id, masked)
    values (${accountId}, ${provider}, ${sealed}, ${keyId}, ${tx.json(masked)})
    on conflict (account_id, provider) do nothing
    returning provider`;
  if (inserted.length) return;
  await tx`
    update public.account_provider_credentials
    set sealed = ${sealed}, key_id = ${keyId}, masked = ${tx.json(masked)},
        verified_at = null, verify_ok = null, verify_detail = null, updated_at = now()
    where account_id = ${accountId} and provider = ${provider}`;
}

/** Removes a provider's credentials from the tenant transaction's account; true when there were some. */
export async function deleteCredentials(tx: TransactionSql, provider: CredentialProvider): Promise<boolean> {
  const rows = await tx`delete from public.account_provider_credentials where provider = ${provider} returning provider`;
  return rows.length > 0;
}

export interface LoadedCredentials<P extends CredentialProvider> {
  value: Credentials<P>;
  /** Changes whenever the credentials do: a cache key. */
  updatedAt: Date;
}

/**
 * The account's credentials for a provider, opened, or null when it has none.
 * Runs as revenue_worker, or revenue_ingest for the webhook verifiers (the only
 * roles that may read sealed rows). A row that
 * does not open (wrong master key, tampering) is an error, never a silent
 * fallback to other keys.
 */
export async function loadCredentials<P extends CredentialProvider>(
  sql: Sql,
  ring: KeyRing,
  accountId: string,
  provider: P,
  role: 'revenue_worker' | 'revenue_ingest' = 'revenue_worker',
): Promise<LoadedCredentials<P> | null> {
  const rows = await withRole(sql, role, (tx) => tx<{ sealed: string; updated_at: Date }[]>`
    select sealed, updated_at from public.provider_credentials_sealed(${accountId}, ${provider})`);
  const row = rows[0];
  if (!row) return null;
  const opened = open(ring, contextOf(accountId, provider), row.sealed);
  const parsed = CREDENTIAL_SCHEMAS[provider].safeParse(opened);
  if (!parsed.success) throw new SecretError(`stored ${provider} credentials of account ${accountId} no longer match their schema`);
  return { value: parsed.data as Credentials<P>, updatedAt: row.updated_at };
}

/** Records a Test connection result (detail in words, never a secret). */
export async function recordVerification(
  sql: Sql,
  accountId: string,
  provider: CredentialProvider,
  ok: boolean,
  detail: string,
): Promise<void> {
  await withRole(sql, 'revenue_worker', (tx) => tx`
    update public.account_provider_credentials
    set verified_at = now(), verify_ok = ${ok}, verify_detail = ${detail.slice(0, 300)}
    where account_id = ${accountId} and provider = ${provider}`);
}

/**
 * Re-seals every row under the ring's current key, in one transaction on the
 * owner connection (`make rotate-key`). Rows already under it are rewritten too,
 * with fresh data keys. Returns how many rows were rewritten.
 */
export async function resealAll(ownerSql: Sql, ring: KeyRing): Promise<{ rows: number; fromKeys: string[] }> {
  return (await ownerSql.begin(async (tx) => {
    const rows = await tx<{ account_id: string; provider: CredentialProvider; sealed: string; key_id: string }[]>`
      select account_id, provider, sealed, key_id from public.account_provider_credentials
      order by account_id, provider for update`;
    const fromKeys = new Set<string>();
    for (const r of rows) {
      fromKeys.add(r.key_id);
      const context = contextOf(r.account_id, r.provider);
      const next = seal(ring, context, open(ring, context, r.sealed));
      await tx`update public.account_provider_credentials set sealed = ${next.sealed}, key_id = ${next.keyId}
               where account_id = ${r.account_id} and provider = ${r.provider}`;
    }
    return { rows: rows.length, fromKeys: [...fromKeys] };
  })) as { rows: number; fromKeys: string[] };
}
