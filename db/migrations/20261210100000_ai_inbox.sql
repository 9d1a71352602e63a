-- migrate:up

-- The AI inbox (issue 17, seed 003 §8-§10): every reply gets a sentiment tag, positive
-- ones get a draft answer, and a draft is sent only through the dispatch path, after a
-- person approves it (console or Slack) or a campaign's auto-send decides it may go.

-- Reply understanding. The tag set is seed 003's, spelled as the seed spells it.
-- subject / auto_kind / auto_reason are what an emailed reply brings: its subject, and
-- whether its headers say it is a bounce (a DSN) or an automatic reply (Auto-Submitted,
-- X-Autoreply), read before any model sees it.
alter table public.inbound_messages
  add column subject text
    constraint inbound_messages_subject_check check (pg_catalog.length(subject) <= 998),
  add column auto_kind text
    constraint inbound_messages_auto_kind_check check (auto_kind in ('bounce', 'auto_reply')),
  add column auto_reason text
    constraint inbound_messages_auto_reason_check check (pg_catalog.length(auto_reason) between 1 and 200),
  add column sentiment_tag text
    constraint inbound_messages_sentiment_tag_check check (sentiment_tag in (
      'Interested', 'Meeting Requested', 'Follow Up', 'Not Interested', 'Out of Office', 'Automated Reply', 'Blacklist', 'Neutral')),
  add column sentiment_source text
    constraint inbound_messages_sentiment_source_check check (sentiment_source in ('rules', 'llm', 'no_key')),
  add column sentiment_reason text
    constraint inbound_messages_sentiment_reason_check check (pg_catalog.length(sentiment_reason) between 1 and 500),
  add column sentiment_confidence real
    constraint inbound_messages_sentiment_confidence_check check (sentiment_confidence between 0 and 1),
  add column classified_at timestamptz,
  add constraint inbound_messages_sentiment_complete_check
    check ((sentiment_tag is null) = (classified_at is null) and (sentiment_tag is null) = (sentiment_source is null)
           and (sentiment_tag is null) = (sentiment_reason is null));
comment on column public.inbound_messages.subject is 'An emailed reply''s subject (null for SMS and WhatsApp).';
comment on column public.inbound_messages.auto_kind is 'Set when the message''s headers say what it is before anyone reads it: bounce (a delivery status notification) or auto_reply (Auto-Submitted, X-Autoreply, Precedence: auto_reply); null for a person''s reply.';
comment on column public.inbound_messages.auto_reason is 'Which header or report made auto_kind (e.g. "Auto-Submitted: auto-replied").';
comment on column public.inbound_messages.sentiment_tag is 'The reply''s tag (seed 003): Interested, Meeting Requested, Follow Up, Not Interested, Out of Office, Automated Reply, Blacklist or Neutral; null until the AI stage (inbound_post_process) has read it. Set once: a replay or a retried job never classifies again.';
comment on column public.inbound_messages.sentiment_source is 'Who tagged it: rules (the consent classifier or the SQL rules, no model call), llm (OpenAI), or no_key (no OpenAI key, or the model failed: Neutral).';
comment on column public.inbound_messages.sentiment_reason is 'Why: the rule that matched, the model''s one-line reason, or what went wrong with the model.';
comment on column public.inbound_messages.sentiment_confidence is 'The model''s confidence in the tag, 0 to 1 (rules: 1; no_key: null).';
comment on column public.inbound_messages.classified_at is 'When the tag was recorded.';

-- The AI stage (revenue_worker) records the tag; nothing else of a message changes.
grant update (sentiment_tag, sentiment_source, sentiment_reason, sentiment_confidence, classified_at)
  on public.inbound_messages to revenue_worker;

create index inbound_messages_unclassified_idx on public.inbound_messages (received_at) where classified_at is null;

alter table public.leads
  add column sentiment_tag text
    constraint leads_sentiment_tag_check check (sentiment_tag in (
      'Interested', 'Meeting Requested', 'Follow Up', 'Not Interested', 'Out of Office', 'Automated Reply', 'Blacklist', 'Neutral')),
  add column sentiment_tagged_at timestamptz,
  add constraint leads_sentiment_complete_check check ((sentiment_tag is null) = (sentiment_tagged_at is null));
comment on column public.leads.sentiment_tag is 'The tag of the lead''s latest classified reply (inbound_messages.sentiment_tag).';
comment on column public.leads.sentiment_tagged_at is 'When that reply was received.';
create index leads_sentiment_tag_idx on public.leads (account_id, sentiment_tag) where sentiment_tag is not null;

-- The persona a draft speaks as: the campaign's, else the account's default persona, else
-- the account's settings (org_settings.persona_name, ai_tone, ai_signature).
create table public.ai_personas (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  name text not null constraint ai_personas_name_check check (pg_catalog.length(pg_catalog.btrim(name)) between 1 and 100),
  tone text constraint ai_personas_tone_check check (pg_catalog.length(pg_catalog.btrim(tone)) between 1 and 200),
  signature text constraint ai_personas_signature_check check (pg_catalog.length(pg_catalog.btrim(signature)) between 1 and 1000),
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ai_personas_pkey primary key (id, account_id)
);
create unique index ai_personas_one_default_idx on public.ai_personas (account_id) where is_default;
comment on table public.ai_personas is 'Who the AI inbox''s drafts speak as: a name, a tone and a signature. A campaign may name one (campaigns.ai_persona_id); else the account''s default persona (is_default, at most one) speaks; else org_settings.persona_name, ai_tone and ai_signature.';
comment on column public.ai_personas.id is 'Persona id.';
comment on column public.ai_personas.account_id is 'Owning account.';
comment on column public.ai_personas.created_at is 'When it was created.';
comment on column public.ai_personas.updated_at is 'When it last changed.';
comment on column public.ai_personas.name is 'The name the drafts sign with (1-100 characters).';
comment on column public.ai_personas.tone is 'How the drafts sound, in a few words (e.g. "friendly-professional").';
comment on column public.ai_personas.signature is 'The sign-off appended to email drafts.';
comment on column public.ai_personas.is_default is 'The account''s default persona (at most one per account).';
alter table public.ai_personas enable row level security;
create policy ai_personas_api_tenant on public.ai_personas to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy ai_personas_analyst_tenant on public.ai_personas for select to revenue_analyst
  using (account_id = (select private.analyst_account_id()));
create policy ai_personas_worker_all on public.ai_personas to revenue_worker using (true) with check (true);
grant select, insert, update, delete on public.ai_personas to revenue_api;
grant select on public.ai_personas to revenue_analyst, revenue_worker;

alter table public.org_settings
  add column ai_tone text not null default 'friendly-professional'
    constraint org_settings_ai_tone_check check (pg_catalog.length(pg_catalog.btrim(ai_tone)) between 1 and 200),
  add column ai_signature text
    constraint org_settings_ai_signature_check check (pg_catalog.length(pg_catalog.btrim(ai_signature)) between 1 and 1000),
  add column ai_auto_send_enabled boolean not null default true,
  add column slack_review_channel text
    constraint org_settings_slack_review_channel_check check (slack_review_channel ~ '^[CG][A-Z0-9]{6,20}$');
comment on column public.org_settings.ai_tone is 'The drafts'' tone when no persona gives one (default friendly-professional).';
comment on column public.org_settings.ai_signature is 'The drafts'' sign-off when no persona gives one.';
comment on column public.org_settings.ai_auto_send_enabled is 'The account''s auto-send switch: off, no draft is sent without a person''s approval, whatever its campaigns say (AUTO_SEND_DISABLED=1 is the same switch for every account).';
comment on column public.org_settings.slack_review_channel is 'The Slack channel id (C… or G…) where drafts that need review are posted when the lead''s assigned setter cannot be found on Slack.';

alter table public.campaigns
  add column response_mode text not null default 'setter_managed'
    constraint campaigns_response_mode_check check (response_mode in ('setter_managed', 'ai_auto_send')),
  add column auto_send_threshold real not null default 0.9
    constraint campaigns_auto_send_threshold_check check (auto_send_threshold between 0.5 and 1),
  add column auto_send_delay_min_seconds integer not null default 180,
  add column auto_send_delay_max_seconds integer not null default 420,
  add column ai_persona_id uuid,
  add constraint campaigns_auto_send_delay_check
    check (auto_send_delay_min_seconds between 0 and 86400 and auto_send_delay_max_seconds between auto_send_delay_min_seconds and 86400),
  add constraint campaigns_ai_persona_fkey foreign key (ai_persona_id, account_id)
    references public.ai_personas (id, account_id) on delete set null (ai_persona_id);
comment on column public.campaigns.response_mode is 'What happens to a draft answering this campaign''s leads: setter_managed (default: a person approves it) or ai_auto_send (sent on its own when the evaluator''s confidence reaches auto_send_threshold and nothing else holds it back).';
comment on column public.campaigns.auto_send_threshold is 'The confidence (0.5-1, default 0.9) at or above which an ai_auto_send campaign''s draft is sent without review.';
comment on column public.campaigns.auto_send_delay_min_seconds is 'An auto-sent draft goes out after a random delay of at least this many seconds (default 180).';
comment on column public.campaigns.auto_send_delay_max_seconds is '… and at most this many (default 420).';
comment on column public.campaigns.ai_persona_id is 'The persona this campaign''s drafts speak as (null: the account''s default persona, else its settings).';

-- One draft per inbound message and channel (seed 003: unique on the triggering message and channel).
create table public.ai_drafts (
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete cascade,
  lead_id uuid not null,
  inbound_message_id uuid not null,
  channel public.channel not null constraint ai_drafts_channel_check check (channel in ('sms', 'whatsapp', 'email')),
  status text not null default 'pending' constraint ai_drafts_status_check check (status in ('pending', 'approved', 'rejected', 'sent')),
  sentiment_tag text not null constraint ai_drafts_sentiment_tag_check check (sentiment_tag in ('Interested', 'Meeting Requested', 'Follow Up')),
  subject text constraint ai_drafts_subject_check check (pg_catalog.length(pg_catalog.btrim(subject)) between 1 and 998),
  body text not null constraint ai_drafts_body_check check (pg_catalog.length(pg_catalog.btrim(body)) between 1 and 1600),
  to_address text constraint ai_drafts_to_address_check check (pg_catalog.length(to_address) between 3 and 320),
  cc_addresses text[] not null default '{}',
  persona jsonb not null default '{}' constraint ai_drafts_persona_check check (pg_catalog.jsonb_typeof(persona) = 'object'),
  model text constraint ai_drafts_model_check check (pg_catalog.length(model) between 1 and 100),
  confidence real constraint ai_drafts_confidence_check check (confidence between 0 and 1),
  confidence_reason text constraint ai_drafts_confidence_reason_check check (pg_catalog.length(confidence_reason) between 1 and 500),
  auto_send_action text not null constraint ai_drafts_auto_send_action_check check (auto_send_action in ('auto_send', 'needs_review')),
  auto_send_reason text not null constraint ai_drafts_auto_send_reason_check check (pg_catalog.length(auto_send_reason) between 1 and 500),
  auto_send_threshold real,
  send_after timestamptz,
  decided_by text constraint ai_drafts_decided_by_check check (pg_catalog.length(decided_by) between 1 and 200),
  decided_by_user_id uuid references public.users (id) on delete set null,
  decided_at timestamptz,
  decision_reason text constraint ai_drafts_decision_reason_check check (pg_catalog.length(decision_reason) between 1 and 500),
  touch_run_id uuid,
  slack_claimed_at timestamptz,
  slack_posted_at timestamptz,
  slack_channel_id text constraint ai_drafts_slack_channel_id_check check (slack_channel_id ~ '^[A-Z0-9]{6,24}$'),
  slack_message_ts text constraint ai_drafts_slack_message_ts_check check (slack_message_ts ~ '^[0-9]{1,12}\.[0-9]{1,8}$'),
  slack_user_id text constraint ai_drafts_slack_user_id_check check (slack_user_id ~ '^[UW][A-Z0-9]{6,24}$'),
  slack_error text constraint ai_drafts_slack_error_check check (pg_catalog.length(slack_error) between 1 and 300),
  regenerate_requested_at timestamptz,
  regenerate_requested_by text constraint ai_drafts_regenerate_requested_by_check check (pg_catalog.length(regenerate_requested_by) between 1 and 200),
  regenerations integer not null default 0 constraint ai_drafts_regenerations_check check (regenerations between 0 and 20),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint ai_drafts_pkey primary key (id, account_id),
  constraint ai_drafts_message_channel_key unique (account_id, inbound_message_id, channel),
  constraint ai_drafts_lead_fkey foreign key (lead_id, account_id) references public.leads (id, account_id) on delete cascade,
  constraint ai_drafts_inbound_message_fkey foreign key (inbound_message_id, account_id)
    references public.inbound_messages (id, account_id) on delete cascade,
  constraint ai_drafts_touch_run_fkey foreign key (touch_run_id, account_id)
    references public.touch_runs (id, account_id) on delete set null (touch_run_id),
  constraint ai_drafts_subject_email_check check ((channel = 'email') = (subject is not null)),
  constraint ai_drafts_decided_check check ((status = 'pending') = (decided_at is null) and (decided_at is null) = (decided_by is null)),
  constraint ai_drafts_sent_touch_check check (status <> 'sent' or touch_run_id is not null)
);
create index ai_drafts_pending_idx on public.ai_drafts (account_id, created_at desc) where status = 'pending';
create index ai_drafts_lead_idx on public.ai_drafts (lead_id, created_at desc);
create index ai_drafts_touch_run_idx on public.ai_drafts (touch_run_id) where touch_run_id is not null;
-- A Slack click names the message it came from: the draft is found by it (public.webhook_account).
create index ai_drafts_slack_message_idx on public.ai_drafts (slack_channel_id, slack_message_ts) where slack_message_ts is not null;
comment on table public.ai_drafts is 'The AI inbox''s draft answers (seed 003 §8): one per inbound message and channel, made only for Interested, Meeting Requested and Follow Up replies of a lead who is not suppressed. A draft is sent only as a touch_run through the dispatch path (suppression, send window, send_key), after a person approves it (public.approve_ai_draft, from the console or Slack) or when auto-send decides it may go (brain.record_ai_draft). Written by those functions, never directly.';
comment on column public.ai_drafts.id is 'Draft id.';
comment on column public.ai_drafts.account_id is 'Owning account.';
comment on column public.ai_drafts.lead_id is 'The lead it answers.';
comment on column public.ai_drafts.channel is 'The channel it goes out on: the reply''s own (sms, whatsapp or email).';
comment on column public.ai_drafts.subject is 'Email only: the subject (Re: the reply''s subject).';
comment on column public.ai_drafts.body is 'The answer as it will be sent (1-1600 characters); a person may edit it when approving.';
comment on column public.ai_drafts.created_at is 'When it was drafted.';
comment on column public.ai_drafts.updated_at is 'When it last changed.';
comment on column public.ai_drafts.inbound_message_id is 'The reply this draft answers.';
comment on column public.ai_drafts.status is 'pending (waiting for a person), approved (a touch is queued for it), rejected (a person said no, the lead opted out, or a later reply made it moot), sent (its touch was sent).';
comment on column public.ai_drafts.sentiment_tag is 'The tag of the reply it answers.';
comment on column public.ai_drafts.to_address is 'Who it goes to when that is not the lead''s own address: an emailed reply''s sender (a CC''d colleague who answered); the lead''s address is then in cc_addresses.';
comment on column public.ai_drafts.cc_addresses is 'Addresses copied (email only).';
comment on column public.ai_drafts.persona is 'The persona it was written as: {source: campaign | default_persona | settings, name, tone, signature}.';
comment on column public.ai_drafts.model is 'The OpenAI model that wrote it.';
comment on column public.ai_drafts.confidence is 'The evaluator''s confidence (0-1) that the draft can go out as written.';
comment on column public.ai_drafts.confidence_reason is 'The evaluator''s reason for that confidence.';
comment on column public.ai_drafts.auto_send_action is 'What auto-send decided when the draft was made: auto_send (a touch was scheduled after send_after) or needs_review (a person decides).';
comment on column public.ai_drafts.auto_send_reason is 'Why (e.g. "setter_managed campaign", "confidence 0.50 below 0.90", "AUTO_SEND_DISABLED=1").';
comment on column public.ai_drafts.auto_send_threshold is 'The auto-send threshold of the draft''s campaign when it was made (null without a campaign); compared with the confidence only when no other hold applied.';
comment on column public.ai_drafts.send_after is 'An auto-sent draft''s touch is scheduled for this time (a random 180-420 s after the draft by default).';
comment on column public.ai_drafts.decided_by is 'Who decided: auto_send, user:<id> (console), slack:<Slack user id> or system (a later reply or opt-out rejected it).';
comment on column public.ai_drafts.decided_by_user_id is 'The person who approved or rejected it, when known (console, or a Slack click by the setter it was sent to).';
comment on column public.ai_drafts.decided_at is 'When it left pending.';
comment on column public.ai_drafts.decision_reason is 'Why it was rejected, or a note on the approval (edited).';
comment on column public.ai_drafts.touch_run_id is 'The touch that sends (or sent) it.';
comment on column public.ai_drafts.slack_claimed_at is 'When a worker took the Slack review post (the "already posted" dedupe lives here, not in memory).';
comment on column public.ai_drafts.slack_posted_at is 'When the review post reached Slack.';
comment on column public.ai_drafts.slack_channel_id is 'Where it was posted (a DM channel, or the account''s review channel).';
comment on column public.ai_drafts.slack_message_ts is 'The Slack message''s ts: an Approve & Send click must come from this message.';
comment on column public.ai_drafts.slack_user_id is 'The setter''s Slack user id when it was sent to them as a DM.';
comment on column public.ai_drafts.regenerate_requested_at is 'When a person asked for a new version of this pending draft (public.request_ai_draft_regeneration); cleared when the model''s new text replaces it (brain.replace_ai_draft).';
comment on column public.ai_drafts.regenerate_requested_by is 'Who asked for it (user:<id>).';
comment on column public.ai_drafts.regenerations is 'How many times the text was written again (at most 20).';
comment on column public.ai_drafts.slack_error is 'Why the last Slack post failed (no token, user not found, Slack''s error code).';
alter table public.ai_drafts enable row level security;
create policy ai_drafts_api_tenant on public.ai_drafts to revenue_api
  using (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid)
  with check (account_id = nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid);
create policy ai_drafts_analyst_tenant on public.ai_drafts for select to revenue_analyst
  using (account_id = (select private.analyst_account_id()));
create policy ai_drafts_worker_all on public.ai_drafts to revenue_worker using (true) with check (true);
grant select, update on public.ai_drafts to revenue_api;
grant select on public.ai_drafts to revenue_analyst;
grant select, insert, update on public.ai_drafts to revenue_worker;

-- migrate:down

drop table public.ai_drafts;
alter table public.campaigns drop column ai_persona_id, drop column auto_send_delay_max_seconds,
  drop column auto_send_delay_min_seconds, drop column auto_send_threshold, drop column response_mode;
alter table public.org_settings drop column slack_review_channel, drop column ai_auto_send_enabled,
  drop column ai_signature, drop column ai_tone;
drop table public.ai_personas;
alter table public.leads drop constraint leads_sentiment_complete_check, drop column sentiment_tagged_at, drop column sentiment_tag;
alter table public.inbound_messages drop constraint inbound_messages_sentiment_complete_check,
  drop column classified_at, drop column sentiment_confidence, drop column sentiment_reason, drop column sentiment_source,
  drop column sentiment_tag, drop column auto_reason, drop column auto_kind, drop column subject;
