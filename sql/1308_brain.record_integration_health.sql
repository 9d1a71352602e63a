-- A provider call's outcome for an integration's health: a success heals a failing
-- integration; an auth or configuration error marks it failing and raises an
-- integration_failing notification at most once a day (the account's local date in the
-- dedupe_key). Other errors change nothing.
create or replace function brain.record_integration_health(
  p_account_id uuid,
  p_integration text,
  p_error_code text default null,
  p_now timestamptz default now()
)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_day date;
  v_event uuid;
  v_since timestamptz;
begin
  if p_integration is null or p_integration not in ('twilio', 'telnyx', 'elastic_email', 'openai', 'slack', 'calendly') then
    raise exception using errcode = '22023', message = 'invalid_integration',
      detail = pg_catalog.format('%s is not an integration: twilio, telnyx, elastic_email, openai, slack or calendly', coalesce(p_integration, 'null'));
  end if;
  if p_error_code is null then
    update public.integration_health h
    set status = 'ok', failing_since = null, last_ok_at = p_now
    where h.account_id = p_account_id and h.integration = p_integration and h.status = 'failing';
    return case when found then 'recovered' else 'ok' end;
  end if;
  if not brain.integration_config_error(p_integration, p_error_code) then
    return 'ignored';
  end if;
  insert into public.integration_health as h (account_id, integration, status, failing_since, last_error_code, last_error_at)
  values (p_account_id, p_integration, 'failing', p_now, pg_catalog.left(p_error_code, 100), p_now)
  on conflict (account_id, integration) do update
    set status = 'failing', failing_since = coalesce(h.failing_since, excluded.failing_since),
        last_error_code = excluded.last_error_code, last_error_at = excluded.last_error_at
  returning h.failing_since into v_since;

  select (p_now at time zone coalesce(o.timezone, 'America/New_York'))::date into v_day
  from public.accounts a left join public.org_settings o on o.account_id = a.id
  where a.id = p_account_id;
  insert into public.notification_events (account_id, kind, occurred_at, payload, dedupe_key)
  values (p_account_id, 'integration_failing', p_now,
          pg_catalog.jsonb_build_object('integration', p_integration, 'error_code', pg_catalog.left(p_error_code, 100),
                                        'failing_since', v_since, 'local_date', v_day),
          'integration_failing:' || p_integration || ':' || v_day::text)
  on conflict (account_id, dedupe_key) do nothing
  returning id into v_event;
  if v_event is null then
    return 'failing';
  end if;
  update public.integration_health h set last_alerted_on = v_day
  where h.account_id = p_account_id and h.integration = p_integration;
  return 'alerted';
end
$$;

comment on function brain.record_integration_health(uuid, text, text, timestamptz) is
  'Records a provider call''s outcome for an account''s integration (twilio, telnyx, elastic_email, openai, slack, calendly): p_error_code null is a success (a failing integration is ok again: ''recovered'', else ''ok''); an error that brain.integration_config_error calls an auth or configuration failure marks it failing and raises an integration_failing notification event once per account-local day (dedupe_key integration_failing:<integration>:<date>): ''alerted'' the first time that day, ''failing'' after; any other error: ''ignored''. Raises invalid_integration (22023).';

revoke execute on function brain.record_integration_health(uuid, text, text, timestamptz) from public;
grant execute on function brain.record_integration_health(uuid, text, text, timestamptz) to revenue_worker;
