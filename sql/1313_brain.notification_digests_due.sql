-- Whose daily digest is due at p_now: every active member with at least one event kind
-- on daily_digest for Slack or email, whose digest time in their own zone is within ±12
-- minutes of p_now, and who has no digest on that channel for that local date yet. The
-- local date is the date of the digest time that matched (a 23:55 digest seen at 00:05
-- belongs to the day before); the zone's own rules apply, DST and half-hour offsets too.
create or replace function brain.notification_digests_due(p_now timestamptz default now())
returns table (account_id uuid, user_id uuid, channel text, local_date date, digest_at timestamptz, time_zone text, dedupe_key text)
language sql
stable
as $$
  with prefs as (
    select distinct p.account_id, p.user_id, p.channel, p.digest_time, p.time_zone
    from public.v_notification_preferences_v1 p
    where p.delivery = 'daily_digest' and p.channel in ('slack', 'email')
  ), candidates as (
    select pr.account_id, pr.user_id, pr.channel, d.local_date,
           (d.local_date + pr.digest_time) at time zone pr.time_zone as digest_at, pr.time_zone,
           'digest:' || pr.user_id::text || ':' || d.local_date::text || ':' || pr.channel as dedupe_key
    from prefs pr
    cross join lateral (select ((p_now at time zone pr.time_zone)::date + k) as local_date
                        from pg_catalog.generate_series(-1, 1) k) d
  )
  select c.account_id, c.user_id, c.channel, c.local_date, c.digest_at, c.time_zone, c.dedupe_key
  from candidates c
  where c.digest_at between p_now - interval '12 minutes' and p_now + interval '12 minutes'
    and not exists (select 1 from public.notification_deliveries x
                    where x.account_id = c.account_id and x.dedupe_key = c.dedupe_key)
$$;

comment on function brain.notification_digests_due(timestamptz) is
  'The daily digests due at p_now: (account_id, user_id, channel slack or email, local_date, digest_at, time_zone, dedupe_key digest:<user>:<local date>:<channel>) for each active member with some event kind on daily_digest for that channel (v_notification_preferences_v1) whose digest time, in their zone, is within ±12 minutes of p_now, and whose digest for that local date and channel is not in the ledger yet.';

revoke execute on function brain.notification_digests_due(timestamptz) from public;
grant execute on function brain.notification_digests_due(timestamptz) to revenue_worker;
