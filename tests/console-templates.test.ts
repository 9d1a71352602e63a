/**
 * Strict templates in the console: an enrollment paused for missing lead data shows
 * why and offers Resume; resuming before the lead is fixed is refused with the
 * variable named; a campaign whose step has no body cannot be switched on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

let srv: ConsoleServer;
let owner: { cookie: string; csrf: string };

const form = (o: Record<string, string>) => new URLSearchParams(o);

beforeAll(async () => {
  srv = await startConsoleServer('console_tpl');
  owner = await httpLogin(srv.url, srv.users.owner);
});

afterAll(async () => {
  await srv?.close();
});

function post(path: string, body: Record<string, string>) {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/x-www-form-urlencoded' },
    body: form(body),
  });
}

describe('strict templates in the console', () => {
  it('a lead paused for missing data is resumed only once the lead is fixed', async () => {
    const [e] = await srv.db.sql<{ lead_id: string; campaign_id: string }[]>`
      select cl.lead_id, cl.campaign_id from public.campaign_leads cl
      where cl.account_id = ${srv.demoAccountId} and cl.current_step = 1 order by cl.lead_id limit 1`;
    const { lead_id: leadId, campaign_id: campaignId } = e!;
    // What brain.claim_touch leaves behind when step 1 ("Hi {{first_name}}, …") meets a lead without a first name.
    await srv.db.sql`update public.leads set first_name = null where id = ${leadId}`;
    await srv.db.sql`update public.campaign_leads set status = 'paused', paused_at = now(), stop_reason = 'missing_lead_data:first_name'
                     where lead_id = ${leadId} and campaign_id = ${campaignId}`;

    const page = await (await fetch(`${srv.url}/leads/${leadId}`, { headers: { cookie: owner.cookie } })).text();
    expect(page).toContain('<code>missing_lead_data:first_name</code>');
    expect(page).toContain('Resume at step 1');

    const refused = await post(`/leads/${leadId}/resume`, { campaign_id: campaignId });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Step 1 still cannot be sent to this lead (missing_lead_data:first_name)');
    const [still] = await srv.db.sql<{ status: string }[]>`select status from public.campaign_leads where lead_id = ${leadId} and campaign_id = ${campaignId}`;
    expect(still!.status).toBe('paused');

    await srv.db.sql`update public.leads set first_name = 'Ana' where id = ${leadId}`;
    const resumed = await post(`/leads/${leadId}/resume`, { campaign_id: campaignId });
    expect(resumed.status).toBe(200);
    const html = await resumed.text();
    expect(html).toContain('Resumed: step 1 is due now.');
    expect(html).not.toContain('Resume at step 1');
    const [after] = await srv.db.sql<{ status: string; stop_reason: string | null }[]>`
      select status, stop_reason from public.campaign_leads where lead_id = ${leadId} and campaign_id = ${campaignId}`;
    expect(after).toEqual({ status: 'active', stop_reason: null });
  });

  it('a campaign with a step that says nothing cannot be switched on', async () => {
    const [c] = await srv.db.sql<{ id: string }[]>`
      insert into public.campaigns (account_id, campaign_key, name, is_active) values (${srv.demoAccountId}, 'no_body', 'No body', false) returning id`;
    await srv.db.sql`insert into public.campaign_steps (account_id, campaign_id, step, channel) values (${srv.demoAccountId}, ${c!.id}, 1, 'sms')`;
    const res = await post(`/campaigns/${c!.id}/active`, { active: 'true' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Step 1 (sms) of campaign no_body has no message body: write it before the campaign is switched on.');
    const [row] = await srv.db.sql<{ is_active: boolean }[]>`select is_active from public.campaigns where id = ${c!.id}`;
    expect(row!.is_active).toBe(false);
  });
});
