/**
 * The Analytics page's numbers (issue 18; seed 003 §18): one SQL call,
 * public.analytics_page, which sums the v_*_v1 views an analyst reads over a
 * window in the account's time zone. Nothing is computed here; this module
 * names the tables and their columns (for the page and the CSV export) and
 * writes CSV.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { at, type Wire } from './wire.ts';

export const WINDOWS = ['7d', '30d', '90d', 'custom'] as const;
export type WindowKey = (typeof WINDOWS)[number];
export const TABS = ['overview', 'campaigns', 'sequences', 'channels', 'reactivation', 'attribution'] as const;
export type Tab = (typeof TABS)[number];

/** An empty form field is no value. */
const blank = (v: unknown) => (v === '' ? undefined : v);
/** A calendar date written YYYY-MM-DD (2026-02-30 is none). */
const isoDate = z.preprocess(
  blank,
  z.string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD')
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, 'no such date')
    .optional(),
);

/** The query string of /analytics and /analytics/export.csv. The window's rules are SQL's (public.analytics_window). */
export const AnalyticsQuerySchema = z.object({
  window: z.preprocess(blank, z.enum(WINDOWS).default('30d')),
  from: isoDate,
  to: isoDate,
  tab: z.preprocess(blank, z.enum(TABS).default('overview')),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

export type ColumnKind = 'text' | 'int' | 'rate' | 'time' | 'day';
export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
}

const c = (key: string, label: string, kind: ColumnKind = 'int'): Column => ({ key, label, kind });
const funnelColumns = [
  c('contacted', 'Contacted'), c('replied', 'Replied'), c('positive', 'Positive'), c('meeting', 'Meeting'), c('booked', 'Booked'),
  c('reply_rate', 'Reply rate', 'rate'), c('booking_rate', 'Booking rate', 'rate'),
];
const rateColumns = [
  c('touches_sent', 'Touches sent'), c('replied', 'Replied'), c('reply_rate', 'Reply rate', 'rate'), c('positive', 'Positive'),
  c('booked', 'Booked'), c('booking_rate', 'Booking rate', 'rate'),
];

/** Every table of the page, in the order of public.analytics_page's tables, with the columns it shows and exports. */
export const TABLES = {
  funnel: [c('stage', 'Stage', 'text'), c('leads', 'Leads'), c('share_of_contacted', 'Of contacted', 'rate')],
  daily: [c('day', 'Day', 'day'), c('contacted', 'Contacted'), c('replied', 'Replied'), c('positive', 'Positive'), c('meeting', 'Meeting'), c('booked', 'Booked')],
  funnel_campaigns: [c('campaign', 'Campaign', 'text'), ...funnelColumns],
  funnel_sequences: [c('sequence', 'Sequence', 'text'), ...funnelColumns],
  rates_channels: [c('channel', 'Channel', 'text'), ...rateColumns],
  rates_steps: [c('source', 'Source', 'text'), c('group', 'Campaign / sequence', 'text'), c('step', 'Step'), c('channel', 'Channel', 'text'), ...rateColumns],
  reactivation: [
    c('group', 'Reactivation', 'text'), c('round', 'Round'), c('channel', 'Channel', 'text'), c('touches_sent', 'Touches sent'),
    c('reactivated', 'Reactivated'), c('replied', 'Replied after'), c('positive', 'Positive'), c('meeting', 'Meeting'),
    c('booked', 'Booked after'), c('reply_rate', 'Reply rate', 'rate'), c('booking_rate', 'Booking rate', 'rate'),
  ],
  reactivation_totals: [
    c('touches_sent', 'Touches sent'), c('reactivated', 'Reactivated'), c('replied', 'Replied after'), c('positive', 'Positive'),
    c('meeting', 'Meeting'), c('booked', 'Booked after'), c('reply_rate', 'Reply rate', 'rate'), c('booking_rate', 'Booking rate', 'rate'),
  ],
  attribution_sources: [
    c('source', 'Source', 'text'), c('group', 'Campaign / sequence', 'text'), c('step', 'Step'), c('channel', 'Channel', 'text'),
    c('bookings', 'Bookings'), c('share', 'Share', 'rate'),
  ],
  attribution: [
    c('booked_at', 'Booked', 'time'), c('lead', 'Lead', 'text'), c('status', 'Status', 'text'), c('start_at', 'Meeting', 'time'),
    c('source', 'Source', 'text'), c('group', 'Campaign / sequence', 'text'), c('step', 'Step'), c('channel', 'Channel', 'text'),
    c('touch_sent_at', 'Touch sent', 'time'), c('first_positive_reply_at', 'First positive reply', 'time'), c('rule', 'Rule', 'text'),
    c('lead_id', 'Lead id', 'text'),
  ],
} as const satisfies Record<string, readonly Column[]>;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A row as public.analytics_page writes it: numbers, strings (timestamps as ISO 8601) and nulls. */
export type Row = Record<string, string | number | null>;

export interface AnalyticsWindow {
  key: WindowKey;
  from_day: string;
  to_day: string;
  from_at: Date;
  to_at: Date;
  time_zone: string;
  days: number;
}

export interface AnalyticsData {
  window: AnalyticsWindow;
  /** Leads with changes brain.refresh_analytics (every minute) has not counted yet. */
  pending_leads: number;
  tables: Record<TableName, Row[]>;
}

/** public.analytics_page in the request's tenant transaction; a bad window is SQL's 22023 (invalid_analytics_window). */
export async function loadAnalytics(
  tx: TransactionSql,
  accountId: string,
  q: Pick<AnalyticsQuery, 'window' | 'from' | 'to'>,
  options: { listLimit?: number | null } = {},
): Promise<AnalyticsData> {
  const custom = q.window === 'custom';
  const limit = options.listLimit === undefined ? 200 : options.listLimit;
  const [r] = await tx<{ page: Wire<AnalyticsData> }[]>`
    select public.analytics_page(${accountId}::uuid, ${q.window}, ${custom ? (q.from ?? null) : null}::date,
                                 ${custom ? (q.to ?? null) : null}::date, now(), ${limit}::integer) as page`;
  const p = r!.page;
  return { ...p, window: { ...p.window, from_at: at(p.window.from_at), to_at: at(p.window.to_at) } };
}

/**
 * One table as CSV (RFC 4180: quoted where needed, CRLF, a UTF-8 byte order mark for
 * spreadsheet programs), a header of the column keys. A text cell that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) starts with a single quote;
 * numbers stay numbers (csv-stringify's escape_formulas).
 */
export function tableCsv(table: TableName, rows: Row[]): string {
  const columns = TABLES[table].map((col) => col.key);
  return stringify(rows, { header: true, columns, escape_formulas: true, record_delimiter: 'windows', bom: true });
}

/** The file name of an export: analytics-<table>-<first day>-<last day>.csv. */
export function csvFileName(table: TableName, w: AnalyticsWindow): string {
  return `analytics-${table}-${w.from_day}-${w.to_day}.csv`;
}
