/**
 * The director dashboard's numbers, read in the request's tenant transaction
 * (row-level security applies).
 */
import type { TransactionSql } from '../../db/client.ts';

export interface DashboardData {
  health: {
    jobs: { pending: number; running: number; failed: number; retrying: number };
    by_task: { task: string; pending: number; running: number; failed: number }[];
    crontab: { identifier: string; known_since: string; last_execution: string | null }[];
  };
  readiness: { channel: string; provider: string | null; ready: boolean; detail: string | null; checked_at: Date | null }[];
  errors: { at: Date; source: string; code: string | null; message: string | null; lead_id: string | null }[];
  touches24h: { channel: string; status: string; n: number }[];
  campaigns: {
    campaign_id: string; name: string; campaign_key: string | null; is_active: boolean; status: string;
    last_touch_run_at: Date | null; touch_runs_24h: number; queued_24h: number; sent_24h: number; failed_24h: number;
    active_enrollments: number;
  }[];
  days: string[];
  perDay: Record<string, Record<string, number>>;
}

export async function loadDashboard(tx: TransactionSql, accountId: string): Promise<DashboardData> {
  const [h] = await tx<{ health: DashboardData['health'] }[]>`select public.system_health() as health`;
  const readiness = await tx<DashboardData['readiness']>`
    select c.channel, p.provider, brain.channel_ready(${accountId}::uuid, c.channel) as ready,
           r.detail, r.checked_at
    from unnest(array['sms', 'voice', 'whatsapp', 'email']) as c (channel)
    left join public.account_provider_settings p on p.channel = c.channel and p.is_default
    left join public.provider_readiness r on r.provider = p.provider
    order by array_position(array['sms', 'voice', 'whatsapp', 'email'], c.channel)`;
  const errors = await tx<DashboardData['errors']>`
    (select coalesce(t.failed_at, t.updated_at) as at, 'touch · ' || t.channel as source, t.error_code as code,
            left(t.error_message, 160) as message, t.lead_id
     from public.touch_runs t
     where t.status in ('failed', 'unknown') order by coalesce(t.failed_at, t.updated_at) desc limit 8)
    union all
    (select k.updated_at, 'craigslist · ' || k.task_type || ' · ' || k.city, k.last_error,
            'attempt ' || k.attempts || ' of ' || k.max_attempts, null
     from lead_hunter.craigslist_tasks_v1 k
     where k.status = 'failed' order by k.updated_at desc limit 8)
    order by at desc limit 10`;
  const touches24h = await tx<DashboardData['touches24h']>`
    select channel::text, status, count(*)::int as n from public.touch_runs
    where created_at > now() - interval '24 hours' group by 1, 2 order by 1, 2`;
  const campaigns = await tx<DashboardData['campaigns']>`
    select campaign_id, name, campaign_key, is_active, status, last_touch_run_at, touch_runs_24h::int, queued_24h::int,
           sent_24h::int, failed_24h::int, active_enrollments::int
    from public.v_campaign_runtime_status_v1 order by is_active desc, name`;
  const daily = await tx<{ day: string; channel: string; n: number }[]>`
    select to_char(d.day, 'YYYY-MM-DD') as day, t.channel::text as channel, count(t.id)::int as n
    from generate_series(date_trunc('day', now() at time zone 'UTC') - interval '13 days',
                         date_trunc('day', now() at time zone 'UTC'), interval '1 day') as d (day)
    left join public.touch_runs t
      on t.created_at >= d.day at time zone 'UTC' and t.created_at < (d.day + interval '1 day') at time zone 'UTC'
    group by 1, 2 order by 1`;
  const days = [...new Set(daily.map((r) => r.day))];
  const perDay: DashboardData['perDay'] = {};
  for (const r of daily) {
    if (!r.channel) continue;
    (perDay[r.day] ??= {})[r.channel] = r.n;
  }
  return { health: h!.health, readiness, errors, touches24h, campaigns, days, perDay };
}
