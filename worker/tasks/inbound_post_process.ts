/**
 * The AI stage of every inbound message (issue 17, seed 003 §8), queued once per message
 * by the database. SQL decides; this task only calls the model:
 *   1. brain.begin_reply_understanding: a message already classified is not classified
 *      again; the rules (consent → Blacklist, bounce, out of office, automatic reply,
 *      plain not interested) tag it without a model call; with no key it is Neutral.
 *   2. Otherwise the model tags it (structured output), and brain.record_reply_sentiment
 *      records that, once. A model that fails for good (a refused request, an answer
 *      outside the schema, or the last attempt) leaves it Neutral, with the reason.
 *   3. When the plan wants a draft (Interested, Meeting Requested, Follow Up, a lead not
 *      suppressed, …), the model writes it and scores it, and brain.record_ai_draft
 *      records it and decides auto-send. A failure to score leaves the draft for review.
 *   4. The model's answer or refused key is recorded for the account's OpenAI integration
 *      health (brain.record_integration_health: a 401/403 alerts at most once a day).
 * A transient model failure (time-out, 429, 5xx) throws, so graphile-worker retries the
 * job; what was recorded stays recorded, and the retry picks up where it stopped.
 */
import type { JobHelpers, Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import type { Draft, ModelResult, Persona, ReplyModel, SentimentTag, TranscriptEntry } from '../inbox/model.ts';

const Payload = z.object({ inbound_message_id: z.string().uuid() });

interface Plan {
  wanted: boolean;
  reason?: string;
  draft_id?: string;
  tag?: SentimentTag;
  channel: string;
  subject?: string;
  persona?: { name?: string; tone?: string; signature?: string };
  business_name?: string;
}

interface Classified {
  state: 'classified';
  already: boolean;
  recorded: boolean;
  tag: SentimentTag;
  source: string;
  plan: Plan;
}

interface NeedsLlm {
  state: 'needs_llm';
  message: { id: string; lead_id: string; account_id: string; channel: string; subject?: string; body?: string; received_at: string };
  transcript: TranscriptEntry[];
}

type Begin = Classified | NeedsLlm | { state: 'missing' };

/** Thrown to have graphile-worker run the job again (a transient model failure). */
class RetryLater extends Error {
  constructor(what: string, reason: string) {
    super(`${what}: model ${reason}, retrying`);
    this.name = 'RetryLater';
  }
}

function isLastAttempt(helpers: JobHelpers | undefined): boolean {
  const job = helpers?.job;
  return !job || job.attempts >= job.max_attempts;
}

/** A transient failure before the last attempt throws (the job runs again); otherwise the failure is answered. */
function settle<T>(result: ModelResult<T>, what: string, helpers: JobHelpers | undefined): ModelResult<T> {
  if (!result.ok && result.retryable && !isLastAttempt(helpers)) throw new RetryLater(what, result.reason);
  return result;
}

export function inboundPostProcess(deps: WorkerDeps): Task {
  return async (rawPayload, helpers) => {
    const { inbound_message_id: id } = Payload.parse(rawPayload);
    const [owner] = await deps.sql<{ account_id: string }[]>`select account_id from public.inbound_messages where id = ${id}`;
    if (!owner) {
      log('INBOUND_POST_PROCESSED', { inbound_message_id: id, outcome: 'missing' });
      return;
    }
    let model: ReplyModel | null = null;
    let keyProblem: string | null = null;
    try {
      model = deps.inbox ? await deps.inbox.models(owner.account_id) : null;
    } catch (error) {
      // A stored key that does not open is the account's problem to fix, never a reason to use another key.
      keyProblem = `the account's stored OpenAI key cannot be opened (${(error as Error).name})`;
    }

    const [begun] = await deps.sql<{ r: Begin }[]>`
      select brain.begin_reply_understanding(${id}, ${model !== null}) as r`;
    let result = begun!.r;
    if (result.state === 'missing') return;

    if (result.state === 'needs_llm') {
      const m = result.message;
      const raw = await model!.classify({ channel: m.channel, subject: m.subject ?? null, body: m.body ?? '', transcript: result.transcript });
      await noteOpenAiHealth(deps, owner.account_id, raw);
      const answer = settle(raw, 'classify', helpers);
      const [recorded] = answer.ok
        ? await deps.sql<{ r: Classified }[]>`
            select brain.record_reply_sentiment(${id}, ${answer.value.tag}, 'llm', ${answer.value.reason}, ${answer.value.confidence}) as r`
        : await deps.sql<{ r: Classified }[]>`
            select brain.record_reply_sentiment(${id}, 'Neutral', 'llm', ${`model failed: ${answer.reason}${answer.status ? ` (HTTP ${answer.status})` : ''}`}, null) as r`;
      result = { ...recorded!.r, state: 'classified', already: false };
    }
    if (keyProblem && result.state === 'classified' && result.recorded && result.source === 'no_key') {
      log('AI_INBOX_KEY_UNREADABLE', { account_id: owner.account_id, inbound_message_id: id }, 'warn');
      await deps.sql`select brain.record_integration_health(${owner.account_id}, 'openai', 'credentials_unreadable')`;
    }

    let draftOutcome: string = result.plan.wanted ? 'no_model' : 'not_wanted';
    if (result.plan.wanted && model && result.plan.tag) {
      draftOutcome = await writeDraft(deps, model, id, result.plan, helpers);
    }
    await deps.sql`select brain.record_inbound_post_process(${id})`;
    log('INBOUND_POST_PROCESSED', {
      inbound_message_id: id,
      tag: result.tag,
      source: result.source,
      first_run: !result.already,
      draft: draftOutcome,
    });
  };
}

/**
 * Integration health (issue 18): a refused key (HTTP 401/403) marks OpenAI failing for the
 * account, alerting once a day; an answer heals it. SQL decides what counts
 * (brain.record_integration_health); time-outs and rate limits are not a failing integration.
 */
async function noteOpenAiHealth(deps: WorkerDeps, accountId: string, result: ModelResult<unknown>): Promise<void> {
  const code = result.ok ? null : result.status ? `http_${result.status}` : null;
  if (!result.ok && code === null) return;
  await deps.sql`select brain.record_integration_health(${accountId}, 'openai', ${code})`;
}

/** Writes, scores and records the draft; answers what became of it (never its text). */
async function writeDraft(deps: WorkerDeps, model: ReplyModel, id: string, plan: Plan, helpers: JobHelpers | undefined): Promise<string> {
  const [context] = await deps.sql<{ message: { subject: string | null; body: string | null; received_at: string }; transcript: TranscriptEntry[] }[]>`
    select pg_catalog.jsonb_build_object('subject', m.subject, 'body', pg_catalog.left(m.body, 4000), 'received_at', m.received_at) as message,
           brain.reply_transcript(m.lead_id, m.received_at, 40) as transcript
    from public.inbound_messages m where m.id = ${id}`;
  if (!context) return 'missing';
  const tag = plan.tag!;
  const persona: Persona = {
    name: plan.persona?.name ?? plan.business_name ?? 'The team',
    tone: plan.persona?.tone ?? null,
    signature: plan.persona?.signature ?? null,
    business: plan.business_name ?? null,
  };
  const base = { channel: plan.channel, subject: plan.subject ?? context.message.subject, body: context.message.body, transcript: context.transcript, businessName: plan.business_name ?? null };
  const drafted = settle(await model.draft({ ...base, tag, persona }), 'draft', helpers);
  if (!drafted.ok) return `draft_failed:${drafted.reason}`;
  const draft: Draft = drafted.value;
  const scored = settle(await model.evaluate({ ...base, tag, draft }), 'evaluate', helpers);
  const [row] = await deps.sql<{ r: { created: boolean; action?: string; reason?: string } }[]>`
    select brain.record_ai_draft(${id}, ${draft.body}, ${draft.subject}, ${scored.ok ? scored.value.confidence : null},
                                 ${scored.ok ? scored.value.reason : `evaluator failed: ${scored.reason}`}, ${drafted.model},
                                 ${deps.inbox?.settings.autoSendDisabled ?? false}) as r`;
  const r = row!.r;
  return r.created ? (r.action ?? 'created') : `not_created`;
}
