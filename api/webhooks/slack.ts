/**
 * Slack interactivity for the AI inbox (issue 17, seed 003 §9): `POST
 * /webhooks/slack/interactions`, where Slack sends the clicks on a draft's review post.
 * The body is a form with one field, `payload` (JSON). The request is verified with
 * Slack's v0 signature (`X-Slack-Signature`, `X-Slack-Request-Timestamp`, at most 300 s
 * old) using the signing secret of the account whose review post was clicked (its
 * stored Slack signing_secret, else SLACK_SIGNING_SECRET). An "Approve & Send" click
 * (action_id approve_send) approves the draft through public.ingest_slack_approval,
 * which checks the click came from that draft's own post; a second click sends nothing
 * more. Other clicks (the "Open in console" link button) are acknowledged and ignored.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { readBody } from '../body.ts';
import { webhookKeys } from '../domain/webhook-keys.ts';
import type { InboundDeps } from '../inbound-config.ts';
import { verifySlack } from '../signatures.ts';
import { issuesOf, logAccepted, logIgnored, parseJsonBody, reject, uuid } from './common.ts';

const ROUTE = '/webhooks/slack/interactions';

const slackId = (first: string) => z.string().regex(new RegExp(`^[${first}][A-Z0-9]{6,24}$`), 'must be a Slack id');

const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId('UW'), name: z.string().max(200).optional(), username: z.string().max(200).optional() }),
  channel: z.object({ id: slackId('CGD') }),
  message: z.object({ ts: z.string().regex(/^\d{1,12}\.\d{1,8}$/, 'must be a Slack message ts') }),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).min(1).max(25),
});

/** What our Approve & Send button carries (worker/inbox/slack.ts writes it). */
const ApproveValue = z.object({ draft_id: uuid, account_id: uuid });

/** The payload read before it is trusted, only to find whose key verifies it. */
function hintsOf(raw: string): { channelId: string | null; messageTs: string | null; payload: unknown; problem: string | null } {
  const payloadText = new URLSearchParams(raw).get('payload');
  if (payloadText === null) return { channelId: null, messageTs: null, payload: null, problem: 'the form has no payload field' };
  const parsed = parseJsonBody(payloadText, { maxDepth: 32 });
  if (!parsed.ok) return { channelId: null, messageTs: null, payload: null, problem: parsed.issue.message };
  const p = parsed.value as { channel?: { id?: unknown }; message?: { ts?: unknown } } | null;
  const channelId = typeof p?.channel?.id === 'string' ? p.channel.id : null;
  const messageTs = typeof p?.message?.ts === 'string' ? p.message.ts : null;
  return { channelId, messageTs, payload: parsed.value, problem: null };
}

export function slackRoutes(deps: InboundDeps): Hono {
  const app = new Hono();
  const keys = webhookKeys({ ingestSql: deps.ingestSql, keyRing: deps.keyRing });

  app.post('/interactions', async (c: Context) => {
    const signature = c.req.header('x-slack-signature');
    const timestamp = c.req.header('x-slack-request-timestamp');
    if (!signature || !timestamp) return reject(c, 'slack', ROUTE, 400, 'missing_signature');
    const raw = await readBody(c);
    const hints = hintsOf(raw);
    const choice = await keys.choose(
      'slack',
      { address: hints.channelId, providerMessageId: hints.messageTs },
      (credentials) => credentials.signing_secret ?? undefined,
      () => deps.config.slackSigningSecret,
    );
    if (!choice.ok) return reject(c, 'slack', ROUTE, choice.status, choice.reason);
    const verdict = verifySlack({
      secret: choice.key,
      signature,
      timestamp,
      rawBody: raw,
      nowSeconds: deps.config.nowSeconds(),
      toleranceSeconds: deps.config.toleranceSeconds,
    });
    if (!verdict.ok) return reject(c, 'slack', ROUTE, verdict.status, verdict.reason);
    if (hints.problem) return reject(c, 'slack', ROUTE, 400, 'invalid_body', { issues: [{ path: 'payload', message: hints.problem }] });

    const type = (hints.payload as { type?: unknown } | null)?.type;
    if (type !== 'block_actions') {
      logIgnored('slack', ROUTE, typeof type === 'string' ? type.slice(0, 60) : 'unknown');
      return c.json({ ok: true, ignored: true });
    }
    const parsed = BlockActions.safeParse(hints.payload);
    if (!parsed.success) return reject(c, 'slack', ROUTE, 400, 'invalid_body', { issues: issuesOf(parsed.error) });
    const p = parsed.data;
    const approvals = p.actions.filter((a) => a.action_id === 'approve_send');
    if (approvals.length === 0) {
      logIgnored('slack', ROUTE, p.actions[0]!.action_id.slice(0, 60));
      return c.json({ ok: true, ignored: true });
    }
    const outcomes: string[] = [];
    for (const action of approvals) {
      let value: unknown;
      try {
        value = JSON.parse(action.value ?? '');
      } catch {
        return reject(c, 'slack', ROUTE, 400, 'invalid_body', { issues: [{ path: 'actions.value', message: 'must be the JSON our button carries' }] });
      }
      const v = ApproveValue.safeParse(value);
      if (!v.success) return reject(c, 'slack', ROUTE, 400, 'invalid_body', { issues: issuesOf(v.error) });
      // The account whose key verified the request is the one the post belongs to; the button must name it.
      if (!choice.accountId || v.data.account_id !== choice.accountId) return reject(c, 'slack', ROUTE, 404, 'unknown_draft');
      const [row] = await deps.ingestSql<{ r: { outcome: string } }[]>`
        select public.ingest_slack_approval(${v.data.account_id}, ${v.data.draft_id}, ${p.channel.id}, ${p.message.ts},
                                            ${p.user.id}, ${p.user.name ?? p.user.username ?? null}) as r`;
      const outcome = row!.r.outcome;
      if (outcome === 'unknown_draft') return reject(c, 'slack', ROUTE, 404, 'unknown_draft');
      logAccepted('slack', ROUTE, { event: 'approve_send', event_id: v.data.draft_id, outcome });
      outcomes.push(outcome);
    }
    return c.json({ ok: true, outcomes });
  });

  return app;
}
