/**
 * A fake Calendly API v2 on 127.0.0.1 (Bearer token; Calendly's `{ title, message }`
 * error shape):
 *   GET  /users/me                        the token's user
 *   GET  /event_type_available_times      ?event_type=&start_time=&end_time= (at most 7 days):
 *                                         the open slots of `setSlots` inside the window
 *   POST /invitees                        Scheduling API: { event_type, start_time, invitee { name, email, timezone } }
 *                                         books an open slot (then no longer open); a taken or unknown slot is a 400
 * Every booking is recorded in `bookings` (and `accepted`), so a test can assert exactly
 * one. Faults (429, 500, resets) come from `setFaults`; pass `includeReads: true` to make
 * the availability read fail too.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { startFake, type AcceptedBase, type FakeProvider } from './server.ts';

export const FAKE_CALENDLY_TOKEN = 'fake-calendly-personal-access-token-0001';

export interface CalendlyBooking extends AcceptedBase {
  eventType: string;
  startTime: string;
  invitee: { name?: string; email?: string; timezone?: string };
  inviteeUri: string;
  eventUri: string;
}

export interface FakeCalendly extends FakeProvider<CalendlyBooking> {
  apiToken: string;
  /** The open slot starts (any ISO form); booked ones drop out. */
  setSlots(starts: (string | Date)[]): void;
  bookings: CalendlyBooking[];
}

const bearer = (h: http.IncomingHttpHeaders): string | null => (h.authorization?.startsWith('Bearer ') ? h.authorization.slice(7) : null);
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const invalid = (message: string) => ({ error: { status: 400, body: { title: 'Invalid Argument', message } } });

export async function startFakeCalendly(options: { apiToken?: string } = {}): Promise<FakeCalendly> {
  const apiToken = options.apiToken ?? FAKE_CALENDLY_TOKEN;
  let open = new Set<number>();
  const bookings: CalendlyBooking[] = [];
  const fake = await startFake<CalendlyBooking>({
    secretHeaders: [],
    authorize: (headers) =>
      bearer(headers) === apiToken ? null : { status: 401, body: { title: 'Unauthenticated', message: 'The access token is invalid' } },
    notFound: () => ({ status: 404, body: { title: 'Resource Not Found', message: 'The server could not find the requested resource.' } }),
    errorBody: (_status, code, message) => ({ title: String(code), message }),
    serverErrorBody: { title: 'Internal Server Error', message: 'Something went wrong' },
    routes: [
      {
        method: 'GET',
        pattern: /^\/users\/me$/,
        send: false,
        handle: () => ({
          response: {
            status: 200,
            body: {
              resource: {
                uri: 'https://api.calendly.com/users/AAAA', name: 'Fake Dealer Sales', slug: 'fake-dealer',
                email: 'sales@fake-dealer.example.com', timezone: 'America/New_York', current_organization: 'https://api.calendly.com/organizations/BBBB',
              },
            },
          },
        }),
      },
      {
        method: 'GET',
        pattern: /^\/event_type_available_times$/,
        send: false,
        handle: (ctx) => {
          const eventType = one(ctx.query.event_type);
          const start = Date.parse(one(ctx.query.start_time) ?? '');
          const end = Date.parse(one(ctx.query.end_time) ?? '');
          if (!eventType) return invalid('event_type is required');
          if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return invalid('start_time and end_time are required');
          if (start < Date.now() - 60_000) return invalid('start_time must be in the future');
          if (end - start > 7 * 24 * 3600_000) return invalid('The date range can be no greater than 1 week (7 days).');
          const collection = [...open].filter((t) => t >= start && t < end).sort((a, b) => a - b).map((t) => ({
            status: 'available', invitees_remaining: 1, start_time: new Date(t).toISOString().replace('.000Z', 'Z'),
            scheduling_url: `https://calendly.com/fake-dealer/30min/${new Date(t).toISOString()}`,
          }));
          return { response: { status: 200, body: { collection } } };
        },
      },
      {
        method: 'POST',
        pattern: /^\/invitees$/,
        send: true,
        handle: (ctx) => {
          const b = (ctx.body ?? {}) as { event_type?: unknown; start_time?: unknown; invitee?: { name?: string; email?: string; timezone?: string } };
          if (typeof b.event_type !== 'string') return invalid('event_type is required');
          const t = typeof b.start_time === 'string' ? Date.parse(b.start_time) : NaN;
          if (!Number.isFinite(t)) return invalid('start_time is required');
          if (!b.invitee || typeof b.invitee.email !== 'string') return invalid('invitee.email is required');
          if (!open.has(t)) return invalid('The selected time is no longer available.');
          open.delete(t);
          const eventUri = `https://api.calendly.com/scheduled_events/${randomUUID()}`;
          const inviteeUri = `${eventUri}/invitees/${randomUUID()}`;
          const booking: CalendlyBooking = {
            id: inviteeUri, at: new Date(), sendKey: null, touchRunId: null,
            eventType: b.event_type, startTime: new Date(t).toISOString(), invitee: b.invitee, inviteeUri, eventUri,
          };
          bookings.push(booking);
          return {
            accept: booking,
            response: {
              status: 201,
              body: {
                resource: {
                  uri: inviteeUri, event: eventUri, email: b.invitee.email, name: b.invitee.name ?? null,
                  timezone: b.invitee.timezone ?? null, status: 'active', created_at: booking.at.toISOString(),
                },
              },
            },
          };
        },
      },
    ],
  });
  return Object.assign(fake, {
    apiToken,
    bookings,
    setSlots(starts: (string | Date)[]) {
      open = new Set(starts.map((s) => (s instanceof Date ? s.getTime() : Date.parse(s))));
    },
  });
}
