-- The one decision a dispatch worker asks for: may this touch go now, and if so what exactly.
-- The rules live in brain.claim_touch_rows (set-based, shared with brain.claim_touches);
-- a single claim is that function for one touch.
create or replace function brain.claim_touch(
  p_touch_run_id uuid,
  p_worker_id text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_account_id uuid;
begin
  select t.account_id into v_account_id from public.touch_runs t where t.id = p_touch_run_id;
  if not found then
    return pg_catalog.jsonb_build_object('outcome', 'skipped', 'reason', 'not_found');
  end if;
  return (select r.claim from brain.claim_touch_rows(v_account_id, array[p_touch_run_id], p_worker_id, p_now) r);
end
$$;

comment on function brain.claim_touch(uuid, text, timestamptz) is
  'Claims a due touch for sending, in one transaction with a guarded row lock (brain.claim_touch_rows for this one touch: the same rules as a batch). Outcomes: claimed (status sending, claimed_by = p_worker_id, outbound_messages row with brain.send_key inserted; the result carries everything the driver needs and not_before, the rate-limit slot), rescheduled (outside the lead''s send window, per-sender rate limit, email daily cap: status scheduled at the new time; enrichment_pending: the lead''s enrichment has not checked the channel''s address yet, held until brain.enrichment_wait_until with held_for = enrichment and released at once when the enrichment finishes; enrichment_finished: the enrichment committed while this claim was deciding (the held leads are locked and read again before the mark is written), so the touch is due now instead; claimed after that time, the lead gets an enrichment_wait_expired memory event), canceled (suppressed or channel suppressed, stop event, lead suppressed/closed/dead/archived, negative cooldown, expired, campaign off, enrollment not active, channel not ready, unreachable (no address for the channel), phone_invalid, phone_disconnected, phone_not_mobile (sms or whatsapp to a known landline), email_invalid_syntax, email_no_mx, email_hard_bounced, email_disposable or email_role_address (a campaign without allow_role_addresses) by brain.address_problem (a transactional reply is checked for its address only), an email that names its recipients (payload delivery.to / delivery.cc: To a CC''d colleague, the lead CC''d) with an address that is not the lead''s own email or alternate_emails or is suppressed for email (brain.email_recipients_problem: recipient_not_lead_address, recipient_suppressed, invalid_recipients, too_many_recipients), always before the outbound_messages row exists, no sender, or duplicate_send_key: the intent was already sent; strict templates: missing_body for a text touch without a body or template, missing_lead_data:<variable> for a placeholder the lead has no value for and no {{variable|default}}, unknown_template_variable:<variable>; those also pause the campaign enrollment with that reason, back at the touch''s step, until public.resume_campaign_lead). Variables are brain.template_values of the lead at claim time over payload delivery.variables; a voice touch without a script is dialled with no opening line (campaign voice steps cannot be activated without one). A transactional touch (payload meta.transactional: STOP confirmation, HELP reply) skips the suppression, stop-event, lead-state, cooldown, expiry, campaign and send-window checks (channel, address, sender and send-key checks still apply) and is sent literally, not rendered as a template. unknown (the touch was found still sending and the worker that claimed it has no heartbeat row: it died mid-send; the touch is marked unknown and never re-sent blindly), skipped (not found, already final, not due yet, or in_flight: still sending by a worker that is alive in worker_heartbeats).';

revoke execute on function brain.claim_touch(uuid, text, timestamptz) from public;
grant execute on function brain.claim_touch(uuid, text, timestamptz) to revenue_worker;
