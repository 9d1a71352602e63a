import { afterEach, describe, expect, it } from 'vitest';
import { applyLogFormat, keyFields, log, prettyFormatter, setLogFormat, setLogSink } from '../lib/log.ts';

/** A stand-in for process.stdout: only what applyLogFormat looks at. */
function stream(isTTY: boolean, colours: boolean): NodeJS.WriteStream {
  return { isTTY, hasColors: () => colours } as unknown as NodeJS.WriteStream;
}

function captureOne(fn: () => void): string {
  const lines: string[] = [];
  const restore = setLogSink((l) => lines.push(l));
  try {
    fn();
  } finally {
    restore();
  }
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

const ESC = String.fromCharCode(27);

afterEach(() => setLogFormat('json'));

describe('the terminal log format', () => {
  it('prints one line: local time, level, event name and the key fields', () => {
    const line = prettyFormatter({ colorize: false })(
      JSON.stringify({ ts: '2026-12-05T10:02:03.000Z', level: 'warn', event: 'TOUCH_NOT_CLAIMED', touch_run_id: 'abc', outcome: 'rescheduled' }),
    );
    expect(line).toMatch(/^\[\d\d:\d\d:03\] WARN: TOUCH_NOT_CLAIMED touch_run_id=abc outcome=rescheduled$/);
    expect(line).not.toContain('\n');
  });

  it('quotes values with spaces, quotes or newlines, so a line never breaks', () => {
    expect(keyFields({ a: 'two words', b: 'say "hi"', c: 'x\ny', d: 3, e: true, f: null })).toBe(
      'a="two words" b="say \\"hi\\"" c="x\\ny" d=3 e=true f=null',
    );
  });

  it('shows one level of a nested object and leaves deeper ones to the JSON format', () => {
    expect(keyFields({ outcome: { status: 'sent', route: { next: 'voice' } }, ids: [1, 2] })).toBe('outcome.status=sent ids=[1,2]');
  });

  it('colours the level on a colour terminal and not otherwise', () => {
    const entry = JSON.stringify({ ts: '2026-12-05T10:02:03.000Z', level: 'error', event: 'STARTUP_FAILED', error: 'boom' });
    expect(prettyFormatter({ colorize: true })(entry)).toContain(ESC + '[');
    expect(prettyFormatter({ colorize: false })(entry)).not.toContain(ESC);
  });

  it('redacts secrets and bodies before formatting, as the JSON format does', () => {
    setLogFormat('pretty');
    const line = captureOne(() => log('X_TEST', { password: 'hunter2', body: 'hello there', url: 'postgres://u:pw@h/db' }));
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('hello there');
    expect(line).not.toContain(':pw@');
    expect(line).toContain('password=[redacted]');
  });
});

describe('choosing the format', () => {
  it('is pretty on a terminal and JSON on a pipe or file, unless LOG_FORMAT says otherwise', () => {
    expect(applyLogFormat(undefined, stream(true, true))).toBe('pretty');
    expect(captureOne(() => log('X_TEST', { n: 1 }))).toMatch(/INFO.*X_TEST.*n=1/);
    expect(applyLogFormat(undefined, stream(false, false))).toBe('json');
    expect(JSON.parse(captureOne(() => log('X_TEST', { n: 1 })))).toMatchObject({ event: 'X_TEST', n: 1 });
    expect(applyLogFormat('json', stream(true, true))).toBe('json');
    expect(JSON.parse(captureOne(() => log('X_TEST')))).toMatchObject({ event: 'X_TEST' });
    expect(applyLogFormat('pretty', stream(false, false))).toBe('pretty');
    expect(captureOne(() => log('X_TEST'))).not.toContain(ESC);
  });
});
