/**
 * The contract between the dispatch task and provider drivers. A driver does
 * I/O only: it is handed a claimed, fully decided send and reports what the
 * provider said. It never decides whether to send.
 */

export type Channel = 'sms' | 'whatsapp' | 'voice' | 'email';
export type ProviderName = 'sink' | 'twilio' | 'telnyx' | 'elastic_email';

export interface SendRequest {
  /** touch_runs.id; also carried to the provider so callbacks can be matched. */
  touchRunId: string;
  /** outbound_messages.send_key: the idempotency key of this intent. */
  sendKey: string;
  accountId: string;
  leadId: string;
  channel: Channel;
  /** Recipient: E.164 phone, or email address for email. Already validated. */
  to: string;
  /** Sender: E.164 number (sms, whatsapp, voice) or email address. */
  from: string;
  /** Message text, or the call's opening script for voice. Never logged. */
  body: string;
  subject?: string;
  /** WhatsApp outside the 24-hour window: the approved template to send instead of free text. */
  templateName?: string;
  templateVariables?: Record<string, string>;
  /** True when the lead wrote to us on WhatsApp in the last 24 hours. */
  inCustomerServiceWindow?: boolean;
  /** Where the provider should post delivery/status callbacks for this message. */
  statusCallbackUrl: string;
  /** Email: one-click unsubscribe URL (RFC 8058 List-Unsubscribe). */
  unsubscribeUrl?: string;
  /** Voice: the gateway WebSocket URL the call's media stream connects to. */
  voiceStreamUrl?: string;
  /** Provider-specific non-secret settings from account_provider_settings.config. */
  providerConfig: Record<string, unknown>;
  /**
   * When this send was first handed to a driver (ISO 8601). lookup() searches
   * the provider from shortly before it; without it, the last 24 hours.
   */
  attemptedAt?: string;
}

export type SendResult =
  | { kind: 'accepted'; providerMessageId: string; providerStatus: string }
  /** The provider refused it for good (4xx, invalid number, ...): the touch fails, no retry. */
  | { kind: 'rejected'; errorCode: string; errorMessage: string }
  /** The request never reached the provider (connection refused, DNS): nothing was sent. */
  | { kind: 'not_sent'; errorCode: string; errorMessage: string }
  /** The provider may or may not have accepted it (5xx, reset or timeout after the request was sent). */
  | { kind: 'unknown'; errorCode: string; errorMessage: string };

export type LookupResult =
  | { kind: 'found'; providerMessageId: string; providerStatus: string }
  | { kind: 'not_found' }
  | { kind: 'unsupported' };

export interface Driver {
  readonly name: ProviderName;
  /** Channels this driver can send. */
  readonly channels: readonly Channel[];
  send(request: SendRequest): Promise<SendResult>;
  /**
   * Asks the provider whether a send whose outcome is unknown went out
   * (reconciliation after a crash or an ambiguous error). 'unsupported' when
   * the provider offers no way to tell.
   */
  lookup(request: SendRequest): Promise<LookupResult>;
}
