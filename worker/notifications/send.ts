/**
 * How a claimed notification reaches Slack or email, and how its outcome is recorded
 * (brain.record_notification_delivery). The ledger row was claimed before any of this
 * runs, so a retry or a second worker never sends it twice. Outcomes:
 *   sent, failed (refused, or the outcome is unknown: never sent again), skipped
 *   (nobody to send it to), retry (nothing reached the provider; released for the
 *   job's next attempt).
 * Slack and email auth/configuration errors feed integration health
 * (brain.record_integration_health). Never a token or a message body in a log.
 */
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import type { WorkerDeps } from '../deps.ts';
import { chooseDriver } from '../drivers/accounts.ts';
import { maskTail } from '../drivers/common.ts';
import { PROVIDERS, type ProviderName } from '../drivers/types.ts';
import { createSlackApi } from '../inbox/slack.ts';
import { TRANSIENT } from '../tasks/ai_draft_review.ts';

export interface Outcome {
  result: 'sent' | 'failed' | 'skipped' | 'retry';
  error?: string;
  ref?: string;
}

export interface Target {
  deliveryId: string;
  accountId: string;
  email?: string | undefined;
  slackMemberId?: string | undefined;
  emailProvider?: string | undefined;
  emailFrom?: string | undefined;
}

/** Records a provider call's outcome for the account's integration health (SQL decides what counts). */
async function health(deps: WorkerDeps, accountId: string, integration: string, errorCode: string | null): Promise<void> {
  try {
    await deps.sql`select brain.record_integration_health(${accountId}, ${integration}, ${errorCode})`;
  } catch (error) {
    log('INTEGRATION_HEALTH_RECORD_FAILED', { integration, error: (error as Error).message.slice(0, 200) }, 'warn');
  }
}

/** A DM from the account's Slack bot: the member id saved in settings, else found by email. */
export async function sendSlack(deps: WorkerDeps, t: Target, text: string): Promise<Outcome> {
  const cfg = deps.inbox?.slack;
  let token: string | undefined;
  try {
    const stored = await loadCredentials(deps.sql, deps.keyRing, t.accountId, 'slack');
    token = stored?.value.bot_token ?? cfg?.botToken;
  } catch (error) {
    await health(deps, t.accountId, 'slack', 'credentials_unreadable');
    return { result: 'failed', error: `the account's stored Slack credentials cannot be opened (${(error as Error).name})` };
  }
  if (!cfg || !token) {
    await health(deps, t.accountId, 'slack', 'no_token');
    return { result: 'failed', error: 'no Slack bot token: add one in Settings → Providers (or set SLACK_BOT_TOKEN)' };
  }
  const api = createSlackApi({ token, apiBaseUrl: cfg.apiBaseUrl, timeoutMs: cfg.timeoutMs });
  // Before the post nothing reached anyone: a transient error (time-outs included) is retried.
  const before = async (what: string, error: string): Promise<Outcome> => {
    if (TRANSIENT.has(error)) return { result: 'retry', error: `${what}: ${error}` };
    await health(deps, t.accountId, 'slack', error);
    return { result: 'failed', error: `${what}: ${error}` };
  };
  let member = t.slackMemberId;
  if (!member) {
    if (!t.email) return { result: 'skipped', error: 'no Slack member id and no email' };
    const found = await api.lookupUserByEmail(t.email);
    if (!found.ok) {
      if (found.error === 'users_not_found') return { result: 'skipped', error: 'not found on Slack by email: save your Slack member id' };
      return before('users.lookupByEmail', found.error);
    }
    member = found.userId;
  }
  const dm = await api.openDm(member);
  if (!dm.ok) {
    if (dm.error === 'user_not_found') return { result: 'skipped', error: 'the Slack member id is not in the workspace' };
    return before('conversations.open', dm.error);
  }
  const posted = await api.postMessage(dm.channelId, text.replace(/<[^|>]+\|([^>]+)>/g, '$1'), [{ type: 'section', text: { type: 'mrkdwn', text } }]);
  if (!posted.ok) {
    // A time-out after the request left may have posted: never sent again (DESIGN rule 4).
    if (posted.error === 'timeout') return { result: 'failed', error: 'outcome_unknown: chat.postMessage timed out' };
    return before('chat.postMessage', posted.error);
  }
  await health(deps, t.accountId, 'slack', null);
  return { result: 'sent', ref: `${posted.channelId}:${posted.ts}` };
}

/** An email through the account's email provider (its own credentials, else the environment's). */
export async function sendEmail(deps: WorkerDeps, t: Target, subject: string, body: string): Promise<Outcome> {
  if (!t.email) return { result: 'skipped', error: 'the user has no email address' };
  const provider = t.emailProvider;
  if (!provider || !(PROVIDERS as readonly string[]).includes(provider)) {
    return { result: 'skipped', error: 'the account has no ready email provider' };
  }
  const choice = await chooseDriver(deps, t.accountId, provider as ProviderName);
  if (!choice.driver) return { result: 'failed', error: `${choice.result.errorCode}: ${choice.result.errorMessage}`.slice(0, 300) };
  const driver = choice.driver;
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const result = await driver.send({
    // Not a touch: the delivery's id stands in for the touch and lead ids the contract carries.
    touchRunId: t.deliveryId,
    sendKey: `notification:${t.deliveryId}`,
    accountId: t.accountId,
    leadId: t.deliveryId,
    channel: 'email',
    to: t.email,
    from: t.emailFrom ?? '',
    subject,
    body,
    providerConfig: {},
    // Where the user turns these emails off.
    unsubscribeUrl: `${base}/settings/notifications`,
  });
  const integration = provider === 'elastic_email' ? 'elastic_email' : provider === 'twilio' || provider === 'telnyx' ? provider : null;
  if (result.kind === 'accepted') {
    if (integration) await health(deps, t.accountId, integration, null);
    return { result: 'sent', ref: result.providerMessageId };
  }
  if (integration) await health(deps, t.accountId, integration, result.errorCode);
  if (result.kind === 'unknown') return { result: 'failed', error: `outcome_unknown: ${result.errorCode}` };
  if (result.kind === 'not_sent' && !/^missing_.*_env$/.test(result.errorCode)) return { result: 'retry', error: result.errorCode };
  return { result: 'failed', error: result.errorCode };
}

/** brain.record_notification_delivery, and one log line (no body, the address masked). */
export async function recordOutcome(deps: WorkerDeps, t: Target & { channel: string; kind: 'realtime' | 'digest' }, o: Outcome): Promise<void> {
  await deps.sql`select brain.record_notification_delivery(${t.deliveryId}, ${o.result}, ${o.error ?? null}, ${o.ref ?? null})`;
  const fields = { delivery_id: t.deliveryId, kind: t.kind, channel: t.channel, result: o.result, ...(t.email ? { to_masked: maskTail(t.email, 6) } : {}) };
  if (o.result === 'sent') log('NOTIFICATION_SENT', fields);
  else log('NOTIFICATION_NOT_SENT', { ...fields, error: (o.error ?? '').slice(0, 200) }, o.result === 'skipped' ? 'info' : 'warn');
}
