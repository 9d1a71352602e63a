/**
 * Enrichment settings (issue 19), read once from the environment and passed down.
 *
 *   TWILIO_LOOKUP_BASE_URL  Twilio Lookup's scheme and host; unset: TWILIO_API_BASE_URL when that
 *                           overrides Twilio's host (one setting points all of Twilio at a proxy
 *                           or a test's fake), else https://lookups.twilio.com. The keys are the
 *                           account's stored Twilio credentials, else TWILIO_ACCOUNT_SID /
 *                           TWILIO_AUTH_TOKEN.
 *   ENRICHMENT_DNS          How email domains' MX records are looked up: unset or `off` (the
 *                           default): not at all, so nothing is contacted; `system`: the
 *                           system's resolver; or a comma list of `ip[:port]` servers.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export const DEFAULT_TWILIO_LOOKUP_BASE_URL = 'https://lookups.twilio.com';

export type DnsSetting = { mode: 'off' } | { mode: 'system' } | { mode: 'servers'; servers: string[] };

export interface EnrichmentConfig {
  lookupBaseUrl: string;
  dns: DnsSetting;
  /** Per lookup (HTTP or DNS), in milliseconds. */
  timeoutMs: number;
}

/** `1.2.3.4`, `1.2.3.4:5353`, `::1` or `[::1]:5353`: a form node:dns's setServers takes. */
function dnsServer(entry: string): boolean {
  if (isIP(entry)) return true;
  const v6 = /^\[([^\]]+)\]:(\d{1,5})$/.exec(entry);
  if (v6) return isIP(v6[1]!) === 6 && Number(v6[2]) >= 1 && Number(v6[2]) <= 65535;
  const v4 = /^([^:]+):(\d{1,5})$/.exec(entry);
  return v4 !== null && isIP(v4[1]!) === 4 && Number(v4[2]) >= 1 && Number(v4[2]) <= 65535;
}

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), z.string().optional());

const httpUrl = text.refine((v) => v === undefined || /^https?:\/\/[^/\s]+/i.test(v), { message: 'must be an http:// or https:// URL' });

const EnvSchema = z.object({
  TWILIO_LOOKUP_BASE_URL: httpUrl,
  TWILIO_API_BASE_URL: httpUrl,
  ENRICHMENT_DNS: text.refine(
    (v) => v === undefined || /^(off|system)$/i.test(v) || v.split(',').every((s) => dnsServer(s.trim())),
    { message: "must be 'off', 'system' or a comma list of ip[:port] servers" },
  ),
});

export function loadEnrichmentConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>, timeoutMs: number): EnrichmentConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid enrichment environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const dnsText = e.ENRICHMENT_DNS?.toLowerCase();
  const dns: DnsSetting =
    dnsText === undefined || dnsText === 'off'
      ? { mode: 'off' }
      : dnsText === 'system'
        ? { mode: 'system' }
        : { mode: 'servers', servers: e.ENRICHMENT_DNS!.split(',').map((s) => s.trim()) };
  const apiOverride = e.TWILIO_API_BASE_URL?.replace(/\/+$/, '');
  const lookupBaseUrl = e.TWILIO_LOOKUP_BASE_URL ?? (apiOverride && apiOverride !== 'https://api.twilio.com' ? apiOverride : DEFAULT_TWILIO_LOOKUP_BASE_URL);
  return { lookupBaseUrl: lookupBaseUrl.replace(/\/+$/, ''), dns, timeoutMs };
}
