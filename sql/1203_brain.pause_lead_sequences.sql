-- Follow-up sequences: what stops a lead's runs for now (a reply, a booking, a suppression,
-- a switched-off lead) pauses every running run of the lead at once, in the caller's
-- transaction. p_except_trigger keeps one kind running (a booking keeps its reminders).
create or replace function brain.pause_lead_sequences(
  p_lead_ids uuid[],
  p_reason text,
  p_except_trigger text default null,
  p_now timestamptz default now()
)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_n integer;
begin
  if p_reason is null or pg_catalog.length(p_reason) not between 1 and 300 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'a pause needs a reason (1-300 characters)';
  end if;
  with paused as (
    update public.sequence_enrollments e
    set status = 'paused', paused_reason = p_reason, paused_at = p_now
    where e.lead_id = any(p_lead_ids) and e.status = 'active'
      and (p_except_trigger is null or e.trigger <> p_except_trigger)
      -- Called by the API role (public.suppress_leads → halt_outreach): its own account only.
      and (nullif(pg_catalog.current_setting('app.account_id', true), '') is null
           or e.account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
    returning e.account_id, e.lead_id, e.id, e.sequence_id, e.current_step
  ), logged as (
    select brain.record_event(p.account_id, p.lead_id, 'sequence_paused', 'sequences', 'internal',
             pg_catalog.jsonb_build_object('enrollment_id', p.id, 'sequence_id', p.sequence_id, 'step', p.current_step,
                                           'reason', p_reason), null, p_now)
    from paused p
  )
  select pg_catalog.count(*) into v_n from logged;
  return v_n;
end
$$;

comment on function brain.pause_lead_sequences(uuid[], text, text, timestamptz) is
  'Pauses every active sequence run of the leads (all but those whose trigger is p_except_trigger) with paused_reason p_reason (lead_replied, appointment_booked, opt_out, suppressed, auto_followups_off, …) and a sequence_paused memory event each; returns how many. Runs in the caller''s transaction: brain.halt_outreach (a reply, an opt-out, a booking, a suppression) calls it. Security definer: the ingest and API roles need no rights on sequence_enrollments; when app.account_id is set (the API), only that account''s runs are touched.';

revoke execute on function brain.pause_lead_sequences(uuid[], text, text, timestamptz) from public;
grant execute on function brain.pause_lead_sequences(uuid[], text, text, timestamptz) to revenue_worker, revenue_api;
