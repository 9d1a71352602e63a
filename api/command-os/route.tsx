/**
 * `POST /api/command-os` (mounted by api/app.ts behind requireSession, which
 * also enforces CSRF).
 *
 *  - JSON `{ text, confirm? }` → JSON CommandResult; 400 { error, reason } on bad input.
 *  - A form post (the htmx chat box; field `text`, optional `confirm`) → a
 *    small HTML fragment: the message, a confirm button when the reply asks
 *    for one, a setup hint, and a table of `data.rows`
 *    (views/components/command-result.tsx). Hono JSX escapes all of it.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { runCommand } from './index.ts';
import { createLlmParser, createPhraser, type AccountLlm, type LlmConfig, type LlmParser, type Phraser } from './llm.ts';
import { CommandRequestSchema, type CommandResult } from './schema.ts';
import { CommandResultView } from '../../views/components/command-result.tsx';

export interface CommandOsRouteOptions {
  /** OpenAI fallback settings (llm.ts loadLlmConfig); null or absent: rules only. */
  llm?: LlmConfig | null;
  /** A ready parser instead of settings (tests). */
  llmParser?: LlmParser | null;
  /** A ready phraser instead of settings (tests); by default the same settings as the fallback. */
  phraser?: Phraser | null;
  /** Each account's own OpenAI key (llm.ts createAccountLlm); accounts without one use the above. */
  accountLlm?: AccountLlm;
}

const TRUE = new Set(['1', 'true', 'on', 'yes']);

function fragment(c: Context<ConsoleEnv>, result: CommandResult, status: 200 | 400 = 200) {
  return c.html(<CommandResultView result={result} action={c.req.path} csrfToken={c.get('session').csrfToken} />, status);
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function commandOsRoutes(options: CommandOsRouteOptions = {}): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const envLlm = options.llmParser ?? (options.llm ? createLlmParser(options.llm) : null);
  const envPhraser = options.phraser !== undefined ? options.phraser : options.llm ? createPhraser(options.llm) : null;

  app.post('/', async (c) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const ctx = { session: c.get('session'), db: c.get('db') };
    const own = options.accountLlm ? await options.accountLlm(ctx.session.accountId) : null;
    const llm = own ? own.parser : envLlm;
    const phraser = own ? own.phraser : envPhraser;

    if (type.includes('application/json')) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: 'invalid_request' as const, reason: 'the body is not valid JSON' }, 400);
      }
      const parsed = CommandRequestSchema.safeParse(body);
      if (!parsed.success) return c.json({ error: 'invalid_request' as const, reason: firstIssue(parsed.error) }, 400);
      const result = await runCommand(ctx, parsed.data.text, { confirm: parsed.data.confirm === true, llm, phraser });
      return c.json(result);
    }

    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const form = await c.req.parseBody();
      const rawConfirm = typeof form.confirm === 'string' ? form.confirm.trim().toLowerCase() : '';
      const parsed = CommandRequestSchema.safeParse({
        text: typeof form.text === 'string' ? form.text : undefined,
        ...(rawConfirm ? { confirm: TRUE.has(rawConfirm) } : {}),
      });
      if (!parsed.success) {
        const reason = firstIssue(parsed.error);
        return fragment(
          c,
          { intent: 'unknown', ok: false, lang: 'en', message: reason, error: { code: 'invalid_request', reason } },
          400,
        );
      }
      const result = await runCommand(ctx, parsed.data.text, { confirm: parsed.data.confirm === true, llm, phraser });
      return fragment(c, result);
    }

    return c.json({ error: 'invalid_request' as const, reason: 'send JSON {"text": "..."} or a form with a text field' }, 400);
  });

  return app;
}
