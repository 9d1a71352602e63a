-- Booking (issue 18, seed 003 §12): a message wants {{availability}}. Notes the demand
-- (the crontab keeps accounts with recent demand fresh) and, when the cache needs it,
-- queues one refresh job per account.
create or replace function brain.request_availability(p_account_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_state jsonb;
begin
  if not exists (select 1 from public.org_settings o where o.account_id = p_account_id and o.booking_provider <> 'none') then
    return pg_catalog.jsonb_build_object('state', 'not_configured', 'queued', false);
  end if;
  insert into public.availability_caches as c (account_id, demanded_at) values (p_account_id, p_now)
  on conflict (account_id) do update set demanded_at = greatest(c.demanded_at, excluded.demanded_at)
  where c.demanded_at is null or c.demanded_at < excluded.demanded_at - interval '10 seconds';
  v_state := brain.availability_cache_state(p_account_id, p_now);
  if (v_state ->> 'needs_refresh')::boolean then
    perform graphile_worker.add_job('refresh_availability', pg_catalog.json_build_object('account_id', p_account_id),
                                    max_attempts => 3, job_key => 'refresh_availability:' || p_account_id::text,
                                    job_key_mode => 'preserve_run_at');
  end if;
  return v_state || pg_catalog.jsonb_build_object('queued', (v_state ->> 'needs_refresh')::boolean);
end
$$;

comment on function brain.request_availability(uuid, timestamptz) is
  'A render needs the account''s availability: records demanded_at and, when brain.availability_cache_state says it needs a refresh (missing or stale, not backing off), queues graphile_worker job refresh_availability {account_id} under job_key refresh_availability:<account> (one per account). Accounts without a booking provider: {state: not_configured, queued: false}. Returns the cache state and queued. Security definer: callers need no rights on graphile_worker.';

revoke execute on function brain.request_availability(uuid, timestamptz) from public;
grant execute on function brain.request_availability(uuid, timestamptz) to revenue_worker;
