-- migrate:up

-- Email replies join the AI inbox (issue 17). Two doors (Elastic Email's inbound route
-- and a signed generic endpoint) write one receipt kind, inbound_email; the drain applies
-- it with brain.apply_inbound_email: threading by our own Message-ID, CC'd repliers,
-- bounces and automatic replies read from the headers before any model.

-- Every email we send carries a Message-ID we chose (the driver derives it from the
-- send_key and the sender's domain), so a reply's In-Reply-To / References name the
-- message it answers. Not unique: a driver's mistake must never fail the outcome batch.
alter table public.outbound_messages
  add column email_message_id text
    constraint outbound_messages_email_message_id_check check (email_message_id ~ '^<[^<>\s]{1,250}@[^<>\s]{1,250}>$'),
  add column cc_addresses text[]
    constraint outbound_messages_cc_addresses_check check (pg_catalog.cardinality(cc_addresses) between 1 and 20);
comment on column public.outbound_messages.email_message_id is 'Email: the Message-ID header we gave the message (<rv.…@sender domain>, from its send_key), recorded with the send''s outcome; an emailed reply''s In-Reply-To or References naming it threads onto this message (inbound_messages.in_reply_to_outbound_id).';
comment on column public.outbound_messages.cc_addresses is 'Email: the addresses copied (touch payload delivery.cc, e.g. the lead when an AI draft answers a CC''d colleague); null when none.';
create index outbound_messages_email_message_idx on public.outbound_messages (account_id, email_message_id)
  where email_message_id is not null;

alter table public.inbound_messages
  add column in_reply_to_outbound_id uuid,
  add constraint inbound_messages_in_reply_to_outbound_fkey foreign key (in_reply_to_outbound_id, account_id)
    references public.outbound_messages (id, account_id) on delete set null (in_reply_to_outbound_id);
comment on column public.inbound_messages.in_reply_to_outbound_id is 'An emailed reply: the message of ours it answers, found by its In-Reply-To or References header (outbound_messages.email_message_id); null when it named none of ours.';
create index inbound_messages_in_reply_to_outbound_idx on public.inbound_messages (in_reply_to_outbound_id)
  where in_reply_to_outbound_id is not null;

-- Seed 003 §6: a colleague CC'd on the thread who answers becomes the current replier;
-- their address joins the lead's alternate_emails, so the answer may go To them with
-- the lead CC'd (brain.ai_draft_plan, and the dispatch check brain.email_recipients_problem).
alter table public.leads
  add column current_replier_email public.email_address,
  add column current_replier_name text
    constraint leads_current_replier_name_check check (pg_catalog.length(current_replier_name) between 1 and 200),
  add column current_replier_since timestamptz,
  add constraint leads_current_replier_check
    check ((current_replier_email is null) = (current_replier_since is null)
           and (current_replier_name is null or current_replier_email is not null));
comment on column public.leads.current_replier_email is 'Who is answering for the lead by email when it is not the lead''s own address: a colleague CC''d on the thread who replied (seed 003 §6). Cleared when the lead answers from its own address again.';
comment on column public.leads.current_replier_name is 'The current replier''s display name, as their email gave it.';
comment on column public.leads.current_replier_since is 'When the current replier first answered (their first reply of this run).';

alter table public.webhook_receipts
  drop constraint webhook_receipts_kind_check,
  add constraint webhook_receipts_kind_check
    check (kind is null or kind in ('inbound_message', 'message_status', 'call_status', 'email_event', 'booking', 'inbound_email'));
comment on column public.webhook_receipts.kind is
  'What the drain does with it: inbound_message, message_status, call_status, email_event, booking or inbound_email (an emailed reply, from Elastic Email''s inbound route or the signed /webhooks/email/inbound); null for a receipt processed when it was written (a synchronous ingest function, the voice gateway).';

-- migrate:down

alter table public.webhook_receipts
  drop constraint webhook_receipts_kind_check,
  add constraint webhook_receipts_kind_check
    check (kind is null or kind in ('inbound_message', 'message_status', 'call_status', 'email_event', 'booking'));
alter table public.leads drop constraint leads_current_replier_check,
  drop column current_replier_since, drop column current_replier_name, drop column current_replier_email;
drop index public.inbound_messages_in_reply_to_outbound_idx;
alter table public.inbound_messages drop constraint inbound_messages_in_reply_to_outbound_fkey,
  drop column in_reply_to_outbound_id;
drop index public.outbound_messages_email_message_idx;
alter table public.outbound_messages drop column cc_addresses, drop column email_message_id;
