-- The deliver_notifications job: takes an event's Slack and email deliveries that no
-- worker holds, before any provider is called (claimed_at, attempts), and answers what
-- the notifications need: the lead's name, the event's tag or meeting time, where each
-- goes. A claim whose outcome never came back within ten minutes is failed as
-- outcome_unknown, never sent again (DESIGN rule 4).
create or replace function brain.claim_notification_deliveries(p_event_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event jsonb;
  v_claimed jsonb;
begin
  update public.notification_deliveries d
  set status = 'failed', error = 'outcome_unknown: claimed at ' || pg_catalog.to_char(d.claimed_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC and never recorded'
  where d.event_id = p_event_id and d.status = 'pending' and d.claimed_at < p_now - interval '10 minutes';

  select pg_catalog.jsonb_build_object(
           'event_id', e.id, 'account_id', e.account_id, 'account_name', a.name, 'kind', e.kind,
           'label', (select k.label from public.notification_event_kinds() k where k.kind = e.kind),
           'lead_id', e.lead_id, 'subject_id', e.subject_id,
           'lead_name', case when e.lead_id is not null
                             then coalesce(nullif(pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)), ''), 'A lead') end,
           'occurred_at', e.occurred_at, 'payload', e.payload)
  into v_event
  from public.notification_events e
  join public.accounts a on a.id = e.account_id
  left join public.leads l on l.id = e.lead_id and l.account_id = e.account_id
  where e.id = p_event_id;
  if v_event is null then
    return pg_catalog.jsonb_build_object('event', null, 'deliveries', '[]'::jsonb);
  end if;

  with c as (
    update public.notification_deliveries d
    set claimed_at = p_now, attempts = d.attempts + 1
    where d.event_id = p_event_id and d.status = 'pending' and d.claimed_at is null and d.channel <> 'in_app'
    returning d.id, d.account_id, d.user_id, d.channel, d.dedupe_key
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'delivery_id', c.id, 'user_id', c.user_id, 'channel', c.channel, 'dedupe_key', c.dedupe_key,
           'email', u.email::text, 'display_name', u.display_name, 'slack_member_id', s.slack_member_id,
           'email_provider', em.provider, 'email_from', em.from_address))
           order by c.channel, c.user_id), '[]'::jsonb)
  into v_claimed
  from c
  join public.users u on u.id = c.user_id
  left join public.notification_user_settings s on s.account_id = c.account_id and s.user_id = c.user_id
  left join lateral brain.notification_email_sender(c.account_id) em on c.channel = 'email';
  return pg_catalog.jsonb_build_object('event', v_event, 'deliveries', v_claimed);
end
$$;

comment on function brain.claim_notification_deliveries(uuid, timestamptz) is
  'For the deliver_notifications job: claims (claimed_at = p_now, attempts + 1) the event''s pending Slack and email deliveries no worker holds, first failing as outcome_unknown those claimed more than 10 minutes ago and never recorded; answers {event: {event_id, account_id, account_name, kind, label, lead_id, lead_name (first and last name, else "A lead"), occurred_at, payload}, deliveries: [{delivery_id, user_id, channel, dedupe_key, email, display_name, slack_member_id, email_provider, email_from}]}. Nothing claimed twice: the caller sends what it got and records each with brain.record_notification_delivery.';

revoke execute on function brain.claim_notification_deliveries(uuid, timestamptz) from public;
grant execute on function brain.claim_notification_deliveries(uuid, timestamptz) to revenue_worker;
