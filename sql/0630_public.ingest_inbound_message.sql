-- An inbound SMS or WhatsApp message, from any provider, recorded exactly once and
-- applied in the caller's transaction (webhooks write a receipt instead: public.receive_webhook).
create or replace function public.ingest_inbound_message(
  p_provider text,
  p_event_id text,
  p_channel text,
  p_from text,
  p_to text,
  p_body text,
  p_received_at timestamptz default now(),
  p_nul_replaced_fields text[] default null
)
returns jsonb
language sql
volatile
security definer
set search_path = ''
as $$
  select brain.apply_inbound_message(p_provider, p_event_id, p_channel, p_from, p_to, p_body, p_received_at,
                                     p_nul_replaced_fields, true, 0)
$$;

comment on function public.ingest_inbound_message(text, text, text, text, text, text, timestamptz, text[]) is
  'Records an inbound SMS/WhatsApp message exactly once. Routes by the receiving number (brain.route_inbound_address: account and persona; unknown_number when nobody owns it), records webhook_receipts (provider, message:<id>) so a replay returns duplicate with no effect, matches or creates the lead (find_or_create_lead: a reply is never lost), stores it in inbound_messages and an inbound_message memory event. p_nul_replaced_fields: the request fields in which the webhook replaced a NUL by U+FFFD, kept on the receipt and the message (nul_replaced_fields). Then the consent decision (brain.classify_consent), in this same transaction: a revocation in any words (opt_out) suppresses the phone for SMS, WhatsApp and voice across the account (one suppressions row per channel; rows without a channel for the phone and the lead''s email when the reply names every channel), records an opt_out event with the rule, scope and needs_review (an ambiguous reply also sets leads.consent_review_at for a person to look), stops the lead''s outreach and cancels its pending calls, and queues exactly one confirmation naming the business (only when a suppression is new: at most once per revocation); a wrong number suppresses the phone for SMS, WhatsApp and voice (reason wrong_number), marks leads.phone_wrong_number_at, cancels the lead''s pending texts and calls (email and campaigns go on) and queues one apology; START from a revoked lead lifts its opt-out suppressions, clears the consent review, records opt_in and confirms; HELP queues a reply with the business name, contact and STOP instructions; any other reply (and START/YES from someone not opted out) pauses the lead''s cadences, cancels its timers and pending touches, moves it to responded (email_captured when the reply carries an email: it becomes the lead''s email when free, otherwise an alternate address; never a merge with another lead), and a positive reply (brain.classify_reply) records reply_positive, moves it to high_intent, queues a gold lead that has not opted out for a call (org_settings.call_queue_gold_priority) and assigns it by round-robin; a negative one records reply_negative (cooldown). The inbound_messages insert queues inbound_post_process (trigger); records and notifies (revenue_inbound, for the console''s bell) the workspace stage (seed 004 Part 8): nudger / book_appointment by the persona number, else retarget when the last touch sent was a reactivation, content_nurture when it came from a nurture campaign (message_class nurture or content_nurture), else initial_message.';

revoke execute on function public.ingest_inbound_message(text, text, text, text, text, text, timestamptz, text[]) from public;
grant execute on function public.ingest_inbound_message(text, text, text, text, text, text, timestamptz, text[]) to revenue_worker, revenue_ingest;
