-- The notification settings page of the signed-in user (app.account_id): the grid of
-- event kinds × channels with each delivery (saved or default), and the digest time,
-- zone and Slack member id.
create or replace function public.notification_settings_page(p_user_id uuid)
returns jsonb
language sql
stable
as $$
  select pg_catalog.jsonb_build_object(
    'kinds', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', k.kind, 'label', k.label, 'description', k.description)
                                          order by k.sort_order) from public.notification_event_kinds() k),
    'channels', pg_catalog.jsonb_build_array('in_app', 'slack', 'email'),
    'grid', (select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', p.event_kind, 'channel', p.channel,
                                                                                 'delivery', p.delivery, 'is_default', p.is_default)
                                                   order by p.event_kind, p.channel), '[]'::jsonb)
             from public.v_notification_preferences_v1 p
             where p.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid and p.user_id = p_user_id),
    'digest_time', pg_catalog.to_char(coalesce(s.digest_time, time '09:00'), 'HH24:MI'),
    'time_zone', s.time_zone::text,
    'account_time_zone', coalesce(o.timezone::text, 'America/New_York'),
    'slack_member_id', s.slack_member_id,
    'email', (select u.email::text from public.users u where u.id = p_user_id))
  from (select nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid as account_id) x
  left join public.notification_user_settings s on s.account_id = x.account_id and s.user_id = p_user_id
  left join public.org_settings o on o.account_id = x.account_id
$$;

comment on function public.notification_settings_page(uuid) is
  'The notification settings page for a member of app.account_id: {kinds: [{kind, label, description}], channels: [in_app, slack, email], grid: [{kind, channel, delivery (realtime, daily_digest, off), is_default}], digest_time (HH:MI, default 09:00), time_zone (null: the account''s), account_time_zone, slack_member_id, email}.';

revoke execute on function public.notification_settings_page(uuid) from public;
grant execute on function public.notification_settings_page(uuid) to revenue_api;
