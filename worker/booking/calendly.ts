/**
 * Calendly API v2 (seed 003 §12), over fetch, with an account's own personal access
 * token: the open slots of an event type (GET /event_type_available_times, at most 7
 * days per request) and a booking through the Scheduling API (POST /invitees). Answers
 * are plain results, never thrown; an error is a sentence without the token or the
 * provider's raw body. `kind` tells the availability cache how long to back off:
 * rate_limited (HTTP 429) 2 h, failed 24 h.
 */
import { z } from 'zod';

export interface CalendlyOptions {
  token: string;
  apiBaseUrl: string;
  timeoutMs: number;
}

export type CalendlyFailure = { ok: false; kind: 'rate_limited' | 'failed'; status: number | null; error: string };
export type SlotsResult = { ok: true; slots: string[] } | CalendlyFailure;
export type BookingResult = { ok: true; eventUri: string; inviteeUri: string } | CalendlyFailure;

export interface Invitee {
  name: string;
  email: string;
  timezone: string;
  text_reminder_number?: string;
}

export interface CalendlyApi {
  availableTimes(eventTypeUri: string, startTime: string, endTime: string): Promise<SlotsResult>;
  createInvitee(eventTypeUri: string, startTime: string, invitee: Invitee): Promise<BookingResult>;
}

const AvailableTimes = z.object({
  collection: z.array(z.object({ status: z.string(), start_time: z.string().datetime({ offset: true }) }).passthrough()).max(2000),
});
const CreatedInvitee = z.object({ resource: z.object({ uri: z.string().url().max(300), event: z.string().url().max(300) }).passthrough() });
const ErrorBody = z.object({ title: z.string().optional(), message: z.string().optional() }).passthrough();

function failure(status: number, body: unknown): CalendlyFailure {
  const e = ErrorBody.safeParse(body);
  const said = e.success ? (e.data.message ?? e.data.title) : undefined;
  // Calendly's own message (e.g. "The selected time is no longer available.") is safe to keep; truncated.
  const detail = said ? `: ${said.slice(0, 160)}` : '';
  if (status === 429) return { ok: false, kind: 'rate_limited', status, error: `Calendly is rate limiting (HTTP 429)${detail}` };
  if (status === 401 || status === 403) return { ok: false, kind: 'failed', status, error: `Calendly refused the token (HTTP ${status})` };
  return { ok: false, kind: 'failed', status, error: `Calendly answered HTTP ${status}${detail}` };
}

function transport(error: unknown, timeoutMs: number): CalendlyFailure {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return { ok: false, kind: 'failed', status: null, error: `Calendly did not answer within ${timeoutMs} ms` };
  }
  const code = e?.cause?.code;
  return { ok: false, kind: 'failed', status: null, error: `Calendly could not be reached${typeof code === 'string' ? ` (${code})` : ''}` };
}

export function createCalendlyApi(options: CalendlyOptions): CalendlyApi {
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  async function call(path: string, init: RequestInit): Promise<{ status: number; body: unknown } | CalendlyFailure> {
    try {
      const res = await fetch(`${options.apiBaseUrl}${path}`, {
        ...init, headers: { ...headers, ...(init.headers ?? {}) }, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs),
      });
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      return { status: res.status, body };
    } catch (error) {
      return transport(error, options.timeoutMs);
    }
  }
  return {
    async availableTimes(eventTypeUri, startTime, endTime) {
      const q = new URLSearchParams({ event_type: eventTypeUri, start_time: startTime, end_time: endTime });
      const r = await call(`/event_type_available_times?${q.toString()}`, { method: 'GET' });
      if ('ok' in r) return r;
      if (r.status !== 200) return failure(r.status, r.body);
      const parsed = AvailableTimes.safeParse(r.body);
      if (!parsed.success) return { ok: false, kind: 'failed', status: r.status, error: 'Calendly answered availability in an unexpected shape' };
      return { ok: true, slots: parsed.data.collection.filter((s) => s.status === 'available').map((s) => new Date(s.start_time).toISOString()) };
    },
    async createInvitee(eventTypeUri, startTime, invitee) {
      const r = await call('/invitees', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event_type: eventTypeUri, start_time: startTime, invitee }),
      });
      if ('ok' in r) return r;
      if (r.status !== 200 && r.status !== 201) return failure(r.status, r.body);
      const parsed = CreatedInvitee.safeParse(r.body);
      if (!parsed.success) return { ok: false, kind: 'failed', status: r.status, error: 'Calendly answered the booking in an unexpected shape' };
      return { ok: true, eventUri: parsed.data.resource.event, inviteeUri: parsed.data.resource.uri };
    },
  };
}
