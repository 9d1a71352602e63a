/**
 * One JSON line per event, with a stable UPPER_SNAKE event name.
 * Values under keys that look like secrets or message content are redacted,
 * and passwords inside connection URLs are masked, so a careless call site
 * cannot leak them.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;
const SECRET_KEY = /(pass(word)?|secret|token|api[_-]?key|authorization|cookie|signature|^body$|message_body|transcript)/i;

let threshold: number = LEVELS.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');

export function setLogLevel(level: LogLevel): void {
  threshold = LEVELS[level];
}

/** Redirect log lines (tests capture them). Returns a function restoring the previous sink. */
export function setLogSink(next: (line: string) => void): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

export function maskUrl(value: string): string {
  return value.replace(/(\/\/[^:/?#@]+:)[^@/?#]*@/, '$1***@');
}

function redact(value: unknown, depth: number): unknown {
  if (depth > 4) return '[depth]';
  if (typeof value === 'string') return maskUrl(value);
  if (value instanceof Error) return { name: value.name, message: maskUrl(value.message) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export function log(event: string, fields: LogFields = {}, level: LogLevel = 'info'): void {
  if (LEVELS[level] < threshold) return;
  if (!EVENT_NAME.test(event)) throw new Error(`log event names are UPPER_SNAKE: ${event}`);
  // ts, level and event come first and always win: a field of the same name cannot rename the line.
  const { ts: _ts, level: _level, event: _event, ...rest } = redact(fields, 0) as LogFields;
  const line = { ts: new Date().toISOString(), level, event, ...rest };
  sink(JSON.stringify(line));
}
