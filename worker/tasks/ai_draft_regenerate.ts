/**
 * Writes a pending AI draft again when a person asked for it (the console's Regenerate,
 * public.request_ai_draft_regeneration; seed 003 §10): the model drafts from the lead's
 * last 80 messages and scores the new text, and brain.replace_ai_draft keeps it only if
 * the draft is still pending. A regenerated draft always waits for a person. Without a
 * key, or when the model fails for good, the request is dropped and the old text stays
 * (logged AI_DRAFT_REGENERATE_FAILED); a time-out, 429 or 5xx retries the job.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import type { SentimentTag, TranscriptEntry } from '../inbox/model.ts';

const Payload = z.object({ ai_draft_id: z.string().uuid() });

interface Context {
  account_id: string;
  status: string;
  requested: boolean;
  tag: SentimentTag;
  channel: string;
  subject: string | null;
  reply_subject: string | null;
  reply: string | null;
  transcript: TranscriptEntry[];
  plan: { persona?: { name?: string; tone?: string; signature?: string }; business_name?: string };
}

export function aiDraftRegenerate(deps: WorkerDeps): Task {
  return async (rawPayload, helpers) => {
    const { ai_draft_id: id } = Payload.parse(rawPayload);
    const [row] = await deps.sql<{ c: Context | null }[]>`
      select pg_catalog.jsonb_build_object(
               'account_id', d.account_id, 'status', d.status, 'requested', d.regenerate_requested_at is not null,
               'tag', d.sentiment_tag, 'channel', d.channel, 'subject', d.subject, 'reply_subject', m.subject,
               'reply', pg_catalog.left(m.body, 4000),
               'transcript', brain.reply_transcript(d.lead_id, m.received_at, 80),
               'plan', brain.ai_draft_plan(m.id)) as c
      from public.ai_drafts d
      join public.inbound_messages m on m.id = d.inbound_message_id and m.account_id = d.account_id
      where d.id = ${id}`;
    const c = row?.c;
    if (!c || c.status !== 'pending' || !c.requested) {
      log('AI_DRAFT_REGENERATE_SKIPPED', { ai_draft_id: id, reason: !c ? 'missing' : c.status !== 'pending' ? c.status : 'not_requested' });
      return;
    }
    const drop = async (reason: string) => {
      // The request ends; the old text stays for the person to edit, approve or reject.
      await deps.sql`select brain.replace_ai_draft(${id}, null, null, null, ${reason}, null)`;
      log('AI_DRAFT_REGENERATE_FAILED', { ai_draft_id: id, reason }, 'warn');
    };
    let model;
    try {
      model = deps.inbox ? await deps.inbox.models(c.account_id) : null;
    } catch (error) {
      return drop(`key_unreadable:${(error as Error).name}`);
    }
    if (!model) return drop('no_key');
    const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
    const base = { channel: c.channel, subject: c.subject ?? c.reply_subject, body: c.reply, transcript: c.transcript, businessName: c.plan.business_name ?? null };
    const persona = {
      name: c.plan.persona?.name ?? c.plan.business_name ?? 'The team',
      tone: c.plan.persona?.tone ?? null,
      signature: c.plan.persona?.signature ?? null,
      business: c.plan.business_name ?? null,
    };
    const drafted = await model.draft({ ...base, tag: c.tag, persona });
    if (!drafted.ok) {
      if (drafted.retryable && !lastAttempt) throw new Error(`model ${drafted.reason}, retrying`);
      return drop(`draft_failed:${drafted.reason}`);
    }
    const scored = await model.evaluate({ ...base, tag: c.tag, draft: drafted.value });
    if (!scored.ok && scored.retryable && !lastAttempt) throw new Error(`model ${scored.reason}, retrying`);
    const [done] = await deps.sql<{ replaced: boolean }[]>`
      select brain.replace_ai_draft(${id}, ${drafted.value.body}, ${drafted.value.subject},
                                    ${scored.ok ? scored.value.confidence : null},
                                    ${scored.ok ? scored.value.reason : `evaluator failed: ${scored.reason}`}, ${drafted.model}) as replaced`;
    log('AI_DRAFT_REGENERATED', { ai_draft_id: id, replaced: done!.replaced });
  };
}
