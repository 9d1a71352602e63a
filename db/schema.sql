--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: brain; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA brain;

--
-- Name: SCHEMA brain; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA brain IS 'Decision functions of the Lead Brain (send windows, keyword classification, send keys, ...). Defined in sql/.';

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;

--
-- Name: SCHEMA private; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA private IS 'Trigger functions and internal bookkeeping (dbmate''s schema_migrations lives here). Not granted to API or analyst roles.';

--
-- Name: channel; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.channel AS text
	CONSTRAINT channel_check CHECK ((VALUE = ANY (ARRAY['voice'::text, 'sms'::text, 'whatsapp'::text, 'email'::text])));

--
-- Name: DOMAIN channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.channel IS 'An outreach channel: voice, sms, whatsapp or email.';

--
-- Name: e164_phone; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.e164_phone AS text
	CONSTRAINT e164_phone_check CHECK ((VALUE ~ '^\+[1-9][0-9]{7,14}$'::text));

--
-- Name: DOMAIN e164_phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.e164_phone IS 'A phone number in E.164 form: "+", country code and subscriber number, 8 to 15 digits, no spaces.';

--
-- Name: email_address; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.email_address AS text
	CONSTRAINT email_address_check CHECK (((VALUE = lower(btrim(VALUE))) AND (length(VALUE) <= 320) AND (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'::text)));

--
-- Name: DOMAIN email_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.email_address IS 'An email address, stored trimmed and lower-case.';

--
-- Name: time_zone; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.time_zone AS text
	CONSTRAINT time_zone_check CHECK (((VALUE IS NULL) OR (('2000-01-01 00:00:00+00'::timestamp with time zone AT TIME ZONE VALUE) IS NOT NULL)));

--
-- Name: DOMAIN time_zone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.time_zone IS 'An IANA time zone name known to the server, e.g. America/New_York.';

--
-- Name: transition_lead(uuid, text, text, text); Type: FUNCTION; Schema: brain; Owner: -
--

CREATE FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_from text;
begin
  select l.lead_state into v_from from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', p_lead_id);
  end if;
  if v_from = p_to_state then
    return false;
  end if;

  perform pg_catalog.set_config('app.transition_reason', coalesce(p_reason, ''), true);
  perform pg_catalog.set_config('app.actor', coalesce(p_actor, ''), true);
  begin
    update public.leads set lead_state = p_to_state where id = p_lead_id;
  exception when others then
    perform pg_catalog.set_config('app.transition_reason', '', true);
    perform pg_catalog.set_config('app.actor', '', true);
    raise;
  end;
  perform pg_catalog.set_config('app.transition_reason', '', true);
  perform pg_catalog.set_config('app.actor', '', true);
  return true;
end
$$;

--
-- Name: FUNCTION transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text); Type: COMMENT; Schema: brain; Owner: -
--

COMMENT ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) IS 'Moves a lead to p_to_state, recording p_reason and p_actor in lead_events. Returns false when the lead is already there; raises invalid_lead_transition when the move is not allowed, lead_not_found when the lead is not visible.';

--
-- Name: tg__append_only(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  raise exception using
    errcode = 'P0001',
    message = 'append_only_violation',
    detail = pg_catalog.format('%s.%s is append-only: %s is not allowed', tg_table_schema, tg_table_name, tg_op),
    hint = 'Record a new event instead of changing or removing an old one.';
end
$$;

--
-- Name: FUNCTION tg__append_only(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg__append_only() IS 'Trigger: refuses UPDATE, DELETE and TRUNCATE on append-only tables (append_only_violation).';

--
-- Name: tg__set_updated_at(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;

--
-- Name: FUNCTION tg__set_updated_at(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg__set_updated_at() IS 'Trigger: sets updated_at to now() on every UPDATE.';

--
-- Name: tg_accounts__create_org_settings(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_accounts__create_org_settings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  insert into public.org_settings (account_id) values (new.id)
  on conflict (account_id) do nothing;
  return null;
end
$$;

--
-- Name: FUNCTION tg_accounts__create_org_settings(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_accounts__create_org_settings() IS 'Trigger: creates the default org_settings row of a new account.';

--
-- Name: tg_leads__lead_state_transition(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_leads__lead_state_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not exists (
    select 1 from public.lead_state_transitions t
    where t.from_state = old.lead_state and t.to_state = new.lead_state
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_lead_transition',
      detail = pg_catalog.format('%s → %s is not allowed', old.lead_state, new.lead_state),
      hint = 'The allowed transitions are listed in public.lead_state_transitions.';
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, previous_state, new_state, reason, actor)
  values (
    new.account_id, new.id, 'state_transition', old.lead_state, new.lead_state,
    coalesce(nullif(pg_catalog.current_setting('app.transition_reason', true), ''), 'direct_update'),
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text)
  );
  return null;
end
$$;

--
-- Name: FUNCTION tg_leads__lead_state_transition(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_leads__lead_state_transition() IS 'Trigger: refuses lead_state changes not in lead_state_transitions (invalid_lead_transition) and logs accepted ones in lead_events.';

--
-- Name: tg_touch_runs__status_transition(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_touch_runs__status_transition() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if not exists (
    select 1 from public.touch_run_status_transitions t
    where t.from_status = old.status and t.to_status = new.status
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_touch_run_transition',
      detail = pg_catalog.format('%s → %s is not allowed (touch %s)', old.status, new.status, old.id),
      hint = 'The allowed changes are listed in public.touch_run_status_transitions.';
  end if;

  case new.status
    when 'sending' then new.claimed_at := coalesce(new.claimed_at, pg_catalog.now());
    when 'sent' then new.sent_at := coalesce(new.sent_at, pg_catalog.now());
    when 'delivered' then new.delivered_at := coalesce(new.delivered_at, pg_catalog.now());
    when 'failed' then new.failed_at := coalesce(new.failed_at, pg_catalog.now());
    when 'canceled' then new.canceled_at := coalesce(new.canceled_at, pg_catalog.now());
    else null;
  end case;
  return new;
end
$$;

--
-- Name: FUNCTION tg_touch_runs__status_transition(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.tg_touch_runs__status_transition() IS 'Trigger: refuses status changes not in touch_run_status_transitions (invalid_touch_run_transition) and stamps claimed_at/sent_at/delivered_at/failed_at/canceled_at.';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: schema_migrations; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.schema_migrations (
    version character varying(128) NOT NULL
);

--
-- Name: account_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_members (
    account_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_members_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'setter'::text, 'analyst'::text, 'viewer'::text])))
);

--
-- Name: TABLE account_members; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_members IS 'Membership of a user in an account, with the role that decides what they may do.';

--
-- Name: COLUMN account_members.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.account_id IS 'The account.';

--
-- Name: COLUMN account_members.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.user_id IS 'The member.';

--
-- Name: COLUMN account_members.role; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.role IS 'owner, admin, setter, analyst or viewer (viewer is read-only).';

--
-- Name: COLUMN account_members.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.is_active IS 'Inactive members keep their history but cannot act and get no round-robin leads.';

--
-- Name: COLUMN account_members.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.created_at IS 'When the membership was created.';

--
-- Name: COLUMN account_members.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_members.updated_at IS 'When the row last changed.';

--
-- Name: account_provider_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_provider_settings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    channel public.channel NOT NULL,
    provider text NOT NULL,
    is_default boolean DEFAULT false NOT NULL,
    config jsonb DEFAULT '{}'::jsonb NOT NULL,
    secrets jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT account_provider_settings_config_check CHECK ((jsonb_typeof(config) = 'object'::text)),
    CONSTRAINT account_provider_settings_provider_check CHECK ((provider = ANY (ARRAY['sink'::text, 'twilio'::text, 'telnyx'::text, 'elastic_email'::text]))),
    CONSTRAINT account_provider_settings_secrets_check CHECK ((jsonb_typeof(secrets) = 'object'::text))
);

--
-- Name: TABLE account_provider_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_provider_settings IS 'Which provider sends each channel for an account (seed 002''s WhatsApp contract reads the is_default row).';

--
-- Name: COLUMN account_provider_settings.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.id IS 'Row id.';

--
-- Name: COLUMN account_provider_settings.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.account_id IS 'The account.';

--
-- Name: COLUMN account_provider_settings.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.channel IS 'Channel this provider serves.';

--
-- Name: COLUMN account_provider_settings.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.provider IS 'sink (records, sends nothing), twilio, telnyx or elastic_email.';

--
-- Name: COLUMN account_provider_settings.is_default; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.is_default IS 'The provider used for the channel; at most one per account and channel.';

--
-- Name: COLUMN account_provider_settings.config; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.config IS 'Non-secret settings: sender numbers, rate limits, daily caps.';

--
-- Name: COLUMN account_provider_settings.secrets; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.secrets IS 'Write-only credentials; not readable by API or analyst roles.';

--
-- Name: COLUMN account_provider_settings.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.created_at IS 'When the row was created.';

--
-- Name: COLUMN account_provider_settings.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.account_provider_settings.updated_at IS 'When the row last changed.';

--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accounts_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200))),
    CONSTRAINT accounts_slug_check CHECK ((slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'::text))
);

--
-- Name: TABLE accounts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accounts IS 'A tenant: one business (a dealer, a clinic) using Revenue OS. Every tenant table carries account_id.';

--
-- Name: COLUMN accounts.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.id IS 'Account id; the tenant key used by row-level security (app.account_id).';

--
-- Name: COLUMN accounts.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.name IS 'Display name of the account.';

--
-- Name: COLUMN accounts.slug; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.slug IS 'Short unique handle (lower-case letters, digits, dashes).';

--
-- Name: COLUMN accounts.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.created_at IS 'When the account was created.';

--
-- Name: COLUMN accounts.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accounts.updated_at IS 'When the row last changed.';

--
-- Name: call_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.call_queue (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    priority integer DEFAULT 100 NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    reason text NOT NULL,
    source text DEFAULT 'engine'::text NOT NULL,
    assigned_user_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    CONSTRAINT call_queue_priority_check CHECK (((priority >= 0) AND (priority <= 1000))),
    CONSTRAINT call_queue_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'in_progress'::text, 'done'::text, 'canceled'::text])))
);

--
-- Name: TABLE call_queue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.call_queue IS 'Leads waiting for a human call, highest priority first; at most one open entry per lead.';

--
-- Name: COLUMN call_queue.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.id IS 'Entry id.';

--
-- Name: COLUMN call_queue.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.account_id IS 'Owning account.';

--
-- Name: COLUMN call_queue.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.lead_id IS 'Lead to call.';

--
-- Name: COLUMN call_queue.priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.priority IS 'Higher is called first (gold leads use org_settings.call_queue_gold_priority).';

--
-- Name: COLUMN call_queue.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.status IS 'pending, in_progress, done or canceled.';

--
-- Name: COLUMN call_queue.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.reason IS 'Why the lead is queued (positive_reply_gold, hot_call, manual).';

--
-- Name: COLUMN call_queue.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.source IS 'Component that queued it.';

--
-- Name: COLUMN call_queue.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.assigned_user_id IS 'Setter taking the call.';

--
-- Name: COLUMN call_queue.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.created_at IS 'When it was queued.';

--
-- Name: COLUMN call_queue.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.updated_at IS 'When the row last changed.';

--
-- Name: COLUMN call_queue.started_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.started_at IS 'When the call started.';

--
-- Name: COLUMN call_queue.completed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.call_queue.completed_at IS 'When it was done or canceled.';

--
-- Name: campaign_leads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_leads (
    account_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    current_step integer DEFAULT 1 NOT NULL,
    enrolled_at timestamp with time zone DEFAULT now() NOT NULL,
    paused_at timestamp with time zone,
    stopped_at timestamp with time zone,
    stop_reason text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaign_leads_current_step_check CHECK ((current_step >= 1)),
    CONSTRAINT campaign_leads_status_check CHECK ((status = ANY (ARRAY['active'::text, 'paused'::text, 'completed'::text, 'stopped'::text])))
);

--
-- Name: TABLE campaign_leads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaign_leads IS 'Enrollment of a lead in a campaign and its progress through the steps.';

--
-- Name: COLUMN campaign_leads.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.account_id IS 'Owning account.';

--
-- Name: COLUMN campaign_leads.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.campaign_id IS 'The campaign.';

--
-- Name: COLUMN campaign_leads.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.lead_id IS 'The lead.';

--
-- Name: COLUMN campaign_leads.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.status IS 'active (cadence runs), paused (e.g. the lead replied), completed, stopped.';

--
-- Name: COLUMN campaign_leads.current_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.current_step IS 'Next step to run for this lead.';

--
-- Name: COLUMN campaign_leads.enrolled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.enrolled_at IS 'When the lead was enrolled.';

--
-- Name: COLUMN campaign_leads.paused_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.paused_at IS 'When the enrollment was paused.';

--
-- Name: COLUMN campaign_leads.stopped_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.stopped_at IS 'When the enrollment was stopped or completed.';

--
-- Name: COLUMN campaign_leads.stop_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.stop_reason IS 'Why it stopped or paused (lead_replied, appointment_booked, exhausted, ...).';

--
-- Name: COLUMN campaign_leads.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_leads.updated_at IS 'When the row last changed.';

--
-- Name: campaign_steps; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaign_steps (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    campaign_id uuid NOT NULL,
    step integer NOT NULL,
    channel public.channel NOT NULL,
    delay_minutes integer DEFAULT 0 NOT NULL,
    fallback jsonb,
    stop_on_events text[] DEFAULT ARRAY['reply_positive'::text, 'appointment_booked'::text, 'do_not_contact'::text] NOT NULL,
    template_key text,
    subject text,
    body text,
    language text DEFAULT 'en'::text NOT NULL,
    expires_after_minutes integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaign_steps_delay_minutes_check CHECK (((delay_minutes >= 0) AND (delay_minutes <= 525600))),
    CONSTRAINT campaign_steps_expires_after_minutes_check CHECK ((expires_after_minutes > 0)),
    CONSTRAINT campaign_steps_fallback_check CHECK (((fallback IS NULL) OR ((jsonb_typeof(fallback) = 'object'::text) AND (jsonb_typeof((fallback -> 'order'::text)) = 'array'::text) AND (jsonb_array_length((fallback -> 'order'::text)) > 0)))),
    CONSTRAINT campaign_steps_language_check CHECK ((language ~ '^[a-z]{2}$'::text)),
    CONSTRAINT campaign_steps_step_check CHECK (((step >= 1) AND (step <= 100)))
);

--
-- Name: TABLE campaign_steps; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaign_steps IS 'The ordered steps of a campaign: which channel, when, with what content and fallback plan.';

--
-- Name: COLUMN campaign_steps.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.id IS 'Step row id.';

--
-- Name: COLUMN campaign_steps.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.account_id IS 'Owning account.';

--
-- Name: COLUMN campaign_steps.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.campaign_id IS 'The campaign.';

--
-- Name: COLUMN campaign_steps.step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.step IS 'Step number, 1-based, unique within the campaign.';

--
-- Name: COLUMN campaign_steps.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.channel IS 'Primary channel of the step.';

--
-- Name: COLUMN campaign_steps.delay_minutes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.delay_minutes IS 'Minutes after enrollment (step 1) or after the previous step before this step is due.';

--
-- Name: COLUMN campaign_steps.fallback; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.fallback IS 'Payload v2 routing.fallback: {order, max_attempts, cooldown_minutes}; null means no fallback (the matrix decides stop).';

--
-- Name: COLUMN campaign_steps.stop_on_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.stop_on_events IS 'Memory event types that stop this step''s cadence (payload v2 routing.stop_on_events).';

--
-- Name: COLUMN campaign_steps.template_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.template_key IS 'Template key for the dispatcher.';

--
-- Name: COLUMN campaign_steps.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.subject IS 'Email subject.';

--
-- Name: COLUMN campaign_steps.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.body IS 'Message body or call script text.';

--
-- Name: COLUMN campaign_steps.language; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.language IS 'ISO 639-1 language of the content.';

--
-- Name: COLUMN campaign_steps.expires_after_minutes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.expires_after_minutes IS 'When set, touches of this step expire this many minutes after creation (routing.expires_at).';

--
-- Name: COLUMN campaign_steps.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.created_at IS 'When the step was created.';

--
-- Name: COLUMN campaign_steps.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaign_steps.updated_at IS 'When the row last changed.';

--
-- Name: campaigns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.campaigns (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    campaign_key text NOT NULL,
    name text NOT NULL,
    description text,
    message_class text DEFAULT 'cold_outreach'::text NOT NULL,
    is_active boolean DEFAULT false NOT NULL,
    status text GENERATED ALWAYS AS (
CASE
    WHEN is_active THEN 'active'::text
    ELSE 'paused'::text
END) STORED NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT campaigns_campaign_key_check CHECK ((campaign_key ~ '^[a-z0-9][a-z0-9_]{0,79}$'::text)),
    CONSTRAINT campaigns_message_class_check CHECK ((message_class ~ '^[a-z][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT campaigns_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 200)))
);

--
-- Name: TABLE campaigns; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.campaigns IS 'Outbound campaigns (cadences). LeadGen programs such as Craigslist are not campaigns.';

--
-- Name: COLUMN campaigns.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.id IS 'Campaign id.';

--
-- Name: COLUMN campaigns.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.account_id IS 'Owning account.';

--
-- Name: COLUMN campaigns.campaign_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.campaign_key IS 'Stable key, unique per account (autos outbound campaigns are autos_outbound_<city>).';

--
-- Name: COLUMN campaigns.name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.name IS 'Display name.';

--
-- Name: COLUMN campaigns.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.description IS 'Free text for operators.';

--
-- Name: COLUMN campaigns.message_class; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.message_class IS 'Message class copied into touch payloads (cold_outreach, reactivation, ...).';

--
-- Name: COLUMN campaigns.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.is_active IS 'The only on/off truth for a campaign.';

--
-- Name: COLUMN campaigns.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.status IS 'Derived from is_active: active or paused. Generated; cannot be written.';

--
-- Name: COLUMN campaigns.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.created_at IS 'When the campaign was created.';

--
-- Name: COLUMN campaigns.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.campaigns.updated_at IS 'When the row last changed.';

--
-- Name: core_memory_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.core_memory_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    event_type text NOT NULL,
    event_source text NOT NULL,
    channel public.channel,
    direction text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    score_delta integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    dedupe_key text,
    CONSTRAINT core_memory_events_dedupe_key_check CHECK (((length(dedupe_key) >= 1) AND (length(dedupe_key) <= 400))),
    CONSTRAINT core_memory_events_direction_check CHECK ((direction = ANY (ARRAY['inbound'::text, 'outbound'::text, 'internal'::text]))),
    CONSTRAINT core_memory_events_event_source_check CHECK (((length(event_source) >= 1) AND (length(event_source) <= 100))),
    CONSTRAINT core_memory_events_event_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_.]{0,63}$'::text)),
    CONSTRAINT core_memory_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT core_memory_events_score_delta_check CHECK (((score_delta >= '-100'::integer) AND (score_delta <= 100)))
);

--
-- Name: TABLE core_memory_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.core_memory_events IS 'Append-only memory of everything that happened to a lead (touches, replies, calls, errors, evaluations). UPDATE and DELETE are refused.';

--
-- Name: COLUMN core_memory_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.id IS 'Event id.';

--
-- Name: COLUMN core_memory_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.account_id IS 'Owning account.';

--
-- Name: COLUMN core_memory_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.lead_id IS 'The lead the event is about.';

--
-- Name: COLUMN core_memory_events.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.event_type IS 'What happened: touch_sent, touch_failed, reply_positive, do_not_contact, appointment_booked, ...';

--
-- Name: COLUMN core_memory_events.event_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.event_source IS 'Component that recorded it (dispatch_touch, touch_orchestrator, webhook_twilio, ...).';

--
-- Name: COLUMN core_memory_events.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.channel IS 'Channel involved, when any.';

--
-- Name: COLUMN core_memory_events.direction; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.direction IS 'inbound (from the lead), outbound (to the lead) or internal (a decision).';

--
-- Name: COLUMN core_memory_events.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.payload IS 'Details; touch events carry touch_run_id.';

--
-- Name: COLUMN core_memory_events.score_delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.score_delta IS 'Engagement points this event adds to the lead''s priority (-100..100).';

--
-- Name: COLUMN core_memory_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.created_at IS 'When it happened.';

--
-- Name: COLUMN core_memory_events.dedupe_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.core_memory_events.dedupe_key IS 'Optional idempotency key, unique per account: a replayed event is not recorded twice.';

--
-- Name: lead_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_events (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    event_type text DEFAULT 'state_transition'::text NOT NULL,
    previous_state text,
    new_state text,
    reason text,
    actor text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    dedupe_key text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_events_event_type_check CHECK ((event_type ~ '^[a-z][a-z0-9_]{0,63}$'::text)),
    CONSTRAINT lead_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text))
);

--
-- Name: TABLE lead_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_events IS 'Append-only log of lead lifecycle changes; every accepted lead_state transition writes one row.';

--
-- Name: COLUMN lead_events.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.id IS 'Event id.';

--
-- Name: COLUMN lead_events.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_events.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_events.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.event_type IS 'state_transition for lead_state changes; other lifecycle events may follow.';

--
-- Name: COLUMN lead_events.previous_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.previous_state IS 'lead_state before the change.';

--
-- Name: COLUMN lead_events.new_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.new_state IS 'lead_state after the change.';

--
-- Name: COLUMN lead_events.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.reason IS 'Machine-readable reason given by the caller (app.transition_reason), e.g. touch_sent, inbound_reply.';

--
-- Name: COLUMN lead_events.actor; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.actor IS 'Who made the change (app.actor, else the database role).';

--
-- Name: COLUMN lead_events.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.payload IS 'Extra context.';

--
-- Name: COLUMN lead_events.dedupe_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.dedupe_key IS 'Optional idempotency key, unique per account.';

--
-- Name: COLUMN lead_events.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_events.created_at IS 'When the event was recorded.';

--
-- Name: lead_state_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_state_transitions (
    from_state text NOT NULL,
    to_state text NOT NULL,
    description text NOT NULL,
    CONSTRAINT lead_state_transitions_not_self_check CHECK ((from_state <> to_state))
);

--
-- Name: TABLE lead_state_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_state_transitions IS 'The allowed lead_state transitions; the database refuses any other with invalid_lead_transition.';

--
-- Name: COLUMN lead_state_transitions.from_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.from_state IS 'State the lead is in.';

--
-- Name: COLUMN lead_state_transitions.to_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.to_state IS 'State it may move to.';

--
-- Name: COLUMN lead_state_transitions.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_state_transitions.description IS 'Why this transition exists.';

--
-- Name: lead_states; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_states (
    state text NOT NULL,
    "position" smallint NOT NULL,
    is_terminal boolean DEFAULT false NOT NULL,
    description text NOT NULL
);

--
-- Name: TABLE lead_states; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_states IS 'The lead lifecycle states (DESIGN.md), in funnel order.';

--
-- Name: COLUMN lead_states.state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.state IS 'State name stored in leads.lead_state.';

--
-- Name: COLUMN lead_states."position"; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states."position" IS 'Funnel order; higher is further along.';

--
-- Name: COLUMN lead_states.is_terminal; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.is_terminal IS 'True when no transition leaves this state.';

--
-- Name: COLUMN lead_states.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_states.description IS 'What the state means.';

--
-- Name: lead_timers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lead_timers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    timer_type text NOT NULL,
    trigger_at timestamp with time zone NOT NULL,
    executed_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    attempts integer DEFAULT 0 NOT NULL,
    max_attempts integer DEFAULT 3 NOT NULL,
    last_error text,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT lead_timers_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT lead_timers_done_once_check CHECK (((executed_at IS NULL) OR (cancelled_at IS NULL))),
    CONSTRAINT lead_timers_max_attempts_check CHECK (((max_attempts >= 1) AND (max_attempts <= 20))),
    CONSTRAINT lead_timers_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT lead_timers_timer_type_check CHECK ((timer_type = ANY (ARRAY['TIMER_7D'::text, 'TIMER_14D'::text, 'TIMER_30D'::text, 'FOLLOW_UP'::text, 'CALLBACK'::text])))
);

--
-- Name: TABLE lead_timers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.lead_timers IS 'Explicit per-lead timers (seed 004 Part 5): created on the first touch, cancelled on a reply, executed when due.';

--
-- Name: COLUMN lead_timers.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.id IS 'Timer id.';

--
-- Name: COLUMN lead_timers.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.account_id IS 'Owning account.';

--
-- Name: COLUMN lead_timers.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.lead_id IS 'The lead.';

--
-- Name: COLUMN lead_timers.timer_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.timer_type IS 'TIMER_7D, TIMER_14D, TIMER_30D, FOLLOW_UP or CALLBACK; one of each per lead.';

--
-- Name: COLUMN lead_timers.trigger_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.trigger_at IS 'When the timer is due.';

--
-- Name: COLUMN lead_timers.executed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.executed_at IS 'When it ran; null while pending.';

--
-- Name: COLUMN lead_timers.cancelled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.cancelled_at IS 'When it was cancelled (e.g. the lead replied).';

--
-- Name: COLUMN lead_timers.attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.attempts IS 'How many times running it was tried.';

--
-- Name: COLUMN lead_timers.max_attempts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.max_attempts IS 'Attempts after which it stops being retried.';

--
-- Name: COLUMN lead_timers.last_error; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.last_error IS 'Error of the last failed attempt.';

--
-- Name: COLUMN lead_timers.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.payload IS 'Context for the timer (persona, campaign).';

--
-- Name: COLUMN lead_timers.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.created_at IS 'When the timer was first created.';

--
-- Name: COLUMN lead_timers.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.lead_timers.updated_at IS 'When the row last changed (a refresh moves trigger_at).';

--
-- Name: leads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.leads (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    status text DEFAULT 'new'::text NOT NULL,
    lead_state text DEFAULT 'new'::text NOT NULL,
    first_name text,
    last_name text,
    company_name text,
    phone public.e164_phone,
    phone_line_type text DEFAULT 'unknown'::text NOT NULL,
    email public.email_address,
    alternate_emails public.email_address[] DEFAULT '{}'::public.email_address[] NOT NULL,
    source text DEFAULT 'manual'::text NOT NULL,
    external_id text,
    city text,
    region text,
    postal_code text,
    country text,
    timezone public.time_zone,
    assigned_user_id uuid,
    assigned_at timestamp with time zone,
    attributes jsonb DEFAULT '{}'::jsonb NOT NULL,
    first_seen_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT leads_attributes_check CHECK ((jsonb_typeof(attributes) = 'object'::text)),
    CONSTRAINT leads_city_check CHECK ((length(city) <= 120)),
    CONSTRAINT leads_company_name_check CHECK ((length(company_name) <= 200)),
    CONSTRAINT leads_country_check CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT leads_external_id_check CHECK (((length(external_id) >= 1) AND (length(external_id) <= 200))),
    CONSTRAINT leads_first_name_check CHECK ((length(first_name) <= 200)),
    CONSTRAINT leads_last_name_check CHECK ((length(last_name) <= 200)),
    CONSTRAINT leads_phone_line_type_check CHECK ((phone_line_type = ANY (ARRAY['mobile'::text, 'landline'::text, 'voip'::text, 'unknown'::text]))),
    CONSTRAINT leads_postal_code_check CHECK ((length(postal_code) <= 20)),
    CONSTRAINT leads_region_check CHECK ((length(region) <= 120)),
    CONSTRAINT leads_source_check CHECK ((source ~ '^[a-z0-9][a-z0-9_]{0,39}$'::text)),
    CONSTRAINT leads_status_check CHECK ((status = ANY (ARRAY['new'::text, 'suppressed'::text, 'archived'::text])))
);

--
-- Name: TABLE leads; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.leads IS 'People and businesses the engine may contact. One row per lead per account.';

--
-- Name: COLUMN leads.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.id IS 'Lead id.';

--
-- Name: COLUMN leads.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.account_id IS 'Owning account.';

--
-- Name: COLUMN leads.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.status IS 'Record status: new (eligible), suppressed (operator said never contact), archived (out of operations).';

--
-- Name: COLUMN leads.lead_state; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.lead_state IS 'Lifecycle state (lead_states); changes are validated against lead_state_transitions and logged in lead_events.';

--
-- Name: COLUMN leads.first_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.first_name IS 'Given name, when known.';

--
-- Name: COLUMN leads.last_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.last_name IS 'Family name, when known.';

--
-- Name: COLUMN leads.company_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.company_name IS 'Business name, when the lead is a business.';

--
-- Name: COLUMN leads.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.phone IS 'Phone in E.164, or null.';

--
-- Name: COLUMN leads.phone_line_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.phone_line_type IS 'mobile, landline, voip or unknown (from a lookup or the source).';

--
-- Name: COLUMN leads.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.email IS 'Primary email, lower-case.';

--
-- Name: COLUMN leads.alternate_emails; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.alternate_emails IS 'Other addresses that replied on the lead''s thread (seed 003 §6).';

--
-- Name: COLUMN leads.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.source IS 'Where the lead came from: manual, import, craigslist, webhook, inbound_sms, ...';

--
-- Name: COLUMN leads.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.external_id IS 'The source''s own id (a Craigslist posting id, a CRM id); unique per account and source.';

--
-- Name: COLUMN leads.city; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.city IS 'City, when known.';

--
-- Name: COLUMN leads.region; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.region IS 'State or province, when known.';

--
-- Name: COLUMN leads.postal_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.postal_code IS 'Postal code, when known.';

--
-- Name: COLUMN leads.country; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.country IS 'ISO 3166-1 alpha-2 country code.';

--
-- Name: COLUMN leads.timezone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.timezone IS 'Lead''s own IANA time zone; null means infer it from the phone or use the account''s.';

--
-- Name: COLUMN leads.assigned_user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.assigned_user_id IS 'Setter who owns the lead (must be a member of the account).';

--
-- Name: COLUMN leads.assigned_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.assigned_at IS 'When the lead was assigned.';

--
-- Name: COLUMN leads.attributes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.attributes IS 'Source-specific attributes (posting title, price, vehicle details, ...).';

--
-- Name: COLUMN leads.first_seen_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.first_seen_at IS 'When the source first showed this lead; null when unknown (SSV uses coalesce(first_seen_at, created_at)).';

--
-- Name: COLUMN leads.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.created_at IS 'When the row was inserted.';

--
-- Name: COLUMN leads.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.leads.updated_at IS 'When the row last changed.';

--
-- Name: org_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.org_settings (
    account_id uuid NOT NULL,
    business_name text,
    contact_email public.email_address,
    contact_phone public.e164_phone,
    contact_whatsapp public.e164_phone,
    vertical text DEFAULT 'car_dealer'::text NOT NULL,
    timezone public.time_zone DEFAULT 'America/New_York'::text NOT NULL,
    leadgen_routing jsonb DEFAULT '{"active": false}'::jsonb NOT NULL,
    onboarding_step smallint DEFAULT 1 NOT NULL,
    onboarding_completed_at timestamp with time zone,
    send_window_start time without time zone DEFAULT '08:00:00'::time without time zone NOT NULL,
    send_window_end time without time zone DEFAULT '20:00:00'::time without time zone NOT NULL,
    negative_cooldown_days integer DEFAULT 30 NOT NULL,
    reactivation_after_days integer DEFAULT 45 NOT NULL,
    call_queue_gold_priority integer DEFAULT 100 NOT NULL,
    round_robin_enabled boolean DEFAULT false NOT NULL,
    round_robin_email_only boolean DEFAULT false NOT NULL,
    round_robin_setter_sequence uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    round_robin_last_setter_index integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT org_settings_business_name_check CHECK (((length(btrim(business_name)) >= 1) AND (length(btrim(business_name)) <= 200))),
    CONSTRAINT org_settings_call_queue_gold_priority_check CHECK (((call_queue_gold_priority >= 0) AND (call_queue_gold_priority <= 1000))),
    CONSTRAINT org_settings_leadgen_routing_address_check CHECK (
CASE
    WHEN ((leadgen_routing -> 'active'::text) IS DISTINCT FROM 'true'::jsonb) THEN true
    WHEN (jsonb_typeof((leadgen_routing -> 'dealer_address'::text)) IS DISTINCT FROM 'string'::text) THEN false
    ELSE (length(btrim((leadgen_routing ->> 'dealer_address'::text))) > 0)
END),
    CONSTRAINT org_settings_leadgen_routing_radius_check CHECK (
CASE
    WHEN (NOT (leadgen_routing ? 'radius_miles'::text)) THEN true
    WHEN (jsonb_typeof((leadgen_routing -> 'radius_miles'::text)) <> 'number'::text) THEN false
    ELSE ((((leadgen_routing ->> 'radius_miles'::text))::numeric >= (1)::numeric) AND (((leadgen_routing ->> 'radius_miles'::text))::numeric <= (50)::numeric))
END),
    CONSTRAINT org_settings_leadgen_routing_shape_check CHECK (((jsonb_typeof(leadgen_routing) = 'object'::text) AND
CASE
    WHEN (leadgen_routing ? 'active'::text) THEN (jsonb_typeof((leadgen_routing -> 'active'::text)) = 'boolean'::text)
    ELSE true
END AND
CASE
    WHEN (leadgen_routing ? 'dealer_address'::text) THEN (jsonb_typeof((leadgen_routing -> 'dealer_address'::text)) = ANY (ARRAY['string'::text, 'null'::text]))
    ELSE true
END AND
CASE
    WHEN (leadgen_routing ? 'city_fallback'::text) THEN (jsonb_typeof((leadgen_routing -> 'city_fallback'::text)) = ANY (ARRAY['string'::text, 'null'::text]))
    ELSE true
END)),
    CONSTRAINT org_settings_negative_cooldown_days_check CHECK (((negative_cooldown_days >= 1) AND (negative_cooldown_days <= 365))),
    CONSTRAINT org_settings_onboarding_step_check CHECK (((onboarding_step >= 1) AND (onboarding_step <= 3))),
    CONSTRAINT org_settings_reactivation_after_days_check CHECK (((reactivation_after_days >= 1) AND (reactivation_after_days <= 730))),
    CONSTRAINT org_settings_round_robin_last_setter_index_check CHECK ((round_robin_last_setter_index >= 0)),
    CONSTRAINT org_settings_send_window_check CHECK (((send_window_start >= '08:00:00'::time without time zone) AND (send_window_end <= '21:00:00'::time without time zone) AND (send_window_start < send_window_end))),
    CONSTRAINT org_settings_vertical_check CHECK ((vertical ~ '^[a-z][a-z0-9_]{1,39}$'::text))
);

--
-- Name: TABLE org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.org_settings IS 'One row per account (created with the account): onboarding fields, LeadGen routing, send window and brain tunables.';

--
-- Name: COLUMN org_settings.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.account_id IS 'The account these settings belong to.';

--
-- Name: COLUMN org_settings.business_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.business_name IS 'Business identity shown to leads (onboarding step 1).';

--
-- Name: COLUMN org_settings.contact_email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_email IS 'Primary contact email (onboarding step 2).';

--
-- Name: COLUMN org_settings.contact_phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_phone IS 'Primary contact phone, E.164 (onboarding step 2, optional).';

--
-- Name: COLUMN org_settings.contact_whatsapp; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.contact_whatsapp IS 'Primary WhatsApp number, E.164 (onboarding step 2, optional).';

--
-- Name: COLUMN org_settings.vertical; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.vertical IS 'Business vertical; default car_dealer (stored, hidden in the onboarding UI).';

--
-- Name: COLUMN org_settings.timezone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.timezone IS 'Account time zone; used for leads whose own time zone cannot be known.';

--
-- Name: COLUMN org_settings.leadgen_routing; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.leadgen_routing IS 'LeadGen routing JSON {dealer_address, radius_miles (1-50), city_fallback, active}; dealer_address is required when active.';

--
-- Name: COLUMN org_settings.onboarding_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.onboarding_step IS 'Current onboarding step: 1 identity, 2 contact, 3 LeadGen routing.';

--
-- Name: COLUMN org_settings.onboarding_completed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.onboarding_completed_at IS 'When onboarding was completed; null while it is in progress.';

--
-- Name: COLUMN org_settings.send_window_start; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.send_window_start IS 'Earliest local time (lead''s time zone) a message may be sent; never before 08:00.';

--
-- Name: COLUMN org_settings.send_window_end; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.send_window_end IS 'Latest local time (lead''s time zone) a message may be sent; never after 21:00.';

--
-- Name: COLUMN org_settings.negative_cooldown_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.negative_cooldown_days IS 'Days a negative reply keeps a lead in cooldown (default 30).';

--
-- Name: COLUMN org_settings.reactivation_after_days; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.reactivation_after_days IS 'Days after the last unanswered touch before a lead may be reactivated (default 45).';

--
-- Name: COLUMN org_settings.call_queue_gold_priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.call_queue_gold_priority IS 'call_queue priority given to a positive "gold" lead (mobile phone and email known; default 100).';

--
-- Name: COLUMN org_settings.round_robin_enabled; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_enabled IS 'When true, positive leads are assigned to setters in rotation.';

--
-- Name: COLUMN org_settings.round_robin_email_only; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_email_only IS 'When true, only email replies trigger round-robin assignment.';

--
-- Name: COLUMN org_settings.round_robin_setter_sequence; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_setter_sequence IS 'Ordered user ids for round-robin; a user listed twice gets twice the share.';

--
-- Name: COLUMN org_settings.round_robin_last_setter_index; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.round_robin_last_setter_index IS 'Position in the effective sequence of the last assigned setter.';

--
-- Name: COLUMN org_settings.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.created_at IS 'When the row was created.';

--
-- Name: COLUMN org_settings.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.org_settings.updated_at IS 'When the row last changed.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_address_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_address_check ON public.org_settings IS 'A dealer address is required to turn LeadGen routing on.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_radius_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_radius_check ON public.org_settings IS 'The LeadGen radius must be a number of miles between 1 and 50.';

--
-- Name: CONSTRAINT org_settings_leadgen_routing_shape_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_leadgen_routing_shape_check ON public.org_settings IS 'LeadGen routing must be a JSON object; active must be true or false; dealer_address and city_fallback must be text.';

--
-- Name: CONSTRAINT org_settings_send_window_check ON org_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON CONSTRAINT org_settings_send_window_check ON public.org_settings IS 'The send window must start no earlier than 08:00, end no later than 21:00, and start before it ends.';

--
-- Name: outbound_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbound_messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    touch_run_id uuid,
    campaign_id uuid,
    channel public.channel NOT NULL,
    send_key text NOT NULL,
    provider text NOT NULL,
    provider_message_id text,
    status text DEFAULT 'pending'::text NOT NULL,
    provider_status text,
    to_address text,
    from_address text,
    subject text,
    body text,
    error_code text,
    error_message text,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    failed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT outbound_messages_send_key_check CHECK (((length(send_key) >= 8) AND (length(send_key) <= 400))),
    CONSTRAINT outbound_messages_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'sent'::text, 'delivered'::text, 'failed'::text, 'unknown'::text, 'canceled'::text])))
);

--
-- Name: TABLE outbound_messages; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.outbound_messages IS 'Every send intent, keyed by a unique send_key so the same intent can never be sent twice.';

--
-- Name: COLUMN outbound_messages.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.id IS 'Message id.';

--
-- Name: COLUMN outbound_messages.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.account_id IS 'Owning account.';

--
-- Name: COLUMN outbound_messages.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.lead_id IS 'Recipient lead.';

--
-- Name: COLUMN outbound_messages.touch_run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.touch_run_id IS 'Touch that produced it.';

--
-- Name: COLUMN outbound_messages.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.campaign_id IS 'Campaign of the touch, when any.';

--
-- Name: COLUMN outbound_messages.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.channel IS 'Channel used.';

--
-- Name: COLUMN outbound_messages.send_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.send_key IS 'Idempotency key of the intent (brain.send_key): lead, campaign, step, channel, attempt.';

--
-- Name: COLUMN outbound_messages.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider IS 'Provider asked to send it (sink, twilio, telnyx, elastic_email).';

--
-- Name: COLUMN outbound_messages.provider_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider_message_id IS 'Provider''s id (Twilio SID, Telnyx id, Elastic transaction id).';

--
-- Name: COLUMN outbound_messages.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.status IS 'pending, sent, delivered, failed, unknown or canceled; only moves forward.';

--
-- Name: COLUMN outbound_messages.provider_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.provider_status IS 'Last raw status reported by the provider.';

--
-- Name: COLUMN outbound_messages.to_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.to_address IS 'Recipient address (E.164, whatsapp:+E.164 or email).';

--
-- Name: COLUMN outbound_messages.from_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.from_address IS 'Sender address or number.';

--
-- Name: COLUMN outbound_messages.subject; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.subject IS 'Email subject.';

--
-- Name: COLUMN outbound_messages.body; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.body IS 'Message body as sent (kept for the lead timeline; never logged).';

--
-- Name: COLUMN outbound_messages.error_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.error_code IS 'Provider or engine error code.';

--
-- Name: COLUMN outbound_messages.error_message; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.error_message IS 'Readable error.';

--
-- Name: COLUMN outbound_messages.sent_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.sent_at IS 'When the provider accepted it.';

--
-- Name: COLUMN outbound_messages.delivered_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.delivered_at IS 'When delivery was confirmed.';

--
-- Name: COLUMN outbound_messages.failed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.failed_at IS 'When it failed.';

--
-- Name: COLUMN outbound_messages.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.created_at IS 'When the intent was recorded.';

--
-- Name: COLUMN outbound_messages.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.outbound_messages.updated_at IS 'When the row last changed.';

--
-- Name: suppressions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppressions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    channel public.channel,
    phone public.e164_phone,
    email public.email_address,
    reason text NOT NULL,
    source text DEFAULT 'manual'::text NOT NULL,
    lead_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    lifted_at timestamp with time zone,
    lifted_reason text,
    CONSTRAINT suppressions_lifted_check CHECK (((lifted_at IS NULL) OR (lifted_at >= created_at))),
    CONSTRAINT suppressions_one_address_check CHECK ((num_nonnulls(phone, email) = 1)),
    CONSTRAINT suppressions_reason_check CHECK ((reason ~ '^[a-z][a-z0-9_]{0,63}$'::text))
);

--
-- Name: TABLE suppressions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.suppressions IS 'Addresses that must not be contacted: STOP replies, bounces, complaints, operator entries. A row is active while lifted_at is null.';

--
-- Name: COLUMN suppressions.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.id IS 'Row id.';

--
-- Name: COLUMN suppressions.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.account_id IS 'Owning account.';

--
-- Name: COLUMN suppressions.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.channel IS 'Channel suppressed; null means every channel.';

--
-- Name: COLUMN suppressions.phone; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.phone IS 'Suppressed phone (E.164); exactly one of phone or email is set.';

--
-- Name: COLUMN suppressions.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.email IS 'Suppressed email; exactly one of phone or email is set.';

--
-- Name: COLUMN suppressions.reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.reason IS 'Why: opt_out_keyword, bounce, complaint, unsubscribe, manual, ...';

--
-- Name: COLUMN suppressions.source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.source IS 'Component or person that added it.';

--
-- Name: COLUMN suppressions.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lead_id IS 'Lead that caused it, when known.';

--
-- Name: COLUMN suppressions.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.created_at IS 'When it took effect.';

--
-- Name: COLUMN suppressions.lifted_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lifted_at IS 'When it was lifted (e.g. START); null while active.';

--
-- Name: COLUMN suppressions.lifted_reason; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.suppressions.lifted_reason IS 'Why it was lifted.';

--
-- Name: touch_run_status_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_run_status_transitions (
    from_status text NOT NULL,
    to_status text NOT NULL,
    CONSTRAINT touch_run_status_transitions_not_self_check CHECK ((from_status <> to_status))
);

--
-- Name: TABLE touch_run_status_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_run_status_transitions IS 'Allowed touch_runs status changes; any other raises invalid_touch_run_transition.';

--
-- Name: COLUMN touch_run_status_transitions.from_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_status_transitions.from_status IS 'Current status.';

--
-- Name: COLUMN touch_run_status_transitions.to_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_status_transitions.to_status IS 'Status it may move to.';

--
-- Name: touch_run_statuses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_run_statuses (
    status text NOT NULL,
    is_final boolean NOT NULL,
    description text NOT NULL
);

--
-- Name: TABLE touch_run_statuses; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_run_statuses IS 'The touch_runs status lifecycle.';

--
-- Name: COLUMN touch_run_statuses.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.status IS 'Status name stored in touch_runs.status.';

--
-- Name: COLUMN touch_run_statuses.is_final; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.is_final IS 'True when the touch will never change again.';

--
-- Name: COLUMN touch_run_statuses.description; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_run_statuses.description IS 'What the status means.';

--
-- Name: touch_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.touch_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    lead_id uuid NOT NULL,
    campaign_id uuid,
    step integer DEFAULT 1 NOT NULL,
    channel public.channel NOT NULL,
    attempt integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'scheduled'::text NOT NULL,
    scheduled_at timestamp with time zone DEFAULT now() NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    send_key text,
    provider text,
    provider_message_id text,
    error_code text,
    error_message text,
    claimed_at timestamp with time zone,
    sent_at timestamp with time zone,
    delivered_at timestamp with time zone,
    failed_at timestamp with time zone,
    canceled_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT touch_runs_attempt_check CHECK (((attempt >= 1) AND (attempt <= 100))),
    CONSTRAINT touch_runs_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text)),
    CONSTRAINT touch_runs_step_check CHECK (((step >= 1) AND (step <= 100)))
);

--
-- Name: TABLE touch_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.touch_runs IS 'One attempt on one channel for one lead (and campaign step). payload follows seed 002''s Touch payload v2.';

--
-- Name: COLUMN touch_runs.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.id IS 'Touch id (memory events refer to it as payload.touch_run_id).';

--
-- Name: COLUMN touch_runs.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.account_id IS 'Owning account.';

--
-- Name: COLUMN touch_runs.lead_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.lead_id IS 'The lead to contact.';

--
-- Name: COLUMN touch_runs.campaign_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.campaign_id IS 'Campaign of the touch; null for touches outside a campaign (reactivation, replies).';

--
-- Name: COLUMN touch_runs.step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.step IS 'Campaign step the touch belongs to.';

--
-- Name: COLUMN touch_runs.channel; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.channel IS 'Channel of this attempt (payload.routing.current_channel).';

--
-- Name: COLUMN touch_runs.attempt; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.attempt IS 'Attempt number on this channel for this lead, campaign and step.';

--
-- Name: COLUMN touch_runs.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.status IS 'scheduled, queued, sending, sent, delivered, failed, canceled or unknown (touch_run_status_transitions).';

--
-- Name: COLUMN touch_runs.scheduled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.scheduled_at IS 'When the touch is due.';

--
-- Name: COLUMN touch_runs.payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.payload IS 'Touch payload v2: message_class, routing (fallback, stop_on_events, expires_at), delivery, provider, meta.';

--
-- Name: COLUMN touch_runs.send_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.send_key IS 'Idempotency key of the send intent (outbound_messages.send_key), set at claim.';

--
-- Name: COLUMN touch_runs.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.provider IS 'Provider that handled the send.';

--
-- Name: COLUMN touch_runs.provider_message_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.provider_message_id IS 'Provider''s id for the message or call.';

--
-- Name: COLUMN touch_runs.error_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.error_code IS 'Stable error code when failed or canceled.';

--
-- Name: COLUMN touch_runs.error_message; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.error_message IS 'Readable error (never a message body or secret).';

--
-- Name: COLUMN touch_runs.claimed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.claimed_at IS 'When a worker claimed it (status sending).';

--
-- Name: COLUMN touch_runs.sent_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.sent_at IS 'When the provider accepted it.';

--
-- Name: COLUMN touch_runs.delivered_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.delivered_at IS 'When delivery was confirmed.';

--
-- Name: COLUMN touch_runs.failed_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.failed_at IS 'When it failed.';

--
-- Name: COLUMN touch_runs.canceled_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.canceled_at IS 'When it was canceled.';

--
-- Name: COLUMN touch_runs.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.created_at IS 'When the touch was created (v_campaign_runtime_status_v1 counts by this).';

--
-- Name: COLUMN touch_runs.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.touch_runs.updated_at IS 'When the row last changed.';

--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    email public.email_address NOT NULL,
    display_name text,
    password_hash text,
    is_active boolean DEFAULT true NOT NULL,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_display_name_check CHECK (((length(btrim(display_name)) >= 1) AND (length(btrim(display_name)) <= 200)))
);

--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'People who log in to the console. Global (not a tenant table): access comes from account_members.';

--
-- Name: COLUMN users.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.id IS 'User id.';

--
-- Name: COLUMN users.email; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.email IS 'Login email, lower-case, unique.';

--
-- Name: COLUMN users.display_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.display_name IS 'Name shown in the console.';

--
-- Name: COLUMN users.password_hash; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.password_hash IS 'scrypt hash of the password; null means the user cannot log in with a password. Never readable by API or analyst roles.';

--
-- Name: COLUMN users.is_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.is_active IS 'False disables the user everywhere.';

--
-- Name: COLUMN users.last_login_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.last_login_at IS 'Last successful login.';

--
-- Name: COLUMN users.created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.created_at IS 'When the user was created.';

--
-- Name: COLUMN users.updated_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.updated_at IS 'When the row last changed.';

--
-- Name: webhook_receipts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_receipts (
    provider text NOT NULL,
    idempotency_key text NOT NULL,
    account_id uuid NOT NULL,
    event_type text,
    received_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT webhook_receipts_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 400))),
    CONSTRAINT webhook_receipts_provider_check CHECK ((provider ~ '^[a-z][a-z0-9_]{0,39}$'::text))
);

--
-- Name: TABLE webhook_receipts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.webhook_receipts IS 'One row per distinct provider event; a replay finds its row and has no second effect. Keyed by the provider''s own id, which is unique across accounts.';

--
-- Name: COLUMN webhook_receipts.provider; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.provider IS 'twilio, telnyx, elastic_email, booking, ...';

--
-- Name: COLUMN webhook_receipts.idempotency_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.idempotency_key IS 'Provider''s own event id (Twilio MessageSid plus status for status callbacks; Telnyx event id).';

--
-- Name: COLUMN webhook_receipts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.account_id IS 'Account the event was routed to.';

--
-- Name: COLUMN webhook_receipts.event_type; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.event_type IS 'Provider event type.';

--
-- Name: COLUMN webhook_receipts.received_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.webhook_receipts.received_at IS 'When it was first received.';

--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

--
-- Name: account_members account_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_pkey PRIMARY KEY (account_id, user_id);

--
-- Name: account_provider_settings account_provider_settings_account_channel_provider_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_account_channel_provider_key UNIQUE (account_id, channel, provider);

--
-- Name: account_provider_settings account_provider_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_pkey PRIMARY KEY (id);

--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

--
-- Name: accounts accounts_slug_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_slug_key UNIQUE (slug);

--
-- Name: call_queue call_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_pkey PRIMARY KEY (id);

--
-- Name: campaign_leads campaign_leads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_pkey PRIMARY KEY (account_id, campaign_id, lead_id);

--
-- Name: campaign_steps campaign_steps_account_campaign_step_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_account_campaign_step_key UNIQUE (account_id, campaign_id, step);

--
-- Name: campaign_steps campaign_steps_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_pkey PRIMARY KEY (id);

--
-- Name: campaigns campaigns_account_campaign_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_account_campaign_key_key UNIQUE (account_id, campaign_key);

--
-- Name: campaigns campaigns_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_account_id_id_key UNIQUE (account_id, id);

--
-- Name: campaigns campaigns_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_pkey PRIMARY KEY (id);

--
-- Name: core_memory_events core_memory_events_account_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_account_dedupe_key_key UNIQUE (account_id, dedupe_key);

--
-- Name: core_memory_events core_memory_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_pkey PRIMARY KEY (id);

--
-- Name: lead_events lead_events_account_dedupe_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_account_dedupe_key_key UNIQUE (account_id, dedupe_key);

--
-- Name: lead_events lead_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_pkey PRIMARY KEY (id);

--
-- Name: lead_state_transitions lead_state_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_pkey PRIMARY KEY (from_state, to_state);

--
-- Name: lead_states lead_states_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_states
    ADD CONSTRAINT lead_states_pkey PRIMARY KEY (state);

--
-- Name: lead_states lead_states_position_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_states
    ADD CONSTRAINT lead_states_position_key UNIQUE ("position");

--
-- Name: lead_timers lead_timers_account_lead_type_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_account_lead_type_key UNIQUE (account_id, lead_id, timer_type);

--
-- Name: lead_timers lead_timers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_pkey PRIMARY KEY (id);

--
-- Name: leads leads_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_account_id_id_key UNIQUE (account_id, id);

--
-- Name: leads leads_account_source_external_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_account_source_external_id_key UNIQUE (account_id, source, external_id);

--
-- Name: leads leads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_pkey PRIMARY KEY (id);

--
-- Name: org_settings org_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_settings
    ADD CONSTRAINT org_settings_pkey PRIMARY KEY (account_id);

--
-- Name: outbound_messages outbound_messages_account_provider_message_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_account_provider_message_key UNIQUE (account_id, provider, provider_message_id);

--
-- Name: outbound_messages outbound_messages_account_send_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_account_send_key_key UNIQUE (account_id, send_key);

--
-- Name: outbound_messages outbound_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_pkey PRIMARY KEY (id);

--
-- Name: suppressions suppressions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_pkey PRIMARY KEY (id);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_pkey PRIMARY KEY (from_status, to_status);

--
-- Name: touch_run_statuses touch_run_statuses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_statuses
    ADD CONSTRAINT touch_run_statuses_pkey PRIMARY KEY (status);

--
-- Name: touch_runs touch_runs_account_id_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_account_id_id_key UNIQUE (account_id, id);

--
-- Name: touch_runs touch_runs_attempt_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_attempt_key UNIQUE NULLS NOT DISTINCT (account_id, lead_id, campaign_id, step, channel, attempt);

--
-- Name: touch_runs touch_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_pkey PRIMARY KEY (id);

--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: webhook_receipts webhook_receipts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT webhook_receipts_pkey PRIMARY KEY (provider, idempotency_key);

--
-- Name: account_members_user_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX account_members_user_id_idx ON public.account_members USING btree (user_id);

--
-- Name: account_provider_settings_one_default_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX account_provider_settings_one_default_idx ON public.account_provider_settings USING btree (account_id, channel) WHERE is_default;

--
-- Name: call_queue_one_open_per_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX call_queue_one_open_per_lead_idx ON public.call_queue USING btree (account_id, lead_id) WHERE (status = ANY (ARRAY['pending'::text, 'in_progress'::text]));

--
-- Name: call_queue_pending_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX call_queue_pending_idx ON public.call_queue USING btree (account_id, priority DESC, created_at) WHERE (status = 'pending'::text);

--
-- Name: campaign_leads_active_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaign_leads_active_idx ON public.campaign_leads USING btree (account_id, campaign_id) WHERE (status = 'active'::text);

--
-- Name: campaign_leads_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaign_leads_lead_idx ON public.campaign_leads USING btree (lead_id);

--
-- Name: campaigns_account_active_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX campaigns_account_active_idx ON public.campaigns USING btree (account_id) WHERE is_active;

--
-- Name: core_memory_events_account_type_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_account_type_created_idx ON public.core_memory_events USING btree (account_id, event_type, created_at DESC);

--
-- Name: core_memory_events_lead_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_lead_created_idx ON public.core_memory_events USING btree (lead_id, created_at DESC);

--
-- Name: core_memory_events_touch_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_memory_events_touch_run_idx ON public.core_memory_events USING btree (((payload ->> 'touch_run_id'::text))) WHERE (payload ? 'touch_run_id'::text);

--
-- Name: lead_events_lead_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_events_lead_created_idx ON public.lead_events USING btree (lead_id, created_at DESC);

--
-- Name: lead_timers_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lead_timers_due_idx ON public.lead_timers USING btree (trigger_at) WHERE ((executed_at IS NULL) AND (cancelled_at IS NULL));

--
-- Name: leads_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_created_idx ON public.leads USING btree (account_id, created_at DESC);

--
-- Name: leads_account_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_email_idx ON public.leads USING btree (account_id, email) WHERE (email IS NOT NULL);

--
-- Name: leads_account_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_phone_idx ON public.leads USING btree (account_id, phone) WHERE (phone IS NOT NULL);

--
-- Name: leads_account_state_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_account_state_idx ON public.leads USING btree (account_id, lead_state);

--
-- Name: leads_alternate_emails_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_alternate_emails_idx ON public.leads USING gin (alternate_emails);

--
-- Name: leads_assigned_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX leads_assigned_user_idx ON public.leads USING btree (assigned_user_id) WHERE (assigned_user_id IS NOT NULL);

--
-- Name: outbound_messages_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbound_messages_lead_idx ON public.outbound_messages USING btree (lead_id, created_at DESC);

--
-- Name: outbound_messages_touch_run_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbound_messages_touch_run_idx ON public.outbound_messages USING btree (touch_run_id) WHERE (touch_run_id IS NOT NULL);

--
-- Name: suppressions_active_address_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX suppressions_active_address_idx ON public.suppressions USING btree (account_id, channel, phone, email) NULLS NOT DISTINCT WHERE (lifted_at IS NULL);

--
-- Name: suppressions_email_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX suppressions_email_idx ON public.suppressions USING btree (account_id, email) WHERE ((email IS NOT NULL) AND (lifted_at IS NULL));

--
-- Name: suppressions_phone_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX suppressions_phone_idx ON public.suppressions USING btree (account_id, phone) WHERE ((phone IS NOT NULL) AND (lifted_at IS NULL));

--
-- Name: touch_runs_account_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_account_created_idx ON public.touch_runs USING btree (account_id, created_at DESC);

--
-- Name: touch_runs_campaign_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_campaign_created_idx ON public.touch_runs USING btree (campaign_id, created_at DESC) WHERE (campaign_id IS NOT NULL);

--
-- Name: touch_runs_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_due_idx ON public.touch_runs USING btree (scheduled_at) WHERE (status = ANY (ARRAY['scheduled'::text, 'queued'::text]));

--
-- Name: touch_runs_lead_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_lead_idx ON public.touch_runs USING btree (lead_id, created_at DESC);

--
-- Name: touch_runs_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX touch_runs_open_idx ON public.touch_runs USING btree (status) WHERE (status = ANY (ARRAY['sending'::text, 'unknown'::text]));

--
-- Name: webhook_receipts_account_received_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX webhook_receipts_account_received_idx ON public.webhook_receipts USING btree (account_id, received_at DESC);

--
-- Name: core_memory_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.core_memory_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_events append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only BEFORE DELETE OR UPDATE ON public.lead_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();

--
-- Name: core_memory_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.core_memory_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: lead_events append_only_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON public.lead_events FOR EACH STATEMENT EXECUTE FUNCTION private.tg__append_only();

--
-- Name: accounts create_org_settings; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER create_org_settings AFTER INSERT ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg_accounts__create_org_settings();

--
-- Name: leads lead_state_transition; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER lead_state_transition AFTER UPDATE OF lead_state ON public.leads FOR EACH ROW WHEN ((old.lead_state IS DISTINCT FROM new.lead_state)) EXECUTE FUNCTION private.tg_leads__lead_state_transition();

--
-- Name: account_members set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.account_members FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: account_provider_settings set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.account_provider_settings FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: accounts set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: call_queue set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.call_queue FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaign_leads set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaign_leads FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaign_steps set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaign_steps FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: campaigns set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.campaigns FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: lead_timers set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.lead_timers FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: leads set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.leads FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: org_settings set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.org_settings FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: outbound_messages set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.outbound_messages FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: touch_runs set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.touch_runs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: users set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();

--
-- Name: touch_runs status_transition; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER status_transition BEFORE UPDATE OF status ON public.touch_runs FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION private.tg_touch_runs__status_transition();

--
-- Name: account_members account_members_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_members account_members_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT account_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;

--
-- Name: account_provider_settings account_provider_settings_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_provider_settings
    ADD CONSTRAINT account_provider_settings_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: call_queue call_queue_assigned_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_assigned_member_fkey FOREIGN KEY (account_id, assigned_user_id) REFERENCES public.account_members(account_id, user_id);

--
-- Name: call_queue call_queue_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.call_queue
    ADD CONSTRAINT call_queue_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_leads campaign_leads_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_leads campaign_leads_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_leads
    ADD CONSTRAINT campaign_leads_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: campaign_steps campaign_steps_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaign_steps
    ADD CONSTRAINT campaign_steps_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: campaigns campaigns_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.campaigns
    ADD CONSTRAINT campaigns_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: core_memory_events core_memory_events_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.core_memory_events
    ADD CONSTRAINT core_memory_events_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE RESTRICT;

--
-- Name: lead_events lead_events_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE RESTRICT;

--
-- Name: lead_events lead_events_new_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_new_state_fkey FOREIGN KEY (new_state) REFERENCES public.lead_states(state);

--
-- Name: lead_events lead_events_previous_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_events
    ADD CONSTRAINT lead_events_previous_state_fkey FOREIGN KEY (previous_state) REFERENCES public.lead_states(state);

--
-- Name: lead_state_transitions lead_state_transitions_from_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_from_state_fkey FOREIGN KEY (from_state) REFERENCES public.lead_states(state);

--
-- Name: lead_state_transitions lead_state_transitions_to_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_state_transitions
    ADD CONSTRAINT lead_state_transitions_to_state_fkey FOREIGN KEY (to_state) REFERENCES public.lead_states(state);

--
-- Name: lead_timers lead_timers_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lead_timers
    ADD CONSTRAINT lead_timers_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: leads leads_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: leads leads_assigned_member_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_assigned_member_fkey FOREIGN KEY (account_id, assigned_user_id) REFERENCES public.account_members(account_id, user_id);

--
-- Name: leads leads_lead_state_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_lead_state_fkey FOREIGN KEY (lead_state) REFERENCES public.lead_states(state);

--
-- Name: org_settings org_settings_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_settings
    ADD CONSTRAINT org_settings_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: outbound_messages outbound_messages_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE SET NULL (campaign_id);

--
-- Name: outbound_messages outbound_messages_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: outbound_messages outbound_messages_touch_run_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbound_messages
    ADD CONSTRAINT outbound_messages_touch_run_fkey FOREIGN KEY (account_id, touch_run_id) REFERENCES public.touch_runs(account_id, id) ON DELETE SET NULL (touch_run_id);

--
-- Name: suppressions suppressions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: suppressions suppressions_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE SET NULL (lead_id);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_from_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_from_status_fkey FOREIGN KEY (from_status) REFERENCES public.touch_run_statuses(status);

--
-- Name: touch_run_status_transitions touch_run_status_transitions_to_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_run_status_transitions
    ADD CONSTRAINT touch_run_status_transitions_to_status_fkey FOREIGN KEY (to_status) REFERENCES public.touch_run_statuses(status);

--
-- Name: touch_runs touch_runs_campaign_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_campaign_fkey FOREIGN KEY (account_id, campaign_id) REFERENCES public.campaigns(account_id, id) ON DELETE CASCADE;

--
-- Name: touch_runs touch_runs_lead_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_lead_fkey FOREIGN KEY (account_id, lead_id) REFERENCES public.leads(account_id, id) ON DELETE CASCADE;

--
-- Name: touch_runs touch_runs_status_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.touch_runs
    ADD CONSTRAINT touch_runs_status_fkey FOREIGN KEY (status) REFERENCES public.touch_run_statuses(status);

--
-- Name: webhook_receipts webhook_receipts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT webhook_receipts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

--
-- Name: account_members; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_members ENABLE ROW LEVEL SECURITY;

--
-- Name: account_members account_members_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_analyst_tenant ON public.account_members FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_members account_members_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_api_tenant ON public.account_members TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_members account_members_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_members_worker_all ON public.account_members TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: account_provider_settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_provider_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: account_provider_settings account_provider_settings_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_analyst_tenant ON public.account_provider_settings FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_provider_settings account_provider_settings_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_api_tenant ON public.account_provider_settings TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: account_provider_settings account_provider_settings_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY account_provider_settings_worker_all ON public.account_provider_settings TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts accounts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_analyst_tenant ON public.accounts FOR SELECT TO revenue_analyst USING ((id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: accounts accounts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_api_tenant ON public.accounts FOR SELECT TO revenue_api USING ((id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: accounts accounts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accounts_worker_all ON public.accounts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: call_queue; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.call_queue ENABLE ROW LEVEL SECURITY;

--
-- Name: call_queue call_queue_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_analyst_tenant ON public.call_queue FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: call_queue call_queue_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_api_tenant ON public.call_queue TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: call_queue call_queue_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY call_queue_worker_all ON public.call_queue TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaign_leads; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaign_leads ENABLE ROW LEVEL SECURITY;

--
-- Name: campaign_leads campaign_leads_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_analyst_tenant ON public.campaign_leads FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_leads campaign_leads_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_api_tenant ON public.campaign_leads TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_leads campaign_leads_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_leads_worker_all ON public.campaign_leads TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaign_steps; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaign_steps ENABLE ROW LEVEL SECURITY;

--
-- Name: campaign_steps campaign_steps_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_analyst_tenant ON public.campaign_steps FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_steps campaign_steps_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_api_tenant ON public.campaign_steps TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaign_steps campaign_steps_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaign_steps_worker_all ON public.campaign_steps TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: campaigns; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.campaigns ENABLE ROW LEVEL SECURITY;

--
-- Name: campaigns campaigns_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_analyst_tenant ON public.campaigns FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaigns campaigns_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_api_tenant ON public.campaigns TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: campaigns campaigns_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY campaigns_worker_all ON public.campaigns TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: core_memory_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.core_memory_events ENABLE ROW LEVEL SECURITY;

--
-- Name: core_memory_events core_memory_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_analyst_tenant ON public.core_memory_events FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: core_memory_events core_memory_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_api_tenant ON public.core_memory_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: core_memory_events core_memory_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY core_memory_events_worker_all ON public.core_memory_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_events ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_events lead_events_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_analyst_tenant ON public.lead_events FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_events lead_events_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_api_tenant ON public.lead_events TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_events lead_events_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_events_worker_all ON public.lead_events TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: lead_timers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.lead_timers ENABLE ROW LEVEL SECURITY;

--
-- Name: lead_timers lead_timers_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_analyst_tenant ON public.lead_timers FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_timers lead_timers_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_api_tenant ON public.lead_timers TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: lead_timers lead_timers_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY lead_timers_worker_all ON public.lead_timers TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: leads; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY;

--
-- Name: leads leads_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_analyst_tenant ON public.leads FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: leads leads_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_api_tenant ON public.leads TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: leads leads_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY leads_worker_all ON public.leads TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: org_settings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.org_settings ENABLE ROW LEVEL SECURITY;

--
-- Name: org_settings org_settings_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_analyst_tenant ON public.org_settings FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: org_settings org_settings_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_api_tenant ON public.org_settings TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: org_settings org_settings_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_settings_worker_all ON public.org_settings TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: outbound_messages; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.outbound_messages ENABLE ROW LEVEL SECURITY;

--
-- Name: outbound_messages outbound_messages_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_analyst_tenant ON public.outbound_messages FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: outbound_messages outbound_messages_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_api_tenant ON public.outbound_messages TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: outbound_messages outbound_messages_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY outbound_messages_worker_all ON public.outbound_messages TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: suppressions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.suppressions ENABLE ROW LEVEL SECURITY;

--
-- Name: suppressions suppressions_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_analyst_tenant ON public.suppressions FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: suppressions suppressions_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_api_tenant ON public.suppressions TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: suppressions suppressions_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY suppressions_worker_all ON public.suppressions TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: touch_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.touch_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: touch_runs touch_runs_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_analyst_tenant ON public.touch_runs FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: touch_runs touch_runs_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_api_tenant ON public.touch_runs TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: touch_runs touch_runs_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY touch_runs_worker_all ON public.touch_runs TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_analyst_members; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_analyst_members ON public.users FOR SELECT TO revenue_analyst USING ((EXISTS ( SELECT 1
   FROM public.account_members m
  WHERE ((m.user_id = users.id) AND (m.account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)))));

--
-- Name: users users_api_members; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_api_members ON public.users FOR SELECT TO revenue_api USING ((EXISTS ( SELECT 1
   FROM public.account_members m
  WHERE ((m.user_id = users.id) AND (m.account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)))));

--
-- Name: users users_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_worker_all ON public.users TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: webhook_receipts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_receipts ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_receipts webhook_receipts_analyst_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_analyst_tenant ON public.webhook_receipts FOR SELECT TO revenue_analyst USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: webhook_receipts webhook_receipts_api_tenant; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_api_tenant ON public.webhook_receipts TO revenue_api USING ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid)) WITH CHECK ((account_id = (NULLIF(current_setting('app.account_id'::text, true), ''::text))::uuid));

--
-- Name: webhook_receipts webhook_receipts_worker_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY webhook_receipts_worker_all ON public.webhook_receipts TO revenue_worker USING (true) WITH CHECK (true);

--
-- Name: SCHEMA brain; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA brain TO revenue_api;
GRANT USAGE ON SCHEMA brain TO revenue_analyst;
GRANT USAGE ON SCHEMA brain TO revenue_worker;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO revenue_worker;

--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO revenue_api;
GRANT USAGE ON SCHEMA public TO revenue_analyst;
GRANT USAGE ON SCHEMA public TO revenue_worker;

--
-- Name: FUNCTION transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text); Type: ACL; Schema: brain; Owner: -
--

REVOKE ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) FROM PUBLIC;
GRANT ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) TO revenue_api;
GRANT ALL ON FUNCTION brain.transition_lead(p_lead_id uuid, p_to_state text, p_reason text, p_actor text) TO revenue_worker;

--
-- Name: TABLE account_members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.account_members TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_members TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_members TO revenue_worker;

--
-- Name: TABLE account_provider_settings; Type: ACL; Schema: public; Owner: -
--

GRANT DELETE ON TABLE public.account_provider_settings TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_provider_settings TO revenue_worker;

--
-- Name: COLUMN account_provider_settings.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(id) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(account_id) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(account_id),INSERT(account_id) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.channel; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(channel) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(channel),INSERT(channel) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.provider; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(provider) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(provider),INSERT(provider) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.is_default; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(is_default) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(is_default),INSERT(is_default),UPDATE(is_default) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.config; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(config) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(config),INSERT(config),UPDATE(config) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.secrets; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(secrets),UPDATE(secrets) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(created_at) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: COLUMN account_provider_settings.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.account_provider_settings TO revenue_analyst;
GRANT SELECT(updated_at),UPDATE(updated_at) ON TABLE public.account_provider_settings TO revenue_api;

--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accounts TO revenue_analyst;
GRANT SELECT ON TABLE public.accounts TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.accounts TO revenue_worker;

--
-- Name: TABLE call_queue; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.call_queue TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.call_queue TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.call_queue TO revenue_worker;

--
-- Name: TABLE campaign_leads; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaign_leads TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_leads TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_leads TO revenue_worker;

--
-- Name: TABLE campaign_steps; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaign_steps TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_steps TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaign_steps TO revenue_worker;

--
-- Name: TABLE campaigns; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.campaigns TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaigns TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.campaigns TO revenue_worker;

--
-- Name: TABLE core_memory_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.core_memory_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.core_memory_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.core_memory_events TO revenue_worker;

--
-- Name: TABLE lead_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_events TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.lead_events TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.lead_events TO revenue_worker;

--
-- Name: TABLE lead_state_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_api;
GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_state_transitions TO revenue_worker;

--
-- Name: TABLE lead_states; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_states TO revenue_api;
GRANT SELECT ON TABLE public.lead_states TO revenue_analyst;
GRANT SELECT ON TABLE public.lead_states TO revenue_worker;

--
-- Name: TABLE lead_timers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.lead_timers TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.lead_timers TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.lead_timers TO revenue_worker;

--
-- Name: TABLE leads; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.leads TO revenue_analyst;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.leads TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.leads TO revenue_worker;

--
-- Name: TABLE org_settings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.org_settings TO revenue_analyst;
GRANT SELECT,UPDATE ON TABLE public.org_settings TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.org_settings TO revenue_worker;

--
-- Name: TABLE outbound_messages; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.outbound_messages TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.outbound_messages TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.outbound_messages TO revenue_worker;

--
-- Name: TABLE suppressions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.suppressions TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.suppressions TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.suppressions TO revenue_worker;

--
-- Name: TABLE touch_run_status_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_api;
GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_analyst;
GRANT SELECT ON TABLE public.touch_run_status_transitions TO revenue_worker;

--
-- Name: TABLE touch_run_statuses; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_api;
GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_analyst;
GRANT SELECT ON TABLE public.touch_run_statuses TO revenue_worker;

--
-- Name: TABLE touch_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.touch_runs TO revenue_analyst;
GRANT SELECT,INSERT,UPDATE ON TABLE public.touch_runs TO revenue_api;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.touch_runs TO revenue_worker;

--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.users TO revenue_worker;

--
-- Name: COLUMN users.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(id) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.email; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(email) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(email) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.display_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(display_name) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(display_name) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.is_active; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(is_active) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(is_active) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.last_login_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(last_login_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(last_login_at) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(created_at) ON TABLE public.users TO revenue_api;

--
-- Name: COLUMN users.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.users TO revenue_analyst;
GRANT SELECT(updated_at) ON TABLE public.users TO revenue_api;

--
-- Name: TABLE webhook_receipts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.webhook_receipts TO revenue_analyst;
GRANT SELECT,INSERT ON TABLE public.webhook_receipts TO revenue_api;
GRANT SELECT,INSERT ON TABLE public.webhook_receipts TO revenue_worker;

--
-- PostgreSQL database dump complete
--

--
-- Applied migrations
--

INSERT INTO private.schema_migrations (version) VALUES
    ('20261122000100'),
    ('20261122000200'),
    ('20261122000300'),
    ('20261122000400'),
    ('20261122000500'),
    ('20261122000600'),
    ('20261122000700'),
    ('20261122000800');
