-- migrate:up

-- The consent pre-pass (brain.apply_pending_consent) classifies every waiting inbound
-- message with brain.classify_consent; it now keeps that reading on the receipt, and the
-- drain's brain.apply_inbound_message uses it instead of running the same classification
-- on the same body a second time. Null: not read by the pre-pass (the drain classifies).
alter table public.webhook_receipts add column consent jsonb;

comment on column public.webhook_receipts.consent is
  'The consent pre-pass''s reading of this inbound message''s body: brain.classify_consent''s row {kind, rule, scope, needs_review}, which the drain applies (brain.apply_inbound_message p_consent) rather than classify the same text again. Null when the pre-pass did not read it.';

-- brain.apply_inbound_message takes that reading (p_consent, default null): a new
-- signature, so the old one is dropped here and the function created again from sql/.
drop function if exists brain.apply_inbound_message(text, text, text, text, text, text, timestamptz, text[], boolean, integer);

-- migrate:down

drop function if exists brain.apply_inbound_message(text, text, text, text, text, text, timestamptz, text[], boolean, integer, jsonb);
alter table public.webhook_receipts drop column consent;
