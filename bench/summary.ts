/**
 * The one-screen summary `make bench` prints last: every figure the benches
 * recorded in this run (bench/lib.ts record(), one JSON line each in
 * BENCH_RESULTS, default artifacts/bench/results.jsonl), with its same-run
 * baseline, the ratio, the target and whether it is met. A missed target is
 * reported, never a failure: this exits 0 whatever the figures say. It exits 1
 * only when there is nothing to summarise, or when a line cannot be read.
 *
 *   node --import tsx bench/summary.ts        (make bench runs it last)
 *   BENCH_EXPECT=inbound,dispatch,… names the benches that were run, so one
 *   that recorded nothing (it failed) is listed as missing.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { resultsFile, targetMet, type BenchResult } from './lib.ts';

const resultSchema = z.object({
  bench: z.string(),
  metric: z.string(),
  figure: z.number(),
  unit: z.string(),
  baseline: z.number().nullable(),
  ratio: z.number().nullable(),
  target: z.object({ of: z.enum(['ratio', 'figure']), op: z.enum(['>=', '<=', '<']), value: z.number() }).nullable(),
}) satisfies z.ZodType<BenchResult>;

/** Reads the results file: one result per non-empty line. */
export function readResults(text: string): BenchResult[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed = resultSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`line ${i + 1} of the results is not a bench result: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

function num(v: number | null, unit = ''): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const s = a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit ? `${s} ${unit}` : s;
}

function targetText(r: BenchResult): string {
  if (!r.target) return '—';
  const op = r.target.op === '>=' ? '≥' : r.target.op === '<=' ? '≤' : '<';
  return r.target.of === 'ratio' ? `ratio ${op} ${r.target.value}` : `${op} ${r.target.value} ${r.unit}`;
}

/** The table as text: one row per result, columns padded to fit, and a count of targets met. */
export function summaryTable(results: BenchResult[], expected: string[] = []): string {
  const head = ['bench', 'metric', 'figure', 'baseline', 'ratio', 'target', 'met'];
  const rows = results.map((r) => {
    const met = targetMet(r);
    return [r.bench, r.metric, num(r.figure, r.unit), num(r.baseline, r.unit), num(r.ratio), targetText(r), met === null ? '' : met ? 'yes' : 'NO'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const right = new Set([2, 3, 4]);
  const fmt = (row: string[]) => row.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const lines = [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
  const targeted = results.filter((r) => r.target);
  const missed = targeted.filter((r) => !targetMet(r));
  lines.push('', `targets met: ${targeted.length - missed.length} of ${targeted.length}`);
  for (const r of missed) lines.push(`  NOT met: ${r.bench}: ${r.metric} (${targetText(r)})`);
  const seen = new Set(results.map((r) => r.bench));
  const absent = expected.filter((b) => !seen.has(b));
  if (absent.length) lines.push(`benches that recorded nothing (failed or skipped): ${absent.join(', ')}`);
  return lines.join('\n');
}

function main(): void {
  const file = resultsFile();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    process.stderr.write(`no bench results in ${file}: run make bench\n`);
    process.exit(1);
  }
  const results = readResults(text);
  if (results.length === 0) {
    process.stderr.write(`no bench results in ${file}: run make bench\n`);
    process.exit(1);
  }
  const expected = (process.env.BENCH_EXPECT ?? '').split(',').filter(Boolean);
  process.stdout.write(`\n== summary (${new Date().toISOString().slice(0, 16)}Z; ${file}) ==\n`);
  process.stdout.write(`figure and baseline measured in the same run; ratio = figure ÷ baseline; a missed target is reported, not a failure\n\n`);
  process.stdout.write(`${summaryTable(results, expected)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
