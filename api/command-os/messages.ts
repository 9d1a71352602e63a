/**
 * Command OS's message catalog: every sentence a reply says, in Spanish and
 * English, with plurals chosen by Intl.PluralRules ("1 campaña activa",
 * "2 campañas activas"). Actions pass data; they never hold text.
 *
 * Both languages implement the same Catalog interface, so a message missing
 * in one of them is a type error.
 */
import type { PendingReplies } from '../domain/inbox.ts';
import type { AccountChanges } from '../domain/status.ts';
import type { LeadWhy } from '../domain/leads.ts';
import type { Intent, Lang } from './intents.ts';

/** One thing that can be asked: an example the rules parse, and what it does. */
export interface Capability {
  intent: Intent;
  example: string;
  description: string;
}

const PLURAL: Record<Lang, Intl.PluralRules> = { es: new Intl.PluralRules('es'), en: new Intl.PluralRules('en') };

/** "1 campaña", "2 campañas": the count and the form its plural category asks for. */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  return `${n} ${PLURAL[lang].select(n) === 'one' ? one : other}`;
}

export interface StatusData {
  campaigns: { total: number; active: number; touch_runs_24h: number; sent_24h: number; failed_24h: number; queued_24h: number };
  leads: { total: number; last_24h: number; suppressed: number };
  programs: { name: string; state_label: string }[];
  jobs: { pending: number; running: number; failed: number } | null;
}

export interface Catalog {
  /** What can be asked (help and unknown text), in the order shown. */
  capabilities: readonly Capability[];
  failed(reason: string): string;
  forbidden(role: string, what: string): string;
  permission: Record<
    'campaigns.toggle' | 'campaigns.enroll' | 'programs.control' | 'settings.edit' | 'providers.edit' | 'users.manage' | 'leads.act' | 'leads.import' | 'analytics.export',
    string
  >;
  leadAmbiguous(n: number, ref: string): string;
  leadNotFound(ref: string): string;
  leadMissing(): string;
  campaignAmbiguous(ref: string, keys: string[]): string;
  campaignNotFound(ref: string): string;
  campaignMissing(): string;
  status(d: StatusData): string;
  campaignsAll(total: number, running: number): string;
  campaignsFiltered(total: number, active: boolean): string;
  why(label: string, w: LeadWhy): string;
  noDecision(label: string): string;
  changesToday(c: AccountChanges): string;
  inboxPending(p: PendingReplies): string;
  helpIntro(why: 'help' | 'not_understood'): string;
  llmGuess(canonical: string): string;
  llmGuessPrompt(canonical: string): string;
  pendingTouch(status: 'queued' | 'scheduled'): string;
  notACampaign(name: string): string;
  programListSuggestion: string;
  campaignOn(key: string, status: string): string;
  campaignOff(key: string, status: string): string;
  toggleNotSaved(): string;
  missingOnOff(): string;
  bulkOn(changed: number, running: number, total: number): string;
  bulkOff(changed: number, running: number, total: number): string;
  bulkOnPreview(paused: number): string;
  bulkOnPrompt(paused: number): string;
  routing(state: 'on' | 'configured_off' | 'not_configured'): string;
  programs(routing: string, programs: { name: string; state_label: string }[]): string;
  noPrograms(routing: string): string;
  programStatus(name: string, label: string, reason: string, next: string): string;
  missingCity(): string;
  routingProblem(code: string): string;
  craigslistNeedsSetup(name: string, reason: string, overrideText: string): string;
  craigslistRanRecently(name: string, lastRunAt: string): string;
  craigslistRunAgain(name: string, confirmText: string): string;
  craigslistAlreadyRunning(name: string, label: string): string;
  craigslistStarted(name: string, taskStatus: string, label: string, overrideRoutingOff: boolean): string;
  craigslistTaskMissing(): string;
  craigslistStopped(city: string, canceled: number, queued: number, claimed: number, label: string): string;
  autosNoCampaign(wanted: string): string;
  autosAmbiguous(candidates: string[]): string;
  autosWhich(confirmText: string): string;
  autosOn(key: string, campaignActive: boolean, routingOn: boolean, programLabel: string | null, needsRouting: boolean): string;
  autosOff(key: string, campaignActive: boolean, routingOn: boolean, programLabel: string | null): string;
  leadList(total: number, filters: string, shown: number): string;
  inspect(label: string, lead: Fields, next: Fields | null): string;
  suppressedNote(reason: unknown): string;
  topNextActions(n: number): string;
  nextAction(label: string, next: Fields, when: string | null): string;
  suppressed(label: string, changed: boolean, after: { status: string; lead_state: string; suppression_reason: string | null; next_action: string | null }): string;
  enrollPreview(key: string, p: { matched: number; to_enroll: number; already_enrolled: number; not_contactable: number }): string;
  enrollPrompt(key: string, toEnroll: number): string;
  enrolledMany(key: string, enrolled: number, total: number): string;
  notContactable(label: string, key: string): string;
  enrolledOne(label: string, changed: boolean, key: string, status: string, step: number): string;
}

/** A row's field as text ('—' when empty). */
type Fields = Record<string, unknown>;
const f = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

const es: Catalog = {
  capabilities: [
    { intent: 'system.status', example: 'estado del sistema', description: 'salud del motor: campañas, toques 24 h, programas, cola de trabajos' },
    { intent: 'campaign.list', example: 'campañas activas', description: 'campañas outbound (is_active es la verdad)' },
    { intent: 'campaign.toggle', example: 'apaga la campaña autos_outbound_miami', description: 'prender o pausar una campaña' },
    { intent: 'campaign.toggle.bulk', example: 'pausa todas las campañas', description: 'pausar todas las campañas que corren' },
    { intent: 'program.list', example: 'lista programas', description: 'programas LeadGen (Craigslist por ciudad)' },
    { intent: 'program.status', example: 'estado de craigslist miami', description: 'salud de un programa y su próxima acción' },
    { intent: 'craigslist.cto.start', example: 'prende craigslist miami', description: 'arrancar Craigslist en una ciudad (requiere routing o override)' },
    { intent: 'craigslist.cto.stop', example: 'apaga craigslist miami', description: 'detener Craigslist en una ciudad' },
    { intent: 'autos.activate', example: 'activa autos miami', description: 'routing + Craigslist + campaña autos_outbound_<ciudad>' },
    { intent: 'autos.deactivate', example: 'desactiva autos miami', description: 'apagar routing, Craigslist y la campaña autos' },
    { intent: 'lead.list', example: 'lista leads de craigslist', description: 'leads por prioridad con su próxima acción' },
    { intent: 'lead.inspect', example: 'muestra el lead ana@example.com', description: 'un lead: datos, próxima acción, supresión, mensajes' },
    { intent: 'lead.next_action', example: 'siguiente acción del lead +13055550100', description: 'qué hará el motor con un lead y por qué' },
    { intent: 'lead.why', example: '¿por qué el lead ana@example.com?', description: 'la regla y los datos detrás de la próxima acción de un lead' },
    { intent: 'system.changes', example: 'qué cambió hoy', description: 'toques, respuestas, bajas, leads nuevos y campañas cambiadas desde la medianoche' },
    { intent: 'inbox.pending', example: 'qué tengo pendiente', description: 'las conversaciones que esperan respuesta (la bandeja), las más calientes primero' },
    { intent: 'lead.suppress', example: 'suprime el lead +13055550100', description: 'no contactar nunca más a un lead' },
    { intent: 'lead.enroll', example: 'inscribe el lead ana@example.com en la campaña autos_outbound_miami', description: 'inscribir un lead (o los de una fuente) en una campaña' },
  ],
  failed: (reason) => `No se pudo: ${reason}`,
  forbidden: (role, what) => `Tu rol (${role}) no puede ${what}. No se cambió nada; pídeselo a un owner o admin.`,
  permission: {
    'campaigns.toggle': 'prender o pausar campañas',
    'campaigns.enroll': 'inscribir leads en campañas',
    'programs.control': 'arrancar o detener programas LeadGen',
    'settings.edit': 'cambiar ajustes',
    'providers.edit': 'cambiar proveedores',
    'users.manage': 'gestionar usuarios',
    'leads.act': 'actuar sobre leads',
    'leads.import': 'importar leads',
    'analytics.export': 'exportar analíticas',
  },
  leadAmbiguous: (n, ref) => `${plural('es', n, 'lead coincide', 'leads coinciden')} con "${ref}"; sé más específico (id, email o teléfono).`,
  leadNotFound: (ref) => `No encontré ningún lead "${ref}" en esta cuenta.`,
  leadMissing: () => '¿Qué lead? Di su id, email o teléfono.',
  campaignAmbiguous: (ref, keys) => `Varias campañas coinciden con "${ref}": ${keys.join(', ')}. Usa el campaign_key exacto.`,
  campaignNotFound: (ref) => `No hay ninguna campaña "${ref}" en esta cuenta. Pide "lista campañas" para verlas.`,
  campaignMissing: () => '¿Qué campaña? Di su campaign_key, p. ej. "apaga la campaña autos_outbound_miami".',
  status: ({ campaigns: c, leads: l, programs, jobs }) =>
    `Campañas: ${c.active} de ${plural('es', c.total, 'activa', 'activas')}. ` +
    `Toques 24 h: ${c.touch_runs_24h} (${plural('es', c.sent_24h, 'enviado', 'enviados')}, ${plural('es', c.failed_24h, 'fallido', 'fallidos')}, ${c.queued_24h} en cola). ` +
    `Leads: ${l.total} (${l.last_24h} en 24 h, ${plural('es', l.suppressed, 'suprimido', 'suprimidos')}). ` +
    `Programas: ${programs.length ? programs.map((p) => `${p.name} ${p.state_label}`).join(', ') : 'ninguno ha corrido'}.` +
    (jobs ? ` Trabajos: ${plural('es', jobs.pending, 'pendiente', 'pendientes')}, ${jobs.running} corriendo, ${plural('es', jobs.failed, 'fallido', 'fallidos')}.` : ''),
  campaignsAll: (total, running) =>
    total ? `${plural('es', total, 'campaña', 'campañas')} (${plural('es', running, 'activa', 'activas')} ahora).` : 'No hay campañas.',
  campaignsFiltered: (total, active) =>
    total
      ? active
        ? `${plural('es', total, 'campaña activa', 'campañas activas')}.`
        : `${plural('es', total, 'campaña pausada', 'campañas pausadas')}.`
      : active
        ? 'No hay campañas activas.'
        : 'No hay campañas pausadas.',
  why: (label, w) =>
    `${label}: ${w.next_action ?? '—'}${w.effective_channel ? ` por ${w.effective_channel}` : ''}${w.next_action_at ? ` a las ${w.next_action_at}` : ''} porque la regla es ${w.reason ?? '—'}. ` +
    `Datos: estado ${w.lead_state}, prioridad ${w.priority_score ?? '—'}, canal recomendado ${w.recommended_channel ?? '—'}` +
    `${w.is_unsubscribed ? `, suprimido (${w.suppression_reason ?? '—'})` : ', no suprimido'}` +
    `${w.suppressed_channels?.length ? `, canales bloqueados ${w.suppressed_channels.join(', ')}` : ''}` +
    `${w.in_negative_cooldown ? `, en cooldown negativo hasta ${w.negative_cooldown_until ?? '—'}` : ''}` +
    `${w.stop_event ? `, evento de parada ${w.stop_event}` : ''}.`,
  noDecision: (label) => `${label}: la vista lead_next_action_view_v5 no tiene decisión para este lead.`,
  inboxPending: (p) =>
    p.waiting === 0
      ? 'Nada espera respuesta ahora mismo.'
      : `${plural('es', p.waiting, 'conversación espera', 'conversaciones esperan')} respuesta (${plural('es', p.with_draft, 'con borrador listo', 'con borrador listo')}). ` +
        `Primero: ${p.top.map((r) => `${r.lead_name ?? r.lead_phone ?? r.lead_email ?? 'un lead'} (${r.sentiment_tag ?? 'sin etiqueta'}${r.draft_id ? ', borrador' : ''})`).join('; ')}. Ábrelas en Bandeja (/inbox).`,
  changesToday: (c) =>
    `Desde la medianoche (${c.time_zone}): ${plural('es', c.touches_sent, 'toque enviado', 'toques enviados')}, ${plural('es', c.touches_failed, 'fallido', 'fallidos')}, ` +
    `${plural('es', c.replies, 'respuesta', 'respuestas')}, ${plural('es', c.opt_outs, 'baja', 'bajas')}, ${plural('es', c.new_leads, 'lead nuevo', 'leads nuevos')} ` +
    `y ${plural('es', c.campaigns_switched, 'campaña prendida o pausada', 'campañas prendidas o pausadas')}.`,
  helpIntro: (why) => (why === 'help' ? 'Esto es lo que puedes pedir:' : 'No entendí eso. Esto es lo que puedes pedir:'),
  llmGuess: (canonical) => `Creo que quieres: "${canonical}". No cambié nada todavía.`,
  llmGuessPrompt: (canonical) => `Envía "${canonical}" para hacerlo.`,
  pendingTouch: (status) => ` Ya hay un toque ${status === 'queued' ? 'en cola' : 'programado'}: sale antes del siguiente paso de la campaña.`,
  notACampaign: (name) => `${name} no es una campaña: es un programa LeadGen (no vive en public.campaigns). Pide "lista programas" o "estado de craigslist <ciudad>".`,
  programListSuggestion: 'lista programas',
  campaignOn: (key, status) => `Campaña ${key} activa (releída: is_active=true, status=${status}).`,
  campaignOff: (key, status) => `Campaña ${key} pausada (releída: is_active=false, status=${status}).`,
  toggleNotSaved: () => 'El cambio no quedó guardado al releer la base de datos.',
  missingOnOff: () => '¿Prender o apagar? Di "prende la campaña X" o "apaga la campaña X".',
  bulkOn: (changed, running, total) => `Activé ${plural('es', changed, 'campaña', 'campañas')}. Releído: ${running} de ${plural('es', total, 'activa', 'activas')}.`,
  bulkOff: (changed, running, total) => `Pausé ${plural('es', changed, 'campaña', 'campañas')}. Releído: ${running} de ${total} ${running === 1 ? 'sigue activa' : 'siguen activas'}.`,
  bulkOnPreview: (paused) => `Esto activaría ${plural('es', paused, 'campaña pausada', 'campañas pausadas')} a la vez.`,
  bulkOnPrompt: (paused) => (paused === 1 ? '¿Activar la campaña pausada?' : `¿Activar las ${paused} campañas pausadas?`),
  routing: (state) =>
    state === 'on' ? 'routing de LeadGen encendido' : state === 'configured_off' ? 'routing de LeadGen configurado pero apagado' : 'routing de LeadGen sin configurar',
  programs: (routing, programs) => `Programas LeadGen (${routing}): ${programs.map((p) => `${p.name} — ${p.state_label}`).join('; ')}`,
  noPrograms: (routing) => `Ningún programa LeadGen ha corrido (${routing}). Disponible: Craigslist por ciudad, p. ej. "prende craigslist miami".`,
  programStatus: (name, label, reason, next) => `${name}: ${label} — ${reason}. Próxima acción: ${next}`,
  missingCity: () => '¿En qué ciudad? Di p. ej. "prende craigslist miami" (o configura city_fallback en el routing de LeadGen).',
  routingProblem: (code) =>
    code === 'leadgen_routing_inactive' ? 'el routing de LeadGen está apagado' : 'el routing de LeadGen no está configurado (falta la dirección del dealer o el radio)',
  craigslistNeedsSetup: (name, reason, overrideText) =>
    `No arranqué ${name}: ${reason}. Complétalo en Ajustes (paso 3 del onboarding), o arranca con override explícito: "${overrideText}".`,
  craigslistRanRecently: (name, lastRunAt) => `${name} ya corrió en la última hora (${lastRunAt}). No arranqué otra corrida.`,
  craigslistRunAgain: (name, confirmText) => `¿Correr ${name} otra vez? Envía "${confirmText}".`,
  craigslistAlreadyRunning: (name, label) => `${name} ya está corriendo (un discover en cola o en curso); no encolé otro. Estado releído: ${label}.`,
  craigslistStarted: (name, taskStatus, label, overrideRoutingOff) =>
    `${name} arrancado: tarea discover ${taskStatus === 'queued' ? 'en cola' : taskStatus} (releída). Estado del programa: ${label}${overrideRoutingOff ? ' (con override; el routing sigue apagado)' : ''}.`,
  craigslistTaskMissing: () => 'No encontré la tarea encolada al releer.',
  craigslistStopped: (city, canceled, queued, claimed, label) =>
    `Craigslist ${city} detenido: ${plural('es', canceled, 'tarea cancelada', 'tareas canceladas')}; releído: ${queued} en cola${claimed ? `, ${claimed} en curso ${claimed === 1 ? 'terminará' : 'terminarán'}` : ''}. Estado: ${label}.`,
  autosNoCampaign: (wanted) => `No hay campaña outbound con campaign_key ${wanted}; no se activó ninguna campaña. Crea la campaña ${wanted} primero.`,
  autosAmbiguous: (candidates) => `${candidates.length} campañas autos coinciden (${candidates.join(', ')}); no se cambió ninguna. Di la ciudad.`,
  autosWhich: (confirmText) => `¿Cuál? Por ejemplo "${confirmText}".`,
  autosOn: (key, active, routingOn, label, needsRouting) =>
    `Autos activado: campaña ${key} ${active ? 'activa' : 'NO activa'} (releída), routing de LeadGen ${routingOn ? 'encendido' : 'apagado'}${label ? `, Craigslist ${label}` : ''}.${needsRouting ? ' El routing no está configurado: complétalo en Ajustes (paso 3) para que Craigslist corra.' : ''}`,
  autosOff: (key, active, routingOn, label) =>
    `Autos desactivado: campaña ${key} ${active ? 'SIGUE activa' : 'pausada'} (releída), routing de LeadGen ${routingOn ? 'encendido' : 'apagado'}${label ? `, Craigslist ${label}` : ''}.`,
  leadList: (total, filters, shown) =>
    `${plural('es', total, 'lead', 'leads')}${filters ? ` (${filters})` : ''}; ${shown === 1 ? 'el de mayor prioridad' : `los ${shown} de mayor prioridad`}:`,
  suppressedNote: (reason) => ` Suprimido: ${f(reason)}.`,
  inspect: (label, l, n) =>
    `${label}: estado ${f(l.lead_state)}, status ${f(l.status)}, prioridad ${f(n?.priority_score ?? l.priority_score)}. Próxima acción: ${f(n?.next_action)}${n?.effective_channel ? ` por ${f(n.effective_channel)}` : ''} (${f(n?.reason)}).`,
  topNextActions: (n) => (n === 1 ? 'Próxima acción del lead de mayor prioridad:' : `Próxima acción de los ${n} leads de mayor prioridad:`),
  nextAction: (label, r, when) =>
    `${label}: ${f(r.next_action)}${r.effective_channel ? ` por ${f(r.effective_channel)}` : ''}${when ? ` a las ${when}` : ''} — regla: ${f(r.reason)}.`,
  suppressed: (label, changed, a) =>
    `${label} ${changed ? 'suprimido' : 'ya estaba suprimido'}. Releído: status=${a.status}, lead_state=${a.lead_state}, motivo=${a.suppression_reason ?? '—'}, próxima acción=${a.next_action ?? '—'}.`,
  enrollPreview: (key, p) =>
    `Vista previa: ${plural('es', p.matched, 'lead coincide', 'leads coinciden')}; se inscribirían ${p.to_enroll} en ${key} (${p.already_enrolled} ya inscritos, ${p.not_contactable} no contactables). No se escribió nada.`,
  enrollPrompt: (key, n) => `¿Inscribir ${plural('es', n, 'lead', 'leads')} en ${key}?`,
  enrolledMany: (key, n, total) => `Inscribí ${plural('es', n, 'lead', 'leads')} en ${key}. Releído: ${plural('es', total, 'lead inscrito', 'leads inscritos')} en total.`,
  notContactable: (label, key) => `${label} no se puede contactar (suprimido, cerrado, muerto o status distinto de new); no se inscribió en ${key}.`,
  enrolledOne: (label, changed, key, status, step) => `${label} ${changed ? 'inscrito' : 'ya estaba inscrito'} en ${key}. Releído: status=${status}, paso ${step}.`,
};

const en: Catalog = {
  capabilities: [
    { intent: 'system.status', example: 'system status', description: 'engine health: campaigns, 24 h touches, programs, job queue' },
    { intent: 'campaign.list', example: 'list active campaigns', description: 'outbound campaigns (is_active is the truth)' },
    { intent: 'campaign.toggle', example: 'pause campaign autos_outbound_miami', description: 'switch one campaign on or off' },
    { intent: 'campaign.toggle.bulk', example: 'pause all running', description: 'pause every running campaign' },
    { intent: 'program.list', example: 'list programs', description: 'LeadGen programs (Craigslist per city)' },
    { intent: 'program.status', example: 'status craigslist miami', description: 'one program\'s health and next action' },
    { intent: 'craigslist.cto.start', example: 'start craigslist miami', description: 'start Craigslist in a city (needs routing, or override)' },
    { intent: 'craigslist.cto.stop', example: 'stop craigslist miami', description: 'stop Craigslist in a city' },
    { intent: 'autos.activate', example: 'activate autos miami', description: 'routing + Craigslist + the autos_outbound_<city> campaign' },
    { intent: 'autos.deactivate', example: 'deactivate autos miami', description: 'turn routing, Craigslist and the autos campaign off' },
    { intent: 'lead.list', example: 'list leads from craigslist', description: 'leads by priority with their next action' },
    { intent: 'lead.inspect', example: 'inspect lead ana@example.com', description: 'one lead: details, next action, suppression, messages' },
    { intent: 'lead.next_action', example: 'next action for lead +13055550100', description: 'what the engine will do with a lead, and why' },
    { intent: 'lead.why', example: 'why lead +13055550100', description: 'the rule and inputs behind a lead\'s next action' },
    { intent: 'system.changes', example: 'what changed today', description: 'touches, replies, opt-outs, new leads and campaign switches since midnight' },
    { intent: 'inbox.pending', example: 'what needs my reply', description: 'the conversations waiting for an answer (the Inbox), hottest first' },
    { intent: 'lead.suppress', example: 'suppress lead +13055550100', description: 'never contact a lead again' },
    { intent: 'lead.enroll', example: 'enroll lead ana@example.com in campaign autos_outbound_miami', description: 'enroll a lead (or a source\'s leads) in a campaign' },
  ],
  failed: (reason) => `Could not do it: ${reason}`,
  forbidden: (role, what) => `Your role (${role}) may not ${what}. Nothing was changed; ask an owner or admin.`,
  permission: {
    'campaigns.toggle': 'switch campaigns on or off',
    'campaigns.enroll': 'enroll leads in campaigns',
    'programs.control': 'start or stop LeadGen programs',
    'settings.edit': 'change settings',
    'providers.edit': 'change providers',
    'users.manage': 'manage users',
    'leads.act': 'act on leads',
    'leads.import': 'import leads',
    'analytics.export': 'export analytics',
  },
  leadAmbiguous: (n, ref) => `${plural('en', n, 'lead matches', 'leads match')} "${ref}"; be more specific (id, email or phone).`,
  leadNotFound: (ref) => `No lead "${ref}" in this account.`,
  leadMissing: () => 'Which lead? Give its id, email or phone.',
  campaignAmbiguous: (ref, keys) => `Several campaigns match "${ref}": ${keys.join(', ')}. Use the exact campaign_key.`,
  campaignNotFound: (ref) => `There is no campaign "${ref}" in this account. Ask "list campaigns" to see them.`,
  campaignMissing: () => 'Which campaign? Name its campaign_key, e.g. "pause campaign autos_outbound_miami".',
  status: ({ campaigns: c, leads: l, programs, jobs }) =>
    `Campaigns: ${c.active} of ${c.total} active. ` +
    `Touches 24 h: ${c.touch_runs_24h} (${c.sent_24h} sent, ${c.failed_24h} failed, ${c.queued_24h} queued). ` +
    `Leads: ${l.total} (${l.last_24h} in 24 h, ${l.suppressed} suppressed). ` +
    `Programs: ${programs.length ? programs.map((p) => `${p.name} ${p.state_label}`).join(', ') : 'none has run'}.` +
    (jobs ? ` Jobs: ${jobs.pending} pending, ${jobs.running} running, ${jobs.failed} failed.` : ''),
  campaignsAll: (total, running) => (total ? `${plural('en', total, 'campaign', 'campaigns')} (${running} running now).` : 'No campaigns.'),
  campaignsFiltered: (total, active) =>
    total
      ? `${plural('en', total, active ? 'active campaign' : 'paused campaign', active ? 'active campaigns' : 'paused campaigns')}.`
      : active
        ? 'No active campaigns.'
        : 'No paused campaigns.',
  why: (label, w) =>
    `${label}: ${w.next_action ?? '—'}${w.effective_channel ? ` via ${w.effective_channel}` : ''}${w.next_action_at ? ` at ${w.next_action_at}` : ''} because the rule is ${w.reason ?? '—'}. ` +
    `Inputs: state ${w.lead_state}, priority ${w.priority_score ?? '—'}, recommended channel ${w.recommended_channel ?? '—'}` +
    `${w.is_unsubscribed ? `, suppressed (${w.suppression_reason ?? '—'})` : ', not suppressed'}` +
    `${w.suppressed_channels?.length ? `, blocked channels ${w.suppressed_channels.join(', ')}` : ''}` +
    `${w.in_negative_cooldown ? `, in negative cooldown until ${w.negative_cooldown_until ?? '—'}` : ''}` +
    `${w.stop_event ? `, stop event ${w.stop_event}` : ''}.`,
  noDecision: (label) => `${label}: lead_next_action_view_v5 has no decision for this lead.`,
  inboxPending: (p) =>
    p.waiting === 0
      ? 'Nothing is waiting for a reply right now.'
      : `${plural('en', p.waiting, 'conversation is', 'conversations are')} waiting for a reply (${p.with_draft} with a draft ready). ` +
        `First: ${p.top.map((r) => `${r.lead_name ?? r.lead_phone ?? r.lead_email ?? 'a lead'} (${r.sentiment_tag ?? 'untagged'}${r.draft_id ? ', draft' : ''})`).join('; ')}. Open them in the Inbox (/inbox).`,
  changesToday: (c) =>
    `Since midnight (${c.time_zone}): ${plural('en', c.touches_sent, 'touch sent', 'touches sent')}, ${c.touches_failed} failed, ` +
    `${plural('en', c.replies, 'reply', 'replies')}, ${plural('en', c.opt_outs, 'opt-out', 'opt-outs')}, ${plural('en', c.new_leads, 'new lead', 'new leads')} ` +
    `and ${plural('en', c.campaigns_switched, 'campaign switched on or off', 'campaigns switched on or off')}.`,
  helpIntro: (why) => (why === 'help' ? 'Here is what you can ask:' : 'I did not understand that. Here is what you can ask:'),
  llmGuess: (canonical) => `I think you mean: "${canonical}". Nothing has been changed yet.`,
  llmGuessPrompt: (canonical) => `Send "${canonical}" to do it.`,
  pendingTouch: (status) => ` A touch is already ${status}: it goes before the next campaign step.`,
  notACampaign: (name) => `${name} is not a campaign: it is a LeadGen program (it does not live in public.campaigns). Ask "list programs" or "status craigslist <city>".`,
  programListSuggestion: 'list programs',
  campaignOn: (key, status) => `Campaign ${key} is on (re-read: is_active=true, status=${status}).`,
  campaignOff: (key, status) => `Campaign ${key} is paused (re-read: is_active=false, status=${status}).`,
  toggleNotSaved: () => 'The change was not there when the database was re-read.',
  missingOnOff: () => 'On or off? Say "activate campaign X" or "pause campaign X".',
  bulkOn: (changed, running, total) => `Switched on ${plural('en', changed, 'campaign', 'campaigns')}. Re-read: ${running} of ${total} running.`,
  bulkOff: (changed, running, total) => `Paused ${plural('en', changed, 'campaign', 'campaigns')}. Re-read: ${running} of ${total} still running.`,
  bulkOnPreview: (paused) => `This would switch on ${plural('en', paused, 'paused campaign', 'paused campaigns')} at once.`,
  bulkOnPrompt: (paused) => (paused === 1 ? 'Switch on the paused campaign?' : `Switch on all ${paused} paused campaigns?`),
  routing: (state) => (state === 'on' ? 'LeadGen routing on' : state === 'configured_off' ? 'LeadGen routing configured but off' : 'LeadGen routing not configured'),
  programs: (routing, programs) => `LeadGen programs (${routing}): ${programs.map((p) => `${p.name} — ${p.state_label}`).join('; ')}`,
  noPrograms: (routing) => `No LeadGen program has run yet (${routing}). Available: Craigslist per city, e.g. "start craigslist miami".`,
  programStatus: (name, label, reason, next) => `${name}: ${label} — ${reason}. Next action: ${next}`,
  missingCity: () => 'Which city? Say e.g. "start craigslist miami" (or set city_fallback in LeadGen routing).',
  routingProblem: (code) => (code === 'leadgen_routing_inactive' ? 'LeadGen routing is off' : 'LeadGen routing is not configured (dealer address or radius missing)'),
  craigslistNeedsSetup: (name, reason, overrideText) =>
    `${name} was not started: ${reason}. Complete it in Settings (onboarding step 3), or start with an explicit override: "${overrideText}".`,
  craigslistRanRecently: (name, lastRunAt) => `${name} already ran in the last hour (${lastRunAt}). No new run was started.`,
  craigslistRunAgain: (name, confirmText) => `Run ${name} again? Send "${confirmText}".`,
  craigslistAlreadyRunning: (name, label) => `${name} is already running (a discover is queued or in progress); no second one was queued. Re-read state: ${label}.`,
  craigslistStarted: (name, taskStatus, label, overrideRoutingOff) =>
    `${name} started: discover task ${taskStatus} (re-read). Program state: ${label}${overrideRoutingOff ? ' (override; routing is still off)' : ''}.`,
  craigslistTaskMissing: () => 'The queued task was not there when re-read.',
  craigslistStopped: (city, canceled, queued, claimed, label) =>
    `Craigslist ${city} stopped: ${plural('en', canceled, 'task', 'tasks')} canceled; re-read: ${queued} queued${claimed ? `, ${claimed} in progress will finish` : ''}. State: ${label}.`,
  autosNoCampaign: (wanted) => `No outbound campaign has campaign_key ${wanted}; no campaign was switched. Create the ${wanted} campaign first.`,
  autosAmbiguous: (candidates) => `${candidates.length} autos campaigns match (${candidates.join(', ')}); none was changed. Name the city.`,
  autosWhich: (confirmText) => `Which one? For example "${confirmText}".`,
  autosOn: (key, active, routingOn, label, needsRouting) =>
    `Autos on: campaign ${key} ${active ? 'active' : 'NOT active'} (re-read), LeadGen routing ${routingOn ? 'on' : 'off'}${label ? `, Craigslist ${label}` : ''}.${needsRouting ? ' Routing is not configured: complete it in Settings (step 3) for Craigslist to run.' : ''}`,
  autosOff: (key, active, routingOn, label) =>
    `Autos off: campaign ${key} ${active ? 'STILL active' : 'paused'} (re-read), LeadGen routing ${routingOn ? 'on' : 'off'}${label ? `, Craigslist ${label}` : ''}.`,
  leadList: (total, filters, shown) =>
    `${plural('en', total, 'lead', 'leads')}${filters ? ` (${filters})` : ''}; ${shown === 1 ? 'the one with the highest priority' : `the ${shown} with the highest priority`}:`,
  suppressedNote: (reason) => ` Suppressed: ${f(reason)}.`,
  inspect: (label, l, n) =>
    `${label}: state ${f(l.lead_state)}, status ${f(l.status)}, priority ${f(n?.priority_score ?? l.priority_score)}. Next action: ${f(n?.next_action)}${n?.effective_channel ? ` via ${f(n.effective_channel)}` : ''} (${f(n?.reason)}).`,
  topNextActions: (n) => (n === 1 ? 'Next action of the highest-priority lead:' : `Next action of the ${n} highest-priority leads:`),
  nextAction: (label, r, when) =>
    `${label}: ${f(r.next_action)}${r.effective_channel ? ` via ${f(r.effective_channel)}` : ''}${when ? ` at ${when}` : ''} — rule: ${f(r.reason)}.`,
  suppressed: (label, changed, a) =>
    `${label} ${changed ? 'suppressed' : 'was already suppressed'}. Re-read: status=${a.status}, lead_state=${a.lead_state}, reason=${a.suppression_reason ?? '—'}, next action=${a.next_action ?? '—'}.`,
  enrollPreview: (key, p) =>
    `Preview: ${plural('en', p.matched, 'lead matches', 'leads match')}; ${p.to_enroll} would be enrolled in ${key} (${p.already_enrolled} already enrolled, ${p.not_contactable} not contactable). Nothing was written.`,
  enrollPrompt: (key, n) => `Enroll ${plural('en', n, 'lead', 'leads')} in ${key}?`,
  enrolledMany: (key, n, total) => `Enrolled ${plural('en', n, 'lead', 'leads')} in ${key}. Re-read: ${plural('en', total, 'lead', 'leads')} enrolled in all.`,
  notContactable: (label, key) => `${label} cannot be contacted (suppressed, closed, dead or status not new); not enrolled in ${key}.`,
  enrolledOne: (label, changed, key, status, step) => `${label} ${changed ? 'enrolled' : 'was already enrolled'} in ${key}. Re-read: status=${status}, step ${step}.`,
};

export const MESSAGES: Record<Lang, Catalog> = { es, en };

/** The catalog in the user's language. */
export function t(lang: Lang): Catalog {
  return MESSAGES[lang];
}
