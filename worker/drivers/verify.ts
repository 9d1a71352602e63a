/**
 * Test connection: one cheap authenticated read per provider with an account's
 * own credentials, through the same SDKs and APIs the drivers use. The answer
 * is a sentence for the settings page: never a credential, never the
 * provider's raw body.
 *
 *   twilio         GET /2010-04-01/Accounts/{sid}.json (twilio SDK)
 *   telnyx         GET /v2/balance (telnyx SDK)
 *   elastic_email  GET /v4/statistics (HTTP API, X-ElasticEmail-ApiKey)
 *   openai         GET /v1/models (openai SDK)
 *   slack          POST /api/auth.test (Web API over fetch)
 *   calendly       GET /users/me (API v2 over fetch)
 */
import OpenAI, { APIConnectionTimeoutError as OpenAiTimeout, APIError as OpenAiError } from 'openai';
import Telnyx, { APIConnectionTimeoutError as TelnyxTimeout, APIError as TelnyxError } from 'telnyx';
import twilio from 'twilio';
import type { CredentialProvider, Credentials } from '../../lib/provider-credentials.ts';
import type { ProviderConfig } from '../providers.ts';
import { RebasedRequestClient } from './twilio.ts';

export interface Verification {
  ok: boolean;
  /** In words, at most 300 characters; never a secret. */
  detail: string;
}

const LABEL: Record<CredentialProvider, string> = {
  twilio: 'Twilio',
  telnyx: 'Telnyx',
  elastic_email: 'Elastic Email',
  openai: 'OpenAI',
  slack: 'Slack',
  calendly: 'Calendly',
};

/** A refusal (401/403) in words; other statuses say the provider could not tell. */
function httpDetail(provider: CredentialProvider, status: number, code?: string | number): Verification {
  const name = LABEL[provider];
  const suffix = code !== undefined && code !== null && code !== '' ? `, code ${String(code).slice(0, 40)}` : '';
  if (status === 401 || status === 403) return { ok: false, detail: `${name} refused these credentials (HTTP ${status}${suffix}).` };
  if (status === 404) return { ok: false, detail: `${name} does not know this account (HTTP 404${suffix}).` };
  if (status === 429) return { ok: false, detail: `${name} is rate limiting; try again in a minute (HTTP 429).` };
  return { ok: false, detail: `${name} answered HTTP ${status}${suffix}; the credentials could not be checked.` };
}

function transportDetail(provider: CredentialProvider, error: unknown, timeoutMs: number): Verification {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'ECONNABORTED' || e?.code === 'ETIMEDOUT'
    || error instanceof OpenAiTimeout || error instanceof TelnyxTimeout;
  if (timedOut) return { ok: false, detail: `${LABEL[provider]} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.` };
  const code = e?.cause?.code ?? e?.code;
  return { ok: false, detail: `${LABEL[provider]} could not be reached${typeof code === 'string' ? ` (${code})` : ''}.` };
}

async function getJson(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 80) : undefined);

async function verifyTwilio(v: Credentials<'twilio'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.twilio.timeoutMs;
  const client = twilio(v.account_sid, v.auth_token, {
    httpClient: new RebasedRequestClient(config.twilio.apiBaseUrl, { timeout: timeoutMs, autoRetry: false }),
  });
  try {
    const account = await client.api.v2010.accounts(v.account_sid).fetch();
    const status = str(account.status) ?? 'unknown';
    return status === 'active'
      ? { ok: true, detail: `Twilio accepted the credentials: account ${account.sid.slice(-4)} is active.` }
      : { ok: false, detail: `Twilio accepted the credentials but the account is ${status}.` };
  } catch (error) {
    const e = error as { status?: unknown; code?: unknown };
    if (typeof e.status === 'number') return httpDetail('twilio', e.status, e.code as number | undefined);
    return transportDetail('twilio', error, timeoutMs);
  }
}

async function verifyTelnyx(v: Credentials<'telnyx'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.telnyx.timeoutMs;
  const client = new Telnyx({
    apiKey: v.api_key,
    publicKey: null,
    clientID: null,
    clientSecret: null,
    baseURL: config.telnyx.apiBaseUrl,
    timeout: timeoutMs,
    maxRetries: 0,
  });
  try {
    await client.balance.retrieve();
    return { ok: true, detail: 'Telnyx accepted the API key (balance read).' };
  } catch (error) {
    if (error instanceof TelnyxError && typeof error.status === 'number') {
      const first = (error.error as { errors?: { code?: unknown }[] } | undefined)?.errors?.[0];
      return httpDetail('telnyx', error.status, first?.code as string | undefined);
    }
    return transportDetail('telnyx', error, timeoutMs);
  }
}

async function verifyElastic(v: Credentials<'elastic_email'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.elasticEmail.timeoutMs;
  const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
  try {
    const r = await getJson(`${config.elasticEmail.apiBaseUrl}/v4/statistics?from=${encodeURIComponent(from)}`, {
      headers: { Accept: 'application/json', 'X-ElasticEmail-ApiKey': v.api_key },
    }, timeoutMs);
    if (r.status >= 200 && r.status < 300) return { ok: true, detail: `Elastic Email accepted the API key (statistics read); mail goes from ${v.from}.` };
    return httpDetail('elastic_email', r.status);
  } catch (error) {
    return transportDetail('elastic_email', error, timeoutMs);
  }
}

async function verifyOpenAi(v: Credentials<'openai'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.timeoutMs;
  const client = new OpenAI({ apiKey: v.api_key, ...(config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : {}), timeout: timeoutMs, maxRetries: 0 });
  try {
    const page = await client.models.list();
    return { ok: true, detail: `OpenAI accepted the API key (${page.data.length} models listed).` };
  } catch (error) {
    if (error instanceof OpenAiError && typeof error.status === 'number') return httpDetail('openai', error.status, error.code ?? undefined);
    return transportDetail('openai', error, timeoutMs);
  }
}

async function verifySlack(v: Credentials<'slack'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.slack.timeoutMs;
  try {
    const r = await getJson(`${config.slack.apiBaseUrl}/auth.test`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${v.bot_token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    }, timeoutMs);
    if (r.status !== 200) return httpDetail('slack', r.status);
    const b = (r.body ?? {}) as { ok?: unknown; error?: unknown; team?: unknown };
    if (b.ok === true) return { ok: true, detail: `Slack accepted the bot token${str(b.team) ? ` for workspace ${str(b.team)}` : ''}.` };
    // Slack's error is a short code such as invalid_auth or token_revoked.
    const code = typeof b.error === 'string' && /^[a-z_]{1,60}$/.test(b.error) ? b.error : 'unknown_error';
    return { ok: false, detail: `Slack refused the bot token (${code}).` };
  } catch (error) {
    return transportDetail('slack', error, timeoutMs);
  }
}

async function verifyCalendly(v: Credentials<'calendly'>, config: ProviderConfig): Promise<Verification> {
  const timeoutMs = config.calendly.timeoutMs;
  try {
    const r = await getJson(`${config.calendly.apiBaseUrl}/users/me`, {
      headers: { Authorization: `Bearer ${v.api_token}`, Accept: 'application/json' },
    }, timeoutMs);
    if (r.status === 200) {
      const name = str(((r.body ?? {}) as { resource?: { name?: unknown } }).resource?.name);
      return { ok: true, detail: `Calendly accepted the token${name ? ` (user ${name})` : ''}.` };
    }
    return httpDetail('calendly', r.status);
  } catch (error) {
    return transportDetail('calendly', error, timeoutMs);
  }
}

/** Asks the provider whether it accepts these credentials. Never throws. */
export async function verifyCredentials<P extends CredentialProvider>(provider: P, value: Credentials<P>, config: ProviderConfig): Promise<Verification> {
  const run = (): Promise<Verification> => {
    switch (provider) {
      case 'twilio': return verifyTwilio(value as Credentials<'twilio'>, config);
      case 'telnyx': return verifyTelnyx(value as Credentials<'telnyx'>, config);
      case 'elastic_email': return verifyElastic(value as Credentials<'elastic_email'>, config);
      case 'openai': return verifyOpenAi(value as Credentials<'openai'>, config);
      case 'slack': return verifySlack(value as Credentials<'slack'>, config);
      default: return verifyCalendly(value as Credentials<'calendly'>, config);
    }
  };
  try {
    const r = await run();
    return { ok: r.ok, detail: r.detail.slice(0, 300) };
  } catch {
    return { ok: false, detail: `${LABEL[provider]} could not be checked (unexpected error).` };
  }
}
