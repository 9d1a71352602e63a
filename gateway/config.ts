/**
 * The gateway's settings: read from the environment once at start-up,
 * validated with zod, passed down. Nothing else in gateway/ reads process.env.
 *
 * Names, defaults and fallbacks are seed 001's ("Voice RTP Gateway – Env
 * Vars"): VOICE_GATEWAY_TOKEN is required, VOICE_CARRIER_PRIMARY defaults to
 * twilio, the OpenAI key may be under OPENAI_API_KEY, OPEN_AI_KEY or the
 * legacy OPEN_API_KEY, the TTS defaults (gpt-4o-mini-tts, alloy, 1.2) hold
 * whenever the variables are unset or blank, and the Telnyx key may be under
 * TELNYX_API_KEY or Telnyx_Api. The rest are this project's.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { telnyxPublicKeyFromBase64 } from './signatures.ts';

export const DEFAULT_REALTIME_URL = 'wss://api.openai.com/v1/realtime';
export const DEFAULT_REALTIME_MODEL = 'gpt-4o-realtime-preview';
export const DEFAULT_TRANSCRIBE_MODEL = 'gpt-4o-mini-transcribe';
export const DEFAULT_TTS_MODEL = 'gpt-4o-mini-tts';
export const DEFAULT_TTS_VOICE = 'alloy';
export const DEFAULT_TTS_SPEED = 1.2;
export const DEFAULT_TELNYX_API_BASE_URL = 'https://api.telnyx.com/v2';

/** `VAR=` (empty or blank) counts as unset, so a blank line in an env file takes the default. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const text = z.preprocess(blankAsUnset, z.string().optional());
const flag = z.preprocess(blankAsUnset, z.enum(['0', '1']).default('0')).transform((v) => v === '1');
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(blankAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const url = (schemes: RegExp, what: string) =>
  text.refine((v) => v === undefined || (schemes.test(v) && URL.canParse(v)), { message: `must be ${what}` });
const httpUrl = url(/^https?:\/\//i, 'an http:// or https:// URL');
const wsUrl = url(/^wss?:\/\//i, 'a ws:// or wss:// URL');
const model = (fallback: string) => z.preprocess(blankAsUnset, z.string().min(1).max(100).default(fallback));

const EnvSchema = z.object({
  HOST: z.preprocess(blankAsUnset, z.string().default('127.0.0.1')),
  /** The listener port: VOICE_GATEWAY_PORT, else PORT (Fly sets it), else 8080. */
  VOICE_GATEWAY_PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65535).optional()),
  PORT: int(8080, 0, 65535),
  VOICE_GATEWAY_PUBLIC_URL: z
    .preprocess(blankAsUnset, z.string().default('ws://127.0.0.1:8080'))
    .refine((v) => /^wss?:\/\//i.test(v) && URL.canParse(v), { message: 'must be a ws:// or wss:// URL' })
    .transform((v) => v.replace(/\/+$/, '')),
  VOICE_GATEWAY_TOKEN: z.preprocess(
    blankAsUnset,
    z
      .string({ error: 'VOICE_GATEWAY_TOKEN is required (the token carriers present on /telnyx and /twilio)' })
      .min(16, { message: 'must be at least 16 characters' }),
  ),
  VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN: flag,
  VOICE_CARRIER_PRIMARY: z.preprocess(blankAsUnset, z.enum(['twilio', 'telnyx']).default('twilio')),
  VOICE_MAX_CALLS: int(100, 1, 100_000),
  /** How many Telnyx frames may wait for a missing earlier one before it is given up (20 ms each). */
  VOICE_REORDER_FRAMES: int(5, 0, 100),
  /** The API that records outcomes and answers call context (default PUBLIC_BASE_URL, else http://127.0.0.1:3000). */
  VOICE_API_BASE_URL: httpUrl,
  PUBLIC_BASE_URL: httpUrl,
  VOICE_OUTCOME_TOKEN: text.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' }),
  /** Optional: every verified Call Control webhook is passed on, unchanged and still signed, to this URL. */
  VOICE_WEBHOOK_FORWARD_URL: httpUrl,

  OPENAI_API_KEY: text,
  OPEN_AI_KEY: text,
  OPEN_API_KEY: text,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_REALTIME_URL: wsUrl,
  OPENAI_REALTIME_MODEL: model(DEFAULT_REALTIME_MODEL),
  /** ga: current event and session shapes; beta: the OpenAI-Beta: realtime=v1 interface. */
  OPENAI_REALTIME_PROTOCOL: z.preprocess(blankAsUnset, z.enum(['ga', 'beta']).default('ga')),
  OPENAI_TRANSCRIBE_MODEL: model(DEFAULT_TRANSCRIBE_MODEL),
  OPENAI_TTS_MODEL: model(DEFAULT_TTS_MODEL),
  OPENAI_TTS_VOICE: model(DEFAULT_TTS_VOICE),
  TTS_SPEED: z.preprocess(blankAsUnset, z.coerce.number().min(0.25).max(4).default(DEFAULT_TTS_SPEED)),

  TELNYX_API_KEY: text,
  Telnyx_Api: text,
  TELNYX_APP_ID: text,
  TELNYX_API_BASE_URL: httpUrl,
  /** Base64 of the raw 32-byte Ed25519 key from the Telnyx portal; without it Call Control webhooks are refused. */
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

  SUPABASE_VOICE_HANDOFF_URL: httpUrl,
  SUPABASE_VOICE_HANDOFF_TOKEN: text,

  LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
});

export interface GatewayConfig {
  host: string;
  port: number;
  /** ws(s)://host[:port] where carriers reach this gateway (Telnyx stream_url is built from it). */
  publicUrl: string;
  token: string;
  allowTelnyxWithoutToken: boolean;
  carrierPrimary: 'twilio' | 'telnyx';
  maxCalls: number;
  reorderFrames: number;
  api: {
    baseUrl: string;
    token: string;
    tokenSource: 'VOICE_OUTCOME_TOKEN' | 'VOICE_GATEWAY_TOKEN';
  };
  webhookForwardUrl?: string;
  openai: {
    apiKey: string;
    apiKeySource: 'OPENAI_API_KEY' | 'OPEN_AI_KEY' | 'OPEN_API_KEY';
    /** For /v1/audio/speech; undefined: OpenAI's. */
    baseUrl?: string;
    realtimeUrl: string;
    realtimeModel: string;
    realtimeProtocol: 'ga' | 'beta';
    transcribeModel: string;
    ttsModel: string;
    /** Used by Realtime too. */
    voice: string;
    ttsSpeed: number;
  };
  telnyx: {
    apiKey?: string;
    apiKeySource?: 'TELNYX_API_KEY' | 'Telnyx_Api';
    appId?: string;
    apiBaseUrl: string;
    publicKey?: KeyObject;
  };
  handoff?: { url: string; token?: string };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

function trimSlash(v: string): string {
  return v.replace(/\/+$/, '');
}

/** The Telnyx SDK's base URL carries `/v2`; a bare origin (a fake, a proxy) gets it appended. */
function telnyxBase(v: string | undefined): string {
  if (v === undefined) return DEFAULT_TELNYX_API_BASE_URL;
  const p = new URL(v).pathname;
  return p === '/' || p === '' ? `${trimSlash(v)}/v2` : trimSlash(v);
}

/** Validates the environment; throws one Error naming every bad variable (names and rules, never values). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid gateway environment: ${problems}`);
  }
  const e = parsed.data;
  const openaiKey = e.OPENAI_API_KEY
    ? { value: e.OPENAI_API_KEY, source: 'OPENAI_API_KEY' as const }
    : e.OPEN_AI_KEY
      ? { value: e.OPEN_AI_KEY, source: 'OPEN_AI_KEY' as const }
      : e.OPEN_API_KEY
        ? { value: e.OPEN_API_KEY, source: 'OPEN_API_KEY' as const }
        : null;
  if (!openaiKey) {
    throw new Error('invalid gateway environment: OPENAI_API_KEY: required for Realtime and TTS (or OPEN_AI_KEY, OPEN_API_KEY)');
  }
  const telnyxKey = e.TELNYX_API_KEY
    ? { value: e.TELNYX_API_KEY, source: 'TELNYX_API_KEY' as const }
    : e.Telnyx_Api
      ? { value: e.Telnyx_Api, source: 'Telnyx_Api' as const }
      : null;

  return {
    host: e.HOST,
    port: e.VOICE_GATEWAY_PORT ?? e.PORT,
    publicUrl: e.VOICE_GATEWAY_PUBLIC_URL,
    token: e.VOICE_GATEWAY_TOKEN,
    allowTelnyxWithoutToken: e.VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN,
    carrierPrimary: e.VOICE_CARRIER_PRIMARY,
    maxCalls: e.VOICE_MAX_CALLS,
    reorderFrames: e.VOICE_REORDER_FRAMES,
    api: {
      baseUrl: trimSlash(e.VOICE_API_BASE_URL ?? e.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000'),
      token: e.VOICE_OUTCOME_TOKEN ?? e.VOICE_GATEWAY_TOKEN,
      tokenSource: e.VOICE_OUTCOME_TOKEN ? 'VOICE_OUTCOME_TOKEN' : 'VOICE_GATEWAY_TOKEN',
    },
    ...(e.VOICE_WEBHOOK_FORWARD_URL ? { webhookForwardUrl: e.VOICE_WEBHOOK_FORWARD_URL } : {}),
    openai: {
      apiKey: openaiKey.value,
      apiKeySource: openaiKey.source,
      ...(e.OPENAI_BASE_URL ? { baseUrl: trimSlash(e.OPENAI_BASE_URL) } : {}),
      realtimeUrl: e.OPENAI_REALTIME_URL ?? DEFAULT_REALTIME_URL,
      realtimeModel: e.OPENAI_REALTIME_MODEL,
      realtimeProtocol: e.OPENAI_REALTIME_PROTOCOL,
      transcribeModel: e.OPENAI_TRANSCRIBE_MODEL,
      ttsModel: e.OPENAI_TTS_MODEL,
      voice: e.OPENAI_TTS_VOICE,
      ttsSpeed: e.TTS_SPEED,
    },
    telnyx: {
      ...(telnyxKey ? { apiKey: telnyxKey.value, apiKeySource: telnyxKey.source } : {}),
      ...(e.TELNYX_APP_ID ? { appId: e.TELNYX_APP_ID } : {}),
      apiBaseUrl: telnyxBase(e.TELNYX_API_BASE_URL),
      ...(e.TELNYX_PUBLIC_KEY ? { publicKey: telnyxPublicKeyFromBase64(e.TELNYX_PUBLIC_KEY) } : {}),
    },
    ...(e.SUPABASE_VOICE_HANDOFF_URL
      ? { handoff: { url: e.SUPABASE_VOICE_HANDOFF_URL, ...(e.SUPABASE_VOICE_HANDOFF_TOKEN ? { token: e.SUPABASE_VOICE_HANDOFF_TOKEN } : {}) } }
      : {}),
    logLevel: e.LOG_LEVEL,
  };
}

/** What is configured, by name only: logged once at start-up. */
export function describeConfig(c: GatewayConfig): Record<string, unknown> {
  return {
    host: c.host,
    port: c.port,
    public_url: c.publicUrl,
    carrier_primary: c.carrierPrimary,
    max_calls: c.maxCalls,
    telnyx_without_auth: c.allowTelnyxWithoutToken ? 'allowed (AUTH_BYPASS_TELNYX)' : 'refused',
    openai_key_from: c.openai.apiKeySource,
    realtime_host: new URL(c.openai.realtimeUrl).host,
    realtime_model: c.openai.realtimeModel,
    realtime_protocol: c.openai.realtimeProtocol,
    tts_model: c.openai.ttsModel,
    tts_voice: c.openai.voice,
    tts_speed: c.openai.ttsSpeed,
    telnyx_call_control: c.telnyx.apiKey ? `key from ${c.telnyx.apiKeySource}` : 'missing TELNYX_API_KEY (or Telnyx_Api): streaming_start disabled',
    telnyx_app_id: c.telnyx.appId ? 'set' : 'unset',
    telnyx_webhooks: c.telnyx.publicKey ? 'verified with TELNYX_PUBLIC_KEY' : 'missing TELNYX_PUBLIC_KEY: Call Control webhooks refused',
    api_host: new URL(c.api.baseUrl).host,
    api_auth_from: c.api.tokenSource,
    handoff: c.handoff ? new URL(c.handoff.url).host : 'off',
    webhook_forward: c.webhookForwardUrl ? new URL(c.webhookForwardUrl).host : 'off',
  };
}
