/**
 * Crontab, every 10 minutes, and 10 s after a worker is declared dead
 * (brain.declare_dead_workers queues it): touches stuck in sending become
 * unknown; then the provider is asked about unknown touches, where it allows it,
 * and they are settled. A touch the provider confirms it never received is sent
 * again as its next attempt (SQL decides, in brain.record_touch_outcome); nothing
 * is re-sent on a guess.
 */
import type { Task } from 'graphile-worker';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';
import { chooseDriver } from '../drivers/accounts.ts';
import type { Channel, ProviderName } from '../drivers/types.ts';

interface Unknown {
  touch_run_id: string;
  account_id: string;
  lead_id: string;
  channel: Channel;
  provider: ProviderName | null;
  send_key: string | null;
  to_address: string | null;
  from_address: string | null;
  body: string | null;
  claimed_at: Date | null;
}

export function reconcileUnknownTouches(deps: WorkerDeps): Task {
  return async () => {
    const [stale] = await deps.sql<{ n: number }[]>`
      select brain.mark_stale_sending() as n`;
    if (stale?.n) log('TOUCHES_STUCK_SENDING', { marked_unknown: stale.n }, 'warn');
    const rows = await deps.sql<Unknown[]>`
      select touch_run_id, account_id, lead_id, channel, provider, send_key, to_address, from_address, body, claimed_at
      from brain.unknown_touches(100)`;
    let settled = 0;
    let left = 0;
    for (const r of rows) {
      // Asked with the keys the send used: the account's own, else the environment's.
      const driver = r.provider ? (await chooseDriver(deps, r.account_id, r.provider)).driver : null;
      if (!driver || !r.send_key) {
        left++;
        continue;
      }
      const lookup = await driver.lookup({
        touchRunId: r.touch_run_id,
        sendKey: r.send_key,
        accountId: r.account_id,
        leadId: r.lead_id,
        channel: r.channel,
        to: r.to_address ?? '',
        from: r.from_address ?? '',
        body: r.body ?? '',
        ...(r.claimed_at ? { attemptedAt: r.claimed_at.toISOString() } : {}),
        providerConfig: {},
      });
      if (lookup.kind === 'unsupported') {
        left++;
        continue;
      }
      const [result, id, status] =
        lookup.kind === 'found' ? ['accepted', lookup.providerMessageId, lookup.providerStatus] : ['not_sent', null, null];
      const [row] = await deps.sql<{ r: { retried_as?: string; attempt?: number } | null }[]>`
        select brain.record_touch_outcome(${r.touch_run_id}, ${result}, ${id}, ${status},
          ${lookup.kind === 'found' ? null : 'reconciled_not_found'},
          ${lookup.kind === 'found' ? null : 'the provider has no record of this send'}) as r`;
      settled++;
      const retriedAs = row?.r?.retried_as;
      log('TOUCH_RECONCILED', {
        touch_run_id: r.touch_run_id,
        provider: r.provider,
        found: lookup.kind === 'found',
        ...(retriedAs ? { resent_as: retriedAs, attempt: row?.r?.attempt } : {}),
      });
    }
    log('RECONCILE_TICK', { unknown: rows.length, settled, left });
  };
}
