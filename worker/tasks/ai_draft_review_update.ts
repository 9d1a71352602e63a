/**
 * Rewrites an AI draft's Slack review post once the draft is decided (issue 17): approved
 * in Slack or the console, sent, rejected by a person, a newer reply or the dispatch
 * path. The "Approve & Send" button is replaced by what happened, so it never stays
 * live; clicking an old one would change nothing anyway (public.approve_ai_draft is
 * idempotent). Queued by the database on every status change of a posted draft (one job
 * per draft at a time); uses the same bot token as the post (the account's, else
 * SLACK_BOT_TOKEN). Rate limits and network errors retry; other Slack errors are logged.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import type { WorkerDeps } from '../deps.ts';
import { createSlackApi, decidedBlocks, type ReviewPost } from '../inbox/slack.ts';
import { TRANSIENT } from './ai_draft_review.ts';

const Payload = z.object({ ai_draft_id: z.string().uuid() });

interface State extends ReviewPost {
  status: string;
  decided_by?: string;
  decision_reason?: string;
  touch_status?: string;
  slack_channel_id: string;
  slack_message_ts: string;
}


export function aiDraftReviewUpdate(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { ai_draft_id: id } = Payload.parse(rawPayload);
    const [row] = await deps.sql<{ s: State | null }[]>`select brain.slack_review_state(${id}) as s`;
    const state = row?.s;
    if (!state) return;
    const slack = deps.inbox?.slack;
    let token: string | undefined;
    try {
      token = (await loadCredentials(deps.sql, deps.keyRing, state.account_id, 'slack'))?.value.bot_token ?? slack?.botToken;
    } catch (error) {
      log('AI_DRAFT_REVIEW_UPDATE_FAILED', { ai_draft_id: id, error: `credentials_unreadable:${(error as Error).name}` }, 'warn');
      return;
    }
    if (!token || !slack) {
      log('AI_DRAFT_REVIEW_UPDATE_FAILED', { ai_draft_id: id, error: 'no_token' }, 'warn');
      return;
    }
    const api = createSlackApi({ token, apiBaseUrl: slack.apiBaseUrl, timeoutMs: slack.timeoutMs });
    const { text, blocks } = decidedBlocks(state, `${deps.publicBaseUrl}/inbox?draft=${encodeURIComponent(id)}`);
    const r = await api.updateMessage(state.slack_channel_id, state.slack_message_ts, text, blocks);
    if (!r.ok) {
      log('AI_DRAFT_REVIEW_UPDATE_FAILED', { ai_draft_id: id, error: r.error }, 'warn');
      if (TRANSIENT.has(r.error)) throw new Error(`Slack: ${r.error}, retrying`);
      return;
    }
    log('AI_DRAFT_REVIEW_UPDATED', { ai_draft_id: id, status: state.status });
  };
}
