-- Batched dispatch: one transaction claims up to p_limit due touches of an account.
-- The batch is decided by brain.claim_touch_rows, the one claim decision (consent,
-- suppression, send window, templates, sender slot) that brain.claim_touch also
-- answers through, so batch and single claims can never disagree. Rows another
-- claimer holds are skipped, not waited for.
create or replace function brain.claim_touches(
  p_account_id uuid,
  p_limit integer default 50,
  p_worker_id text default null,
  p_now timestamptz default now()
)
returns table (touch_run_id uuid, claim jsonb)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_id uuid;
  v_rows integer := 0;
  v_ids uuid[] := '{}';
  v_claims jsonb[] := '{}';
  v_claim jsonb;
  v_ready timestamptz;
  v_shifts jsonb;
begin
  if p_account_id is null or p_limit is null or p_limit not between 1 and 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('claim_touches needs an account and a limit from 1 to 1000, not %s', coalesce(p_limit::text, 'null'));
  end if;

  -- Batches of one account claim one at a time (each claim transaction is short; the
  -- provider calls run after it, in parallel). A batch locks several of the account's
  -- sender rate rows (brain.reserve_sender_slots) and the touches it takes; two batches
  -- at once would wait on each other's rows, or deadlock on them, each costing
  -- deadlock_timeout (1 s). Sender rows belong to one account, so this lock is enough.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('brain.claim_touches:' || p_account_id::text, 0));

  select coalesce(pg_catalog.array_agg(x.id order by x.scheduled_at, x.id), '{}') into v_ids
  from (
    select t.id, t.scheduled_at
    from public.touch_runs t
    where t.account_id = p_account_id
      and t.status in ('scheduled', 'queued')
      -- claim_touch's own tolerance: due within the next second.
      and t.scheduled_at <= p_now + interval '1 second'
    order by t.scheduled_at, t.id
    limit p_limit
    for update skip locked
  ) x;
  v_rows := pg_catalog.cardinality(v_ids);

  begin
    select coalesce(pg_catalog.array_agg(r.claim order by r.n), '{}') into v_claims
    from brain.claim_touch_rows(p_account_id, v_ids, p_worker_id, p_now) with ordinality r(touch_run_id, claim, n);
  exception when deadlock_detected or lock_not_available then
    -- A lock conflict with a single claim (or an outcome being recorded): the batch's
    -- work is undone (its rows stay locked by this transaction) and each row is claimed
    -- on its own; a row that meets the conflict again is undone alone (the touch stays
    -- due) and the next batch takes it.
    v_claims := '{}';
    foreach v_id in array v_ids loop
      begin
        select r.claim into v_claim from brain.claim_touch_rows(p_account_id, array[v_id], p_worker_id, p_now) r;
      exception when deadlock_detected or lock_not_available then
        v_claim := pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'busy');
      end;
      v_claims := v_claims || v_claim;
    end loop;
  end;

  -- No send starts before this transaction commits and the worker has the answer, and
  -- a send that starts well after its slot (the limiter's margin is 400 ms) would crowd
  -- the sender's next second. So a sender whose first slot in this batch is sooner than
  -- now plus 50 ms (the commit and the way back to the worker) has all its slots of the
  -- batch moved later by the same amount, in its log (sender_rate_state) and in
  -- not_before alike. Moving a sender's newest slots later, all by one amount, never
  -- puts more sends in any window. A sender whose slots are already that far ahead
  -- keeps them: moving every slot by the batch's whole duration made each batch start
  -- where the last one's moved slots ended, and the slots ran ahead of the clock by
  -- about 50 ms more with every batch (a quarter to three quarters of a second in bench/).
  v_ready := pg_catalog.clock_timestamp() + interval '50 milliseconds';
  select coalesce(pg_catalog.jsonb_object_agg(g.channel || ' ' || g.sender,
                    pg_catalog.jsonb_build_object('shift', v_ready - g.first_slot, 'slots', g.slots)),
                  '{}'::jsonb)
  into v_shifts
  from (select c ->> 'channel' as channel, coalesce(c ->> 'from', 'sink') as sender,
               pg_catalog.min(nb) as first_slot, pg_catalog.array_agg(nb) as slots
        from (select x -> 'send' as c, (x ->> 'not_before')::timestamptz as nb
              from pg_catalog.unnest(v_claims) x
              where x ->> 'outcome' = 'claimed' and x -> 'send' ->> 'channel' <> 'email') y
        group by 1, 2) g
  where g.first_slot < v_ready;
  if v_shifts <> '{}'::jsonb then
    -- One statement for every sender of the batch (their rows are already locked by this transaction).
    update public.sender_rate_state s
    set recent = array(select case when r = any(g.slots) then r + g.shift else r end
                       from pg_catalog.unnest(s.recent) with ordinality u(r, n) order by n)
    from (select pg_catalog.split_part(k.key, ' ', 1) as channel, pg_catalog.substr(k.key, pg_catalog.strpos(k.key, ' ') + 1) as sender,
                 (k.value ->> 'shift')::interval as shift,
                 array(select t::timestamptz from pg_catalog.jsonb_array_elements_text(k.value -> 'slots') t) as slots
          from pg_catalog.jsonb_each(v_shifts) k) g
    where s.account_id = p_account_id and s.channel = g.channel and s.sender = g.sender;
    v_claims := array(
      select case when v_shifts ? (x -> 'send' ->> 'channel' || ' ' || coalesce(x -> 'send' ->> 'from', 'sink'))
                       and x ->> 'outcome' = 'claimed' and x -> 'send' ->> 'channel' <> 'email'
                  then pg_catalog.jsonb_set(x, '{not_before}', pg_catalog.to_jsonb(
                         (x ->> 'not_before')::timestamptz
                         + (v_shifts -> (x -> 'send' ->> 'channel' || ' ' || coalesce(x -> 'send' ->> 'from', 'sink')) ->> 'shift')::interval))
                  else x end
      from pg_catalog.unnest(v_claims) with ordinality u(x, n) order by n);
  end if;

  return query select u.id, u.claim
    from rows from (pg_catalog.unnest(v_ids), pg_catalog.unnest(v_claims)) with ordinality u(id, claim, n) order by u.n;

  -- A full batch may have left more due touches: another job takes the next batch
  -- now, in parallel with this one's provider calls.
  if v_rows = p_limit then
    perform private.queue_touch_dispatch(p_account_id, p_now);
  end if;
end
$$;

comment on function brain.claim_touches(uuid, integer, text, timestamptz) is
  'Claims up to p_limit (1 to 1000) touches of account p_account_id that are scheduled or queued and due by p_now + 1 s, oldest first, in one transaction, one batch of an account at a time (a transaction-level advisory lock per account, so two batches never deadlock on the account''s sender rate rows): rows locked by another claimer (a single brain.claim_touch) are skipped (for update skip locked), and the batch is decided by brain.claim_touch_rows, set-based, the decision brain.claim_touch also answers through (same outcomes, same refusal reasons, same events and enrollment pauses; a claimed touch is sending with claimed_by = p_worker_id and its outbound_messages row, durable once this transaction commits, before any provider call). Returns one row per touch considered: touch_run_id and claim_touch''s answer; when the batch meets a lock conflict (deadlock or lock_not_available) its work is undone and each row is claimed on its own, and a row whose claim meets the conflict again is undone and answered skipped/busy, to be taken by the next batch. A sender whose first slot in the batch is sooner than the batch''s end plus 50 ms has all its slots of the batch moved later by that difference (sender_rate_state and not_before), so no send starts more than the limiter''s margin after its slot because of the batch; slots already that far ahead stay. When the batch is full it queues another dispatch_touches job for the account at p_now (private.queue_touch_dispatch), so the next batch runs in parallel.';

revoke execute on function brain.claim_touches(uuid, integer, text, timestamptz) from public;
grant execute on function brain.claim_touches(uuid, integer, text, timestamptz) to revenue_worker;
