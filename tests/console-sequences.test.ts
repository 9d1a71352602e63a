/**
 * The Sequences page and the lead page's Follow-ups over HTTP (issue 18): an owner creates
 * a sequence and its steps (an unknown variable is refused with the campaign builder's
 * message), switches it on; a viewer cannot edit; a setter starts it for a lead, snoozes,
 * turns auto follow-ups off and on, cancels; the counts show on the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };
let setter: { cookie: string; csrf: string };
let viewer: { cookie: string; csrf: string };

const post = (who: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/x-www-form-urlencoded', origin: srv.url, 'hx-request': 'true' },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }),
  });
const get = async (who: { cookie: string }, path: string) => (await fetch(`${srv.url}${path}`, { headers: { cookie: who.cookie } })).text();

beforeAll(async () => {
  srv = await startConsoleServer('console_sequences');
  owner = await httpLogin(srv.url, srv.users.owner);
  setter = await httpLogin(srv.url, srv.users.setter);
  viewer = await httpLogin(srv.url, srv.users.viewer);
});

afterAll(async () => {
  await srv?.close();
});

describe('the Sequences page', () => {
  let id = '';
  let lead = '';

  it('an owner creates a sequence and its steps; an unknown variable is refused; a viewer cannot', async () => {
    expect((await post(viewer, '/sequences/new', { name: 'Viewer try', trigger_on: 'manual' })).status).toBe(403);
    const created = await post(owner, '/sequences/new', { name: 'Hand follow-up', trigger_on: 'manual', no_response_days: '3' });
    expect(created.status).toBe(303);
    id = /\/sequences\/([0-9a-f-]{36})/.exec(created.headers.get('location') ?? '')![1]!;
    const bad = await post(owner, `/sequences/${id}`, { name: 'Hand follow-up', trigger_on: 'manual',
      step_1_channel: 'sms', step_1_delay_amount: '0', step_1_delay_unit: 'days', step_1_body: 'Hi {{nickname}}' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Step 1 body names {{nickname}}, which is not a template variable.');
    const ok = await post(owner, `/sequences/${id}`, { name: 'Hand follow-up', trigger_on: 'manual',
      step_1_channel: 'sms', step_1_delay_amount: '2', step_1_delay_unit: 'business_hours', step_1_body: 'Hi {{first_name|there}}',
      step_2_channel: 'email', step_2_delay_amount: '1', step_2_delay_unit: 'days', step_2_subject: 'Checking in', step_2_body: 'Hello again',
      step_2_requires_approval: 'true' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Saved: 2 steps.');
    const steps = await srv.db.sql<{ step_order: number; channel: string; delay_unit: string; requires_approval: boolean }[]>`
      select step_order, channel::text, delay_unit, requires_approval from public.sequence_steps where sequence_id = ${id} order by step_order`;
    expect(steps).toEqual([
      { step_order: 1, channel: 'sms', delay_unit: 'business_hours', requires_approval: false },
      { step_order: 2, channel: 'email', delay_unit: 'days', requires_approval: true },
    ]);
    const on = await post(owner, `/sequences/${id}/active`, { active: 'true' });
    expect(await on.text()).toContain('Switched on');
    expect((await post(setter, `/sequences/${id}/active`, { active: 'false' })).status).toBe(403);
  });

  it('a setter starts it for a lead, snoozes, switches auto follow-ups off and on, cancels; the list counts it', async () => {
    const [l] = await srv.db.sql<{ id: string }[]>`select id from public.leads where account_id = ${srv.demoAccountId} and status = 'new' order by phone limit 1`;
    lead = l!.id;
    const started = await post(setter, `/leads/${lead}/followups/start`, { sequence_id: id });
    expect(started.status).toBe(200);
    const html = await started.text();
    expect(html).toContain('Started.');
    expect(html).toContain('id="followups"');
    expect(html).toContain('Hand follow-up');
    expect(await get(owner, '/sequences')).toMatch(/data-count="running">1</);

    const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(await (await post(setter, `/leads/${lead}/followups/snooze`, { until })).text()).toContain(`Snoozed until ${until}, 00:00 where the lead is.`);
    const off = await post(setter, `/leads/${lead}/followups/auto`, { enabled: 'false' });
    expect(await off.text()).toContain('auto follow-ups are off for this lead');
    const [e] = await srv.db.sql<{ id: string; status: string; paused_reason: string }[]>`
      select id, status, paused_reason from public.sequence_enrollments where lead_id = ${lead}`;
    expect(e).toMatchObject({ status: 'paused', paused_reason: 'auto_followups_off' });
    expect(await (await post(setter, `/leads/${lead}/followups/auto`, { enabled: 'true' })).text()).toContain('1 run(s) resumed');
    expect(await (await post(viewer, `/leads/${lead}/followups/cancel`, { enrollment_id: e!.id })).status).toBe(403);
    expect(await (await post(setter, `/leads/${lead}/followups/cancel`, { enrollment_id: e!.id })).text()).toContain('Canceled');
    const [after] = await srv.db.sql<{ status: string; followups_snoozed_until: Date | null }[]>`
      select e.status, l.followups_snoozed_until from public.sequence_enrollments e join public.leads l on l.id = e.lead_id where e.id = ${e!.id}`;
    expect(after!.status).toBe('canceled');
    // The snooze ends at the start of that date in the lead's own zone.
    const [z] = await srv.db.sql<{ local: string }[]>`
      select to_char(l.followups_snoozed_until at time zone z.time_zone, 'YYYY-MM-DD HH24:MI') as local
      from public.leads l join public.org_settings o on o.account_id = l.account_id
      cross join lateral brain.lead_time_zone(l.timezone, l.phone, o.timezone) z where l.id = ${lead}`;
    expect(z!.local).toBe(`${until} 00:00`);
  });

  it('a step that requires approval waits in the Inbox\'s pointer and is approved on the Sequences page', async () => {
    const [x] = await srv.db.sql<{ s: string; l: string }[]>`
      select tests.create_sequence(${srv.demoAccountId}, 'manual', '[{"body": "Hi {{first_name|there}}, shall we book it?", "requires_approval": true}]', true, null, 'Approval run') as s,
             (select id from public.leads where account_id = ${srv.demoAccountId} and status = 'new' order by phone offset 1 limit 1) as l`;
    await srv.db.sql`select brain.start_sequence(${x!.l}::uuid, ${x!.s}::uuid, 'manual', 'user:test')`;
    await srv.db.sql`select brain.run_due_sequence_steps(100)`;
    const [d] = await srv.db.sql<{ id: string }[]>`select id from public.sequence_step_drafts where lead_id = ${x!.l} and status = 'pending'`;
    expect(await get(setter, '/inbox')).toContain('id="sequence-drafts-waiting"');
    expect(await get(setter, '/sequences')).toContain(`data-draft-id="${d!.id}"`);
    const approved = await post(setter, `/sequences/drafts/${d!.id}/approve`, {});
    expect(await approved.text()).toContain('Approved and queued');
    const [t] = await srv.db.sql<{ status: string; step: number; source: string }[]>`
      select status, step, payload -> 'meta' ->> 'source' as source from public.touch_runs where lead_id = ${x!.l} and sequence_enrollment_id is not null`;
    expect(t).toMatchObject({ step: 98, source: 'sequence' });
    expect(['queued', 'scheduled', 'sending', 'sent']).toContain(t!.status);
  });
});
