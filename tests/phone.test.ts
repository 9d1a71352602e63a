import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../lib/phone.ts';

describe('normalizePhone', () => {
  it('turns an international number in any common punctuation into E.164', () => {
    expect(normalizePhone('+1 (305) 555-0100')).toEqual({ ok: true, e164: '+13055550100' });
    expect(normalizePhone('  +1.305.555.0100 ')).toEqual({ ok: true, e164: '+13055550100' });
    expect(normalizePhone('+507 6569-9957')).toEqual({ ok: true, e164: '+50765699957' });
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('reads a national number with the default country', () => {
    expect(normalizePhone('(305) 555-0100', 'US')).toEqual({ ok: true, e164: '+13055550100' });
    expect(normalizePhone('6569-9957', 'PA')).toEqual({ ok: true, e164: '+50765699957' });
    expect(normalizePhone('0171 234 5678', 'DE')).toEqual({ ok: true, e164: '+491712345678' });
  });

  it('lets an explicit country code win over the default country', () => {
    expect(normalizePhone('+50765699957', 'US')).toEqual({ ok: true, e164: '+50765699957' });
  });

  it('accepts channel addresses (whatsapp:, tel:) and returns the bare number', () => {
    expect(normalizePhone('whatsapp:+50765699957')).toEqual({ ok: true, e164: '+50765699957' });
    expect(normalizePhone('tel:+13055550100')).toEqual({ ok: true, e164: '+13055550100' });
  });

  it('needs a country for a national number', () => {
    expect(normalizePhone('3055550100')).toEqual({ ok: false, reason: 'country_required' });
  });

  it('refuses numbers that do not exist in the numbering plan', () => {
    // Area code 555 and toll-free 800-123 are not assignable; 9 digits is too short for the US.
    expect(normalizePhone('+1 555 555 5555')).toEqual({ ok: false, reason: 'invalid_number' });
    expect(normalizePhone('305555010', 'US')).toEqual({ ok: false, reason: 'invalid_number' });
    expect(normalizePhone('+1234')).toMatchObject({ ok: false });
    expect(normalizePhone('+123456789012345678')).toMatchObject({ ok: false });
  });

  it('refuses empty input, words, and text around a number', () => {
    expect(normalizePhone('')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone('abc')).toEqual({ ok: false, reason: 'not_a_number' });
    expect(normalizePhone('call me at +13055550100')).toMatchObject({ ok: false });
  });
});
