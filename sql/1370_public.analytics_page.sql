-- The Analytics page in one read: the window, then every table the page shows (and
-- exports), each summed from the v_*_v1 views an analyst reads, as the caller.
create or replace function public.analytics_page(
  p_account_id uuid,
  p_window text default '30d',
  p_from date default null,
  p_to date default null,
  p_now timestamptz default now(),
  p_list_limit integer default 200
)
returns json
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- PL/pgSQL, not SQL: the session keeps this statement's plan (planning it is a good part
  -- of its cost).
  return (
    with w as (
      select * from public.analytics_window(p_account_id, p_window, p_from, p_to, p_now)
    ), funnel as (
      select v.group_kind, v.campaign_id, v.sequence_id, v.group_name,
             pg_catalog.sum(v.contacted)::integer as contacted, pg_catalog.sum(v.replied)::integer as replied,
             pg_catalog.sum(v.positive)::integer as positive, pg_catalog.sum(v.meeting)::integer as meeting,
             pg_catalog.sum(v.booked)::integer as booked
      from public.v_funnel_daily_v1 v, w
      where v.account_id = p_account_id and v.day between w.from_day and w.to_day
      group by v.group_kind, v.campaign_id, v.sequence_id, v.group_name
    ), per_day as (
      select v.day, v.contacted, v.replied, v.positive, v.meeting, v.booked
      from public.v_funnel_daily_v1 v, w
      where v.account_id = p_account_id and v.group_kind = 'all' and v.day between w.from_day and w.to_day
    ), overall as (
      select coalesce(pg_catalog.sum(f.contacted), 0)::integer as contacted, coalesce(pg_catalog.sum(f.replied), 0)::integer as replied,
             coalesce(pg_catalog.sum(f.positive), 0)::integer as positive, coalesce(pg_catalog.sum(f.meeting), 0)::integer as meeting,
             coalesce(pg_catalog.sum(f.booked), 0)::integer as booked
      from funnel f
      where f.group_kind = 'all'
    ), rates as (
      select r.source, r.campaign_id, r.sequence_id, r.group_name, r.step, r.channel,
             pg_catalog.sum(r.touches_sent)::integer as touches_sent, pg_catalog.sum(r.touches_replied)::integer as replied,
             pg_catalog.sum(r.touches_positive)::integer as positive, pg_catalog.sum(r.touches_booked)::integer as booked
      from public.v_touch_rates_daily_v1 r, w
      where r.account_id = p_account_id and r.day between w.from_day and w.to_day
      group by r.source, r.campaign_id, r.sequence_id, r.group_name, r.step, r.channel
    ), reactivation as (
      select r.group_name, r.round, r.channel,
             pg_catalog.sum(r.touches_sent)::integer as touches_sent, pg_catalog.sum(r.reactivated)::integer as reactivated,
             pg_catalog.sum(r.replied)::integer as replied, pg_catalog.sum(r.positive)::integer as positive,
             pg_catalog.sum(r.meeting)::integer as meeting, pg_catalog.sum(r.booked)::integer as booked
      from public.v_reactivation_daily_v1 r, w
      where r.account_id = p_account_id and r.day between w.from_day and w.to_day
      group by r.group_name, r.round, r.channel
    )
    select pg_catalog.json_build_object(
      'window', (select pg_catalog.json_build_object('key', w.window_key, 'from_day', w.from_day, 'to_day', w.to_day,
                   'from_at', w.from_at, 'to_at', w.to_at, 'time_zone', w.time_zone, 'days', w.days) from w),
      'pending_leads', (select pg_catalog.count(distinct d.lead_id)::integer from public.analytics_dirty_leads d
                        where d.account_id = p_account_id),
      'tables', pg_catalog.json_build_object(
        'funnel', (select pg_catalog.json_agg(pg_catalog.json_build_object(
                     'stage', s.stage, 'leads', s.leads,
                     'share_of_contacted', pg_catalog.round(s.leads::numeric / nullif(o.contacted, 0), 4)) order by s.n)
                   from overall o,
                   lateral (values (1, 'contacted', o.contacted), (2, 'replied', o.replied), (3, 'positive', o.positive),
                                   (4, 'meeting', o.meeting), (5, 'booked', o.booked)) as s (n, stage, leads)),
        'daily', (select pg_catalog.json_agg(pg_catalog.json_build_object(
                    'day', d.day::date, 'contacted', coalesce(v.contacted, 0), 'replied', coalesce(v.replied, 0),
                    'positive', coalesce(v.positive, 0), 'meeting', coalesce(v.meeting, 0), 'booked', coalesce(v.booked, 0))
                    order by d.day)
                  from w, pg_catalog.generate_series(w.from_day, w.to_day, interval '1 day') as d (day)
                  left join per_day v on v.day = d.day::date),
        'funnel_campaigns', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                               'campaign_id', f.campaign_id, 'campaign', f.group_name, 'contacted', f.contacted,
                               'replied', f.replied, 'positive', f.positive, 'meeting', f.meeting, 'booked', f.booked,
                               'reply_rate', pg_catalog.round(f.replied::numeric / nullif(f.contacted, 0), 4),
                               'booking_rate', pg_catalog.round(f.booked::numeric / nullif(f.contacted, 0), 4))
                               order by f.contacted desc, f.group_name), '[]'::json)
                             from funnel f where f.group_kind = 'campaign'),
        'funnel_sequences', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                               'sequence_id', f.sequence_id, 'sequence', f.group_name, 'contacted', f.contacted,
                               'replied', f.replied, 'positive', f.positive, 'meeting', f.meeting, 'booked', f.booked,
                               'reply_rate', pg_catalog.round(f.replied::numeric / nullif(f.contacted, 0), 4),
                               'booking_rate', pg_catalog.round(f.booked::numeric / nullif(f.contacted, 0), 4))
                               order by f.contacted desc, f.group_name), '[]'::json)
                             from funnel f where f.group_kind = 'sequence'),
        'rates_channels', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                             'channel', x.channel, 'touches_sent', x.touches_sent, 'replied', x.replied,
                             'reply_rate', pg_catalog.round(x.replied::numeric / nullif(x.touches_sent, 0), 4),
                             'positive', x.positive, 'booked', x.booked,
                             'booking_rate', pg_catalog.round(x.booked::numeric / nullif(x.touches_sent, 0), 4))
                             order by x.touches_sent desc, x.channel), '[]'::json)
                           from (select r.channel, pg_catalog.sum(r.touches_sent)::integer as touches_sent,
                                        pg_catalog.sum(r.replied)::integer as replied, pg_catalog.sum(r.positive)::integer as positive,
                                        pg_catalog.sum(r.booked)::integer as booked
                                 from rates r group by r.channel) x),
        'rates_steps', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                          'source', r.source, 'group', r.group_name, 'campaign_id', r.campaign_id, 'sequence_id', r.sequence_id,
                          'step', r.step, 'channel', r.channel, 'touches_sent', r.touches_sent, 'replied', r.replied,
                          'reply_rate', pg_catalog.round(r.replied::numeric / nullif(r.touches_sent, 0), 4),
                          'positive', r.positive, 'booked', r.booked,
                          'booking_rate', pg_catalog.round(r.booked::numeric / nullif(r.touches_sent, 0), 4))
                          order by r.source, r.group_name, r.step nulls last, r.channel), '[]'::json)
                        from rates r),
        'reactivation', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                           'group', r.group_name, 'round', r.round, 'channel', r.channel, 'touches_sent', r.touches_sent,
                           'reactivated', r.reactivated, 'replied', r.replied, 'positive', r.positive, 'meeting', r.meeting,
                           'booked', r.booked,
                           'reply_rate', pg_catalog.round(r.replied::numeric / nullif(r.reactivated, 0), 4),
                           'booking_rate', pg_catalog.round(r.booked::numeric / nullif(r.reactivated, 0), 4))
                           order by r.group_name, r.round nulls last, r.channel), '[]'::json)
                         from reactivation r),
        'reactivation_totals', (select pg_catalog.json_agg(pg_catalog.json_build_object(
                                  'touches_sent', x.touches_sent, 'reactivated', x.reactivated, 'replied', x.replied,
                                  'positive', x.positive, 'meeting', x.meeting, 'booked', x.booked,
                                  'reply_rate', pg_catalog.round(x.replied::numeric / nullif(x.reactivated, 0), 4),
                                  'booking_rate', pg_catalog.round(x.booked::numeric / nullif(x.reactivated, 0), 4)))
                                from (select coalesce(pg_catalog.sum(r.touches_sent), 0)::integer as touches_sent,
                                             coalesce(pg_catalog.sum(r.reactivated), 0)::integer as reactivated,
                                             coalesce(pg_catalog.sum(r.replied), 0)::integer as replied,
                                             coalesce(pg_catalog.sum(r.positive), 0)::integer as positive,
                                             coalesce(pg_catalog.sum(r.meeting), 0)::integer as meeting,
                                             coalesce(pg_catalog.sum(r.booked), 0)::integer as booked
                                      from reactivation r) x),
        'attribution_sources', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                                  'source', x.source, 'group', x.group_name, 'step', x.step, 'channel', x.channel,
                                  'bookings', x.bookings,
                                  'share', pg_catalog.round(x.bookings::numeric / nullif(x.total, 0), 4))
                                  order by x.bookings desc, x.source, x.group_name, x.step, x.channel), '[]'::json)
                                from (select coalesce(b.source, 'none') as source, coalesce(b.group_name, 'No touch before the booking') as group_name,
                                             b.step, b.channel, pg_catalog.count(*)::integer as bookings,
                                             pg_catalog.sum(pg_catalog.count(*)) over () as total
                                      from public.v_booking_attribution_v1 b, w
                                      where b.account_id = p_account_id and b.day between w.from_day and w.to_day
                                      group by 1, 2, 3, 4) x),
        'attribution', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                          'booked_at', b.booked_at, 'lead_id', b.lead_id, 'lead', b.lead_name, 'status', b.status,
                          'start_at', b.start_at, 'rule', b.rule, 'source', b.source, 'group', b.group_name, 'step', b.step,
                          'channel', b.channel, 'touch_sent_at', b.touch_sent_at, 'first_positive_reply_at', b.first_positive_reply_at)
                          order by b.booked_at desc, b.appointment_id), '[]'::json)
                        from (select b.* from public.v_booking_attribution_v1 b, w
                              where b.account_id = p_account_id and b.day between w.from_day and w.to_day
                              order by b.booked_at desc, b.appointment_id limit p_list_limit) b)
      )
    )
  );
end
$$;

comment on function public.analytics_page(uuid, text, date, date, timestamptz, integer) is
  'Everything the Analytics page shows and exports, in one read, for window p_window / p_from / p_to (public.analytics_window; its errors pass through): window {key, from_day, to_day, from_at, to_at, time_zone, days}; pending_leads (leads with changes brain.refresh_analytics has not counted yet); tables, each summed over the window''s days from the views an analyst reads: funnel (stage, leads, share_of_contacted; group all of v_funnel_daily_v1), daily (the same per day, every day of the window), funnel_campaigns and funnel_sequences (v_funnel_daily_v1 per campaign / sequence, with reply_rate and booking_rate of the contacted), rates_channels and rates_steps (v_touch_rates_daily_v1 per channel, and per source, group, step and channel: touches_sent, replied, reply_rate, positive, booked, booking_rate per touch), reactivation and reactivation_totals (v_reactivation_daily_v1), attribution_sources (bookings of the window per source, group, step and channel, with share) and attribution (the p_list_limit newest bookings of v_booking_attribution_v1; null: all). Rates are fractions rounded to 4 places (null when nothing was sent). Runs as the caller: row-level security limits it to the caller''s account.';

revoke execute on function public.analytics_page(uuid, text, date, date, timestamptz, integer) from public;
grant execute on function public.analytics_page(uuid, text, date, date, timestamptz, integer) to revenue_api, revenue_analyst;
