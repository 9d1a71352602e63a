/**
 * import_leads {import_id}: queued by the database when a CSV is uploaded
 * (public.create_lead_import). Reads the stored file, judges each row by the intake
 * API's rules (lib/lead-row.ts), and hands the rows to brain.record_lead_import_chunk
 * in chunks: each chunk's leads, rejects and cursor commit together, so the progress
 * bar moves while it runs, and a retried job resumes after the last committed chunk
 * without importing a row twice or losing one.
 *
 * The file is never held whole: it is read from the database a piece at a time
 * (brain.read_lead_import_content) and parsed as a stream (csv-parse), twice: once
 * to count the rows (the limit, rows_total, a broken file) and once to import them
 * from the cursor on. At any moment the job holds one piece of the file and one chunk.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import {
  ColumnMap,
  CsvError,
  isBlankRecord,
  leadRowReader,
  MAX_IMPORT_ROWS,
  rawRow,
  readCsvRecords,
  type CsvDelimiter,
  type CsvRecord,
} from '../../lib/lead-csv.ts';
import { log } from '../../lib/log.ts';
import type { CountryCode } from '../../lib/phone.ts';
import type { WorkerDeps } from '../deps.ts';

const Payload = z.object({ import_id: z.string().uuid() });

export const IMPORT_CHUNK_ROWS = 500;
/** Characters of the stored file fetched per query: the job holds one piece of the file, never all of it. */
export const IMPORT_PIECE_CHARS = 1024 * 1024;

interface StartRow {
  account_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
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
  /** Characters of the stored file read per query. */
  pieceChars?: number;
  /** Called after each committed chunk (tests use it to crash between chunks). */
  afterChunk?: (progress: ImportProgress) => void | Promise<void>;
}

type ChunkItem =
  | { row: number; lead: Record<string, unknown>; raw: string[] }
  | { row: number; raw: string[]; reasons: string[] };

/** The stored file went away while it was read: the import was ended by another run. */
class StoredFileGone extends Error {}

/** The stored file, a piece at a time (brain.read_lead_import_content counts characters, as pieces never split one). */
async function* storedFile(sql: WorkerDeps['sql'], importId: string, pieceChars: number): AsyncGenerator<string> {
  for (let offset = 0; ; offset += pieceChars) {
    const [r] = await sql<{ piece: string | null }[]>`
      select brain.read_lead_import_content(${importId}, ${offset}, ${pieceChars}) as piece`;
    if (r?.piece == null) throw new StoredFileGone('the stored file is gone');
    if (r.piece === '') return;
    yield r.piece;
  }
}

/** The file's data rows (the header and blank lines are not rows), parsed as they are read. */
async function* dataRows(records: AsyncIterable<CsvRecord>): AsyncGenerator<CsvRecord> {
  for await (const r of records) if (r.row > 1 && !isBlankRecord(r.fields)) yield r;
}

export function importLeads(deps: Pick<WorkerDeps, 'sql'>, options: ImportLeadsOptions = {}): Task {
  const chunkSize = options.chunkSize ?? IMPORT_CHUNK_ROWS;
  const pieceChars = options.pieceChars ?? IMPORT_PIECE_CHARS;
  return async (rawPayload, helpers) => {
    const { import_id: importId } = Payload.parse(rawPayload);
    const started = Date.now();
    const [start] = await deps.sql<StartRow[]>`
      select account_id, status, delimiter, column_count, column_map, source, default_country, rows_total, rows_done
      from brain.start_lead_import(${importId})`;
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
    // Each pass streams the stored file from its start: rows are parsed as they are read.
    const rows = () => dataRows(readCsvRecords(storedFile(deps.sql, importId, pieceChars), { delimiter: start.delimiter }));

    try {
      // First pass: count the rows (and find a broken file) before importing any.
      let total = 0;
      try {
        for await (const _ of rows()) total++;
      } catch (error) {
        if (error instanceof CsvError) return await fail(`the file could not be read: ${error.message}`);
        throw error;
      }
      if (total > MAX_IMPORT_ROWS) {
        return await fail(
          `the file has ${total.toLocaleString('en-US')} rows; the limit is ${MAX_IMPORT_ROWS.toLocaleString('en-US')} — split it into smaller files`,
        );
      }
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

      // Second pass: skip the rows before the cursor, then one chunk at a time. When another
      // run has moved the cursor (a duplicated job), read the file again from there.
      let done = start.rows_done;
      pass: while (done < total) {
        const from = done;
        let index = 0;
        let chunk: ChunkItem[] = [];
        for await (const r of rows()) {
          if (index++ < from) continue;
          const result = read(r.fields);
          chunk.push(
            result.ok ? { row: r.row, lead: result.lead, raw: rawRow(r.fields) } : { row: r.row, raw: rawRow(r.fields), reasons: result.reasons },
          );
          if (chunk.length < chunkSize && index < total) continue;
          const [res] = await deps.sql<{ status: string; rows_done: number; applied: boolean }[]>`
            select * from brain.record_lead_import_chunk(
              ${importId}, ${done}, ${total}, ${deps.sql.json(chunk as unknown as Parameters<typeof deps.sql.json>[0])})`;
          if (!res || res.status !== 'running') {
            log('LEAD_IMPORT_ALREADY_ENDED', { import_id: importId, status: res?.status ?? null });
            return;
          }
          // Not applied: another run got here first; continue from its cursor.
          if (!res.applied) log('LEAD_IMPORT_CHUNK_SKIPPED', { import_id: importId, sent_from: done, resume_after: res.rows_done });
          const readTo = done + chunk.length;
          done = res.rows_done;
          chunk = [];
          await options.afterChunk?.({ importId, rowsDone: done, rowsTotal: total });
          if (done !== readTo) continue pass;
        }
        if (done < total) throw new Error(`the stored file ended after ${index} of ${total} rows`);
      }
      await deps.sql`select brain.finish_lead_import(${importId}, ${total})`;
      log('LEAD_IMPORT_DONE', { import_id: importId, account_id: start.account_id, rows_total: total, ms: Date.now() - started });
    } catch (error) {
      if (error instanceof StoredFileGone) {
        log('LEAD_IMPORT_ALREADY_ENDED', { import_id: importId, status: null });
        return;
      }
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
