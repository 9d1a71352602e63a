/**
 * CSV import page: upload, then a live progress bar, and the recent imports.
 */
import type { FC } from 'hono/jsx';
import type { ImportProgressResponse, ImportSummary } from '../../api/domain/imports.ts';
import { Badge, Csrf, Empty, fmtNum, Guard, Notice, Table, Time } from '../ui.tsx';

export const ImportsPage: FC<{
  imports: ImportSummary[];
  campaigns: { id: string; name: string }[];
  csrf: string;
  canImport: boolean;
  notice?: { kind: 'ok' | 'error'; text: string };
}> = ({ imports, campaigns, csrf, canImport, notice }) => (
  <>
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <Guard allowed={canImport}>
      <form id="import-form" method="post" action="/imports" enctype="multipart/form-data" hx-post="/imports" hx-encoding="multipart/form-data" hx-target="#import-progress" hx-swap="innerHTML">
        <Csrf token={csrf} />
        <p class="muted">
          A CSV with a header row: first_name, last_name, phone, email, city, country, source, external_id (common aliases work).
          Each row needs a phone or an email. Duplicates of existing leads are matched, not created twice.
        </p>
        <div class="grid">
          <label>File<input type="file" name="file" accept=".csv,text/csv" required /></label>
          <label>Enroll in campaign (optional)
            <select name="campaign_id"><option value="">none</option>{campaigns.map((x) => <option value={x.id}>{x.name}</option>)}</select>
          </label>
        </div>
        <button type="submit">Upload and import</button>
      </form>
    </Guard>
    <div id="import-progress"></div>
    <h2>Recent imports</h2>
    <ImportList imports={imports} />
  </>
);

export const Progress: FC<{ p: ImportProgressResponse }> = ({ p }) => {
  const running = p.status === 'queued' || p.status === 'running';
  return (
    <article
      id="import-status"
      data-status={p.status}
      {...(running ? { 'hx-get': `/imports/${p.id}/progress`, 'hx-trigger': 'every 1s', 'hx-swap': 'outerHTML' } : {})}
    >
      <header>
        <strong>{p.file_name}</strong> <Badge value={p.status} />
      </header>
      <div class="progress-wrap">
        <progress value={p.percent} max={100} aria-label="Import progress"></progress>
        <small>
          {p.percent}% · {fmtNum(p.rows_done)} of {p.rows_total === null ? '…' : fmtNum(p.rows_total)} rows
        </small>
      </div>
      <p data-testid="import-counts">
        {fmtNum(p.rows_imported)} imported · {fmtNum(p.rows_duplicate)} duplicates · {fmtNum(p.rows_rejected)} rejected
        {p.leads_enrolled ? ` · ${fmtNum(p.leads_enrolled)} enrolled` : ''}
      </p>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      {p.rejects.length ? (
        <Table id="import-rejects">
          <thead><tr><th class="num">Row</th><th>Why it was rejected</th></tr></thead>
          <tbody>
            {p.rejects.map((r) => (
              <tr data-row={String(r.row)}><td class="num">{r.row}</td><td>{r.reasons.join('; ')}</td></tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </article>
  );
};

const ImportList: FC<{ imports: ImportSummary[] }> = ({ imports }) =>
  imports.length === 0 ? (
    <Empty>No imports yet.</Empty>
  ) : (
    <Table id="imports">
      <thead><tr><th>File</th><th>Status</th><th class="num">Rows</th><th class="num">Imported</th><th class="num">Duplicates</th><th class="num">Rejected</th><th>When</th></tr></thead>
      <tbody>
        {imports.map((i) => (
          <tr>
            <td><a href="#import-progress" hx-get={`/imports/${i.id}/progress`} hx-target="#import-progress">{i.file_name}</a></td>
            <td><Badge value={i.status} /></td>
            <td class="num">{i.rows_total === null ? '…' : fmtNum(i.rows_total)}</td>
            <td class="num">{fmtNum(i.rows_imported)}</td>
            <td class="num">{fmtNum(i.rows_duplicate)}</td>
            <td class="num">{fmtNum(i.rows_rejected)}</td>
            <td><Time at={i.created_at} /></td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
