-- migrate:up

-- brain.classify_reply takes the consent kind its caller already has (p_consent_kind,
-- default null), so the receipts drain reads a reply's consent once instead of twice
-- (sql/0600_brain.classify_reply.sql). A new argument is a new signature: the one-
-- argument function is dropped here and created again, with the default, from sql/.
drop function if exists brain.classify_reply(text);

-- migrate:down

drop function if exists brain.classify_reply(text, text);
