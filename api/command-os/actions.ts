/**
 * Command OS actions: a table of actions, one per intent, each built with
 * defineAction({ intent, permission, run, render }). `run` does the work
 * through the domain modules (api/domain/*: one SQL call per operation, as
 * revenue_api for the session's account, so row-level security applies);
 * `render` turns what `run` found into the reply, with the words from the
 * message catalog (messages.ts).
 *
 * Rules every action follows:
 *  - a change is refused, before anything is written, when the session's role
 *    may not make it (auth.ts `can`; defineAction checks `permission`);
 *  - a change is followed by a re-read in a new transaction, and the reply
 *    reports the re-read state (not what was asked for);
 *  - SQL errors with a stable code (P0001, P0002, 22xxx, 23xxx, 42501) become
 *    { ok: false, error: { code, reason } }; anything else propagates.
 *
 * The console's Programs page calls startCraigslist and stopCraigslist: the
 * same code path as the chat box.
 */
import { pendingTouch } from '../../lib/next-action.ts';
import { can, type ConsoleEnv, type Permission, type Session } from '../auth.ts';
import { listPrograms, programDetail, STATE_LABELS, type ProgramSummary } from '../domain/programs.ts';
import * as campaigns from '../domain/campaigns.ts';
import * as inbox from '../domain/inbox.ts';
import * as leadgen from '../domain/leadgen.ts';
import * as leads from '../domain/leads.ts';
import * as status from '../domain/status.ts';
import { canonicalText, type Intent, type IntentArgs, type Lang } from './intents.ts';
import { t } from './messages.ts';
import type { CommandResult } from './schema.ts';

export type Db = ConsoleEnv['Variables']['db'];

export interface CommandContext {
  session: Session;
  db: Db;
}

type Row = Record<string, unknown>;
type Reply = Omit<CommandResult, 'intent' | 'lang'>;

// --- the action shape ----------------------------------------------------------------

/** What `run` hands back: data for `render`, or a reply that ends the action early (not found, needs setup). */
export type Ran<D> = { data: D } | { stop: Reply };

export interface ActionDef<D> {
  intent: Intent;
  /** Every permission the role needs; checked before `run`, so a refusal writes nothing. */
  permission?: Permission[];
  /** The work: one domain (SQL) call per operation. */
  run(ctx: CommandContext, args: IntentArgs, lang: Lang): Promise<Ran<D>>;
  /** The reply, with the words from the catalog (messages.ts). */
  render(data: D, lang: Lang, args: IntentArgs): Reply;
}

export type ActionFn = (ctx: CommandContext, args: IntentArgs, lang: Lang) => Promise<CommandResult>;

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

/**
 * One action: the permission check, the SQL-error guard and the reply's
 * envelope (intent, lang) live here once, so `run` and `render` hold only
 * what differs.
 */
export function defineAction<D>(def: ActionDef<D>): ActionFn {
  return async (ctx, args, lang) => {
    const missing = (def.permission ?? []).find((p) => !can(ctx.session.role, p));
    if (missing) {
      return {
        intent: def.intent,
        ok: false,
        lang,
        message: t(lang).forbidden(ctx.session.role, t(lang).permission[missing]),
        error: { code: 'forbidden', reason: `role ${ctx.session.role} lacks ${missing}` },
      };
    }
    try {
      const ran = await def.run(ctx, args, lang);
      return { intent: def.intent, lang, ...('stop' in ran ? ran.stop : def.render(ran.data, lang, args)) };
    } catch (error) {
      const failure = sqlFailure(error);
      if (!failure) throw error;
      return { intent: def.intent, ok: false, lang, message: t(lang).failed(failure.reason), error: failure };
    }
  };
}

// --- shared pieces -----------------------------------------------------------------

/** Dates as ISO strings, so results are plain JSON. */
function plain(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function actorOf(ctx: CommandContext): string {
  return ctx.session.email;
}

/** A sentence when the view's decision is a touch already pending (its reason names it), else ''. */
function pendingNote(lang: Lang, reason: unknown): string {
  const p = pendingTouch(typeof reason === 'string' ? reason : null);
  return p ? t(lang).pendingTouch(p.status === 'queued' ? 'queued' : 'scheduled') : '';
}

function campaignRows(rows: campaigns.CampaignRef[]): Row[] {
  return rows.map((c) => ({ id: c.id, campaign_key: c.campaign_key, name: c.name, is_active: c.is_active, status: c.status }));
}

type CampaignMatch = { kind: 'one'; campaign: campaigns.CampaignRef } | { kind: 'none' } | { kind: 'many'; candidates: campaigns.CampaignRef[] };

/**
 * A campaign of this account by id, campaign_key, name or its words, accent- and
 * case-insensitive: public.resolve_campaign decides (api/domain/campaigns.ts).
 */
export async function resolveCampaign(db: Db, ref: string, accountId: string): Promise<CampaignMatch> {
  const r = await db((tx) => campaigns.resolveCampaign(tx, accountId, ref));
  if (r.kind === 'one') return { kind: 'one', campaign: r.value };
  return r;
}

function campaignNotFound(lang: Lang, ref: string | undefined, match: CampaignMatch): Reply {
  const m = t(lang);
  if (match.kind === 'many') {
    return {
      ok: false,
      message: m.campaignAmbiguous(ref ?? '', match.candidates.map((c) => c.campaign_key)),
      error: { code: 'ambiguous_campaign', reason: `${match.candidates.length} campaigns match` },
      data: { rows: campaignRows(match.candidates) },
    };
  }
  return {
    ok: false,
    message: ref ? m.campaignNotFound(ref) : m.campaignMissing(),
    error: { code: ref ? 'campaign_not_found' : 'missing_campaign', reason: ref ? `no campaign "${ref}" is visible` : 'no campaign named' },
  };
}

/** The campaign the args name, or the reply that says why there is none. */
async function campaignOf(ctx: CommandContext, ref: string | undefined, lang: Lang): Promise<{ campaign: campaigns.CampaignRef } | { stop: Reply }> {
  if (!ref) return { stop: campaignNotFound(lang, undefined, { kind: 'none' }) };
  const match = await resolveCampaign(ctx.db, ref, ctx.session.accountId);
  return match.kind === 'one' ? { campaign: match.campaign } : { stop: campaignNotFound(lang, ref, match) };
}

type LeadRef = Omit<leads.LeadCandidate, 'match'>;
type LeadMatch = { kind: 'one'; lead: LeadRef } | { kind: 'none' } | { kind: 'many'; candidates: LeadRef[] };

/** A lead of this account by id, phone, email, external id or name: public.resolve_lead decides (api/domain/leads.ts). */
export async function resolveLead(db: Db, ref: string, accountId: string): Promise<LeadMatch> {
  const r = await db((tx) => leads.resolveLead(tx, accountId, ref.trim()));
  if (r.kind === 'one') return { kind: 'one', lead: r.value };
  return r;
}

function leadLabel(l: LeadRef): string {
  return l.lead_name ?? l.email ?? l.phone ?? l.lead_id;
}

function leadNotFound(lang: Lang, ref: string | undefined, match: LeadMatch): Reply {
  const m = t(lang);
  if (match.kind === 'many') {
    return {
      ok: false,
      message: m.leadAmbiguous(match.candidates.length, ref ?? ''),
      error: { code: 'ambiguous_lead', reason: `${match.candidates.length} leads match` },
      data: { rows: match.candidates.map((l) => ({ ...l })) },
    };
  }
  return {
    ok: false,
    message: ref ? m.leadNotFound(ref) : m.leadMissing(),
    error: { code: ref ? 'lead_not_found' : 'missing_lead', reason: ref ? `no lead "${ref}" is visible` : 'no lead named' },
  };
}

/** The lead the args name, or the reply that says why there is none. */
async function leadOf(ctx: CommandContext, ref: string | undefined, lang: Lang): Promise<{ lead: LeadRef } | { stop: Reply }> {
  if (!ref) return { stop: leadNotFound(lang, undefined, { kind: 'none' }) };
  const match = await resolveLead(ctx.db, ref, ctx.session.accountId);
  return match.kind === 'one' ? { lead: match.lead } : { stop: leadNotFound(lang, ref, match) };
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

const rereadMismatch = (reason: string) => ({ error: { code: 'reread_mismatch', reason } });

// --- system --------------------------------------------------------------------------

const systemStatusAction = defineAction<{
  campaigns: status.CampaignTotals;
  leads: status.LeadTotals;
  jobs: status.JobCounts | null;
  programs: ProgramSummary[];
}>({
  intent: 'system.status',
  async run(ctx, _args, lang) {
    const snapshot = await ctx.db(async (tx) => ({ campaigns: await status.campaignTotals(tx), leads: await status.leadTotals(tx) }));
    const programs = await listPrograms(ctx.db, lang);
    // The job queue's counts (public.system_health); a database without it still answers the rest.
    let jobs: status.JobCounts | null = null;
    try {
      jobs = await ctx.db((tx) => status.jobCounts(tx));
    } catch (error) {
      if (!sqlFailure(error) && (error as PgErrorLike).code !== '42883') throw error;
    }
    return { data: { ...snapshot, jobs, programs: programs.programs } };
  },
  render({ campaigns: c, leads: l, jobs, programs }, lang) {
    return {
      ok: true,
      message: t(lang).status({ campaigns: c, leads: l, programs, jobs }),
      data: {
        campaigns_total: c.total,
        campaigns_active: c.active,
        campaign_status_mismatches: c.mismatches,
        active_enrollments: c.enrollments,
        touch_runs_24h: c.touch_runs_24h,
        sent_24h: c.sent_24h,
        failed_24h: c.failed_24h,
        queued_24h: c.queued_24h,
        leads_total: l.total,
        leads_24h: l.last_24h,
        leads_suppressed: l.suppressed,
        jobs,
        rows: programs.map(programRow),
      },
    };
  },
});

/** "what changed today" (in Spanish too): public.account_changes_since from local midnight. */
const changesTodayAction = defineAction<status.AccountChanges>({
  intent: 'system.changes',
  run: async (ctx) => ({ data: await ctx.db((tx) => status.changesToday(tx, ctx.session.accountId)) }),
  render: (c, lang) => ({ ok: true, message: t(lang).changesToday(c), data: { ...c } }),
});

/** "what needs my reply?" (in Spanish too): public.inbox_conversations, the Inbox's own view. */
const inboxPendingAction = defineAction<inbox.PendingReplies>({
  intent: 'inbox.pending',
  run: async (ctx) => ({ data: await ctx.db((tx) => inbox.pendingReplies(tx, 5)) }),
  render: (p, lang) => ({
    ok: true,
    message: t(lang).inboxPending(p),
    data: { waiting: p.waiting, with_draft: p.with_draft, rows: p.top.map((r) => plain({ ...r })) },
  }),
});

// --- campaigns -------------------------------------------------------------------------

const listCampaignsAction = defineAction<
  { kind: 'campaigns'; active: boolean | null; rows: campaigns.CampaignRuntimeRow[] } | { kind: 'programs'; topic: string; programs: ProgramSummary[] }
>({
  intent: 'campaign.list',
  async run(ctx, args, lang) {
    // Craigslist, LeadGen and autopilot are programs, not campaigns (seed 001): answer with the programs.
    if (args.topic) return { data: { kind: 'programs', topic: args.topic, programs: (await listPrograms(ctx.db, lang)).programs } };
    const active = args.active ?? null;
    return { data: { kind: 'campaigns', active, rows: await ctx.db((tx) => campaigns.listCampaignRuntime(tx, active)) } };
  },
  render(d, lang) {
    const m = t(lang);
    if (d.kind === 'programs') {
      const name = d.topic === 'craigslist' ? 'Craigslist' : d.topic === 'autopilot' ? 'Autopilot' : 'LeadGen';
      return {
        ok: true,
        message: m.notACampaign(name),
        data: { redirect_to: 'program.list', suggestions: [m.programListSuggestion], rows: d.programs.map(programRow) },
      };
    }
    const running = d.rows.filter((r) => r.is_active).length;
    return {
      ok: true,
      message: d.active === null ? m.campaignsAll(d.rows.length, running) : m.campaignsFiltered(d.rows.length, d.active),
      data: { total: d.rows.length, running, rows: d.rows.map((r) => plain({ ...r })) },
    };
  },
});

/** Switches one campaign (public.set_campaign_active) and re-reads is_active and status afterwards. */
const setCampaignActiveAction = defineAction<{ active: boolean; after: campaigns.CampaignRef | null }>({
  intent: 'campaign.toggle',
  permission: ['campaigns.toggle'],
  async run(ctx, args, lang) {
    if (args.active === undefined) {
      return { stop: { ok: false, message: t(lang).missingOnOff(), error: { code: 'missing_argument', reason: 'active' } } };
    }
    const active = args.active;
    const found = await campaignOf(ctx, args.campaign, lang);
    if ('stop' in found) return found;
    await ctx.db((tx) => campaigns.setCampaignActive(tx, found.campaign.id, active, actorOf(ctx)));
    return { data: { active, after: await ctx.db((tx) => campaigns.campaignById(tx, found.campaign.id)) } };
  },
  render({ active, after }, lang) {
    const m = t(lang);
    if (!after || after.is_active !== active) {
      return {
        ok: false,
        message: m.toggleNotSaved(),
        ...rereadMismatch('is_active differs from what was asked after re-reading'),
        ...(after ? { data: { campaign: campaignRows([after])[0]! } } : {}),
      };
    }
    return {
      ok: true,
      message: after.is_active ? m.campaignOn(after.campaign_key, after.status) : m.campaignOff(after.campaign_key, after.status),
      data: { campaign: campaignRows([after])[0]!, rows: campaignRows([after]) },
    };
  },
});

/**
 * All campaigns on or off (public.set_campaigns_active_bulk), then a re-read
 * of how many still run. Switching everything on starts outreach at once: it
 * asks first, saying how many.
 */
const bulkAction = defineAction<{ active: boolean; changed: number; reread: campaigns.CampaignsReread }>({
  intent: 'campaign.toggle.bulk',
  permission: ['campaigns.toggle'],
  async run(ctx, args, lang) {
    const active = args.active === true;
    if (active && !args.confirm) {
      const { paused } = await ctx.db((tx) => campaigns.campaignsReread(tx));
      const m = t(lang);
      return {
        stop: {
          ok: false,
          message: m.bulkOnPreview(paused),
          needs_confirmation: {
            prompt: m.bulkOnPrompt(paused),
            confirm_text: canonicalText({ intent: 'campaign.toggle.bulk', args: { active: true, confirm: true }, lang }),
          },
          data: { paused },
        },
      };
    }
    const changed = await ctx.db((tx) => campaigns.setCampaignsActiveBulk(tx, ctx.session.accountId, active, actorOf(ctx)));
    const reread = await ctx.db((tx) => campaigns.campaignsReread(tx, changed.map((c) => c.id)));
    return { data: { active, changed: changed.length, reread } };
  },
  render({ active, changed, reread }, lang) {
    const m = t(lang);
    const ok = reread.rows.every((r) => r.is_active === active) && (active || reread.running === 0);
    return {
      ok,
      message: active ? m.bulkOn(changed, reread.running, reread.total) : m.bulkOff(changed, reread.running, reread.total),
      data: { changed, running: reread.running, total: reread.total, campaign_status_mismatches: reread.mismatches, rows: campaignRows(reread.rows) },
      ...(ok ? {} : rereadMismatch('campaigns still differ from what was asked after re-reading')),
    };
  },
});

// --- programs ----------------------------------------------------------------------

const listProgramsAction = defineAction<Awaited<ReturnType<typeof listPrograms>>>({
  intent: 'program.list',
  run: async (ctx, _args, lang) => ({ data: await listPrograms(ctx.db, lang) }),
  render(list, lang) {
    const m = t(lang);
    const routing = m.routing(list.routing.active ? 'on' : list.routing.configured ? 'configured_off' : 'not_configured');
    return {
      ok: true,
      message: list.programs.length ? m.programs(routing, list.programs) : m.noPrograms(routing),
      data: { routing: list.routing, known_programs: list.known_programs, rows: list.programs.map(programRow) },
    };
  },
});

const programStatusAction = defineAction<Extract<Awaited<ReturnType<typeof programDetail>>, { found: true }>['program']>({
  intent: 'program.status',
  async run(ctx, args, lang) {
    const city = args.city ? await ctx.db((tx) => leadgen.normalizeCity(tx, args.city!)) : null;
    const result = await programDetail(ctx.db, city ? `craigslist:${city}` : 'craigslist', lang);
    if (!result.found) return { stop: { ok: false, message: result.reason, error: { code: 'program_not_found', reason: result.reason } } };
    return { data: result.program };
  },
  render(p, lang) {
    return {
      ok: true,
      message: t(lang).programStatus(p.name, p.state_label, p.state_reason, p.next_action),
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
  },
});

/** The city named (when it normalises to something), else LeadGen routing's city_fallback, else the reply asking which. */
async function cityOf(ctx: CommandContext, city: string | undefined, lang: Lang): Promise<{ city: string } | { stop: Reply }> {
  if (city && (await ctx.db((tx) => leadgen.normalizeCity(tx, city)))) return { city };
  const fallback = await ctx.db((tx) => leadgen.routingCityFallback(tx, ctx.session.accountId));
  if (fallback) return { city: fallback };
  return {
    stop: {
      ok: false,
      message: t(lang).missingCity(),
      error: { code: 'missing_city', reason: 'no city named and LeadGen routing has no city_fallback' },
    },
  };
}

/**
 * Starts Craigslist in a city (lead_hunter.start_craigslist_v1): refused
 * without configured, active LeadGen routing unless `override`; asks to
 * confirm before running again a city that ran in the last hour (the reply's
 * confirm_text, or confirm: true, goes ahead). Re-reads the program after.
 */
const startCraigslistAction = defineAction<{
  out: leadgen.StartOutcome;
  override: boolean;
  program: Row | null;
  task: leadgen.CraigslistTask | null;
}>({
  intent: 'craigslist.cto.start',
  permission: ['programs.control'],
  async run(ctx, args, lang) {
    const where = await cityOf(ctx, args.city, lang);
    if ('stop' in where) return where;
    const override = args.override === true;
    const out = await ctx.db((tx) =>
      leadgen.startCraigslist(tx, { accountId: ctx.session.accountId, city: where.city, override, confirm: args.confirm === true, actor: actorOf(ctx) }),
    );
    const reread = out.outcome === 'ok' || out.outcome === 'already_running';
    const program = reread ? await rereadProgram(ctx, out.city, lang) : null;
    const task = out.outcome === 'ok' ? await ctx.db((tx) => leadgen.craigslistTask(tx, out.task_id ?? null)) : null;
    return { data: { out, override, program, task } };
  },
  render({ out, override, program, task }, lang) {
    const m = t(lang);
    const intent = 'craigslist.cto.start';
    const name = `Craigslist ${out.city}`;
    switch (out.outcome) {
      case 'needs_setup': {
        const code = out.reason ?? 'leadgen_routing_not_configured';
        const overrideText = canonicalText({ intent, args: { city: out.city, override: true }, lang });
        const reason = m.routingProblem(code);
        return {
          ok: false,
          message: m.craigslistNeedsSetup(name, reason, overrideText),
          needs_setup: { reason: code },
          error: { code, reason: out.message ?? reason },
          data: { city: out.city, override_text: overrideText },
        };
      }
      case 'needs_confirmation': {
        const confirmText = canonicalText({ intent, args: { city: out.city, ...(override ? { override: true } : {}), confirm: true }, lang });
        return {
          ok: false,
          message: m.craigslistRanRecently(name, out.last_run_at ?? ''),
          needs_confirmation: { prompt: m.craigslistRunAgain(name, confirmText), confirm_text: confirmText },
          data: { city: out.city, last_run_at: out.last_run_at ?? null },
        };
      }
      case 'already_running':
        return {
          ok: true,
          message: m.craigslistAlreadyRunning(name, String(program?.state_label ?? '—')),
          data: { outcome: 'already_running', city: out.city, program },
        };
      case 'ok': {
        const ok = task !== null && ['queued', 'claimed', 'done'].includes(task.status);
        const label = program ? String(program.state_label) : STATE_LABELS.disabled;
        return {
          ok,
          message: ok ? m.craigslistStarted(name, task.status, label, override && program !== null && program.routing_active === false) : m.craigslistTaskMissing(),
          data: { outcome: 'started', city: out.city, override, task, program },
          ...(ok ? {} : rereadMismatch('the discover task was not found after starting')),
        };
      }
    }
  },
});

/** Stops Craigslist in a city (lead_hunter.stop_craigslist_v1: queued tasks canceled) and re-reads the queue. */
const stopCraigslistAction = defineAction<{ city: string; canceled: number; left: { queued: number; claimed: number }; program: Row | null }>({
  intent: 'craigslist.cto.stop',
  permission: ['programs.control'],
  async run(ctx, args, lang) {
    const where = await cityOf(ctx, args.city, lang);
    if ('stop' in where) return where;
    const city = (await ctx.db((tx) => leadgen.normalizeCity(tx, where.city))) ?? where.city;
    const canceled = await ctx.db((tx) => leadgen.stopCraigslist(tx, ctx.session.accountId, where.city));
    const left = await ctx.db((tx) => leadgen.craigslistQueue(tx, city));
    return { data: { city, canceled, left, program: await rereadProgram(ctx, city, lang) } };
  },
  render({ city, canceled, left, program }, lang) {
    const ok = left.queued === 0;
    return {
      ok,
      message: t(lang).craigslistStopped(city, canceled, left.queued, left.claimed, String(program?.state_label ?? STATE_LABELS.disabled)),
      data: { city, canceled, queued_now: left.queued, claimed_now: left.claimed, program },
      ...(ok ? {} : rereadMismatch('tasks are still queued after stopping')),
    };
  },
});

// --- autos (seed 001 "Autos full-funnel") --------------------------------------------

function autosAction(active: boolean): ActionFn {
  const intent: Intent = active ? 'autos.activate' : 'autos.deactivate';
  return defineAction<{ res: leadgen.AutosResult; campaign: campaigns.CampaignRef | null; routingActive: boolean; program: Row | null }>({
    intent,
    permission: ['campaigns.toggle', 'programs.control'],
    async run(ctx, args, lang) {
      const city = args.city ?? null;
      const res = await ctx.db((tx) => leadgen.autosSetActive(tx, { accountId: ctx.session.accountId, city, active, actor: actorOf(ctx) }));
      const m = t(lang);
      if (res.resolution === 'needs_setup') {
        return {
          stop: {
            ok: false,
            message: m.autosNoCampaign(res.wanted),
            needs_setup: { reason: `no campaign with campaign_key ${res.wanted}` },
            data: { candidates: res.candidates },
          },
        };
      }
      if (res.resolution === 'needs_confirmation') {
        const cityOfKey = (k: string) => k.replace(/^autos_outbound_/, '');
        const confirmText = canonicalText({ intent, args: { city: cityOfKey(res.candidates[0]!) }, lang });
        return {
          stop: {
            ok: false,
            message: m.autosAmbiguous(res.candidates),
            needs_confirmation: { prompt: m.autosWhich(confirmText), confirm_text: confirmText },
            data: {
              candidates: res.candidates,
              rows: res.candidates.map((k) => ({ campaign_key: k, command: canonicalText({ intent, args: { city: cityOfKey(k) }, lang }) })),
            },
          },
        };
      }
      // Re-read what changed: the campaign, routing, and the city's program.
      const campaign = await ctx.db((tx) => campaigns.campaignById(tx, res.campaign_id));
      const routingActive = await ctx.db((tx) => leadgen.routingActive(tx, ctx.session.accountId));
      const normalized = city ? await ctx.db((tx) => leadgen.normalizeCity(tx, city)) : null;
      return { data: { res, campaign, routingActive, program: normalized ? await rereadProgram(ctx, normalized, lang) : null } };
    },
    render({ res, campaign, routingActive, program }, lang) {
      const m = t(lang);
      const needsRouting = res.routing_note === 'routing_needs_setup';
      const campaignOk = campaign?.is_active === active;
      const routingOk = active ? routingActive || needsRouting : !routingActive;
      const ok = campaignOk && routingOk;
      const key = campaign?.campaign_key ?? res.campaign_key ?? res.wanted;
      const label = program ? String(program.state_label) : null;
      return {
        ok,
        message: active
          ? m.autosOn(key, campaign?.is_active === true, routingActive, label, needsRouting)
          : m.autosOff(key, campaign?.is_active === true, routingActive, label),
        data: { campaign: campaign ? campaignRows([campaign])[0]! : null, routing_active: routingActive, routing_note: res.routing_note, program },
        ...(needsRouting ? { needs_setup: { reason: 'routing_needs_setup' } } : {}),
        ...(ok ? {} : rereadMismatch('the re-read state differs from what was asked')),
      };
    },
  });
}

// --- leads -------------------------------------------------------------------------

const listLeadsAction = defineAction<{ filters: leads.LeadFilters; rows: Row[]; total: number }>({
  intent: 'lead.list',
  async run(ctx, args) {
    const city = args.city ? await ctx.db((tx) => leadgen.normalizeCity(tx, args.city!)) : null;
    const filters: leads.LeadFilters = { source: args.source ?? null, state: args.state ?? null, next_action: args.next_action ?? null, city };
    const rows = await ctx.db((tx) => leads.leadsByPriority(tx, filters));
    const total = await ctx.db((tx) => leads.countLeads(tx, filters));
    return { data: { filters, rows, total } };
  },
  render({ filters: f, rows, total }, lang) {
    const named = [f.source && `source=${f.source}`, f.state && `state=${f.state}`, f.next_action && `next_action=${f.next_action}`, f.city && `city=${f.city}`]
      .filter(Boolean)
      .join(', ');
    return { ok: true, message: t(lang).leadList(total, named, rows.length), data: { total, filters: { ...f }, rows: rows.map(plain) } };
  },
});

const inspectLeadAction = defineAction<{ label: string; lead: Row; next: Row | null; suppression: Row | null; campaigns: Row[]; messages: Row[] }>({
  intent: 'lead.inspect',
  async run(ctx, args, lang) {
    const found = await leadOf(ctx, args.lead, lang);
    if ('stop' in found) return found;
    const id = found.lead.lead_id;
    const lead = await ctx.db((tx) => leads.leadProfile(tx, id));
    const next = await ctx.db((tx) => leads.leadNextActionSummary(tx, id));
    const suppression = await ctx.db((tx) => leads.leadSuppressionStatus(tx, id));
    const enrolled = await ctx.db((tx) => leads.leadEnrollments(tx, id));
    const messages = await ctx.db((tx) => leads.leadRecentMessages(tx, id));
    return { data: { label: leadLabel(found.lead), lead: lead!, next, suppression, campaigns: enrolled, messages } };
  },
  render(d, lang) {
    const m = t(lang);
    return {
      ok: true,
      message: m.inspect(d.label, d.lead, d.next) + pendingNote(lang, d.next?.reason) + (d.suppression?.is_unsubscribed ? m.suppressedNote(d.suppression.suppression_reason) : ''),
      data: {
        lead: plain(d.lead),
        next_action: d.next ? plain(d.next) : null,
        suppression: d.suppression ? plain(d.suppression) : null,
        campaigns: d.campaigns.map(plain),
        rows: d.messages.map(plain),
      },
    };
  },
});

const nextActionAction = defineAction<{ kind: 'top'; rows: Row[] } | { kind: 'one'; label: string; next: Row }>({
  intent: 'lead.next_action',
  async run(ctx, args, lang) {
    // Without a lead: seed 001's sample, the ten leads with the highest priority and what happens next.
    if (!args.lead) return { data: { kind: 'top', rows: await ctx.db((tx) => leads.topNextActions(tx)) } };
    const found = await leadOf(ctx, args.lead, lang);
    if ('stop' in found) return found;
    const next = await ctx.db((tx) => leads.leadNextAction(tx, found.lead.lead_id));
    return { data: { kind: 'one', label: leadLabel(found.lead), next: next! } };
  },
  render(d, lang) {
    const m = t(lang);
    if (d.kind === 'top') return { ok: true, message: m.topNextActions(d.rows.length), data: { rows: d.rows.map(plain) } };
    const when = d.next.next_action_at ? iso(d.next.next_action_at) : null;
    return {
      ok: true,
      message: m.nextAction(d.label, d.next, when) + pendingNote(lang, d.next.reason),
      data: { next_action: plain(d.next), rows: [plain(d.next)] },
    };
  },
});

/** "why lead X" (in Spanish too): the lead page's "why" panel, from the same views. */
const whyLeadAction = defineAction<{ label: string; why: leads.LeadWhy | null }>({
  intent: 'lead.why',
  async run(ctx, args, lang) {
    const found = await leadOf(ctx, args.lead, lang);
    if ('stop' in found) return found;
    return { data: { label: leadLabel(found.lead), why: await ctx.db((tx) => leads.leadWhy(tx, found.lead.lead_id)) } };
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

/** Suppresses one lead by hand (public.suppress_leads, reason manual) and re-reads its suppression and next action. */
const suppressLeadAction = defineAction<{ label: string; leadId: string; changed: boolean; after: Omit<leads.SuppressResult, 'suppressed'> }>({
  intent: 'lead.suppress',
  permission: ['leads.act'],
  async run(ctx, args, lang) {
    const found = await leadOf(ctx, args.lead, lang);
    if ('stop' in found) return found;
    const id = found.lead.lead_id;
    const changed = await ctx.db((tx) => leads.suppressLead(tx, id, 'manual', actorOf(ctx)));
    const after = await ctx.db((tx) => leads.leadSuppression(tx, id));
    return { data: { label: leadLabel(found.lead), leadId: id, changed, after } };
  },
  render({ label, leadId, changed, after }, lang) {
    const ok = after.status === 'suppressed' && after.is_unsubscribed === true;
    return {
      ok,
      message: t(lang).suppressed(label, changed, after),
      data: { lead_id: leadId, changed, ...after },
      ...(ok ? {} : rereadMismatch('the lead is not suppressed after re-reading')),
    };
  },
});

/**
 * Enrolls one lead (or, with source/state, the leads matching: preview and
 * confirmation first) in a campaign (public.enroll_leads), then re-reads the enrollment.
 */
const enrollAction = defineAction<
  | { kind: 'many'; key: string; filter: Row; result: campaigns.EnrollCounts; enrolledTotal: number }
  | { kind: 'one'; key: string; lead: LeadRef; result: campaigns.EnrollCounts; after: campaigns.Enrollment }
>({
  intent: 'lead.enroll',
  permission: ['campaigns.enroll'],
  async run(ctx, args, lang) {
    const found = await campaignOf(ctx, args.campaign, lang);
    if ('stop' in found) return found;
    const campaign = found.campaign;
    if (!args.lead) {
      if (!args.source && !args.state) return { stop: leadNotFound(lang, undefined, { kind: 'none' }) };
      const filter: Row = {};
      if (args.source) filter.source = args.source;
      if (args.state) filter.lead_state = args.state;
      if (!args.confirm) {
        const preview = await ctx.db((tx) => campaigns.enrollLeads(tx, campaign.id, filter, true));
        const m = t(lang);
        const confirmText = canonicalText({
          intent: 'lead.enroll',
          args: { campaign: campaign.campaign_key, ...(args.source ? { source: args.source } : {}), ...(args.state ? { state: args.state } : {}), confirm: true },
          lang,
        });
        return {
          stop: {
            ok: false,
            message: m.enrollPreview(campaign.campaign_key, preview),
            needs_confirmation: { prompt: m.enrollPrompt(campaign.campaign_key, preview.to_enroll), confirm_text: confirmText },
            data: { campaign_key: campaign.campaign_key, filter, preview },
          },
        };
      }
      const result = await ctx.db((tx) => campaigns.enrollLeads(tx, campaign.id, filter, false));
      const { enrolled_total } = await ctx.db((tx) => campaigns.enrollment(tx, campaign.id, null));
      return { data: { kind: 'many', key: campaign.campaign_key, filter, result, enrolledTotal: enrolled_total } };
    }
    const who = await leadOf(ctx, args.lead, lang);
    if ('stop' in who) return who;
    const result = await ctx.db((tx) => campaigns.enrollLeads(tx, campaign.id, { lead_ids: [who.lead.lead_id] }, false));
    const after = await ctx.db((tx) => campaigns.enrollment(tx, campaign.id, who.lead.lead_id));
    return { data: { kind: 'one', key: campaign.campaign_key, lead: who.lead, result, after } };
  },
  render(d, lang) {
    const m = t(lang);
    if (d.kind === 'many') {
      return {
        ok: true,
        message: m.enrolledMany(d.key, d.result.enrolled, d.enrolledTotal),
        data: { campaign_key: d.key, filter: d.filter, result: d.result, enrolled_total: d.enrolledTotal },
      };
    }
    const label = leadLabel(d.lead);
    if (d.after.status === null) {
      return {
        ok: false,
        message: m.notContactable(label, d.key),
        error: { code: 'not_contactable', reason: 'enroll_leads counted the lead as not contactable' },
        data: { result: d.result },
      };
    }
    return {
      ok: true,
      message: m.enrolledOne(label, d.result.enrolled > 0, d.key, d.after.status, d.after.current_step ?? 0),
      data: {
        lead_id: d.lead.lead_id,
        campaign_key: d.key,
        result: d.result,
        enrollment: plain({ status: d.after.status, current_step: d.after.current_step, enrolled_at: d.after.enrolled_at }),
      },
    };
  },
});

// --- the table ---------------------------------------------------------------------

export const ACTIONS: Record<Intent, ActionFn> = {
  'system.status': systemStatusAction,
  'system.changes': changesTodayAction,
  'inbox.pending': inboxPendingAction,
  'campaign.list': listCampaignsAction,
  'campaign.toggle': setCampaignActiveAction,
  'campaign.toggle.bulk': bulkAction,
  'program.list': listProgramsAction,
  'program.status': programStatusAction,
  'lead.list': listLeadsAction,
  'lead.inspect': inspectLeadAction,
  'lead.next_action': nextActionAction,
  'lead.why': whyLeadAction,
  'lead.suppress': suppressLeadAction,
  'lead.enroll': enrollAction,
  'craigslist.cto.start': startCraigslistAction,
  'craigslist.cto.stop': stopCraigslistAction,
  'autos.activate': autosAction(true),
  'autos.deactivate': autosAction(false),
};

// --- entry points for the console (the same code path as the chat box) -----------------

/** Switches one campaign by id and reports is_active and status re-read afterwards. */
export function setCampaignActive(ctx: CommandContext, args: { campaignId: string; active: boolean; lang?: Lang }): Promise<CommandResult> {
  return ACTIONS['campaign.toggle'](ctx, { campaign: args.campaignId, active: args.active }, args.lang ?? 'en');
}

/** "Pause all running" (public.set_campaigns_active_bulk), then re-reads how many still run. */
export function pauseAllRunning(ctx: CommandContext, args: { lang?: Lang } = {}): Promise<CommandResult> {
  return ACTIONS['campaign.toggle.bulk'](ctx, { active: false }, args.lang ?? 'en');
}

export function startCraigslist(ctx: CommandContext, args: { city?: string; override?: boolean; confirm?: boolean; lang?: Lang }): Promise<CommandResult> {
  const { lang, ...rest } = args;
  return ACTIONS['craigslist.cto.start'](ctx, rest, lang ?? 'en');
}

export function stopCraigslist(ctx: CommandContext, args: { city?: string; lang?: Lang }): Promise<CommandResult> {
  const { lang, ...rest } = args;
  return ACTIONS['craigslist.cto.stop'](ctx, rest, lang ?? 'en');
}
