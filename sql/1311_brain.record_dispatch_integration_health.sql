-- The dispatch outcome path's part in integration health: a batch of outcomes, per
-- account and provider, is one success (some send was accepted) or one auth/config
-- failure. Cheap when all is well: nothing failing in the batch and no failing
-- integration to heal means no work.
create or replace function brain.record_dispatch_integration_health(p_outcomes jsonb, p_now timestamptz default now())
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_r record;
begin
  if pg_catalog.jsonb_typeof(p_outcomes) is distinct from 'array' then
    return;
  end if;
  if not exists (select 1 from pg_catalog.jsonb_array_elements(p_outcomes) x
                 where brain.integration_config_error(null, x ->> 'error_code')
                    or (x ->> 'error_code') in ('20003', '20005', '10009', '10010'))
     and not exists (select 1 from public.integration_health h
                     where h.status = 'failing' and h.integration in ('twilio', 'telnyx', 'elastic_email')) then
    return;
  end if;
  for v_r in
    select t.account_id, t.provider,
           (pg_catalog.array_agg(x.item ->> 'error_code') filter (
              where brain.integration_config_error(t.provider, x.item ->> 'error_code')))[1] as error_code,
           pg_catalog.bool_or(x.item ->> 'result' = 'accepted') as accepted
    from pg_catalog.jsonb_array_elements(p_outcomes) x(item)
    -- By id alone, as an outcome names its touch: the account comes from the row.
    join lateral (select t_.account_id, t_.provider from public.touch_runs t_
                  where t_.id = (x.item ->> 'touch_run_id')::uuid) t on true
    where t.provider in ('twilio', 'telnyx', 'elastic_email')
    group by t.account_id, t.provider
  loop
    if v_r.error_code is not null then
      perform brain.record_integration_health(v_r.account_id, v_r.provider, v_r.error_code, p_now);
    elsif v_r.accepted then
      perform brain.record_integration_health(v_r.account_id, v_r.provider, null, p_now);
    end if;
  end loop;
end
$$;

comment on function brain.record_dispatch_integration_health(jsonb, timestamptz) is
  'Called by brain.record_touch_outcomes with the batch''s outcomes ({touch_run_id, result, error_code}): per account and provider (twilio, telnyx, elastic_email), an auth or configuration error (brain.integration_config_error) marks the integration failing (brain.record_integration_health, alert once a day), else an accepted send heals a failing one. Returns at once when the batch has no such error and no integration is failing.';

revoke execute on function brain.record_dispatch_integration_health(jsonb, timestamptz) from public;
grant execute on function brain.record_dispatch_integration_health(jsonb, timestamptz) to revenue_worker;
