import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { formatResult, runVerifications, VERIFICATIONS } from '../scripts/verify.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

describe('make verify (seed 001 verification queries)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await cloneTemplate('verify');
    await db.sql.unsafe(await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8'));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('runs every query and holds the campaign consistency promises on the demo data', async () => {
    const results = await runVerifications(db.sql);
    expect(results).toHaveLength(VERIFICATIONS.length);
    const byTitle = new Map(results.map((r) => [r.verification.title, r]));
    expect(byTitle.get('campaign mismatches should be 0')).toMatchObject({ ok: true, rows: [{ count: '0' }] });
    expect(byTitle.get('campaign consistency (should return 0 rows)')).toMatchObject({ ok: true, rows: [] });
    expect(byTitle.get('bulk pause impact (running count should drop)')).toMatchObject({ ok: true, rows: [{ running: '1' }] });
  });

  it('runs every seed 001 query without error and holds every promise', async () => {
    const results = await runVerifications(db.sql);
    const failing = results.filter((r) => !r.ok);
    expect(failing.map((r) => `${r.verification.title}: ${r.error ?? 'promise broken'}`)).toEqual([]);
    const sample = results.find((r) => r.verification.title === 'lead next action exists (sample)');
    expect(sample?.rows).toHaveLength(10);
    expect(Object.keys(sample!.rows[0]!)).toEqual(['lead_id', 'priority_score', 'recommended_action', 'effective_channel']);
  });

  it('reports a failing query with its error instead of stopping', async () => {
    const results = await runVerifications(db.sql);
    for (const r of results) {
      if (r.error) expect(formatResult(r)).toContain(`ERROR: ${r.error}`);
    }
    const text = formatResult(results[0]!);
    expect(text).toContain('-- routing active');
    expect(text).toContain('leadgen_routing');
  });
});
