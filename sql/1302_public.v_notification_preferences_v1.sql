-- Every active member's effective notification preferences: what they saved, else the
-- default for their role; with their digest time, zone and Slack member id.
create or replace view public.v_notification_preferences_v1 with (security_invoker = true) as
select m.account_id, m.user_id, m.role, k.kind as event_kind, c.channel,
       coalesce(p.delivery, brain.notification_default_delivery(m.role, k.kind, c.channel)) as delivery,
       p.delivery is null as is_default,
       coalesce(s.digest_time, time '09:00') as digest_time,
       coalesce(s.time_zone, o.timezone, 'America/New_York')::text as time_zone,
       s.slack_member_id,
       u.email::text as email
from public.account_members m
join public.users u on u.id = m.user_id and u.is_active
left join public.org_settings o on o.account_id = m.account_id
left join public.notification_user_settings s on s.account_id = m.account_id and s.user_id = m.user_id
cross join public.notification_event_kinds() k
cross join (values ('in_app'), ('slack'), ('email')) c(channel)
left join public.notification_preferences p
  on p.account_id = m.account_id and p.user_id = m.user_id and p.event_kind = k.kind and p.channel = c.channel
where m.is_active;

comment on view public.v_notification_preferences_v1 is
  'Effective notification preferences: one row per active member, event kind and channel, with the delivery they saved (notification_preferences) or their role''s default (brain.notification_default_delivery), and their digest time and zone (default 09:00 in the account''s time zone) and Slack member id.';
comment on column public.v_notification_preferences_v1.account_id is 'The account.';
comment on column public.v_notification_preferences_v1.user_id is 'The member.';
comment on column public.v_notification_preferences_v1.role is 'Their role in the account.';
comment on column public.v_notification_preferences_v1.event_kind is 'The event kind.';
comment on column public.v_notification_preferences_v1.channel is 'in_app, slack or email.';
comment on column public.v_notification_preferences_v1.delivery is 'realtime, daily_digest or off.';
comment on column public.v_notification_preferences_v1.is_default is 'True when the member saved nothing for it (the role''s default applies).';
comment on column public.v_notification_preferences_v1.digest_time is 'Local time of their daily digest.';
comment on column public.v_notification_preferences_v1.time_zone is 'The zone of their digest time.';
comment on column public.v_notification_preferences_v1.slack_member_id is 'Their Slack member id, when saved.';
comment on column public.v_notification_preferences_v1.email is 'Their email (where email notifications go; how Slack finds them without a member id).';

grant select on public.v_notification_preferences_v1 to revenue_api, revenue_worker, revenue_analyst;
