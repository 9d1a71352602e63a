/**
 * A fake Telnyx API v2 on 127.0.0.1, enough of it for the official SDK:
 * send a message (POST /v2/messages) and dial a call (POST /v2/calls), bearer
 * auth, Telnyx's `{ errors: [{ code, title, detail }] }` error shape.
 */
import { randomUUID } from 'node:crypto';
import { randomHex, sendKeyFromUrl, startFake, type AcceptedBase, type FakeProvider, type FakeResponse, type RouteContext } from './server.ts';

export const FAKE_TELNYX_KEY = 'KEY_fake_telnyx_0001';
export const FAKE_TELNYX_CONNECTION_ID = '1494404757140276705';

export interface TelnyxAccepted extends AcceptedBase {
  resource: 'message' | 'call';
  to: string;
  from: string;
  webhookUrl: string | null;
  text?: string;
  connectionId?: string;
  /** Decoded client_state of a call. */
  clientState?: string;
}

export interface FakeTelnyx extends FakeProvider<TelnyxAccepted> {
  apiKey: string;
  connectionId: string;
}

export interface FakeTelnyxOptions {
  apiKey?: string;
  connectionId?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function telnyxError(status: number, code: string | number, title: string, detail?: string): FakeResponse {
  return { status, body: { errors: [{ code: String(code), title, ...(detail ? { detail } : {}) }] } };
}

function str(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

export async function startFakeTelnyx(options: FakeTelnyxOptions = {}): Promise<FakeTelnyx> {
  const apiKey = options.apiKey ?? FAKE_TELNYX_KEY;
  const connectionId = options.connectionId ?? FAKE_TELNYX_CONNECTION_ID;

  const sendMessage = (ctx: RouteContext) => {
    const to = str(ctx.body, 'to');
    const from = str(ctx.body, 'from');
    const text = str(ctx.body, 'text');
    const webhookUrl = str(ctx.body, 'webhook_url') ?? null;
    if (!to) return { error: telnyxError(422, 10004, 'Missing required parameter', "The 'to' parameter is required.") };
    if (!from && !str(ctx.body, 'messaging_profile_id')) {
      return { error: telnyxError(422, 10004, 'Missing required parameter', "The 'from' parameter is required.") };
    }
    if (!E164.test(to)) return { error: telnyxError(400, 40310, "Invalid 'to' address", 'The destination is not a valid phone number.') };
    if (from && !E164.test(from)) return { error: telnyxError(400, 40305, "Invalid 'from' address") };
    const media = (ctx.body as { media_urls?: unknown } | null)?.media_urls;
    if (!text && !(Array.isArray(media) && media.length > 0)) {
      return { error: telnyxError(422, 40005, 'Invalid message body', "One of 'text' or 'media_urls' is required.") };
    }
    const now = new Date();
    const id = randomUUID();
    const data = {
      record_type: 'message',
      direction: 'outbound',
      id,
      type: 'SMS',
      messaging_profile_id: str(ctx.body, 'messaging_profile_id') ?? randomUUID(),
      organization_id: randomUUID(),
      from: { phone_number: from, carrier: 'Telnyx', line_type: 'Wireless' },
      to: [{ phone_number: to, status: 'queued', carrier: 'Fake Mobile', line_type: 'Wireless' }],
      text,
      media: [],
      webhook_url: webhookUrl,
      webhook_failover_url: null,
      encoding: 'GSM-7',
      parts: 1,
      tags: [],
      cost: null,
      received_at: now.toISOString(),
      sent_at: null,
      completed_at: null,
      valid_until: new Date(now.getTime() + 3_600_000).toISOString(),
      errors: [],
    };
    const accepted: TelnyxAccepted = {
      id,
      at: now,
      ...sendKeyFromUrl(webhookUrl),
      resource: 'message',
      to,
      from: from ?? '',
      webhookUrl,
      ...(text !== undefined ? { text } : {}),
    };
    return { accept: accepted, response: { status: 200, body: { data } } };
  };

  const dial = (ctx: RouteContext) => {
    const to = str(ctx.body, 'to');
    const from = str(ctx.body, 'from');
    const conn = str(ctx.body, 'connection_id');
    const webhookUrl = str(ctx.body, 'webhook_url') ?? null;
    const state = str(ctx.body, 'client_state');
    for (const [name, value] of [['connection_id', conn], ['to', to], ['from', from]] as const) {
      if (!value) return { error: telnyxError(422, 10004, 'Missing required parameter', `The '${name}' parameter is required.`) };
    }
    if (conn !== connectionId) return { error: telnyxError(422, 10010, 'Invalid connection_id', 'The connection does not exist or is not a Call Control application.') };
    if (!E164.test(to!)) return { error: telnyxError(422, 10016, "Invalid 'to' address", 'The destination is not a valid phone number.') };
    if (state !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(state)) return { error: telnyxError(422, 90053, 'Invalid client_state', 'client_state must be base64.') };
    const now = new Date();
    const callControlId = `v3:${randomHex(20)}`;
    const data = { call_control_id: callControlId, call_leg_id: randomUUID(), call_session_id: randomUUID(), is_alive: false, record_type: 'call' };
    const accepted: TelnyxAccepted = {
      id: callControlId,
      at: now,
      ...sendKeyFromUrl(webhookUrl),
      resource: 'call',
      to: to!,
      from: from!,
      webhookUrl,
      connectionId: conn,
      ...(state !== undefined ? { clientState: Buffer.from(state, 'base64').toString('utf8') } : {}),
    };
    return { accept: accepted, response: { status: 200, body: { data } } };
  };

  const fake = await startFake<TelnyxAccepted>({
    secretHeaders: [],
    authorize: (headers) =>
      headers.authorization === `Bearer ${apiKey}`
        ? null
        : telnyxError(401, 10009, 'Authentication failed', 'The API key was missing or invalid.'),
    notFound: (path) => telnyxError(404, 10005, 'Resource not found', `No route for ${path}`),
    errorBody: (status, code, message) => telnyxError(status, code, message).body,
    serverErrorBody: telnyxError(500, 10007, 'Unexpected error').body,
    routes: [
      { method: 'POST', pattern: /^\/v2\/messages$/, send: true, handle: sendMessage },
      { method: 'POST', pattern: /^\/v2\/calls$/, send: true, handle: dial },
    ],
  });
  return Object.assign(fake, { apiKey, connectionId });
}
