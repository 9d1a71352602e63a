-- A worker silent for p_dead_after is dead: unlock its graphile-worker jobs, make
-- the touches it had claimed (still sending) unknown, and queue their reconciliation
-- at once. Any live worker may call it; two at once never both declare one worker.
create or replace function brain.declare_dead_workers(
  p_dead_after interval default interval '60 seconds',
  p_now timestamptz default now()
)
returns table (worker_id text, silent_s numeric, jobs_unlocked integer, touches_unknown integer)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_dead public.worker_heartbeats;
  v_jobs integer;
  v_touches integer;
  v_any boolean := false;
begin
  for v_dead in
    select h.* from public.worker_heartbeats h
    where h.beat_at <= p_now - p_dead_after
    order by h.beat_at
    for update skip locked
  loop
    select pg_catalog.count(*)::integer into v_jobs
    from graphile_worker.jobs j where j.locked_by = any(v_dead.job_worker_ids);
    if pg_catalog.cardinality(v_dead.job_worker_ids) > 0 then
      perform graphile_worker.force_unlock_workers(v_dead.job_worker_ids);
    end if;

    with lost as (
      update public.touch_runs t
      set status = 'unknown', error_code = 'worker_dead',
          error_message = 'the worker was declared dead (no heartbeat) between claiming and recording the outcome'
      where t.status = 'sending' and t.claimed_by = v_dead.worker_id
      returning t.id, t.account_id, t.lead_id, t.channel, t.send_key
    ), outbound as (
      update public.outbound_messages m set status = 'unknown', error_code = 'worker_dead'
      from lost l where m.account_id = l.account_id and m.send_key = l.send_key and m.status = 'pending'
      returning m.id
    ), logged as (
      select pg_catalog.count(brain.record_event(l.account_id, l.lead_id, 'touch_outcome_unknown', 'reconcile', 'internal',
               pg_catalog.jsonb_build_object('touch_run_id', l.id, 'send_key', l.send_key, 'reason', 'worker_dead',
                                             'worker_id', v_dead.worker_id),
               l.channel::text, p_now)) as n
      from lost l
    )
    select (select pg_catalog.count(*)::integer from lost) into v_touches from logged;

    delete from public.worker_heartbeats h where h.worker_id = v_dead.worker_id;
    v_any := v_any or v_touches > 0;

    worker_id := v_dead.worker_id;
    silent_s := pg_catalog.round(extract(epoch from p_now - v_dead.beat_at)::numeric, 1);
    jobs_unlocked := v_jobs;
    touches_unknown := v_touches;
    return next;
  end loop;

  -- Its in-doubt touches are asked about in 10 s (brain.unknown_touches: a dead worker's
  -- touch claimed 10 s ago), not at the next crontab tick.
  if v_any then
    perform graphile_worker.add_job('reconcile_unknown_touches', '{}'::json,
                                    job_key => 'reconcile_unknown_touches', run_at => p_now + interval '10 seconds');
  end if;
end
$$;

comment on function brain.declare_dead_workers(interval, timestamptz) is
  'Declares dead every worker process whose last heartbeat (worker_heartbeats.beat_at) is p_dead_after (60 s) or more before p_now: unlocks its graphile-worker jobs with graphile_worker.force_unlock_workers(its job_worker_ids) so live workers run them now rather than after graphile-worker''s 4-hour lock timeout, marks the touches it claimed and left sending as unknown (error_code worker_dead, memory event touch_outcome_unknown with reason worker_dead), removes its heartbeat row, and queues reconcile_unknown_touches 10 seconds later (brain.unknown_touches lists worker_dead touches claimed 10 s ago) when any touch became unknown. Rows locked by a concurrent caller are skipped, so a worker is declared once. Returns one row per declared worker: worker_id, silent_s, jobs_unlocked, touches_unknown.';

revoke execute on function brain.declare_dead_workers(interval, timestamptz) from public;
