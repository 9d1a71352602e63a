/**
 * One JSON line per event, with a stable UPPER_SNAKE event name.
 * Values under keys that look like secrets or message content are redacted,
 * and passwords inside connection URLs are masked, so a careless call site
 * cannot leak them.
 *
 * On a terminal the same line can be shown for a person instead
 * (setLogFormat('pretty')): time, level, event and the other fields on one
 * line, formatted by pino-pretty. The redaction happens before either format.
 */
import { prettyFactory } from 'pino-pretty';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';
export type LogFields = Record<string, unknown>;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;
const SECRET_KEY = /(pass(word)?|secret|token|api[_-]?key|authorization|cookie|signature|^body$|message_body|transcript)/i;

let threshold: number = LEVELS.info;
let sink: (line: string) => void = (line) => process.stdout.write(line + '\n');
let format: (line: string) => string = (line) => line;

/** `key=value`, the value as JSON when it is not a plain word (so spaces and quotes stay unambiguous). */
function pair(key: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${key}=${/^[^\s"=]+$/.test(text) ? text : JSON.stringify(text)}`;
}

/**
 * The key fields of an event as `key=value` pairs: scalars as they are, one
 * level of nested objects as `outer.inner=value`; anything deeper is left to
 * the JSON format.
 */
export function keyFields(fields: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'ts' || k === 'level' || k === 'event' || v === undefined) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [ik, iv] of Object.entries(v as Record<string, unknown>)) {
        if (iv === null || typeof iv !== 'object') out.push(pair(`${k}.${ik}`, iv));
      }
    } else {
      out.push(pair(k, v));
    }
  }
  return out.join(' ');
}

/**
 * A formatter from one JSON log line to one readable line:
 * `[10:02:00] INFO: HTTP_LISTENING url=http://127.0.0.1:3000`.
 * Colours only when `colorize` (a terminal that supports them).
 */
export function prettyFormatter(options: { colorize: boolean }): (line: string) => string {
  const pretty = prettyFactory({
    colorize: options.colorize,
    messageKey: 'event',
    timestampKey: 'ts',
    translateTime: 'SYS:HH:MM:ss',
    // Our level names, on pino's numbers so each gets pino-pretty's usual colour.
    customLevels: 'debug:20,info:30,warn:40,error:50',
    useOnlyCustomProps: true,
    messageFormat: (entry) => {
      const fields = keyFields(entry);
      return fields ? `${String(entry.event)} ${fields}` : String(entry.event);
    },
    hideObject: true,
    singleLine: true,
  });
  return (line) => pretty(line).replace(/\n$/, '');
}

/**
 * json (the default): each event is one JSON line. pretty: one readable line per
 * event; `colorize` says whether the output is a colour terminal.
 */
export function setLogFormat(next: LogFormat, options: { colorize: boolean } = { colorize: false }): void {
  format = next === 'pretty' ? prettyFormatter(options) : (line) => line;
}

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
  sink(format(JSON.stringify(line)));
}

/**
 * LOG_FORMAT when set; otherwise pretty lines on a terminal and JSON lines
 * anywhere else (a file, a pipe, CI). Colours follow the terminal
 * (`hasColors()` honours NO_COLOR and FORCE_COLOR).
 */
export function applyLogFormat(configured: LogFormat | undefined, stdout: NodeJS.WriteStream = process.stdout): LogFormat {
  const chosen: LogFormat = configured ?? (stdout.isTTY ? 'pretty' : 'json');
  setLogFormat(chosen, { colorize: Boolean(stdout.isTTY && stdout.hasColors?.()) });
  return chosen;
}
