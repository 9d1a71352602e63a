import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.ts';
import { log, maskUrl, setLogSink } from '../lib/log.ts';

describe('loadConfig', () => {
  it('has safe defaults: loopback HTTP on 3000, embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, DATA_DIR: '.data', EMBEDDED_PG_PORT: 54329, WORKER_CONCURRENCY: 4 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('reads DATABASE_REPLICA_URL as optional: empty is unset, a non-postgres URL is refused', () => {
    expect(loadConfig({}).DATABASE_REPLICA_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_REPLICA_URL: ' ' }).DATABASE_REPLICA_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://r@replica:5432/revenue_os' }).DATABASE_REPLICA_URL).toBe('postgres://r@replica:5432/revenue_os');
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'http://replica' })).toThrow(/DATABASE_REPLICA_URL: must be a postgres/);
  });

  it('refuses a non-postgres DATABASE_URL and a bad port, naming both', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty' })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL.*PORT/,
    );
  });
});

describe('log', () => {
  function capture(fn: () => void): Record<string, unknown>[] {
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      fn();
    } finally {
      restore();
    }
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it('writes one JSON line with the event name', () => {
    const [line] = capture(() => log('TOUCH_SENT', { touch_id: 't1' }));
    expect(line).toMatchObject({ level: 'info', event: 'TOUCH_SENT', touch_id: 't1' });
    expect(typeof line!.ts).toBe('string');
  });

  it('never writes secrets, message bodies or URL passwords', () => {
    const [line] = capture(() =>
      log('PROVIDER_CALL', {
        api_key: 'sk-live-123',
        auth_token: 'tok',
        body: 'Hi John, your car…',
        nested: { password: 'p', to: '+13055550100' },
        url: 'postgres://app:hunter2@db:5432/x',
      }),
    );
    const text = JSON.stringify(line);
    expect(text).not.toMatch(/sk-live-123|"tok"|Hi John|hunter2|"p"/);
    expect(line).toMatchObject({ api_key: '[redacted]', body: '[redacted]', nested: { password: '[redacted]', to: '+13055550100' } });
    expect(line!.url).toBe('postgres://app:***@db:5432/x');
  });

  it('refuses event names that are not UPPER_SNAKE', () => {
    expect(() => log('touchSent')).toThrow(/UPPER_SNAKE/);
  });

  it('masks only the password of a URL', () => {
    expect(maskUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
    expect(maskUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
