-- migrate:up

-- A provider's message is never lost to a NUL: PostgreSQL text cannot hold
-- U+0000, so the webhook replaces each one with U+FFFD before the SQL call and
-- says which fields it changed. The note is kept on the receipt (every provider
-- event) and on the stored inbound message, so anyone reading the text knows
-- it is not byte for byte what the provider sent.
alter table public.webhook_receipts add column nul_replaced_fields text[];
comment on column public.webhook_receipts.nul_replaced_fields is
  'Fields of the provider''s request (e.g. Body, data.payload.text) in which a NUL character was replaced by U+FFFD before the event was recorded; null when none was.';

alter table public.inbound_messages add column nul_replaced_fields text[];
comment on column public.inbound_messages.nul_replaced_fields is
  'Fields of the provider''s request in which a NUL character was replaced by U+FFFD (body holds the replaced text); null when the message arrived without one.';

-- The ingest functions take the note as a new last argument (sql/ recreates them).
drop function if exists public.ingest_inbound_message(text, text, text, text, text, text, timestamptz);
drop function if exists public.ingest_email_event(text, text, text, text, text, uuid, timestamptz);
drop function if exists public.ingest_booking(uuid, text, text, text, text, text, text, timestamptz, text, timestamptz);

-- migrate:down
alter table public.inbound_messages drop column if exists nul_replaced_fields;
alter table public.webhook_receipts drop column if exists nul_replaced_fields;
