/**
 * Command OS actions: one function per intent, each a thin adapter over one
 * SQL function or view (seed 001), run as revenue_api for the session's
 * account (ctx.db), so row-level security applies to everything here.
 *
 * Rules every action follows:
 *  - a change is refused, before anything is written, when the session's role
 *    may not make it (auth.ts `can`);
 *  - a change is followed by a re-read in a new transaction, and the reply
 *    reports the re-read state (not what was asked for);
 *  - SQL errors with a stable code (P0001, P0002, 22xxx, 23xxx, 42501) become
 *    { ok: false, error: { code, reason } }; anything else propagates.
 *
 * The console's Programs and Campaigns pages call startCraigslist,
 * stopCraigslist, setCampaignActive and pauseAllRunning: the same code path
 * as the chat box.
 */
import type { TransactionSql } from '../../db/client.ts';
import { pendingTouch } from '../../lib/next-action.ts';
import { can, type ConsoleEnv, type Permission, type Session } from '../auth.ts';
import { listPrograms, programDetail, STATE_LABELS, type ProgramSummary } from '../programs.ts';
import { canonicalText, type Intent, type IntentArgs, type Lang } from './intents.ts';
import { resolveCampaign as resolveCampaignRow } from '../domain/campaigns.ts';
import { resolveLead as resolveLeadRow } from '../domain/leads.ts';
import type { CommandResult } from './schema.ts';
import { t } from './messages.ts';
import * as status from '../domain/status.ts';
import * as leadgen from '../domain/leadgen.ts';
import { leadWhy } from '../domain/leads.ts';

export type Db = ConsoleEnv['Variables']['db'];

export interface CommandContext {
  session: Session;
  db: Db;
}

type Row = Record<string, unknown>;

function tr(lang: Lang, es: string, en: string): string {
  return lang === 'es' ? es : en;
}

/** A sentence when the view's decision is a touch already pending (its reason names it), else ''. */
function pendingNote(lang: Lang, reason: unknown): string {
  const p = pendingTouch(typeof reason === 'string' ? reason : null);
  if (!p) return '';
  return tr(
    lang,
    ` Ya hay un toque ${p.status === 'queued' ? 'en cola' : 'programado'}: sale antes del siguiente paso de la campaña.`,
    ` A touch is already ${p.status}: it goes before the next campaign step.`,
  );
}

// --- errors ------------------------------------------------------------------------

interface PgErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

/** SQL errors an operator can act on: raised by our functions (stable message + readable detail), or refused by the database. */
function sqlFailure(error: unknown): { code: string; reason: string } | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as PgErrorLike;
  if (e.name !== 'PostgresError' || typeof e.code !== 'string') return null;
  if (!/^(P0001|P0002|22...|23...|42501)$/.test(e.code)) return null;
  const message = typeof e.message === 'string' ? e.message : 'sql_error';
  const detail = typeof e.detail === 'string' && e.detail ? e.detail : message;
  if (e.code === '42501') return { code: 'permission_denied', reason: message };
  return { code: /^[a-z][a-z0-9_]*$/.test(message) ? message : `sqlstate_${e.code}`, reason: detail };
}

type Reply = Omit<CommandResult, 'intent' | 'lang'>;

/** What `run` hands back: data for `render`, or a reply that ends the action early (not found, needs setup). */
export type Ran<D> = { data: D } | { stop: Reply };

export interface ActionDef<D> {
  intent: Intent;
  /** Every permission the role needs; checked before `run`, so a refusal writes nothing. */
  permission?: Permission[];
  /** The work: one domain (SQL) call per operation. */
  run(ctx: CommandContext, args: IntentArgs, lang: Lang): Promise<Ran<D>>;
  /** The reply, from the catalog (messages.ts). */
  render(data: D, lang: Lang, args: IntentArgs): Reply;
}

export type ActionFn = (ctx: CommandContext, args: IntentArgs, lang: Lang) => Promise<CommandResult>;

/**
 * One action: the permission check, the SQL-error guard and the reply's
 * envelope (intent, lang) are here once, so `run` and `render` hold only
 * what differs.
 */
export function defineAction<D>(def: ActionDef<D>): ActionFn {
  return async (ctx, args, lang) => {
    const denied = refuse(ctx, def.intent, lang, ...(def.permission ?? []));
    if (denied) return denied;
    try {
      const ran = await def.run(ctx, args, lang);
      const reply = 'stop' in ran ? ran.stop : def.render(ran.data, lang, args);
      return { intent: def.intent, lang, ...reply };
    } catch (error) {
      const failure = sqlFailure(error);
      if (!failure) throw error;
      return { intent: def.intent, ok: false, lang, message: t(lang).failed(failure.reason), error: failure };
    }
  };
}

/** An action written before defineAction: the same permission check and SQL-error guard around its whole body. */
function legacy(intent: Intent, permission: Permission[], fn: ActionFn): ActionFn {
  return defineAction<CommandResult>({
    intent,
    permission,
    run: async (ctx, args, lang) => ({ data: await fn(ctx, args, lang) }),
    render: (r) => r,
  });
}

async function guard(intent: Intent, lang: Lang, fn: () => Promise<CommandResult>): Promise<CommandResult> {
  try {
    return await fn();
  } catch (error) {
    const failure = sqlFailure(error);
    if (!failure) throw error;
    return { intent, ok: false, lang, message: t(lang).failed(failure.reason), error: failure };
  }
}

/** null when allowed; else the refusal (nothing has been written). */
function refuse(ctx: CommandContext, intent: Intent, lang: Lang, ...permissions: Permission[]): CommandResult | null {
  const missing = permissions.find((p) => !can(ctx.session.role, p));
  if (!missing) return null;
  return {
    intent,
    ok: false,
    lang,
    message: t(lang).forbidden(ctx.session.role, t(lang).permission[missing]),
    error: { code: 'forbidden', reason: `role ${ctx.session.role} lacks ${missing}` },
  };
}

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Dates as ISO strings, so results are plain JSON. */
function plain<T extends Row>(row: T): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

function actorOf(ctx: CommandContext): string {
  return ctx.session.email;
}

// --- campaigns ---------------------------------------------------------------------

interface CampaignRow {
  id: string;
  campaign_key: string;
  name: string;
  is_active: boolean;
  status: string;
}


type CampaignMatch = { kind: 'one'; campaign: CampaignRow } | { kind: 'none' } | { kind: 'many'; candidates: CampaignRow[] };

/**
 * A campaign of this account by id, campaign_key, name or its words, accent- and
 * case-insensitive: public.resolve_campaign decides (api/domain/campaigns.ts).
 */
export async function resolveCampaign(db: Db, ref: string, accountId: string): Promise<CampaignMatch> {
  const r = await db((tx) => resolveCampaignRow(tx, accountId, ref));
  if (r.kind === 'one') return { kind: 'one', campaign: r.value };
  return r;
}

function campaignRows(rows: CampaignRow[]): Row[] {
  return rows.map((c) => ({ id: c.id, campaign_key: c.campaign_key, name: c.name, is_active: c.is_active, status: c.status }));
}

function campaignNotFound(intent: Intent, lang: Lang, ref: string | undefined, match: CampaignMatch): CommandResult {
  const m = t(lang);
  if (match.kind === 'many') {
    return {
      intent,
      ok: false,
      lang,
      message: m.campaignAmbiguous(ref ?? '', match.candidates.map((c) => c.campaign_key)),
      error: { code: 'ambiguous_campaign', reason: `${match.candidates.length} campaigns match` },
      data: { rows: campaignRows(match.candidates) },
    };
  }
  return {
    intent,
    ok: false,
    lang,
    message: ref ? m.campaignNotFound(ref) : m.campaignMissing(),
    error: { code: ref ? 'campaign_not_found' : 'missing_campaign', reason: ref ? `no campaign "${ref}" is visible` : 'no campaign named' },
  };
}

/** seed 001's consistency query: campaigns whose status disagrees with is_active (0 by construction). */
async function campaignMismatches(tx: TransactionSql): Promise<number> {
  const [row] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.campaigns
    where (is_active = true and status <> 'active') or (is_active = false and status = 'active')`;
  return row!.n;
}

export async function systemStatus(ctx: CommandContext, args: { lang?: Lang } = {}): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('system.status', lang, async () => {
    const snapshot = await ctx.db(async (tx) => {
      const [c] = await tx<
        { total: number; active: number; touch_runs_24h: number; sent_24h: number; failed_24h: number; queued_24h: number; enrollments: number }[]
      >`
        select count(*)::int as total,
               count(*) filter (where is_active)::int as active,
               coalesce(sum(touch_runs_24h), 0)::int as touch_runs_24h,
               coalesce(sum(sent_24h), 0)::int as sent_24h,
               coalesce(sum(failed_24h), 0)::int as failed_24h,
               coalesce(sum(queued_24h), 0)::int as queued_24h,
               coalesce(sum(active_enrollments), 0)::int as enrollments
        from public.v_campaign_runtime_status_v1`;
      const [l] = await tx<{ total: number; last_24h: number; suppressed: number }[]>`
        select count(*)::int as total,
               count(*) filter (where created_at > now() - interval '24 hours')::int as last_24h,
               count(*) filter (where status = 'suppressed')::int as suppressed
        from public.leads`;
      return { campaigns: c!, leads: l!, mismatches: await campaignMismatches(tx) };
    });
    const programs = await listPrograms(ctx.db, lang);
    // The job queue's counts (public.system_health); a database without it still answers the rest.
    let jobs: { pending: number; running: number; failed: number } | null = null;
    try {
      jobs = await ctx.db(async (tx) => {
        const [row] = await tx<{ jobs: { pending: number; running: number; failed: number } | null }[]>`
          select public.system_health() -> 'jobs' as jobs`;
        return row?.jobs ?? null;
      });
    } catch (error) {
      if (!sqlFailure(error) && (error as PgErrorLike).code !== '42883') throw error;
    }
    const { campaigns: c, leads: l } = snapshot;
    const programText = programs.programs.length
      ? programs.programs.map((p) => `${p.name} ${p.state_label}`).join(', ')
      : tr(lang, 'ninguno ha corrido', 'none has run');
    const jobsText = jobs
      ? tr(lang, ` Trabajos: ${jobs.pending} pendientes, ${jobs.running} corriendo, ${jobs.failed} fallidos.`, ` Jobs: ${jobs.pending} pending, ${jobs.running} running, ${jobs.failed} failed.`)
      : '';
    return {
      intent: 'system.status',
      ok: true,
      lang,
      message:
        tr(
          lang,
          `Campañas: ${c.active} de ${c.total} activas. Toques 24 h: ${c.touch_runs_24h} (${c.sent_24h} enviados, ${c.failed_24h} fallidos, ${c.queued_24h} en cola). Leads: ${l.total} (${l.last_24h} en 24 h, ${l.suppressed} suprimidos). Programas: ${programText}.`,
          `Campaigns: ${c.active} of ${c.total} active. Touches 24 h: ${c.touch_runs_24h} (${c.sent_24h} sent, ${c.failed_24h} failed, ${c.queued_24h} queued). Leads: ${l.total} (${l.last_24h} in 24 h, ${l.suppressed} suppressed). Programs: ${programText}.`,
        ) + jobsText,
      data: {
        campaigns_total: c.total,
        campaigns_active: c.active,
        campaign_status_mismatches: snapshot.mismatches,
        active_enrollments: c.enrollments,
        touch_runs_24h: c.touch_runs_24h,
        sent_24h: c.sent_24h,
        failed_24h: c.failed_24h,
        queued_24h: c.queued_24h,
        leads_total: l.total,
        leads_24h: l.last_24h,
        leads_suppressed: l.suppressed,
        jobs,
        rows: programs.programs.map(programRow),
      },
    };
  });
}

function programRow(p: ProgramSummary): Row {
  return {
    program: p.key,
    state: p.state_label,
    routing_active: p.routing_active,
    tasks_60m: p.tasks_60m,
    done_60m: p.done_60m,
    failed_60m: p.failed_60m,
    leads_60m: p.leads_60m,
    leads_24h: p.leads_24h,
    last_success_at: p.last_success_at,
  };
}

async function programsRedirect(ctx: CommandContext, lang: Lang, topic: string): Promise<CommandResult> {
  const list = await listPrograms(ctx.db, lang);
  const name = topic === 'craigslist' ? 'Craigslist' : topic === 'autopilot' ? 'Autopilot' : 'LeadGen';
  return {
    intent: 'campaign.list',
    ok: true,
    lang,
    message: tr(
      lang,
      `${name} no es una campaña: es un programa LeadGen (no vive en public.campaigns). Pide "lista programas" o "estado de craigslist <ciudad>".`,
      `${name} is not a campaign: it is a LeadGen program (it does not live in public.campaigns). Ask "list programs" or "status craigslist <city>".`,
    ),
    data: { redirect_to: 'program.list', suggestions: lang === 'es' ? ['lista programas'] : ['list programs'], rows: list.programs.map(programRow) },
  };
}

export async function listCampaigns(
  ctx: CommandContext,
  args: { active?: boolean; topic?: IntentArgs['topic']; lang?: Lang } = {},
): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('campaign.list', lang, async () => {
    if (args.topic) return programsRedirect(ctx, lang, args.topic);
    const active = args.active ?? null;
    const rows = await ctx.db((tx) => tx<Row[]>`
      select campaign_id, campaign_key, name, is_active, status, last_touch_run_at,
             touch_runs_24h::int as touch_runs_24h, sent_24h::int as sent_24h, failed_24h::int as failed_24h,
             active_enrollments::int as active_enrollments
      from public.v_campaign_runtime_status_v1
      where ${active}::boolean is null or is_active = ${active}::boolean
      order by is_active desc, campaign_key`);
    const running = rows.filter((r) => r.is_active === true).length;
    const which = active === true ? tr(lang, ' activas', ' active') : active === false ? tr(lang, ' pausadas', ' paused') : '';
    return {
      intent: 'campaign.list',
      ok: true,
      lang,
      message: rows.length
        ? active === null
          ? tr(lang, `${rows.length} campañas (${running} activas ahora).`, `${rows.length} campaigns (${running} running now).`)
          : tr(lang, `${rows.length} campañas${which}.`, `${rows.length}${which} campaigns.`)
        : tr(lang, `No hay campañas${which}.`, `No${which} campaigns.`),
      data: { total: rows.length, running, rows: rows.map(plain) },
    };
  });
}

/** Switches one campaign (public.set_campaign_active) and reports is_active and status re-read afterwards. */
export async function setCampaignActive(
  ctx: CommandContext,
  args: { campaignId: string; active: boolean; lang?: Lang },
): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, 'campaign.toggle', lang, 'campaigns.toggle');
  if (denied) return denied;
  return guard('campaign.toggle', lang, async () => {
    await ctx.db((tx) => tx`select id from public.set_campaign_active(${args.campaignId}::uuid, ${args.active}, ${actorOf(ctx)})`);
    const [after] = await ctx.db((tx) => tx<CampaignRow[]>`
      select c.id, c.campaign_key, c.name, c.is_active, c.status from public.campaigns c where c.id = ${args.campaignId}::uuid`);
    if (!after || after.is_active !== args.active) {
      return {
        intent: 'campaign.toggle',
        ok: false,
        lang,
        message: tr(lang, 'El cambio no quedó guardado al releer la base de datos.', 'The change was not there when the database was re-read.'),
        error: { code: 'reread_mismatch', reason: 'is_active differs from what was asked after re-reading' },
        ...(after ? { data: { campaign: campaignRows([after])[0]! } } : {}),
      };
    }
    return {
      intent: 'campaign.toggle',
      ok: true,
      lang,
      message: after.is_active
        ? tr(lang, `Campaña ${after.campaign_key} activa (releída: is_active=true, status=${after.status}).`, `Campaign ${after.campaign_key} is on (re-read: is_active=true, status=${after.status}).`)
        : tr(lang, `Campaña ${after.campaign_key} pausada (releída: is_active=false, status=${after.status}).`, `Campaign ${after.campaign_key} is paused (re-read: is_active=false, status=${after.status}).`),
      data: { campaign: campaignRows([after])[0]!, rows: campaignRows([after]) },
    };
  });
}

export async function toggleCampaign(
  ctx: CommandContext,
  args: { campaign?: string; active?: boolean; lang?: Lang },
): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, 'campaign.toggle', lang, 'campaigns.toggle');
  if (denied) return denied;
  if (args.active === undefined) {
    return {
      intent: 'campaign.toggle',
      ok: false,
      lang,
      message: tr(lang, '¿Prender o apagar? Di "prende la campaña X" o "apaga la campaña X".', 'On or off? Say "activate campaign X" or "pause campaign X".'),
      error: { code: 'missing_argument', reason: 'active' },
    };
  }
  if (!args.campaign) return campaignNotFound('campaign.toggle', lang, undefined, { kind: 'none' });
  const match = await resolveCampaign(ctx.db, args.campaign, ctx.session.accountId);
  if (match.kind !== 'one') return campaignNotFound('campaign.toggle', lang, args.campaign, match);
  return setCampaignActive(ctx, { campaignId: match.campaign.id, active: args.active, lang });
}

/** "Pause all running" (public.set_campaigns_active_bulk), then re-reads how many still run. */
export async function pauseAllRunning(ctx: CommandContext, args: { lang?: Lang } = {}): Promise<CommandResult> {
  return bulkSetActive(ctx, false, args.lang ?? 'en');
}

async function bulkSetActive(ctx: CommandContext, active: boolean, lang: Lang): Promise<CommandResult> {
  const denied = refuse(ctx, 'campaign.toggle.bulk', lang, 'campaigns.toggle');
  if (denied) return denied;
  return guard('campaign.toggle.bulk', lang, async () => {
    const changed = await ctx.db((tx) => tx<CampaignRow[]>`
      select id, campaign_key, name, is_active, status
      from public.set_campaigns_active_bulk(${ctx.session.accountId}::uuid, ${active}, ${actorOf(ctx)})`);
    const reread = await ctx.db(async (tx) => {
      const [counts] = await tx<{ running: number; total: number }[]>`
        select count(*) filter (where is_active)::int as running, count(*)::int as total from public.campaigns`;
      const rows = await tx<CampaignRow[]>`
        select id, campaign_key, name, is_active, status from public.campaigns where id = any(${changed.map((c) => c.id)}::uuid[])
        order by campaign_key`;
      return { ...counts!, rows, mismatches: await campaignMismatches(tx) };
    });
    const ok = reread.rows.every((r) => r.is_active === active) && (active || reread.running === 0);
    return {
      intent: 'campaign.toggle.bulk',
      ok,
      lang,
      message: active
        ? tr(lang, `Activé ${changed.length} campañas. Releído: ${reread.running} de ${reread.total} activas.`, `Switched on ${changed.length} campaigns. Re-read: ${reread.running} of ${reread.total} running.`)
        : tr(lang, `Pausé ${changed.length} campañas. Releído: ${reread.running} de ${reread.total} siguen activas.`, `Paused ${changed.length} campaigns. Re-read: ${reread.running} of ${reread.total} still running.`),
      data: { changed: changed.length, running: reread.running, total: reread.total, campaign_status_mismatches: reread.mismatches, rows: campaignRows(reread.rows) },
      ...(ok ? {} : { error: { code: 'reread_mismatch', reason: 'campaigns still differ from what was asked after re-reading' } }),
    };
  });
}

export async function toggleCampaignsBulk(
  ctx: CommandContext,
  args: { active?: boolean; confirm?: boolean; lang?: Lang },
): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  if (args.active !== true) return pauseAllRunning(ctx, { lang });
  const denied = refuse(ctx, 'campaign.toggle.bulk', lang, 'campaigns.toggle');
  if (denied) return denied;
  if (!args.confirm) {
    // Switching everything on starts outreach at once: ask first, saying how many.
    const [row] = await ctx.db((tx) => tx<{ paused: number }[]>`
      select count(*) filter (where not is_active)::int as paused from public.campaigns`);
    return {
      intent: 'campaign.toggle.bulk',
      ok: false,
      lang,
      message: tr(lang, `Esto activaría ${row!.paused} campañas pausadas a la vez.`, `This would switch on ${row!.paused} paused campaigns at once.`),
      needs_confirmation: {
        prompt: tr(lang, `¿Activar las ${row!.paused} campañas pausadas?`, `Switch on all ${row!.paused} paused campaigns?`),
        confirm_text: canonicalText({ intent: 'campaign.toggle.bulk', args: { active: true, confirm: true }, lang }),
      },
      data: { paused: row!.paused },
    };
  }
  return bulkSetActive(ctx, true, lang);
}

// --- programs ----------------------------------------------------------------------

export async function listProgramsCommand(ctx: CommandContext, args: { lang?: Lang } = {}): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('program.list', lang, async () => {
    const list = await listPrograms(ctx.db, lang);
    const routing = list.routing;
    const routingText = routing.active
      ? tr(lang, 'routing de LeadGen encendido', 'LeadGen routing on')
      : routing.configured
        ? tr(lang, 'routing de LeadGen configurado pero apagado', 'LeadGen routing configured but off')
        : tr(lang, 'routing de LeadGen sin configurar', 'LeadGen routing not configured');
    return {
      intent: 'program.list',
      ok: true,
      lang,
      message: list.programs.length
        ? tr(lang, `Programas LeadGen (${routingText}): `, `LeadGen programs (${routingText}): `) +
          list.programs.map((p) => `${p.name} — ${p.state_label}`).join('; ')
        : tr(
            lang,
            `Ningún programa LeadGen ha corrido (${routingText}). Disponible: Craigslist por ciudad, p. ej. "prende craigslist miami".`,
            `No LeadGen program has run yet (${routingText}). Available: Craigslist per city, e.g. "start craigslist miami".`,
          ),
      data: { routing, known_programs: list.known_programs, rows: list.programs.map(programRow) },
    };
  });
}

export async function programStatus(ctx: CommandContext, args: { city?: string; lang?: Lang } = {}): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('program.status', lang, async () => {
    const city = args.city ? await ctx.db((tx) => leadgen.normalizeCity(tx, args.city!)) : null;
    const key = city ? `craigslist:${city}` : 'craigslist';
    const result = await programDetail(ctx.db, key, lang);
    if (!result.found) {
      return {
        intent: 'program.status',
        ok: false,
        lang,
        message: result.reason,
        error: { code: 'program_not_found', reason: result.reason },
      };
    }
    const p = result.program;
    return {
      intent: 'program.status',
      ok: true,
      lang,
      message: tr(
        lang,
        `${p.name}: ${p.state_label} — ${p.state_reason}. Próxima acción: ${p.next_action}`,
        `${p.name}: ${p.state_label} — ${p.state_reason}. Next action: ${p.next_action}`,
      ),
      data: {
        key: p.key,
        state: p.state,
        state_label: p.state_label,
        state_reason: p.state_reason,
        next_action: p.next_action,
        routing_active: p.health.routing_active,
        claimed_15m: p.health.worker_health.claimed_15m,
        done_15m: p.health.worker_health.done_15m,
        last_success_at: p.health.last_success_at,
        tasks_60m: p.throughput.tasks_60m,
        by_status: p.throughput.by_status,
        top_errors: p.throughput.top_errors,
        leads_60m: p.output.leads_60m,
        leads_24h: p.output.leads_24h,
        rows: p.events.map((e) => ({
          task_type: e.task_type,
          status: e.status,
          external_id: e.external_id,
          attempts: e.attempts,
          last_error: e.last_error,
          created_at: e.created_at,
          finished_at: e.finished_at,
        })),
      },
    };
  });
}

async function cityOrFallback(ctx: CommandContext, city: string | undefined): Promise<string | null> {
  if (city && (await ctx.db((tx) => leadgen.normalizeCity(tx, city)))) return city;
  return ctx.db((tx) => leadgen.routingCityFallback(tx, ctx.session.accountId));
}

function missingCity(intent: Intent, lang: Lang): CommandResult {
  return {
    intent,
    ok: false,
    lang,
    message: tr(
      lang,
      '¿En qué ciudad? Di p. ej. "prende craigslist miami" (o configura city_fallback en el routing de LeadGen).',
      'Which city? Say e.g. "start craigslist miami" (or set city_fallback in LeadGen routing).',
    ),
    error: { code: 'missing_city', reason: 'no city named and LeadGen routing has no city_fallback' },
  };
}

interface StartOutcome {
  outcome: 'ok' | 'needs_setup' | 'needs_confirmation' | 'already_running';
  city: string;
  task_id?: string;
  reason?: string;
  message?: string;
  last_run_at?: string;
}

/** Re-read of one city's program for a reply: state and the queue counts. */
async function rereadProgram(ctx: CommandContext, city: string, lang: Lang): Promise<Row | null> {
  const result = await programDetail(ctx.db, `craigslist:${city}`, lang);
  if (!result.found) return null;
  const p = result.program;
  return {
    key: p.key,
    state: p.state,
    state_label: p.state_label,
    routing_active: p.health.routing_active,
    queued_60m: p.throughput.by_status.queued,
    claimed_60m: p.throughput.by_status.claimed,
    done_60m: p.throughput.by_status.done,
    failed_60m: p.throughput.by_status.failed,
    canceled_60m: p.throughput.by_status.canceled,
    queued_now: p.events.filter((e) => e.status === 'queued').length,
    next_action: p.next_action,
  };
}

/**
 * Starts Craigslist in a city (lead_hunter.start_craigslist_v1): refused
 * without configured, active LeadGen routing unless `override`; asks to
 * confirm before running again a city that ran in the last hour (the reply's
 * confirm_text, or confirm: true, goes ahead). Re-reads the program after.
 */
export async function startCraigslist(
  ctx: CommandContext,
  args: { city?: string; override?: boolean; confirm?: boolean; lang?: Lang },
): Promise<CommandResult> {
  const intent: Intent = 'craigslist.cto.start';
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, intent, lang, 'programs.control');
  if (denied) return denied;
  return guard(intent, lang, async () => {
    const city = await cityOrFallback(ctx, args.city);
    if (!city) return missingCity(intent, lang);
    const override = args.override === true;
    const [row] = await ctx.db((tx) => tx<{ result: StartOutcome }[]>`
      select lead_hunter.start_craigslist_v1(${ctx.session.accountId}::uuid, ${city}, ${override}, ${args.confirm === true}, ${actorOf(ctx)}) as result`);
    const out = row!.result;
    const name = `Craigslist ${out.city}`;
    switch (out.outcome) {
      case 'needs_setup': {
        const code = out.reason ?? 'leadgen_routing_not_configured';
        const overrideText = canonicalText({ intent, args: { city: out.city, override: true }, lang });
        const reason =
          code === 'leadgen_routing_inactive'
            ? tr(lang, 'el routing de LeadGen está apagado', 'LeadGen routing is off')
            : tr(lang, 'el routing de LeadGen no está configurado (falta la dirección del dealer o el radio)', 'LeadGen routing is not configured (dealer address or radius missing)');
        return {
          intent,
          ok: false,
          lang,
          message: tr(
            lang,
            `No arranqué ${name}: ${reason}. Complétalo en Ajustes (paso 3 del onboarding), o arranca con override explícito: "${overrideText}".`,
            `${name} was not started: ${reason}. Complete it in Settings (onboarding step 3), or start with an explicit override: "${overrideText}".`,
          ),
          needs_setup: { reason: code },
          error: { code, reason: out.message ?? reason },
          data: { city: out.city, override_text: overrideText },
        };
      }
      case 'needs_confirmation': {
        const confirmText = canonicalText({ intent, args: { city: out.city, ...(override ? { override: true } : {}), confirm: true }, lang });
        return {
          intent,
          ok: false,
          lang,
          message: tr(
            lang,
            `${name} ya corrió en la última hora (${out.last_run_at ?? ''}). No arranqué otra corrida.`,
            `${name} already ran in the last hour (${out.last_run_at ?? ''}). No new run was started.`,
          ),
          needs_confirmation: {
            prompt: tr(lang, `¿Correr ${name} otra vez? Envía "${confirmText}".`, `Run ${name} again? Send "${confirmText}".`),
            confirm_text: confirmText,
          },
          data: { city: out.city, last_run_at: out.last_run_at ?? null },
        };
      }
      case 'already_running': {
        const program = await rereadProgram(ctx, out.city, lang);
        return {
          intent,
          ok: true,
          lang,
          message: tr(
            lang,
            `${name} ya está corriendo (un discover en cola o en curso); no encolé otro. Estado releído: ${program?.state_label ?? '—'}.`,
            `${name} is already running (a discover is queued or in progress); no second one was queued. Re-read state: ${program?.state_label ?? '—'}.`,
          ),
          data: { outcome: 'already_running', city: out.city, program },
        };
      }
      case 'ok': {
        const program = await rereadProgram(ctx, out.city, lang);
        const queued = await ctx.db((tx) => tx<{ id: string; status: string; created_at: Date }[]>`
          select id, status, created_at from lead_hunter.craigslist_tasks_v1 where id = ${out.task_id ?? null}::uuid`);
        const task = queued[0];
        const ok = task !== undefined && ['queued', 'claimed', 'done'].includes(task.status);
        const label = program ? String(program.state_label) : STATE_LABELS.disabled;
        return {
          intent,
          ok,
          lang,
          message: ok
            ? tr(
                lang,
                `${name} arrancado: tarea discover ${task.status === 'queued' ? 'en cola' : task.status} (releída). Estado del programa: ${label}${override && program && program.routing_active === false ? ' (con override; el routing sigue apagado)' : ''}.`,
                `${name} started: discover task ${task.status} (re-read). Program state: ${label}${override && program && program.routing_active === false ? ' (override; routing is still off)' : ''}.`,
              )
            : tr(lang, `No encontré la tarea encolada al releer.`, `The queued task was not there when re-read.`),
          data: {
            outcome: 'started',
            city: out.city,
            override,
            task: task ? { id: task.id, status: task.status, created_at: iso(task.created_at) } : null,
            program,
          },
          ...(ok ? {} : { error: { code: 'reread_mismatch', reason: 'the discover task was not found after starting' } }),
        };
      }
    }
  });
}

/** Stops Craigslist in a city (lead_hunter.stop_craigslist_v1: queued tasks canceled) and re-reads the queue. */
export async function stopCraigslist(ctx: CommandContext, args: { city?: string; lang?: Lang }): Promise<CommandResult> {
  const intent: Intent = 'craigslist.cto.stop';
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, intent, lang, 'programs.control');
  if (denied) return denied;
  return guard(intent, lang, async () => {
    const city = await cityOrFallback(ctx, args.city);
    if (!city) return missingCity(intent, lang);
    const normalized = (await ctx.db((tx) => leadgen.normalizeCity(tx, city))) ?? city;
    const canceled = await ctx.db((tx) => leadgen.stopCraigslist(tx, ctx.session.accountId, city));
    const row = { canceled };
    const left = await ctx.db((tx) => leadgen.craigslistQueue(tx, normalized));
    const program = await rereadProgram(ctx, normalized, lang);
    const ok = left!.queued === 0;
    return {
      intent,
      ok,
      lang,
      message: tr(
        lang,
        `Craigslist ${normalized} detenido: ${row!.canceled} tareas canceladas; releído: ${left!.queued} en cola${left!.claimed ? `, ${left!.claimed} en curso terminarán` : ''}. Estado: ${program?.state_label ?? STATE_LABELS.disabled}.`,
        `Craigslist ${normalized} stopped: ${row!.canceled} tasks canceled; re-read: ${left!.queued} queued${left!.claimed ? `, ${left!.claimed} in progress will finish` : ''}. State: ${program?.state_label ?? STATE_LABELS.disabled}.`,
      ),
      data: { city: normalized, canceled: row!.canceled, queued_now: left!.queued, claimed_now: left!.claimed, program },
      ...(ok ? {} : { error: { code: 'reread_mismatch', reason: 'tasks are still queued after stopping' } }),
    };
  });
}

// --- autos (seed 001 "Autos full-funnel") --------------------------------------------


export async function setAutosActive(
  ctx: CommandContext,
  args: { city?: string; active: boolean; lang?: Lang },
): Promise<CommandResult> {
  const intent: Intent = args.active ? 'autos.activate' : 'autos.deactivate';
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, intent, lang, 'campaigns.toggle', 'programs.control');
  if (denied) return denied;
  return guard(intent, lang, async () => {
    const city = args.city ?? null;
    const res = await ctx.db((tx) => leadgen.autosSetActive(tx, { accountId: ctx.session.accountId, city, active: args.active, actor: actorOf(ctx) }));
    const wanted = res.wanted;
    if (res.resolution === 'needs_setup') {
      return {
        intent,
        ok: false,
        lang,
        message: tr(
          lang,
          `No hay campaña outbound con campaign_key ${wanted}; no se activó ninguna campaña. Crea la campaña ${wanted} primero.`,
          `No outbound campaign has campaign_key ${wanted}; no campaign was switched. Create the ${wanted} campaign first.`,
        ),
        needs_setup: { reason: `no campaign with campaign_key ${wanted}` },
        data: { candidates: res.candidates },
      };
    }
    if (res.resolution === 'needs_confirmation') {
      const first = res.candidates[0]!.replace(/^autos_outbound_/, '');
      const confirmText = canonicalText({ intent, args: { city: first }, lang });
      return {
        intent,
        ok: false,
        lang,
        message: tr(
          lang,
          `${res.candidates.length} campañas autos coinciden (${res.candidates.join(', ')}); no se cambió ninguna. Di la ciudad.`,
          `${res.candidates.length} autos campaigns match (${res.candidates.join(', ')}); none was changed. Name the city.`,
        ),
        needs_confirmation: {
          prompt: tr(lang, `¿Cuál? Por ejemplo "${confirmText}".`, `Which one? For example "${confirmText}".`),
          confirm_text: confirmText,
        },
        data: { candidates: res.candidates, rows: res.candidates.map((k) => ({ campaign_key: k, command: canonicalText({ intent, args: { city: k.replace(/^autos_outbound_/, '') }, lang }) })) },
      };
    }
    // Re-read what changed: the campaign, routing, and the city's program.
    const reread = await ctx.db(async (tx) => {
      const [c] = await tx<CampaignRow[]>`
        select id, campaign_key, name, is_active, status from public.campaigns where id = ${res.campaign_id}::uuid`;
      return { campaign: c ?? null, routing: { active: await leadgen.routingActive(tx, ctx.session.accountId) } };
    });
    const normalizedCity = city ? await ctx.db((tx) => leadgen.normalizeCity(tx, city)) : null;
    const program = normalizedCity ? await rereadProgram(ctx, normalizedCity, lang) : null;
    const campaignOk = reread.campaign?.is_active === args.active;
    const routingOk = args.active ? reread.routing.active || res.routing_note === 'routing_needs_setup' : !reread.routing.active;
    const ok = campaignOk && routingOk;
    const needsRouting = res.routing_note === 'routing_needs_setup';
    const key = reread.campaign?.campaign_key ?? res.campaign_key ?? wanted;
    const message = args.active
      ? tr(
          lang,
          `Autos activado: campaña ${key} ${reread.campaign?.is_active ? 'activa' : 'NO activa'} (releída), routing de LeadGen ${reread.routing.active ? 'encendido' : 'apagado'}${program ? `, Craigslist ${program.state_label}` : ''}.${needsRouting ? ' El routing no está configurado: complétalo en Ajustes (paso 3) para que Craigslist corra.' : ''}`,
          `Autos on: campaign ${key} ${reread.campaign?.is_active ? 'active' : 'NOT active'} (re-read), LeadGen routing ${reread.routing.active ? 'on' : 'off'}${program ? `, Craigslist ${program.state_label}` : ''}.${needsRouting ? ' Routing is not configured: complete it in Settings (step 3) for Craigslist to run.' : ''}`,
        )
      : tr(
          lang,
          `Autos desactivado: campaña ${key} ${reread.campaign?.is_active ? 'SIGUE activa' : 'pausada'} (releída), routing de LeadGen ${reread.routing.active ? 'encendido' : 'apagado'}${program ? `, Craigslist ${program.state_label}` : ''}.`,
          `Autos off: campaign ${key} ${reread.campaign?.is_active ? 'STILL active' : 'paused'} (re-read), LeadGen routing ${reread.routing.active ? 'on' : 'off'}${program ? `, Craigslist ${program.state_label}` : ''}.`,
        );
    return {
      intent,
      ok,
      lang,
      message,
      data: {
        campaign: reread.campaign ? campaignRows([reread.campaign])[0]! : null,
        routing_active: reread.routing.active,
        routing_note: res.routing_note,
        program,
      },
      ...(needsRouting ? { needs_setup: { reason: 'routing_needs_setup' } } : {}),
      ...(ok ? {} : { error: { code: 'reread_mismatch', reason: 'the re-read state differs from what was asked' } }),
    };
  });
}

export const activateAutos = (ctx: CommandContext, args: { city?: string; lang?: Lang }) => setAutosActive(ctx, { ...args, active: true });
export const deactivateAutos = (ctx: CommandContext, args: { city?: string; lang?: Lang }) => setAutosActive(ctx, { ...args, active: false });

// --- leads -------------------------------------------------------------------------

interface LeadRef {
  lead_id: string;
  lead_name: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  lead_state: string;
  status: string;
}

type LeadMatch = { kind: 'one'; lead: LeadRef } | { kind: 'none' } | { kind: 'many'; candidates: LeadRef[] };

/** A lead of this account by id, phone, email, external id or name: public.resolve_lead decides (api/domain/leads.ts). */
export async function resolveLead(db: Db, ref: string, accountId: string): Promise<LeadMatch> {
  const r = await db((tx) => resolveLeadRow(tx, accountId, ref.trim()));
  if (r.kind === 'one') return { kind: 'one', lead: r.value };
  return r;
}

function leadLabel(l: LeadRef): string {
  return l.lead_name ?? l.email ?? l.phone ?? l.lead_id;
}

function leadNotFound(intent: Intent, lang: Lang, ref: string | undefined, match: LeadMatch): CommandResult {
  const m = t(lang);
  if (match.kind === 'many') {
    return {
      intent,
      ok: false,
      lang,
      message: m.leadAmbiguous(match.candidates.length, ref ?? ''),
      error: { code: 'ambiguous_lead', reason: `${match.candidates.length} leads match` },
      data: { rows: match.candidates.map((l) => ({ ...l })) },
    };
  }
  return {
    intent,
    ok: false,
    lang,
    message: ref ? m.leadNotFound(ref) : m.leadMissing(),
    error: { code: ref ? 'lead_not_found' : 'missing_lead', reason: ref ? `no lead "${ref}" is visible` : 'no lead named' },
  };
}

export async function listLeads(
  ctx: CommandContext,
  args: { source?: string; state?: string; next_action?: string; city?: string; lang?: Lang } = {},
): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('lead.list', lang, async () => {
    const source = args.source ?? null;
    const state = args.state ?? null;
    const nextAction = args.next_action ?? null;
    const city = args.city ? await ctx.db((tx) => leadgen.normalizeCity(tx, args.city!)) : null;
    const { rows, total } = await ctx.db(async (tx) => {
      const rows = await tx<Row[]>`
        select v.lead_id, e.lead_name, e.phone, e.email, e.source, e.city, v.lead_state, v.priority_score,
               v.next_action, v.next_action_at, v.effective_channel
        from public.lead_next_action_view_v5 v
        join public.lead_enriched e on e.lead_id = v.lead_id
        where (${source}::text is null or e.source = ${source}::text)
          and (${state}::text is null or v.lead_state = ${state}::text)
          and (${nextAction}::text is null or v.next_action = ${nextAction}::text)
          and (${city}::text is null or lead_hunter.normalize_city(e.city) = ${city}::text)
        order by v.priority_score desc, v.lead_id
        limit 20`;
      const [t] = await tx<{ n: number }[]>`
        select count(*)::int as n from public.leads l
        where (${source}::text is null or l.source = ${source}::text)
          and (${state}::text is null or l.lead_state = ${state}::text)
          and (${city}::text is null or lead_hunter.normalize_city(l.city) = ${city}::text)
          and (${nextAction}::text is null or exists (
            select 1 from public.lead_next_action_view_v5 v where v.lead_id = l.id and v.next_action = ${nextAction}::text))`;
      return { rows, total: t!.n };
    });
    const filters = [source && `source=${source}`, state && `state=${state}`, nextAction && `next_action=${nextAction}`, city && `city=${city}`]
      .filter(Boolean)
      .join(', ');
    return {
      intent: 'lead.list',
      ok: true,
      lang,
      message: tr(
        lang,
        `${total} leads${filters ? ` (${filters})` : ''}; los ${rows.length} de mayor prioridad:`,
        `${total} leads${filters ? ` (${filters})` : ''}; the ${rows.length} with the highest priority:`,
      ),
      data: { total, filters: { source, state, next_action: nextAction, city }, rows: rows.map(plain) },
    };
  });
}

export async function inspectLead(ctx: CommandContext, args: { lead?: string; lang?: Lang }): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('lead.inspect', lang, async () => {
    if (!args.lead) return leadNotFound('lead.inspect', lang, undefined, { kind: 'none' });
    const match = await resolveLead(ctx.db, args.lead, ctx.session.accountId);
    if (match.kind !== 'one') return leadNotFound('lead.inspect', lang, args.lead, match);
    const id = match.lead.lead_id;
    const detail = await ctx.db(async (tx) => {
      const [lead] = await tx<Row[]>`
        select lead_id, lead_name, company_name, phone, phone_line_type, email, is_gold, source, external_id, city, region,
               country, time_zone, status, lead_state, persona, assigned_user_id, priority_score, first_seen_at, created_at
        from public.lead_enriched where lead_id = ${id}::uuid`;
      const [next] = await tx<Row[]>`
        select next_action, next_action_at, recommended_channel, effective_channel, reason, campaign_id, priority_score
        from public.lead_next_action_view_v5 where lead_id = ${id}::uuid`;
      const [suppression] = await tx<Row[]>`
        select is_unsubscribed, suppression_reason, suppressed_channels, in_negative_cooldown, negative_cooldown_until, stop_event
        from public.lead_suppression_status_v1 where lead_id = ${id}::uuid`;
      const campaigns = await tx<Row[]>`
        select c.campaign_key, c.is_active as campaign_active, cl.status, cl.current_step
        from public.campaign_leads cl join public.campaigns c on c.id = cl.campaign_id
        where cl.lead_id = ${id}::uuid order by c.campaign_key`;
      const messages = await tx<Row[]>`
        select occurred_at, direction, channel, status, classification
        from public.inbox_events where lead_id = ${id}::uuid
        order by occurred_at desc limit 10`;
      return { lead: lead!, next: next ?? null, suppression: suppression ?? null, campaigns, messages };
    });
    const l = detail.lead;
    const n = detail.next;
    const s = detail.suppression;
    return {
      intent: 'lead.inspect',
      ok: true,
      lang,
      message: tr(
        lang,
        `${leadLabel(match.lead)}: estado ${String(l.lead_state)}, status ${String(l.status)}, prioridad ${String(n?.priority_score ?? l.priority_score)}. Próxima acción: ${String(n?.next_action ?? '—')}${n?.effective_channel ? ` por ${String(n.effective_channel)}` : ''} (${String(n?.reason ?? '—')}).${pendingNote(lang, n?.reason)}${s?.is_unsubscribed ? ` Suprimido: ${String(s.suppression_reason)}.` : ''}`,
        `${leadLabel(match.lead)}: state ${String(l.lead_state)}, status ${String(l.status)}, priority ${String(n?.priority_score ?? l.priority_score)}. Next action: ${String(n?.next_action ?? '—')}${n?.effective_channel ? ` via ${String(n.effective_channel)}` : ''} (${String(n?.reason ?? '—')}).${pendingNote(lang, n?.reason)}${s?.is_unsubscribed ? ` Suppressed: ${String(s.suppression_reason)}.` : ''}`,
      ),
      data: {
        lead: plain(l),
        next_action: n ? plain(n) : null,
        suppression: s ? plain(s) : null,
        campaigns: detail.campaigns.map(plain),
        rows: detail.messages.map(plain),
      },
    };
  });
}

export async function leadNextAction(ctx: CommandContext, args: { lead?: string; lang?: Lang } = {}): Promise<CommandResult> {
  const lang = args.lang ?? 'en';
  return guard('lead.next_action', lang, async () => {
    if (!args.lead) {
      // Seed 001's sample: the ten leads with the highest priority and what happens next.
      const rows = await ctx.db((tx) => tx<Row[]>`
        select lead_id, lead_name, priority_score, recommended_action, next_action_at, effective_channel, reason
        from public.lead_next_action_view_v5
        order by priority_score desc, lead_id
        limit 10`);
      return {
        intent: 'lead.next_action',
        ok: true,
        lang,
        message: tr(lang, `Próxima acción de los ${rows.length} leads de mayor prioridad:`, `Next action of the ${rows.length} highest-priority leads:`),
        data: { rows: rows.map(plain) },
      };
    }
    const match = await resolveLead(ctx.db, args.lead, ctx.session.accountId);
    if (match.kind !== 'one') return leadNotFound('lead.next_action', lang, args.lead, match);
    const [row] = await ctx.db((tx) => tx<Row[]>`
      select lead_id, campaign_id, lead_state, priority_score, next_action, next_action_at, recommended_action,
             recommended_delay_minutes, recommended_channel, effective_channel, reason
      from public.lead_next_action_view_v5 where lead_id = ${match.lead.lead_id}::uuid`);
    const r = row!;
    const when = r.next_action_at ? iso(r.next_action_at) : null;
    return {
      intent: 'lead.next_action',
      ok: true,
      lang,
      message: tr(
        lang,
        `${leadLabel(match.lead)}: ${String(r.next_action)}${r.effective_channel ? ` por ${String(r.effective_channel)}` : ''}${when ? ` a las ${when}` : ''} — regla: ${String(r.reason)}.${pendingNote(lang, r.reason)}`,
        `${leadLabel(match.lead)}: ${String(r.next_action)}${r.effective_channel ? ` via ${String(r.effective_channel)}` : ''}${when ? ` at ${when}` : ''} — rule: ${String(r.reason)}.${pendingNote(lang, r.reason)}`,
      ),
      data: { next_action: plain(r), rows: [plain(r)] },
    };
  });
}

/** Suppresses one lead by hand (public.suppress_leads, reason manual) and re-reads its suppression and next action. */
export async function suppressLead(ctx: CommandContext, args: { lead?: string; lang?: Lang }): Promise<CommandResult> {
  const intent: Intent = 'lead.suppress';
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, intent, lang, 'leads.act');
  if (denied) return denied;
  return guard(intent, lang, async () => {
    if (!args.lead) return leadNotFound(intent, lang, undefined, { kind: 'none' });
    const match = await resolveLead(ctx.db, args.lead, ctx.session.accountId);
    if (match.kind !== 'one') return leadNotFound(intent, lang, args.lead, match);
    const id = match.lead.lead_id;
    const [changed] = await ctx.db((tx) => tx<{ lead_id: string; suppressed: boolean }[]>`
      select lead_id, suppressed from public.suppress_leads(array[${id}::uuid], 'manual', ${actorOf(ctx)})`);
    const [after] = await ctx.db((tx) => tx<{ status: string; lead_state: string; is_unsubscribed: boolean; suppression_reason: string | null; next_action: string | null }[]>`
      select l.status, l.lead_state, s.is_unsubscribed, s.suppression_reason, v.next_action
      from public.leads l
      left join public.lead_suppression_status_v1 s on s.lead_id = l.id
      left join public.lead_next_action_view_v5 v on v.lead_id = l.id
      where l.id = ${id}::uuid`);
    const a = after!;
    const ok = a.status === 'suppressed' && a.is_unsubscribed === true;
    return {
      intent,
      ok,
      lang,
      message: tr(
        lang,
        `${leadLabel(match.lead)} ${changed?.suppressed ? 'suprimido' : 'ya estaba suprimido'}. Releído: status=${a.status}, lead_state=${a.lead_state}, motivo=${a.suppression_reason ?? '—'}, próxima acción=${a.next_action ?? '—'}.`,
        `${leadLabel(match.lead)} ${changed?.suppressed ? 'suppressed' : 'was already suppressed'}. Re-read: status=${a.status}, lead_state=${a.lead_state}, reason=${a.suppression_reason ?? '—'}, next action=${a.next_action ?? '—'}.`,
      ),
      data: { lead_id: id, changed: changed?.suppressed ?? false, ...a },
      ...(ok ? {} : { error: { code: 'reread_mismatch', reason: 'the lead is not suppressed after re-reading' } }),
    };
  });
}

interface EnrollCounts {
  matched: number;
  already_enrolled: number;
  not_contactable: number;
  to_enroll: number;
  enrolled: number;
}

async function enrollCall(ctx: CommandContext, campaignId: string, filter: Record<string, unknown>, preview: boolean): Promise<EnrollCounts> {
  const [row] = await ctx.db((tx) => tx<EnrollCounts[]>`
    select matched::int, already_enrolled::int, not_contactable::int, to_enroll::int, enrolled::int
    from public.enroll_leads(${campaignId}::uuid, ${tx.json(filter as never)}, ${preview})`);
  return row!;
}

/**
 * Enrolls one lead (or, with source/state, the leads matching: preview and
 * confirmation first) in a campaign (public.enroll_leads), then re-reads the enrollment.
 */
export async function enrollLead(
  ctx: CommandContext,
  args: { lead?: string; source?: string; state?: string; campaign?: string; confirm?: boolean; lang?: Lang },
): Promise<CommandResult> {
  const intent: Intent = 'lead.enroll';
  const lang = args.lang ?? 'en';
  const denied = refuse(ctx, intent, lang, 'campaigns.enroll');
  if (denied) return denied;
  return guard(intent, lang, async () => {
    if (!args.campaign) return campaignNotFound(intent, lang, undefined, { kind: 'none' });
    const cm = await resolveCampaign(ctx.db, args.campaign, ctx.session.accountId);
    if (cm.kind !== 'one') return campaignNotFound(intent, lang, args.campaign, cm);
    const campaign = cm.campaign;

    if (!args.lead) {
      if (!args.source && !args.state) return leadNotFound(intent, lang, undefined, { kind: 'none' });
      const filter: Record<string, unknown> = {};
      if (args.source) filter.source = args.source;
      if (args.state) filter.lead_state = args.state;
      if (!args.confirm) {
        const preview = await enrollCall(ctx, campaign.id, filter, true);
        const confirmText = canonicalText({
          intent,
          args: { campaign: campaign.campaign_key, ...(args.source ? { source: args.source } : {}), ...(args.state ? { state: args.state as IntentArgs['state'] } : {}), confirm: true },
          lang,
        });
        return {
          intent,
          ok: false,
          lang,
          message: tr(
            lang,
            `Vista previa: ${preview.matched} leads coinciden; se inscribirían ${preview.to_enroll} en ${campaign.campaign_key} (${preview.already_enrolled} ya inscritos, ${preview.not_contactable} no contactables). No se escribió nada.`,
            `Preview: ${preview.matched} leads match; ${preview.to_enroll} would be enrolled in ${campaign.campaign_key} (${preview.already_enrolled} already enrolled, ${preview.not_contactable} not contactable). Nothing was written.`,
          ),
          needs_confirmation: {
            prompt: tr(lang, `¿Inscribir ${preview.to_enroll} leads en ${campaign.campaign_key}?`, `Enroll ${preview.to_enroll} leads in ${campaign.campaign_key}?`),
            confirm_text: confirmText,
          },
          data: { campaign_key: campaign.campaign_key, filter, preview },
        };
      }
      const done = await enrollCall(ctx, campaign.id, filter, false);
      const [after] = await ctx.db((tx) => tx<{ enrolled_total: number }[]>`
        select count(*)::int as enrolled_total from public.campaign_leads where campaign_id = ${campaign.id}::uuid`);
      return {
        intent,
        ok: true,
        lang,
        message: tr(
          lang,
          `Inscribí ${done.enrolled} leads en ${campaign.campaign_key}. Releído: ${after!.enrolled_total} leads inscritos en total.`,
          `Enrolled ${done.enrolled} leads in ${campaign.campaign_key}. Re-read: ${after!.enrolled_total} leads enrolled in all.`,
        ),
        data: { campaign_key: campaign.campaign_key, filter, result: done, enrolled_total: after!.enrolled_total },
      };
    }

    const lm = await resolveLead(ctx.db, args.lead, ctx.session.accountId);
    if (lm.kind !== 'one') return leadNotFound(intent, lang, args.lead, lm);
    const lead = lm.lead;
    const counts = await enrollCall(ctx, campaign.id, { lead_ids: [lead.lead_id] }, false);
    const [after] = await ctx.db((tx) => tx<{ status: string; current_step: number; enrolled_at: Date }[]>`
      select status, current_step, enrolled_at from public.campaign_leads
      where campaign_id = ${campaign.id}::uuid and lead_id = ${lead.lead_id}::uuid`);
    if (!after) {
      return {
        intent,
        ok: false,
        lang,
        message: tr(
          lang,
          `${leadLabel(lead)} no se puede contactar (suprimido, cerrado, muerto o status distinto de new); no se inscribió en ${campaign.campaign_key}.`,
          `${leadLabel(lead)} cannot be contacted (suppressed, closed, dead or status not new); not enrolled in ${campaign.campaign_key}.`,
        ),
        error: { code: 'not_contactable', reason: 'enroll_leads counted the lead as not contactable' },
        data: { result: counts },
      };
    }
    return {
      intent,
      ok: true,
      lang,
      message: tr(
        lang,
        `${leadLabel(lead)} ${counts.enrolled ? 'inscrito' : 'ya estaba inscrito'} en ${campaign.campaign_key}. Releído: status=${after.status}, paso ${after.current_step}.`,
        `${leadLabel(lead)} ${counts.enrolled ? 'enrolled' : 'was already enrolled'} in ${campaign.campaign_key}. Re-read: status=${after.status}, step ${after.current_step}.`,
      ),
      data: { lead_id: lead.lead_id, campaign_key: campaign.campaign_key, result: counts, enrollment: plain(after) },
    };
  });
}

// --- explanations (defineAction: run → data, render → catalog) ------------------------

/** "why lead X" / "¿por qué el lead X?": the lead page's "why" panel, from the same views. */
export const whyLead = defineAction<{ label: string; why: Awaited<ReturnType<typeof leadWhy>> }>({
  intent: 'lead.why',
  async run(ctx, args, lang) {
    if (!args.lead) return { stop: leadNotFound('lead.why', lang, undefined, { kind: 'none' }) };
    const match = await resolveLead(ctx.db, args.lead, ctx.session.accountId);
    if (match.kind !== 'one') return { stop: leadNotFound('lead.why', lang, args.lead, match) };
    const why = await ctx.db((tx) => leadWhy(tx, match.lead.lead_id));
    return { data: { label: leadLabel(match.lead), why } };
  },
  render({ label, why }, lang) {
    const m = t(lang);
    if (!why || why.next_action === null) return { ok: true, message: m.noDecision(label), data: { why } };
    return {
      ok: true,
      message: m.why(label, why) + pendingNote(lang, why.reason),
      data: { why, rows: [{ ...why, suppressed_channels: why.suppressed_channels?.join(', ') ?? null }] },
    };
  },
});

/** "what changed today" / "qué cambió hoy": public.account_changes_since from local midnight. */
export const changesToday = defineAction<status.AccountChanges>({
  intent: 'system.changes',
  run: async (ctx) => ({ data: await ctx.db((tx) => status.changesToday(tx, ctx.session.accountId)) }),
  render: (c, lang) => ({ ok: true, message: t(lang).changesToday(c), data: { ...c } }),
});

// --- dispatch ----------------------------------------------------------------------

export const ACTIONS: Record<Intent, ActionFn> = {
  'system.status': (ctx, _a, lang) => systemStatus(ctx, { lang }),
  'campaign.list': (ctx, a, lang) => listCampaigns(ctx, { ...(a.active !== undefined ? { active: a.active } : {}), ...(a.topic ? { topic: a.topic } : {}), lang }),
  'campaign.toggle': (ctx, a, lang) => toggleCampaign(ctx, { ...pick(a, 'campaign', 'active'), lang }),
  'campaign.toggle.bulk': (ctx, a, lang) => toggleCampaignsBulk(ctx, { ...pick(a, 'active', 'confirm'), lang }),
  'program.list': (ctx, _a, lang) => listProgramsCommand(ctx, { lang }),
  'program.status': (ctx, a, lang) => programStatus(ctx, { ...pick(a, 'city'), lang }),
  'lead.list': (ctx, a, lang) => listLeads(ctx, { ...pick(a, 'source', 'state', 'next_action', 'city'), lang }),
  'lead.inspect': (ctx, a, lang) => inspectLead(ctx, { ...pick(a, 'lead'), lang }),
  'lead.next_action': (ctx, a, lang) => leadNextAction(ctx, { ...pick(a, 'lead'), lang }),
  'lead.why': whyLead,
  'system.changes': changesToday,
  'lead.suppress': (ctx, a, lang) => suppressLead(ctx, { ...pick(a, 'lead'), lang }),
  'lead.enroll': (ctx, a, lang) => enrollLead(ctx, { ...pick(a, 'lead', 'source', 'state', 'campaign', 'confirm'), lang }),
  'craigslist.cto.start': (ctx, a, lang) => startCraigslist(ctx, { ...pick(a, 'city', 'override', 'confirm'), lang }),
  'craigslist.cto.stop': (ctx, a, lang) => stopCraigslist(ctx, { ...pick(a, 'city'), lang }),
  'autos.activate': (ctx, a, lang) => activateAutos(ctx, { ...pick(a, 'city'), lang }),
  'autos.deactivate': (ctx, a, lang) => deactivateAutos(ctx, { ...pick(a, 'city'), lang }),
};

/** The listed keys that are set (undefined ones are left out, not passed as undefined). */
function pick<K extends keyof IntentArgs>(a: IntentArgs, ...keys: K[]): Pick<IntentArgs, K> {
  const out: Partial<Pick<IntentArgs, K>> = {};
  for (const k of keys) if (a[k] !== undefined) out[k] = a[k];
  return out as Pick<IntentArgs, K>;
}
