/**
 * The OpenAI fallback of Command OS (seed 001 "Local Dev — OpenAI env +
 * fallbacks"): asked only when no rule matches and a key is set.
 *
 * The key is OPENAI_API_KEY, else OPEN_AI_KEY, else the legacy OPEN_API_KEY
 * (worker/providers.ts reads them; the base URL is OPENAI_BASE_URL). The model
 * is OPENAI_TEXT_MODEL (default gpt-4.1-mini, as the voice gateway's).
 *
 * The reply is structured output (a JSON schema with the intent names as an
 * enum, strict) and is validated again with zod here: the model can only
 * choose among the known intents and their argument shapes. Any failure
 * (timeout, HTTP error, a reply outside the schema, "unknown") is reported as
 * a reason, and the caller answers with the list of what can be asked. The
 * user's text is sent to OpenAI but never logged.
 */
import OpenAI from 'openai';
import { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import type { KeyRing } from '../../lib/secrets.ts';
import { loadProviderConfig, type OpenAiConfig } from '../../worker/providers.ts';
import { INTENTS, IntentArgsSchema, LEAD_STATES, NEXT_ACTIONS, type IntentArgs, type ParsedIntent } from './intents.ts';

export const DEFAULT_COMMAND_OS_MODEL = 'gpt-4.1-mini';
export const DEFAULT_COMMAND_OS_LLM_TIMEOUT_MS = 8000;

export interface LlmConfig {
  apiKey: string;
  /** Which variable the key came from (a name, never the value). */
  apiKeySource: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

const text = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().optional());

const LlmEnvSchema = z.object({
  OPENAI_TEXT_MODEL: text.refine((v) => v === undefined || /^[A-Za-z0-9._:-]{1,100}$/.test(v), { message: 'must be a model name' }),
  COMMAND_OS_LLM_TIMEOUT_MS: text.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 200 && Number(v) <= 30_000), {
    message: 'must be a whole number of milliseconds between 200 and 30000',
  }),
});

/** The Command OS model settings, given the OpenAI settings already loaded; null without a key. */
export function llmConfigFrom(
  openai: OpenAiConfig,
  env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env,
): LlmConfig | null {
  if (!openai.apiKey) return null;
  const parsed = LlmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid Command OS environment: ${problems}`);
  }
  return {
    apiKey: openai.apiKey,
    apiKeySource: openai.apiKeySource ?? 'OPENAI_API_KEY',
    ...(openai.baseUrl ? { baseURL: openai.baseUrl } : {}),
    model: parsed.data.OPENAI_TEXT_MODEL ?? DEFAULT_COMMAND_OS_MODEL,
    timeoutMs: parsed.data.COMMAND_OS_LLM_TIMEOUT_MS === undefined ? DEFAULT_COMMAND_OS_LLM_TIMEOUT_MS : Number(parsed.data.COMMAND_OS_LLM_TIMEOUT_MS),
  };
}

/** Reads the environment once (worker/providers.ts's OpenAI lookup); null when no key is set. */
export function loadLlmConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): LlmConfig | null {
  return llmConfigFrom(loadProviderConfig(env).openai, env);
}

/** What the model must answer: one of the intents (or unknown), the language, and every argument (null when absent). */
export const LlmReplySchema = z.object({
  intent: z.enum([...INTENTS, 'unknown']),
  lang: z.enum(['es', 'en']),
  args: z.object({
    city: z.string().max(60).nullable(),
    campaign: z.string().max(200).nullable(),
    lead: z.string().max(200).nullable(),
    active: z.boolean().nullable(),
    source: z.string().max(40).nullable(),
    state: z.enum(LEAD_STATES).nullable(),
    next_action: z.enum(NEXT_ACTIONS).nullable(),
  }),
});
export type LlmReply = z.infer<typeof LlmReplySchema>;

/** The JSON schema sent as response_format (strict: every property required, nothing else allowed). */
export function llmJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(LlmReplySchema, { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

const SYSTEM_PROMPT = [
  'You map an operator\'s message (Spanish or English) for Revenue OS, an outbound sales engine, to exactly one command.',
  'Commands:',
  '- system.status: overall health.',
  '- campaign.list: outbound campaigns (args.active true/false to filter on/off). Craigslist, LeadGen and autopilot are programs, not campaigns.',
  '- campaign.toggle: switch one campaign on (active=true) or off (active=false); args.campaign = its key or name.',
  '- campaign.toggle.bulk: switch all campaigns; "pause all running" is active=false.',
  '- program.list: LeadGen programs. program.status: one program; args.city = the Craigslist city.',
  '- lead.list: leads by priority; optional args.source, args.state, args.next_action.',
  '- lead.inspect / lead.next_action / lead.suppress: one lead; args.lead = its id, email, phone or name.',
  '- lead.why: why a lead gets its next action (the rule and inputs); args.lead.',
  '- system.changes: what changed today (touches, replies, opt-outs, new leads, campaign switches).',
  '- inbox.pending: which conversations wait for a reply (the Inbox), "what needs my reply", "qué tengo pendiente".',
  '- lead.enroll: put a lead (args.lead) in a campaign (args.campaign).',
  '- craigslist.cto.start / craigslist.cto.stop: start or stop Craigslist lead hunting in args.city.',
  '- autos.activate / autos.deactivate: the autos funnel for args.city.',
  'If the message asks for none of these, answer intent "unknown". Set lang to the message\'s language.',
  'Set every argument the message does not give to null. Never invent ids, emails or phones.',
].join('\n');

export type LlmFailure = 'timeout' | 'http_error' | 'invalid_reply' | 'unknown_intent' | 'error';
export type LlmOutcome = { ok: true; parsed: ParsedIntent } | { ok: false; reason: LlmFailure };

export interface LlmParser {
  parse(text: string): Promise<LlmOutcome>;
}

function toArgs(reply: LlmReply): IntentArgs | null {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(reply.args)) if (v !== null) raw[k] = v;
  const parsed = IntentArgsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function failure(reason: LlmFailure, extra: Record<string, unknown> = {}): LlmOutcome {
  log('COMMAND_OS_LLM_FAILED', { reason, ...extra }, 'warn');
  return { ok: false, reason };
}

export function createLlmParser(config: LlmConfig): LlmParser {
  const client = new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
  const schema = llmJsonSchema();
  return {
    async parse(userText: string): Promise<LlmOutcome> {
      let content: string | null | undefined;
      try {
        const completion = await client.chat.completions.create(
          {
            model: config.model,
            temperature: 0,
            messages: [
              { role: 'system', content: SYSTEM_PROMPT },
              { role: 'user', content: userText },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'command_os_intent', strict: true, schema },
            },
          },
          { timeout: config.timeoutMs, maxRetries: 0 },
        );
        content = completion.choices[0]?.message?.content;
      } catch (error) {
        if (error instanceof OpenAI.APIConnectionTimeoutError) return failure('timeout');
        if (error instanceof OpenAI.APIError) return failure(error.status ? 'http_error' : 'error', { status: error.status ?? null });
        return failure('error', { error: (error as Error).name });
      }
      if (typeof content !== 'string') return failure('invalid_reply', { why: 'no content' });
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        return failure('invalid_reply', { why: 'not json' });
      }
      const reply = LlmReplySchema.safeParse(json);
      if (!reply.success) return failure('invalid_reply', { why: 'schema', paths: reply.error.issues.map((i) => i.path.join('.')) });
      if (reply.data.intent === 'unknown') return { ok: false, reason: 'unknown_intent' };
      const args = toArgs(reply.data);
      if (!args) return failure('invalid_reply', { why: 'args' });
      return { ok: true, parsed: { intent: reply.data.intent, args, lang: reply.data.lang } };
    },
  };
}

// --- phrasing (seed 001's assistant phrasing) ------------------------------------

/**
 * With a key, a rule-based answer is re-phrased by the model from the answer's
 * own data, so it reads like an assistant. The model may change words, never
 * facts: a rephrasing is used only when every number in it appears in the data
 * or the rule-based text, and every name the rule-based text carries (keys,
 * emails, phones, quoted words) is still there. Numbers inside ids or
 * timestamps of the data do not count as numbers the model may use. Otherwise, and on any failure,
 * the rule-based text stays.
 */
export interface Phraser {
  rephrase(input: { lang: 'es' | 'en'; message: string; data: Record<string, unknown> | undefined }): Promise<string | null>;
}

export const RephraseReplySchema = z.object({ text: z.string().min(1).max(2000) });

const REPHRASE_PROMPT = [
  'You rewrite one answer of Revenue OS, an outbound sales engine, for the operator who asked, in the given language (es or en).',
  'You get the rule-based answer and the data it came from. Write one or two short, friendly sentences with the same facts.',
  'Never change, round, add or drop a number; never change or translate a name, key, email, phone or code. Do not add advice.',
  'Answer JSON: {"text": "..."}.',
].join('\n');

/** Numbers as written: "12", "3.5", "2026-12-05" gives 2026, 12, 05. */
export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)?/g) ?? [];
}

/** Names the rule-based text carries that must survive: snake_case keys, emails, phones, quoted words. */
export function namesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) names.add(m[0]);
  for (const m of text.matchAll(/\+\d{7,15}/g)) names.add(m[0]);
  for (const m of text.matchAll(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/g)) names.add(m[0]);
  for (const m of text.matchAll(/"([^"]{1,80})"/g)) names.add(m[1]!);
  return [...names];
}

/** Does the rephrased text keep every number (from the data or the rule text) and every name of the rule text? */
export function keepsFacts(ruleText: string, data: unknown, rephrased: string): boolean {
  const known = new Set([...numbersIn(ruleText), ...dataNumbers(data)].map(canonicalNumber));
  if (!numbersIn(rephrased).every((n) => known.has(canonicalNumber(n)))) return false;
  return namesIn(ruleText).every((name) => rephrased.includes(name));
}

/** The data's numeric values (numbers, and strings that are only a number); ids and timestamps inside strings are not numbers. */
function dataNumbers(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'number' && Number.isFinite(value)) out.push(String(value));
  else if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) dataNumbers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) dataNumbers(v, out);
  return out;
}

function canonicalNumber(n: string): string {
  const v = Number(n.replace(',', '.'));
  return Number.isFinite(v) ? String(v) : n;
}

/** The data sent to the model: the answer's fields, with at most 20 table rows. */
function dataForModel(data: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!data) return {};
  const rows = Array.isArray(data.rows) ? data.rows.slice(0, 20) : undefined;
  return rows ? { ...data, rows } : data;
}

export function createPhraser(config: LlmConfig): Phraser {
  const client = new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: 0,
  });
  const schema = z.toJSONSchema(RephraseReplySchema, { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return {
    async rephrase({ lang, message, data }) {
      let content: string | null | undefined;
      try {
        const completion = await client.chat.completions.create(
          {
            model: config.model,
            temperature: 0,
            messages: [
              { role: 'system', content: REPHRASE_PROMPT },
              { role: 'user', content: JSON.stringify({ lang, answer: message, data: dataForModel(data) }) },
            ],
            response_format: { type: 'json_schema', json_schema: { name: 'command_os_rephrase', strict: true, schema } },
          },
          { timeout: config.timeoutMs, maxRetries: 0 },
        );
        content = completion.choices[0]?.message?.content;
      } catch (error) {
        const status = error instanceof OpenAI.APIError ? (error.status ?? null) : null;
        log('COMMAND_OS_REPHRASE_FAILED', { reason: error instanceof OpenAI.APIConnectionTimeoutError ? 'timeout' : 'error', status }, 'warn');
        return null;
      }
      let json: unknown;
      try {
        json = JSON.parse(content ?? '');
      } catch {
        log('COMMAND_OS_REPHRASE_FAILED', { reason: 'invalid_reply' }, 'warn');
        return null;
      }
      const reply = RephraseReplySchema.safeParse(json);
      if (!reply.success) {
        log('COMMAND_OS_REPHRASE_FAILED', { reason: 'invalid_reply' }, 'warn');
        return null;
      }
      if (!keepsFacts(message, data, reply.data.text)) {
        log('COMMAND_OS_REPHRASE_REJECTED', { reason: 'facts_changed' }, 'warn');
        return null;
      }
      return reply.data.text;
    },
  };
}

/** The model to ask for one account: its own OpenAI key, or null to use the environment's. */
export type AccountLlm = (accountId: string) => Promise<{ parser: LlmParser | null; phraser: Phraser | null } | null>;

/**
 * Command OS with each account's own OpenAI key (stored on the settings page),
 * looked up at most every ttlMs per account; the parser is rebuilt only when
 * the stored key changed. Accounts without one get null (the environment's
 * key, if any). A stored key that does not open gives rules only, never
 * another key.
 */
export function createAccountLlm(options: {
  sql: Sql;
  keyRing: KeyRing;
  openai: OpenAiConfig;
  /** The environment's settings (model, time-out) when it has a key. */
  base: LlmConfig | null;
  ttlMs?: number;
}): AccountLlm {
  const ttlMs = options.ttlMs ?? 30_000;
  const cache = new Map<string, { checkedAt: number; updatedAt: number | null; value: { parser: LlmParser | null; phraser: Phraser | null } | null }>();
  return async (accountId) => {
    const hit = cache.get(accountId);
    if (hit && Date.now() - hit.checkedAt < ttlMs) return hit.value;
    let stored;
    try {
      stored = await loadCredentials(options.sql, options.keyRing, accountId, 'openai');
    } catch (error) {
      log('COMMAND_OS_LLM_KEY_UNREADABLE', { account_id: accountId, error: (error as Error).name }, 'warn');
      const value = { parser: null, phraser: null };
      cache.set(accountId, { checkedAt: Date.now(), updatedAt: null, value });
      return value;
    }
    if (!stored) {
      cache.set(accountId, { checkedAt: Date.now(), updatedAt: null, value: null });
      return null;
    }
    const updatedAt = stored.updatedAt.getTime();
    if (hit?.value && hit.updatedAt === updatedAt) {
      cache.set(accountId, { ...hit, checkedAt: Date.now() });
      return hit.value;
    }
    const config: LlmConfig = {
      model: options.base?.model ?? DEFAULT_COMMAND_OS_MODEL,
      timeoutMs: options.base?.timeoutMs ?? DEFAULT_COMMAND_OS_LLM_TIMEOUT_MS,
      ...(options.openai.baseUrl ? { baseURL: options.openai.baseUrl } : {}),
      apiKey: stored.value.api_key,
      apiKeySource: 'account',
    };
    const value = { parser: createLlmParser(config), phraser: createPhraser(config) };
    cache.set(accountId, { checkedAt: Date.now(), updatedAt, value });
    return value;
  };
}
