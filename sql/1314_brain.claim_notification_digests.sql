-- The send_notification_digests crontab task (every 5 minutes): every due digest gets its
-- ledger row now, before anything is sent (insert on conflict do nothing on its
-- dedupe_key): a second run, or a second worker, finds it there and sends nothing. A
-- digest lists the events recorded since the user's previous digest on that channel (or
-- in the last 24 hours), of the kinds they want in a digest, grouped by kind, each once;
-- with nothing to list it is recorded skipped.
create or replace function brain.claim_notification_digests(p_now timestamptz default now(), p_limit integer default 200)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_due record;
  v_start timestamptz;
  v_ids uuid[];
  v_id uuid;
  v_out jsonb := '[]'::jsonb;
  v_groups jsonb;
begin
  update public.notification_deliveries d
  set status = 'failed', error = 'outcome_unknown: claimed at ' || pg_catalog.to_char(d.claimed_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC and never recorded'
  where d.status = 'pending' and d.kind = 'digest' and d.claimed_at < p_now - interval '10 minutes';

  for v_due in select * from brain.notification_digests_due(p_now) limit greatest(1, least(coalesce(p_limit, 200), 1000)) loop
    select coalesce(max(d.digest_window_end), p_now - interval '24 hours') into v_start
    from public.notification_deliveries d
    where d.account_id = v_due.account_id and d.user_id = v_due.user_id and d.channel = v_due.channel and d.kind = 'digest';

    select coalesce(pg_catalog.array_agg(e.id order by e.created_at, e.id), '{}') into v_ids
    from public.notification_events e
    join public.v_notification_preferences_v1 p
      on p.account_id = e.account_id and p.user_id = v_due.user_id and p.event_kind = e.kind
     and p.channel = v_due.channel and p.delivery = 'daily_digest'
    left join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
    where e.account_id = v_due.account_id and e.created_at > v_start and e.created_at <= p_now
      and (p.role <> 'setter' or l.assigned_user_id is null or l.assigned_user_id = v_due.user_id);

    v_id := null;
    insert into public.notification_deliveries (account_id, user_id, kind, channel, dedupe_key, status, attempts, claimed_at,
                                                error, digest_date, digest_event_ids, digest_window_start, digest_window_end)
    values (v_due.account_id, v_due.user_id, 'digest', v_due.channel, v_due.dedupe_key,
            case when pg_catalog.cardinality(v_ids) = 0 then 'skipped' else 'pending' end,
            case when pg_catalog.cardinality(v_ids) = 0 then 0 else 1 end,
            case when pg_catalog.cardinality(v_ids) = 0 then null else p_now end,
            case when pg_catalog.cardinality(v_ids) = 0 then 'nothing to report' end,
            v_due.local_date, v_ids, v_start, p_now)
    on conflict (account_id, dedupe_key) do nothing
    returning id into v_id;
    continue when v_id is null or pg_catalog.cardinality(v_ids) = 0;

    select coalesce(pg_catalog.jsonb_agg(g.grp order by g.sort_order), '[]'::jsonb) into v_groups
    from (
      select k.sort_order, pg_catalog.jsonb_build_object('kind', k.kind, 'label', k.label, 'count', count(*),
               'events', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                 'event_id', e.id, 'kind', e.kind, 'lead_id', e.lead_id, 'subject_id', e.subject_id,
                 'lead_name', case when e.lead_id is not null
                                   then coalesce(nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), ''), 'A lead') end,
                 'occurred_at', e.occurred_at, 'payload', e.payload) order by e.occurred_at, e.id)) as grp
      from public.notification_events e
      join public.notification_event_kinds() k on k.kind = e.kind
      left join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
      where e.account_id = v_due.account_id and e.id = any(v_ids)
      group by k.sort_order, k.kind, k.label
    ) g;

    v_out := v_out || pg_catalog.jsonb_build_array(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'delivery_id', v_id, 'account_id', v_due.account_id,
      'account_name', (select a.name from public.accounts a where a.id = v_due.account_id),
      'user_id', v_due.user_id, 'channel', v_due.channel, 'local_date', v_due.local_date, 'time_zone', v_due.time_zone,
      'email', (select u.email::text from public.users u where u.id = v_due.user_id),
      'slack_member_id', (select s.slack_member_id from public.notification_user_settings s
                          where s.account_id = v_due.account_id and s.user_id = v_due.user_id),
      'email_provider', (select em.provider from brain.notification_email_sender(v_due.account_id) em),
      'email_from', (select em.from_address from brain.notification_email_sender(v_due.account_id) em),
      'event_count', pg_catalog.cardinality(v_ids),
      'groups', v_groups)));
  end loop;
  return v_out;
end
$$;

comment on function brain.claim_notification_digests(timestamptz, integer) is
  'For the send_notification_digests crontab task: for each digest due at p_now (brain.notification_digests_due, at most p_limit), records its ledger row first (dedupe_key digest:<user>:<local date>:<channel>; on conflict nothing, so a second run or worker gets nothing): the events recorded after the user''s previous digest on that channel (else in the last 24 hours) up to p_now, of the kinds on daily_digest for that channel (setters: their leads and unassigned ones), each once (digest_event_ids). An empty digest is recorded skipped; the others are claimed (pending, claimed_at p_now) and answered: [{delivery_id, account_id, account_name, user_id, channel, local_date, time_zone, email, slack_member_id, email_provider, email_from, event_count, groups: [{kind, label, count, events: [{event_id, lead_id, lead_name, occurred_at, payload}]}]}]. Claims older than 10 minutes never recorded are failed as outcome_unknown. The caller sends and records each with brain.record_notification_delivery.';

revoke execute on function brain.claim_notification_digests(timestamptz, integer) from public;
grant execute on function brain.claim_notification_digests(timestamptz, integer) to revenue_worker;
