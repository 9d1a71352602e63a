/**
 * Shared helpers for benchmarks. A benchmark is not a test: it prints figures and
 * ratios against a baseline measured in the same run, and never fails on speed.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDatabase } from '../db/build.ts';
import { connect, withDatabase, type Sql } from '../db/client.ts';

export function serverUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
}

/** A freshly built database named `name` on the benchmark server (dropped first). */
export async function freshDatabase(name: string): Promise<{ url: string; sql: Sql }> {
  const admin = connect(withDatabase(serverUrl(), 'postgres'), { max: 1 });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  await buildDatabase(url);
  return { url, sql: connect(url, { max: 10, applicationName: `bench-${name}` }) };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = connect(withDatabase(serverUrl(), 'postgres'), { max: 1 });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  n: number;
}

/** Runs fn once per input, sequentially, and returns latency percentiles in ms. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    await fn(input);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), mean, n: samples.length };
}

export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function ms(v: number): string {
  return v < 10 ? `${v.toFixed(2)} ms` : v < 1000 ? `${v.toFixed(1)} ms` : `${(v / 1000).toFixed(2)} s`;
}

export function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

export function heading(text: string): void {
  process.stdout.write(`\n== ${text} ==\n`);
}

/** What a figure is checked against: the ratio or the figure itself, e.g. ratio ≥ 0.5 or p99 < 5 ms. */
export interface Target {
  of: 'ratio' | 'figure';
  op: '>=' | '<=' | '<';
  value: number;
}

/** One machine-readable figure of a benchmark; `make bench` prints them all in one table at the end. */
export interface BenchResult {
  bench: string;
  metric: string;
  figure: number;
  unit: string;
  /** The same-run baseline, in the same unit as the figure; null when the figure stands alone. */
  baseline: number | null;
  /** figure ÷ baseline (null without a baseline). */
  ratio: number | null;
  target: Target | null;
}

/** The JSON-lines file results are appended to (BENCH_RESULTS; `make bench` empties it first). */
export function resultsFile(): string {
  return process.env.BENCH_RESULTS || 'artifacts/bench/results.jsonl';
}

export function targetMet(r: Pick<BenchResult, 'figure' | 'ratio' | 'target'>): boolean | null {
  if (!r.target) return null;
  const v = r.target.of === 'ratio' ? r.ratio : r.figure;
  if (v === null || !Number.isFinite(v)) return false;
  return r.target.op === '>=' ? v >= r.target.value : r.target.op === '<=' ? v <= r.target.value : v < r.target.value;
}

/**
 * Appends one result line to the results file. Ratio is figure ÷ baseline unless given.
 * A missed target is written down, never thrown: a benchmark does not fail on speed.
 */
export function record(r: Omit<BenchResult, 'ratio'> & { ratio?: number | null }): void {
  const ratio = r.ratio !== undefined ? r.ratio : r.baseline ? r.figure / r.baseline : null;
  const result: BenchResult = { bench: r.bench, metric: r.metric, figure: r.figure, unit: r.unit, baseline: r.baseline, ratio, target: r.target };
  const file = resultsFile();
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}
