/**
 * Books a slot a reply accepted (seed 003 §12), queued by brain.consider_auto_booking
 * with one job per lead and slot. brain.claim_booking_attempt marks the attempt
 * "calling" and commits before Calendly is called, so a retry, a second worker or a
 * replayed reply never books twice; brain.record_booking_result writes the appointment
 * (and moves the lead to appointment_booked) or, on any failure, a setter task and the
 * reason on the lead's timeline. A failure is never retried blindly: after a time-out
 * the booking may exist, and a person checks.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import { createCalendlyApi, type Invitee } from '../booking/calendly.ts';
import type { WorkerDeps } from '../deps.ts';
import { DEFAULT_CALENDLY_API_BASE_URL } from '../providers.ts';

const Payload = z.object({ booking_attempt_id: z.string().uuid() });

interface Claim {
  claimed: boolean;
  reason?: string;
  account_id?: string;
  event_type_uri?: string;
  start_time?: string;
  invitee?: Invitee;
}

export function bookOfferedSlot(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { booking_attempt_id: id } = Payload.parse(rawPayload);
    const calendly = deps.booking?.calendly ?? { apiBaseUrl: DEFAULT_CALENDLY_API_BASE_URL, timeoutMs: 10_000 };
    const [row] = await deps.sql<{ r: Claim }[]>`select brain.claim_booking_attempt(${id}) as r`;
    const claim = row!.r;
    if (!claim.claimed) {
      log('BOOKING_SKIPPED', { booking_attempt_id: id, reason: claim.reason ?? 'unknown' });
      return;
    }
    const record = async (ok: boolean, eventUri: string | null, inviteeUri: string | null, error: string | null) => {
      await deps.sql`select brain.record_booking_result(${id}, ${ok}, ${eventUri}, ${inviteeUri}, ${error})`;
    };
    let token: string | undefined;
    try {
      token = (await loadCredentials(deps.sql, deps.keyRing, claim.account_id!, 'calendly'))?.value.api_token;
    } catch (error) {
      await record(false, null, null, `the account's stored Calendly credentials cannot be opened (${(error as Error).name})`);
      log('BOOKING_FAILED', { booking_attempt_id: id, error: 'credentials_unreadable' }, 'warn');
      return;
    }
    if (!token) {
      await record(false, null, null, 'no Calendly token: add one in Settings → Providers');
      log('BOOKING_FAILED', { booking_attempt_id: id, error: 'no_token' }, 'warn');
      return;
    }
    const api = createCalendlyApi({ token, apiBaseUrl: calendly.apiBaseUrl, timeoutMs: calendly.timeoutMs });
    const r = await api.createInvitee(claim.event_type_uri!, new Date(claim.start_time!).toISOString(), claim.invitee!);
    if (!r.ok) {
      await record(false, null, null, r.error);
      log('BOOKING_FAILED', { booking_attempt_id: id, error: r.kind, status: r.status }, 'warn');
      return;
    }
    await record(true, r.eventUri, r.inviteeUri, null);
    log('BOOKING_MADE', { booking_attempt_id: id });
  };
}
