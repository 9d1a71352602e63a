/**
 * A fake Telnyx Call Control API on 127.0.0.1 for the voice gateway:
 * POST /v2/calls/{call_control_id}/actions/streaming_start and …/hangup,
 * bearer auth, Telnyx's `{ errors: [...] }` shape, the shared fault injection
 * of tests/fakes/server.ts (e.g. `rejectWith` for TELNYX_STREAMING_START_ERR).
 *
 * Also signs webhooks the way Telnyx does (Ed25519 over
 * `${timestamp}|${raw body}`), written from Telnyx's documentation.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { startFake, type AcceptedBase, type FakeProvider, type FakeResponse, type RouteContext } from './server.ts';

export const FAKE_TELNYX_CC_KEY = 'KEY_fake_telnyx_call_control';

export interface CallCommand extends AcceptedBase {
  action: 'streaming_start' | 'hangup';
  callControlId: string;
  body: Record<string, unknown>;
}

export interface FakeTelnyxCallControl extends FakeProvider<CallCommand> {
  apiKey: string;
}

function telnyxError(status: number, code: string | number, title: string, detail?: string): FakeResponse {
  return { status, body: { errors: [{ code: String(code), title, ...(detail ? { detail } : {}) }] } };
}

export async function startFakeTelnyxCallControl(apiKey = FAKE_TELNYX_CC_KEY): Promise<FakeTelnyxCallControl> {
  const command = (action: CallCommand['action']) => (ctx: RouteContext) => {
    const callControlId = decodeURIComponent(ctx.params[0]!);
    const body = (ctx.body && typeof ctx.body === 'object' ? ctx.body : {}) as Record<string, unknown>;
    if (action === 'streaming_start' && typeof body.stream_url !== 'string') {
      return { error: telnyxError(422, 10004, 'Missing required parameter', "The 'stream_url' parameter is required.") };
    }
    const accepted: CallCommand = {
      id: randomUUID(),
      at: new Date(),
      sendKey: typeof body.command_id === 'string' ? body.command_id : null,
      touchRunId: null,
      action,
      callControlId,
      body,
    };
    return { accept: accepted, response: { status: 200, body: { data: { result: 'ok' } } } };
  };
  const fake = await startFake<CallCommand>({
    secretHeaders: [],
    authorize: (headers) =>
      headers.authorization === `Bearer ${apiKey}` ? null : telnyxError(401, 10009, 'Authentication failed', 'The API key was missing or invalid.'),
    notFound: (path) => telnyxError(404, 10005, 'Resource not found', `No route for ${path}`),
    errorBody: (status, code, message) => telnyxError(status, code, message).body,
    serverErrorBody: telnyxError(500, 10007, 'Unexpected error').body,
    routes: [
      { method: 'POST', pattern: /^\/v2\/calls\/([^/]+)\/actions\/streaming_start$/, send: true, handle: command('streaming_start') },
      { method: 'POST', pattern: /^\/v2\/calls\/([^/]+)\/actions\/hangup$/, send: true, handle: command('hangup') },
    ],
  });
  return Object.assign(fake, { apiKey });
}

export interface TelnyxWebhookSigner {
  /** TELNYX_PUBLIC_KEY: base64 of the raw 32-byte key, as the portal shows it. */
  publicKeyBase64: string;
  /** Headers for a raw body, timestamped `atSeconds` (default now). */
  headers(rawBody: string, atSeconds?: number): Record<string, string>;
}

export function telnyxWebhookSigner(): TelnyxWebhookSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = (publicKey as KeyObject).export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    publicKeyBase64: Buffer.from(raw).toString('base64'),
    headers(rawBody: string, atSeconds = Math.floor(Date.now() / 1000)) {
      const timestamp = String(atSeconds);
      const signature = sign(null, Buffer.from(`${timestamp}|${rawBody}`, 'utf8'), privateKey).toString('base64');
      return { 'content-type': 'application/json', 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp };
    },
  };
}

/** A Call Control webhook envelope as Telnyx sends it. */
export function callEvent(eventType: string, callControlId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    data: {
      record_type: 'event',
      id: randomUUID(),
      event_type: eventType,
      occurred_at: new Date().toISOString(),
      payload: {
        call_control_id: callControlId,
        call_leg_id: randomUUID(),
        call_session_id: randomUUID(),
        connection_id: '1494404757140276705',
        from: '+13055550100',
        to: '+13055550199',
        direction: 'outgoing',
        state: eventType === 'call.answered' ? 'answered' : eventType === 'call.hangup' ? 'hangup' : 'bridging',
        ...extra,
      },
    },
    meta: { attempt: 1, delivered_to: 'http://127.0.0.1/telnyx/webhook' },
  });
}
