import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { record, targetMet } from '../bench/lib.ts';
import { readResults, summaryTable } from '../bench/summary.ts';

describe('bench results and the make bench summary', () => {
  let dir: string;
  let file: string;
  const saved = process.env.BENCH_RESULTS;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-summary-'));
    file = path.join(dir, 'nested', 'results.jsonl');
    process.env.BENCH_RESULTS = file;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.BENCH_RESULTS;
    else process.env.BENCH_RESULTS = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('records one JSON line per figure, with the ratio to its same-run baseline', () => {
    record({ bench: 'inbound', metric: 'first delivery / pgbench', figure: 300, unit: '/s', baseline: 1200, target: { of: 'ratio', op: '>=', value: 0.5 } });
    record({ bench: 'brain', metric: 'one lead p99', figure: 1.5, unit: 'ms', baseline: null, target: { of: 'figure', op: '<', value: 5 } });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const [inbound, brain] = readResults(readFileSync(file, 'utf8'));
    expect(inbound).toMatchObject({ bench: 'inbound', figure: 300, baseline: 1200, ratio: 0.25 });
    expect(brain!.ratio).toBeNull();
    expect(targetMet(inbound!)).toBe(false);
    expect(targetMet(brain!)).toBe(true);
  });

  it('checks a target on the ratio or on the figure, at the boundary too', () => {
    expect(targetMet({ figure: 10, ratio: 0.7, target: { of: 'ratio', op: '>=', value: 0.7 } })).toBe(true);
    expect(targetMet({ figure: 10, ratio: 2.01, target: { of: 'ratio', op: '<=', value: 2 } })).toBe(false);
    expect(targetMet({ figure: 5, ratio: null, target: { of: 'figure', op: '<', value: 5 } })).toBe(false);
    expect(targetMet({ figure: 5, ratio: null, target: null })).toBeNull();
    expect(targetMet({ figure: 5, ratio: null, target: { of: 'ratio', op: '>=', value: 0.5 } })).toBe(false);
  });

  it('prints a table that names each missed target and each bench that recorded nothing', () => {
    const table = summaryTable(
      [
        { bench: 'inbound', metric: 'first delivery / pgbench', figure: 300, unit: '/s', baseline: 1200, ratio: 0.25, target: { of: 'ratio', op: '>=', value: 0.5 } },
        { bench: 'dispatch', metric: 'trigger on / off', figure: 900, unit: 'rows/s', baseline: 1000, ratio: 0.9, target: { of: 'ratio', op: '>=', value: 0.7 } },
        { bench: 'console', metric: 'first page', figure: 3, unit: 'ms', baseline: 2, ratio: 1.5, target: null },
      ],
      ['inbound', 'dispatch', 'console', 'gateway'],
    );
    const rows = table.split('\n');
    expect(rows.find((r) => r.startsWith('inbound'))).toMatch(/300 \/s\s+1200 \/s\s+0\.25\s+ratio ≥ 0\.5\s+NO$/);
    expect(rows.find((r) => r.startsWith('dispatch'))).toMatch(/ratio ≥ 0\.7\s+yes$/);
    expect(rows.find((r) => r.startsWith('console'))).toMatch(/1\.50\s+—$/);
    expect(table).toContain('targets met: 1 of 2');
    expect(table).toContain('NOT met: inbound: first delivery / pgbench (ratio ≥ 0.5)');
    expect(table).toContain('recorded nothing (failed or skipped): gateway');
  });

  it('refuses a results line that is not a bench result', () => {
    expect(() => readResults('{"bench":"x","metric":"y","figure":"fast"}\n')).toThrow(/line 1/);
  });

  it('exits 0 with missed targets and 1 when there is nothing to summarise', () => {
    const results = path.join(dir, 'r.jsonl');
    writeFileSync(results, `${JSON.stringify({ bench: 'inbound', metric: 'm', figure: 1, unit: '/s', baseline: 10, ratio: 0.1, target: { of: 'ratio', op: '>=', value: 0.5 } })}\n`);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/summary.ts'], { env: { ...process.env, BENCH_RESULTS: results }, encoding: 'utf8' });
    expect(out).toContain('targets met: 0 of 1');
    writeFileSync(results, '');
    const empty = spawnSync(process.execPath, ['--import', 'tsx', 'bench/summary.ts'], { env: { ...process.env, BENCH_RESULTS: results }, encoding: 'utf8' });
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('no bench results');
  });
});
