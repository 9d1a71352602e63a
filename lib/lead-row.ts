/**
 * One incoming lead, validated and normalised the way public.find_or_create_lead
 * wants it. Shared by the token-authenticated intake (api/leads.ts: LeadInput) and
 * the CSV import (lib/lead-csv.ts: leadInputSchema with the import's defaults), so
 * a lead is judged by the same rules whichever way it arrives.
 */
import { z } from 'zod';
import { normalizePhone, type CountryCode } from './phone.ts';

/** Optional text: trimmed, empty or null counts as absent; the same limits as find_or_create_lead. */
const text = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length <= max, { message: `must be at most ${max} characters` });

export interface LeadDefaults {
  /** Source for a lead that names none. */
  source: string;
  /** Country in which a national phone number (no +) is read when the lead has no country. */
  phoneCountry: CountryCode;
}

/**
 * Where a value holds a NUL (U+0000), as paths: PostgreSQL text and jsonb cannot
 * store it, so a lead carrying one is refused by name instead of failing the SQL.
 * Keys count too (`attributes` keys become jsonb keys).
 */
export function nulPaths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(at);
  } else if (depth < 100 && Array.isArray(value)) {
    value.forEach((item, i) => nulPaths(item, [...at, i], out, depth + 1));
  } else if (depth < 100 && value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) out.push([...at, key]);
      else nulPaths(item, [...at, key], out, depth + 1);
    }
  }
  return out;
}

export const NUL_MESSAGE = 'contains a NUL character';

/** find_or_create_lead's keys, and nothing else (a misspelt key is refused, not ignored). */
export function leadInputSchema(defaults: LeadDefaults) {
  const refuseNuls = z.unknown().superRefine((value, ctx) => {
    for (const path of nulPaths(value)) ctx.addIssue({ code: 'custom', path, message: NUL_MESSAGE });
  });
  return refuseNuls.pipe(leadObjectSchema(defaults));
}

function leadObjectSchema(defaults: LeadDefaults) {
  return z
    .object({
      source: z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit')
        .nullish()
        .transform((v) => v ?? defaults.source),
      external_id: z.union([z.string(), z.number()]).nullish().transform((v) => (v == null ? undefined : typeof v === 'number' ? v : v.trim() || undefined))
        .refine((v) => typeof v !== 'string' || v.length <= 200, { message: 'must be at most 200 characters' }),
      email: z.string().trim().toLowerCase().email().max(320).nullish(),
      phone: text(40),
      first_name: text(200),
      last_name: text(200),
      company_name: text(200),
      phone_line_type: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(['mobile', 'landline', 'voip', 'unknown']))
        .nullish(),
      city: text(120),
      region: text(120),
      postal_code: text(20),
      country: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
        .transform((v) => v.toUpperCase())
        .nullish(),
      timezone: text(64),
      attributes: z.record(z.string(), z.unknown()).nullish(),
      first_seen_at: z
        .string()
        .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO 8601 timestamp' })
        .nullish(),
    })
    .strict()
    .transform((lead, ctx) => {
      if (lead.phone !== undefined) {
        // A national number is read in the lead's country, else the default country.
        const n = normalizePhone(lead.phone, (lead.country ?? defaults.phoneCountry) as CountryCode);
        if (!n.ok) {
          ctx.addIssue({ code: 'custom', path: ['phone'], message: `not a valid phone number (${n.reason})` });
          return z.NEVER;
        }
        lead.phone = n.e164;
      }
      // find_or_create_lead treats absent and null alike; send only what is there.
      return Object.fromEntries(Object.entries(lead).filter(([, v]) => v !== undefined && v !== null)) as Record<string, unknown>;
    });
}

/** The intake API's lead: source defaults to api, national numbers are read as US numbers. */
export const LeadInput = leadInputSchema({ source: 'api', phoneCountry: 'US' });

export type LeadInput = z.output<typeof LeadInput>;
