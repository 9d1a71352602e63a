/**
 * deliver_notifications {event_id}: sends an event's realtime Slack and email
 * notifications (issue 18, seed 003 §13), queued once per event by the database when
 * the event fans out (the bell's in-app rows need no job). SQL claims the deliveries
 * first (brain.claim_notification_deliveries): a retried job or a second worker finds
 * them taken or done and sends nothing. Each outcome is recorded; when something could
 * not reach its provider for a transient reason, its claim is released and the job
 * throws, so graphile-worker runs it again for that delivery only.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import { NotificationEvent, realtimeMessage } from '../notifications/render.ts';
import { recordOutcome, sendEmail, sendSlack, type Outcome } from '../notifications/send.ts';

const Payload = z.object({ event_id: z.string().uuid() });

const Claim = z.object({
  event: NotificationEvent.extend({ account_id: z.string().uuid(), account_name: z.string() }).nullable(),
  deliveries: z.array(z.object({
    delivery_id: z.string().uuid(),
    user_id: z.string().uuid(),
    channel: z.enum(['slack', 'email']),
    email: z.string().optional(),
    slack_member_id: z.string().optional(),
    email_provider: z.string().optional(),
    email_from: z.string().optional(),
  })),
});

export function deliverNotifications(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { event_id: eventId } = Payload.parse(rawPayload);
    const [row] = await deps.sql<{ r: unknown }[]>`select brain.claim_notification_deliveries(${eventId}) as r`;
    const claim = Claim.parse(row!.r);
    if (!claim.event || claim.deliveries.length === 0) {
      log('NOTIFICATIONS_NOTHING_TO_SEND', { event_id: eventId });
      return;
    }
    const event = claim.event;
    const message = realtimeMessage(event, event.account_name, deps.publicBaseUrl);
    let retry = 0;
    for (const d of claim.deliveries) {
      const target = {
        deliveryId: d.delivery_id, accountId: event.account_id, email: d.email, slackMemberId: d.slack_member_id,
        emailProvider: d.email_provider, emailFrom: d.email_from,
      };
      let outcome: Outcome;
      try {
        outcome = d.channel === 'slack' ? await sendSlack(deps, target, message.slack) : await sendEmail(deps, target, message.subject, message.text);
      } catch (error) {
        // A driver that threw: whether anything left is unknown, so it is never sent again.
        outcome = { result: 'failed', error: `outcome_unknown: ${(error as Error).name}` };
      }
      await recordOutcome(deps, { ...target, channel: d.channel, kind: 'realtime' }, outcome);
      if (outcome.result === 'retry') retry += 1;
    }
    if (retry > 0) throw new Error(`notifications: ${retry} delivery(ies) to retry`);
  };
}
