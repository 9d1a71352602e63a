/**
 * Posts an AI draft that needs review to Slack (issue 17, seed 003 §9), queued once per
 * such draft by the database. The draft goes as a DM to the lead's assigned setter,
 * found on Slack by their email; when there is no setter, or Slack does not know them,
 * to the account's review channel (Settings: slack_review_channel). The post carries an
 * "Approve & Send" button (POST /webhooks/slack/interactions) and a link to the console.
 * The bot token is the account's own (Settings → Providers), else SLACK_BOT_TOKEN.
 *
 * brain.claim_slack_review marks the post taken before Slack is called and
 * brain.record_slack_review records it after, so a retry or a second worker never posts
 * a draft twice. Rate limits, time-outs and network errors throw, so the job retries;
 * anything else (no token, no setter and no channel, Slack refusing) is recorded on the
 * draft (slack_error) and the draft stays in the console's Inbox.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import type { WorkerDeps } from '../deps.ts';
import { createSlackApi, reviewBlocks, type ReviewPost } from '../inbox/slack.ts';

const Payload = z.object({ ai_draft_id: z.string().uuid() });

interface Claim extends ReviewPost {
  claimed: boolean;
  reason: string;
  setter_user_id?: string;
  setter_email?: string;
  review_channel?: string;
}

export const TRANSIENT = new Set(['ratelimited', 'timeout', 'network_error', 'http_500', 'http_502', 'http_503', 'http_504', 'internal_error', 'service_unavailable', 'fatal_error']);

export function aiDraftReview(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { ai_draft_id: id } = Payload.parse(rawPayload);
    const [row] = await deps.sql<{ r: Claim }[]>`select brain.claim_slack_review(${id}) as r`;
    const claim = row!.r;
    if (!claim.claimed) {
      log('AI_DRAFT_REVIEW_SKIPPED', { ai_draft_id: id, reason: claim.reason });
      return;
    }
    const record = async (post: { channelId: string; ts: string; userId: string | null } | null, error: string | null) => {
      await deps.sql`
        select brain.record_slack_review(${id}, ${post?.channelId ?? null}, ${post?.ts ?? null}, ${post?.userId ?? null}, ${error})`;
    };
    const slack = deps.inbox?.slack;
    let token: string | undefined;
    try {
      const stored = await loadCredentials(deps.sql, deps.keyRing, claim.account_id, 'slack');
      token = stored?.value.bot_token ?? slack?.botToken;
    } catch (error) {
      await record(null, `the account's stored Slack credentials cannot be opened (${(error as Error).name})`);
      log('AI_DRAFT_REVIEW_FAILED', { ai_draft_id: id, error: 'credentials_unreadable' }, 'warn');
      return;
    }
    if (!token || !slack) {
      await record(null, 'no Slack bot token: add one in Settings → Providers (or set SLACK_BOT_TOKEN)');
      log('AI_DRAFT_REVIEW_FAILED', { ai_draft_id: id, error: 'no_token' }, 'warn');
      return;
    }
    const api = createSlackApi({ token, apiBaseUrl: slack.apiBaseUrl, timeoutMs: slack.timeoutMs });
    const fail = async (error: string) => {
      await record(null, error);
      log('AI_DRAFT_REVIEW_FAILED', { ai_draft_id: id, error }, 'warn');
      if (TRANSIENT.has(error)) throw new Error(`Slack: ${error}, retrying`);
    };

    // The setter's DM first; else the account's review channel.
    let target: { channel: string; userId: string | null } | null = null;
    let setterProblem: string | null = claim.setter_email ? null : 'the lead has no assigned setter';
    if (claim.setter_email) {
      const user = await api.lookupUserByEmail(claim.setter_email);
      if (user.ok) {
        const dm = await api.openDm(user.userId);
        if (dm.ok) target = { channel: dm.channelId, userId: user.userId };
        else if (TRANSIENT.has(dm.error)) return fail(dm.error);
        else setterProblem = `conversations.open: ${dm.error}`;
      } else if (TRANSIENT.has(user.error)) {
        return fail(user.error);
      } else {
        setterProblem = `users.lookupByEmail: ${user.error}`;
      }
    }
    if (!target && claim.review_channel) target = { channel: claim.review_channel, userId: null };
    if (!target) return fail(`${setterProblem ?? 'no setter on Slack'}, and no review channel is set`);

    const { text, blocks } = reviewBlocks(claim, `${deps.publicBaseUrl}/inbox?draft=${encodeURIComponent(id)}`);
    const posted = await api.postMessage(target.channel, text, blocks);
    if (!posted.ok) return fail(TRANSIENT.has(posted.error) ? posted.error : `chat.postMessage: ${posted.error}`);
    await record({ channelId: posted.channelId, ts: posted.ts, userId: target.userId }, null);
    log('AI_DRAFT_REVIEW_POSTED', { ai_draft_id: id, to: target.userId ? 'setter_dm' : 'review_channel' });
  };
}
