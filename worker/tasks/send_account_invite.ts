/**
 * send_account_invite {invite_id}: mints the invite link's token here (only its
 * hash reaches the database, through brain.issue_account_invite_token), emails
 * the link through the account's email provider, and records the outcome.
 * Queued by public.create_account_invite when the account can send email.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import { maskTail } from '../drivers/common.ts';
import { PROVIDERS, type SendRequest } from '../drivers/types.ts';

const Payload = z.object({ invite_id: z.string().uuid() });

const Issued = z.object({
  account_id: z.string().uuid(),
  account_name: z.string(),
  email: z.string(),
  role: z.string(),
  invited_by_name: z.string().nullable(),
  expires_at: z.date(),
  provider: z.enum(PROVIDERS),
  from_address: z.string().nullable(),
});

/** The invite email (plain text): who invites, to what, the link and its expiry. */
export function inviteEmail(i: z.infer<typeof Issued>, link: string): { subject: string; body: string } {
  const who = i.invited_by_name ?? 'An owner';
  return {
    subject: `${who} invited you to ${i.account_name} on Revenue OS`,
    body: [
      `${who} invited you to join ${i.account_name} on Revenue OS as ${i.role}.`,
      '',
      `Open this link to accept: ${link}`,
      '',
      `The link works once and expires on ${i.expires_at.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      'If you did not expect this invite, ignore this email.',
    ].join('\n'),
  };
}

export function sendAccountInvite(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { invite_id: inviteId } = Payload.parse(rawPayload);
    const token = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(token).digest('hex');
    const rows = await deps.sql`select * from brain.issue_account_invite_token(${inviteId}, ${hash})`;
    if (rows.length === 0) {
      log('INVITE_EMAIL_SKIPPED', { invite_id: inviteId, reason: 'not_open_or_no_email_provider' });
      return;
    }
    const invite = Issued.parse(rows[0]);
    const driver = deps.drivers.get(invite.provider);
    const link = `${deps.publicBaseUrl.replace(/\/+$/, '')}/invite/${token}`;
    const { subject, body } = inviteEmail(invite, link);
    // Not a touch: the invite's id stands in for the touch and lead ids the contract carries.
    const request: SendRequest = {
      touchRunId: inviteId,
      sendKey: `invite:${inviteId}:${hash.slice(0, 16)}`,
      accountId: invite.account_id,
      leadId: inviteId,
      channel: 'email',
      to: invite.email,
      from: invite.from_address ?? '',
      subject,
      body,
      providerConfig: {},
    };
    const result = driver
      ? await driver.send(request)
      : ({ kind: 'not_sent', errorCode: 'no_driver', errorMessage: `no driver for ${invite.provider}` } as const);
    const error = result.kind === 'accepted' ? null : `${result.errorCode}: ${result.errorMessage}`;
    await deps.sql`select brain.record_account_invite_email(${inviteId}, ${error})`;
    const fields = { invite_id: inviteId, provider: invite.provider, to_masked: maskTail(invite.email), result: result.kind };
    if (result.kind === 'accepted') {
      log('INVITE_EMAILED', fields);
      return;
    }
    log('INVITE_EMAIL_FAILED', { ...fields, error_code: result.errorCode }, 'warn');
    // Nothing reached the provider: let graphile-worker retry (a retry mints a new link).
    if (result.kind === 'not_sent') throw new Error(`invite email not sent: ${result.errorCode}`);
  };
}
