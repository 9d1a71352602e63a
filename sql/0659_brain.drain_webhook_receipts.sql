-- Receipts-first ingest: applies waiting receipts in batches, in order per ordering
-- key, exactly once (processed_at is set in the transaction that applies them).
create or replace function brain.drain_webhook_receipts(
  p_limit integer default 500,
  p_partitions integer default 16,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_lock_class constant integer := pg_catalog.hashtext('brain.drain_webhook_receipts');
  v_part integer;
  v_parts integer[] := '{}';
  v_batch public.webhook_receipts[];
  v_receipt public.webhook_receipts;
  v_result jsonb;
  v_messages uuid[] := '{}';
  v_recorded integer;
  v_outcomes text[] := '{}';
  v_applied_at timestamptz[] := '{}';
  v_scored integer := 0;
  v_processed integer := 0;
  v_failed integer := 0;
  v_slow boolean := false;
  v_code text;
  v_message text;
  v_detail text;
begin
  if p_limit is null or p_limit < 1 or p_limit > 5000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_limit must be between 1 and 5000';
  end if;
  if p_partitions is null or p_partitions < 1 or p_partitions > 16 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_partitions must be between 1 and 16';
  end if;

  -- A drainer owns the partitions it locks until it commits: the receipts of one
  -- ordering key (one partition) are never applied by two drainers at once. The
  -- partitions with the oldest waiting receipt are tried first.
  for v_part in
    select p.n
    from pg_catalog.generate_series(0, 15) p(n)
    cross join lateral (select min(r.seq) as oldest from public.webhook_receipts r
                        where r.drain_partition = p.n and r.processed_at is null and r.failed_at is null
                          and (r.next_attempt_at is null or r.next_attempt_at <= p_now)) o
    where o.oldest is not null
    order by o.oldest
  loop
    if pg_catalog.pg_try_advisory_xact_lock(v_lock_class, v_part) then
      v_parts := v_parts || v_part;
      exit when pg_catalog.cardinality(v_parts) >= p_partitions;
    end if;
  end loop;
  if pg_catalog.cardinality(v_parts) = 0 then
    return pg_catalog.jsonb_build_object('claimed', 0, 'processed', 0, 'failed', 0, 'partitions', 0);
  end if;

  -- for update without skip locked: the partition lock already keeps other drainers out,
  -- and skipping a row the consent pre-pass holds for a moment would let a later
  -- receipt of the same lead go first.
  select array_agg(c order by c.seq) into v_batch
  from (select r.* from public.webhook_receipts r
        where r.drain_partition = any (v_parts) and r.processed_at is null and r.failed_at is null
          and (r.next_attempt_at is null or r.next_attempt_at <= p_now)
        order by r.seq
        limit p_limit
        for update) c;
  if v_batch is null then
    return pg_catalog.jsonb_build_object('claimed', 0, 'processed', 0, 'failed', 0, 'partitions', pg_catalog.cardinality(v_parts));
  end if;

  -- The inbound_messages trigger leaves the AI stage's jobs to us: one add_jobs per batch.
  perform pg_catalog.set_config('revenue.defer_post_process', 'on', true);
  -- The priority-score triggers only note the leads they would score; each is scored
  -- once, after the batch (brain.score_leads), from its final state and events.
  perform pg_catalog.set_config('revenue.defer_priority_score', 'on', true);
  perform private.take_deferred_scoring();

  -- Fast path: the whole batch in one subtransaction, the receipts marked processed with
  -- one update at its end. If any receipt raises, it is all undone and the batch is
  -- applied again one receipt per subtransaction, so the failing ones are recorded and
  -- the others go through.
  begin
    foreach v_receipt in array v_batch loop
      v_result := brain.apply_webhook_receipt(v_receipt);
      v_outcomes := v_outcomes || (v_result ->> 'outcome');
      v_applied_at := v_applied_at || pg_catalog.clock_timestamp();
      if v_result ? 'inbound_message_id' then
        v_messages := v_messages || (v_result ->> 'inbound_message_id')::uuid;
      end if;
    end loop;
    update public.webhook_receipts r
    set processed_at = a.applied_at, outcome = a.outcome, attempts = r.attempts + 1, next_attempt_at = null
    from pg_catalog.unnest(v_batch) with ordinality b
    join rows from (pg_catalog.unnest(v_outcomes), pg_catalog.unnest(v_applied_at)) with ordinality a(outcome, applied_at, n)
      on a.n = b.ordinality
    where r.provider = b.provider and r.idempotency_key = b.idempotency_key and r.account_id = b.account_id;
    v_processed := pg_catalog.cardinality(v_batch);
  exception when others then
    v_slow := true;
  end;

  if v_slow then
    v_messages := '{}';
    v_processed := 0;
    foreach v_receipt in array v_batch loop
      begin
        v_result := brain.apply_webhook_receipt(v_receipt);
        update public.webhook_receipts
        set processed_at = pg_catalog.clock_timestamp(), outcome = v_result ->> 'outcome', attempts = attempts + 1,
            next_attempt_at = null
        where provider = v_receipt.provider and idempotency_key = v_receipt.idempotency_key
          and account_id = v_receipt.account_id;
        if v_result ? 'inbound_message_id' then
          v_messages := v_messages || (v_result ->> 'inbound_message_id')::uuid;
        end if;
        v_processed := v_processed + 1;
      exception when others then
        get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
        update public.webhook_receipts
        set attempts = attempts + 1,
            last_error_code = v_code,
            last_error = pg_catalog.left(v_message || coalesce(': ' || nullif(v_detail, ''), ''), 500),
            next_attempt_at = pg_catalog.clock_timestamp()
                              + pg_catalog.make_interval(secs => least(300, pg_catalog.power(2, attempts + 1)::integer)),
            failed_at = case when attempts + 1 >= 5 then pg_catalog.clock_timestamp() end
        where provider = v_receipt.provider and idempotency_key = v_receipt.idempotency_key
          and account_id = v_receipt.account_id;
        v_failed := v_failed + 1;
      end;
    end loop;
  end if;

  -- The rules path of reply understanding: replies that need no model are tagged here and
  -- get no job (brain.tag_replies_by_rules). Should it fail, every message keeps its job.
  v_recorded := pg_catalog.cardinality(v_messages);
  -- revenue.post_process = off (a session's own setting; the worker never sets it): no
  -- tags and no jobs, the baseline bench/inbox.ts measures the AI stage's cost against.
  if pg_catalog.current_setting('revenue.post_process', true) = 'off' then
    v_messages := '{}';
    v_recorded := 0;
  end if;
  if v_recorded > 0 then
    begin
      v_messages := brain.tag_replies_by_rules(v_messages, p_now);
    exception when others then
      raise warning 'brain.tag_replies_by_rules failed (%): every message keeps its inbound_post_process job', sqlstate;
    end;
  end if;
  perform pg_catalog.set_config('revenue.defer_post_process', 'off', true);
  perform pg_catalog.set_config('revenue.defer_priority_score', 'off', true);
  v_scored := brain.score_leads(private.take_deferred_scoring());
  if pg_catalog.cardinality(v_messages) > 0 then
    perform graphile_worker.add_jobs(array(
      select row('inbound_post_process', pg_catalog.json_build_object('inbound_message_id', m.id), null, null,
                 5, 'inbound_post_process:' || m.id::text, null, null)::graphile_worker.job_spec
      from pg_catalog.unnest(v_messages) m(id)));
  end if;

  return pg_catalog.jsonb_build_object('claimed', pg_catalog.cardinality(v_batch), 'processed', v_processed,
                                       'failed', v_failed, 'partitions', pg_catalog.cardinality(v_parts),
                                       'post_process_jobs', pg_catalog.cardinality(v_messages),
                                       'tagged_by_rules', coalesce(v_recorded, 0) - pg_catalog.cardinality(v_messages), 'leads_scored', v_scored,
                                       'one_by_one', v_slow);
end
$$;

comment on function brain.drain_webhook_receipts(integer, integer, timestamptz) is
  'The receipts drain of receipts-first ingest: locks up to p_partitions of the 16 drain partitions (pg_try_advisory_xact_lock; partitions held by another drainer are left to it, those with the oldest waiting receipt first), takes their waiting receipts (not failed, not backing off at p_now) oldest first, at most p_limit, and applies each (brain.apply_webhook_receipt) in seq order, setting processed_at and outcome in this same transaction: a crash rolls the batch back and it is drained again, never twice. A receipt that raises is rolled back alone and keeps its error (last_error_code, last_error), attempts + 1 and a back-off (next_attempt_at, 2^attempts s up to 300 s); after 5 attempts failed_at stops the retries (brain.retry_webhook_receipt restarts them); the receipts behind it go on. The batch is first applied whole in one subtransaction and marked processed with one update; only when a receipt raises is it undone and applied again one receipt per subtransaction. The batch''s new messages that brain.reply_rules can tag are tagged here (brain.tag_replies_by_rules); the AI stage''s inbound_post_process jobs of the others are queued with one graphile_worker.add_jobs, and the leads whose priority_score the batch changed are scored once at its end (brain.score_leads; the triggers only note them while revenue.defer_priority_score is on). With revenue.post_process set to off in the session (bench/inbox.ts''s baseline; the worker never sets it) it tags nothing and queues no job. Returns {claimed, processed, failed, partitions, post_process_jobs, tagged_by_rules, leads_scored, one_by_one: whether the batch fell back to one receipt per subtransaction}.';

revoke execute on function brain.drain_webhook_receipts(integer, integer, timestamptz) from public;
grant execute on function brain.drain_webhook_receipts(integer, integer, timestamptz) to revenue_worker;
