-- migrate:up

-- Nothing reads inbound_messages_unclassified_idx, and its predicate (classified_at is
-- null) made every tagging of a reply a non-HOT update touching every index of the table:
-- the receipts drain tags most replies in its own transaction (brain.tag_replies_by_rules).
drop index if exists public.inbound_messages_unclassified_idx;

-- migrate:down

create index inbound_messages_unclassified_idx on public.inbound_messages (received_at) where classified_at is null;
