/**
 * A small RFC 4180 CSV reader (no CSV library is installed, and this is all the
 * lead import needs): quoted fields with doubled quotes, delimiters and line breaks
 * inside quotes, CRLF, LF or CR line ends, a leading byte-order mark, and a comma,
 * semicolon or tab delimiter. It is lenient where spreadsheets are sloppy: a quote
 * inside an unquoted field is kept as text, and text after a closing quote is
 * appended to the field. A quoted field that is never closed is an error, because
 * it would swallow the rest of the file.
 */

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

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

export interface ParseCsvOptions {
  delimiter?: CsvDelimiter;
  /** Stop after this many records (the request reads only the header and a first row). */
  maxRecords?: number;
}

export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvRecord[] {
  const d = (options.delimiter ?? ',').charCodeAt(0);
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let row = 0;

  // Index of the next delimiter or line break at or after `from` (n when none).
  const fieldEnd = (from: number): number => {
    let k = from;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === d || c === LF || c === CR) break;
      k++;
    }
    return k;
  };

  while (i < n && records.length < maxRecords) {
    row++;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let out = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) throw new CsvError(`row ${row}: a quoted field is never closed (a " is missing)`, row);
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const k = fieldEnd(i);
        if (k > i) out += text.slice(i, k);
        i = k;
        value = out;
      } else {
        const k = fieldEnd(i);
        value = text.slice(i, k);
        i = k;
      }
      fields.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === d) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      break;
    }
    records.push({ row, fields });
  }
  return records;
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
