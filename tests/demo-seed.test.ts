import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../db/build.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

describe('demo seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await cloneTemplate('seed');
    const text = await readFile(path.join(ROOT, 'db', 'seeds', 'demo.sql'), 'utf8');
    await db.sql.unsafe(text);
    await db.sql.unsafe(text); // a second `make run` must not duplicate anything
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates one account with one active campaign whose steps use four channels', async () => {
    const rows = await db.sql`
      select a.slug, c.campaign_key, c.is_active, c.status, array_agg(s.channel order by s.step) as channels
      from public.accounts a
      join public.campaigns c on c.account_id = a.id
      join public.campaign_steps s on s.campaign_id = c.id
      group by 1, 2, 3, 4`;
    expect(rows).toEqual([
      { slug: 'demo', campaign_key: 'autos_outbound_miami', is_active: true, status: 'active', channels: ['sms', 'voice', 'whatsapp', 'email'] },
    ]);
  });

  it('creates 300 leads, all enrolled, with valid phones and the sink provider on every channel', async () => {
    const [counts] = await db.sql`
      select (select count(*)::int from public.leads) as leads,
             (select count(distinct phone)::int from public.leads) as phones,
             (select count(*)::int from public.campaign_leads where status = 'active') as enrolled,
             (select count(*)::int from public.account_provider_settings where provider = 'sink' and is_default) as sinks`;
    expect(counts).toEqual({ leads: 300, phones: 300, enrolled: 300, sinks: 4 });
  });

  it("passes seed 001's campaign consistency query", async () => {
    const rows = await db.sql`
      select id, name, is_active, status from public.campaigns where is_active = true and status <> 'active'`;
    expect(rows.length).toBe(0);
  });
});
