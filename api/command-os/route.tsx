/**
 * `POST /api/command-os` (mounted by api/app.ts behind requireSession, which
 * also enforces CSRF).
 *
 *  - JSON `{ text, confirm? }` → JSON CommandResult; 400 { error, reason } on bad input.
 *  - A form post (the htmx chat box; field `text`, optional `confirm`) → a
 *    small HTML fragment: the message, a confirm button when the reply asks
 *    for one, a setup hint, and a table of `data.rows`. Hono JSX escapes all of it.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ConsoleEnv } from '../auth.ts';
import { runCommand } from './index.ts';
import { createLlmParser, createPhraser, type LlmConfig, type LlmParser, type Phraser } from './llm.ts';
import { CommandRequestSchema, type CommandResult } from './schema.ts';

export interface CommandOsRouteOptions {
  /** OpenAI fallback settings (llm.ts loadLlmConfig); null or absent: rules only. */
  llm?: LlmConfig | null;
  /** A ready parser instead of settings (tests). */
  llmParser?: LlmParser | null;
  /** A ready phraser instead of settings (tests); by default the same settings as the fallback. */
  phraser?: Phraser | null;
}

const TRUE = new Set(['1', 'true', 'on', 'yes']);

type Cell = string | number | boolean | null | undefined;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function rowsOf(result: CommandResult): Record<string, unknown>[] {
  const rows = result.data?.rows;
  if (!Array.isArray(rows)) return [];
  return rows.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r)).slice(0, 50);
}

const Table: FC<{ rows: Record<string, unknown>[] }> = ({ rows }) => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 12);
  return (
    <div class="cos-table-wrap">
      <table class="cos-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              {columns.map((c) => (
                <td>{cell(r[c] as Cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** Flat objects of data (a lead, its next action, a program's re-read state): shown as term/value lists. */
function detailsOf(result: CommandResult): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [key, value] of Object.entries(result.data ?? {})) {
    if (key === 'rows' || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length && entries.every(([, v]) => v === null || typeof v !== 'object' || v instanceof Date || Array.isArray(v))) {
      out.push([key, value as Record<string, unknown>]);
    }
  }
  return out.slice(0, 4);
}

const Details: FC<{ title: string; values: Record<string, unknown> }> = ({ title, values }) => (
  <details class="cos-details">
    <summary>{title.replace(/_/g, ' ')}</summary>
    <dl>
      {Object.entries(values)
        .slice(0, 30)
        .map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{cell(v)}</dd>
          </>
        ))}
    </dl>
  </details>
);

export const CommandResultView: FC<{ result: CommandResult; action: string; csrfToken: string }> = ({ result, action, csrfToken }) => {
  const rows = rowsOf(result);
  const tone = result.ok ? 'ok' : result.needs_confirmation || result.needs_setup ? 'warn' : 'error';
  return (
    <div class={`cos-result cos-${tone}`} data-intent={result.intent} data-ok={result.ok ? 'true' : 'false'} role="status">
      <p class="cos-message">{result.message}</p>
      {result.needs_setup ? (
        <p class="cos-setup">
          {result.lang === 'es' ? 'Falta configurar: ' : 'Setup needed: '}
          <code>{result.needs_setup.reason}</code>
        </p>
      ) : null}
      {result.needs_confirmation ? (
        <form class="cos-confirm" method="post" action={action} hx-post={action} hx-target="closest .cos-result" hx-swap="outerHTML">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="text" value={result.needs_confirmation.confirm_text} />
          <span>{result.needs_confirmation.prompt}</span>{' '}
          <button type="submit">{result.needs_confirmation.confirm_text}</button>
        </form>
      ) : null}
      {detailsOf(result).map(([title, values]) => (
        <Details title={title} values={values} />
      ))}
      {rows.length ? <Table rows={rows} /> : null}
    </div>
  );
};

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
  const llm = options.llmParser ?? (options.llm ? createLlmParser(options.llm) : null);
  const phraser = options.phraser !== undefined ? options.phraser : options.llm ? createPhraser(options.llm) : null;

  app.post('/', async (c) => {
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    const ctx = { session: c.get('session'), db: c.get('db') };

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
