-- The director dashboard in one read: engine health, channel readiness, recent
-- errors, the last 24 hours of touches, campaigns and 14 days of touches per
-- channel, as the caller (row-level security applies).
create or replace function public.dashboard_page(p_account_id uuid, p_now timestamptz default now())
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'health', public.system_health(),
    'readiness', (select pg_catalog.json_agg(pg_catalog.json_build_object(
                    'channel', c.channel, 'provider', p.provider,
                    'ready', brain.channel_ready(p_account_id, c.channel),
                    'detail', r.detail, 'checked_at', r.checked_at)
                    order by c.n)
                  from pg_catalog.unnest(array['sms', 'voice', 'whatsapp', 'email']) with ordinality as c (channel, n)
                  left join public.account_provider_settings p on p.account_id = p_account_id and p.channel = c.channel and p.is_default
                  left join public.provider_readiness r on r.provider = p.provider),
    'errors', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'at', e.at, 'source', e.source, 'code', e.code, 'message', e.message, 'lead_id', e.lead_id)
                 order by e.at desc), '[]'::json)
               from ((select coalesce(t.failed_at, t.updated_at) as at, 'touch · ' || t.channel as source,
                             t.error_code as code, pg_catalog.left(t.error_message, 160) as message, t.lead_id
                      from public.touch_runs t
                      where t.status in ('failed', 'unknown')
                      order by coalesce(t.failed_at, t.updated_at) desc limit 8)
                     union all
                     (select k.updated_at, 'craigslist · ' || k.task_type || ' · ' || k.city, k.last_error,
                             'attempt ' || k.attempts || ' of ' || k.max_attempts, null
                      from lead_hunter.craigslist_tasks_v1 k
                      where k.status = 'failed'
                      order by k.updated_at desc limit 8)
                     order by at desc limit 10) e),
    'touches24h', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                     'channel', x.channel, 'status', x.status, 'n', x.n) order by x.channel, x.status), '[]'::json)
                   from (select t.channel::text as channel, t.status, pg_catalog.count(*)::int as n
                         from public.touch_runs t
                         where t.created_at > p_now - interval '24 hours'
                         group by 1, 2) x),
    'campaigns', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                    'campaign_id', v.campaign_id, 'name', v.name, 'campaign_key', v.campaign_key,
                    'is_active', v.is_active, 'status', v.status, 'last_touch_run_at', v.last_touch_run_at,
                    'touch_runs_24h', v.touch_runs_24h::int, 'queued_24h', v.queued_24h::int,
                    'sent_24h', v.sent_24h::int, 'failed_24h', v.failed_24h::int,
                    'active_enrollments', v.active_enrollments::int)
                    order by v.is_active desc, v.name), '[]'::json)
                  from public.v_campaign_runtime_status_v1 v),
    'days', (select pg_catalog.json_agg(pg_catalog.to_char(d.day, 'YYYY-MM-DD') order by d.day)
             from pg_catalog.generate_series(pg_catalog.date_trunc('day', p_now at time zone 'UTC') - interval '13 days',
                                             pg_catalog.date_trunc('day', p_now at time zone 'UTC'), interval '1 day') as d (day)),
    'perDay', (select coalesce(pg_catalog.json_object_agg(x.day, x.channels order by x.day), '{}'::json)
               from (select pg_catalog.to_char(d.day, 'YYYY-MM-DD') as day,
                            pg_catalog.json_object_agg(t.channel::text, t.n order by t.channel::text) as channels
                     from pg_catalog.generate_series(pg_catalog.date_trunc('day', p_now at time zone 'UTC') - interval '13 days',
                                                     pg_catalog.date_trunc('day', p_now at time zone 'UTC'), interval '1 day') as d (day)
                     join lateral (select r.channel, pg_catalog.count(*)::int as n
                                   from public.touch_runs r
                                   where r.created_at >= d.day at time zone 'UTC'
                                     and r.created_at < (d.day + interval '1 day') at time zone 'UTC'
                                   group by r.channel) t on true
                     group by d.day) x),
    'repliesByTag7d', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('tag', x.tag, 'n', x.n) order by x.n desc, x.tag), '[]'::json)
                       from (select coalesce(m.sentiment_tag, 'Not classified yet') as tag, pg_catalog.count(*)::int as n
                             from public.inbound_messages m
                             where m.account_id = p_account_id
                               and m.received_at > p_now - interval '7 days' and m.received_at <= p_now
                             group by 1) x)
  )
$$;

comment on function public.dashboard_page(uuid, timestamptz) is
  'Everything the director dashboard shows, in one read (issue 14: one SQL call per page): health (public.system_health), readiness (sms, voice, whatsapp, email: default provider, brain.channel_ready for p_account_id, last readiness check), errors (the 10 newest failed touches and failed Craigslist tasks), touches24h (touch runs created in the 24 hours before p_now by channel and status), campaigns (v_campaign_runtime_status_v1, active first, by name), days (the 14 UTC days up to p_now, YYYY-MM-DD), perDay (touch runs per day and channel; days without touches are absent) and repliesByTag7d (the account''s replies received in the 7 days before p_now by sentiment tag, "Not classified yet" for those the AI stage has not read, most first). A json object; timestamps are ISO 8601 strings. Runs as the caller, so row-level security limits it to the caller''s account.';

revoke execute on function public.dashboard_page(uuid, timestamptz) from public;
grant execute on function public.dashboard_page(uuid, timestamptz) to revenue_api, revenue_analyst;
