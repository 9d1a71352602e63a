-- Batched dispatch: every outcome of a batch recorded in one transaction, by
-- brain.record_touch_outcome_rows (the one rule brain.record_touch_outcome also
-- records through). One bad element does not lose the others: its error is
-- answered, and the caller retries it.
create or replace function brain.record_touch_outcomes(
  p_outcomes jsonb,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_item jsonb;
  v_answer jsonb;
  v_answers jsonb := '[]'::jsonb;
  v_state text;
  v_message text;
begin
  if pg_catalog.jsonb_typeof(p_outcomes) is distinct from 'array' or pg_catalog.jsonb_array_length(p_outcomes) > 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'outcomes must be a JSON array of at most 1000 {touch_run_id, result, …} objects';
  end if;
  -- The whole batch at once; when any element raises (unknown touch, invalid result, a
  -- lock conflict) that work is undone and each element is recorded on its own.
  begin
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('touch_run_id', x.item ->> 'touch_run_id') || r.answer
                                         order by x.n), '[]'::jsonb)
    into v_answers
    from brain.record_touch_outcome_rows(p_outcomes, p_now) with ordinality r(touch_run_id, answer, n)
    join pg_catalog.jsonb_array_elements(p_outcomes) with ordinality x(item, n) on x.n = r.n;
    -- Integration health (issue 18): auth/config errors alert, a success heals.
    perform brain.record_dispatch_integration_health(p_outcomes, p_now);
    return v_answers;
  exception when others then
    v_answers := '[]'::jsonb;
  end;
  for v_item in select x from pg_catalog.jsonb_array_elements(p_outcomes) x loop
    begin
      select r.answer into v_answer from brain.record_touch_outcome_rows(pg_catalog.jsonb_build_array(v_item), p_now) r;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      v_answer := pg_catalog.jsonb_build_object('recorded', false, 'error', v_message, 'sqlstate', v_state);
    end;
    v_answers := v_answers || pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('touch_run_id', v_item ->> 'touch_run_id') || v_answer);
  end loop;
  perform brain.record_dispatch_integration_health(p_outcomes, p_now);
  return v_answers;
end
$$;

comment on function brain.record_touch_outcomes(jsonb, timestamptz) is
  'Records the outcomes of a batch of claimed touches in one transaction: p_outcomes is a JSON array (at most 1000) of {touch_run_id, result (accepted, rejected, not_sent, unknown), provider_message_id, provider_status, error_code, error_message, email_message_id}; the batch is recorded by brain.record_touch_outcome_rows, set-based, with brain.record_touch_outcome''s rules (idempotent: a touch already final is answered recorded false). Answers a JSON array in the same order, each element brain.record_touch_outcome''s answer plus touch_run_id; when an element raises (unknown touch, invalid result, a lock conflict) the batch''s work is undone and each element is recorded on its own: the one that raised is undone alone and answered {recorded: false, error, sqlstate} for the caller to retry, without losing the others. Then brain.record_dispatch_integration_health notes auth/configuration errors and successes per account and provider (integration health, issue 18).';

revoke execute on function brain.record_touch_outcomes(jsonb, timestamptz) from public;
grant execute on function brain.record_touch_outcomes(jsonb, timestamptz) to revenue_worker;
