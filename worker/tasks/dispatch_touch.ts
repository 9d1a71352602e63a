/**
 * dispatch_touch {touch_run_id}: claim through SQL, call the driver, record the
 * outcome through SQL. Every decision is in brain.claim_touch / record_touch_outcome.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { normalizePhone } from '../../lib/phone.ts';
import { signToken } from '../../lib/tokens.ts';
import type { WorkerDeps } from '../deps.ts';
import type { SendRequest, SendResult } from '../drivers/types.ts';

const Payload = z.object({ touch_run_id: z.string().uuid() });

const Send = z.object({
  touch_run_id: z.string().uuid(),
  send_key: z.string(),
  account_id: z.string().uuid(),
  lead_id: z.string().uuid(),
  campaign_id: z.string().uuid().nullable(),
  step: z.number().int(),
  attempt: z.number().int(),
  channel: z.enum(['sms', 'whatsapp', 'voice', 'email']),
  provider: z.enum(['sink', 'twilio', 'telnyx', 'elastic_email']),
  provider_config: z.record(z.string(), z.unknown()),
  to: z.string(),
  from: z.string().nullable(),
  body: z.string(),
  subject: z.string().nullable().optional(),
  template_name: z.string().nullable().optional(),
  template_variables: z.record(z.string(), z.unknown()).optional(),
  in_customer_service_window: z.boolean(),
  persona: z.string(),
  country: z.string().nullable().optional(),
});

const Claim = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('claimed'), not_before: z.string(), send: Send }),
  z.object({ outcome: z.enum(['rescheduled', 'canceled', 'unknown', 'skipped']), reason: z.string() }).passthrough(),
]);

const MAX_RATE_WAIT_MS = 2500;

function callbackUrl(deps: WorkerDeps, provider: string, channel: string): string {
  if (provider === 'twilio') return `${deps.publicBaseUrl}/webhooks/twilio/${channel === 'voice' ? 'voice' : 'status'}`;
  // Telnyx Call Control events go to the voice gateway first: it starts the media
  // stream once the call is answered, then forwards each event, still signed, to
  // the API (VOICE_WEBHOOK_FORWARD_URL) where the call status is recorded.
  if (provider === 'telnyx' && channel === 'voice') return `${deps.voiceGatewayUrl.replace(/^ws/, 'http')}/telnyx/webhook`;
  if (provider === 'telnyx') return `${deps.publicBaseUrl}/webhooks/telnyx`;
  return `${deps.publicBaseUrl}/webhooks/${provider}`;
}

async function record(deps: WorkerDeps, touchRunId: string, result: SendResult): Promise<unknown> {
  const args =
    result.kind === 'accepted'
      ? { result: 'accepted', id: result.providerMessageId, status: result.providerStatus, code: null, message: null }
      : { result: result.kind, id: null, status: null, code: result.errorCode, message: result.errorMessage };
  // The send happened; losing its outcome would leave the touch unknown, so try hard.
  let delay = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      const [row] = await deps.outcomeSql`
        select brain.record_touch_outcome(${touchRunId}, ${args.result}, ${args.id}, ${args.status},
                                          ${args.code}, ${args.message}) as r`;
      return row?.r;
    } catch (error) {
      if (attempt >= 6) throw error;
      log('TOUCH_RECORD_RETRY', { touch_run_id: touchRunId, attempt, error: (error as Error).message }, 'warn');
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
}

export function dispatchTouch(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { touch_run_id: touchRunId } = Payload.parse(rawPayload);
    const [row] = await deps.sql`
      select brain.claim_touch(${touchRunId}, ${deps.workerId}) as r`;
    const claim = Claim.parse(row?.r);
    if (claim.outcome !== 'claimed') {
      const level = claim.outcome === 'unknown' ? 'warn' : 'info';
      log(claim.outcome === 'unknown' ? 'TOUCH_OUTCOME_UNKNOWN' : 'TOUCH_NOT_CLAIMED', { touch_run_id: touchRunId, outcome: claim.outcome, reason: claim.reason }, level);
      return;
    }
    const send = claim.send;

    const wait = Math.min(MAX_RATE_WAIT_MS, new Date(claim.not_before).getTime() - Date.now());
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    let to = send.to;
    if (send.channel !== 'email') {
      const phone = normalizePhone(send.to);
      if (!phone.ok) {
        await record(deps, touchRunId, { kind: 'rejected', errorCode: 'invalid_phone', errorMessage: phone.reason });
        log('TOUCH_INVALID_PHONE', { touch_run_id: touchRunId, reason: phone.reason }, 'warn');
        return;
      }
      to = phone.e164;
    }

    const driver = deps.drivers.get(send.provider);
    let result: SendResult;
    if (!driver || !driver.channels.includes(send.channel)) {
      result = { kind: 'not_sent', errorCode: 'driver_unavailable', errorMessage: `no ${send.provider} driver for ${send.channel}` };
    } else {
      const request: SendRequest = {
        touchRunId,
        sendKey: send.send_key,
        accountId: send.account_id,
        leadId: send.lead_id,
        channel: send.channel,
        to,
        from: send.from ?? '',
        body: send.body,
        ...(send.subject ? { subject: send.subject } : {}),
        ...(send.template_name ? { templateName: send.template_name } : {}),
        templateVariables: Object.fromEntries(Object.entries(send.template_variables ?? {}).map(([k, v]) => [k, String(v)])),
        inCustomerServiceWindow: send.in_customer_service_window,
        statusCallbackUrl: callbackUrl(deps, send.provider, send.channel),
        providerConfig: send.provider_config,
        ...(send.channel === 'email'
          ? {
              unsubscribeUrl: `${deps.publicBaseUrl}/unsubscribe/${signToken(
                { a: send.account_id, l: send.lead_id, c: 'email' },
                deps.appSecret,
              )}`,
            }
          : {}),
        ...(send.channel === 'voice'
          ? {
              voiceStreamUrl: `${deps.voiceGatewayUrl}/${send.provider === 'telnyx' ? 'telnyx' : 'twilio'}${
                deps.voiceGatewayToken ? `?token=${encodeURIComponent(deps.voiceGatewayToken)}` : ''
              }`,
            }
          : {}),
      };
      result = await driver.send(request);
    }
    const outcome = await record(deps, touchRunId, result);
    log('TOUCH_DISPATCHED', {
      touch_run_id: touchRunId,
      channel: send.channel,
      provider: send.provider,
      result: result.kind,
      ...(result.kind === 'accepted' ? {} : { error_code: result.errorCode }),
      outcome,
    });
  };
}
