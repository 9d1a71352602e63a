/**
 * Leads in CSV files: which column is which (the header, matched case-insensitively
 * and without accents, with common English and Spanish aliases), how a file is
 * checked before it is stored, and how one row becomes a find_or_create_lead lead
 * or a list of reasons. The rules for a lead's fields are lib/lead-row.ts's, the
 * same as the intake API's.
 */
import { z } from 'zod';
import { CsvError, decodeText, detectDelimiter, isBlankRecord, parseCsv, type CsvDelimiter } from './csv.ts';
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
