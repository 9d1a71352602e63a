/**
 * What the inbound HTTP layer needs to verify and answer requests: read once
 * from the environment (api/main.ts), validated with zod, passed down. No
 * handler reads process.env.
 *
 * A verifier whose secret is unset rejects every request of its provider with
 * 403: an unverifiable webhook is never trusted.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { resolveAppSecret } from '../lib/app-secret.ts';
import type { KeyRing } from '../lib/secrets.ts';
import { loadConfig } from '../lib/config.ts';
import { loadProviderConfig } from '../worker/providers.ts';
import { telnyxPublicKeyFromBase64 } from './signatures.ts';

/** Seconds a signed timestamp (Telnyx, Calendly) may differ from our clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Trimmed; empty or whitespace-only counts as unset. */
const text = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}, z.string().optional());

const secret = text.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' });

const EnvSchema = z.object({
  /** Base64 of the raw 32-byte Ed25519 public key, as the Telnyx portal shows it. */
  TELNYX_PUBLIC_KEY: text.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        telnyxPublicKeyFromBase64(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be the base64 of a 32-byte Ed25519 public key' },
  ),
  ELASTIC_EMAIL_WEBHOOK_SECRET: secret,
  BOOKING_WEBHOOK_SECRET: secret,
  /** Slack's signing secret for interactions (the AI inbox's Approve & Send), for accounts without their own. */
  SLACK_SIGNING_SECRET: secret,
  /** Derives each account's key for POST /webhooks/email/inbound/<slug> (inboundEmailSigningKey), for accounts without their own. */
  INBOUND_EMAIL_SECRET: secret,
});

export interface InboundConfig {
  /** Where providers reach us; Twilio signs this URL (PUBLIC_BASE_URL + path + query). */
  publicBaseUrl: string;
  twilioAuthToken?: string;
  telnyxPublicKey?: KeyObject;
  elasticWebhookSecret?: string;
  bookingWebhookSecret?: string;
  slackSigningSecret?: string;
  inboundEmailSecret?: string;
  /** Verifies unsubscribe tokens (lib/tokens.ts). */
  appSecret: string;
  toleranceSeconds: number;
  /** Current Unix time in seconds; tests may freeze it. */
  nowSeconds: () => number;
}

/** Which verifiers are configured, by name only (never a value). */
export function inboundReadiness(config: InboundConfig): Record<'twilio' | 'telnyx' | 'elastic_email' | 'booking' | 'slack' | 'email', boolean> {
  return {
    twilio: Boolean(config.twilioAuthToken),
    telnyx: Boolean(config.telnyxPublicKey),
    elastic_email: Boolean(config.elasticWebhookSecret),
    booking: Boolean(config.bookingWebhookSecret),
    slack: Boolean(config.slackSigningSecret),
    email: Boolean(config.inboundEmailSecret),
  };
}

/**
 * Reads PUBLIC_BASE_URL and APP_SECRET (lib/config.ts, lib/app-secret.ts),
 * TWILIO_AUTH_TOKEN (worker/providers.ts), TELNYX_PUBLIC_KEY,
 * ELASTIC_EMAIL_WEBHOOK_SECRET, BOOKING_WEBHOOK_SECRET, SLACK_SIGNING_SECRET and INBOUND_EMAIL_SECRET. Throws with the
 * names of invalid variables, never their values.
 */
export async function loadInboundConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Promise<InboundConfig> {
  const app = loadConfig(env as NodeJS.ProcessEnv);
  const providers = loadProviderConfig(env);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid inbound environment: ${problems}`);
  }
  const e = parsed.data;
  return {
    publicBaseUrl: app.PUBLIC_BASE_URL,
    ...(providers.twilio.authToken ? { twilioAuthToken: providers.twilio.authToken } : {}),
    ...(e.TELNYX_PUBLIC_KEY ? { telnyxPublicKey: telnyxPublicKeyFromBase64(e.TELNYX_PUBLIC_KEY) } : {}),
    ...(e.ELASTIC_EMAIL_WEBHOOK_SECRET ? { elasticWebhookSecret: e.ELASTIC_EMAIL_WEBHOOK_SECRET } : {}),
    ...(e.BOOKING_WEBHOOK_SECRET ? { bookingWebhookSecret: e.BOOKING_WEBHOOK_SECRET } : {}),
    ...(e.SLACK_SIGNING_SECRET ? { slackSigningSecret: e.SLACK_SIGNING_SECRET } : {}),
    ...(e.INBOUND_EMAIL_SECRET ? { inboundEmailSecret: e.INBOUND_EMAIL_SECRET } : {}),
    appSecret: await resolveAppSecret(app.APP_SECRET, app.DATA_DIR),
    toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS,
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
}

/** What the inbound routes are given (api/main.ts builds it; tests build their own). */
export interface InboundDeps {
  config: InboundConfig;
  /**
   * A pool whose sessions run as revenue_ingest: every ingest function call goes through it.
   * That role may only execute the ingest functions and look up an account by slug and a business name.
   */
  ingestSql: Sql;
  /** The owner pool; /api/leads switches to revenue_api per transaction (withRole, withTenant). */
  sql: Sql;
  /**
   * Opens each account's stored provider credentials, which verify its webhooks
   * (api/domain/webhook-keys.ts). Without it, a webhook of an account that has
   * stored credentials is refused (403 credentials_unreadable).
   */
  keyRing?: KeyRing;
}
