/**
 * Provider configuration: the environment is read once, validated with zod,
 * and passed down as a typed object. Nothing below this module reads
 * process.env.
 *
 * Names and fallbacks follow the seeds: Elastic's key may be under either
 * spelling (seed 000), Telnyx's under `Telnyx_Api`, OpenAI's under
 * `OPEN_AI_KEY` or the legacy `OPEN_API_KEY` (seed 001), and WhatsApp honours
 * `QA_SINK` and `DRY_RUN_WHATSAPP` (seed 002).
 */
import path from 'node:path';
import { z } from 'zod';
import type { Channel } from './drivers/types.ts';

import { MISSING_ELASTIC_ENV } from './drivers/elastic.ts';

export { buildDrivers } from './drivers/index.ts';
export { MISSING_ELASTIC_ENV };

export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';
export const DEFAULT_TELNYX_API_BASE_URL = 'https://api.telnyx.com/v2';
export const DEFAULT_ELASTIC_EMAIL_API_BASE_URL = 'https://api.elasticemail.com';
export const DEFAULT_SLACK_API_BASE_URL = 'https://slack.com/api';
export const DEFAULT_CALENDLY_API_BASE_URL = 'https://api.calendly.com';
export const DEFAULT_PROVIDER_TIMEOUT_MS = 15_000;

/** Trimmed; empty or whitespace-only counts as unset. */
const text = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? undefined : t;
}, z.string().optional());

const httpUrl = text.refine((v) => v === undefined || /^https?:\/\/[^/\s]+/i.test(v), { message: 'must be an http:// or https:// URL' });

const TRUE_WORDS = /^(1|true|yes|on)$/i;
const FALSE_WORDS = /^(0|false|no|off)$/i;

const EnvSchema = z.object({
  TWILIO_ACCOUNT_SID: text.refine((v) => v === undefined || v.startsWith('AC'), { message: 'must start with AC' }),
  TWILIO_AUTH_TOKEN: text,
  TWILIO_API_BASE_URL: httpUrl,
  QA_SINK: text.refine((v) => v === undefined || /^(whatsapp:)?\+[1-9]\d{6,14}$/.test(v), {
    message: 'must be an E.164 number, optionally prefixed with whatsapp:',
  }),
  DRY_RUN_WHATSAPP: text.refine((v) => v === undefined || TRUE_WORDS.test(v) || FALSE_WORDS.test(v), {
    message: "must be '1'/'true' or '0'/'false'",
  }),
  TELNYX_API_KEY: text,
  Telnyx_Api: text,
  TELNYX_APP_ID: text,
  TELNYX_API_BASE_URL: httpUrl,
  ELASTIC_EMAIL_API_KEY: text,
  ELASTICEMAIL_API_KEY: text,
  ELASTIC_EMAIL_FROM: text,
  ELASTIC_EMAIL_API_BASE_URL: httpUrl,
  OPENAI_API_KEY: text,
  OPEN_AI_KEY: text,
  OPEN_API_KEY: text,
  OPENAI_BASE_URL: httpUrl,
  SLACK_API_BASE_URL: httpUrl,
  SLACK_BOT_TOKEN: text.refine((v) => v === undefined || /^xox[bp]-[A-Za-z0-9-]{10,250}$/.test(v), { message: 'must be a Slack bot token (xoxb-…)' }),
  CALENDLY_API_BASE_URL: httpUrl,
  DATA_DIR: text,
  SINK_OUTBOX_FILE: text,
  PROVIDER_TIMEOUT_MS: text.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 100 && Number(v) <= 300_000), {
    message: 'must be a whole number of milliseconds between 100 and 300000',
  }),
});

export interface TwilioConfig {
  accountSid?: string;
  authToken?: string;
  apiBaseUrl: string;
  /** E.164 (no prefix): every WhatsApp goes here instead of the lead when set. */
  qaSink?: string;
  dryRunWhatsapp: boolean;
  timeoutMs: number;
}

export interface TelnyxConfig {
  apiKey?: string;
  /** Which variable the key came from (a name, never the value). */
  apiKeySource?: 'TELNYX_API_KEY' | 'Telnyx_Api';
  /** The Call Control connection id; voice needs it. */
  appId?: string;
  /** Includes the API version path, like the SDK's own default. */
  apiBaseUrl: string;
  timeoutMs: number;
}

export interface ElasticEmailConfig {
  apiKey?: string;
  apiKeySource?: 'ELASTIC_EMAIL_API_KEY' | 'ELASTICEMAIL_API_KEY';
  from?: string;
  apiBaseUrl: string;
  /** Seed 000's EMAIL_READY = Boolean(api_key && from). */
  ready: boolean;
  timeoutMs: number;
}

export interface OpenAiConfig {
  apiKey?: string;
  apiKeySource?: 'OPENAI_API_KEY' | 'OPEN_AI_KEY' | 'OPEN_API_KEY';
  baseUrl?: string;
}

/** Only Test connection calls Slack and Calendly, always with an account's own token. */
export interface ApiBaseConfig {
  apiBaseUrl: string;
  timeoutMs: number;
}

/** The AI inbox posts drafts for review with the account's own bot token, else SLACK_BOT_TOKEN. */
export interface SlackConfig extends ApiBaseConfig {
  botToken?: string;
}

export interface SinkConfig {
  outboxFile: string;
}

export interface ProviderConfig {
  twilio: TwilioConfig;
  telnyx: TelnyxConfig;
  elasticEmail: ElasticEmailConfig;
  openai: OpenAiConfig;
  slack: SlackConfig;
  calendly: ApiBaseConfig;
  sink: SinkConfig;
  timeoutMs: number;
}

export type ReadinessProvider = 'twilio' | 'telnyx' | 'elastic_email' | 'openai';

export interface ProviderReadiness {
  provider: ReadinessProvider;
  ready: boolean;
  /** What is set or missing, by variable NAME; never a value. */
  detail: string;
  /** Channels this provider can carry right now (empty for OpenAI). */
  channels: Channel[];
}

function firstOf<K extends string>(values: Record<K, string | undefined>, order: readonly K[]): { value?: string; source?: K } {
  for (const name of order) {
    const value = values[name];
    if (value !== undefined) return { value, source: name };
  }
  return {};
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The Telnyx SDK's base URL carries `/v2`; a bare origin (a fake, a proxy) gets it appended. */
function telnyxBase(url: string | undefined): string {
  if (url === undefined) return DEFAULT_TELNYX_API_BASE_URL;
  const parsed = new URL(url);
  return parsed.pathname === '/' || parsed.pathname === '' ? `${trimSlash(url)}/v2` : trimSlash(url);
}

/** Reads and validates the provider environment once; callers pass the result down. */
export function loadProviderConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): ProviderConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Names and rules only: a value (possibly a secret) never reaches the message.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid provider environment: ${problems}`);
  }
  const e = parsed.data;
  const timeoutMs = e.PROVIDER_TIMEOUT_MS === undefined ? DEFAULT_PROVIDER_TIMEOUT_MS : Number(e.PROVIDER_TIMEOUT_MS);

  const telnyxKey = firstOf({ TELNYX_API_KEY: e.TELNYX_API_KEY, Telnyx_Api: e.Telnyx_Api }, ['TELNYX_API_KEY', 'Telnyx_Api']);
  const elasticKey = firstOf({ ELASTIC_EMAIL_API_KEY: e.ELASTIC_EMAIL_API_KEY, ELASTICEMAIL_API_KEY: e.ELASTICEMAIL_API_KEY }, [
    'ELASTIC_EMAIL_API_KEY',
    'ELASTICEMAIL_API_KEY',
  ]);
  const openaiKey = firstOf({ OPENAI_API_KEY: e.OPENAI_API_KEY, OPEN_AI_KEY: e.OPEN_AI_KEY, OPEN_API_KEY: e.OPEN_API_KEY }, [
    'OPENAI_API_KEY',
    'OPEN_AI_KEY',
    'OPEN_API_KEY',
  ]);

  return {
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      apiBaseUrl: trimSlash(e.TWILIO_API_BASE_URL ?? DEFAULT_TWILIO_API_BASE_URL),
      qaSink: e.QA_SINK?.replace(/^whatsapp:/, ''),
      dryRunWhatsapp: e.DRY_RUN_WHATSAPP !== undefined && TRUE_WORDS.test(e.DRY_RUN_WHATSAPP),
      timeoutMs,
    },
    telnyx: {
      apiKey: telnyxKey.value,
      apiKeySource: telnyxKey.source,
      appId: e.TELNYX_APP_ID,
      apiBaseUrl: telnyxBase(e.TELNYX_API_BASE_URL),
      timeoutMs,
    },
    elasticEmail: {
      apiKey: elasticKey.value,
      apiKeySource: elasticKey.source,
      from: e.ELASTIC_EMAIL_FROM,
      apiBaseUrl: trimSlash(e.ELASTIC_EMAIL_API_BASE_URL ?? DEFAULT_ELASTIC_EMAIL_API_BASE_URL),
      ready: Boolean(elasticKey.value && e.ELASTIC_EMAIL_FROM),
      timeoutMs,
    },
    openai: {
      apiKey: openaiKey.value,
      apiKeySource: openaiKey.source,
      baseUrl: e.OPENAI_BASE_URL === undefined ? undefined : trimSlash(e.OPENAI_BASE_URL),
    },
    slack: { apiBaseUrl: trimSlash(e.SLACK_API_BASE_URL ?? DEFAULT_SLACK_API_BASE_URL), timeoutMs, ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}) },
    calendly: { apiBaseUrl: trimSlash(e.CALENDLY_API_BASE_URL ?? DEFAULT_CALENDLY_API_BASE_URL), timeoutMs },
    sink: {
      outboxFile: e.SINK_OUTBOX_FILE ?? path.join(e.DATA_DIR ?? '.data', 'sink-outbox.jsonl'),
    },
    timeoutMs,
  };
}

function missing(names: string[]): string {
  return `missing ${names.join(', ')}`;
}

/** One row per real provider: can it send, and if not, which variable to set. */
export function providerReadiness(config: ProviderConfig): ProviderReadiness[] {
  const rows: ProviderReadiness[] = [];

  const t = config.twilio;
  const twilioMissing = [t.accountSid ? null : 'TWILIO_ACCOUNT_SID', t.authToken ? null : 'TWILIO_AUTH_TOKEN'].filter((n): n is string => n !== null);
  const twilioReady = twilioMissing.length === 0;
  const twilioNotes = [
    twilioReady ? 'TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN set' : missing(twilioMissing),
    t.apiBaseUrl !== DEFAULT_TWILIO_API_BASE_URL ? 'TWILIO_API_BASE_URL overrides the API host' : null,
    t.qaSink ? 'QA_SINK set: every WhatsApp goes to the QA number' : null,
    t.dryRunWhatsapp ? 'DRY_RUN_WHATSAPP on: WhatsApp is not sent' : null,
  ].filter((n): n is string => n !== null);
  rows.push({
    provider: 'twilio',
    ready: twilioReady,
    detail: twilioNotes.join('; '),
    channels: twilioReady ? ['sms', 'whatsapp', 'voice'] : t.dryRunWhatsapp ? ['whatsapp'] : [],
  });

  const x = config.telnyx;
  const telnyxDetail = !x.apiKey
    ? missing(['TELNYX_API_KEY (or Telnyx_Api)'])
    : [
        x.apiKeySource === 'Telnyx_Api' ? 'key from Telnyx_Api' : 'TELNYX_API_KEY set',
        x.appId ? 'TELNYX_APP_ID set' : 'missing TELNYX_APP_ID: voice disabled',
      ].join('; ');
  rows.push({
    provider: 'telnyx',
    ready: Boolean(x.apiKey),
    detail: telnyxDetail,
    channels: x.apiKey ? (x.appId ? ['sms', 'voice'] : ['sms']) : [],
  });

  const m = config.elasticEmail;
  rows.push({
    provider: 'elastic_email',
    ready: m.ready,
    detail: m.ready ? `key from ${m.apiKeySource}; ELASTIC_EMAIL_FROM set` : MISSING_ELASTIC_ENV,
    channels: m.ready ? ['email'] : [],
  });

  const o = config.openai;
  rows.push({
    provider: 'openai',
    ready: Boolean(o.apiKey),
    detail: o.apiKey ? `key from ${o.apiKeySource}` : missing(['OPENAI_API_KEY (or OPEN_AI_KEY, OPEN_API_KEY)']),
    channels: [],
  });

  return rows;
}
