/**
 * Command OS intent parsing: rules first, in Spanish and English.
 *
 * Text is compared after normalisation (lower case, accents dropped, ñ → n,
 * punctuation around words dropped), so "Prende Craigslist Miami",
 * "prendé craigslist miami." and "PRENDE CRAIGSLIST MIAMI" are the same
 * command. References that must stay exact (lead ids, emails, phones) are
 * taken from the original text.
 *
 * The intent names are seed 001's. parseIntent returns null when no rule
 * matches; then (and only then) the OpenAI fallback may be asked (llm.ts).
 * canonicalText is the inverse: one phrasing per intent that parseIntent
 * maps back to the same intent and arguments (confirmations echo it).
 */
import { z } from 'zod';
import { MESSAGES, type Capability } from './messages.ts';
import { LEAD_STATES, NEXT_ACTIONS } from '../domain/vocabulary.ts';

export const INTENTS = [
  'system.status',
  'campaign.list',
  'campaign.toggle',
  'campaign.toggle.bulk',
  'program.list',
  'program.status',
  'lead.list',
  'lead.inspect',
  'lead.next_action',
  'lead.why',
  'lead.suppress',
  'lead.enroll',
  'craigslist.cto.start',
  'craigslist.cto.stop',
  'autos.activate',
  'autos.deactivate',
  'system.changes',
  'inbox.pending',
] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;

/** Intents that change state: they check the role and re-read what they changed. */
export const MUTATING_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'campaign.toggle',
  'campaign.toggle.bulk',
  'lead.suppress',
  'lead.enroll',
  'craigslist.cto.start',
  'craigslist.cto.stop',
  'autos.activate',
  'autos.deactivate',
]);

export const LangSchema = z.enum(['es', 'en']);
export type Lang = z.infer<typeof LangSchema>;

// Declared once, beside the service layer, and checked against SQL by the tests.
export { LEAD_STATES, NEXT_ACTIONS };

export const IntentArgsSchema = z
  .object({
    /** Craigslist site name or a city as typed ("fort lauderdale"); the SQL normalises it. */
    city: z.string().trim().min(2).max(60).optional(),
    /** Campaign id, campaign_key or name. */
    campaign: z.string().trim().min(1).max(200).optional(),
    /** Lead id, email, phone or name. */
    lead: z.string().trim().min(1).max(200).optional(),
    /** campaign.toggle / campaign.toggle.bulk: on (true) or off (false); campaign.list: only on / only off. */
    active: z.boolean().optional(),
    /** craigslist.cto.start: start although LeadGen routing is not configured. */
    override: z.boolean().optional(),
    /** The user confirmed (a duplicate run, a bulk change). */
    confirm: z.boolean().optional(),
    source: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/).optional(),
    state: z.enum(LEAD_STATES).optional(),
    next_action: z.enum(NEXT_ACTIONS).optional(),
    /** campaign.list asked about a LeadGen program: redirect to programs (seed 001). */
    topic: z.enum(['craigslist', 'leadgen', 'autopilot']).optional(),
  })
  .strict();
export type IntentArgs = z.infer<typeof IntentArgsSchema>;

export interface ParsedIntent {
  intent: Intent;
  args: IntentArgs;
  lang: Lang;
}

// --- normalisation -------------------------------------------------------------

/** Lower case, no accents, ñ → n, no quotes or sentence punctuation; words separated by one space. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[¿¡?!,;"“”«»()[\]{}]/g, ' ')
    .replace(/:(?!\/\/)/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(list: string): string[] {
  return list.trim().split(/\s*\|\s*/);
}

function re(list: string[]): RegExp {
  const alt = list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?:^|\\s)(?:${alt})(?=\\s|$)`);
}

const ES_ON = words('prende|prender|prendelo|prendela|enciende|encender|activa|activar|activalo|activala|arranca|arrancar|inicia|iniciar|reanuda|reanudar|lanza|lanzar|habilita|habilitar|pon en marcha');
const EN_ON = words('start|turn on|switch on|activate|enable|resume|launch|unpause|kick off');
const ES_OFF = words('apaga|apagar|apagalo|apagala|desactiva|desactivar|deten|detener|detenlo|pausa|pausar|pausalo|frena|frenar|deshabilita|deshabilitar|suspende|suspender');
const EN_OFF = words('stop|turn off|switch off|deactivate|disable|pause|halt|shut down|shutdown');
/** Words that are verbs only as the first word ("para" is also "for", "run" also a noun). */
const LEADING_ON = words('corre|correr|run');
const LEADING_OFF = words('para|parar|kill');

const ON = re([...ES_ON, ...EN_ON]);
const OFF = re([...ES_OFF, ...EN_OFF]);
const LEAD_ON = new RegExp(`^(?:${LEADING_ON.join('|')})(?=\\s|$)`);
const LEAD_OFF = new RegExp(`^(?:${LEADING_OFF.join('|')})(?=\\s|$)`);

const CAMPAIGN = re(words('campana|campanas|campaign|campaigns|cadencia|cadencias|cadence|cadences|outbound'));
const CRAIGSLIST = re(words('craigslist|craiglist|craigs list'));
const AUTOS = re(words('auto|autos'));
const LEADGEN = re(words('leadgen|lead gen|autopilot|autopiloto|lead generation|generacion de leads'));
const PROGRAMS = re(words('programa|programas|program|programs'));
const LEADS_PLURAL = re(words('leads|prospectos|contactos|clientes'));
const LEAD_SINGULAR = re(words('lead|prospecto|contacto|cliente'));
const ALL = re(words('todas|todos|todo|all|everything|every'));
const RUNNING = re(words('running|corriendo|activas|activos|prendidas|prendidos|encendidas|active|on|live|vivas'));
const PAUSED = re(words('pausadas|pausados|apagadas|apagados|paused|off|inactive|inactivas|detenidas'));
const LIST = re(words('lista|listar|listame|muestra|muestrame|mostrar|ensena|ensename|ver|dame|cuales|que|list|show|see|which|what|give me|get'));
const STATUS = re(words('estado|status|estatus|salud|health|como va|como van|como esta|como estan|como estamos|como vamos|resumen|summary|overview|dashboard|que esta pasando|que pasa|whats happening|what is happening|how are we doing|hows it going|how is it going|how is|how are|reporte|report|diagnostico'));
const CONFIRM = re(words('confirmar|confirmo|confirmado|confirma|confirm|confirmed|confirming'));
const OVERRIDE = re(words('override|forzar|forzado|forzalo|fuerza|force|forced|sin routing|without routing'));
const NEXT_ACTION = re(words('siguiente accion|proxima accion|siguiente paso|proximo paso|que sigue con|que sigue para|que hago con|que hacemos con|next action|next actions|next step|next best action|whats next for|what next for|what is next for|what should i do with|what to do with'));
const SUPPRESS = re(words('suprime|suprimir|suprimelo|suprimela|suppress|no contactar|no contactes|no contacten|no llamar|no le escribas|do not contact|dont contact|never contact|bloquea|bloquear|block|opt out|dnc'));
const ENROLL = re(words('inscribe|inscribir|inscribelo|inscribela|enrola|enrolar|enrolalo|mete|meter|agrega|agregar|anade|anadir|suma|sumar|enroll|enrol|add|put'));
const INSPECT = re(words('inspecciona|inspeccionar|detalle|detalles|ficha|abre|abrir|quien es|info de|informacion de|inspect|detail|details|open|who is|lookup|look up|find|busca|buscar'));
const WHY = re(words('por que|porque|why|explica|explain'));
const CHANGES = re(words('que cambio hoy|que cambio|que paso hoy|cambios de hoy|cambios hoy|what changed today|what changed|changes today|todays changes|what happened today'));
const INBOX = re(words('que tengo pendiente|que tengo por responder|que me falta responder|que debo responder|que hay que responder|pendientes por responder|respuestas pendientes|what needs my reply|what needs a reply|what needs my answer|what needs an answer|whats waiting for a reply|what is waiting for a reply|who do i need to answer|who needs a reply|pending replies'));
const HELP = re(words('ayuda|help|que puedo preguntar|que puedes hacer|comandos|commands|what can i ask|what can you do'));

/** Words that are never part of a city, a campaign name or a lead name. */
const NOISE = new Set(
  words(
    'el|la|los|las|lo|un|una|de|del|al|a|en|para|por|favor|porfa|con|y|e|ahora|ya|hoy|ciudad|programa|' +
      'the|a|an|of|in|at|for|to|on|please|now|today|city|program|my|our|mi|nuestro|nuestra|me|us|it|is|are|' +
      'status|estado|estatus|salud|health|como|va|esta|how|whats|what|que|it|es|go|going|' +
      'confirmar|confirmo|confirmado|confirma|confirm|confirmed|override|forzar|forzado|force|sin|without|routing|' +
      'leadgen|lead|leads|prospecto|prospectos|full|funnel|completo|outbound|hunter|ok|from|desde|doing|haciendo|andando|anda|funcionando|working',
  ),
);

function has(n: string, pattern: RegExp): boolean {
  return pattern.test(n);
}

function verb(n: string): 'on' | 'off' | null {
  const on = ON.exec(n) ?? LEAD_ON.exec(n);
  const off = OFF.exec(n) ?? LEAD_OFF.exec(n);
  if (on && off) return on.index <= off.index ? 'on' : 'off';
  if (on) return 'on';
  if (off) return 'off';
  return null;
}

/** Removes every match of the patterns, then noise words; what is left, joined by spaces. */
function remainder(n: string, remove: RegExp[], keep: (w: string) => boolean = () => true): string {
  let out = ` ${n} `;
  for (const p of remove) {
    const g = new RegExp(p.source, 'g');
    // Replace repeatedly: a removed word can expose a following one that shares its leading space.
    let prev = '';
    while (prev !== out) {
      prev = out;
      out = out.replace(g, ' ');
    }
  }
  return out
    .split(/\s+/)
    .filter((w) => w && !NOISE.has(w) && keep(w))
    .join(' ');
}

// --- language ------------------------------------------------------------------

const ES_MARKERS = new Set(
  words(
    'prende|prender|apaga|apagar|enciende|activa|desactiva|deten|pausa|pausar|campana|campanas|estado|todas|todos|todo|lista|muestra|muestrame|' +
      'cual|cuales|que|como|siguiente|proxima|accion|de|del|la|las|los|el|en|por|favor|prospectos|ahora|programas|programa|inscribe|' +
      'suprime|confirmar|confirmo|con|sistema|activas|prendidas|pausadas|esta|estan|va|van|hago|sigue|contactar|quien|es|y|ayuda|dame|ver|' +
      'arranca|inicia|reanuda|corriendo|cuantas|cuantos|hay|nuevos|leads de|hola|buenas|buenos|dias|gracias|oye|quiero|necesito|puedes|dime|cuentame|negocio|chiste|un|una',
  ),
);
const EN_MARKERS = new Set(
  words(
    'start|stop|turn|switch|pause|resume|enable|disable|activate|deactivate|the|campaigns|campaign|status|list|show|all|what|whats|how|next|' +
      'action|of|in|please|now|programs|program|enroll|suppress|confirm|with|system|running|active|paused|is|are|for|to|do|who|help|' +
      'which|everything|into|from|contact|dont|not|give|me|new|leads from|doing|going|hello|hi|hey|thanks|want|need|can|you|tell|about|my|business|weather|like|where|why',
  ),
);

export function detectLang(text: string): Lang {
  if (/[ñ¿¡áéíóú]/i.test(text)) return 'es';
  const n = normalize(text);
  let es = 0;
  let en = 0;
  for (const w of n.split(' ')) {
    if (ES_MARKERS.has(w)) es++;
    if (EN_MARKERS.has(w)) en++;
  }
  return es > en ? 'es' : 'en';
}

// --- references ----------------------------------------------------------------

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i;
const PHONE = /(?:^|[\s:])(\+?\d[\d\s().-]{5,}\d)(?=$|[\s,.;!?])/;

/** A lead id, email or phone as written; null when the text names none. */
export function leadReference(original: string): string | null {
  const uuid = UUID.exec(original);
  if (uuid) return uuid[0].toLowerCase();
  const email = EMAIL.exec(original);
  if (email) return email[0].toLowerCase();
  const phone = PHONE.exec(original);
  if (phone) {
    const digits = phone[1]!.replace(/[^\d]/g, '');
    if (digits.length >= 7) return (phone[1]!.trim().startsWith('+') ? '+' : '') + digits;
  }
  return null;
}

function stripReference(n: string, ref: string | null): string {
  if (!ref) return n;
  return n
    .replace(UUID, ' ')
    .replace(EMAIL, ' ')
    .replace(/\+?\d[\d\s().-]{5,}\d/, ' ');
}

function wordsOnly(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const STATE_WORDS: [RegExp, (typeof LEAD_STATES)[number]][] = [
  [re(words('nuevo|nuevos|nuevas|new')), 'new'],
  [re(words('contactados|tocados|touched|contacted')), 'touched'],
  [re(words('respondieron|respondidos|responded|replied')), 'responded'],
  [re(words('email capturado|email captured|email_captured|con email')), 'email_captured'],
  [re(words('alta intencion|high intent|high_intent|calientes|hot')), 'high_intent'],
  [re(words('en cola de llamadas|in call queue|in_call_queue|call queue|cola de llamadas')), 'in_call_queue'],
  [re(words('con cita agendada|con cita|citas agendadas|cita agendada|agendados|appointment booked|appointment_booked|booked')), 'appointment_booked'],
  [re(words('cerrados|closed')), 'closed'],
  [re(words('muertos|dead')), 'dead'],
  [re(words('suprimidos|suppressed')), 'suppressed'],
];

const NEXT_ACTION_WORDS: [RegExp, (typeof NEXT_ACTIONS)[number]][] = [
  [re(words('por enviar|para enviar|to send|send')), 'send'],
  [re(words('en cooldown|cooldown')), 'cooldown'],
  [re(words('para reactivar|reactivate|reactivation|reactivar')), 'reactivate'],
  [re(words('stop_all|detenidos|stopped')), 'stop_all'],
];

function leadFilters(n: string): Pick<IntentArgs, 'source' | 'state' | 'next_action' | 'city'> {
  const out: Pick<IntentArgs, 'source' | 'state' | 'next_action' | 'city'> = {};
  for (const [p, state] of STATE_WORDS) {
    if (p.test(n)) {
      out.state = state;
      break;
    }
  }
  for (const [p, action] of NEXT_ACTION_WORDS) {
    if (p.test(n)) {
      out.next_action = action;
      break;
    }
  }
  if (has(n, CRAIGSLIST)) out.source = 'craigslist';
  else {
    const src = /(?:^|\s)(?:de|desde|from|source|fuente)\s+([a-z0-9][a-z0-9_]{0,39})(?=\s|$)/.exec(n);
    const known = src?.[1];
    if (src && known && !NOISE.has(known)) {
      // "leads de alta intencion" names a state, not a source.
      const tail = ' ' + n.slice(src.index + src[0].length - known.length);
      const isState = [...STATE_WORDS, ...NEXT_ACTION_WORDS].some(([p]) => p.exec(tail)?.index === 0);
      if (!isState) out.source = known;
    }
  }
  return out;
}

// --- the rules -----------------------------------------------------------------

/** The words after the matched pattern, up to the end. */
function after(n: string, pattern: RegExp): string {
  const m = pattern.exec(n);
  if (!m) return '';
  return n.slice(m.index + m[0].length);
}

function before(n: string, pattern: RegExp): string {
  const m = pattern.exec(n);
  if (!m) return n;
  return n.slice(0, m.index);
}

function city(n: string, extra: RegExp[]): string | undefined {
  const c = remainder(n, [ON, OFF, LEAD_ON, LEAD_OFF, CRAIGSLIST, AUTOS, STATUS, LIST, CONFIRM, OVERRIDE, CAMPAIGN, PROGRAMS, RUNNING, PAUSED, ...extra]);
  return c.length >= 2 ? c : undefined;
}

const ENROLL_TARGET =
  /(?:^|\s)(?:en|a|al|in|into|to|on)\s+(?:la\s+|el\s+|the\s+)?(?:campana|campaign|cadencia|cadence)\s+(.+)$/;
const ENROLL_TARGET_AFTER = /(?:^|\s)(?:en|a|al|in|into|to|on)\s+(?:la\s+|el\s+|the\s+)?(.+?)\s+(?:campana|campaign|cadence|cadencia)$/;

function parseEnroll(n: string, original: string, lang: Lang): ParsedIntent | null {
  if (!has(n, ENROLL)) return null;
  const target = ENROLL_TARGET.exec(n) ?? ENROLL_TARGET_AFTER.exec(n);
  if (!target) return null;
  const campaign = remainder(target[1]!, [CONFIRM]);
  const who = n.slice(0, target.index);
  const args: IntentArgs = {};
  if (campaign) args.campaign = campaign;
  if (has(n, CONFIRM)) args.confirm = true;
  const ref = leadReference(original);
  if (ref) args.lead = ref;
  else if (has(who, LEADS_PLURAL) || has(who, ALL)) {
    const f = leadFilters(who);
    Object.assign(args, f);
  } else {
    const name = remainder(who, [ENROLL, LEAD_SINGULAR]);
    if (name) args.lead = name;
  }
  return { intent: 'lead.enroll', args, lang };
}

function parseSuppress(n: string, original: string, lang: Lang): ParsedIntent | null {
  if (!has(n, SUPPRESS)) return null;
  const ref = leadReference(original);
  const args: IntentArgs = {};
  if (ref) args.lead = ref;
  else {
    const name = remainder(after(n, SUPPRESS), [LEAD_SINGULAR, LEADS_PLURAL, CONFIRM]);
    if (name) args.lead = name;
  }
  if (has(n, CONFIRM)) args.confirm = true;
  return { intent: 'lead.suppress', args, lang };
}

function parseCraigslist(n: string, lang: Lang): ParsedIntent | null {
  if (!has(n, CRAIGSLIST)) return null;
  const v = verb(n);
  if (v === 'on' || v === 'off') {
    const c = city(n, []);
    const args: IntentArgs = {};
    if (c) args.city = c;
    if (v === 'on') {
      if (has(n, OVERRIDE)) args.override = true;
      if (has(n, CONFIRM)) args.confirm = true;
      return { intent: 'craigslist.cto.start', args, lang };
    }
    return { intent: 'craigslist.cto.stop', args, lang };
  }
  if (has(n, CAMPAIGN)) return { intent: 'campaign.list', args: { topic: 'craigslist' }, lang };
  if (has(n, LEADS_PLURAL)) {
    const args: IntentArgs = { source: 'craigslist' };
    const f = leadFilters(n);
    if (f.state) args.state = f.state;
    if (f.next_action) args.next_action = f.next_action;
    const c = city(n, [LEADS_PLURAL, ...STATE_WORDS.map(([p]) => p), ...NEXT_ACTION_WORDS.map(([p]) => p)]);
    if (c) args.city = c;
    return { intent: 'lead.list', args, lang };
  }
  const c = city(n, []);
  if (c) return { intent: 'program.status', args: { city: c }, lang };
  return { intent: 'program.list', args: {}, lang };
}

function parseAutos(n: string, lang: Lang): ParsedIntent | null {
  if (!has(n, AUTOS) || has(n, CAMPAIGN)) return null;
  const v = verb(n);
  if (!v) return null;
  const c = city(n, []);
  const args: IntentArgs = c ? { city: c } : {};
  return { intent: v === 'on' ? 'autos.activate' : 'autos.deactivate', args, lang };
}

function parseBulk(n: string, lang: Lang): ParsedIntent | null {
  const v = verb(n);
  if (!v || !has(n, ALL)) return null;
  const rest = remainder(n, [ON, OFF, LEAD_ON, LEAD_OFF, ALL, CAMPAIGN, RUNNING, PAUSED, CONFIRM, re(words('lo que|que|corre|corren|esta|estan|lo'))]);
  if (rest) return null;
  const args: IntentArgs = { active: v === 'on' };
  if (has(n, CONFIRM)) args.confirm = true;
  return { intent: 'campaign.toggle.bulk', args, lang };
}

function parseToggle(n: string, lang: Lang): ParsedIntent | null {
  const v = verb(n);
  if (!v) return null;
  let target = '';
  if (has(n, CAMPAIGN)) {
    target = remainder(after(n, CAMPAIGN), [CONFIRM]);
    if (!target) target = remainder(before(n, CAMPAIGN), [ON, OFF, LEAD_ON, LEAD_OFF, CONFIRM]);
  } else {
    // Without the word "campaign", only a campaign_key-looking word is taken as one.
    const key = /(?:^|\s)([a-z0-9]+(?:_[a-z0-9]+)+)(?=\s|$)/.exec(n);
    if (!key) return null;
    target = key[1]!;
  }
  const args: IntentArgs = { active: v === 'on' };
  if (target) args.campaign = target;
  return { intent: 'campaign.toggle', args, lang };
}

function parseLeadQueries(n: string, original: string, lang: Lang): ParsedIntent | null {
  const ref = leadReference(original);
  if (has(n, WHY) && (ref || has(n, LEAD_SINGULAR))) {
    const args: IntentArgs = {};
    if (ref) args.lead = ref;
    else {
      const name = remainder(after(n, WHY), [LEAD_SINGULAR, NEXT_ACTION, re(words('esta|is|does|do|hace|having|tiene'))]);
      if (name) args.lead = name;
    }
    return { intent: 'lead.why', args, lang };
  }
  if (has(n, NEXT_ACTION)) {
    const args: IntentArgs = {};
    if (ref) args.lead = ref;
    else {
      const name = remainder(after(n, NEXT_ACTION), [LEAD_SINGULAR, LEADS_PLURAL, LIST, re(words('top|mejores|best'))]);
      if (name) args.lead = name;
    }
    return { intent: 'lead.next_action', args, lang };
  }
  if (ref && (has(n, LEAD_SINGULAR) || has(n, INSPECT) || remainder(stripReference(n, ref), [LIST, INSPECT]) === '')) {
    return { intent: 'lead.inspect', args: { lead: ref }, lang };
  }
  if (has(n, INSPECT) && (has(n, LEAD_SINGULAR) || /^(?:quien es|who is)\s/.test(n))) {
    const name = remainder(after(n, INSPECT), [LEAD_SINGULAR, LIST]);
    if (name) return { intent: 'lead.inspect', args: { lead: name }, lang };
  }
  if (has(n, LEAD_SINGULAR) && !has(n, LEADS_PLURAL) && has(n, LIST)) {
    const name = remainder(n, [LEAD_SINGULAR, LIST, INSPECT]);
    if (name) return { intent: 'lead.inspect', args: { lead: name }, lang };
  }
  if (has(n, LEADS_PLURAL)) {
    const f = leadFilters(n);
    const args: IntentArgs = {};
    if (f.source) args.source = f.source;
    if (f.state) args.state = f.state;
    if (f.next_action) args.next_action = f.next_action;
    return { intent: 'lead.list', args, lang };
  }
  return null;
}

function parseLists(n: string, lang: Lang): ParsedIntent | null {
  if (has(n, CAMPAIGN)) {
    if (has(n, LEADGEN)) return { intent: 'campaign.list', args: { topic: has(n, re(words('autopilot|autopiloto'))) ? 'autopilot' : 'leadgen' }, lang };
    const args: IntentArgs = {};
    if (has(n, PAUSED)) args.active = false;
    else if (has(n, RUNNING)) args.active = true;
    return { intent: 'campaign.list', args, lang };
  }
  if (has(n, PROGRAMS) || has(n, LEADGEN) || has(n, re(words('fuentes de leads|lead sources')))) {
    return { intent: 'program.list', args: {}, lang };
  }
  if (has(n, STATUS) || has(n, re(words('sistema|system')))) return { intent: 'system.status', args: {}, lang };
  return null;
}

/** Is the text a request for help (answered with the capabilities, never sent to the model)? */
export function isHelpRequest(text: string): boolean {
  const n = normalize(text);
  return n === '' || (has(n, HELP) && n.split(' ').length <= 6);
}

/** Rule-based parse; null when no rule matches. */
export function parseIntent(text: string): ParsedIntent | null {
  const original = text.trim();
  const n = normalize(original);
  if (!n || isHelpRequest(original)) return null;
  const lang = detectLang(original);
  const parsed =
    (has(n, CHANGES) ? { intent: 'system.changes' as const, args: {}, lang } : null) ??
    (has(n, INBOX) ? { intent: 'inbox.pending' as const, args: {}, lang } : null) ??
    parseEnroll(n, original, lang) ??
    parseSuppress(n, original, lang) ??
    parseCraigslist(n, lang) ??
    parseAutos(n, lang) ??
    parseBulk(n, lang) ??
    parseToggle(n, lang) ??
    parseLeadQueries(n, original, lang) ??
    parseLists(n, lang);
  if (!parsed) return null;
  // Every rule's output must satisfy the same schema the model's does.
  const args = IntentArgsSchema.safeParse(parsed.args);
  if (!args.success) return null;
  return { ...parsed, args: args.data };
}

// --- canonical phrasings ---------------------------------------------------------

const STATE_ES: Record<(typeof LEAD_STATES)[number], string> = {
  new: 'nuevos',
  touched: 'contactados',
  responded: 'respondieron',
  email_captured: 'con email',
  high_intent: 'alta intencion',
  in_call_queue: 'en cola de llamadas',
  appointment_booked: 'con cita agendada',
  closed: 'cerrados',
  dead: 'muertos',
  suppressed: 'suprimidos',
};
const STATE_EN: Record<(typeof LEAD_STATES)[number], string> = {
  new: 'new',
  touched: 'touched',
  responded: 'responded',
  email_captured: 'email captured',
  high_intent: 'high intent',
  in_call_queue: 'in call queue',
  appointment_booked: 'appointment booked',
  closed: 'closed',
  dead: 'dead',
  suppressed: 'suppressed',
};

/** One phrasing per intent that parseIntent maps back to the same intent and arguments. */
export function canonicalText(p: ParsedIntent): string {
  const es = p.lang === 'es';
  const a = p.args;
  const flags = (s: string) =>
    [s, a.override ? 'override' : '', a.confirm ? (es ? 'confirmar' : 'confirm') : ''].filter(Boolean).join(' ');
  switch (p.intent) {
    case 'system.status':
      return es ? 'estado del sistema' : 'system status';
    case 'campaign.list':
      if (a.topic) return es ? `lista campañas de ${a.topic}` : `list ${a.topic} campaigns`;
      if (a.active === true) return es ? 'campañas activas' : 'list active campaigns';
      if (a.active === false) return es ? 'campañas pausadas' : 'list paused campaigns';
      return es ? 'lista campañas' : 'list campaigns';
    case 'campaign.toggle':
      return es
        ? `${a.active ? 'prende' : 'apaga'} la campaña ${a.campaign ?? ''}`.trim()
        : `${a.active ? 'activate' : 'pause'} campaign ${a.campaign ?? ''}`.trim();
    case 'campaign.toggle.bulk':
      return flags(es ? (a.active ? 'prende todas las campañas' : 'pausa todas las campañas') : a.active ? 'activate all campaigns' : 'pause all running');
    case 'program.list':
      return es ? 'lista programas' : 'list programs';
    case 'program.status':
      return es ? `estado de craigslist ${a.city ?? ''}`.trim() : `status craigslist ${a.city ?? ''}`.trim();
    case 'lead.list': {
      const parts = [es ? 'lista leads' : 'list leads'];
      if (a.source) parts.push(es ? `de ${a.source}` : `from ${a.source}`);
      if (a.city) parts.push(a.city);
      if (a.state) parts.push((es ? STATE_ES : STATE_EN)[a.state]);
      return parts.join(' ');
    }
    case 'lead.inspect':
      return es ? `muestra el lead ${a.lead ?? ''}`.trim() : `inspect lead ${a.lead ?? ''}`.trim();
    case 'lead.next_action':
      return es ? `siguiente acción del lead ${a.lead ?? ''}`.trim() : `next action for lead ${a.lead ?? ''}`.trim();
    case 'lead.why':
      return es ? `por qué el lead ${a.lead ?? ''}`.trim() : `why lead ${a.lead ?? ''}`.trim();
    case 'system.changes':
      return es ? 'qué cambió hoy' : 'what changed today';
    case 'inbox.pending':
      return es ? 'qué tengo pendiente' : 'what needs my reply';
    case 'lead.suppress':
      return flags(es ? `suprime el lead ${a.lead ?? ''}` : `suppress lead ${a.lead ?? ''}`);
    case 'lead.enroll': {
      const who = a.lead ?? (a.source ? (es ? `los leads de ${a.source}` : `${a.source} leads`) : es ? 'los leads' : 'leads');
      return flags(es ? `inscribe ${a.lead ? 'el lead ' : ''}${who} en la campaña ${a.campaign ?? ''}` : `enroll ${a.lead ? 'lead ' : ''}${who} in campaign ${a.campaign ?? ''}`);
    }
    case 'craigslist.cto.start':
      return flags(es ? `prende craigslist ${a.city ?? ''}`.trim() : `start craigslist ${a.city ?? ''}`.trim());
    case 'craigslist.cto.stop':
      return es ? `apaga craigslist ${a.city ?? ''}`.trim() : `stop craigslist ${a.city ?? ''}`.trim();
    case 'autos.activate':
      return es ? `activa autos ${a.city ?? ''}`.trim() : `activate autos ${a.city ?? ''}`.trim();
    case 'autos.deactivate':
      return es ? `desactiva autos ${a.city ?? ''}`.trim() : `deactivate autos ${a.city ?? ''}`.trim();
  }
}

/** What can be asked, with examples, in the user's language (the message catalog's list). */
export function capabilities(lang: Lang): readonly Capability[] {
  return MESSAGES[lang].capabilities;
}
