/**
 * Engine-wide activity for the terminal: the one SQL call behind the summary
 * line `make run` prints every minute and at Ctrl-C.
 */
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';

export interface ActivitySummary {
  touches_sent: number;
  touches_failed: number;
  touches_queued: number;
  replies: number;
  jobs_waiting: number;
}

export async function activitySummary(sql: Sql, since: Date, now: Date = new Date()): Promise<ActivitySummary> {
  const [row] = await sql<ActivitySummary[]>`
    select touches_sent::int, touches_failed::int, touches_queued::int, replies::int, jobs_waiting::int
    from public.engine_activity_summary(${since}, ${now})`;
  return row!;
}

/**
 * Logs RUN_SUMMARY every `everyMs` for the last interval; `final()` logs the
 * totals since start (at Ctrl-C). A failed query is logged, never thrown.
 */
export function startActivitySummary(sql: Sql, everyMs = 60_000): { final(): Promise<void> } {
  const startedAt = new Date();
  let last = startedAt;
  const emit = async (since: Date, period: string) => {
    const now = new Date();
    try {
      const s = await activitySummary(sql, since, now);
      log('RUN_SUMMARY', {
        period,
        sent: s.touches_sent,
        failed: s.touches_failed,
        queued: s.touches_queued,
        replies: s.replies,
        jobs_waiting: s.jobs_waiting,
      });
    } catch (error) {
      log('RUN_SUMMARY_FAILED', { error }, 'warn');
    }
    return now;
  };
  const timer = setInterval(() => {
    void emit(last, 'last minute').then((now) => (last = now));
  }, everyMs);
  timer.unref();
  return {
    final: async () => {
      clearInterval(timer);
      await emit(startedAt, 'since start');
    },
  };
}

/** The number a lead with this phone would reply to (brain.reply_target_address), for make reply. */
export async function replyTargetAddress(sql: Sql, phone: string, channel: 'sms' | 'whatsapp'): Promise<string | null> {
  const [row] = await sql<{ address: string | null }[]>`select brain.reply_target_address(${phone}, ${channel}) as address`;
  return row?.address ?? null;
}
