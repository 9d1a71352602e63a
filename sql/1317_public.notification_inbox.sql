-- The bell's own notifications: the signed-in user's in-app notifications, newest first,
-- with the unread count.
create or replace function public.notification_inbox(p_user_id uuid, p_limit integer default 20)
returns jsonb
language sql
stable
as $$
  select pg_catalog.jsonb_build_object(
    'unread', (select count(*) from public.notification_deliveries d
               where d.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
                 and d.user_id = p_user_id and d.channel = 'in_app' and d.read_at is null),
    'items', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', x.id, 'kind', x.kind, 'label', x.label, 'lead_id', x.lead_id, 'lead_name', x.lead_name,
               'payload', x.payload, 'at', x.occurred_at, 'read', x.read_at is not null) order by x.created_at desc, x.occurred_at desc, x.id)
      from (
        select d.id, d.created_at, d.read_at, e.kind, k.label, e.lead_id, e.payload, e.occurred_at,
               case when e.lead_id is not null
                    then coalesce(nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), ''), 'A lead') end as lead_name
        from public.notification_deliveries d
        join public.notification_events e on e.id = d.event_id and e.account_id = d.account_id
        join public.notification_event_kinds() k on k.kind = e.kind
        left join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
        where d.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid
          and d.user_id = p_user_id and d.channel = 'in_app'
        order by d.created_at desc, e.occurred_at desc, d.id
        limit greatest(1, least(coalesce(p_limit, 20), 100))
      ) x), '[]'::jsonb))
$$;

comment on function public.notification_inbox(uuid, integer) is
  'The bell''s notifications for a member of app.account_id: {unread (count of unread in-app notifications), items: the latest p_limit (default 20, at most 100) [{id (the delivery), kind, label, lead_id, lead_name, payload, at, read}]}, newest first.';

revoke execute on function public.notification_inbox(uuid, integer) from public;
grant execute on function public.notification_inbox(uuid, integer) to revenue_api;
