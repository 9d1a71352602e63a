-- migrate:up

-- Issue 13: consent in any reasonable words. A wrong number is a consent
-- decision of its own (brain.classify_consent), recorded on the inbound message.
alter table public.inbound_messages drop constraint inbound_messages_keyword_check;
alter table public.inbound_messages add constraint inbound_messages_keyword_check
  check (keyword in ('opt_out', 'opt_in', 'help', 'wrong_number', 'none'));
comment on column public.inbound_messages.keyword is
  'brain.classify_consent of the body: opt_out, opt_in, help, wrong_number or none.';
alter table public.inbound_messages add column consent_rule text;
comment on column public.inbound_messages.consent_rule is
  'The brain.classify_consent rule that matched (e.g. en_phrase:stop texting, fcc_word:stop); null when none did.';

-- The lead's phone is not theirs ("wrong number", "no soy …"): texts and calls to it
-- are on the account's do-not-contact list (suppressions, reason wrong_number).
alter table public.leads add column phone_wrong_number_at timestamptz;
comment on column public.leads.phone_wrong_number_at is
  'When the person at the lead''s phone said it is not the lead''s number; null otherwise. The phone is suppressed for SMS, WhatsApp and voice; email is unaffected.';

-- A revocation read from a longer sentence ("I can't stop thinking about it") is honoured
-- at once and shown to a person in the console.
alter table public.leads add column consent_review_at timestamptz;
alter table public.leads add column consent_review_rule text;
comment on column public.leads.consent_review_at is
  'When an ambiguous reply was read as a revocation (honoured anyway); a person should look. Cleared by an opt-in or a manual lift.';
comment on column public.leads.consent_review_rule is
  'The brain.classify_consent rule behind consent_review_at.';

-- migrate:down

alter table public.leads drop column if exists consent_review_rule;
alter table public.leads drop column if exists consent_review_at;
alter table public.leads drop column if exists phone_wrong_number_at;
alter table public.inbound_messages drop column if exists consent_rule;
alter table public.inbound_messages drop constraint inbound_messages_keyword_check;
alter table public.inbound_messages add constraint inbound_messages_keyword_check
  check (keyword in ('opt_out', 'opt_in', 'help', 'none'));
