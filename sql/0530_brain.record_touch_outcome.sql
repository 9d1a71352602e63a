-- What the provider said about a claimed touch, recorded once. The rules live in
-- brain.record_touch_outcome_rows (set-based, shared with brain.record_touch_outcomes);
-- a single outcome is that function for one element.
create or replace function brain.record_touch_outcome(
  p_touch_run_id uuid,
  p_result text,
  p_provider_message_id text default null,
  p_provider_status text default null,
  p_error_code text default null,
  p_error_message text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
begin
  return (select r.answer from brain.record_touch_outcome_rows(pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
    'touch_run_id', p_touch_run_id, 'result', p_result, 'provider_message_id', p_provider_message_id,
    'provider_status', p_provider_status, 'error_code', p_error_code, 'error_message', p_error_message)), p_now) r);
end
$$;

comment on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) is
  'Records a claimed touch''s outcome once (later calls are no-ops): accepted → sent, rejected/not_sent → failed, unknown → unknown (left for reconciliation). Updates touch_runs and outbound_messages, writes one touch_sent / touch_failed / touch_outcome_unknown memory event (dedupe_key touch_outcome:<id>:<event>), moves a new or dead lead to touched on a send (not for transactional replies), starts the TIMER_7D/14D/30D timers on the first touch, then lets the smart router (brain.route_touch) decide what comes next. A touch of unknown outcome may later be settled as accepted, rejected or not_sent; when it is settled as not_sent with error_code reconciled_not_found (the provider confirmed it never received it) it is failed and sent again as a new touch_run with attempt + 1 (its own send_key, retry_of = this touch, status queued now, so the next claim checks consent, quiet hours and suppression again); the memory event is then an internal touch_not_received (reason reconciled_not_found, retried_as: the new touch; not counted as an attempt), the answer carries retried_as and attempt, and nothing is routed until the new attempt has an outcome. At most one re-send per attempt (unique attempt key), never past attempt 100.';

revoke execute on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) from public;
grant execute on function brain.record_touch_outcome(uuid, text, text, text, text, text, timestamptz) to revenue_worker;
