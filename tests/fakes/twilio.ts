/**
 * A fake Twilio REST API (2010-04-01) on 127.0.0.1, enough of it for the
 * official SDK: create and list Messages, create and list Calls, basic auth,
 * Twilio's error shape and codes. Like Twilio's test credentials, sending to
 * +15005550001 fails with 21211 (invalid 'To' number).
 *
 * It can hold several accounts (subaccounts, one per tenant): each request must
 * authenticate as the account in its path, and each accepted send records the
 * account SID it was made under.
 *
 * It also answers Twilio Lookup v2 (GET /v2/PhoneNumbers/{number}: every number a mobile at
 * "Fake Wireless"), as a test that points every Twilio host at it through TWILIO_API_BASE_URL
 * needs (the enrichment worker looks up new leads' numbers there when TWILIO_LOOKUP_BASE_URL
 * is not set). Lookups are reads: never in `accepted`. tests/fakes/twilio-lookup.ts is the
 * configurable Lookup fake.
 */
import type http from 'node:http';
import { DEFAULT_LINE, LOOKUP_PATH, lookupAnswer, lookupFields } from './lookup-answer.ts';
import { randomHex, sendKeyFromUrl, startFake, type AcceptedBase, type FakeProvider, type FakeResponse, type RouteContext } from './server.ts';

export const FAKE_TWILIO_SID = 'AC' + '0123456789abcdef'.repeat(2);
export const FAKE_TWILIO_TOKEN = 'fake-twilio-auth-token-0001';
export const TWILIO_INVALID_NUMBER = '+15005550001';

export interface TwilioAccepted extends AcceptedBase {
  resource: 'message' | 'call';
  /** The account (basic-auth user and path) the send was made under. */
  accountSid: string;
  to: string;
  from: string;
  statusCallback: string | null;
  body?: string;
  contentSid?: string;
  contentVariables?: string;
  twiml?: string;
}

export interface FakeTwilio extends FakeProvider<TwilioAccepted> {
  accountSid: string;
  authToken: string;
  /** Message and call resources as Twilio would list them, newest first. */
  messages: Record<string, unknown>[];
  calls: Record<string, unknown>[];
  /** Adds an account, or changes its token (the old one stops working). */
  setAccount(accountSid: string, authToken: string): void;
  /** The basic-auth user of every request, in order (the token is never kept). */
  authUsers: string[];
}

export interface FakeTwilioOptions {
  accountSid?: string;
  authToken?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** An error in Twilio's REST shape (code, message, more_info, status). */
export function twilioError(status: number, code: number | string, message: string): FakeResponse {
  return { status, body: { code: Number(code) || code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function validAddress(address: string): boolean {
  return E164.test(address.replace(/^whatsapp:/, ''));
}

/** The Basic credentials of a request (Twilio's account SID and auth token), or null. */
export function basicAuth(headers: http.IncomingHttpHeaders): { user: string; pass: string } | null {
  const h = headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? null : { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

function q(ctx: RouteContext, name: string): string | undefined {
  const v = ctx.query[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Twilio's list filters we support: To, From, PageSize, and the date filter of
 * the resource (DateSent / DateSent> / DateSent< for messages, StartTime… for calls).
 */
function listPage(ctx: RouteContext, key: 'messages' | 'calls', all: Record<string, unknown>[], dateParam: string, dateField: string): FakeResponse {
  const to = q(ctx, 'To');
  const from = q(ctx, 'From');
  const exact = q(ctx, dateParam);
  const after = q(ctx, `${dateParam}>`);
  const before = q(ctx, `${dateParam}<`);
  const pageSize = Math.min(Number(q(ctx, 'PageSize') ?? 50) || 50, 1000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const items = all.filter((m) => {
    if (m.account_sid !== ctx.params[0]) return false;
    if (to && m.to !== to) return false;
    if (from && m.from !== from) return false;
    const raw = m[dateField];
    const when = typeof raw === 'string' ? new Date(raw) : null;
    if (exact && (!when || day(when) !== exact.slice(0, 10))) return false;
    if (after && (!when || when < new Date(after))) return false;
    if (before && (!when || when > new Date(before))) return false;
    return true;
  });
  const uri = `${ctx.path}?PageSize=${pageSize}&Page=0`;
  return {
    status: 200,
    body: {
      [key]: items.slice(0, pageSize),
      end: Math.max(0, Math.min(items.length, pageSize) - 1),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    },
  };
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? FAKE_TWILIO_SID;
  const authToken = options.authToken ?? FAKE_TWILIO_TOKEN;
  const messages: Record<string, unknown>[] = [];
  const calls: Record<string, unknown>[] = [];
  const accounts = new Map<string, string>([[accountSid, authToken]]);
  const authUsers: string[] = [];
  const baseOf = (sid: string) => `/2010-04-01/Accounts/${sid}`;

  // The path's account must be the one that authenticated (as Twilio answers another account's resources).
  const checkAccount = (ctx: RouteContext): FakeResponse | null =>
    ctx.params[0] !== undefined && accounts.has(ctx.params[0]) && basicAuth(ctx.headers)?.user === ctx.params[0]
      ? null
      : twilioError(404, 20404, `The requested resource ${ctx.path} was not found`);

  const createMessage = (ctx: RouteContext) => {
    const wrong = checkAccount(ctx);
    if (wrong) return { error: wrong };
    const to = field(ctx.body, 'To');
    const from = field(ctx.body, 'From');
    const body = field(ctx.body, 'Body');
    const contentSid = field(ctx.body, 'ContentSid');
    const contentVariables = field(ctx.body, 'ContentVariables');
    const statusCallback = field(ctx.body, 'StatusCallback') ?? null;
    if (!to) return { error: twilioError(400, 21604, "A 'To' phone number is required.") };
    if (!from && !field(ctx.body, 'MessagingServiceSid')) return { error: twilioError(400, 21603, "A 'From' phone number is required.") };
    if (!validAddress(to) || to.endsWith(TWILIO_INVALID_NUMBER)) {
      return { error: twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`) };
    }
    if (from && !validAddress(from)) return { error: twilioError(400, 21212, `The 'From' number ${from} is not a valid phone number.`) };
    if (from && to.startsWith('whatsapp:') !== from.startsWith('whatsapp:')) {
      return { error: twilioError(400, 21910, 'Invalid From and To pair. From and To should be of the same channel') };
    }
    if (!body && !contentSid && !field(ctx.body, 'MediaUrl')) return { error: twilioError(400, 21602, 'Message body is required.') };
    if (contentSid && !/^HX[0-9a-f]{32}$/i.test(contentSid)) return { error: twilioError(400, 21655, 'The ContentSid is Invalid.') };
    if (contentVariables !== undefined) {
      try {
        JSON.parse(contentVariables);
      } catch {
        return { error: twilioError(400, 21656, 'The ContentVariables Parameter is invalid.') };
      }
    }
    if (statusCallback !== null && !/^https?:\/\/[^_/]+(\/|$|\?)/.test(statusCallback)) {
      return { error: twilioError(400, 21609, 'Invalid StatusCallback url') };
    }
    const now = new Date();
    const base = baseOf(ctx.params[0]!);
    const sid = 'SM' + randomHex(16);
    const resource = {
      account_sid: ctx.params[0]!,
      api_version: '2010-04-01',
      body: body ?? (contentSid ? `[content ${contentSid}]` : ''),
      date_created: rfc2822(now),
      date_sent: null as string | null,
      date_updated: rfc2822(now),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? null,
      messaging_service_sid: field(ctx.body, 'MessagingServiceSid') ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: 'queued',
      subresource_uris: { media: `${base}/Messages/${sid}/Media.json` },
      to,
      uri: `${base}/Messages/${sid}.json`,
    };
    // Later reads see it sent, as Twilio's would a moment after queueing.
    messages.unshift({ ...resource, status: 'sent', date_sent: rfc2822(now) });
    const accepted: TwilioAccepted = {
      id: sid,
      at: now,
      ...sendKeyFromUrl(statusCallback),
      resource: 'message',
      accountSid: ctx.params[0]!,
      to,
      from: from ?? '',
      statusCallback,
      ...(body !== undefined ? { body } : {}),
      ...(contentSid !== undefined ? { contentSid } : {}),
      ...(contentVariables !== undefined ? { contentVariables } : {}),
    };
    return { accept: accepted, response: { status: 201, body: resource } };
  };

  const createCall = (ctx: RouteContext) => {
    const wrong = checkAccount(ctx);
    if (wrong) return { error: wrong };
    const to = field(ctx.body, 'To');
    const from = field(ctx.body, 'From');
    const twiml = field(ctx.body, 'Twiml');
    const statusCallback = field(ctx.body, 'StatusCallback') ?? null;
    if (!to) return { error: twilioError(400, 21201, 'No called number is specified') };
    if (!from) return { error: twilioError(400, 21213, 'No caller ID number is specified') };
    if (!E164.test(to) || to === TWILIO_INVALID_NUMBER) return { error: twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`) };
    if (!E164.test(from)) return { error: twilioError(400, 21212, `The 'From' number ${from} is not a valid phone number.`) };
    if (!twiml && !field(ctx.body, 'Url') && !field(ctx.body, 'ApplicationSid')) return { error: twilioError(400, 21205, 'Url parameter is required.') };
    if (twiml && !/<Response[\s>][\s\S]*<\/Response>\s*$/.test(twiml)) return { error: twilioError(400, 12100, 'Document parse failure') };
    const now = new Date();
    const base = baseOf(ctx.params[0]!);
    const sid = 'CA' + randomHex(16);
    const resource = {
      account_sid: ctx.params[0]!,
      annotation: null,
      answered_by: null,
      api_version: '2010-04-01',
      caller_name: null,
      date_created: rfc2822(now),
      date_updated: rfc2822(now),
      direction: 'outbound-api',
      duration: null,
      end_time: null,
      forwarded_from: null,
      from,
      from_formatted: from,
      group_sid: null,
      parent_call_sid: null,
      phone_number_sid: null,
      price: null,
      price_unit: 'USD',
      queue_time: '0',
      sid,
      start_time: null,
      status: 'queued',
      subresource_uris: {},
      to,
      to_formatted: to,
      trunk_sid: null,
      uri: `${base}/Calls/${sid}.json`,
    };
    calls.unshift({ ...resource });
    const accepted: TwilioAccepted = {
      id: sid,
      at: now,
      ...sendKeyFromUrl(statusCallback),
      resource: 'call',
      accountSid: ctx.params[0]!,
      to,
      from,
      statusCallback,
      ...(twiml !== undefined ? { twiml } : {}),
    };
    return { accept: accepted, response: { status: 201, body: resource } };
  };

  const fake = await startFake<TwilioAccepted>({
    secretHeaders: [],
    authorize: (headers) => {
      const creds = basicAuth(headers);
      if (creds) authUsers.push(creds.user);
      if (creds && accounts.has(creds.user) && accounts.get(creds.user) === creds.pass) return null;
      return twilioError(401, 20003, 'Authenticate');
    },
    notFound: (path) => twilioError(404, 20404, `The requested resource ${path} was not found`),
    errorBody: (status, code, message) => twilioError(status, code, message).body,
    serverErrorBody: twilioError(500, 20500, 'Internal Server Error').body,
    routes: [
      {
        method: 'GET',
        pattern: LOOKUP_PATH,
        send: false,
        handle: (ctx) => {
          const answer = lookupAnswer(decodeURIComponent(ctx.params[0]!), lookupFields(ctx.query), DEFAULT_LINE);
          return answer.status === 200 ? { response: answer } : { error: answer };
        },
      },
      {
        method: 'GET',
        pattern: /^\/2010-04-01\/Accounts\/([^/]+)\.json$/,
        send: false,
        handle: (ctx) => {
          const wrong = checkAccount(ctx);
          if (wrong) return { error: wrong };
          const sid = ctx.params[0]!;
          const now = rfc2822(new Date());
          return {
            response: {
              status: 200,
              body: {
                auth_token: '[redacted]', date_created: now, date_updated: now, friendly_name: `Fake ${sid.slice(-4)}`,
                owner_account_sid: accountSid, sid, status: 'active', subresource_uris: {}, type: 'Full', uri: `${baseOf(sid)}.json`,
              },
            },
          };
        },
      },
      { method: 'POST', pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/, send: true, handle: createMessage },
      { method: 'POST', pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/, send: true, handle: createCall },
      {
        method: 'GET',
        pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/,
        send: false,
        handle: (ctx) => {
          const wrong = checkAccount(ctx);
          return wrong ? { error: wrong } : { response: listPage(ctx, 'messages', messages, 'DateSent', 'date_sent') };
        },
      },
      {
        method: 'GET',
        pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/,
        send: false,
        handle: (ctx) => {
          const wrong = checkAccount(ctx);
          return wrong ? { error: wrong } : { response: listPage(ctx, 'calls', calls, 'StartTime', 'start_time') };
        },
      },
    ],
  });

  return Object.assign(fake, {
    accountSid,
    authToken,
    messages,
    calls,
    authUsers,
    setAccount: (sid: string, token: string) => void accounts.set(sid, token),
  });
}
