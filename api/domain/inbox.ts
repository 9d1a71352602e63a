/**
 * The AI inbox (issue 17), as the console uses it: the conversations waiting for
 * an answer (public.inbox_conversations, newest and hottest first) and a person's
 * decision on a draft (public.approve_ai_draft, public.reject_ai_draft). Each
 * operation is one SQL call in the caller's transaction (row-level security
 * applies); what is listed, who may be written to and whether a draft may still
 * go are decided in SQL.
 */
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { SENTIMENT_TAGS, type SentimentTag } from '../../worker/inbox/model.ts';

/** The reply tags (inbound_messages.sentiment_tag), declared once in worker/inbox/model.ts. */
export { SENTIMENT_TAGS, type SentimentTag };

export const INBOX_PAGE_SIZE = 25;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * A page cursor as `next` gives it: `<heat 1-5>:<the last row's inbound message id>`.
 * Anything else is refused here, never cast in SQL.
 */
const InboxCursor = z
  .string()
  .max(40)
  .regex(/^[1-5]:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'invalid_cursor: not a page cursor from this list (use the next link of the previous page)',
  });

export const InboxFilterSchema = z.object({
  tag: z.preprocess(blankToUndefined, z.enum(SENTIMENT_TAGS, { message: `the tag is one of ${SENTIMENT_TAGS.join(', ')}` }).optional()),
  pending: z.preprocess(blankToUndefined, z.literal('1', { message: 'pending is 1 (only conversations with a draft to decide) or absent' }).optional()),
  after: z.preprocess(blankToUndefined, InboxCursor.optional()),
});
export type InboxFilter = z.infer<typeof InboxFilterSchema>;

/** A person's edit of the draft before approving it: the text as it will be sent. */
export const ApproveDraftSchema = z.object({
  body: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.trim().length > 0, { message: 'the message is empty: write the answer, or reject the draft' })
    .refine((v) => v === undefined || v.trim().length <= 1600, { message: 'the message has at most 1600 characters' }),
  subject: z.string().max(998, { message: 'the subject has at most 998 characters' }).optional(),
});
export type ApproveDraftInput = z.infer<typeof ApproveDraftSchema>;

export const RejectDraftSchema = z.object({
  reason: z.preprocess(blankToUndefined, z.string().trim().max(500, { message: 'the reason has at most 500 characters' }).optional()),
});

/** One row of public.inbox_conversations, with the assignee's name. */
export interface Conversation {
  account_id: string;
  lead_id: string;
  lead_name: string | null;
  company_name: string | null;
  lead_phone: string | null;
  lead_email: string | null;
  lead_status: string;
  lead_state: string;
  assigned_user_id: string | null;
  assigned_to: string | null;
  inbound_message_id: string;
  channel: string;
  body: string | null;
  subject: string | null;
  received_at: Date;
  sentiment_tag: SentimentTag | null;
  sentiment_source: string | null;
  sentiment_reason: string | null;
  sentiment_confidence: number | null;
  last_outbound_at: Date | null;
  draft_id: string | null;
  draft_channel: string | null;
  draft_sentiment_tag: string | null;
  draft_body: string | null;
  draft_subject: string | null;
  draft_confidence: number | null;
  draft_confidence_reason: string | null;
  draft_auto_send_action: string | null;
  draft_auto_send_reason: string | null;
  draft_created_at: Date | null;
  approved_draft_id: string | null;
  approved_draft_by: string | null;
  approved_draft_send_after: Date | null;
  approved_draft_touch_status: string | null;
  /** A person asked for the pending draft to be written again; the model has not answered yet. */
  draft_regenerating: boolean;
  heat: number;
}

export interface InboxPage {
  rows: Conversation[];
  /** Cursor for the next page, null at the end. */
  next: string | null;
}

/** What waits for an answer, in numbers, and the first few (Command OS's "what needs my reply?"). */
export interface PendingReplies {
  waiting: number;
  with_draft: number;
  top: Pick<Conversation, 'lead_id' | 'lead_name' | 'lead_phone' | 'lead_email' | 'channel' | 'sentiment_tag' | 'received_at' | 'draft_id'>[];
}

export async function pendingReplies(tx: TransactionSql, limit = 5): Promise<PendingReplies> {
  const [counts] = await tx<{ waiting: number; with_draft: number }[]>`
    select count(*)::int as waiting, count(*) filter (where c.draft_id is not null)::int as with_draft
    from public.inbox_conversations c`;
  const page = await listConversations(tx, {}, limit);
  return {
    waiting: counts!.waiting,
    with_draft: counts!.with_draft,
    top: page.rows.map((r) => ({
      lead_id: r.lead_id, lead_name: r.lead_name, lead_phone: r.lead_phone, lead_email: r.lead_email,
      channel: r.channel, sentiment_tag: r.sentiment_tag, received_at: r.received_at, draft_id: r.draft_id,
    })),
  };
}

/** One page of the Inbox: newest and hottest first (heat, then newest reply), filtered by tag and "a draft to decide". */
export async function listConversations(tx: TransactionSql, f: InboxFilter, pageSize = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const [afterHeat, afterMessage] = f.after ? (f.after.split(':') as [string, string]) : [null, null];
  const rows = await tx<Conversation[]>`
    select c.*, u.name as assigned_to
    from public.inbox_conversations c
    left join public.account_people() u on u.user_id = c.assigned_user_id
    where true
      ${f.tag ? tx`and c.sentiment_tag = ${f.tag}` : tx``}
      ${f.pending ? tx`and c.draft_id is not null` : tx``}
      ${
        afterMessage
          ? tx`and (c.heat > ${Number(afterHeat)}::int
                    or (c.heat = ${Number(afterHeat)}::int
                        and (c.received_at, c.inbound_message_id)
                            < (select m.received_at, m.id from public.inbound_messages m where m.id = ${afterMessage}::uuid)))`
          : tx``
      }
    order by c.heat, c.received_at desc, c.inbound_message_id desc
    limit ${pageSize + 1}`;
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.heat}:${last.inbound_message_id}` : null };
}

/** One lead's conversation as the Inbox shows it; null when it no longer waits for an answer (or is not the caller's). */
export async function loadConversation(tx: TransactionSql, leadId: string): Promise<Conversation | null> {
  const [row] = await tx<Conversation[]>`
    select c.*, u.name as assigned_to
    from public.inbox_conversations c
    left join public.account_people() u on u.user_id = c.assigned_user_id
    where c.lead_id = ${leadId}::uuid`;
  return row ?? null;
}

/** Where a draft stands now: its status and its touch's (for "Queued" / "Sent" after a decision). */
export interface DraftState {
  draft_id: string;
  lead_id: string;
  channel: string;
  status: 'pending' | 'approved' | 'rejected' | 'sent';
  decided_by: string | null;
  decision_reason: string | null;
  send_after: Date | null;
  touch_run_id: string | null;
  touch_status: string | null;
  touch_scheduled_at: Date | null;
}

export async function loadDraftState(tx: TransactionSql, draftId: string): Promise<DraftState | null> {
  const [row] = await tx<DraftState[]>`
    select d.id as draft_id, d.lead_id, d.channel::text as channel, d.status, d.decided_by, d.decision_reason, d.send_after,
           d.touch_run_id, t.status as touch_status, t.scheduled_at as touch_scheduled_at
    from public.ai_drafts d
    left join public.touch_runs t on t.id = d.touch_run_id and t.account_id = d.account_id
    where d.id = ${draftId}::uuid`;
  return row ?? null;
}

export interface ApproveResult {
  outcome: 'approved' | 'already_approved' | 'already_sent' | 'rejected_suppressed';
  draft_id: string;
  touch_run_id?: string | null;
  decided_by?: string;
  reason?: string;
}

/** The console's actor for a draft decision (ai_drafts.decided_by). */
export function draftActor(userId: string): string {
  return `user:${userId}`;
}

/**
 * A person approves a draft (public.approve_ai_draft), optionally edited: its
 * message is queued once through the dispatch path. Approving again answers
 * already_approved / already_sent and queues nothing.
 */
export async function approveDraft(
  tx: TransactionSql,
  draftId: string,
  by: { userId: string; accountId: string },
  edit: ApproveDraftInput = {},
): Promise<ApproveResult> {
  const [r] = await tx<{ result: ApproveResult }[]>`
    select public.approve_ai_draft(${draftId}::uuid, ${draftActor(by.userId)}, ${by.userId}::uuid,
                                   ${edit.body ?? null}, ${edit.subject ?? null}, ${by.accountId}::uuid) as result`;
  return r!.result;
}

export interface RejectResult {
  outcome: 'rejected' | 'already_rejected';
  draft_id: string;
}

/** A person rejects a draft (public.reject_ai_draft); an auto-send not yet taken by the dispatcher is stopped. */
export async function rejectDraft(tx: TransactionSql, draftId: string, userId: string, reason: string | null = null): Promise<RejectResult> {
  const [r] = await tx<{ result: RejectResult }[]>`
    select public.reject_ai_draft(${draftId}::uuid, ${draftActor(userId)}, ${userId}::uuid, ${reason}) as result`;
  return r!.result;
}

export interface RegenerateResult {
  outcome: 'requested' | 'already_requested';
  draft_id: string;
}

/** Asks the model to write the pending draft again (public.request_ai_draft_regeneration; the ai_draft_regenerate job does it). */
export async function regenerateDraft(tx: TransactionSql, draftId: string, userId: string): Promise<RegenerateResult> {
  const [r] = await tx<{ result: RegenerateResult }[]>`
    select public.request_ai_draft_regeneration(${draftId}::uuid, ${draftActor(userId)}) as result`;
  return r!.result;
}

export interface DraftError {
  status: 400 | 404 | 409;
  code: string;
  message: string;
}

interface PgError {
  code?: string;
  message?: string;
  detail?: string;
}

const TEMPLATE_PROBLEMS = new Set(['unknown_template_variable', 'invalid_template_placeholder', 'missing_lead_data']);

function sentence(s: string): string {
  const t = s.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * What a refused decision means to the person who clicked (approve_ai_draft's and
 * reject_ai_draft's documented errors); null for anything else (then it is ours: 500).
 */
export function describeDraftError(error: unknown): DraftError | null {
  const e = error as PgError;
  if (!e || typeof e.code !== 'string') return null;
  const detail = e.detail ?? '';
  if (e.code === 'P0002' && e.message === 'draft_not_found') {
    return { status: 404, code: 'draft_not_found', message: 'This draft is not in this workspace: nothing was sent.' };
  }
  if (e.code === '55000' && e.message === 'draft_rejected') {
    return { status: 409, code: 'draft_rejected', message: `Not sent: ${detail || 'this draft was rejected; write a new message instead'}.`.replace(/\.\.$/, '.') };
  }
  if (e.code === '55000' && e.message === 'draft_already_sending') {
    return { status: 409, code: 'draft_already_sending', message: `Too late to reject: ${detail || 'its message is on its way or was sent'}.`.replace(/\.\.$/, '.') };
  }
  if (e.code === '55000' && e.message === 'draft_not_pending') {
    return { status: 409, code: 'draft_not_pending', message: sentence(detail || 'Only a pending draft can be written again') };
  }
  if (e.code === '22023' && e.message && TEMPLATE_PROBLEMS.has(e.message)) {
    return { status: 400, code: e.message, message: `Not sent: ${detail}`.replace(/\.?$/, '.') };
  }
  if (e.code === '22023') return { status: 400, code: e.message ?? 'invalid_argument', message: sentence(detail || 'That input is not valid') };
  if (e.code === '54000') return { status: 409, code: e.message ?? 'limit_reached', message: sentence(detail || 'A limit was reached') };
  return null;
}
