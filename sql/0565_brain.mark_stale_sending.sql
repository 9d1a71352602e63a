-- A touch cannot legitimately stay "sending" for minutes: provider calls time out
-- in seconds. One that does belonged to a worker that died; it becomes unknown.
create or replace function brain.mark_stale_sending(
  p_older_than interval default interval '5 minutes',
  p_now timestamptz default now()
)
returns integer
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_count integer;
begin
  with stale as (
    select t.id, t.account_id, t.lead_id, t.channel, t.send_key
    from public.touch_runs t
    where t.status = 'sending' and t.claimed_at <= p_now - p_older_than
    for update skip locked
  ), marked as (
    update public.touch_runs t
    set status = 'unknown', error_code = 'worker_lost',
        error_message = 'the worker stopped between claiming and recording the outcome'
    from stale s where t.id = s.id and t.account_id = s.account_id
    returning t.id
  ), outbound as (
    update public.outbound_messages m set status = 'unknown', error_code = 'worker_lost'
    from stale s where m.account_id = s.account_id and m.send_key = s.send_key and m.status = 'pending'
    returning m.id
  ), logged as (
    -- One brain.record_event per row; the main query joins this one-row count so it always runs.
    select pg_catalog.count(brain.record_event(s.account_id, s.lead_id, 'touch_outcome_unknown', 'reconcile', 'internal',
             pg_catalog.jsonb_build_object('touch_run_id', s.id, 'send_key', s.send_key, 'reason', 'stale_sending'),
             s.channel::text, p_now)) as recorded
    from stale s
  )
  select (select count(*) from marked) into v_count from logged;
  return v_count;
end
$$;

comment on function brain.mark_stale_sending(interval, timestamptz) is
  'Marks touches left in sending for longer than p_older_than (their worker died between claim and outcome) as unknown, with their outbound message, and logs touch_outcome_unknown. They are then reconciled with the provider, never re-sent blindly. Returns how many.';

revoke execute on function brain.mark_stale_sending(interval, timestamptz) from public;
grant execute on function brain.mark_stale_sending(interval, timestamptz) to revenue_worker;
