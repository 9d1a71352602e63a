/**
 * send_notification_digests (crontab, every 5 minutes): sends the daily digests due now,
 * each at its user's local digest time ±12 minutes (issue 18, seed 003 §13). SQL
 * decides who is due and what each digest lists, and records every digest in the
 * ledger before it is sent (brain.claim_notification_digests: dedupe_key
 * digest:<user>:<local date>:<channel>), so a second run the same day, or a second
 * worker, sends nothing. A transient failure is tried again a few times in this run;
 * after that the digest is recorded failed.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import { digestMessage, NotificationEvent, KINDS } from '../notifications/render.ts';
import { recordOutcome, sendEmail, sendSlack, type Outcome } from '../notifications/send.ts';

const Digest = z.object({
  delivery_id: z.string().uuid(),
  account_id: z.string().uuid(),
  account_name: z.string(),
  user_id: z.string().uuid(),
  channel: z.enum(['slack', 'email']),
  local_date: z.string(),
  email: z.string().optional(),
  slack_member_id: z.string().optional(),
  email_provider: z.string().optional(),
  email_from: z.string().optional(),
  groups: z.array(z.object({ kind: z.enum(KINDS), label: z.string(), count: z.number(), events: z.array(NotificationEvent) })),
});

const ATTEMPTS = 3;

export function sendNotificationDigests(deps: WorkerDeps): Task {
  return async () => {
    const [row] = await deps.sql<{ r: unknown }[]>`select brain.claim_notification_digests() as r`;
    const digests = z.array(Digest).parse(row!.r);
    for (const d of digests) {
      const message = digestMessage(d, deps.publicBaseUrl);
      const target = {
        deliveryId: d.delivery_id, accountId: d.account_id, email: d.email, slackMemberId: d.slack_member_id,
        emailProvider: d.email_provider, emailFrom: d.email_from,
      };
      let outcome: Outcome = { result: 'retry' };
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          outcome = d.channel === 'slack' ? await sendSlack(deps, target, message.slack) : await sendEmail(deps, target, message.subject, message.text);
        } catch (error) {
          outcome = { result: 'failed', error: `outcome_unknown: ${(error as Error).name}` };
        }
        if (outcome.result !== 'retry') break;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
      if (outcome.result === 'retry') outcome = { result: 'failed', error: `gave up after ${ATTEMPTS} tries: ${outcome.error ?? 'transient error'}` };
      await recordOutcome(deps, { ...target, channel: d.channel, kind: 'digest' }, outcome);
    }
    if (digests.length > 0) log('NOTIFICATION_DIGESTS_RUN', { digests: digests.length });
  };
}
