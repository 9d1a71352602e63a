/**
 * LeadGen programs (seed 001 "Programs UI"): the data behind the Programs page,
 * `GET /api/programs/list` and `GET /api/programs/:key` (api/console/programs-api.ts)
 * and Command OS's program intents.
 *
 * A program is Craigslist in one city; its key is the view's program_key,
 * `craigslist:<city>` (city as Craigslist names its site: "craigslist:miami").
 * The bare key `craigslist` means the city of LeadGen routing's city_fallback.
 *
 * Every number comes from lead_hunter.v_craigslist_program_status_v1 (the
 * state and its counts) and from lead_hunter.craigslist_tasks_v1 with seed
 * 001's verification queries (tasks by status, errors, the last 20 tasks),
 * read in one transaction so they share now() and agree with each other.
 * Row-level security confines the reads to the session's account; the queries
 * also filter on app.account_id.
 *
 * listPrograms and programDetail are what the console's Programs page and
 * Command OS (program.list, program.status) call, so the three never disagree.
 */
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import type { ConsoleEnv } from '../auth.ts';

export type Db = ConsoleEnv['Variables']['db'];
export type Lang = 'es' | 'en';

/** Seed 001's Disabled / Degraded / Live, plus the case it leaves open (routing on, tasks queued or running, none finished). */
export const PROGRAM_STATES = ['disabled', 'starting', 'degraded', 'live'] as const;
export type ProgramState = (typeof PROGRAM_STATES)[number];

export const STATE_LABELS: Record<ProgramState, string> = {
  disabled: 'Disabled',
  starting: 'Starting',
  degraded: 'Degraded',
  live: 'Live',
};

const count = z.number().int().min(0);
const timestamp = z.iso.datetime();

export const ProgramStateSchema = z.enum(PROGRAM_STATES).describe(
  "disabled: routing_active=false or no tasks in the last 60 minutes; degraded: routing on, failed > 0 and done = 0 in the last 60 minutes; live: routing on and done > 0 in the last 60 minutes; starting: routing on, tasks queued or running and none finished yet",
);

export const LeadgenRoutingSummarySchema = z
  .object({
    configured: z.boolean().describe('dealer_address and a positive radius_miles are set (what starting without override needs)'),
    active: z.boolean().describe('org_settings.leadgen_routing.active'),
    dealer_address_set: z.boolean(),
    radius_miles: z.number().nullable(),
    city_fallback: z.string().nullable(),
  })
  .describe('The account\'s org_settings.leadgen_routing, without the address itself');

export const ProgramCommandsSchema = z.object({
  start: z.object({ es: z.string(), en: z.string() }),
  stop: z.object({ es: z.string(), en: z.string() }),
  status: z.object({ es: z.string(), en: z.string() }),
});

export const ProgramSummarySchema = z.object({
  key: z.string().describe('craigslist:<city>, the key of GET /api/programs/:key'),
  program: z.literal('craigslist'),
  kind: z.literal('leadgen'),
  name: z.string(),
  city: z.string(),
  state: ProgramStateSchema,
  state_label: z.string(),
  state_reason: z.string(),
  next_action: z.string(),
  routing_active: z.boolean(),
  tasks_60m: count,
  queued_60m: count,
  claimed_60m: count,
  done_60m: count,
  failed_60m: count,
  claimed_15m: count,
  done_15m: count,
  leads_60m: count,
  leads_24h: count,
  last_success_at: timestamp.nullable(),
  commands: ProgramCommandsSchema,
});

export const KnownProgramSchema = z.object({
  program: z.literal('craigslist'),
  name: z.string(),
  key_format: z.string(),
  description: z.string(),
});

export const ProgramListSchema = z.object({
  generated_at: timestamp,
  routing: LeadgenRoutingSummarySchema,
  known_programs: z.array(KnownProgramSchema),
  programs: z.array(ProgramSummarySchema),
});

export const TaskStatusSchema = z.enum(['queued', 'claimed', 'done', 'failed', 'canceled']);

export const ProgramTaskEventSchema = z.object({
  id: z.uuid(),
  task_type: z.enum(['discover', 'detail']),
  status: TaskStatusSchema,
  external_id: z.string().nullable(),
  attempts: count,
  last_error: z.string().nullable(),
  claimed_by: z.string().nullable(),
  lead_id: z.uuid().nullable(),
  created_at: timestamp,
  claimed_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
});

export const ProgramDetailSchema = z.object({
  generated_at: timestamp,
  key: z.string(),
  program: z.literal('craigslist'),
  kind: z.literal('leadgen'),
  name: z.string(),
  city: z.string(),
  state: ProgramStateSchema,
  state_label: z.string(),
  state_reason: z.string(),
  next_action: z.string(),
  routing: LeadgenRoutingSummarySchema,
  health: z.object({
    routing_active: z.boolean(),
    worker_health: z.object({
      claimed_15m: count.describe('tasks created in the last 15 minutes and claimed'),
      done_15m: count.describe('tasks created in the last 15 minutes and done'),
    }),
    last_success_at: timestamp.nullable().describe('when the latest done task finished'),
  }),
  throughput: z.object({
    window_minutes: z.literal(60),
    tasks_60m: count,
    by_status: z.object({ queued: count, claimed: count, done: count, failed: count, canceled: count }),
    by_status_and_type: z.array(z.object({ status: TaskStatusSchema, task_type: z.enum(['discover', 'detail']), n: count })),
    top_errors: z.array(z.object({ error: z.string(), n: count })),
  }),
  output: z.object({ leads_60m: count, leads_24h: count }),
  events: z.array(ProgramTaskEventSchema).describe('the last 20 task rows, newest first'),
  commands: ProgramCommandsSchema,
});

export const ProgramNotFoundSchema = z.object({ error: z.literal('program_not_found'), reason: z.string() });

export type LeadgenRoutingSummary = z.infer<typeof LeadgenRoutingSummarySchema>;
export type ProgramSummary = z.infer<typeof ProgramSummarySchema>;
export type ProgramList = z.infer<typeof ProgramListSchema>;
export type ProgramDetail = z.infer<typeof ProgramDetailSchema>;
export type ProgramTaskEvent = z.infer<typeof ProgramTaskEventSchema>;

export const KNOWN_PROGRAMS: z.infer<typeof KnownProgramSchema>[] = [
  {
    program: 'craigslist',
    name: 'Craigslist (US)',
    key_format: 'craigslist:<city>',
    description: 'Cars & trucks by owner, one city per program; started and stopped from Command OS or the Programs page.',
  },
];

export function isValidCity(city: string): boolean {
  return /^[a-z][a-z0-9]{1,39}$/.test(city);
}

/** "miami" → "Miami", "fortlauderdale" → "Fortlauderdale" (the site name is all we know). */
function cityTitle(city: string): string {
  return city.charAt(0).toUpperCase() + city.slice(1);
}

export function programCommands(city: string): z.infer<typeof ProgramCommandsSchema> {
  return {
    start: { es: `prende craigslist ${city}`, en: `start craigslist ${city}` },
    stop: { es: `apaga craigslist ${city}`, en: `stop craigslist ${city}` },
    status: { es: `estado de craigslist ${city}`, en: `status craigslist ${city}` },
  };
}

export type ProgramKey = { program: 'craigslist'; city: string | null };

/**
 * `craigslist:<city>` or `craigslist`; null for anything else. The city is
 * returned as typed: lead_hunter.normalize_city normalises it (programDetail).
 */
export function parseProgramKey(key: string): ProgramKey | null {
  const m = /^\s*craigslist\s*(?:[:/ -]\s*(.+))?$/i.exec(key);
  if (!m) return null;
  return { program: 'craigslist', city: m[1] === undefined ? null : m[1] };
}

// --- reads -------------------------------------------------------------------


async function readRouting(tx: TransactionSql): Promise<LeadgenRoutingSummary> {
  // Seed 001: "org_settings is a singleton table" per account; row-level security leaves this account's row.
  // The rule is lead_hunter.leadgen_routing_summary's (the same check the discover enqueue makes).
  const [row] = await tx<LeadgenRoutingSummary[]>`
    select r.configured, r.active, r.dealer_address_set, r.radius_miles::float8 as radius_miles, r.city_fallback
    from (select (select s.leadgen_routing from public.org_settings s
                  where s.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid) as routing) o
    cross join lateral lead_hunter.leadgen_routing_summary(o.routing) r`;
  return row!;
}

interface StatusRow {
  program_key: string;
  city: string;
  routing_active: boolean;
  tasks_60m: number;
  queued_60m: number;
  claimed_60m: number;
  done_60m: number;
  failed_60m: number;
  claimed_15m: number;
  done_15m: number;
  last_success_at: Date | null;
  leads_60m: number;
  leads_24h: number;
  state: ProgramState;
}

const STATUS_COLUMNS = `
  program_key, city, routing_active,
  tasks_60m::int as tasks_60m, queued_60m::int as queued_60m, claimed_60m::int as claimed_60m,
  done_60m::int as done_60m, failed_60m::int as failed_60m,
  claimed_15m::int as claimed_15m, done_15m::int as done_15m,
  last_success_at, leads_60m::int as leads_60m, leads_24h::int as leads_24h, state`;

async function readStatuses(tx: TransactionSql, city: string | null): Promise<StatusRow[]> {
  return tx.unsafe<StatusRow[]>(
    `select ${STATUS_COLUMNS}
     from lead_hunter.v_craigslist_program_status_v1
     where account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
       and ($1::text is null or city = $1::text)
     order by city`,
    [city],
  );
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

interface Explained {
  state_reason: string;
  next_action: string;
}

/** Why the program is in its state and the concrete next step, in the operator's language. */
export function explainProgram(
  s: Pick<StatusRow, 'city' | 'state' | 'routing_active' | 'tasks_60m' | 'queued_60m' | 'claimed_60m' | 'done_60m' | 'failed_60m' | 'leads_60m'>,
  routing: LeadgenRoutingSummary,
  lang: Lang = 'en',
  topError: string | null = null,
): Explained {
  const es = lang === 'es';
  const cmd = programCommands(s.city);
  const start = es ? cmd.start.es : cmd.start.en;
  const stop = es ? cmd.stop.es : cmd.stop.en;
  switch (s.state) {
    case 'disabled': {
      if (!s.routing_active) {
        const reason = es ? 'el routing de LeadGen está apagado' : 'LeadGen routing is off';
        if (!routing.configured) {
          return {
            state_reason: reason,
            next_action: es
              ? `Configura el routing de LeadGen (Ajustes → paso 3: dirección del dealer y radio), o arranca con override explícito: "${start} override"`
              : `Configure LeadGen routing (Settings → step 3: dealer address and radius), or start with an explicit override: "${start} override"`,
          };
        }
        return {
          state_reason: reason,
          next_action: es
            ? `Activa el routing de LeadGen en Ajustes (o "activa autos ${s.city}"), o arranca con override: "${start} override"`
            : `Turn LeadGen routing on in Settings (or "activate autos ${s.city}"), or start with override: "${start} override"`,
        };
      }
      return {
        state_reason: es ? 'no hubo tareas en los últimos 60 minutos' : 'no tasks in the last 60 minutes',
        next_action: es ? `Arráncalo: "${start}"` : `Start it: "${start}"`,
      };
    }
    case 'starting': {
      const open = s.queued_60m + s.claimed_60m;
      return {
        state_reason: es
          ? `routing encendido; ${open} tareas en cola o en curso, ninguna terminada en los últimos 60 minutos`
          : `routing on; ${open} tasks queued or running, none finished in the last 60 minutes`,
        next_action: es
          ? 'Espera a que el hunter tome y termine las tareas; si nada se toma en unos minutos, revisa que `make hunter` esté corriendo'
          : 'Wait for the hunter to claim and finish the queued tasks; if nothing is claimed within a few minutes, check that `make hunter` is running',
      };
    }
    case 'degraded': {
      const err = topError ?? (es ? 'ver eventos' : 'see events');
      return {
        state_reason: es
          ? `routing encendido; ${s.failed_60m} tareas fallidas y ninguna terminada en los últimos 60 minutos`
          : `routing on; ${s.failed_60m} tasks failed and none done in the last 60 minutes`,
        next_action: es
          ? `Revisa el error principal (${err}) en los eventos; blocked_403/blocked_503 significa que Craigslist bloquea: deja correr el backoff o detén con "${stop}"`
          : `Check the top error (${err}) in the events; blocked_403/blocked_503 means Craigslist is blocking: let the backoff run, or stop it with "${stop}"`,
      };
    }
    case 'live':
      return {
        state_reason: es
          ? `routing encendido; ${s.done_60m} tareas terminadas en los últimos 60 minutos`
          : `routing on; ${s.done_60m} tasks done in the last 60 minutes`,
        next_action: es
          ? `Nada que hacer: entran leads (${s.leads_60m} en los últimos 60 minutos). Para detenerlo: "${stop}"`
          : `Nothing to do: leads are flowing (${s.leads_60m} in the last 60 minutes). To stop it: "${stop}"`,
      };
  }
}

function toSummary(s: StatusRow, routing: LeadgenRoutingSummary, lang: Lang): ProgramSummary {
  const why = explainProgram(s, routing, lang);
  return {
    key: s.program_key,
    program: 'craigslist',
    kind: 'leadgen',
    name: `Craigslist ${cityTitle(s.city)}`,
    city: s.city,
    state: s.state,
    state_label: STATE_LABELS[s.state],
    state_reason: why.state_reason,
    next_action: why.next_action,
    routing_active: s.routing_active,
    tasks_60m: s.tasks_60m,
    queued_60m: s.queued_60m,
    claimed_60m: s.claimed_60m,
    done_60m: s.done_60m,
    failed_60m: s.failed_60m,
    claimed_15m: s.claimed_15m,
    done_15m: s.done_15m,
    leads_60m: s.leads_60m,
    leads_24h: s.leads_24h,
    last_success_at: iso(s.last_success_at),
    commands: programCommands(s.city),
  };
}

/** Known programs and a health summary per Craigslist city of the session's account. */
export async function listPrograms(db: Db, lang: Lang = 'en'): Promise<ProgramList> {
  return db(async (tx) => {
    const [now] = await tx<{ now: Date }[]>`select now() as now`;
    const routing = await readRouting(tx);
    const rows = await readStatuses(tx, null);
    return {
      generated_at: iso(now!.now)!,
      routing,
      known_programs: KNOWN_PROGRAMS,
      programs: rows.map((r) => toSummary(r, routing, lang)),
    };
  });
}

export type ProgramLookup =
  | { found: true; program: ProgramDetail }
  | { found: false; reason: string; city: string | null };

/**
 * One program's detail, or why there is none: an unknown key, the bare
 * `craigslist` key without a city_fallback, or a city that has never run.
 */
export async function programDetail(db: Db, key: string, lang: Lang = 'en'): Promise<ProgramLookup> {
  const parsed = parseProgramKey(key);
  const unknown = {
    found: false as const,
    city: null,
    reason:
      lang === 'es'
        ? `no existe el programa "${key.slice(0, 80)}": los programas son craigslist:<ciudad>, p. ej. craigslist:miami`
        : `no program "${key.slice(0, 80)}": programs are craigslist:<city>, e.g. craigslist:miami`,
  };
  if (!parsed) return unknown;
  return db(async (tx) => {
    const [now] = await tx<{ now: Date; city: string | null }[]>`select now() as now, lead_hunter.normalize_city(${parsed.city}::text) as city`;
    if (parsed.city !== null && !(now!.city && isValidCity(now!.city))) return unknown;
    const routing = await readRouting(tx);
    const city = now!.city ?? routing.city_fallback;
    if (!city) {
      return {
        found: false as const,
        city: null,
        reason:
          lang === 'es'
            ? 'di la ciudad (craigslist:<ciudad>): el routing de LeadGen no tiene city_fallback'
            : 'name the city (craigslist:<city>): LeadGen routing has no city_fallback',
      };
    }
    const [status] = await readStatuses(tx, city);
    if (!status) {
      const cmd = programCommands(city);
      return {
        found: false as const,
        city,
        reason:
          lang === 'es'
            ? `Craigslist ${city} nunca ha corrido en esta cuenta; arráncalo con "${cmd.start.es}"`
            : `Craigslist ${city} has never run in this account; start it with "${cmd.start.en}"`,
      };
    }
    const byType = await tx<{ status: z.infer<typeof TaskStatusSchema>; task_type: 'discover' | 'detail'; n: number }[]>`
      select t.status, t.task_type, count(*)::int as n
      from lead_hunter.craigslist_tasks_v1 t
      where t.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
        and t.city = ${city} and t.created_at > now() - interval '60 minutes'
      group by 1, 2
      order by 1, 2`;
    const topErrors = await tx<{ error: string; n: number }[]>`
      select t.last_error as error, count(*)::int as n
      from lead_hunter.craigslist_tasks_v1 t
      where t.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
        and t.city = ${city} and t.created_at > now() - interval '60 minutes'
        and t.status = 'failed' and t.last_error is not null
      group by 1
      order by 2 desc, 1
      limit 5`;
    const events = await tx<
      {
        id: string;
        task_type: 'discover' | 'detail';
        status: z.infer<typeof TaskStatusSchema>;
        external_id: string | null;
        attempts: number;
        last_error: string | null;
        claimed_by: string | null;
        lead_id: string | null;
        created_at: Date;
        claimed_at: Date | null;
        finished_at: Date | null;
      }[]
    >`
      select t.id, t.task_type, t.status, t.external_id, t.attempts, t.last_error, t.claimed_by, t.lead_id,
             t.created_at, t.claimed_at, t.finished_at
      from lead_hunter.craigslist_tasks_v1 t
      where t.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
        and t.city = ${city}
      order by t.created_at desc, t.id desc
      limit 20`;

    const byStatus = { queued: 0, claimed: 0, done: 0, failed: 0, canceled: 0 };
    for (const r of byType) byStatus[r.status] += r.n;
    const why = explainProgram(status, routing, lang, topErrors[0]?.error ?? null);
    const program: ProgramDetail = {
      generated_at: iso(now!.now)!,
      key: status.program_key,
      program: 'craigslist',
      kind: 'leadgen',
      name: `Craigslist ${cityTitle(city)}`,
      city,
      state: status.state,
      state_label: STATE_LABELS[status.state],
      state_reason: why.state_reason,
      next_action: why.next_action,
      routing,
      health: {
        routing_active: status.routing_active,
        worker_health: { claimed_15m: status.claimed_15m, done_15m: status.done_15m },
        last_success_at: iso(status.last_success_at),
      },
      throughput: {
        window_minutes: 60,
        tasks_60m: status.tasks_60m,
        by_status: byStatus,
        by_status_and_type: byType.map((r) => ({ status: r.status, task_type: r.task_type, n: r.n })),
        top_errors: topErrors.map((r) => ({ error: r.error, n: r.n })),
      },
      output: { leads_60m: status.leads_60m, leads_24h: status.leads_24h },
      events: events.map((e) => ({
        id: e.id,
        task_type: e.task_type,
        status: e.status,
        external_id: e.external_id,
        attempts: e.attempts,
        last_error: e.last_error,
        claimed_by: e.claimed_by,
        lead_id: e.lead_id,
        created_at: iso(e.created_at)!,
        claimed_at: iso(e.claimed_at),
        finished_at: iso(e.finished_at),
      })),
      commands: programCommands(city),
    };
    return { found: true as const, program };
  });
}
