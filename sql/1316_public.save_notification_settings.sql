-- A member saves their own notification settings: the grid (a delivery per event kind
-- and channel), the digest time and zone, and their Slack member id. A cell equal to the
-- role's default is stored as "no choice", so the default keeps applying to it.
create or replace function public.save_notification_settings(
  p_user_id uuid,
  p_grid jsonb,
  p_digest_time text,
  p_time_zone text default null,
  p_slack_member_id text default null
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_role text;
  v_bad record;
  v_time time;
  v_zone text := nullif(pg_catalog.btrim(coalesce(p_time_zone, '')), '');
  v_slack text := nullif(pg_catalog.upper(pg_catalog.btrim(coalesce(p_slack_member_id, ''))), '');
begin
  select m.role into v_role from public.account_members m
  join public.users u on u.id = m.user_id and u.is_active
  where m.account_id = v_account and m.user_id = p_user_id and m.is_active;
  if v_role is null then
    raise exception using errcode = '42501', message = 'not_a_member', detail = 'only a member of this account has notification settings here';
  end if;
  if pg_catalog.jsonb_typeof(p_grid) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_notification_grid', detail = 'the grid must be a list of {kind, channel, delivery}';
  end if;
  select x ->> 'kind' as kind, x ->> 'channel' as channel, x ->> 'delivery' as delivery into v_bad
  from pg_catalog.jsonb_array_elements(p_grid) x
  where coalesce(x ->> 'kind', '') not in (select k.kind from public.notification_event_kinds() k)
     or coalesce(x ->> 'channel', '') not in ('in_app', 'slack', 'email')
     or coalesce(x ->> 'delivery', '') not in ('realtime', 'daily_digest', 'off')
     or (x ->> 'channel' = 'in_app' and x ->> 'delivery' = 'daily_digest')
  limit 1;
  if found then
    raise exception using errcode = '22023', message = 'invalid_notification_preference',
      detail = pg_catalog.format('%s on %s cannot be %s: choose realtime, daily_digest (Slack or email only) or off',
                                 coalesce(v_bad.kind, '?'), coalesce(v_bad.channel, '?'), coalesce(v_bad.delivery, '?'));
  end if;
  if coalesce(p_digest_time, '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' then
    raise exception using errcode = '22023', message = 'invalid_digest_time',
      detail = pg_catalog.format('the digest time must be HH:MM (00:00-23:59), not %s', coalesce(p_digest_time, 'nothing'));
  end if;
  v_time := p_digest_time::time;
  if v_zone is not null and not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = v_zone) then
    raise exception using errcode = '22023', message = 'invalid_time_zone',
      detail = pg_catalog.format('%s is not a time zone name such as America/Los_Angeles', v_zone);
  end if;
  if v_slack is not null and v_slack !~ '^[UW][A-Z0-9]{6,24}$' then
    raise exception using errcode = '22023', message = 'invalid_slack_member_id',
      detail = 'a Slack member id looks like U012AB3CD (Slack: profile → ⋮ → Copy member ID)';
  end if;

  -- Later cells win over earlier ones for the same kind and channel.
  with cells as (
    select distinct on (x ->> 'kind', x ->> 'channel') x ->> 'kind' as kind, x ->> 'channel' as channel, x ->> 'delivery' as delivery
    from pg_catalog.jsonb_array_elements(p_grid) with ordinality e(x, n)
    order by x ->> 'kind', x ->> 'channel', n desc
  ), gone as (
    delete from public.notification_preferences p
    using cells c
    where p.account_id = v_account and p.user_id = p_user_id and p.event_kind = c.kind and p.channel = c.channel
      and c.delivery = brain.notification_default_delivery(v_role, c.kind, c.channel)
  )
  insert into public.notification_preferences as p (account_id, user_id, event_kind, channel, delivery)
  select v_account, p_user_id, c.kind, c.channel, c.delivery from cells c
  where c.delivery <> brain.notification_default_delivery(v_role, c.kind, c.channel)
  on conflict (account_id, user_id, event_kind, channel) do update set delivery = excluded.delivery
    where p.delivery is distinct from excluded.delivery;

  insert into public.notification_user_settings as s (account_id, user_id, digest_time, time_zone, slack_member_id)
  values (v_account, p_user_id, v_time, v_zone, v_slack)
  on conflict (account_id, user_id) do update
    set digest_time = excluded.digest_time, time_zone = excluded.time_zone, slack_member_id = excluded.slack_member_id
    where (s.digest_time, s.time_zone, s.slack_member_id) is distinct from (excluded.digest_time, excluded.time_zone, excluded.slack_member_id);

  return public.notification_settings_page(p_user_id);
end
$$;

comment on function public.save_notification_settings(uuid, jsonb, text, text, text) is
  'A member of app.account_id saves their own notification settings: p_grid [{kind, channel, delivery}] (cells equal to their role''s default are stored as no choice), p_digest_time HH:MM, p_time_zone (null or empty: the account''s), p_slack_member_id (null or empty: found by email). Answers public.notification_settings_page. Refuses not_a_member (42501), invalid_notification_grid, invalid_notification_preference (in_app cannot be daily_digest), invalid_digest_time, invalid_time_zone, invalid_slack_member_id (22023).';

revoke execute on function public.save_notification_settings(uuid, jsonb, text, text, text) from public;
grant execute on function public.save_notification_settings(uuid, jsonb, text, text, text) to revenue_api;
