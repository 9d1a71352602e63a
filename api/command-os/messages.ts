/**
 * Command OS's message catalog: every sentence a reply says, in Spanish and
 * English, with plurals chosen by Intl.PluralRules ("1 campaña activa",
 * "2 campañas activas"). Actions pass data; they never hold text.
 *
 * Both languages implement the same Catalog interface, so a message missing
 * in one of them is a type error.
 */
import type { AccountChanges } from '../domain/status.ts';
import type { LeadWhy } from '../domain/leads.ts';
import type { Lang } from './intents.ts';

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
  failed(reason: string): string;
  forbidden(role: string, what: string): string;
  permission: Record<
    'campaigns.toggle' | 'campaigns.enroll' | 'programs.control' | 'settings.edit' | 'providers.edit' | 'users.manage' | 'leads.act' | 'leads.import',
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
}

const es: Catalog = {
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
  changesToday: (c) =>
    `Desde la medianoche (${c.time_zone}): ${plural('es', c.touches_sent, 'toque enviado', 'toques enviados')}, ${plural('es', c.touches_failed, 'fallido', 'fallidos')}, ` +
    `${plural('es', c.replies, 'respuesta', 'respuestas')}, ${plural('es', c.opt_outs, 'baja', 'bajas')}, ${plural('es', c.new_leads, 'lead nuevo', 'leads nuevos')} ` +
    `y ${plural('es', c.campaigns_switched, 'campaña prendida o pausada', 'campañas prendidas o pausadas')}.`,
};

const en: Catalog = {
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
  changesToday: (c) =>
    `Since midnight (${c.time_zone}): ${plural('en', c.touches_sent, 'touch sent', 'touches sent')}, ${c.touches_failed} failed, ` +
    `${plural('en', c.replies, 'reply', 'replies')}, ${plural('en', c.opt_outs, 'opt-out', 'opt-outs')}, ${plural('en', c.new_leads, 'new lead', 'new leads')} ` +
    `and ${plural('en', c.campaigns_switched, 'campaign switched on or off', 'campaigns switched on or off')}.`,
};

export const MESSAGES: Record<Lang, Catalog> = { es, en };

/** The catalog in the user's language. */
export function t(lang: Lang): Catalog {
  return MESSAGES[lang];
}
