-- migrate:up

-- Receipts-first ingest (issue 16, item 1). A webhook's transaction writes one
-- receipt (public.receive_webhook) and nothing else; brain.drain_webhook_receipts
-- processes receipts later, in batches, in order per ordering key (the lead's
-- address), exactly once. A receipt written by a synchronous ingest function
-- (public.ingest_*, the voice gateway) is processed as it is written: processed_at
-- defaults to now(), and only receive_webhook writes it null.
alter table public.webhook_receipts
  add column seq bigserial,
  add column kind text,
  add column ordering_key text,
  add column payload jsonb,
  add column processed_at timestamptz default now(),
  add column outcome text,
  add column attempts integer not null default 0,
  add column last_error_code text,
  add column last_error text,
  add column next_attempt_at timestamptz,
  add column failed_at timestamptz,
  add column consent_checked_at timestamptz,
  add column consent_suppressions integer not null default 0,
  add column drain_partition smallint generated always as ((pg_catalog.hashtext(coalesce(ordering_key, '')) & 15)::smallint) stored;

alter table public.webhook_receipts
  add constraint webhook_receipts_kind_check
    check (kind is null or kind in ('inbound_message', 'message_status', 'call_status', 'email_event', 'booking')),
  add constraint webhook_receipts_pending_check
    check (processed_at is not null or (kind is not null and payload is not null and ordering_key is not null)),
  add constraint webhook_receipts_ordering_key_check check (ordering_key is null or length(ordering_key) between 1 and 400),
  add constraint webhook_receipts_attempts_check check (attempts >= 0);

comment on column public.webhook_receipts.seq is
  'Arrival order (bigserial): receipts with the same ordering_key are processed in this order.';
comment on column public.webhook_receipts.kind is
  'What the drain does with it: inbound_message, message_status, call_status, email_event or booking; null for a receipt processed when it was written (a synchronous ingest function, the voice gateway).';
comment on column public.webhook_receipts.ordering_key is
  'Receipts with the same key are processed one at a time, in seq order: the lead''s address for inbound messages (phone:+1…) and bookings (email:…), the provider''s message or call id for delivery and call reports (message:…).';
comment on column public.webhook_receipts.payload is
  'The verified, parsed request: the arguments the drain applies (provider, event_id, addresses, body, times, nul_replaced_fields) and raw, the provider''s fields as received. Null for receipts processed when they were written.';
comment on column public.webhook_receipts.processed_at is
  'When the drain (or the synchronous ingest function that wrote it) applied the event; null while it waits.';
comment on column public.webhook_receipts.outcome is
  'What applying it did: recorded, stale, duplicate, unknown_number, unknown_message, unknown_call, unknown_account; null while it waits.';
comment on column public.webhook_receipts.attempts is 'How many times the drain has tried to apply it.';
comment on column public.webhook_receipts.last_error_code is 'SQLSTATE of the last failed attempt (e.g. 22023), null when none failed.';
comment on column public.webhook_receipts.last_error is 'Message and detail of the last failed attempt; never the message body.';
comment on column public.webhook_receipts.next_attempt_at is 'After a failed attempt: not retried before this time (back-off).';
comment on column public.webhook_receipts.failed_at is
  'Set after the fifth failed attempt: the drain stops retrying (it no longer holds up the receipts behind it). brain.retry_webhook_receipt clears it.';
comment on column public.webhook_receipts.consent_checked_at is
  'When the consent pre-pass (brain.apply_pending_consent) read this inbound message, before the full drain.';
comment on column public.webhook_receipts.consent_suppressions is
  'How many suppressions the consent pre-pass created for this message (a STOP); the drain counts them as its own, so the confirmation goes out once.';
comment on column public.webhook_receipts.drain_partition is
  'hashtext(ordering_key) & 15: a drainer holds a partition (advisory lock) while it processes receipts of that partition, so one key is never processed by two drainers at once.';

-- What the drain and the dashboard read: pending receipts by partition, oldest first.
create index webhook_receipts_pending_idx on public.webhook_receipts (drain_partition, seq)
  where processed_at is null and failed_at is null;
create index webhook_receipts_consent_pending_idx on public.webhook_receipts (seq)
  where processed_at is null and consent_checked_at is null and kind = 'inbound_message';
create index webhook_receipts_failed_idx on public.webhook_receipts (account_id, failed_at) where failed_at is not null;

-- migrate:down
drop index public.webhook_receipts_failed_idx;
drop index public.webhook_receipts_consent_pending_idx;
drop index public.webhook_receipts_pending_idx;
alter table public.webhook_receipts
  drop constraint webhook_receipts_attempts_check,
  drop constraint webhook_receipts_ordering_key_check,
  drop constraint webhook_receipts_pending_check,
  drop constraint webhook_receipts_kind_check,
  drop column drain_partition,
  drop column consent_suppressions,
  drop column consent_checked_at,
  drop column failed_at,
  drop column next_attempt_at,
  drop column last_error,
  drop column last_error_code,
  drop column attempts,
  drop column outcome,
  drop column processed_at,
  drop column payload,
  drop column ordering_key,
  drop column kind,
  drop column seq;
