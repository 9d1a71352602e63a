-- Booking (issue 18, seed 003 §12): the crontab's refresh: accounts whose messages asked
-- for availability in the last 30 minutes are kept fresh.
create or replace function brain.queue_due_availability_refreshes(p_now timestamptz default now())
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_n integer := 0;
  v_account uuid;
begin
  for v_account in
    select c.account_id from public.availability_caches c
    join public.org_settings o on o.account_id = c.account_id and o.booking_provider <> 'none'
    where c.demanded_at > p_now - interval '30 minutes'
      and (c.expires_at is null or c.expires_at <= p_now)
      and (c.backoff_until is null or c.backoff_until <= p_now)
    order by c.demanded_at desc
    limit 500
  loop
    perform graphile_worker.add_job('refresh_availability', pg_catalog.json_build_object('account_id', v_account),
                                    max_attempts => 3, job_key => 'refresh_availability:' || v_account::text,
                                    job_key_mode => 'preserve_run_at');
    v_n := v_n + 1;
  end loop;
  return v_n;
end
$$;

comment on function brain.queue_due_availability_refreshes(timestamptz) is
  'The crontab''s availability refresh (refresh_availability_due, every minute): queues refresh_availability for each account with a booking provider whose messages wanted availability in the last 30 minutes (demanded_at) and whose cache is expired and not backing off (at most 500 accounts a run, most recent demand first). Returns how many were queued. Security definer: the worker needs no rights on graphile_worker.';

revoke execute on function brain.queue_due_availability_refreshes(timestamptz) from public;
grant execute on function brain.queue_due_availability_refreshes(timestamptz) to revenue_worker;
