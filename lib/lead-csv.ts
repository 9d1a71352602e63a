/**
 * Leads in CSV files: which column is which (the header, matched case-insensitively
 * and without accents, with common English and Spanish aliases), how a file is
 * checked before it is stored, how the stored file is read back as a stream of
 * records, and how one row becomes a find_or_create_lead lead or a list of reasons.
 * The rules for a lead's fields are lib/lead-row.ts's, the same as the intake API's.
 *
 * CSV itself is read by csv-parse (RFC 4180: quoted fields with doubled quotes,
 * delimiters and line breaks inside quotes, CRLF, LF or CR line ends, a leading
 * byte-order mark), set up to be lenient where spreadsheets are sloppy: a quote
 * inside an unquoted field is kept as text, text after a closing quote is appended
 * to the field, and rows may have any number of fields (the row reader judges
 * that). A quoted field that is never closed is an error, because it would swallow
 * the rest of the file.
 */
import { Readable } from 'node:stream';
import { CsvError as CsvParseError, parse, type InfoField, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { z } from 'zod';
import { leadInputSchema } from './lead-row.ts';
import type { CountryCode } from './phone.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;
export const DEFAULT_IMPORT_SOURCE = 'csv_import';

export const LEAD_CSV_FIELDS = [
  'first_name',
  'last_name',
  'full_name',
  'company_name',
  'phone',
  'email',
  'city',
  'region',
  'postal_code',
  'country',
  'source',
  'external_id',
  'phone_line_type',
  'timezone',
] as const;
export type LeadCsvField = (typeof LEAD_CSV_FIELDS)[number];

/** Header names (normalised: lower case, no accents, words joined by _) that mean each field. */
const ALIASES: Record<LeadCsvField, readonly string[]> = {
  first_name: ['first_name', 'firstname', 'first', 'given_name', 'forename', 'nombre', 'nombres', 'primer_nombre'],
  last_name: ['last_name', 'lastname', 'last', 'surname', 'family_name', 'apellido', 'apellidos'],
  full_name: ['full_name', 'fullname', 'name', 'contact_name', 'nombre_completo', 'cliente'],
  company_name: ['company_name', 'company', 'business', 'business_name', 'organization', 'organisation', 'empresa', 'negocio'],
  phone: [
    'phone', 'phone_number', 'phonenumber', 'mobile', 'mobile_phone', 'mobile_number', 'cell', 'cell_phone', 'cellphone',
    'telephone', 'tel', 'whatsapp', 'telefono', 'numero_de_telefono', 'celular', 'movil',
  ],
  email: ['email', 'e_mail', 'email_address', 'mail', 'correo', 'correo_electronico', 'correo_e'],
  city: ['city', 'town', 'ciudad', 'municipio'],
  region: ['region', 'state', 'province', 'county', 'estado', 'provincia', 'departamento'],
  postal_code: ['postal_code', 'postcode', 'zip', 'zip_code', 'zipcode', 'codigo_postal', 'cp'],
  country: ['country', 'country_code', 'pais', 'codigo_pais'],
  source: ['source', 'lead_source', 'fuente', 'origen'],
  external_id: ['external_id', 'id', 'lead_id', 'crm_id', 'record_id', 'contact_id', 'customer_id'],
  phone_line_type: ['phone_line_type', 'line_type', 'phone_type'],
  timezone: ['timezone', 'time_zone', 'tz', 'zona_horaria'],
};

const FIELD_BY_NAME = new Map<string, LeadCsvField>(
  LEAD_CSV_FIELDS.flatMap((field) => ALIASES[field].map((name) => [name, field] as const)),
);

/** "E-mail Address " → "e_mail_address"; "Teléfono" → "telefono". */
export function normalizeHeaderName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Lead field → zero-based column index. */
export const ColumnMap = z.partialRecord(z.enum(LEAD_CSV_FIELDS), z.number().int().min(0));
export type ColumnMap = z.infer<typeof ColumnMap>;

export type HeaderResult =
  | { ok: true; columns: string[]; map: ColumnMap; ignored: string[] }
  | { ok: false; reason: string };

export function mapHeader(fields: readonly string[]): HeaderResult {
  const columns = fields.map((f) => f.trim());
  const map: ColumnMap = {};
  const ignored: string[] = [];
  for (const [index, column] of columns.entries()) {
    const field = FIELD_BY_NAME.get(normalizeHeaderName(column));
    if (!field) {
      if (column !== '') ignored.push(column);
      continue;
    }
    const previous = map[field];
    if (previous !== undefined) {
      return { ok: false, reason: `columns "${columns[previous]}" and "${column}" both mean ${field}; keep one of them` };
    }
    map[field] = index;
  }
  if (map.phone === undefined && map.email === undefined) {
    const known = Object.keys(map);
    return {
      ok: false,
      reason:
        'the first row must be a header with a phone or an email column (e.g. first_name,last_name,phone,email,city,country)' +
        (known.length ? `; recognised only: ${known.join(', ')}` : '; no column name was recognised'),
    };
  }
  return { ok: true, columns, map, ignored };
}

export interface CheckedFile {
  text: string;
  encoding: string;
  delimiter: CsvDelimiter;
  columns: string[];
  map: ColumnMap;
  ignored: string[];
}

export type CheckFileResult = ({ ok: true } & CheckedFile) | { ok: false; reason: string };

/**
 * What the upload request checks before anything is stored: size, that it is text,
 * and that its header names a phone or email column and at least one row follows.
 * The rows themselves are read and judged by the job.
 */
export function checkLeadCsv(bytes: Uint8Array): CheckFileResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (bytes.length > MAX_IMPORT_BYTES) {
    return { ok: false, reason: `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MiB` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === '') return { ok: false, reason: 'the file is empty' };
  const delimiter = detectDelimiter(decoded.text);
  let records;
  try {
    records = parseCsv(decoded.text, { delimiter, maxRecords: 50 });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, reason: error.message };
    throw error;
  }
  const header = records[0];
  if (!header || isBlankRecord(header.fields)) return { ok: false, reason: 'the first row must be a header; it is blank' };
  const mapped = mapHeader(header.fields);
  if (!mapped.ok) return mapped;
  if (records.length < 50 && records.slice(1).every((r) => isBlankRecord(r.fields))) {
    return { ok: false, reason: 'the file has a header but no rows' };
  }
  return { ok: true, text: decoded.text, encoding: decoded.encoding, delimiter, columns: mapped.columns, map: mapped.map, ignored: mapped.ignored };
}

export interface RowDefaults {
  source: string;
  country: CountryCode;
}

export type RowResult = { ok: true; lead: Record<string, unknown> } | { ok: false; reasons: string[] };

/** "Facebook Ads" → "facebook_ads": a source cell becomes a valid lead source. */
export function sourceSlug(value: string): string {
  return normalizeHeaderName(value).slice(0, 40).replace(/_+$/, '');
}

/**
 * Turns the rows of one file into leads or reasons. Built once per import: the
 * defaults (source, country for national phone numbers) are the import's.
 */
export function leadRowReader(columnCount: number, map: ColumnMap, defaults: RowDefaults): (fields: readonly string[]) => RowResult {
  const schema = leadInputSchema({ source: defaults.source, phoneCountry: defaults.country });
  const entries = Object.entries(map) as [LeadCsvField, number][];
  return (fields) => {
    // Spreadsheets sometimes add empty cells at the end of a row; anything else is a broken row.
    const extra = fields.slice(columnCount);
    if (fields.length < columnCount || extra.some((f) => f.trim() !== '')) {
      return { ok: false, reasons: [`has ${fields.length} fields; the header has ${columnCount}`] };
    }
    const raw: Record<string, string> = {};
    for (const [field, index] of entries) {
      const value = (fields[index] ?? '').trim();
      if (value !== '') raw[field] = value;
    }
    if (raw.full_name !== undefined) {
      // A single name column: the first word is the first name, the rest the last name.
      if (raw.first_name === undefined && raw.last_name === undefined) {
        const [first, ...rest] = raw.full_name.split(/\s+/);
        raw.first_name = first!;
        if (rest.length) raw.last_name = rest.join(' ');
      }
      delete raw.full_name;
    }
    if (raw.source !== undefined) {
      const slug = sourceSlug(raw.source);
      if (slug === '') delete raw.source;
      else raw.source = slug;
    }
    const reasons: string[] = [];
    if (raw.phone === undefined && raw.email === undefined) reasons.push('no phone or email: a lead needs at least one');
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reasons.push(`${issue.path.map(String).join('.') || 'row'}: ${issue.message}`);
    }
    if (reasons.length || !parsed.success) return { ok: false, reasons };
    return { ok: true, lead: parsed.data };
  };
}

/** A row as stored with its reject: fields in header order, at most 100 of them, each cut at 500 characters. */
export function rawRow(fields: readonly string[]): string[] {
  return fields.slice(0, 100).map((f) => (f.length > 500 ? f.slice(0, 500) + '…' : f));
}

// ---------------------------------------------------------------------------
// Reading CSV: csv-parse, whole (the upload's first rows) or streaming (the job).

export interface CsvRecord {
  /** Position in the file, 1-based: the header is row 1 (a record spanning lines is one row). */
  row: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export type CsvDelimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

const BOM = 0xfeff;

const CSV_BASE_OPTIONS = {
  record_delimiter: ['\r\n', '\n', '\r'],
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: false,
} satisfies Options;

/**
 * csv-parse's options. With relax_quotes csv-parse keeps a field like `"x"y` as
 * written, quotes included; we read it as a spreadsheet does, `xy`. Such a field
 * always starts with a quote, so only a record with a field that starts with one is
 * looked at again: its raw text is parsed once more with a cast that sees each
 * field's raw text (slow, so only for those records), which tells a closing quote
 * followed by text from a field that merely starts with an escaped quote
 * (`"""x"""` → `"x"`).
 */
function csvParseOptions(delimiter: CsvDelimiter): Options {
  return {
    ...CSV_BASE_OPTIONS,
    delimiter,
    raw: true,
    on_record: (value: unknown) => {
      const { record, raw } = value as { record: string[]; raw?: string };
      return raw !== undefined && record.some((f) => f.charCodeAt(0) === 0x22) ? reparseRecord(raw, delimiter) ?? record : record;
    },
  };
}

/** One record's raw text parsed again, each quoted field with text after its closing quote read as quoted part + text. */
function reparseRecord(raw: string, delimiter: CsvDelimiter): string[] | undefined {
  let fieldStart = 0;
  const records = parseSync(raw, {
    ...CSV_BASE_OPTIONS,
    delimiter,
    raw: true,
    cast: (value: string, context: InfoField): string => {
      // context.raw is the record's text up to and including the character that ended this field.
      const seen = context.raw ?? '';
      const start = context.index === 0 ? 0 : fieldStart;
      fieldStart = seen.length;
      return context.quoting && value.startsWith('"') ? textAfterClosingQuote(value, seen, start) : value;
    },
    on_record: (value: unknown) => (value as { record: string[] }).record,
  });
  return records.length === 1 ? records[0] : undefined;
}

/** A quoted field's value when text followed its closing quote: the quoted part unescaped, then that text. */
function textAfterClosingQuote(value: string, raw: string, start: number): string {
  if (raw.charCodeAt(start) !== 0x22) return value;
  let quoted = '';
  let i = start + 1;
  for (;;) {
    const q = raw.indexOf('"', i);
    if (q === -1) return value;
    quoted += raw.slice(i, q);
    if (raw.charCodeAt(q + 1) !== 0x22) break;
    quoted += '"';
    i = q + 2;
  }
  // A clean quoted field is exactly its unescaped content; csv-parse's relaxed one is `"` + content + `"` + rest.
  return value === quoted ? value : quoted + value.slice(quoted.length + 2);
}

/** csv-parse's error as ours: the row it is in (header = 1) and a sentence for the operator. */
function csvError(error: unknown): unknown {
  if (!(error instanceof CsvParseError)) return error;
  const records = typeof error.records === 'number' ? error.records : 0;
  const row = records + 1;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return new CsvError(`row ${row}: a quoted field is never closed (a " is missing)`, row);
  return new CsvError(`row ${row}: ${error.message}`, row);
}

export interface ParseCsvOptions {
  delimiter?: CsvDelimiter;
  /** Stop after this many records (the request reads only the header and a first row). */
  maxRecords?: number;
}

/** Records of a text held whole, up to maxRecords of them (the upload check reads the first 50). */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRecord[] {
  let rows: string[][];
  try {
    rows = parseSync(text, { ...csvParseOptions(options.delimiter ?? ','), ...(options.maxRecords ? { to: options.maxRecords } : {}) });
  } catch (error) {
    throw csvError(error);
  }
  return rows.map((fields, i) => ({ row: i + 1, fields }));
}

/** Largest piece of text handed to the parser at once: it bounds how many records one write yields. */
export const CSV_FEED_CHARS = 64 * 1024;

/** Pieces cut to at most CSV_FEED_CHARS, never between the two halves of a surrogate pair. */
async function* feed(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const piece of pieces) {
    let i = 0;
    while (i < piece.length) {
      let end = Math.min(i + CSV_FEED_CHARS, piece.length);
      const last = piece.charCodeAt(end - 1);
      if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end--;
      yield piece.slice(i, end);
      i = end;
    }
  }
}

/**
 * Records of a text that arrives in pieces (the stored upload, read a piece at a
 * time), parsed as they are pulled: the source is read only as far as the records
 * consumed need, so a file's rows are never all in memory at once. Pieces must
 * not split a character. Throws CsvError for a file that cannot be read.
 */
export async function* readCsvRecords(pieces: AsyncIterable<string>, options: { delimiter: CsvDelimiter }): AsyncGenerator<CsvRecord> {
  const parser = parse(csvParseOptions(options.delimiter));
  const source = Readable.from(feed(pieces), { objectMode: false });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let row = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, fields };
    }
  } catch (error) {
    throw csvError(error);
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** A record of only empty or blank fields (a blank line, or a row of empty cells). */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/**
 * The delimiter that splits the header line into the most fields (comma on a tie):
 * spreadsheets in many locales export with semicolons, and "Unicode text" with tabs.
 * Delimiters inside quotes do not count.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = text.charCodeAt(0) === BOM ? 1 : 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export type DecodedText = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * Bytes of an uploaded file as text: UTF-8 (a byte-order mark is dropped), UTF-16
 * with a byte-order mark, else Windows-1252 (what older Excel versions write).
 * Refuses what is clearly not a text file.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, reason: 'this looks like an Excel workbook or another zip file; save the sheet as CSV and upload that' };
  }
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') {
    return { ok: false, reason: 'this is a PDF, not a CSV file' };
  }
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes);
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes);
    encoding = 'utf-16be';
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'windows-1252';
    }
  }
  if (text.includes('\u0000')) {
    return { ok: false, reason: 'this is not a text file (it contains binary data); export the sheet as CSV' };
  }
  return { ok: true, text, encoding };
}
