/**
 * import_leads {import_id}: queued by the database when a CSV is uploaded
 * (public.create_lead_import). Reads the stored file, judges each row by the intake
 * API's rules (lib/lead-row.ts), and hands the rows to brain.record_lead_import_chunk
 * in chunks: each chunk's leads, rejects and cursor commit together, so the progress
 * bar moves while it runs, and a retried job resumes after the last committed chunk
 * without importing a row twice or losing one.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { CsvError, isBlankRecord, parseCsv, type CsvDelimiter } from '../../lib/csv.ts';
import { ColumnMap, leadRowReader, MAX_IMPORT_ROWS, rawRow } from '../../lib/lead-csv.ts';
import { log } from '../../lib/log.ts';
import type { CountryCode } from '../../lib/phone.ts';
import type { WorkerDeps } from '../deps.ts';

const Payload = z.object({ import_id: z.string().uuid() });

export const IMPORT_CHUNK_ROWS = 500;

interface StartRow {
  account_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  content: string | null;
  delimiter: CsvDelimiter;
  column_count: number;
  column_map: unknown;
  source: string;
  default_country: string;
  rows_total: number | null;
  rows_done: number;
}

export interface ImportProgress {
  importId: string;
  rowsDone: number;
  rowsTotal: number;
}

export interface ImportLeadsOptions {
  /** Rows per chunk (one transaction each). */
  chunkSize?: number;
  /** Called after each committed chunk (tests use it to crash between chunks). */
  afterChunk?: (progress: ImportProgress) => void | Promise<void>;
}

type ChunkItem =
  | { row: number; lead: Record<string, unknown>; raw: string[] }
  | { row: number; raw: string[]; reasons: string[] };

export function importLeads(deps: Pick<WorkerDeps, 'sql'>, options: ImportLeadsOptions = {}): Task {
  const chunkSize = options.chunkSize ?? IMPORT_CHUNK_ROWS;
  return async (rawPayload, helpers) => {
    const { import_id: importId } = Payload.parse(rawPayload);
    const started = Date.now();
    const [start] = await deps.sql<StartRow[]>`select * from brain.start_lead_import(${importId})`;
    if (!start) {
      log('LEAD_IMPORT_MISSING', { import_id: importId }, 'warn');
      return;
    }
    if (start.status !== 'running') {
      log('LEAD_IMPORT_ALREADY_ENDED', { import_id: importId, status: start.status });
      return;
    }
    const fail = async (error: string): Promise<void> => {
      await deps.sql`select brain.finish_lead_import(${importId}, null, ${error})`;
      log('LEAD_IMPORT_FAILED', { import_id: importId, account_id: start.account_id, error }, 'warn');
    };

    try {
      let records;
      try {
        records = parseCsv(start.content ?? '', { delimiter: start.delimiter });
      } catch (error) {
        if (error instanceof CsvError) return await fail(`the file could not be read: ${error.message}`);
        throw error;
      }
      const rows = records.slice(1).filter((r) => !isBlankRecord(r.fields));
      if (rows.length > MAX_IMPORT_ROWS) {
        return await fail(
          `the file has ${rows.length.toLocaleString('en-US')} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString('en-US')} — split it into smaller files`,
        );
      }
      const total = rows.length;
      const read = leadRowReader(start.column_count, ColumnMap.parse(start.column_map), {
        source: start.source,
        country: start.default_country as CountryCode,
      });
      log('LEAD_IMPORT_STARTED', {
        import_id: importId,
        account_id: start.account_id,
        rows_total: total,
        resume_after: start.rows_done,
        attempt: helpers.job.attempts,
      });

      let done = start.rows_done;
      while (done < total) {
        const chunk: ChunkItem[] = rows.slice(done, done + chunkSize).map((r) => {
          const result = read(r.fields);
          return result.ok
            ? { row: r.row, lead: result.lead, raw: rawRow(r.fields) }
            : { row: r.row, raw: rawRow(r.fields), reasons: result.reasons };
        });
        const [res] = await deps.sql<{ status: string; rows_done: number; applied: boolean }[]>`
          select * from brain.record_lead_import_chunk(
            ${importId}, ${done}, ${total}, ${deps.sql.json(chunk as unknown as Parameters<typeof deps.sql.json>[0])})`;
        if (!res || res.status !== 'running') {
          log('LEAD_IMPORT_ALREADY_ENDED', { import_id: importId, status: res?.status ?? null });
          return;
        }
        // Not applied: another run got here first; continue from its cursor.
        if (!res.applied) log('LEAD_IMPORT_CHUNK_SKIPPED', { import_id: importId, sent_from: done, resume_after: res.rows_done });
        done = res.rows_done;
        await options.afterChunk?.({ importId, rowsDone: done, rowsTotal: total });
      }
      await deps.sql`select brain.finish_lead_import(${importId}, ${total})`;
      log('LEAD_IMPORT_DONE', { import_id: importId, account_id: start.account_id, rows_total: total, ms: Date.now() - started });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      log(
        'LEAD_IMPORT_ERROR',
        { import_id: importId, attempt: helpers.job.attempts, max_attempts: helpers.job.max_attempts, code: typeof code === 'string' ? code : null, error: (error as Error).message },
        'warn',
      );
      // The last attempt: say so on the import instead of leaving it running forever.
      if (helpers.job.attempts >= helpers.job.max_attempts) {
        await fail(`the import stopped after ${helpers.job.attempts} attempts (${(error as Error).message}); rows already imported stay imported`);
      }
      throw error;
    }
  };
}
