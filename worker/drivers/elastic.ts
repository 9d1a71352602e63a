/**
 * Elastic Email through its HTTP API v4 (no SDK): one transactional email per
 * send. Fails closed (seed 000) when the key or the from-address is missing.
 * Every email carries RFC 8058 one-click unsubscribe headers, our send key and a
 * Message-ID we choose (emailMessageId: from the send key and the sender's domain),
 * which the send's outcome records so a reply's In-Reply-To threads onto it.
 */
import { log } from '../../lib/log.ts';
import { classifyHttpError, classifyTransportError, emailMessageId, reported } from './common.ts';
import type { Driver, LookupResult, SendRequest, SendResult } from './types.ts';

/** The exact error of seed 000 when email is not configured. */
export const MISSING_ELASTIC_ENV = 'missing_elastic_env: set ELASTIC_EMAIL_API_KEY (or ELASTICEMAIL_API_KEY) + ELASTIC_EMAIL_FROM';
export const DEFAULT_ELASTIC_BASE = 'https://api.elasticemail.com';

export interface ElasticOptions {
  apiKey?: string;
  from?: string;
  apiBaseUrl?: string;
  timeoutMs?: number;
}

/** The request body of POST /v4/emails/transactional for one send (messageId: our Message-ID header). */
export function transactionalEmail(request: SendRequest, from: string, messageId?: string): Record<string, unknown> {
  return {
    Recipients: { To: [request.to], ...(request.cc && request.cc.length > 0 ? { CC: request.cc } : {}) },
    Content: {
      From: from,
      Subject: request.subject ?? '',
      Body: [{ ContentType: 'PlainText', Charset: 'utf-8', Content: request.body }],
      Headers: {
        // A lead's email carries one-click unsubscribe; a transactional one without a URL (a team invite) does not.
        ...(request.unsubscribeUrl
          ? { 'List-Unsubscribe': `<${request.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : {}),
        'X-Revenue-Send-Key': request.sendKey,
        'X-Revenue-Touch-Run-Id': request.touchRunId,
        ...(messageId ? { 'Message-ID': messageId } : {}),
      },
      // Echoed back in Elastic's notifications, so they can be tied to the touch.
      Postback: request.touchRunId,
    },
  };
}

export function createElasticDriver(options: ElasticOptions): Driver {
  const ready = Boolean(options.apiKey && options.from);
  const endpoint = `${(options.apiBaseUrl ?? DEFAULT_ELASTIC_BASE).replace(/\/+$/, '')}/v4/emails/transactional`;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function post(request: SendRequest): Promise<SendResult> {
    const from = request.from || (options.from ?? '');
    const messageId = emailMessageId(request.sendKey, from);
    const result = await postWith(request, from, messageId);
    // The Message-ID is recorded whenever the email may have gone out, so a reply threads onto it.
    return result.kind === 'accepted' || result.kind === 'unknown' ? { ...result, emailMessageId: messageId } : result;
  }

  async function postWith(request: SendRequest, from: string, messageId: string): Promise<SendResult> {
    let response: globalThis.Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-ElasticEmail-ApiKey': options.apiKey ?? '' },
        body: JSON.stringify(transactionalEmail(request, from, messageId)),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      return classifyTransportError(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The status line arrived, the body did not: for a 2xx the email is queued.
      if (response.ok) return { kind: 'unknown', errorCode: 'truncated_response', errorMessage: 'Elastic Email accepted the request but the answer was cut off' };
      return classifyHttpError(response.status, undefined, error instanceof Error ? error.message : String(error));
    }
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
    } catch {
      json = null;
    }
    if (response.ok) {
      const id = json?.TransactionID;
      if (typeof id !== 'string' || id === '') {
        return { kind: 'unknown', errorCode: 'malformed_response', errorMessage: `Elastic Email answered ${response.status} without a TransactionID` };
      }
      return { kind: 'accepted', providerMessageId: id, providerStatus: 'queued' };
    }
    const message = typeof json?.Error === 'string' && json.Error !== '' ? json.Error : `HTTP ${response.status}`;
    return classifyHttpError(response.status, undefined, message);
  }

  return {
    name: 'elastic_email',
    channels: ['email'] as const,

    async send(request: SendRequest): Promise<SendResult> {
      if (!ready) {
        log('DISPATCH_EMAIL_DISABLED_MISSING_ELASTIC_ENV', { touch_run_id: request.touchRunId }, 'warn');
        return { kind: 'not_sent', errorCode: 'missing_elastic_env', errorMessage: MISSING_ELASTIC_ENV };
      }
      if (request.channel !== 'email') {
        return reported('elastic_email', request, request.to, { kind: 'rejected', errorCode: 'channel_not_supported', errorMessage: `elastic_email does not send ${request.channel}` });
      }
      if (!request.unsubscribeUrl || !/^https?:\/\//.test(request.unsubscribeUrl)) {
        return reported('elastic_email', request, request.to, {
          kind: 'rejected',
          errorCode: 'unsubscribe_url_required',
          errorMessage: 'email needs unsubscribeUrl (RFC 8058 one-click List-Unsubscribe), an http(s) URL',
        });
      }
      return reported('elastic_email', request, request.to, await post(request));
    },

    /** Elastic Email can only be asked about a TransactionID, which a crashed send never received. */
    async lookup(): Promise<LookupResult> {
      return { kind: 'unsupported' };
    },
  };
}
