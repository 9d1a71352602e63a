/**
 * The Command OS panel's answer: the message, a confirm button when the reply
 * asks for one, a setup hint, term/value lists of flat data and a table of
 * `data.rows`. Hono JSX escapes all of it.
 */
import type { FC } from 'hono/jsx';
import type { CommandResult } from '../../api/command-os/schema.ts';
import { Table } from '../ui.tsx';

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

const ResultTable: FC<{ rows: Record<string, unknown>[] }> = ({ rows }) => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 12);
  return (
    <Table class="cos-table">
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
    </Table>
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
      {rows.length ? <ResultTable rows={rows} /> : null}
    </div>
  );
};
