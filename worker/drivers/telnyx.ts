/**
 * Telnyx through its official SDK: SMS (Messaging API) and voice (Call
 * Control dial on the TELNYX_APP_ID connection). The media stream is started
 * later, on the call's answered webhook (seed 001: streaming_start after
 * answer); client_state carries the touch to that webhook.
 *
 * The SDK retries connection errors and 5xx by default; a retried send can be
 * a second send, so retries are off.
 */
import Telnyx, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'telnyx';
import { callbackUrlFor, classifyHttpError, classifyTransportError, reported } from './common.ts';
import type { Driver, DriverUrls, LookupResult, SendRequest, SendResult } from './types.ts';

export const DEFAULT_TELNYX_BASE = 'https://api.telnyx.com/v2';
export const MISSING_TELNYX_ENV = 'missing_telnyx_env: set TELNYX_API_KEY (or Telnyx_Api)';
export const MISSING_TELNYX_APP_ID = 'missing_telnyx_env: set TELNYX_APP_ID (the Call Control connection id) for voice';

export interface TelnyxOptions extends DriverUrls {
  apiKey?: string;
  appId?: string;
  /** Includes the version path, e.g. https://api.telnyx.com/v2. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

interface TelnyxErrorBody {
  errors?: Array<{ code?: unknown; title?: unknown; detail?: unknown }>;
}

/** Telnyx answers errors as `{ errors: [{ code, title, detail }] }`; the first code becomes errorCode. */
export function classifyTelnyxError(error: unknown): SendResult {
  if (error instanceof APIConnectionTimeoutError) {
    return { kind: 'unknown', errorCode: 'timeout', errorMessage: error.message };
  }
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    return classifyTransportError(cause ?? error);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const first = (error.error as TelnyxErrorBody | undefined)?.errors?.[0];
    const code = first?.code === undefined || first.code === null ? undefined : String(first.code);
    const text = [first?.title, first?.detail].filter((v): v is string => typeof v === 'string' && v !== '').join(': ');
    return classifyHttpError(error.status, code, text || error.message);
  }
  return classifyTransportError(error);
}

function clientState(request: SendRequest): string {
  return Buffer.from(JSON.stringify({ touch_run_id: request.touchRunId, send_key: request.sendKey }), 'utf8').toString('base64');
}

export function createTelnyxDriver(options: TelnyxOptions): Driver {
  let client: Telnyx | null = null;
  const base = options.publicBaseUrl?.replace(/\/+$/, '');
  const messageWebhook = base ? `${base}/webhooks/telnyx` : undefined;
  // Call Control events go to the voice gateway first: it starts the media stream once
  // the call is answered, then forwards each event, still signed, to the API
  // (VOICE_WEBHOOK_FORWARD_URL) where the call status is recorded.
  const gateway = options.voiceGatewayUrl?.replace(/\/+$/, '');
  const callWebhook = gateway ? `${gateway.replace(/^ws/, 'http')}/telnyx/webhook` : undefined;

  function sdk(): Telnyx {
    client ??= new Telnyx({
      apiKey: options.apiKey ?? null,
      // Explicit nulls: otherwise the SDK reads TELNYX_* OAuth settings from process.env
      // and would fetch a token from Telnyx's own host.
      publicKey: null,
      clientID: null,
      clientSecret: null,
      baseURL: options.apiBaseUrl ?? DEFAULT_TELNYX_BASE,
      timeout: options.timeoutMs ?? 15_000,
      maxRetries: 0,
      logLevel: 'off',
    });
    return client;
  }

  async function sendSms(request: SendRequest, webhookUrl: string): Promise<SendResult> {
    const profile = request.providerConfig?.messaging_profile_id;
    try {
      const response = await sdk().messages.send({
        to: request.to,
        from: request.from,
        text: request.body,
        webhook_url: webhookUrl,
        ...(typeof profile === 'string' && profile !== '' ? { messaging_profile_id: profile } : {}),
      });
      const data = response.data;
      if (!data?.id) return { kind: 'unknown', errorCode: 'malformed_response', errorMessage: 'Telnyx answered without a message id' };
      return { kind: 'accepted', providerMessageId: data.id, providerStatus: String(data.to?.[0]?.status ?? 'queued') };
    } catch (error) {
      return classifyTelnyxError(error);
    }
  }

  async function dial(request: SendRequest, webhookUrl: string): Promise<SendResult> {
    if (!options.appId) return { kind: 'not_sent', errorCode: 'missing_telnyx_env', errorMessage: MISSING_TELNYX_APP_ID };
    try {
      const response = await sdk().calls.dial({
        connection_id: options.appId,
        to: request.to,
        from: request.from,
        webhook_url: webhookUrl,
        webhook_url_method: 'POST',
        client_state: clientState(request),
      });
      const data = response.data;
      if (!data?.call_control_id) return { kind: 'unknown', errorCode: 'malformed_response', errorMessage: 'Telnyx answered without a call_control_id' };
      return { kind: 'accepted', providerMessageId: data.call_control_id, providerStatus: 'dialing' };
    } catch (error) {
      return classifyTelnyxError(error);
    }
  }

  return {
    name: 'telnyx',
    channels: ['sms', 'voice'] as const,

    async send(request: SendRequest): Promise<SendResult> {
      if (request.channel !== 'sms' && request.channel !== 'voice') {
        return reported('telnyx', request, request.to, { kind: 'rejected', errorCode: 'channel_not_supported', errorMessage: `telnyx does not send ${request.channel}` });
      }
      if (!options.apiKey) return reported('telnyx', request, request.to, { kind: 'not_sent', errorCode: 'missing_telnyx_env', errorMessage: MISSING_TELNYX_ENV });
      const webhookUrl = callbackUrlFor(request.channel === 'voice' ? callWebhook : messageWebhook, request);
      if (!webhookUrl) {
        return reported('telnyx', request, request.to, { kind: 'rejected', errorCode: 'invalid_status_callback_url', errorMessage: 'statusCallbackUrl must be an absolute http(s) URL' });
      }
      const result = request.channel === 'sms' ? await sendSms(request, webhookUrl) : await dial(request, webhookUrl);
      return reported('telnyx', request, request.to, result);
    },

    /** Telnyx offers no search that could find our send after the fact. */
    async lookup(): Promise<LookupResult> {
      return { kind: 'unsupported' };
    },
  };
}
