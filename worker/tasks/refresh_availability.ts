/**
 * Refreshes one account's booking availability (seed 003 §12), queued by the database
 * (brain.request_availability when a render needs slots and the cache is stale; the
 * refresh_availability_due crontab for accounts with recent demand), one job per account.
 * brain.claim_availability_refresh takes a per-account advisory lock for this
 * transaction, so one refresh runs at a time per account; Calendly is asked inside it and
 * brain.record_availability records the slots (fresh for 60 s) or the failure (back-off
 * 24 h, 2 h after a rate limit) before the commit releases the lock.
 */
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import { loadCredentials } from '../../lib/provider-credentials.ts';
import { createCalendlyApi } from '../booking/calendly.ts';
import type { WorkerDeps } from '../deps.ts';
import { DEFAULT_CALENDLY_API_BASE_URL } from '../providers.ts';

const Payload = z.object({ account_id: z.string().uuid() });

interface Claim {
  claimed: boolean;
  reason?: string;
  event_type_uri?: string;
  start_time?: string;
  end_time?: string;
}

export function refreshAvailability(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { account_id: accountId } = Payload.parse(rawPayload);
    const calendly = deps.booking?.calendly ?? { apiBaseUrl: DEFAULT_CALENDLY_API_BASE_URL, timeoutMs: 10_000 };
    await deps.sql.begin(async (tx) => {
      const [row] = await tx<{ r: Claim }[]>`select brain.claim_availability_refresh(${accountId}) as r`;
      const claim = row!.r;
      if (!claim.claimed) {
        log('AVAILABILITY_REFRESH_SKIPPED', { account_id: accountId, reason: claim.reason ?? 'unknown' });
        return;
      }
      const record = async (slots: string[] | null, error: string | null, kind: string | null) => {
        const [s] = await tx<{ r: { state: string; slots: number } }[]>`
          select brain.record_availability(${accountId}, ${slots}::timestamptz[], ${error}, ${kind}) as r`;
        return s!.r;
      };
      // The Calendly integration's health (notifications: an alert at most once a day): a
      // refused or unreadable token marks it failing, a successful read heals it.
      const health = (code: string | null) => tx`select brain.record_integration_health(${accountId}, 'calendly', ${code})`;
      let token: string | undefined;
      try {
        token = (await loadCredentials(deps.sql, deps.keyRing, accountId, 'calendly'))?.value.api_token;
      } catch (error) {
        await record(null, `the account's stored Calendly credentials cannot be opened (${(error as Error).name})`, 'failed');
        await health('credentials_unreadable');
        log('AVAILABILITY_REFRESH_FAILED', { account_id: accountId, error: 'credentials_unreadable' }, 'warn');
        return;
      }
      if (!token) {
        await record(null, 'no Calendly token: add one in Settings → Providers', 'not_configured');
        await health('no_token');
        log('AVAILABILITY_REFRESH_FAILED', { account_id: accountId, error: 'no_token' }, 'warn');
        return;
      }
      const api = createCalendlyApi({ token, apiBaseUrl: calendly.apiBaseUrl, timeoutMs: calendly.timeoutMs });
      const r = await api.availableTimes(claim.event_type_uri!, new Date(claim.start_time!).toISOString(), new Date(claim.end_time!).toISOString());
      if (!r.ok) {
        await record(null, r.error, r.kind);
        if (r.status === 401 || r.status === 403) await health(`http_${r.status}`);
        log('AVAILABILITY_REFRESH_FAILED', { account_id: accountId, error: r.kind, status: r.status }, 'warn');
        return;
      }
      const state = await record(r.slots, null, null);
      await health(null);
      log('AVAILABILITY_REFRESHED', { account_id: accountId, slots: state.slots });
    });
  };
}
