/**
 * Twilio through its official SDK: SMS and WhatsApp (Messages API) and voice
 * (Calls API with a media stream to the voice gateway).
 *
 * WhatsApp follows seed 002's dispatcher contract: addresses carry the
 * `whatsapp:` prefix, QA_SINK replaces the lead's number, DRY_RUN_WHATSAPP
 * sends nothing. Outside the 24-hour customer-service window only an approved
 * template (Content API: ContentSid + ContentVariables) may go out.
 */
import { z } from 'zod';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as TwilioResponse from 'twilio/lib/http/response.js';
import { log } from '../../lib/log.ts';
import {
  callbackUrlFor,
  classifyHttpError,
  classifyTransportError,
  lookupWindowStart,
  maskTail,
  reported,
  shortHash,
} from './common.ts';
import type { Driver, DriverUrls, LookupResult, SendRequest, SendResult } from './types.ts';

export const DEFAULT_TWILIO_BASE = 'https://api.twilio.com';
export const MISSING_TWILIO_ENV = 'missing_twilio_env: set TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN';

export interface TwilioOptions extends DriverUrls {
  accountSid?: string;
  authToken?: string;
  /** Scheme and host (and optional path prefix) every API request is sent to. */
  apiBaseUrl?: string;
  /** E.164; every WhatsApp goes here instead of the lead when set. */
  qaSink?: string;
  dryRunWhatsapp?: boolean;
  timeoutMs?: number;
}

/**
 * The SDK has no base-URL option. This client, given to it as `httpClient`,
 * keeps the path and query the SDK built and swaps the scheme and host (and
 * prepends any path prefix) of every request, list pages included.
 */
export class RebasedRequestClient extends twilio.RequestClient {
  readonly #base: URL | null;

  constructor(baseUrl: string | undefined, options: RequestClient.RequestClientOptions) {
    super(options);
    this.#base = baseUrl && baseUrl.replace(/\/+$/, '') !== DEFAULT_TWILIO_BASE ? new URL(baseUrl) : null;
  }

  rebase(uri: string): string {
    if (!this.#base) return uri;
    const original = new URL(uri);
    const target = new URL(this.#base.href);
    const prefix = target.pathname.replace(/\/+$/, '');
    target.pathname = prefix + original.pathname;
    target.search = original.search;
    return target.href;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
    return super.request({ ...opts, uri: this.rebase(opts.uri) });
  }
}

const ProviderConfigSchema = z.object({ whatsapp_templates: z.record(z.string(), z.string().min(1)).optional() }).passthrough();

type WhatsappContent = { body: string } | { contentSid: string; contentVariables: string };

interface MessagePlan {
  to: string;
  from: string;
  content: WhatsappContent;
}

function withPrefix(address: string): string {
  return address.startsWith('whatsapp:') ? address : `whatsapp:${address}`;
}

export function dryRunMessageId(sendKey: string): string {
  return `dryrun_${shortHash(sendKey)}`;
}

/** Builds the TwiML that connects the answered call to the gateway's media stream. */
export function voiceTwiml(voiceStreamUrl: string, touchRunId: string): string {
  const response = new twilio.twiml.VoiceResponse();
  // The gateway's token also travels as a custom parameter: the stream URL's query
  // string is not guaranteed to reach the gateway.
  const url = new URL(voiceStreamUrl);
  const token = url.searchParams.get('token');
  const stream = response.connect().stream({ url: voiceStreamUrl });
  stream.parameter({ name: 'touch_run_id', value: touchRunId });
  if (token) stream.parameter({ name: 'token', value: token });
  return response.toString();
}

function isHttpAnswer(error: unknown): error is { status: number; code?: unknown; message?: unknown } {
  if (!error || typeof error !== 'object') return false;
  if ((error as { isAxiosError?: unknown }).isAxiosError === true) return false;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 100 && status < 600;
}

/** RestException / TwilioServiceException carry the HTTP status and Twilio's numeric code (e.g. 21211). */
export function classifyTwilioError(error: unknown): SendResult {
  if (isHttpAnswer(error)) {
    const code = error.code === undefined || error.code === null || error.code === 0 ? undefined : String(error.code);
    const message = typeof error.message === 'string' && error.message !== '' ? error.message : `HTTP ${error.status}`;
    return classifyHttpError(error.status, code, message);
  }
  return classifyTransportError(error);
}

export function createTwilioDriver(options: TwilioOptions): Driver {
  const configured = Boolean(options.accountSid && options.authToken);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let client: ReturnType<typeof twilio> | null = null;
  const base = options.publicBaseUrl?.replace(/\/+$/, '');
  // Twilio's own routes: message status, and call progress on the voice route.
  const messageCallback = base ? `${base}/webhooks/twilio/status` : undefined;
  const voiceCallback = base ? `${base}/webhooks/twilio/voice` : undefined;
  const gateway = options.voiceGatewayUrl?.replace(/\/+$/, '');
  const voiceStream = gateway
    ? `${gateway}/twilio${options.voiceGatewayToken ? `?token=${encodeURIComponent(options.voiceGatewayToken)}` : ''}`
    : undefined;

  function sdk(): ReturnType<typeof twilio> {
    client ??= twilio(options.accountSid, options.authToken, {
      httpClient: new RebasedRequestClient(options.apiBaseUrl, { timeout: timeoutMs, autoRetry: false }),
      // Never 'debug': the SDK would print request parameters (bodies, numbers) to stdout.
      logLevel: 'info',
    });
    return client;
  }

  /** Addresses and content of an SMS or WhatsApp, or why it cannot be sent. */
  function planMessage(request: SendRequest): MessagePlan | SendResult {
    if (request.channel === 'sms') return { to: request.to, from: request.from, content: { body: request.body } };
    const to = withPrefix(options.qaSink ?? request.to);
    const from = withPrefix(request.from);
    if (request.inCustomerServiceWindow === true) return { to, from, content: { body: request.body } };
    const parsed = ProviderConfigSchema.safeParse(request.providerConfig ?? {});
    const templates = parsed.success ? (parsed.data.whatsapp_templates ?? {}) : {};
    const contentSid = request.templateName ? templates[request.templateName] : undefined;
    if (!contentSid) {
      return {
        kind: 'rejected',
        errorCode: 'whatsapp_template_required',
        errorMessage: request.templateName
          ? `outside the 24-hour window: template ${request.templateName} has no content sid in providerConfig.whatsapp_templates`
          : 'outside the 24-hour window only an approved template may be sent, and none was given',
      };
    }
    return { to, from, content: { contentSid, contentVariables: JSON.stringify(request.templateVariables ?? {}) } };
  }

  async function sendMessage(request: SendRequest): Promise<SendResult> {
    const plan = planMessage(request);
    if ('kind' in plan) return reported('twilio', request, request.to, plan);
    if (request.channel === 'whatsapp' && options.qaSink) {
      log('WHATSAPP_QA_SINK_REDIRECT', { touch_run_id: request.touchRunId, lead_to_masked: maskTail(request.to), qa_sink_masked: maskTail(options.qaSink) });
    }
    if (request.channel === 'whatsapp' && options.dryRunWhatsapp) {
      log('WHATSAPP_DRY_RUN', { touch_run_id: request.touchRunId, to_masked: maskTail(plan.to), template: 'contentSid' in plan.content });
      return reported('twilio', request, plan.to, { kind: 'accepted', providerMessageId: dryRunMessageId(request.sendKey), providerStatus: 'dry_run' });
    }
    if (!configured) return reported('twilio', request, plan.to, { kind: 'not_sent', errorCode: 'missing_twilio_env', errorMessage: MISSING_TWILIO_ENV });
    const statusCallback = callbackUrlFor(messageCallback, request);
    if (!statusCallback) {
      return reported('twilio', request, plan.to, { kind: 'rejected', errorCode: 'invalid_status_callback_url', errorMessage: 'statusCallbackUrl must be an absolute http(s) URL' });
    }
    try {
      const message = await sdk().messages.create({ to: plan.to, from: plan.from, statusCallback, ...plan.content });
      return reported('twilio', request, plan.to, { kind: 'accepted', providerMessageId: message.sid, providerStatus: String(message.status) });
    } catch (error) {
      return reported('twilio', request, plan.to, classifyTwilioError(error));
    }
  }

  async function sendVoice(request: SendRequest): Promise<SendResult> {
    if (!configured) return reported('twilio', request, request.to, { kind: 'not_sent', errorCode: 'missing_twilio_env', errorMessage: MISSING_TWILIO_ENV });
    const streamUrl = request.voiceStreamUrl ?? voiceStream;
    if (!streamUrl || !/^wss?:\/\//.test(streamUrl)) {
      return reported('twilio', request, request.to, { kind: 'rejected', errorCode: 'voice_stream_url_required', errorMessage: 'voice needs voiceStreamUrl, a ws:// or wss:// URL' });
    }
    const statusCallback = callbackUrlFor(voiceCallback, request);
    if (!statusCallback) {
      return reported('twilio', request, request.to, { kind: 'rejected', errorCode: 'invalid_status_callback_url', errorMessage: 'statusCallbackUrl must be an absolute http(s) URL' });
    }
    try {
      const call = await sdk().calls.create({
        to: request.to,
        from: request.from,
        twiml: voiceTwiml(streamUrl, request.touchRunId),
        statusCallback,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      });
      return reported('twilio', request, request.to, { kind: 'accepted', providerMessageId: call.sid, providerStatus: String(call.status) });
    } catch (error) {
      return reported('twilio', request, request.to, classifyTwilioError(error));
    }
  }

  return {
    name: 'twilio',
    channels: ['sms', 'whatsapp', 'voice'] as const,

    async send(request: SendRequest): Promise<SendResult> {
      switch (request.channel) {
        case 'sms':
        case 'whatsapp':
          return sendMessage(request);
        case 'voice':
          return sendVoice(request);
        default:
          return reported('twilio', request, request.to, { kind: 'rejected', errorCode: 'channel_not_supported', errorMessage: `twilio does not send ${request.channel}` });
      }
    },

    /**
     * Twilio keeps no trace of our send key or callback URL on a message, so a
     * send is recognised by what it does keep: an outbound message or call
     * between the same two addresses created in the window and, for free text,
     * carrying the same text. For a template any outbound message in the
     * window counts (its rendered text is Twilio's). Erring towards 'found'
     * is deliberate: a wrong 'found' loses one touch, a wrong 'not_found'
     * sends twice. Throws when Twilio cannot be asked.
     */
    async lookup(request: SendRequest): Promise<LookupResult> {
      if (request.channel === 'email') return { kind: 'unsupported' };
      const since = lookupWindowStart(request);
      if (request.channel === 'voice') {
        if (!configured) return { kind: 'unsupported' };
        const calls = await sdk().calls.list({ to: request.to, from: request.from, limit: 50 });
        const call = calls.find((c) => c.direction?.startsWith('outbound') && (!c.dateCreated || c.dateCreated >= since));
        return call ? { kind: 'found', providerMessageId: call.sid, providerStatus: String(call.status) } : { kind: 'not_found' };
      }
      if (request.channel === 'whatsapp' && options.dryRunWhatsapp) {
        return { kind: 'found', providerMessageId: dryRunMessageId(request.sendKey), providerStatus: 'dry_run' };
      }
      if (!configured) return { kind: 'unsupported' };
      // Addresses exactly as send() would have used them; the content only when it was
      // known free text (a reconciler that does not pass the body matches any outbound message).
      const whatsapp = request.channel === 'whatsapp';
      const to = whatsapp ? withPrefix(options.qaSink ?? request.to) : request.to;
      const from = whatsapp ? withPrefix(request.from) : request.from;
      const freeText = !whatsapp || request.inCustomerServiceWindow === true;
      const text = freeText && request.body.trim() !== '' ? request.body.trim() : null;
      const messages = await sdk().messages.list({ to, from, limit: 50 });
      const message = messages.find((m) => {
        if (!String(m.direction ?? '').startsWith('outbound')) return false;
        const created = m.dateCreated ?? m.dateSent;
        if (created && created < since) return false;
        return text === null || (m.body ?? '').includes(text);
      });
      return message ? { kind: 'found', providerMessageId: message.sid, providerStatus: String(message.status) } : { kind: 'not_found' };
    },
  };
}
