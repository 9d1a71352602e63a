/**
 * Phone numbers in, E.164 out. Uses libphonenumber-js with its full ("max")
 * metadata, so a number is accepted only when its digits fit a real numbering
 * plan, not merely when it has a plausible length.
 */
import { ParseError, parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';

export type { CountryCode };

export type NormalizedPhone = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Reasons, stable for callers and tests:
 * - `empty`: nothing but whitespace;
 * - `country_required`: a national number (no `+`) and no default country;
 * - `not_a_number`, `too_short`, `too_long`, `invalid_length`: from the parser;
 * - `invalid_number`: parses, but no such number exists in that country's plan.
 */
export function normalizePhone(input: string, defaultCountry?: CountryCode): NormalizedPhone {
  // Channel addresses (`whatsapp:+1…`, `tel:+1…`) carry a plain number.
  const text = String(input ?? '')
    .trim()
    .replace(/^(whatsapp|tel):/i, '')
    .trim();
  if (text === '') return { ok: false, reason: 'empty' };
  // The same numbers come back all the time (our own, on every inbound webhook): parsing is
  // the costly part, so recent answers are kept. They are frozen: a caller cannot change one.
  const key = `${defaultCountry ?? ''}:${text}`;
  const known = recent.get(key);
  if (known) return known;
  const answer = Object.freeze(parse(text, defaultCountry));
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(key, answer);
  return answer;
}

const RECENT_LIMIT = 10_000;
const recent = new Map<string, NormalizedPhone>();

function parse(text: string, defaultCountry?: CountryCode): NormalizedPhone {
  try {
    // extract: false — the whole input must be the number, not merely contain one.
    const parsed = parsePhoneNumberWithError(text, { extract: false, ...(defaultCountry ? { defaultCountry } : {}) });
    if (!parsed.isValid()) return { ok: false, reason: 'invalid_number' };
    return { ok: true, e164: parsed.number };
  } catch (error) {
    if (error instanceof ParseError) {
      if (error.message === 'INVALID_COUNTRY') return { ok: false, reason: defaultCountry ? 'invalid_country' : 'country_required' };
      return { ok: false, reason: error.message.toLowerCase() };
    }
    throw error;
  }
}
