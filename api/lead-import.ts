/**
 * CSV lead import for the console, mounted at /api/imports behind requireSession
 * (session, tenant transaction and CSRF come from there):
 *
 *   POST /      multipart/form-data (field `file`; optional `campaign_id`, `source`,
 *               `default_country`) or a text/csv body (options in the query string,
 *               `file_name` too) → 202 {id, status: queued, columns, ignored_columns}
 *   GET  /:id   progress: counts, percent and the first 100 rejected rows with reasons
 *   GET  /      the account's recent imports
 *
 * The request only checks the file (size, text, a header with a phone or email
 * column, at least one row) and stores it with public.create_lead_import, whose
 * insert queues the import_leads job; the rows are read, judged and imported by
 * that job (worker/tasks/import_leads.ts). A refused upload writes nothing.
 * The checks and SQL calls are api/domain/imports.ts, which the console page calls too.
 */
import { Hono } from 'hono';
import { MAX_IMPORT_BYTES } from '../lib/lead-csv.ts';
import { log } from '../lib/log.ts';
import { can, type ConsoleEnv } from './auth.ts';
import { createImport, importStatus, listImports, type ImportFile } from './domain/imports.ts';

export type { ImportProgressResponse, ImportSummary } from './domain/imports.ts';

/**
 * Largest request body worth reading: the file limit plus room for the multipart
 * envelope. Mount `bodyLimit({ maxSize: IMPORT_BODY_LIMIT })` before requireSession
 * on /api/imports, since requireSession reads multipart bodies for the CSRF field.
 */
export const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES + 1024 * 1024;

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'application/vnd.ms-excel'];

export function leadImportRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.post('/', async (c) => {
    const session = c.get('session');
    if (!can(session.role, 'leads.import')) {
      log('PERMISSION_DENIED', { path: c.req.path, role: session.role, permission: 'leads.import' }, 'warn');
      return c.json({ error: 'forbidden', reason: `your role (${session.role}) may not import leads` }, 403);
    }
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > IMPORT_BODY_LIMIT) {
      return c.json({ error: 'invalid_file', reason: `the file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MiB limit` }, 400);
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let file: ImportFile;
    let options: Record<string, string | undefined>;
    if (type === 'multipart/form-data') {
      const form = await c.req.parseBody();
      const upload = form.file;
      if (!(upload instanceof File)) {
        return c.json({ error: 'invalid_file', reason: 'choose a CSV file (form field "file")' }, 400);
      }
      file = { name: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) };
      const field = (name: string) => {
        const v = form[name];
        return typeof v === 'string' && v.trim() !== '' ? v : undefined;
      };
      options = { campaign_id: field('campaign_id'), source: field('source'), default_country: field('default_country') };
    } else if (CSV_TYPES.includes(type)) {
      file = { name: c.req.query('file_name') ?? 'upload.csv', bytes: new Uint8Array(await c.req.arrayBuffer()) };
      const q = (name: string) => c.req.query(name) || undefined;
      options = { campaign_id: q('campaign_id'), source: q('source'), default_country: q('default_country') };
    } else {
      return c.json({ error: 'invalid_file', reason: 'send the file as multipart/form-data (field "file") or as a text/csv body' }, 400);
    }
    const result = await createImport(c.get('db'), session, file, options);
    if (!result.ok) return c.json({ error: result.error, reason: result.reason }, result.httpStatus);
    const { ok: _ok, ...body } = result;
    return c.json(body, 202);
  });

  app.get('/', async (c) => {
    const limit = Number(c.req.query('limit') ?? 20);
    const imports = await listImports(c.get('db'), Number.isInteger(limit) ? Math.min(Math.max(limit, 1), 100) : 20);
    return c.json({ imports });
  });

  app.get('/:id', async (c) => {
    const status = await importStatus(c.get('db'), c.req.param('id'));
    if (!status) return c.json({ error: 'not_found', reason: 'no such import in this workspace' }, 404);
    return c.json(status);
  });

  return app;
}
