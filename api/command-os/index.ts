/**
 * Command OS: `runCommand(ctx, text)` → CommandResult.
 *
 * 1. Rules (intents.ts), Spanish and English. They need no model: without a
 *    key, or with the model down, every rule-based command still works.
 * 2. Only when no rule matches, and a model is configured: the OpenAI
 *    fallback (llm.ts), which may choose only among the known intents. A
 *    read-only intent it chooses runs at once; a change never does: the reply
 *    asks to confirm with the canonical phrasing, which the rules parse when
 *    the user sends it back (so a model's guess never changes state by itself).
 * 3. Otherwise: a helpful answer listing what can be asked, in the user's language.
 * 4. With a model configured (a phraser), a successful answer is re-phrased from
 *    its data (seed 001's assistant phrasing), kept only when every number and
 *    name survives (llm.ts keepsFacts); otherwise the rule-based text stays.
 *
 * Logs one COMMAND_OS line per command (intent, parser, phrasing, outcome, role), never the text.
 */
import { log } from '../../lib/log.ts';
import { ACTIONS, type CommandContext } from './actions.ts';
import { canonicalText, capabilities, detectLang, isHelpRequest, MUTATING_INTENTS, parseIntent, type Lang, type ParsedIntent } from './intents.ts';
import type { LlmParser, Phraser } from './llm.ts';
import { t } from './messages.ts';
import type { CommandResult } from './schema.ts';

export type { CommandContext } from './actions.ts';
export type { CommandResult } from './schema.ts';

export interface RunCommandOptions {
  /** The request confirmed what a previous reply asked (API `confirm: true`). */
  confirm?: boolean;
  /** OpenAI fallback; absent or null: rules only. */
  llm?: LlmParser | null;
  /** Seed 001's assistant phrasing; absent or null: the rule-based text. */
  phraser?: Phraser | null;
}

/** What can be asked, as a CommandResult (unknown text, or "help"). */
export function helpResult(lang: Lang, why: 'help' | 'not_understood' = 'not_understood'): CommandResult {
  const caps = capabilities(lang);
  const intro = t(lang).helpIntro(why);
  return {
    intent: 'unknown',
    ok: why === 'help',
    lang,
    message: `${intro} ${caps.map((c) => `"${c.example}"`).join(', ')}.`,
    parsed_by: 'none',
    data: { rows: caps.map((c) => ({ intent: c.intent, example: c.example, description: c.description })) },
    ...(why === 'help' ? {} : { error: { code: 'not_understood', reason: 'no rule matched and the model offered no known intent' } }),
  };
}

async function execute(ctx: CommandContext, parsed: ParsedIntent, confirm: boolean): Promise<CommandResult> {
  const args = confirm ? { ...parsed.args, confirm: true } : parsed.args;
  return ACTIONS[parsed.intent](ctx, args, parsed.lang);
}

export async function runCommand(ctx: CommandContext, text: string, options: RunCommandOptions = {}): Promise<CommandResult> {
  const started = performance.now();
  const result = await phrase(await route(ctx, text, options), options.phraser ?? null);
  log('COMMAND_OS', {
    intent: result.intent,
    parsed_by: result.parsed_by ?? 'rules',
    phrased_by: result.phrased_by ?? 'rules',
    ok: result.ok,
    lang: result.lang,
    role: ctx.session.role,
    needs_confirmation: result.needs_confirmation !== undefined,
    needs_setup: result.needs_setup !== undefined,
    error_code: result.error?.code,
    ms: Math.round(performance.now() - started),
  });
  return result;
}

/**
 * A successful answer re-phrased by the model from its data (llm.ts Phraser),
 * only when every number and name survives; confirmations, refusals and help
 * keep the rule-based text, which stays exact.
 */
async function phrase(result: CommandResult, phraser: Phraser | null): Promise<CommandResult> {
  if (!phraser || !result.ok || result.intent === 'unknown' || result.needs_confirmation || result.needs_setup) return result;
  const text = await phraser.rephrase({ lang: result.lang, message: result.message, data: result.data });
  return text ? { ...result, message: text, phrased_by: 'model' } : { ...result, phrased_by: 'rules' };
}

async function route(ctx: CommandContext, text: string, options: RunCommandOptions): Promise<CommandResult> {
  const lang = detectLang(text);
  if (isHelpRequest(text)) return helpResult(lang, 'help');

  const parsed = parseIntent(text);
  if (parsed) return { ...(await execute(ctx, parsed, options.confirm === true)), parsed_by: 'rules' };

  if (!options.llm) return helpResult(lang);
  const outcome = await options.llm.parse(text);
  if (!outcome.ok) return helpResult(lang);
  const guess = outcome.parsed;
  if (MUTATING_INTENTS.has(guess.intent)) {
    const canonical = canonicalText(guess);
    const check = parseIntent(canonical);
    // The canonical phrasing must lead back to the same command, or the guess is not offered.
    if (!check || check.intent !== guess.intent) return helpResult(guess.lang);
    return {
      intent: guess.intent,
      ok: false,
      lang: guess.lang,
      parsed_by: 'llm',
      message: t(guess.lang).llmGuess(canonical),
      needs_confirmation: {
        prompt: t(guess.lang).llmGuessPrompt(canonical),
        confirm_text: canonical,
      },
    };
  }
  return { ...(await execute(ctx, guess, false)), parsed_by: 'llm' };
}
