import { describe, expect, it } from 'vitest';
import { receiptJson } from '../api/webhooks/common.ts';

describe('receiptJson: a receipt payload as JSON text jsonb accepts', () => {
  it('writes an ordinary payload exactly as JSON.stringify does (dates as ISO strings)', () => {
    const value = { to: '+13055550100', raw: { Body: 'hola 👋 ¿qué tal?', NumMedia: '0' }, at: new Date('2026-12-05T10:00:00Z'), list: [1, null, 'x'] };
    expect(receiptJson(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(receiptJson(value)).at).toBe('2026-12-05T10:00:00.000Z');
  });

  it('replaces lone surrogates, in values and in keys, by U+FFFD; a pair (an emoji) stays', () => {
    const value = { body: 'a\uD800b \uDFFFc 😀', ['k\uDBFF']: ['\uDC00'] };
    const text = receiptJson(value);
    expect(text).not.toMatch(/\\u[dD][89a-fA-F]/);
    expect(JSON.parse(text)).toEqual({ body: 'a\uFFFDb \uFFFDc 😀', ['k\uFFFD']: ['\uFFFD'] });
  });

  it('leaves text that merely spells an escape (a backslash, then ud800) as the sender wrote it', () => {
    const value = { body: 'literally \\ud800 here' };
    expect(JSON.parse(receiptJson(value))).toEqual(value);
  });

  it('keeps a key named __proto__ as an ordinary key when it has to rewrite the payload', () => {
    const value = JSON.parse('{"__proto__": "x", "b": "\\ud800"}') as Record<string, unknown>;
    expect(JSON.parse(receiptJson(value))).toEqual(JSON.parse('{"__proto__": "x", "b": "\uFFFD"}'));
  });
});
