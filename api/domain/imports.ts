/**
 * CSV lead imports: check and store an upload (public.create_lead_import, whose
 * insert queues the import_leads job), one import's progress and the recent
 * imports. Each operation is one SQL call in the session's tenant transaction.
 */
import { z } from 'zod';
import { checkLeadCsv, DEFAULT_IMPORT_SOURCE, type LeadCsvField } from '../../lib/lead-csv.ts';
import { log } from '../../lib/log.ts';
import { can, type ConsoleEnv, type Session } from '../auth.ts';

/** Runs a callback in the session's tenant transaction (ConsoleEnv's `db`). */
export type TenantDb = ConsoleEnv['Variables']['db'];


const Uuid = z.string().uuid();
const Timestamp = z.string().describe('ISO 8601 timestamp');

export const ImportStatusName = z.enum(['queued', 'running', 'done', 'failed']);

export const ImportErrorResponse = z.object({
  error: z.string().describe('stable code: forbidden, invalid_file, invalid_import, campaign_not_found, not_found, ...'),
  reason: z.string().describe('a sentence for the operator'),
});

export const CreateImportResponse = z.object({
  id: Uuid,
  status: ImportStatusName,
  columns: z.record(z.string(), z.string()).describe('lead field → header column it is read from'),
  ignored_columns: z.array(z.string()).describe('header columns that are not lead fields'),
});

export const ImportReject = z.object({
  row: z.number().int().describe('row in the file; the header is row 1'),
  reasons: z.array(z.string()),
});

export const ImportProgressResponse = z.object({
  id: Uuid,
  file_name: z.string(),
  status: ImportStatusName,
  rows_total: z.number().int().nullable().describe('data rows in the file; null until the job has read it'),
  rows_done: z.number().int(),
  rows_imported: z.number().int().describe('rows that created a lead'),
  rows_duplicate: z.number().int().describe('rows that matched an existing lead (also one earlier in the file)'),
  rows_rejected: z.number().int(),
  leads_enrolled: z.number().int(),
  percent: z.number().int().min(0).max(100),
  campaign_id: Uuid.nullable(),
  source: z.string(),
  error: z.string().nullable(),
  created_at: Timestamp,
  started_at: Timestamp.nullable(),
  finished_at: Timestamp.nullable(),
  updated_at: Timestamp,
  rejects: z.array(ImportReject).describe('the first 100 rejected rows, in file order'),
});

export const ImportSummary = z.object({
  id: Uuid,
  file_name: z.string(),
  status: ImportStatusName,
  rows_total: z.number().int().nullable(),
  rows_done: z.number().int(),
  rows_imported: z.number().int(),
  rows_duplicate: z.number().int(),
  rows_rejected: z.number().int(),
  leads_enrolled: z.number().int(),
  percent: z.number().int().min(0).max(100),
  error: z.string().nullable(),
  created_by: Uuid.nullable(),
  created_at: Timestamp,
  finished_at: Timestamp.nullable(),
});

export const ImportListResponse = z.object({ imports: z.array(ImportSummary) });

/** Options of an upload (form fields, or query parameters with a text/csv body). */
export const ImportOptions = z.object({
  campaign_id: Uuid.nullish().describe('enroll the imported leads in this campaign'),
  source: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'source must be 1 to 40 lower-case letters, digits or _')
    .nullish()
    .describe(`lead source for rows without one (default ${DEFAULT_IMPORT_SOURCE})`),
  default_country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'default_country must be an ISO 3166-1 alpha-2 code such as US or MX')
    .nullish()
    .describe('country for national phone numbers of rows without a country (default US)'),
});
export type ImportOptions = z.input<typeof ImportOptions>;

export type CreateImportResponse = z.infer<typeof CreateImportResponse>;
export type ImportProgressResponse = z.infer<typeof ImportProgressResponse>;
export type ImportSummary = z.infer<typeof ImportSummary>;

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export type CreateImportResult =
  | ({ ok: true } & CreateImportResponse)
  | { ok: false; httpStatus: 400 | 403; error: string; reason: string };

/** "C:\fakepath\leads.csv" → "leads.csv"; control characters out; at most 255 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'upload.csv';
}

function refused(httpStatus: 400 | 403, error: string, reason: string): CreateImportResult {
  return { ok: false, httpStatus, error, reason };
}

interface PgError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

/**
 * Checks and stores an uploaded CSV and queues its import. Refusals (role, file,
 * options) come back as `{ok: false, httpStatus, error, reason}` with nothing written.
 */
export async function createImport(
  db: TenantDb,
  session: Session,
  file: ImportFile,
  options: ImportOptions = {},
): Promise<CreateImportResult> {
  if (!can(session.role, 'leads.import')) {
    return refused(403, 'forbidden', `your role (${session.role}) may not import leads`);
  }
  const opts = ImportOptions.safeParse(options);
  if (!opts.success) return refused(400, 'invalid_options', opts.error.issues.map((i) => i.message).join('; '));
  const checked = checkLeadCsv(file.bytes);
  if (!checked.ok) {
    log('LEAD_IMPORT_REFUSED', { account_id: session.accountId, bytes: file.bytes.length, reason: checked.reason }, 'warn');
    return refused(400, 'invalid_file', checked.reason);
  }
  let row: { id: string; status: 'queued' } | undefined;
  try {
    [row] = await db((tx) => tx<{ id: string; status: 'queued' }[]>`
      select i.id, i.status from public.create_lead_import(
        p_created_by => ${session.userId}::uuid,
        p_file_name => ${cleanFileName(file.name)},
        p_content => ${checked.text},
        p_content_bytes => ${file.bytes.length}::int,
        p_columns => ${checked.columns}::text[],
        p_column_map => ${tx.json(checked.map as Record<string, number>)}::jsonb,
        p_delimiter => ${checked.delimiter},
        p_source => ${opts.data.source ?? DEFAULT_IMPORT_SOURCE},
        p_default_country => ${opts.data.default_country ?? 'US'},
        p_campaign_id => ${opts.data.campaign_id ?? null}::uuid) i`);
  } catch (error) {
    // The SQL's refusals: message is a stable code, detail a sentence (never lead data).
    const e = error as PgError;
    const code = typeof e.message === 'string' ? e.message : 'refused';
    const reason = typeof e.detail === 'string' && e.detail ? e.detail : code;
    if (e.code === '22023' || e.code === 'P0002') return refused(400, code, reason);
    if (e.code === '42501') return refused(403, code, reason);
    throw error;
  }
  const id = row!.id;
  const columns = Object.fromEntries(
    (Object.entries(checked.map) as [LeadCsvField, number][]).map(([field, index]) => [field, checked.columns[index]!]),
  );
  log('LEAD_IMPORT_QUEUED', {
    account_id: session.accountId,
    import_id: id,
    bytes: file.bytes.length,
    encoding: checked.encoding,
    delimiter: checked.delimiter,
    fields: Object.keys(columns),
  });
  return { ok: true, id, status: 'queued', columns, ignored_columns: checked.ignored };
}

/** One import's progress, or null when it does not exist in the session's account. */
export async function importStatus(db: TenantDb, id: string): Promise<ImportProgressResponse | null> {
  if (!Uuid.safeParse(id).success) return null;
  const [row] = await db((tx) => tx<{ status: unknown }[]>`select public.lead_import_status(${id}::uuid, 100) as status`);
  return row?.status ? ImportProgressResponse.parse(row.status) : null;
}

/** The account's most recent imports, newest first. */
export async function listImports(db: TenantDb, limit = 20): Promise<ImportSummary[]> {
  const [row] = await db((tx) => tx<{ imports: unknown }[]>`select public.list_lead_imports(${limit}::int) as imports`);
  return z.array(ImportSummary).parse(row?.imports ?? []);
}
