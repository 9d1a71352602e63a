-- An event reaches every member whose preference for its kind is realtime on a channel,
-- set-based, in the transaction that recorded it: in_app rows are the bell's
-- notifications (sent when made); Slack and email rows wait in the ledger, and one
-- deliver_notifications job per event sends them. A setter hears about a lead's events
-- only when the lead is theirs or nobody's. Digest preferences are read at digest time.
create or replace function private.tg_notification_events__fan_out()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_events uuid[];
begin
  with d as (
    insert into public.notification_deliveries (account_id, user_id, event_id, kind, channel, dedupe_key, status, sent_at)
    select e.account_id, p.user_id, e.id, 'realtime', p.channel,
           'rt:' || e.id::text || ':' || p.user_id::text || ':' || p.channel,
           case when p.channel = 'in_app' then 'sent' else 'pending' end,
           case when p.channel = 'in_app' then e.created_at end
    from new_events e
    join public.v_notification_preferences_v1 p on p.account_id = e.account_id and p.event_kind = e.kind and p.delivery = 'realtime'
    left join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
    where p.role <> 'setter' or l.assigned_user_id is null or l.assigned_user_id = p.user_id
    on conflict (account_id, dedupe_key) do nothing
    returning event_id, channel
  )
  select pg_catalog.array_agg(distinct d.event_id) filter (where d.channel <> 'in_app') into v_events from d;
  perform graphile_worker.add_job('deliver_notifications', pg_catalog.json_build_object('event_id', x.id),
                                  job_key => 'deliver_notifications:' || x.id::text, max_attempts => 5)
  from pg_catalog.unnest(v_events) x(id);
  return null;
end
$$;

comment on function private.tg_notification_events__fan_out() is
  'Trigger (after insert on notification_events, per statement): inserts a notification_deliveries row (realtime, dedupe_key rt:<event>:<user>:<channel>) for every member whose effective preference (v_notification_preferences_v1) for the event''s kind is realtime on a channel; setters only for leads assigned to them or to nobody. in_app rows are sent at once (the bell); for an event with Slack or email rows it queues graphile_worker job deliver_notifications {event_id} (job_key deliver_notifications:<event>, 5 attempts). Security definer: the sources run as revenue_worker.';

create or replace trigger fan_out after insert on public.notification_events
  referencing new table as new_events
  for each statement execute function private.tg_notification_events__fan_out();
