/**
 * An inbound email, read once: raw MIME (RFC 5322, parsed by mailparser) or the JSON a
 * mail host posts ({from, to, cc, subject, text, html, headers, message_id, in_reply_to,
 * references}, turned into a MIME message and read by the same parser). What comes out
 * is what the SQL needs (brain.apply_inbound_email): the sender's bare address, our
 * addresses it was sent to, the subject, the reply text without the quoted part and the
 * signature (lib/email-reply.ts) and the raw text, the ids that thread it, and what its
 * headers say before any model reads it: a bounce (a DSN, multipart/report;
 * report-type=delivery-status, or a mailer-daemon / postmaster sender) with its failed
 * recipients, or an automatic reply (Auto-Submitted other than "no", X-Autoreply,
 * X-Autorespond, Precedence: auto_reply, bulk or junk).
 *
 * Every input is bounded and a request beyond a bound is refused with a reason
 * (EmailInputError): header lines, recipients, MIME parts, JSON depth and size of fields.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { replyText } from './email-reply.ts';

/** At most this many header lines at the top of the message (or keys in a JSON `headers`). */
export const MAX_HEADER_LINES = 300;
/** At most this many addresses in To and Cc together. */
export const MAX_RECIPIENTS = 100;
/** At most this many MIME parts (Content-Type headers) in the whole message. */
export const MAX_MIME_PARTS = 100;
/** At most this many multipart containers, so at most this many levels deep. */
export const MAX_MULTIPART = 20;
/** A JSON body nests at most this deep. */
export const MAX_JSON_DEPTH = 8;
/** The raw text kept with the receipt (the reply is read from its first 16 KB). */
export const MAX_RAW_TEXT = 65_536;
/** Ids of the thread kept (References): the newest. */
export const MAX_REFERENCES = 50;

export class EmailInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export type AutoKind = 'bounce' | 'auto_reply';

export interface InboundEmail {
  /** The id the SQL records: the Message-ID without <>, lower-cased, or `sha256:<hex>` of the content when it has none (or one too long). */
  eventId: string;
  /** The Message-ID as given, `<…>`, or null. */
  messageId: string | null;
  from: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  /** The plain text (from the HTML when there is no text part), at most MAX_RAW_TEXT characters. */
  text: string;
  /** What the person wrote: text without the quoted original, the signature and a sign-off. */
  reply: string;
  inReplyTo: string | null;
  references: string[];
  autoKind: AutoKind | null;
  autoReason: string | null;
  /** A bounce's failed recipients (DSN Final-Recipient with Action: failed, or X-Failed-Recipients). */
  bouncedAddresses: string[];
}

const ADDRESS = /^[^@\s<>",;:]+@[^@\s<>",;:]+\.[^@\s<>",;:]+$/;
const MESSAGE_ID = /<([^<>\s]{1,250}@[^<>\s]{1,250})>/g;

function bareAddress(value: string | undefined | null): string | null {
  const a = (value ?? '').trim().toLowerCase();
  return a.length <= 320 && ADDRESS.test(a) ? a : null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): { address: string; name: string | null }[] {
  const out: { address: string; name: string | null }[] = [];
  const walk = (list: { address?: string | undefined; name: string; group?: unknown[] | undefined }[]) => {
    for (const a of list) {
      if (Array.isArray(a.group)) walk(a.group as typeof list);
      const address = bareAddress(a.address);
      if (address) out.push({ address, name: a.name?.trim() || null });
    }
  };
  for (const f of Array.isArray(field) ? field : field ? [field] : []) walk(f.value);
  return out;
}

/** Message ids in a header value, `<…>`, in order, lower-cased. */
export function messageIds(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return [...text.slice(0, 32_768).matchAll(MESSAGE_ID)].map((m) => `<${m[1]!.toLowerCase()}>`);
}

function headerText(mail: ParsedMail, name: string): string | null {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : (x as { value?: string }).value ?? '')).join(', ');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') {
    const s = v as { value: string; params?: Record<string, string> };
    return [s.value, ...Object.entries(s.params ?? {}).map(([k, p]) => `${k}=${p}`)].join('; ');
  }
  return null;
}

/** What a DSN says about each recipient: blocks of "Final-Recipient: rfc822; a@b" … "Action: failed". */
function failedRecipients(reportText: string): { failed: string[]; actions: string[] } {
  const failed: string[] = [];
  const actions: string[] = [];
  for (const block of reportText.slice(0, 65_536).split(/\r?\n\s*\r?\n/)) {
    const recipient = /^(?:final|original)-recipient:\s*(?:rfc822\s*;)?\s*<?([^\s<>;]+)>?/im.exec(block)?.[1];
    const action = /^action:\s*([a-z]+)/im.exec(block)?.[1]?.toLowerCase();
    if (!recipient || !action) continue;
    actions.push(action);
    const address = bareAddress(recipient);
    if (action === 'failed' && address && !failed.includes(address)) failed.push(address);
  }
  return { failed, actions };
}

/** Bounce or automatic reply, by the headers alone (and a DSN's own report). */
function automatic(mail: ParsedMail, from: string): { kind: AutoKind | null; reason: string | null; bounced: string[]; threadIds: string[] } {
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = contentType?.value?.toLowerCase() === 'multipart/report'
    && /^delivery-status$/i.test(contentType.params?.['report-type'] ?? '');
  const daemon = /^(mailer-daemon|postmaster)@/i.test(from);
  if (isReport || daemon) {
    // The report is in the text (mailparser inlines message/delivery-status) or an attachment.
    const parts = [mail.text ?? '', ...mail.attachments
      .filter((a) => /^message\/(global-)?delivery-status$/i.test(a.contentType))
      .map((a) => a.content.subarray(0, 65_536).toString('utf8'))];
    const { failed, actions } = failedRecipients(parts.join('\n\n'));
    const xFailed = (headerText(mail, 'x-failed-recipients') ?? '').split(',').map((a) => bareAddress(a)).filter((a): a is string => a !== null);
    const bounced = [...new Set([...failed, ...xFailed])].slice(0, 20);
    // The original message's headers (text/rfc822-headers or message/rfc822) name our Message-ID.
    const original = mail.attachments
      .filter((a) => /^(text\/rfc822-headers|message\/(global-)?rfc822(-headers)?)$/i.test(a.contentType))
      .map((a) => a.content.subarray(0, 65_536).toString('utf8').split(/\r?\n\r?\n/)[0] ?? '');
    const threadIds = original.flatMap((h) => messageIds(/^message-id:\s*(.+)$/im.exec(h)?.[1] ?? ''));
    if (actions.length > 0 && !actions.includes('failed')) {
      // delayed, delivered, relayed, expanded: a notice, not a bounce.
      return { kind: 'auto_reply', reason: `delivery status notification: ${[...new Set(actions)].join(', ')}`.slice(0, 200), bounced: [], threadIds };
    }
    const reason = isReport
      ? `delivery status notification${bounced.length > 0 ? ` (failed: ${bounced.join(', ')})` : ''}`
      : `sender ${from}`;
    return { kind: 'bounce', reason: reason.slice(0, 200), bounced, threadIds };
  }
  const autoSubmitted = headerText(mail, 'auto-submitted')?.trim();
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted)) {
    return { kind: 'auto_reply', reason: `Auto-Submitted: ${autoSubmitted}`.slice(0, 200), bounced: [], threadIds: [] };
  }
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const value = headerText(mail, name);
    if (value !== null) return { kind: 'auto_reply', reason: `${name === 'x-autoreply' ? 'X-Autoreply' : 'X-Autorespond'}: ${value.trim()}`.slice(0, 200), bounced: [], threadIds: [] };
  }
  const precedence = headerText(mail, 'precedence')?.trim().toLowerCase();
  if (precedence && ['auto_reply', 'bulk', 'junk'].includes(precedence)) {
    return { kind: 'auto_reply', reason: `Precedence: ${precedence}`, bounced: [], threadIds: [] };
  }
  return { kind: null, reason: null, bounced: [], threadIds: [] };
}

/** The header block of a raw message: its lines counted, refused beyond the bounds. */
function checkMimeBounds(raw: Buffer): void {
  const head = raw.subarray(0, Math.min(raw.length, 1_048_576)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = end >= 0 ? head.slice(0, end) : head;
  const lines = block.split(/\r?\n/).filter((l) => l !== '' && !/^[ \t]/.test(l));
  if (lines.length > MAX_HEADER_LINES) throw new EmailInputError('headers', `the message has more than ${MAX_HEADER_LINES} header lines`);
  // Part headers appear at line starts anywhere in the message (bodies are encoded so they cannot pass for one).
  const whole = raw.toString('latin1');
  const parts = whole.match(/^content-type:/gim)?.length ?? 0;
  if (parts > MAX_MIME_PARTS) throw new EmailInputError('body', `the message has more than ${MAX_MIME_PARTS} MIME parts`);
  const multipart = whole.match(/^content-type:\s*multipart\//gim)?.length ?? 0;
  if (multipart > MAX_MULTIPART) throw new EmailInputError('body', `the message nests more than ${MAX_MULTIPART} multipart parts`);
}

/** Reads a raw MIME message (Content-Type: message/rfc822). Throws EmailInputError for what it refuses. */
export async function readMime(raw: Buffer): Promise<InboundEmail> {
  if (raw.length === 0) throw new EmailInputError('body', 'the message is empty');
  checkMimeBounds(raw);
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: 2 * 1024 * 1024,
    });
  } catch {
    throw new EmailInputError('body', 'the message is not a readable MIME message');
  }
  return fromParsed(mail, raw);
}

function fromParsed(mail: ParsedMail, raw: Buffer): InboundEmail {
  const sender = addresses(mail.from)[0];
  if (!sender) throw new EmailInputError('from', 'the message has no sender address (From)');
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  if (to.length + cc.length > MAX_RECIPIENTS) throw new EmailInputError('to', `at most ${MAX_RECIPIENTS} addresses in To and Cc`);
  if (to.length + cc.length === 0) throw new EmailInputError('to', 'the message has no recipient (To or Cc)');
  const auto = automatic(mail, sender.address);
  const messageId = messageIds(mail.messageId ?? '')[0] ?? null;
  const inReplyTo = messageIds(mail.inReplyTo ?? '')[0] ?? null;
  // A DSN names our message in the original's headers: it threads the bounce.
  const references = [...new Set([...messageIds(mail.references), ...auto.threadIds])].slice(-MAX_REFERENCES);
  const text = (mail.text ?? '').replace(/\r\n?/g, '\n').slice(0, MAX_RAW_TEXT);
  const subject = mail.subject ? mail.subject.slice(0, 998) : null;
  const local = messageId ? messageId.slice(1, -1) : null;
  const eventId = local && local.length <= 200
    ? local
    : `sha256:${createHash('sha256').update(local ?? raw).digest('hex')}`;
  return {
    eventId,
    messageId,
    from: sender.address,
    fromName: sender.name ? sender.name.slice(0, 200) : null,
    to: [...new Set(to.map((a) => a.address))],
    cc: [...new Set(cc.map((a) => a.address))],
    subject,
    text,
    // A bounce's text is the mail system's, an automatic reply's a machine's: kept whole (bounded).
    reply: auto.kind === 'bounce' ? text.slice(0, 4_000).trim() : replyText(text),
    inReplyTo,
    references,
    autoKind: auto.kind,
    autoReason: auto.reason,
    bouncedAddresses: auto.bounced,
  };
}

// ---- JSON --------------------------------------------------------------------------

/** A header value as one line: CR and LF (header injection) become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function addressList(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return oneLine(value);
  if (Array.isArray(value)) {
    if (value.length > MAX_RECIPIENTS) throw new EmailInputError(path, `at most ${MAX_RECIPIENTS} addresses`);
    return value
      .map((v, i) => {
        if (typeof v === 'string') return oneLine(v);
        if (v && typeof v === 'object' && typeof (v as { address?: unknown }).address === 'string') {
          const { address, name } = v as { address: string; name?: unknown };
          return typeof name === 'string' && name.trim() !== '' ? `"${oneLine(name).replace(/["\\]/g, '')}" <${oneLine(address)}>` : oneLine(address);
        }
        throw new EmailInputError(`${path}[${i}]`, 'must be an address (a string, or {address, name})');
      })
      .join(', ');
  }
  throw new EmailInputError(path, 'must be an address, a list of addresses, or absent');
}

const RESERVED = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'message-id', 'in-reply-to', 'references', 'content-type',
  'content-transfer-encoding', 'mime-version']);

function optionalText(body: Record<string, unknown>, key: string, max: number): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new EmailInputError(key, 'must be a string');
  if (v.length > max) throw new EmailInputError(key, `at most ${max} characters`);
  return v;
}

/**
 * Reads the JSON a mail host posts. `raw_mime` (or `raw`), when given, is the whole message
 * and wins; otherwise the fields become a MIME message read by the same parser, so JSON
 * and MIME are understood alike.
 */
export async function readJson(body: unknown): Promise<InboundEmail> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new EmailInputError('(root)', 'the body is not a JSON object');
  const b = body as Record<string, unknown>;
  const raw = optionalText(b, 'raw_mime', 10 * 1024 * 1024) ?? optionalText(b, 'raw', 10 * 1024 * 1024);
  if (raw !== null) return readMime(Buffer.from(raw, 'utf8'));

  const lines: string[] = [];
  const headers = b.headers;
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) throw new EmailInputError('headers', 'must be an object of header names and values');
    const entries = Object.entries(headers as Record<string, unknown>);
    if (entries.length > MAX_HEADER_LINES - 10) throw new EmailInputError('headers', `at most ${MAX_HEADER_LINES - 10} headers`);
    for (const [name, value] of entries) {
      if (!/^[!-9;-~]{1,100}$/.test(name)) throw new EmailInputError(`headers.${name.slice(0, 40)}`, 'is not a header name');
      if (RESERVED.has(name.toLowerCase())) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== 'string') throw new EmailInputError(`headers.${name}`, 'must be a string or a list of strings');
        if (v.length > 8_192) throw new EmailInputError(`headers.${name}`, 'at most 8192 characters');
        lines.push(`${name}: ${oneLine(v)}`);
      }
    }
    // Room for the fields above, which become header lines too.
    if (lines.length > MAX_HEADER_LINES - 10) throw new EmailInputError('headers', `at most ${MAX_HEADER_LINES - 10} header lines`);
  }
  const from = addressList(b.from, 'from');
  if (from === '') throw new EmailInputError('from', 'is required');
  const to = addressList(b.to, 'to');
  const cc = addressList(b.cc, 'cc');
  const subject = optionalText(b, 'subject', 998);
  const text = optionalText(b, 'text', 2 * 1024 * 1024);
  const html = optionalText(b, 'html', 2 * 1024 * 1024);
  const messageId = optionalText(b, 'message_id', 998);
  const inReplyTo = optionalText(b, 'in_reply_to', 998);
  const refs = b.references;
  let references: string | null = null;
  if (typeof refs === 'string') references = refs;
  else if (Array.isArray(refs)) {
    if (refs.length > 200 || !refs.every((r) => typeof r === 'string')) throw new EmailInputError('references', 'must be a string or at most 200 strings');
    references = refs.join(' ');
  } else if (refs !== undefined && refs !== null) throw new EmailInputError('references', 'must be a string or a list of strings');
  // Bare ids ("abc@host") are given their angle brackets.
  const bracket = (v: string) => oneLine(v).split(/\s+/).filter(Boolean).map((id) => (id.startsWith('<') ? id : `<${id}>`)).join(' ');

  const head = [
    `From: ${from}`,
    ...(to ? [`To: ${to}`] : []),
    ...(cc ? [`Cc: ${cc}`] : []),
    ...(subject !== null ? [`Subject: ${encodeWord(oneLine(subject))}`] : []),
    ...(messageId ? [`Message-ID: ${bracket(messageId)}`] : []),
    ...(inReplyTo ? [`In-Reply-To: ${bracket(inReplyTo)}`] : []),
    ...(references ? [`References: ${bracket(references)}`] : []),
    ...lines,
    'MIME-Version: 1.0',
  ];
  let mime: string;
  if (text !== null || html === null) {
    mime = [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text ?? ''].join('\r\n');
  } else {
    mime = [...head, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', html].join('\r\n');
  }
  return readMime(Buffer.from(mime, 'utf8'));
}

/** A header value with non-ASCII characters as an RFC 2047 encoded word (UTF-8, base64). */
function encodeWord(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?utf-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
