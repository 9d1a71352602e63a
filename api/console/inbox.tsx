/**
 * The Inbox page and a person's decision on an AI draft (issue 17): approve (as
 * written or edited) or reject. Each decision is one SQL call (api/domain/inbox.ts);
 * the answer is the conversation's card in its new state, for htmx to swap in.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import {
  approveDraft,
  ApproveDraftSchema,
  describeDraftError,
  InboxFilterSchema,
  listConversations,
  loadConversation,
  loadDraftState,
  rejectDraft,
  regenerateDraft,
  RejectDraftSchema,
  type ApproveResult,
  type RejectResult,
} from '../domain/inbox.ts';
import { Notice } from '../../views/ui.tsx';
import { ConversationCard, DecidedCard, InboxFilters, InboxList, type InboxNotice } from '../../views/pages/inbox.tsx';
import { fullPage, type Ctx } from './helpers.tsx';
import { countPendingSequenceDrafts } from '../domain/sequences.ts';
import { SequenceDraftsNotice } from '../../views/pages/sequences.tsx';

const DraftId = z.string().uuid();

/** Form fields as strings (a file or a repeated field is not one). */
function field(form: Record<string, unknown>, k: string): string | undefined {
  const v = form[k];
  return typeof v === 'string' ? v : undefined;
}

function sentence(s: string): string {
  const t = s.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

function approvedNotice(r: ApproveResult): { notice: InboxNotice; status: 200 | 409 } {
  switch (r.outcome) {
    case 'approved':
      return { notice: { kind: 'ok', text: 'Queued: the reply goes out through the dispatch path (suppression and the send window still apply).' }, status: 200 };
    case 'already_approved':
      return { notice: { kind: 'info', text: 'Already approved: it was queued once, and nothing more was queued.' }, status: 200 };
    case 'already_sent':
      return { notice: { kind: 'info', text: 'Already sent: nothing more was queued.' }, status: 200 };
    case 'rejected_suppressed':
      return { notice: { kind: 'error', text: sentence(r.reason ?? 'the lead is suppressed: nothing was sent') }, status: 409 };
  }
}

function rejectedNotice(r: RejectResult): InboxNotice {
  return r.outcome === 'rejected'
    ? { kind: 'ok', text: 'Rejected: nothing will be sent.' }
    : { kind: 'info', text: 'Already rejected: nothing will be sent.' };
}

export function inboxRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/inbox', async (c) => {
    const s = c.get('session');
    const parsed = InboxFilterSchema.safeParse(c.req.query());
    if (!parsed.success) {
      return fullPage(c, 'Inbox', 'inbox',
        <>
          <Notice kind="error">{parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}</Notice>
          <a href="/inbox">Clear the filters</a>
        </>,
        400,
      );
    }
    const { page, sequenceDrafts } = await c.get('readDb')(async (tx) => ({
      page: await listConversations(tx, parsed.data),
      sequenceDrafts: await countPendingSequenceDrafts(tx),
    }));
    return fullPage(c, 'Inbox', 'inbox',
      <>
        <SequenceDraftsNotice n={sequenceDrafts} />
        <InboxFilters f={parsed.data} />
        <InboxList page={page} f={parsed.data} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} />
      </>,
    );
  });

  /**
   * Runs one decision on a draft, then answers with the conversation's card as it
   * now stands (or, once it no longer waits for an answer, the draft's state).
   */
  const decide = async (c: Ctx, run: (draftId: string, form: Record<string, unknown>) => Promise<{ notice: InboxNotice; status: 200 | 400 | 404 | 409 } | Response>) => {
    const s = c.get('session');
    const id = DraftId.safeParse(c.req.param('id'));
    if (!id.success) return c.html(<Notice kind="error">That is not a draft id (a UUID is expected): nothing was done.</Notice>, 400);
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    let outcome: { notice: InboxNotice; status: 200 | 400 | 404 | 409 } | Response;
    try {
      outcome = await run(id.data, form);
    } catch (error) {
      const r = describeDraftError(error);
      if (!r) throw error;
      log('AI_DRAFT_DECISION_REFUSED', { draft_id: id.data, user_id: s.userId, code: r.code, path: c.req.path }, 'warn');
      outcome = { notice: { kind: 'error', text: r.message }, status: r.status };
    }
    if (outcome instanceof Response) return outcome;
    const { notice, status } = outcome;
    const canAct = can(s.role, 'leads.act');
    const view = await c.get('db')(async (tx) => {
      const state = await loadDraftState(tx, id.data);
      return { state, conversation: state ? await loadConversation(tx, state.lead_id) : null };
    });
    if (!view.state) return c.html(<Notice kind={notice.kind}>{notice.text}</Notice>, status);
    if (view.conversation) return c.html(<ConversationCard c={view.conversation} csrf={s.csrfToken} canAct={canAct} notice={notice} />, status);
    return c.html(<DecidedCard d={view.state} notice={notice} />, status);
  };

  app.post('/inbox/drafts/:id/approve', requirePermission('leads.act'), (c) =>
    decide(c, async (draftId, form) => {
      const s = c.get('session');
      const input = ApproveDraftSchema.safeParse({ body: field(form, 'body'), subject: field(form, 'subject') });
      if (!input.success) {
        return c.html(<Notice kind="error">{sentence(input.error.issues.map((i) => i.message).join('; '))} Nothing was sent.</Notice>, 400);
      }
      const r = await c.get('db')((tx) => approveDraft(tx, draftId, { userId: s.userId, accountId: s.accountId }, input.data));
      log('AI_DRAFT_APPROVED', { draft_id: draftId, user_id: s.userId, outcome: r.outcome, touch_run_id: r.touch_run_id ?? null });
      return approvedNotice(r);
    }),
  );

  app.post('/inbox/drafts/:id/reject', requirePermission('leads.act'), (c) =>
    decide(c, async (draftId, form) => {
      const s = c.get('session');
      const input = RejectDraftSchema.safeParse({ reason: field(form, 'reason') });
      if (!input.success) {
        return c.html(<Notice kind="error">{sentence(input.error.issues.map((i) => i.message).join('; '))} Nothing was done.</Notice>, 400);
      }
      const r = await c.get('db')((tx) => rejectDraft(tx, draftId, s.userId, input.data.reason ?? null));
      log('AI_DRAFT_REJECTED', { draft_id: draftId, user_id: s.userId, outcome: r.outcome });
      return { notice: rejectedNotice(r), status: 200 as const };
    }),
  );

  app.post('/inbox/drafts/:id/regenerate', requirePermission('leads.act'), (c) =>
    decide(c, async (draftId) => {
      const s = c.get('session');
      const r = await c.get('db')((tx) => regenerateDraft(tx, draftId, s.userId));
      log('AI_DRAFT_REGENERATE_REQUESTED', { draft_id: draftId, user_id: s.userId, outcome: r.outcome });
      return { notice: { kind: 'info' as const, text: 'Writing it again: reload in a moment to see the new draft.' }, status: 200 as const };
    }),
  );

  return app;
}
