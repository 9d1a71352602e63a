/**
 * Command OS end to end against a cloned database: the rule-based parser in
 * Spanish and English, every intent's action through real SQL as revenue_api
 * (row-level security on), role refusals, tenant isolation, the Hono route
 * (JSON and the htmx form fragment), and the OpenAI fallback against a fake
 * chat-completions server on 127.0.0.1.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withTenant } from '../db/client.ts';
import { setLogSink } from '../lib/log.ts';
import type { ConsoleEnv, Session } from '../api/auth.ts';
import type { Role } from '../lib/passwords.ts';
import { pauseAllRunning, setCampaignActive, startCraigslist, stopCraigslist, type CommandContext } from '../api/command-os/actions.ts';
import { runCommand } from '../api/command-os/index.ts';
import { canonicalText, INTENTS, LEAD_STATES, NEXT_ACTIONS, parseIntent, type Intent } from '../api/command-os/intents.ts';
import { createLlmParser, createPhraser, keepsFacts, llmJsonSchema, loadLlmConfig, type LlmConfig } from '../api/command-os/llm.ts';
import { commandOsRoutes } from '../api/command-os/route.tsx';
import { CommandRequestSchema, CommandResultSchema, type CommandResult } from '../api/command-os/schema.ts';
import { MESSAGES, plural } from '../api/command-os/messages.ts';
import { startFakeOpenAiChat, type FakeOpenAiChat } from './fakes/openai-chat.ts';
import { cloneTemplate, type TestDatabase } from './harness/env.ts';

let db: TestDatabase;
let accountA = '';
let accountB = '';

function session(accountId: string, role: Role, email = `${role}@example.com`): Session {
  return {
    sessionId: '00000000-0000-4000-8000-000000000001',
    userId: '00000000-0000-4000-8000-000000000002',
    email,
    displayName: null,
    accountId,
    accountName: 'Test',
    role,
    csrfToken: 'csrf-token-<&>"',
  };
}

function ctx(accountId: string, role: Role = 'owner'): CommandContext {
  return { session: session(accountId, role), db: (fn) => withTenant(db.sql, accountId, fn) };
}

async function run(text: string, c: CommandContext = ctx(accountA), confirm = false): Promise<CommandResult> {
  const result = await runCommand(c, text, { confirm });
  // Every reply satisfies the published contract.
  expect(CommandResultSchema.safeParse(result).success).toBe(true);
  return result;
}

async function createCampaign(accountId: string, key: string, active: boolean, name = 'Test campaign'): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    insert into public.campaigns (account_id, campaign_key, name, is_active)
    values (${accountId}, ${key}, ${name}, ${active}) returning id`;
  await db.sql`insert into public.campaign_steps (account_id, campaign_id, step, channel, body)
               values (${accountId}, ${row!.id}, 1, 'sms', 'Hola')`;
  return row!.id;
}

async function campaignState(id: string): Promise<{ is_active: boolean; status: string }> {
  const [row] = await db.sql<{ is_active: boolean; status: string }[]>`select is_active, status from public.campaigns where id = ${id}`;
  return row!;
}

async function setRouting(accountId: string, routing: Record<string, unknown>): Promise<void> {
  await db.sql`update public.org_settings set leadgen_routing = ${db.sql.json(routing as never)} where account_id = ${accountId}`;
}

async function tasks(accountId: string, city: string): Promise<{ status: string; task_type: string }[]> {
  return db.sql<{ status: string; task_type: string }[]>`
    select status, task_type from lead_hunter.craigslist_tasks_v1 where account_id = ${accountId} and city = ${city} order by created_at`;
}

async function freshAccount(name: string): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`select tests.create_account(${name}) as id`;
  return row!.id;
}

beforeAll(async () => {
  db = await cloneTemplate('command_os');
  accountA = await freshAccount('Alpha Autos');
  accountB = await freshAccount('Beta Clinic');
});

afterAll(async () => {
  await db?.drop();
});

describe('rule-based parser', () => {
  const phrasings: [Intent, string[], string[]][] = [
    ['system.status', ['estado del sistema', 'Cómo va todo?', 'ESTADO'], ['system status', 'how are we doing?', 'status']],
    ['campaign.list', ['campañas activas', 'campanas prendidas ahora', 'lista campañas'], ['list campaigns', 'which campaigns are on?', 'list paused campaigns']],
    ['campaign.toggle', ['apaga la campaña autos_outbound_miami', 'prende la campaña Black Friday'], ['pause campaign autos_outbound_miami', 'activate the Black Friday campaign']],
    ['campaign.toggle.bulk', ['pausa todas las campañas', 'apaga todo'], ['pause all running', 'pause all campaigns']],
    ['program.list', ['lista programas', 'programas leadgen'], ['list programs', 'show leadgen programs']],
    ['program.status', ['estado de craigslist miami', 'cómo va craigslist en miami'], ['status craigslist miami', 'how is craigslist doing in miami']],
    ['lead.list', ['lista leads de craigslist', 'muestra los leads nuevos'], ['list leads from craigslist', 'show new leads']],
    ['lead.inspect', ['muestra el lead ana@example.com', 'quién es Juan Pérez'], ['inspect lead ana@example.com', 'who is juan perez']],
    ['lead.next_action', ['siguiente acción del lead +13055550100', 'qué hago con Juan Pérez'], ['next action for lead +1 305 555 0100', 'next actions']],
    ['lead.why', ['¿por qué el lead ana@example.com?', 'por qué el lead Juan Pérez'], ['why lead +13055550100', 'why is lead ana@example.com stopped']],
    ['system.changes', ['qué cambió hoy', '¿Qué pasó hoy?'], ['what changed today', 'what changed today?']],
    ['inbox.pending', ['¿qué tengo pendiente?', 'qué me falta responder'], ['what needs my reply?', 'who needs a reply']],
    ['lead.suppress', ['suprime el lead +13055550100', 'no contactar a ana@example.com'], ['suppress lead ana@example.com', "don't contact +13055550100"]],
    ['lead.enroll', ['inscribe el lead ana@example.com en la campaña autos_outbound_miami'], ['enroll lead ana@example.com in campaign autos_outbound_miami']],
    ['craigslist.cto.start', ['prende craigslist miami', 'Prendé CRAIGSLIST Miami'], ['start craigslist in miami', 'turn on craigslist miami']],
    ['craigslist.cto.stop', ['apaga craigslist miami', 'detén craigslist miami'], ['stop craigslist miami', 'turn off craigslist in miami']],
    ['autos.activate', ['activa autos miami', 'prende autos miami'], ['activate autos miami', 'enable autos in miami']],
    ['autos.deactivate', ['desactiva autos miami', 'apaga autos miami'], ['deactivate autos miami', 'disable autos in miami']],
  ];

  it('covers every intent in Spanish and English', () => {
    expect(new Set(phrasings.map(([i]) => i))).toEqual(new Set(INTENTS));
    for (const [intent, es, en] of phrasings) {
      for (const text of es) expect([text, parseIntent(text)?.intent, parseIntent(text)?.lang]).toEqual([text, intent, 'es']);
      for (const text of en) expect([text, parseIntent(text)?.intent, parseIntent(text)?.lang]).toEqual([text, intent, 'en']);
    }
  });

  it('reads the arguments, with accents and case optional', () => {
    expect(parseIntent('prende craigslist miami')).toEqual({ intent: 'craigslist.cto.start', args: { city: 'miami' }, lang: 'es' });
    expect(parseIntent('PRENDÉ Craigslist MIAMI')).toEqual({ intent: 'craigslist.cto.start', args: { city: 'miami' }, lang: 'es' });
    expect(parseIntent('start craigslist in miami')).toEqual({ intent: 'craigslist.cto.start', args: { city: 'miami' }, lang: 'en' });
    expect(parseIntent('prende craigslist miami confirmar')?.args).toEqual({ city: 'miami', confirm: true });
    expect(parseIntent('start craigslist miami override')?.args).toEqual({ city: 'miami', override: true });
    expect(parseIntent('prende craigslist en fort lauderdale')?.args).toEqual({ city: 'fort lauderdale' });
    expect(parseIntent('apaga la campaña autos_outbound_miami')?.args).toEqual({ campaign: 'autos_outbound_miami', active: false });
    expect(parseIntent('Campañas ACTIVAS')?.args).toEqual({ active: true });
    expect(parseIntent('lista campañas de craigslist')).toEqual({ intent: 'campaign.list', args: { topic: 'craigslist' }, lang: 'es' });
    expect(parseIntent('autopilot campaigns')?.args).toEqual({ topic: 'autopilot' });
    expect(parseIntent('muestra el lead +1 (305) 555-0100')?.args).toEqual({ lead: '+13055550100' });
    expect(parseIntent('inscribe los leads de craigslist en la campaña autos_outbound_miami')?.args).toEqual({
      campaign: 'autos_outbound_miami',
      source: 'craigslist',
    });
  });

  it('maps every canonical phrasing back to the same command', () => {
    for (const [, es, en] of phrasings) {
      for (const text of [...es, ...en]) {
        const parsed = parseIntent(text)!;
        expect(parseIntent(canonicalText(parsed))).toEqual(parsed);
      }
    }
  });

  it('matches no rule for small talk', () => {
    for (const text of ['hola', 'what is the weather like', 'cómo anda el negocio', 'ayuda']) expect(parseIntent(text)).toBeNull();
  });
});

describe('message catalog', () => {
  it('plurals follow Intl.PluralRules in both languages', () => {
    expect(plural('es', 1, 'campaña activa', 'campañas activas')).toBe('1 campaña activa');
    expect(plural('es', 2, 'campaña activa', 'campañas activas')).toBe('2 campañas activas');
    expect(plural('es', 0, 'campaña activa', 'campañas activas')).toBe('0 campañas activas');
    expect(plural('en', 1, 'lead', 'leads')).toBe('1 lead');
    expect(MESSAGES.es.campaignsFiltered(1, true)).toBe('1 campaña activa.');
    expect(MESSAGES.es.campaignsFiltered(3, false)).toBe('3 campañas pausadas.');
    expect(MESSAGES.en.campaignsFiltered(1, true)).toBe('1 active campaign.');
    expect(MESSAGES.en.leadAmbiguous(1, 'x')).toBe('1 lead matches "x"; be more specific (id, email or phone).');
  });

  it('says "1 campaña activa" through Command OS', async () => {
    const acct = await freshAccount('Plural Dealer');
    await createCampaign(acct, 'plural_one', true);
    await createCampaign(acct, 'plural_two', false);
    expect(await run('campañas activas', ctx(acct))).toMatchObject({ intent: 'campaign.list', message: '1 campaña activa.' });
    expect(await run('lista campañas', ctx(acct))).toMatchObject({ message: '2 campañas (1 activa ahora).' });
    expect(await run('list paused campaigns', ctx(acct))).toMatchObject({ message: '1 paused campaign.' });
  });

  it('every example the help lists is parsed back to its intent, in both languages, and covers every intent', () => {
    for (const lang of ['es', 'en'] as const) {
      for (const c of MESSAGES[lang].capabilities) expect([c.example, parseIntent(c.example)?.intent]).toEqual([c.example, c.intent]);
      expect(new Set(MESSAGES[lang].capabilities.map((c) => c.intent))).toEqual(new Set(INTENTS));
    }
  });

  it('the actions hold no Spanish or English sentence of their own', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../api/command-os/actions.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/lang === 'es'|tr\(lang|[áéíóúñ¿¡]/);
  });
});

describe('lists SQL owns', () => {
  // The model's JSON schema must be static, so LEAD_STATES and NEXT_ACTIONS stay in TypeScript:
  // these tests fail the moment they differ from what SQL defines.
  it('LEAD_STATES is public.lead_states, in funnel order', async () => {
    const rows = await db.sql<{ state: string }[]>`select state from public.lead_states order by position`;
    expect([...LEAD_STATES]).toEqual(rows.map((r) => r.state));
  });

  it('NEXT_ACTIONS is every value brain.lead_next_action_at (lead_next_action_view_v5) can decide', async () => {
    const [row] = await db.sql<{ def: string }[]>`select pg_get_functiondef('brain.lead_next_action_at(timestamptz)'::regprocedure) as def`;
    const def = row!.def;
    const end = def.indexOf('end as next_action');
    expect(end).toBeGreaterThan(0);
    const start = def.lastIndexOf("when ss.is_unsubscribed then 'stop_all'", end);
    expect(start).toBeGreaterThan(0);
    const decided = new Set([...def.slice(start, end).matchAll(/(?:then|else) '([a-z_]+)'/g)].map((m) => m[1]!));
    expect(decided).toEqual(new Set(NEXT_ACTIONS));
  });
});

describe('answers without a model', () => {
  it('lists what can be asked, in the user language, for unknown text', async () => {
    const es = await run('hola, qué tal');
    expect(es).toMatchObject({ intent: 'unknown', ok: false, lang: 'es', parsed_by: 'none', error: { code: 'not_understood' } });
    expect(es.message).toContain('No entendí');
    expect(es.message).toContain('prende craigslist miami');
    const rows = es.data!.rows as { intent: string }[];
    expect(rows.map((r) => r.intent).sort()).toEqual([...INTENTS].sort());

    const en = await run('what is the weather like');
    expect(en).toMatchObject({ intent: 'unknown', lang: 'en' });
    expect(en.message).toContain('Here is what you can ask');
    expect(en.message).toContain('start craigslist miami');

    const help = await run('ayuda');
    expect(help).toMatchObject({ intent: 'unknown', ok: true, lang: 'es' });
  });

  it('system.status reports the database numbers', async () => {
    const c1 = await createCampaign(accountA, 'status_one', true);
    await createCampaign(accountA, 'status_two', false);
    await db.sql`select tests.create_lead(${accountA}::uuid, '+13055550111')`;
    const result = await run('estado del sistema');
    expect(result).toMatchObject({ intent: 'system.status', ok: true, lang: 'es', parsed_by: 'rules' });
    const [truth] = await db.sql<{ total: number; active: number; leads: number }[]>`
      select (select count(*)::int from public.campaigns where account_id = ${accountA}) as total,
             (select count(*)::int from public.campaigns where account_id = ${accountA} and is_active) as active,
             (select count(*)::int from public.leads where account_id = ${accountA}) as leads`;
    expect(result.data).toMatchObject({ campaigns_total: truth!.total, campaigns_active: truth!.active, leads_total: truth!.leads, campaign_status_mismatches: 0 });
    expect(result.message).toContain(`${truth!.active} de ${truth!.total} activas`);
    await db.sql`delete from public.campaigns where account_id = ${accountA} and campaign_key in ('status_one', 'status_two')`;
    expect(c1).toBeTruthy();
  });
});

describe('campaigns', () => {
  let miami = '';
  let tampa = '';
  let betaCampaign = '';

  beforeAll(async () => {
    miami = await createCampaign(accountA, 'camp_miami', true, 'Miami Florida');
    tampa = await createCampaign(accountA, 'camp_tampa', true, 'Tampa <b>Florida</b>');
    betaCampaign = await createCampaign(accountB, 'beta_recall', true, 'Recall');
  });

  it('campaign.list lists only this account, and filters on is_active', async () => {
    await db.sql`update public.campaigns set is_active = false where id = ${tampa}`;
    const all = await run('list campaigns');
    const keys = (all.data!.rows as { campaign_key: string }[]).map((r) => r.campaign_key);
    expect(keys).toEqual(expect.arrayContaining(['camp_miami', 'camp_tampa']));
    expect(keys).not.toContain('beta_recall');
    const active = await run('campañas prendidas ahora');
    expect((active.data!.rows as { campaign_key: string; is_active: boolean }[]).every((r) => r.is_active)).toBe(true);
    expect((active.data!.rows as { campaign_key: string }[]).map((r) => r.campaign_key)).toContain('camp_miami');
    expect((active.data!.rows as { campaign_key: string }[]).map((r) => r.campaign_key)).not.toContain('camp_tampa');
    await db.sql`update public.campaigns set is_active = true where id = ${tampa}`;
  });

  it('campaign.list about Craigslist or LeadGen redirects to programs', async () => {
    for (const [text, lang] of [
      ['lista campañas de craigslist', 'es'],
      ['show craigslist campaigns', 'en'],
      ['campañas de leadgen', 'es'],
      ['autopilot campaigns', 'en'],
    ] as const) {
      const r = await run(text);
      expect(r).toMatchObject({ intent: 'campaign.list', ok: true, lang, data: { redirect_to: 'program.list' } });
      expect(r.message).toMatch(lang === 'es' ? /no es una campaña/ : /is not a campaign/);
    }
  });

  it('campaign.toggle switches is_active and reports status re-read consistently', async () => {
    const off = await run('apaga la campaña camp_miami');
    expect(off).toMatchObject({ intent: 'campaign.toggle', ok: true, data: { campaign: { id: miami, is_active: false, status: 'paused' } } });
    expect(await campaignState(miami)).toEqual({ is_active: false, status: 'paused' });
    const on = await run('activate the Miami Florida campaign');
    expect(on).toMatchObject({ ok: true, lang: 'en', data: { campaign: { id: miami, is_active: true, status: 'active' } } });
    expect(await campaignState(miami)).toEqual({ is_active: true, status: 'active' });
    // Seed 001: campaign mismatches should be 0.
    const [m] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from public.campaigns
      where (is_active = true and status <> 'active') or (is_active = false and status = 'active')`;
    expect(m!.n).toBe(0);
    const events = await db.sql<{ event_type: string; actor: string }[]>`
      select event_type, actor from public.account_events where subject_id = ${miami} order by created_at, event_type`;
    expect(events.map((e) => e.event_type)).toEqual(['campaign_paused', 'campaign_activated']);
    expect(events.every((e) => e.actor === 'owner@example.com')).toBe(true);
  });

  it('setCampaignActive (by id) is the same action as the chat box', async () => {
    const r = await setCampaignActive(ctx(accountA, 'admin'), { campaignId: tampa, active: false });
    expect(r).toMatchObject({ intent: 'campaign.toggle', ok: true, data: { campaign: { is_active: false, status: 'paused' } } });
    expect(await campaignState(tampa)).toEqual({ is_active: false, status: 'paused' });
    await setCampaignActive(ctx(accountA), { campaignId: tampa, active: true });
    expect(await campaignState(tampa)).toEqual({ is_active: true, status: 'active' });
  });

  it('names a campaign the way people say it: "apaga la campaña autos outbound miami" finds "Autos outbound — Miami"', async () => {
    const acct = await freshAccount('Spoken Names');
    const target = await createCampaign(acct, 'aom_2026', true, 'Autos outbound — Miami');
    await createCampaign(acct, 'aoo_2026', true, 'Autos outbound — Orlando');
    const r = await run('apaga la campaña autos outbound miami', ctx(acct, 'admin'));
    expect(r).toMatchObject({ intent: 'campaign.toggle', ok: true, data: { campaign: { id: target, is_active: false } } });
    const [row] = await db.sql<{ is_active: boolean }[]>`select is_active from public.campaigns where id = ${target}`;
    expect(row!.is_active).toBe(false);
    const both = await run('pausa la campaña autos outbound', ctx(acct, 'admin'));
    expect(both).toMatchObject({ ok: false, error: { code: 'ambiguous_campaign' } });
  });

  it('an unknown or ambiguous campaign changes nothing', async () => {
    const none = await run('pause campaign does_not_exist');
    expect(none).toMatchObject({ ok: false, error: { code: 'campaign_not_found' } });
    const many = await run('pausa la campaña florida');
    expect(many).toMatchObject({ ok: false, error: { code: 'ambiguous_campaign' } });
    expect(await campaignState(miami)).toEqual({ is_active: true, status: 'active' });
    expect(await campaignState(tampa)).toEqual({ is_active: true, status: 'active' });
  });

  it('account A cannot touch account B campaigns, by id or by name', async () => {
    const byId = await setCampaignActive(ctx(accountA), { campaignId: betaCampaign, active: false });
    expect(byId).toMatchObject({ ok: false, error: { code: 'campaign_not_found' } });
    const byName = await run('apaga la campaña beta_recall');
    expect(byName).toMatchObject({ ok: false, error: { code: 'campaign_not_found' } });
    const byTitle = await run('pause the Recall campaign');
    expect(byTitle).toMatchObject({ ok: false, error: { code: 'campaign_not_found' } });
    expect(await campaignState(betaCampaign)).toEqual({ is_active: true, status: 'active' });
  });

  it('viewer and analyst are refused every change, and nothing changes', async () => {
    await setRouting(accountA, { dealer_address: '1 Main St', radius_miles: 10, city_fallback: 'miami', active: true });
    const lead = await db.sql<{ id: string }[]>`select tests.create_lead(${accountA}::uuid, '+13055550999', 'refuse@example.com') as id`;
    const snapshot = async () =>
      db.sql`
        select (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_array(campaign_key, is_active) order by campaign_key)
                from public.campaigns where account_id = ${accountA}) as campaigns,
               (select count(*)::int from lead_hunter.craigslist_tasks_v1 where account_id = ${accountA}) as tasks,
               (select status from public.leads where id = ${lead[0]!.id}) as lead_status,
               (select count(*)::int from public.campaign_leads where account_id = ${accountA}) as enrollments,
               (select leadgen_routing from public.org_settings where account_id = ${accountA}) as routing`;
    const before = await snapshot();
    const changes = [
      'apaga la campaña camp_miami',
      'pause all running',
      'prende todas las campañas confirmar',
      'prende craigslist miami',
      'stop craigslist miami',
      'activa autos miami',
      'deactivate autos miami',
      'suprime el lead refuse@example.com',
      'enroll lead refuse@example.com in campaign camp_miami',
    ];
    for (const role of ['viewer', 'analyst'] as const) {
      for (const text of changes) {
        const r = await run(text, ctx(accountA, role));
        expect([text, r.ok, r.error?.code]).toEqual([text, false, 'forbidden']);
        expect(r.message).toContain(role);
      }
      expect(await startCraigslist(ctx(accountA, role), { city: 'miami' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await pauseAllRunning(ctx(accountA, role))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A setter acts on leads but does not switch campaigns.
    expect(await run('pause all running', ctx(accountA, 'setter'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await snapshot()).toEqual(before);
    // Reading is allowed.
    expect(await run('list campaigns', ctx(accountA, 'viewer'))).toMatchObject({ ok: true });
    expect(await run('estado del sistema', ctx(accountA, 'analyst'))).toMatchObject({ ok: true });
    await setRouting(accountA, { active: false });
  });

  it('campaign.toggle.bulk pauses all running in this account only, re-read', async () => {
    const result = await run('pausa todas las campañas');
    expect(result).toMatchObject({ intent: 'campaign.toggle.bulk', ok: true, lang: 'es', data: { running: 0 } });
    const [a] = await db.sql<{ running: number }[]>`select count(*)::int as running from public.campaigns where account_id = ${accountA} and is_active`;
    expect(a!.running).toBe(0);
    expect(result.data!.changed).toBeGreaterThanOrEqual(2);
    expect(await campaignState(betaCampaign)).toEqual({ is_active: true, status: 'active' });

    // Switching everything on asks first, then does it.
    const ask = await run('activate all campaigns');
    expect(ask).toMatchObject({ ok: false, needs_confirmation: { confirm_text: 'activate all campaigns confirm' } });
    expect((await db.sql`select 1 from public.campaigns where account_id = ${accountA} and is_active`).length).toBe(0);
    const done = await run(ask.needs_confirmation!.confirm_text);
    expect(done).toMatchObject({ ok: true });
    const [b] = await db.sql<{ paused: number }[]>`select count(*)::int as paused from public.campaigns where account_id = ${accountA} and not is_active`;
    expect(b!.paused).toBe(0);

    // pauseAllRunning is the console's "Pause all running" button.
    const page = await pauseAllRunning(ctx(accountA, 'admin'));
    expect(page).toMatchObject({ intent: 'campaign.toggle.bulk', ok: true, data: { running: 0 } });
  });
});

describe('Craigslist programs', () => {
  let acct = '';
  beforeEach(async () => {
    acct = await freshAccount('Craigslist Dealer');
  });

  it('"prende craigslist miami" without routing is refused with the reason', async () => {
    const r = await run('prende craigslist miami', ctx(acct));
    expect(r).toMatchObject({
      intent: 'craigslist.cto.start',
      ok: false,
      lang: 'es',
      needs_setup: { reason: 'leadgen_routing_not_configured' },
      error: { code: 'leadgen_routing_not_configured' },
    });
    expect(r.message).toContain('routing');
    expect(r.message).toContain('prende craigslist miami override');
    expect(await tasks(acct, 'miami')).toEqual([]);

    // Configured but off: refused with that reason.
    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 10, active: false });
    const off = await run('start craigslist miami', ctx(acct));
    expect(off).toMatchObject({ ok: false, lang: 'en', needs_setup: { reason: 'leadgen_routing_inactive' } });
    expect(await tasks(acct, 'miami')).toEqual([]);
  });

  it('with routing: queued (re-read), already running, duplicate confirmation, confirm, stop', async () => {
    await setRouting(acct, { dealer_address: '1 Main St, Miami', radius_miles: 25, city_fallback: 'miami', active: true });
    const first = await run('prende craigslist miami', ctx(acct));
    expect(first).toMatchObject({
      intent: 'craigslist.cto.start',
      ok: true,
      data: { outcome: 'started', city: 'miami', task: { status: 'queued' }, program: { key: 'craigslist:miami', state: 'starting', routing_active: true, queued_60m: 1 } },
    });
    expect(await tasks(acct, 'miami')).toEqual([{ status: 'queued', task_type: 'discover' }]);

    // While it is queued a second start queues nothing.
    const again = await run('start craigslist in miami', ctx(acct));
    expect(again).toMatchObject({ ok: true, data: { outcome: 'already_running' } });
    expect((await tasks(acct, 'miami')).length).toBe(1);

    // The hunter finishes it; a new start within the hour asks to confirm.
    await db.sql`update lead_hunter.craigslist_tasks_v1 set status = 'done', finished_at = now(), claimed_by = 'w1', claimed_at = now()
                 where account_id = ${acct}`;
    const dup = await run('prende craigslist miami', ctx(acct));
    expect(dup).toMatchObject({ ok: false, needs_confirmation: { confirm_text: 'prende craigslist miami confirmar' } });
    expect((await tasks(acct, 'miami')).length).toBe(1);

    const confirmed = await run(dup.needs_confirmation!.confirm_text, ctx(acct));
    expect(confirmed).toMatchObject({ ok: true, data: { outcome: 'started', task: { status: 'queued' }, program: { state: 'live' } } });
    expect(await tasks(acct, 'miami')).toEqual([
      { status: 'done', task_type: 'discover' },
      { status: 'queued', task_type: 'discover' },
    ]);

    const stopped = await run('apaga craigslist miami', ctx(acct));
    expect(stopped).toMatchObject({ intent: 'craigslist.cto.stop', ok: true, data: { canceled: 1, queued_now: 0 } });
    expect((await tasks(acct, 'miami')).map((t) => t.status)).toEqual(['done', 'canceled']);
  });

  it('confirm: true in the request confirms a duplicate run (English)', async () => {
    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 25, active: true });
    await db.sql`insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city, status, finished_at)
                 values (${acct}, 'discover', 'orlando', 'done', now())`;
    const ask = await run('start craigslist orlando', ctx(acct));
    expect(ask.needs_confirmation?.confirm_text).toBe('start craigslist orlando confirm');
    const done = await run('start craigslist orlando', ctx(acct), true);
    expect(done).toMatchObject({ ok: true, data: { outcome: 'started' } });
    expect((await tasks(acct, 'orlando')).map((t) => t.status)).toEqual(['done', 'queued']);
  });

  it('an explicit override starts without routing and says routing is still off', async () => {
    const r = await run('prende craigslist tampa override', ctx(acct));
    expect(r).toMatchObject({ ok: true, data: { override: true, program: { state: 'disabled', routing_active: false } } });
    expect(r.message).toContain('override');
    expect(await tasks(acct, 'tampa')).toEqual([{ status: 'queued', task_type: 'discover' }]);
    // startCraigslist / stopCraigslist are the Programs page's buttons.
    const stop = await stopCraigslist(ctx(acct, 'admin'), { city: 'Tampa' });
    expect(stop).toMatchObject({ ok: true, data: { city: 'tampa', canceled: 1, queued_now: 0 } });
    const start = await startCraigslist(ctx(acct, 'admin'), { city: 'tampa', override: true });
    expect(start).toMatchObject({ ok: true, data: { outcome: 'started' } });
  });

  it('without a city uses the routing city_fallback, else asks which city', async () => {
    const ask = await run('prende craigslist', ctx(acct));
    expect(ask).toMatchObject({ ok: false, error: { code: 'missing_city' } });
    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 25, city_fallback: 'Naples', active: true });
    const r = await run('prende craigslist', ctx(acct));
    expect(r).toMatchObject({ ok: true, data: { city: 'naples' } });
  });

  it('a city with accents is the city SQL names (lead_hunter.normalize_city): São Paulo → saopaulo everywhere', async () => {
    const acct = await freshAccount('Sao Paulo Dealer');
    await setRouting(acct, { dealer_address: 'Av. Paulista 1000', radius_miles: 25, active: true });
    const started = await run('prende craigslist São Paulo', ctx(acct));
    expect(started).toMatchObject({ intent: 'craigslist.cto.start', ok: true, data: { city: 'saopaulo' } });
    expect(await tasks(acct, 'saopaulo')).toEqual([{ status: 'queued', task_type: 'discover' }]);
    const status = await run('estado de craigslist São Paulo', ctx(acct));
    expect(status).toMatchObject({ intent: 'program.status', ok: true, data: { key: 'craigslist:saopaulo' } });
    const stopped = await run('apaga craigslist são paulo', ctx(acct));
    expect(stopped).toMatchObject({ intent: 'craigslist.cto.stop', ok: true, data: { city: 'saopaulo', canceled: 1, queued_now: 0 } });
  });

  it('program.list and program.status report the view', async () => {
    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 25, active: true });
    await run('prende craigslist miami', ctx(acct));
    const list = await run('lista programas', ctx(acct));
    expect(list).toMatchObject({ intent: 'program.list', ok: true, data: { rows: [{ program: 'craigslist:miami', state: 'Starting' }] } });
    const status = await run('status craigslist miami', ctx(acct));
    const [view] = await db.sql<{ state: string; tasks_60m: number }[]>`
      select state, tasks_60m::int from lead_hunter.v_craigslist_program_status_v1 where account_id = ${acct} and city = 'miami'`;
    expect(status).toMatchObject({ intent: 'program.status', ok: true, data: { state: view!.state, tasks_60m: view!.tasks_60m } });
    expect(String(status.data!.next_action)).toContain('hunter');
    const never = await run('estado de craigslist boston', ctx(acct));
    expect(never).toMatchObject({ ok: false, error: { code: 'program_not_found' } });
    expect(never.message).toContain('prende craigslist boston');
    // Another account sees none of it.
    const other = await run('list programs', ctx(accountB));
    expect((other.data!.rows as unknown[]).length).toBe(0);
  });
});

describe('autos.activate / autos.deactivate', () => {
  it('needs_setup with no matching campaign, needs_confirmation with several, then switches one city', async () => {
    const acct = await freshAccount('Autos Dealer');
    const none = await run('activa autos miami', ctx(acct));
    expect(none).toMatchObject({ intent: 'autos.activate', ok: false, needs_setup: { reason: 'no campaign with campaign_key autos_outbound_miami' } });

    const m = await createCampaign(acct, 'autos_outbound_miami', false);
    const t = await createCampaign(acct, 'autos_outbound_tampa', false);
    const many = await run('activate autos', ctx(acct));
    expect(many).toMatchObject({ intent: 'autos.activate', ok: false, needs_confirmation: { confirm_text: 'activate autos miami' } });
    expect(many.data!.candidates).toEqual(['autos_outbound_miami', 'autos_outbound_tampa']);
    expect(await campaignState(m)).toEqual({ is_active: false, status: 'paused' });
    expect(await campaignState(t)).toEqual({ is_active: false, status: 'paused' });

    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 25, city_fallback: 'miami', active: false });
    const on = await run(many.needs_confirmation!.confirm_text, ctx(acct));
    expect(on).toMatchObject({ ok: true, data: { campaign: { id: m, is_active: true, status: 'active' }, routing_active: true, routing_note: 'routing_on', program: { state: 'starting' } } });
    expect(await campaignState(m)).toEqual({ is_active: true, status: 'active' });
    expect(await campaignState(t)).toEqual({ is_active: false, status: 'paused' });
    expect(await tasks(acct, 'miami')).toEqual([{ status: 'queued', task_type: 'discover' }]);

    const off = await run('desactiva autos miami', ctx(acct));
    expect(off).toMatchObject({ intent: 'autos.deactivate', ok: true, data: { campaign: { is_active: false, status: 'paused' }, routing_active: false } });
    expect(await tasks(acct, 'miami')).toEqual([{ status: 'canceled', task_type: 'discover' }]);
    const [s] = await db.sql<{ active: string }[]>`select leadgen_routing ->> 'active' as active from public.org_settings where account_id = ${acct}`;
    expect(s!.active).toBe('false');
  });

  it('with routing not configured the campaign goes on and the reply says routing needs setup', async () => {
    const acct = await freshAccount('Autos No Routing');
    const m = await createCampaign(acct, 'autos_outbound_doral', false);
    const r = await run('activate autos doral', ctx(acct));
    expect(r).toMatchObject({ ok: true, needs_setup: { reason: 'routing_needs_setup' }, data: { routing_active: false } });
    expect(await campaignState(m)).toEqual({ is_active: true, status: 'active' });
  });
});

describe('leads', () => {
  let acct = '';
  let ana = '';
  let juan = '';
  let campaign = '';

  beforeAll(async () => {
    acct = await freshAccount('Leads Dealer');
    const [a] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, last_name, phone, email, source, external_id, city)
      values (${acct}, 'Ana', 'López', '+13055550100', 'ana@example.com', 'craigslist', '7000000001', 'Miami') returning id`;
    const [j] = await db.sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, last_name, phone, email, source)
      values (${acct}, 'Juan', 'Pérez', '+13055550200', 'juan@example.com', 'webhook') returning id`;
    await db.sql`
      insert into public.leads (account_id, first_name, phone, source, external_id, city)
      values (${acct}, 'Carla', '+13055550300', 'craigslist', '7000000002', 'Miami')`;
    ana = a!.id;
    juan = j!.id;
    campaign = await createCampaign(acct, 'leads_outbound', true, 'Leads Outbound');
  });

  it('lead.list matches the view and its filters', async () => {
    const all = await run('lista leads', ctx(acct));
    expect(all).toMatchObject({ intent: 'lead.list', ok: true, data: { total: 3 } });
    const [top] = await db.sql<{ lead_id: string }[]>`
      select lead_id from public.lead_next_action_view_v5 where account_id = ${acct} order by priority_score desc, lead_id limit 1`;
    expect((all.data!.rows as { lead_id: string }[])[0]!.lead_id).toBe(top!.lead_id);
    const cl = await run('list leads from craigslist', ctx(acct));
    expect(cl.data!.total).toBe(2);
    expect((cl.data!.rows as { source: string }[]).every((r) => r.source === 'craigslist')).toBe(true);
  });

  it('lead.why gives the reason, rule and inputs the lead page shows, from the same views', async () => {
    for (const [text, lang] of [['why lead +13055550100', 'en'], ['¿por qué el lead ana@example.com?', 'es']] as const) {
      const r = await run(text, ctx(acct));
      expect(r).toMatchObject({ intent: 'lead.why', ok: true, lang });
      const [view] = await db.sql<{ next_action: string; reason: string; lead_state: string; effective_channel: string | null }[]>`
        select v.next_action, v.reason, v.lead_state, v.effective_channel from public.lead_next_action_view_v5 v where v.lead_id = ${ana}`;
      const [supp] = await db.sql<{ is_unsubscribed: boolean }[]>`select is_unsubscribed from public.lead_suppression_status_v1 where lead_id = ${ana}`;
      expect(r.data!.why).toMatchObject({ lead_id: ana, next_action: view!.next_action, reason: view!.reason, lead_state: view!.lead_state, is_unsubscribed: supp!.is_unsubscribed });
      expect(r.message).toContain(view!.reason);
      expect(r.message).toContain(lang === 'es' ? 'porque la regla es' : 'because the rule is');
    }
    expect(await run('why lead nobody@example.com', ctx(acct))).toMatchObject({ intent: 'lead.why', ok: false, error: { code: 'lead_not_found' } });
    expect(await run('why lead ana@example.com', ctx(accountB))).toMatchObject({ ok: false, error: { code: 'lead_not_found' } });
  });

  it('system.changes counts today\'s changes of this account, with proper plurals', async () => {
    const changes = await freshAccount('Changes Dealer');
    await db.sql`insert into public.leads (account_id, phone, source) values (${changes}, '+13055550901', 'webhook')`;
    const id = await createCampaign(changes, 'changes_outbound', true);
    await db.sql`select public.set_campaign_active(${id}::uuid, false, 'test')`;
    const en = await run('what changed today', ctx(changes));
    expect(en).toMatchObject({ intent: 'system.changes', ok: true, data: { new_leads: 1, campaigns_switched: 1, touches_sent: 0, replies: 0, opt_outs: 0 } });
    expect(en.message).toContain('1 new lead and');
    expect(en.message).toContain('1 campaign switched on or off');
    expect(en.message).toContain('0 replies');
    await db.sql`insert into public.leads (account_id, phone, source) values (${changes}, '+13055550902', 'webhook')`;
    const es = await run('¿qué cambió hoy?', ctx(changes));
    expect(es).toMatchObject({ intent: 'system.changes', lang: 'es', data: { new_leads: 2 } });
    expect(es.message).toContain('2 leads nuevos');
    expect(es.message).toContain('1 campaña prendida o pausada');
    const other = await run('what changed today', ctx(accountB));
    expect(other.data).not.toMatchObject({ new_leads: 2, campaigns_switched: 1 });
  });

  it('inbox.pending answers from public.inbox_conversations, the Inbox\'s own view, in both languages', async () => {
    const acct2 = await freshAccount('Inbox Dealer');
    const empty = await run('what needs my reply?', ctx(acct2));
    expect(empty).toMatchObject({ intent: 'inbox.pending', ok: true, data: { waiting: 0, with_draft: 0 } });
    expect(empty.message).toBe('Nothing is waiting for a reply right now.');
    const reply = async (phone: string, name: string, body: string, tag: string, minutesAgo: number) => {
      const [l] = await db.sql<{ id: string }[]>`
        insert into public.leads (account_id, phone, first_name, source) values (${acct2}, ${phone}, ${name}, 'manual') returning id`;
      const [m] = await db.sql<{ id: string }[]>`
        insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at)
        values (${acct2}, ${l!.id}, 'sms', 'twilio', ${'SMcos' + phone.slice(1)}, ${phone}, ${body}, now() - make_interval(mins => ${minutesAgo}))
        returning id`;
      await db.sql`select brain.record_reply_sentiment(${m!.id}::uuid, ${tag}, 'llm', 'test', 0.9::real)`;
      return m!.id;
    };
    const hot = await reply('+13055550961', 'Marta', 'Can we meet Tuesday?', 'Meeting Requested', 20);
    await reply('+13055550962', 'Leo', 'How much is it?', 'Interested', 2);
    await reply('+13055550963', 'Sol', 'No thanks', 'Not Interested', 1);
    await db.sql`select brain.record_ai_draft(${hot}::uuid, 'Tuesday at 10 works. See you then?', null, 0.7::real, 'ok', 'gpt-test', true)`;
    const [view] = await db.sql<{ waiting: number; with_draft: number }[]>`
      select count(*)::int as waiting, count(draft_id)::int as with_draft from public.inbox_conversations where account_id = ${acct2}`;
    expect(view).toEqual({ waiting: 2, with_draft: 1 });
    const en = await run('what needs my reply?', ctx(acct2));
    expect(en).toMatchObject({ intent: 'inbox.pending', ok: true, data: { waiting: 2, with_draft: 1 } });
    expect(en.message).toBe('2 conversations are waiting for a reply (1 with a draft ready). First: Marta (Meeting Requested, draft); Leo (Interested). Open them in the Inbox (/inbox).');
    const es = await run('¿qué tengo pendiente?', ctx(acct2));
    expect(es).toMatchObject({ intent: 'inbox.pending', lang: 'es', data: { waiting: 2 } });
    expect(es.message).toContain('2 conversaciones esperan respuesta');
    const other = await run('what needs my reply?', ctx(accountB));
    expect(other.data).not.toMatchObject({ waiting: 2, with_draft: 1 });
  });

  it('lead.inspect and lead.next_action read lead_enriched, the view and the suppression status', async () => {
    const r = await run('muestra el lead ana@example.com', ctx(acct));
    expect(r).toMatchObject({ intent: 'lead.inspect', ok: true, data: { lead: { lead_id: ana, lead_name: 'Ana López', source: 'craigslist' } } });
    const [view] = await db.sql<{ next_action: string; reason: string }[]>`
      select next_action, reason from public.lead_next_action_view_v5 where lead_id = ${ana}`;
    expect(r.data!.next_action).toMatchObject({ next_action: view!.next_action, reason: view!.reason });
    expect(r.data!.suppression).toMatchObject({ is_unsubscribed: false });

    const byName = await run('qué hago con Juan Perez', ctx(acct));
    expect(byName).toMatchObject({ intent: 'lead.next_action', ok: true, data: { next_action: { lead_id: juan } } });
    const sample = await run('next actions', ctx(acct));
    expect((sample.data!.rows as unknown[]).length).toBe(3);

    const ambiguous = await run('inspect lead 3055550', ctx(acct));
    expect(ambiguous).toMatchObject({ ok: false, error: { code: 'ambiguous_lead' } });
    const otherAccount = await run('muestra el lead ana@example.com', ctx(accountB));
    expect(otherAccount).toMatchObject({ ok: false, error: { code: 'lead_not_found' } });
  });

  it('lead.next_action and lead.inspect name a pending touch, as the view reports it', async () => {
    await db.sql`insert into public.account_provider_settings (account_id, channel, provider, is_default) values (${acct}, 'sms', 'sink', true)`;
    const [t] = await db.sql<{ id: string }[]>`
      insert into public.touch_runs (account_id, lead_id, channel, status, scheduled_at, created_at)
      values (${acct}, ${juan}, 'sms', 'scheduled', now() + interval '2 days', now() - interval '1 minute') returning id`;
    try {
      const [view] = await db.sql<{ next_action: string; effective_channel: string; reason: string }[]>`
        select next_action, effective_channel, reason from public.lead_next_action_view_v5 where lead_id = ${juan}`;
      expect(view).toEqual({ next_action: 'send', effective_channel: 'sms', reason: `touch_scheduled:${t!.id}` });
      const es = await run('qué hago con Juan Perez', ctx(acct));
      expect(es.data!.next_action).toMatchObject(view!);
      expect(es.message).toContain(`por sms`);
      expect(es.message).toContain(`regla: touch_scheduled:${t!.id}.`);
      expect(es.message).toContain('Ya hay un toque programado');
      const en = await run('inspect lead juan@example.com', ctx(acct));
      expect(en.data!.next_action).toMatchObject(view!);
      expect(en.message).toContain('A touch is already scheduled');
    } finally {
      await db.sql`delete from public.touch_runs where id = ${t!.id}`;
      await db.sql`delete from public.account_provider_settings where account_id = ${acct} and channel = 'sms'`;
    }
    const after = await run('next action for lead +1 305 555 0200', ctx(acct));
    expect(after.message).not.toContain('touch_scheduled');
    expect(after.message).not.toContain('A touch is already');
  });

  it('lead.enroll enrolls one lead (re-read), and a source after a preview and confirmation', async () => {
    const one = await run('inscribe el lead +1 305 555 0200 en la campaña leads_outbound', ctx(acct));
    expect(one).toMatchObject({ intent: 'lead.enroll', ok: true, data: { lead_id: juan, enrollment: { status: 'active', current_step: 1 } } });
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.campaign_leads where campaign_id = ${campaign} and lead_id = ${juan}`;
    expect(row!.n).toBe(1);

    const preview = await run('enroll craigslist leads in campaign leads_outbound', ctx(acct));
    expect(preview).toMatchObject({ ok: false, needs_confirmation: { confirm_text: 'enroll craigslist leads in campaign leads_outbound confirm' }, data: { preview: { matched: 2, to_enroll: 2, enrolled: 0 } } });
    const [before] = await db.sql<{ n: number }[]>`select count(*)::int as n from public.campaign_leads where campaign_id = ${campaign}`;
    expect(before!.n).toBe(1);
    const done = await run(preview.needs_confirmation!.confirm_text, ctx(acct));
    expect(done).toMatchObject({ ok: true, data: { result: { enrolled: 2 }, enrolled_total: 3 } });

    // Account B cannot enroll into A's campaign.
    const cross = await run('enroll lead ana@example.com in campaign leads_outbound', ctx(accountB));
    expect(cross).toMatchObject({ ok: false, error: { code: 'campaign_not_found' } });
  });

  it('lead.suppress suppresses (re-read: status, suppression, next action stop_all); a setter may', async () => {
    const r = await run('suprime el lead +13055550100', ctx(acct, 'setter'));
    expect(r).toMatchObject({ intent: 'lead.suppress', ok: true, data: { lead_id: ana, changed: true, status: 'suppressed', is_unsubscribed: true, next_action: 'stop_all' } });
    const [l] = await db.sql<{ status: string }[]>`select status from public.leads where id = ${ana}`;
    expect(l!.status).toBe('suppressed');
    const again = await run('suppress lead ana@example.com', ctx(acct));
    expect(again).toMatchObject({ ok: true, data: { changed: false } });
    // Account B cannot suppress A's lead.
    const cross = await run('suppress lead juan@example.com', ctx(accountB));
    expect(cross).toMatchObject({ ok: false, error: { code: 'lead_not_found' } });
    const [j] = await db.sql<{ status: string }[]>`select status from public.leads where id = ${juan}`;
    expect(j!.status).toBe('new');
  });

  it('logs the intent, never the text', async () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      await run('inspect lead juan@example.com', ctx(acct));
    } finally {
      restore();
    }
    const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'COMMAND_OS');
    expect(entry).toMatchObject({ intent: 'lead.inspect', ok: true, parsed_by: 'rules' });
    expect(lines.join('\n')).not.toContain('juan@example.com');
  });
});

describe('POST /api/command-os', () => {
  function appFor(s: Session, llm: LlmConfig | null = null): Hono<ConsoleEnv> {
    const app = new Hono<ConsoleEnv>();
    app.use('*', async (c, next) => {
      // Like requireSession, which reads _csrf from a form body before the route does.
      if ((c.req.header('content-type') ?? '').includes('form-urlencoded')) await c.req.parseBody();
      c.set('session', s);
      c.set('db', (fn) => withTenant(db.sql, s.accountId, fn));
      await next();
    });
    app.route('/api/command-os', commandOsRoutes({ llm }));
    return app;
  }

  it('answers JSON with a CommandResult', async () => {
    const res = await appFor(session(accountA, 'viewer')).request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'system status' }),
    });
    expect(res.status).toBe(200);
    const body = CommandResultSchema.parse(await res.json());
    expect(body).toMatchObject({ intent: 'system.status', ok: true, lang: 'en' });
    // The contracts convert to JSON Schema for the OpenAPI document.
    for (const schema of [CommandRequestSchema, CommandResultSchema]) expect((z.toJSONSchema(schema) as { type: string }).type).toBe('object');
  });

  it('refuses bad input with 400 and a reason', async () => {
    const app = appFor(session(accountA, 'owner'));
    const post = (body: string, type = 'application/json') =>
      app.request('/api/command-os', { method: 'POST', headers: { 'content-type': type }, body });
    for (const [body, reason] of [
      [JSON.stringify({ text: '' }), /text/],
      [JSON.stringify({ text: '   ' }), /text/],
      [JSON.stringify({ text: 'x'.repeat(501) }), /500/],
      [JSON.stringify({}), /text/],
      [JSON.stringify({ text: 'status', confirm: 'yes' }), /confirm/],
      ['{not json', /JSON/],
    ] as const) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; reason: string };
      expect(json.error).toBe('invalid_request');
      expect(json.reason).toMatch(reason);
    }
    expect((await post('text=status', 'text/plain')).status).toBe(400);
    const formEmpty = await post('text=', 'application/x-www-form-urlencoded');
    expect(formEmpty.status).toBe(400);
    expect(await formEmpty.text()).toContain('cos-result');
  });

  it('a form post (htmx) gets an escaped HTML fragment with the table and a confirm form', async () => {
    const acct = await freshAccount('Fragment Dealer');
    await createCampaign(acct, 'frag_one', true, '<img src=x onerror=alert(1)>');
    const app = appFor(session(acct, 'owner'));
    const res = await app.request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
      body: new URLSearchParams({ text: 'lista campañas', _csrf: 'x' }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('data-intent="campaign.list"');
    expect(html).toContain('<table');
    expect(html).toContain('frag_one');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');

    // A lead's details are listed term by term, escaped too.
    await db.sql`insert into public.leads (account_id, first_name, email) values (${acct}, '<script>x()</script>', 'frag@example.com')`;
    const inspect = await app.request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'inspect lead frag@example.com' }).toString(),
    });
    const inspectHtml = await inspect.text();
    expect(inspectHtml).toContain('data-intent="lead.inspect"');
    expect(inspectHtml).toContain('<dt>lead_state</dt><dd>new</dd>');
    expect(inspectHtml).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(inspectHtml).not.toContain('<script>');

    await setRouting(acct, { dealer_address: '1 Main St', radius_miles: 5, active: true });
    await db.sql`insert into lead_hunter.craigslist_tasks_v1 (account_id, task_type, city, status, finished_at)
                 values (${acct}, 'discover', 'miami', 'done', now())`;
    const ask = await app.request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'prende craigslist miami' }).toString(),
    });
    const askHtml = await ask.text();
    expect(askHtml).toContain('class="cos-confirm"');
    expect(askHtml).toContain('hx-post="/api/command-os"');
    expect(askHtml).toContain('name="text" value="prende craigslist miami confirmar"');
    // The session's CSRF token goes into the confirm form, escaped.
    expect(askHtml).toContain('value="csrf-token-&lt;&amp;&gt;&quot;"');
    const confirm = await app.request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'prende craigslist miami confirmar' }).toString(),
    });
    expect(await confirm.text()).toContain('data-ok="true"');
    expect((await tasks(acct, 'miami')).map((t) => t.status)).toEqual(['done', 'queued']);
  });
});

describe('OpenAI fallback (fake chat-completions server)', () => {
  let fake: FakeOpenAiChat;
  let config: LlmConfig;

  beforeAll(async () => {
    fake = await startFakeOpenAiChat();
    config = loadLlmConfig({ OPENAI_API_KEY: fake.apiKey, OPENAI_BASE_URL: fake.baseURL, COMMAND_OS_LLM_TIMEOUT_MS: '400' })!;
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('reads the key with the seed fallbacks, and none means rules only', () => {
    expect(loadLlmConfig({})).toBeNull();
    expect(loadLlmConfig({ OPENAI_API_KEY: '  ' })).toBeNull();
    expect(loadLlmConfig({ OPEN_AI_KEY: 'k1' })).toMatchObject({ apiKey: 'k1', apiKeySource: 'OPEN_AI_KEY', model: 'gpt-4.1-mini', timeoutMs: 8000 });
    expect(loadLlmConfig({ OPEN_API_KEY: 'k2' })).toMatchObject({ apiKeySource: 'OPEN_API_KEY' });
    expect(loadLlmConfig({ OPENAI_API_KEY: 'k0', OPEN_AI_KEY: 'k1', OPENAI_TEXT_MODEL: 'gpt-4o-mini' })).toMatchObject({ apiKey: 'k0', apiKeySource: 'OPENAI_API_KEY', model: 'gpt-4o-mini' });
    expect(() => loadLlmConfig({ OPENAI_API_KEY: 'k', COMMAND_OS_LLM_TIMEOUT_MS: 'soon' })).toThrow(/COMMAND_OS_LLM_TIMEOUT_MS/);
    const schema = llmJsonSchema() as { properties: { intent: { enum: string[] } }; additionalProperties: boolean; required: string[] };
    expect(schema.properties.intent.enum).toEqual([...INTENTS, 'unknown']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['intent', 'lang', 'args']);
  });

  it('a read-only intent chosen by the model runs; the request carries a model and the JSON schema', async () => {
    fake.setBehavior({ kind: 'reply', reply: () => ({ intent: 'system.status', lang: 'es', args: { city: null, campaign: null, lead: null, active: null, source: null, state: null, next_action: null } }) });
    const llm = createLlmParser(config);
    const n = fake.requests.length;
    const r = await runCommand(ctx(accountA), 'cómo anda el negocio', { llm });
    expect(r).toMatchObject({ intent: 'system.status', ok: true, lang: 'es', parsed_by: 'llm' });
    expect(fake.requests.length).toBe(n + 1);
    const req = fake.requests.at(-1)!;
    expect(req).toMatchObject({ model: 'gpt-4.1-mini', authenticated: true, structured: true, userText: 'cómo anda el negocio' });
    expect(req.intentEnum).toEqual([...INTENTS, 'unknown']);
  });

  it('a change chosen by the model is only offered, as a rule phrasing to confirm', async () => {
    const acct = await freshAccount('LLM Dealer');
    const id = await createCampaign(acct, 'llm_outbound', true);
    fake.setBehavior({ kind: 'reply', reply: () => ({ intent: 'campaign.toggle', lang: 'en', args: { city: null, campaign: 'llm_outbound', lead: null, active: false, source: null, state: null, next_action: null } }) });
    const llm = createLlmParser(config);
    const r = await runCommand(ctx(acct), 'silence that llm thing', { llm });
    expect(r).toMatchObject({ intent: 'campaign.toggle', ok: false, parsed_by: 'llm', needs_confirmation: { confirm_text: 'pause campaign llm_outbound' } });
    expect(await campaignState(id)).toEqual({ is_active: true, status: 'active' });
    const n = fake.requests.length;
    const done = await runCommand(ctx(acct), r.needs_confirmation!.confirm_text, { llm });
    expect(done).toMatchObject({ intent: 'campaign.toggle', ok: true, parsed_by: 'rules' });
    expect(fake.requests.length).toBe(n);
    expect(await campaignState(id)).toEqual({ is_active: false, status: 'paused' });
  });

  it('an intent outside the enum is rejected by zod: helpful answer', async () => {
    fake.setBehavior({ kind: 'reply', reply: () => ({ intent: 'campaign.delete', lang: 'en', args: { city: null, campaign: 'x', lead: null, active: null, source: null, state: null, next_action: null } }) });
    const r = await runCommand(ctx(accountA), 'obliterate everything please', { llm: createLlmParser(config) });
    expect(r).toMatchObject({ intent: 'unknown', ok: false, parsed_by: 'none', error: { code: 'not_understood' } });
    expect(r.message).toContain('Here is what you can ask');
    fake.setBehavior({ kind: 'raw', content: 'not json at all' });
    expect(await runCommand(ctx(accountA), 'blah blah', { llm: createLlmParser(config) })).toMatchObject({ intent: 'unknown' });
    fake.setBehavior({ kind: 'reply', reply: () => ({ intent: 'unknown', lang: 'es', args: { city: null, campaign: null, lead: null, active: null, source: null, state: null, next_action: null } }) });
    expect(await runCommand(ctx(accountA), 'cuéntame un chiste', { llm: createLlmParser(config) })).toMatchObject({ intent: 'unknown', lang: 'es' });
  });

  it('with the model down (500 or timeout) unknown text gets the help answer and rules still work', async () => {
    const llm = createLlmParser(config);
    fake.setBehavior({ kind: 'status', status: 500 });
    expect(await runCommand(ctx(accountA), 'cómo anda el negocio', { llm })).toMatchObject({ intent: 'unknown', lang: 'es' });

    fake.setBehavior({ kind: 'hang', ms: 5000 });
    const started = Date.now();
    const slow = await runCommand(ctx(accountA), 'tell me about business', { llm });
    expect(slow).toMatchObject({ intent: 'unknown', lang: 'en' });
    expect(Date.now() - started).toBeLessThan(3000);

    const n = fake.requests.length;
    expect(await runCommand(ctx(accountA), 'estado del sistema', { llm })).toMatchObject({ intent: 'system.status', ok: true, parsed_by: 'rules' });
    expect(await runCommand(ctx(accountA), 'campañas activas', { llm })).toMatchObject({ intent: 'campaign.list', ok: true });
    expect(fake.requests.length).toBe(n);
  });

  it('re-phrases a rule-based answer only when every number and name survives (seed 001 assistant phrasing)', async () => {
    const acct = await freshAccount('Phrasing Dealer');
    await createCampaign(acct, 'phrase_outbound', true);
    await createCampaign(acct, 'phrase_paused', false);
    const phraser = createPhraser(config);
    const rules = await runCommand(ctx(acct), 'list campaigns');
    expect(rules.message).toBe('2 campaigns (1 running now).');

    // A faithful rephrasing is used, and the request is a strict structured one to the configured model.
    fake.setRephrase({ kind: 'text', text: () => 'You have 2 campaigns; 1 of them is running right now.' });
    const n = fake.requests.length;
    const good = await runCommand(ctx(acct), 'list campaigns', { phraser });
    expect(good).toMatchObject({ intent: 'campaign.list', ok: true, phrased_by: 'model', message: 'You have 2 campaigns; 1 of them is running right now.' });
    expect(good.data).toEqual(rules.data);
    expect(fake.requests.slice(n)).toMatchObject([{ purpose: 'rephrase', model: 'gpt-4.1-mini', authenticated: true, structured: true }]);
    expect(JSON.parse(fake.requests.at(-1)!.userText!)).toMatchObject({ lang: 'en', answer: rules.message });

    // A number that is not in the data: the rule-based text stays.
    fake.setRephrase({ kind: 'text', text: () => 'You have 3 campaigns; 1 of them is running right now.' });
    expect(await runCommand(ctx(acct), 'list campaigns', { phraser })).toMatchObject({ phrased_by: 'rules', message: rules.message });

    // A name dropped or changed: the rule-based text stays.
    const toggled = await runCommand(ctx(acct), 'pause campaign phrase_outbound');
    fake.setRephrase({ kind: 'text', text: () => 'Done, the Phrase campaign is paused now.' });
    const renamed = await runCommand(ctx(acct), 'pause campaign phrase_outbound', { phraser });
    expect(renamed).toMatchObject({ ok: true, phrased_by: 'rules', message: toggled.message });

    // The model down: the rule-based text stays, and rules still answer.
    fake.setRephrase({ kind: 'status', status: 500 });
    expect(await runCommand(ctx(acct), 'list campaigns', { phraser })).toMatchObject({ ok: true, phrased_by: 'rules', message: '2 campaigns (0 running now).' });

    // A refusal or a confirmation is never re-phrased (no request at all).
    fake.setRephrase({ kind: 'text', text: () => 'whatever' });
    const before = fake.requests.length;
    const refused = await runCommand(ctx(acct, 'viewer'), 'pause campaign phrase_paused', { phraser });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.phrased_by).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  it('keepsFacts: numbers from the data or the text, names of the text', () => {
    expect(keepsFacts('2 campaigns (1 running now).', { total: 2, running: 1 }, 'Two campaigns, 1 running.')).toBe(true);
    expect(keepsFacts('2 campaigns (1 running now).', { total: 2, running: 1 }, '20 campaigns')).toBe(false);
    expect(keepsFacts('Leads: 5 (2 in 24 h).', { leads_total: 5, leads_24h: 2, jobs: 7 }, 'Five leads... and 7 jobs.')).toBe(true);
    expect(keepsFacts('Campaign autos_outbound_miami is paused.', {}, 'The Miami campaign is paused.')).toBe(false);
    expect(keepsFacts('No lead "ana@example.com" here.', {}, 'I found no lead ana@example.com.')).toBe(true);
  });

  it('through the route, with the settings passed to commandOsRoutes', async () => {
    fake.setBehavior({ kind: 'reply', reply: () => ({ intent: 'program.list', lang: 'en', args: { city: null, campaign: null, lead: null, active: null, source: null, state: null, next_action: null } }) });
    const app = new Hono<ConsoleEnv>();
    const s = session(accountA, 'viewer');
    app.use('*', async (c, next) => {
      c.set('session', s);
      c.set('db', (fn) => withTenant(db.sql, s.accountId, fn));
      await next();
    });
    app.route('/api/command-os', commandOsRoutes({ llm: config }));
    const res = await app.request('/api/command-os', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'what feeds my pipeline' }),
    });
    expect(await res.json()).toMatchObject({ intent: 'program.list', ok: true, parsed_by: 'llm' });
  });
});
