-- The grants inventory: every privilege the application roles hold (revenue_api,
-- revenue_analyst, revenue_worker, revenue_ingest, and PUBLIC within the project's
-- schemas): schema USAGE, table, view, sequence and column privileges, function
-- EXECUTE and default privileges, read from the catalogs (aclexplode), plus every
-- security definer function in public, brain, private and lead_hunter. Anything
-- granted that the list below does not name fails the first test, and anything
-- the list names that is gone fails the second; each prints the lines that differ.
--
-- To accept a change on purpose, edit the list (the one place to update): paste the
-- lines the failure printed under "have:" into it, or delete the missing ones.
-- One line per grantee, kind and object; privileges sorted; columns grouped per
-- privilege. Objects are printed schema-qualified.
begin;
select plan(4);
set local search_path = tap, pg_catalog;

create temp table expected_privileges on commit drop as
select pg_catalog.btrim(l) as item
from pg_catalog.regexp_split_to_table($expected$
-- PUBLIC (every role) in the project's schemas: functions nobody revoked, and USAGE on public.
PUBLIC function brain.address_problem(text,text,text,text,text,text,boolean,boolean,boolean): EXECUTE
PUBLIC function brain.analytics_group_name(text,text,text): EXECUTE
PUBLIC function brain.assert_step_content(text,integer,text,text,text,boolean): EXECUTE
PUBLIC function brain.build_touch_payload(uuid,uuid,integer,text,text,timestamp with time zone): EXECUTE
PUBLIC function brain.cancel_touch(uuid,text,text,timestamp with time zone,jsonb,text): EXECUTE
PUBLIC function brain.channel_ready(uuid,text): EXECUTE
PUBLIC function brain.classify_consent(text): EXECUTE
PUBLIC function brain.classify_keyword(text): EXECUTE
PUBLIC function brain.classify_reply(text,text): EXECUTE
PUBLIC function brain.count_daily_send(uuid,text,text,integer,timestamp with time zone): EXECUTE
PUBLIC function brain.enrichment_wait_until(text,text,timestamp with time zone,timestamp with time zone,timestamp with time zone,integer): EXECUTE
PUBLIC function brain.email_check_status(boolean,text): EXECUTE
PUBLIC function brain.extract_email(text): EXECUTE
PUBLIC function brain.fallback_plan(uuid,uuid,uuid,integer,jsonb,timestamp with time zone): EXECUTE
PUBLIC function brain.fold_text(text): EXECUTE
PUBLIC function brain.integration_config_error(text,text): EXECUTE
PUBLIC function brain.is_within_send_window(uuid,timestamp with time zone): EXECUTE
PUBLIC function brain.lead_channel_attempts_at(timestamp with time zone): EXECUTE
PUBLIC function brain.lead_engagement(uuid,timestamp with time zone): EXECUTE
PUBLIC function brain.lead_next_action_at(timestamp with time zone): EXECUTE
PUBLIC function brain.lead_priority(integer,text,text,text,numeric): EXECUTE
PUBLIC function brain.lead_reachable(text,text,text): EXECUTE
PUBLIC function brain.lead_suppression_status_at(timestamp with time zone): EXECUTE
PUBLIC function brain.lead_template_values(): EXECUTE
PUBLIC function brain.lead_time_zone(text,text,text): EXECUTE
PUBLIC function brain.next_send_window_start(uuid,timestamp with time zone): EXECUTE
PUBLIC function brain.notification_default_delivery(text,text,text): EXECUTE
PUBLIC function brain.phone_line_type(text,text): EXECUTE
PUBLIC function brain.pick_sender(text[],uuid): EXECUTE
PUBLIC function brain.queue_ai_draft_touch(uuid,timestamp with time zone,text,timestamp with time zone): EXECUTE
PUBLIC function brain.reactivation_plan(text): EXECUTE
PUBLIC function brain.ready_channels(uuid): EXECUTE
PUBLIC function brain.record_event(uuid,uuid,text,text,text,jsonb,text,timestamp with time zone,text,integer): EXECUTE
PUBLIC function brain.render_template(text,jsonb): EXECUTE
PUBLIC function brain.reply_rules(text,text,text,text,text,text): EXECUTE
PUBLIC function brain.reserve_sender_slot(uuid,text,text,integer,timestamp with time zone,interval): EXECUTE
PUBLIC function brain.reserve_sender_slots(uuid,text,text[],integer[],integer,timestamp with time zone,interval): EXECUTE
PUBLIC function brain.resolve_autos_campaign(uuid,text): EXECUTE
PUBLIC function brain.route_inbound_address(text,text): EXECUTE
PUBLIC function brain.score_leads(uuid[]): EXECUTE
PUBLIC function brain.send_key(uuid,uuid,integer,text,integer): EXECUTE
PUBLIC function brain.sender_caps(uuid,text,text[],integer,date): EXECUTE
PUBLIC function brain.sender_pool(uuid,text,text): EXECUTE
PUBLIC function brain.sender_ramp_cap(integer,numeric,integer,integer): EXECUTE
PUBLIC function brain.template_placeholders(text): EXECUTE
PUBLIC function brain.template_problems(text,jsonb): EXECUTE
PUBLIC function brain.template_values(uuid): EXECUTE
PUBLIC function brain.touch_sender(uuid,text,text,uuid): EXECUTE
PUBLIC function brain.unknown_touches(integer,interval,timestamp with time zone): EXECUTE
PUBLIC function brain.window_start_at(text,time without time zone,time without time zone,timestamp with time zone): EXECUTE
PUBLIC function lead_hunter.normalize_city(text): EXECUTE
PUBLIC function private.tg__append_only(): EXECUTE
PUBLIC function private.tg__set_updated_at(): EXECUTE
PUBLIC function private.tg_accounts__create_org_settings(): EXECUTE
PUBLIC function private.tg_ai_drafts__notify(): EXECUTE
PUBLIC function private.tg_ai_drafts__queue_review(): EXECUTE
PUBLIC function private.tg_appointments__sequences(): EXECUTE
PUBLIC function private.tg_appointments__notify(): EXECUTE
PUBLIC function private.tg_campaign_leads__set_next_step_at(): EXECUTE
PUBLIC function private.tg_campaign_steps__check_content(): EXECUTE
PUBLIC function private.tg_campaigns__check_steps_on_activate(): EXECUTE
PUBLIC function private.tg_core_memory_events__priority_score(): EXECUTE
PUBLIC function private.tg_core_memory_events__sender_opt_out(): EXECUTE
PUBLIC function private.tg_inbound_messages__enqueue_post_process(): EXECUTE
PUBLIC function private.tg_inbound_messages__meeting_requested(): EXECUTE
PUBLIC function private.tg_inbound_messages__notify(): EXECUTE
PUBLIC function private.tg_lead_imports__enqueue_import(): EXECUTE
PUBLIC function private.tg_leads__enrichment_lease_reset(): EXECUTE
PUBLIC function private.tg_leads__enrichment_pending(): EXECUTE
PUBLIC function private.tg_leads__lead_state_transition(): EXECUTE
PUBLIC function private.tg_leads__pause_sequences(): EXECUTE
PUBLIC function private.tg_leads__priority_score(): EXECUTE
PUBLIC function private.tg_leads__release_enrichment_hold(): EXECUTE
PUBLIC function private.tg_leads__queue_enrichment(): EXECUTE
PUBLIC function private.tg_suppressions__pause_sequences(): EXECUTE
PUBLIC function private.tg_notification_events__fan_out(): EXECUTE
PUBLIC function private.tg_touch_runs__ai_draft_sent(): EXECUTE
PUBLIC function private.tg_touch_runs__enqueue_dispatch(): EXECUTE
PUBLIC function private.tg_touch_runs__resume_sequences(): EXECUTE
PUBLIC function private.tg_touch_runs__sequence_outcome(): EXECUTE
PUBLIC function private.tg_touch_runs__status_transition(): EXECUTE
PUBLIC function private.tg_users__revoke_sessions(): EXECUTE
PUBLIC function private.touch_expires_at(jsonb): EXECUTE
PUBLIC function public.notification_event_kinds(): EXECUTE
PUBLIC schema public: USAGE

-- revenue_analyst: reads its bound account (private.analyst_account_id); writes nothing.
revenue_analyst columns public.account_invites: SELECT (accepted_at, accepted_by, account_id, created_at, delivery, email, email_error, emailed_at, expires_at, id, invited_by, revoked_at, role)
revenue_analyst columns public.account_api_tokens: SELECT (account_id, created_at, id, last_used_at, name, revoked_at)
revenue_analyst columns public.account_provider_credentials: SELECT (account_id, created_at, key_id, masked, provider, updated_at, verified_at, verify_detail, verify_ok)
revenue_analyst columns public.account_provider_settings: SELECT (account_id, channel, config, created_at, id, is_default, provider, updated_at)
revenue_analyst columns public.lead_imports: SELECT (account_id, campaign_id, column_map, columns, content_bytes, created_at, created_by, default_country, delimiter, error, file_name, finished_at, id, leads_enrolled, rows_done, rows_duplicate, rows_imported, rows_rejected, rows_total, source, started_at, status, updated_at)
revenue_analyst columns public.users: SELECT (created_at, display_name, email, id, is_active, last_login_at, updated_at)
revenue_analyst function brain.business_hours_after(timestamp with time zone,integer,text,time without time zone,time without time zone): EXECUTE
revenue_analyst function brain.integration_config_error(text,text): EXECUTE
revenue_analyst function brain.notification_default_delivery(text,text,text): EXECUTE
revenue_analyst function brain.analytics_booking_facts(uuid,uuid[]): EXECUTE
revenue_analyst function brain.analytics_lead_events(uuid,uuid[]): EXECUTE
revenue_analyst function brain.analytics_touch_facts(uuid,uuid[]): EXECUTE
revenue_analyst function lead_hunter.leadgen_routing_summary(jsonb): EXECUTE
revenue_analyst function private.analyst_account_id(): EXECUTE
revenue_analyst function public.account_changes_since(uuid,timestamp with time zone,timestamp with time zone): EXECUTE
revenue_analyst function public.account_people(): EXECUTE
revenue_analyst function public.appointments_page(text,timestamp with time zone): EXECUTE
revenue_analyst function public.analytics_page(uuid,text,date,date,timestamp with time zone,integer): EXECUTE
revenue_analyst function public.analytics_window(uuid,text,date,date,timestamp with time zone): EXECUTE
revenue_analyst function public.campaign_step_change_impact(uuid,integer): EXECUTE
revenue_analyst function public.dashboard_page(uuid,timestamp with time zone): EXECUTE
revenue_analyst function public.decide_next_channel_for_lead(uuid,uuid,integer,timestamp with time zone): EXECUTE
revenue_analyst function public.lead_appointments(uuid,timestamp with time zone): EXECUTE
revenue_analyst function public.lead_import_status(uuid,integer): EXECUTE
revenue_analyst function public.lead_page(uuid,timestamp with time zone): EXECUTE
revenue_analyst function public.lead_timeline(uuid,integer): EXECUTE
revenue_analyst function public.list_lead_imports(integer): EXECUTE
revenue_analyst function public.notification_event_kinds(): EXECUTE
revenue_analyst function public.preview_campaign_step(uuid,integer,uuid): EXECUTE
revenue_analyst function public.provider_credentials_status(): EXECUTE
revenue_analyst function public.resolve_campaign(uuid,text): EXECUTE
revenue_analyst function public.resolve_lead(uuid,text,integer): EXECUTE
revenue_analyst function public.sequences_page(): EXECUTE
revenue_analyst function public.settings_page(): EXECUTE
revenue_analyst function public.system_health(): EXECUTE
revenue_analyst function public.template_variables(): EXECUTE
revenue_analyst schema brain: USAGE
revenue_analyst schema lead_hunter: USAGE
revenue_analyst schema public: USAGE
revenue_analyst table lead_hunter.craigslist_tasks_v1: SELECT
revenue_analyst table public.account_events: SELECT
revenue_analyst table public.account_members: SELECT
revenue_analyst table public.accounts: SELECT
revenue_analyst table public.ai_drafts: SELECT
revenue_analyst table public.ai_personas: SELECT
revenue_analyst table public.analytics_booking_facts: SELECT
revenue_analyst table public.analytics_daily: SELECT
revenue_analyst table public.analytics_dirty_leads: SELECT
revenue_analyst table public.analytics_touch_facts: SELECT
revenue_analyst table public.appointments: SELECT
revenue_analyst table public.availability_caches: SELECT
revenue_analyst table public.booking_attempts: SELECT
revenue_analyst table public.call_queue: SELECT
revenue_analyst table public.campaign_leads: SELECT
revenue_analyst table public.campaign_steps: SELECT
revenue_analyst table public.campaigns: SELECT
revenue_analyst table public.core_memory_events: SELECT
revenue_analyst table public.email_domain_cache: SELECT
revenue_analyst table public.inbound_messages: SELECT
revenue_analyst table public.integration_health: SELECT
revenue_analyst table public.lead_assignment_events: SELECT
revenue_analyst table public.lead_events: SELECT
revenue_analyst table public.lead_import_rejects: SELECT
revenue_analyst table public.lead_state_transitions: SELECT
revenue_analyst table public.lead_states: SELECT
revenue_analyst table public.lead_timers: SELECT
revenue_analyst table public.leads: SELECT
revenue_analyst table public.offered_slots: SELECT
revenue_analyst table public.notification_deliveries: SELECT
revenue_analyst table public.notification_events: SELECT
revenue_analyst table public.notification_preferences: SELECT
revenue_analyst table public.notification_user_settings: SELECT
revenue_analyst table public.org_settings: SELECT
revenue_analyst table public.outbound_messages: SELECT
revenue_analyst table public.phone_area_codes: SELECT
revenue_analyst table public.phone_lookup_cache: SELECT
revenue_analyst table public.provider_readiness: SELECT
revenue_analyst table public.sender_addresses: SELECT
revenue_analyst table public.sender_daily_counts: SELECT
revenue_analyst table public.sender_rate_state: SELECT
revenue_analyst table public.sender_reputation: SELECT
revenue_analyst table public.sender_reputation_events: SELECT
revenue_analyst table public.sequence_enrollments: SELECT
revenue_analyst table public.sequence_step_drafts: SELECT
revenue_analyst table public.sequence_steps: SELECT
revenue_analyst table public.sequences: SELECT
revenue_analyst table public.setter_tasks: SELECT
revenue_analyst table public.suppressions: SELECT
revenue_analyst table public.touch_run_status_transitions: SELECT
revenue_analyst table public.touch_run_statuses: SELECT
revenue_analyst table public.touch_runs: SELECT
revenue_analyst table public.webhook_receipts: SELECT
revenue_analyst view lead_hunter.v_craigslist_program_status_v1: SELECT
revenue_analyst view public.inbox_conversations: SELECT
revenue_analyst view public.inbox_events: SELECT
revenue_analyst view public.lead_enriched: SELECT
revenue_analyst view public.lead_next_action_view_v5: SELECT
revenue_analyst view public.lead_suppression_status_v1: SELECT
revenue_analyst view public.multichannel_lead_signals: SELECT
revenue_analyst view public.v_booking_attribution_v1: SELECT
revenue_analyst view public.v_campaign_runtime_status_v1: SELECT
revenue_analyst view public.v_craigslist_ssv_v0: SELECT
revenue_analyst view public.v_funnel_daily_v1: SELECT
revenue_analyst view public.v_lead_channel_attempts: SELECT
revenue_analyst view public.v_lead_reachability_v1: SELECT
revenue_analyst view public.v_lead_with_enrichment_and_campaign_v1: SELECT
revenue_analyst view public.v_sequence_enrollments_v1: SELECT
revenue_analyst view public.v_sender_health_v1: SELECT
revenue_analyst view public.v_reactivation_daily_v1: SELECT
revenue_analyst view public.v_touch_rates_daily_v1: SELECT

-- revenue_api: the console, the JSON API and Command OS, per request with app.account_id.
revenue_api columns public.account_invites: SELECT (accepted_at, accepted_by, account_id, created_at, delivery, email, email_error, emailed_at, expires_at, id, invited_by, revoked_at, role)
revenue_api function brain.business_hours_after(timestamp with time zone,integer,text,time without time zone,time without time zone): EXECUTE
revenue_api function brain.pause_lead_sequences(uuid[],text,text,timestamp with time zone): EXECUTE
revenue_api function brain.availability_offer(timestamp with time zone[],text,timestamp with time zone): EXECUTE
revenue_analyst view public.v_notification_preferences_v1: SELECT

-- revenue_api: the console, the JSON API and Command OS, per request with app.account_id.
revenue_api columns public.account_invites: SELECT (accepted_at, accepted_by, account_id, created_at, delivery, email, email_error, emailed_at, expires_at, id, invited_by, revoked_at, role)
revenue_api function brain.integration_config_error(text,text): EXECUTE
revenue_api function brain.notification_default_delivery(text,text,text): EXECUTE
revenue_api function brain.transition_leads(uuid[],text,text,text): EXECUTE
revenue_api function public.appointments_page(text,timestamp with time zone): EXECUTE
revenue_api function public.analytics_page(uuid,text,date,date,timestamp with time zone,integer): EXECUTE
revenue_api function public.analytics_window(uuid,text,date,date,timestamp with time zone): EXECUTE
revenue_api function public.approve_ai_draft(uuid,text,uuid,text,text,uuid,timestamp with time zone): EXECUTE
revenue_api function public.approve_sequence_draft(uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_api function public.archive_sequence(uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.cancel_sequence_enrollment(uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.change_member_role(uuid,uuid,text): EXECUTE
revenue_api function public.complete_setter_task(uuid,uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.create_account_invite(uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_api function public.lead_appointments(uuid,timestamp with time zone): EXECUTE
revenue_api function public.mark_notifications_read(uuid,uuid[],timestamp with time zone): EXECUTE
revenue_api function public.notification_event_kinds(): EXECUTE
revenue_api function public.notification_inbox(uuid,integer): EXECUTE
revenue_api function public.notification_settings_page(uuid): EXECUTE
revenue_api function public.reject_ai_draft(uuid,text,uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.reject_sequence_draft(uuid,text,text,timestamp with time zone): EXECUTE
revenue_api function public.remove_account_member(uuid,uuid,timestamp with time zone): EXECUTE
revenue_api function public.request_ai_draft_regeneration(uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.resume_sequence_enrollment(uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.resume_sender(uuid,text,text): EXECUTE
revenue_api function public.revoke_account_invite(uuid,uuid,timestamp with time zone): EXECUTE
revenue_api function public.save_sequence(uuid,jsonb,text): EXECUTE
revenue_api function public.sequences_page(): EXECUTE
revenue_api function public.set_lead_auto_followups(uuid,boolean,text,timestamp with time zone): EXECUTE
revenue_api function public.set_sequence_active(uuid,boolean,text): EXECUTE
revenue_api function public.set_sender_already_warm(uuid,text,text,boolean): EXECUTE
revenue_api function public.snooze_lead_followups(uuid,timestamp with time zone,text,timestamp with time zone): EXECUTE
revenue_api function public.start_sequence_for_lead(uuid,uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.save_notification_settings(uuid,jsonb,text,text,text): EXECUTE
revenue_api function public.team_page(timestamp with time zone): EXECUTE
revenue_api columns public.account_api_tokens: INSERT (account_id, name, token_hash)
revenue_api columns public.account_api_tokens: SELECT (account_id, created_at, id, last_used_at, name, revoked_at)
revenue_api columns public.account_api_tokens: UPDATE (revoked_at)
revenue_api columns public.account_provider_credentials: INSERT (account_id, key_id, masked, provider, sealed)
revenue_api columns public.account_provider_credentials: SELECT (account_id, created_at, key_id, masked, provider, updated_at, verified_at, verify_detail, verify_ok)
revenue_api columns public.account_provider_credentials: UPDATE (key_id, masked, sealed, updated_at, verified_at, verify_detail, verify_ok)
revenue_api columns public.account_provider_settings: INSERT (account_id, channel, config, is_default, provider)
revenue_api columns public.account_provider_settings: SELECT (account_id, channel, config, created_at, id, is_default, provider, updated_at)
revenue_api columns public.account_provider_settings: UPDATE (config, is_default, updated_at)
revenue_api columns public.users: SELECT (created_at, display_name, email, id, is_active, last_login_at, updated_at)
revenue_api function brain.halt_outreach(uuid,text,text,timestamp with time zone): EXECUTE
revenue_api function brain.match_lead(uuid,text,text,text,text): EXECUTE
revenue_api function brain.merge_lead(uuid,public.leads): EXECUTE
revenue_api function brain.transition_lead(uuid,text,text,text): EXECUTE
revenue_api function brain.validate_lead_input(jsonb): EXECUTE
revenue_api function lead_hunter.enqueue_craigslist_discover_v1(uuid,text,boolean): EXECUTE
revenue_api function lead_hunter.leadgen_routing_summary(jsonb): EXECUTE
revenue_api function lead_hunter.start_craigslist_v1(uuid,text,boolean,boolean,text,timestamp with time zone): EXECUTE
revenue_api function lead_hunter.stop_craigslist_v1(uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.account_changes_since(uuid,timestamp with time zone,timestamp with time zone): EXECUTE
revenue_api function public.account_people(): EXECUTE
revenue_api function public.archive_campaign(uuid,text): EXECUTE
revenue_api function public.assign_lead(uuid,uuid,uuid,timestamp with time zone): EXECUTE
revenue_api function public.assign_lead_round_robin(uuid,text,uuid): EXECUTE
revenue_api function public.authenticate_api_token(text): EXECUTE
revenue_api function public.autos_set_active(uuid,text,boolean,text): EXECUTE
revenue_api function public.campaign_step_change_impact(uuid,integer): EXECUTE
revenue_api function public.copy_campaign(uuid,text,text,text): EXECUTE
revenue_api function public.create_lead_import(uuid,text,text,integer,text[],jsonb,text,text,text,uuid,timestamp with time zone): EXECUTE
revenue_api function public.dashboard_page(uuid,timestamp with time zone): EXECUTE
revenue_api function public.decide_next_channel_for_lead(uuid,uuid,integer,timestamp with time zone): EXECUTE
revenue_api function public.enroll_leads(uuid,jsonb,boolean,timestamp with time zone): EXECUTE
revenue_api function public.find_or_create_lead(uuid,jsonb): EXECUTE
revenue_api function public.lead_import_status(uuid,integer): EXECUTE
revenue_api function public.lead_page(uuid,timestamp with time zone): EXECUTE
revenue_api function public.lead_timeline(uuid,integer): EXECUTE
revenue_api function public.lift_consent_revocation(uuid,text,text,timestamp with time zone): EXECUTE
revenue_api function public.list_lead_imports(integer): EXECUTE
revenue_api function public.move_campaign_step(uuid,integer,integer,text,boolean): EXECUTE
revenue_api function public.preview_campaign_step(uuid,integer,uuid): EXECUTE
revenue_api function public.provider_credentials_status(): EXECUTE
revenue_api function public.queue_manual_message(uuid,text,text,text,text,timestamp with time zone,text): EXECUTE
revenue_api function public.resolve_campaign(uuid,text): EXECUTE
revenue_api function public.resolve_lead(uuid,text,integer): EXECUTE
revenue_api function public.resume_campaign_lead(uuid,uuid,text,timestamp with time zone): EXECUTE
revenue_api function public.run_cadence(integer,boolean,timestamp with time zone): EXECUTE
revenue_api function public.run_reactivation_orchestrator(integer,boolean,timestamp with time zone): EXECUTE
revenue_api function public.run_touch_orchestrator(integer,boolean,timestamp with time zone): EXECUTE
revenue_api function public.save_campaign(uuid,jsonb,text): EXECUTE
revenue_api function public.save_campaign_step(uuid,integer,jsonb,text,boolean): EXECUTE
revenue_api function public.set_campaign_active(uuid,boolean,text): EXECUTE
revenue_api function public.set_campaigns_active_bulk(uuid,boolean,text): EXECUTE
revenue_api function public.settings_page(): EXECUTE
revenue_api function public.suppress_leads(uuid[],text,text,timestamp with time zone): EXECUTE
revenue_api function public.system_health(): EXECUTE
revenue_api function public.template_variables(): EXECUTE
revenue_api function public.update_appointment_status(uuid,uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_api schema brain: USAGE
revenue_api schema lead_hunter: USAGE
revenue_api schema public: USAGE
revenue_api table lead_hunter.craigslist_tasks_v1: INSERT, SELECT, UPDATE
revenue_api table public.account_events: INSERT, SELECT
revenue_api table public.account_members: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.account_provider_credentials: DELETE
revenue_api table public.account_provider_settings: DELETE
revenue_api table public.accounts: SELECT
revenue_api table public.ai_drafts: SELECT, UPDATE
revenue_api table public.ai_personas: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.analytics_booking_facts: SELECT
revenue_api table public.analytics_daily: SELECT
revenue_api table public.analytics_dirty_leads: SELECT
revenue_api table public.analytics_touch_facts: SELECT
revenue_api table public.appointments: SELECT
revenue_api table public.availability_caches: SELECT
revenue_api table public.booking_attempts: SELECT
revenue_api table public.call_queue: INSERT, SELECT, UPDATE
revenue_api table public.campaign_leads: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.campaign_steps: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.campaigns: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.core_memory_events: INSERT, SELECT
revenue_api table public.email_domain_cache: SELECT
revenue_api table public.inbound_messages: INSERT, SELECT
revenue_api table public.integration_health: SELECT
revenue_api table public.lead_assignment_events: INSERT, SELECT
revenue_api table public.lead_events: INSERT, SELECT
revenue_api table public.lead_import_rejects: SELECT
revenue_api table public.lead_imports: INSERT, SELECT
revenue_api table public.lead_state_transitions: SELECT
revenue_api table public.lead_states: SELECT
revenue_api table public.lead_timers: INSERT, SELECT, UPDATE
revenue_api table public.leads: DELETE, INSERT, SELECT, UPDATE
revenue_api table public.offered_slots: SELECT
revenue_api table public.notification_deliveries: SELECT
revenue_api table public.notification_events: SELECT
revenue_api table public.notification_preferences: SELECT
revenue_api table public.notification_user_settings: SELECT
revenue_api table public.org_settings: SELECT, UPDATE
revenue_api table public.outbound_messages: INSERT, SELECT, UPDATE
revenue_api table public.phone_area_codes: SELECT
revenue_api table public.phone_lookup_cache: SELECT
revenue_api table public.provider_readiness: SELECT
revenue_api table public.sender_addresses: SELECT
revenue_api table public.sender_daily_counts: SELECT
revenue_api table public.sender_rate_state: SELECT
revenue_api table public.sender_reputation: SELECT
revenue_api table public.sender_reputation_events: SELECT
revenue_api table public.sequence_enrollments: SELECT
revenue_api table public.sequence_step_drafts: SELECT
revenue_api table public.sequence_steps: SELECT
revenue_api table public.sequences: SELECT
revenue_api table public.setter_tasks: SELECT
revenue_api table public.suppressions: INSERT, SELECT, UPDATE
revenue_api table public.touch_run_status_transitions: SELECT
revenue_api table public.touch_run_statuses: SELECT
revenue_api table public.touch_runs: INSERT, SELECT, UPDATE
revenue_api table public.webhook_receipts: INSERT, SELECT
revenue_api view lead_hunter.v_craigslist_program_status_v1: SELECT
revenue_api view public.inbox_conversations: SELECT
revenue_api view public.inbox_events: SELECT
revenue_api view public.lead_enriched: SELECT
revenue_api view public.lead_next_action_view_v5: SELECT
revenue_api view public.lead_suppression_status_v1: SELECT
revenue_api view public.multichannel_lead_signals: SELECT
revenue_api view public.v_booking_attribution_v1: SELECT
revenue_api view public.v_campaign_runtime_status_v1: SELECT
revenue_api view public.v_craigslist_ssv_v0: SELECT
revenue_api view public.v_funnel_daily_v1: SELECT
revenue_api view public.v_lead_channel_attempts: SELECT
revenue_api view public.v_lead_reachability_v1: SELECT
revenue_api view public.v_lead_with_enrichment_and_campaign_v1: SELECT
revenue_api view public.v_sequence_enrollments_v1: SELECT
revenue_api view public.v_sender_health_v1: SELECT
revenue_api view public.v_notification_preferences_v1: SELECT
revenue_api view public.v_reactivation_daily_v1: SELECT
revenue_api view public.v_touch_rates_daily_v1: SELECT

-- revenue_ingest: the webhook routes. The ingest functions and two lookups, nothing else.
revenue_ingest columns public.accounts: SELECT (id, slug)
revenue_ingest columns public.org_settings: SELECT (account_id, business_name)
revenue_ingest function public.ingest_booking(uuid,text,text,text,text,text,text,timestamp with time zone,text,timestamp with time zone,text[]): EXECUTE
revenue_ingest function public.ingest_call_status(text,text,text,uuid,text,integer,timestamp with time zone): EXECUTE
revenue_ingest function public.ingest_email_event(text,text,text,text,text,uuid,timestamp with time zone,text[],text): EXECUTE
revenue_ingest function public.ingest_inbound_message(text,text,text,text,text,text,timestamp with time zone,text[]): EXECUTE
revenue_ingest function public.ingest_slack_approval(uuid,uuid,text,text,text,text,timestamp with time zone): EXECUTE
revenue_ingest function public.provider_credentials_sealed(uuid,text): EXECUTE
revenue_ingest function public.ingest_message_status(text,text,text,uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_ingest function public.receive_webhook(uuid,text,text,text,text,text,jsonb,text[]): EXECUTE
revenue_ingest function public.receive_webhooks(jsonb): EXECUTE
revenue_ingest function public.record_voice_call_outcome(text,text,uuid,boolean,integer,text,text,jsonb,timestamp with time zone): EXECUTE
revenue_ingest function public.suppress_lead_channel(uuid,uuid,text,text,text,text,timestamp with time zone): EXECUTE
revenue_ingest function public.voice_call_context(uuid,text,text): EXECUTE
revenue_ingest function public.webhook_account(text,uuid,text,text,text): EXECUTE

-- revenue_login: login, logout, password change, reading and switching a session, invite links: the calls keyed by a session or a token, across accounts.
revenue_login function public.accept_account_invite(text,uuid,timestamp with time zone): EXECUTE
revenue_login function public.accept_account_invite_as_new_user(text,text,text,timestamp with time zone): EXECUTE
revenue_login function public.invite_preview(text,timestamp with time zone): EXECUTE
revenue_login function public.login_begin(text,text,timestamp with time zone): EXECUTE
revenue_login function public.login_finish(bigint,boolean,text,uuid,interval): EXECUTE
revenue_login function public.password_change(uuid,bigint,boolean,text,text): EXECUTE
revenue_login function public.session_accounts(uuid): EXECUTE
revenue_login function public.session_context(uuid): EXECUTE
revenue_login function public.session_revoke(uuid): EXECUTE
revenue_login function public.switch_session_account(uuid,uuid): EXECUTE
revenue_login schema public: USAGE

-- revenue_worker: background jobs and the hunter, across accounts; no secrets.
revenue_worker function brain.ai_draft_plan(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.analytics_booking_facts(uuid,uuid[]): EXECUTE
revenue_worker function brain.analytics_lead_events(uuid,uuid[]): EXECUTE
revenue_worker function brain.analytics_touch_facts(uuid,uuid[]): EXECUTE
revenue_worker function brain.apply_pending_consent(integer): EXECUTE
revenue_worker function brain.availability_cache_state(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.availability_offer(timestamp with time zone[],text,timestamp with time zone): EXECUTE
revenue_worker function brain.begin_reply_understanding(uuid,boolean,timestamp with time zone): EXECUTE
revenue_worker function brain.business_hours_after(timestamp with time zone,integer,text,time without time zone,time without time zone): EXECUTE
revenue_worker function brain.claim_availability_refresh(uuid,timestamp with time zone,boolean): EXECUTE
revenue_worker function brain.claim_booking_attempt(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.claim_lead_enrichments(uuid,integer,interval,integer,timestamp with time zone): EXECUTE
revenue_worker function brain.claim_notification_deliveries(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.claim_notification_digests(timestamp with time zone,integer): EXECUTE
revenue_worker function brain.claim_slack_review(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.claim_touch_rows(uuid,uuid[],text,timestamp with time zone): EXECUTE
revenue_worker function brain.count_daily_sends(uuid,text,text[],integer[],integer,timestamp with time zone): EXECUTE
revenue_worker function brain.consider_auto_booking(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.drain_webhook_receipts(integer,integer,timestamp with time zone): EXECUTE
revenue_worker function brain.email_recipients_problem(uuid,text,text[],jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.integration_config_error(text,text): EXECUTE
revenue_worker function brain.issue_account_invite_token(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.pause_lead_sequences(uuid[],text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.queue_pending_enrichments(timestamp with time zone): EXECUTE
revenue_worker function brain.release_finished_enrichment_holds(timestamp with time zone): EXECUTE
revenue_worker function brain.record_account_invite_email(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_lead_enrichments(uuid,jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.resume_enrollments(uuid[],text,timestamp with time zone): EXECUTE
revenue_worker function brain.run_due_sequence_steps(integer,timestamp with time zone): EXECUTE
revenue_worker function brain.sequence_next_step(uuid,uuid,integer,timestamp with time zone,timestamp with time zone,timestamp with time zone): EXECUTE
revenue_worker function brain.start_no_response_sequences(integer,timestamp with time zone): EXECUTE
revenue_worker function brain.start_sequence(uuid,uuid,text,text,timestamp with time zone,uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.match_offered_slot(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.queue_due_availability_refreshes(timestamp with time zone): EXECUTE
revenue_worker function brain.record_account_invite_email(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_appointment(uuid,uuid,timestamp with time zone,timestamp with time zone,text,text,text,text,text,text,uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.record_availability(uuid,timestamp with time zone[],text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_booking_result(uuid,boolean,text,text,text,timestamp with time zone,boolean): EXECUTE
revenue_worker function brain.record_offered_slots(uuid,uuid[],timestamp with time zone): EXECUTE
revenue_worker function brain.request_availability(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.set_appointment_status(uuid,text,text,text,timestamp with time zone,boolean): EXECUTE
revenue_worker function brain.notification_default_delivery(text,text,text): EXECUTE
revenue_worker function brain.notification_digests_due(timestamp with time zone): EXECUTE
revenue_worker function brain.notification_email_sender(uuid): EXECUTE
revenue_worker function brain.record_account_invite_email(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_dispatch_integration_health(jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.record_integration_health(uuid,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_notification_delivery(uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_sender_event(uuid,uuid,text,timestamp with time zone): EXECUTE
revenue_worker function public.notification_event_kinds(): EXECUTE
revenue_worker function brain.refresh_analytics(integer): EXECUTE
revenue_worker function brain.refresh_analytics_leads(uuid,uuid[]): EXECUTE
revenue_worker function brain.take_analytics_dirty_leads(integer): EXECUTE
revenue_worker table public.account_invites: SELECT, UPDATE
revenue_worker columns public.account_provider_credentials: SELECT (account_id, created_at, key_id, masked, provider, updated_at, verified_at, verify_detail, verify_ok)
revenue_worker columns public.account_provider_credentials: UPDATE (verified_at, verify_detail, verify_ok)
revenue_worker columns public.account_provider_settings: SELECT (account_id, channel, config, created_at, id, is_default, provider, updated_at)
revenue_worker columns public.inbound_messages: UPDATE (classified_at, sentiment_confidence, sentiment_reason, sentiment_source, sentiment_tag)
revenue_worker columns public.users: SELECT (created_at, display_name, email, id, is_active, last_login_at, updated_at)
revenue_worker function brain.claim_touch(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.claim_touches(uuid,integer,text,timestamp with time zone): EXECUTE
revenue_worker function brain.finish_lead_import(uuid,integer,text,timestamp with time zone): EXECUTE
revenue_worker function brain.halt_outreach(uuid,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.mark_stale_sending(interval,timestamp with time zone): EXECUTE
revenue_worker function brain.match_lead(uuid,text,text,text,text): EXECUTE
revenue_worker function brain.merge_lead(uuid,public.leads): EXECUTE
revenue_worker function brain.queue_transactional_reply(uuid,uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.queue_due_dispatch(timestamp with time zone): EXECUTE
revenue_worker function brain.read_lead_import_content(uuid,integer,integer): EXECUTE
revenue_worker function brain.record_ai_draft(uuid,text,text,real,text,text,boolean,timestamp with time zone): EXECUTE
revenue_worker function brain.record_inbound_post_process(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.record_lead_import_chunk(uuid,integer,integer,jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.record_reply_sentiment(uuid,text,text,text,real,timestamp with time zone,boolean): EXECUTE
revenue_worker function brain.record_slack_review(uuid,text,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_touch_outcome(uuid,text,text,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.record_touch_outcome_rows(jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.record_touch_outcomes(jsonb,timestamp with time zone): EXECUTE
revenue_worker function brain.replace_ai_draft(uuid,text,text,real,text,text,timestamp with time zone): EXECUTE
revenue_worker function brain.reply_transcript(uuid,timestamp with time zone,integer): EXECUTE
revenue_worker function brain.reslot_touch(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function brain.refresh_lead_priorities(timestamp with time zone,integer): EXECUTE
revenue_worker function brain.retry_webhook_receipt(text,text): EXECUTE
revenue_worker function brain.route_touch(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.run_due_timers(integer,timestamp with time zone): EXECUTE
revenue_worker function brain.slack_review_state(uuid): EXECUTE
revenue_worker function brain.start_lead_import(uuid,timestamp with time zone): EXECUTE
revenue_worker function brain.tag_replies_by_rules(uuid[],timestamp with time zone): EXECUTE
revenue_worker function brain.transition_lead(uuid,text,text,text): EXECUTE
revenue_worker function brain.transition_leads(uuid[],text,text,text): EXECUTE
revenue_worker function brain.validate_lead_input(jsonb): EXECUTE
revenue_worker function lead_hunter.claim_craigslist_task_v1(text,interval,timestamp with time zone): EXECUTE
revenue_worker function lead_hunter.complete_detail_v1(uuid,text,jsonb,timestamp with time zone): EXECUTE
revenue_worker function lead_hunter.complete_discover_v1(uuid,text,jsonb,timestamp with time zone): EXECUTE
revenue_worker function lead_hunter.enqueue_craigslist_discover_v1(uuid,text,boolean): EXECUTE
revenue_worker function lead_hunter.fail_task_v1(uuid,text,text,timestamp with time zone): EXECUTE
revenue_worker function lead_hunter.leadgen_routing_summary(jsonb): EXECUTE
revenue_worker function lead_hunter.release_task_v1(uuid,text): EXECUTE
revenue_worker function lead_hunter.start_craigslist_v1(uuid,text,boolean,boolean,text,timestamp with time zone): EXECUTE
revenue_worker function lead_hunter.stop_craigslist_v1(uuid,text,timestamp with time zone): EXECUTE
revenue_worker function private.analyze_leads(boolean): EXECUTE
revenue_worker function private.queue_touch_dispatch(uuid,timestamp with time zone): EXECUTE
revenue_worker function public.approve_ai_draft(uuid,text,uuid,text,text,uuid,timestamp with time zone): EXECUTE
revenue_worker function public.assign_lead(uuid,uuid,uuid,timestamp with time zone): EXECUTE
revenue_worker function public.assign_lead_round_robin(uuid,text,uuid): EXECUTE
revenue_worker function public.autos_set_active(uuid,text,boolean,text): EXECUTE
revenue_worker function public.decide_next_channel_for_lead(uuid,uuid,integer,timestamp with time zone): EXECUTE
revenue_worker function public.enroll_leads(uuid,jsonb,boolean,timestamp with time zone): EXECUTE
revenue_worker function public.find_or_create_lead(uuid,jsonb): EXECUTE
revenue_worker function public.ingest_booking(uuid,text,text,text,text,text,text,timestamp with time zone,text,timestamp with time zone,text[]): EXECUTE
revenue_worker function public.ingest_call_status(text,text,text,uuid,text,integer,timestamp with time zone): EXECUTE
revenue_worker function public.ingest_email_event(text,text,text,text,text,uuid,timestamp with time zone,text[],text): EXECUTE
revenue_worker function public.ingest_inbound_message(text,text,text,text,text,text,timestamp with time zone,text[]): EXECUTE
revenue_worker function public.ingest_message_status(text,text,text,uuid,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function public.lead_timeline(uuid,integer): EXECUTE
revenue_worker function public.lift_consent_revocation(uuid,text,text,timestamp with time zone): EXECUTE
revenue_worker function public.provider_credentials_sealed(uuid,text): EXECUTE
revenue_worker function public.queue_manual_message(uuid,text,text,text,text,timestamp with time zone,text): EXECUTE
revenue_worker function public.record_voice_call_outcome(text,text,uuid,boolean,integer,text,text,jsonb,timestamp with time zone): EXECUTE
revenue_worker function public.reject_ai_draft(uuid,text,uuid,text,timestamp with time zone): EXECUTE
revenue_worker function public.resume_campaign_lead(uuid,uuid,text,timestamp with time zone): EXECUTE
revenue_worker function public.run_cadence(integer,boolean,timestamp with time zone): EXECUTE
revenue_worker function public.run_reactivation_orchestrator(integer,boolean,timestamp with time zone): EXECUTE
revenue_worker function public.run_touch_orchestrator(integer,boolean,timestamp with time zone): EXECUTE
revenue_worker function public.set_campaign_active(uuid,boolean,text): EXECUTE
revenue_worker function public.set_campaigns_active_bulk(uuid,boolean,text): EXECUTE
revenue_worker function public.suppress_lead_channel(uuid,uuid,text,text,text,text,timestamp with time zone): EXECUTE
revenue_worker function public.suppress_leads(uuid[],text,text,timestamp with time zone): EXECUTE
revenue_worker function public.template_variables(): EXECUTE
revenue_worker function public.voice_call_context(uuid,text,text): EXECUTE
revenue_worker function public.webhook_account(text,uuid,text,text,text): EXECUTE
revenue_worker schema brain: USAGE
revenue_worker schema lead_hunter: USAGE
revenue_worker schema private: USAGE
revenue_worker schema public: USAGE
revenue_worker table lead_hunter.craigslist_tasks_v1: INSERT, SELECT, UPDATE
revenue_worker table public.account_events: INSERT, SELECT
revenue_worker table public.account_members: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.accounts: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.ai_drafts: INSERT, SELECT, UPDATE
revenue_worker table public.ai_personas: SELECT
revenue_worker table public.analytics_booking_facts: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.analytics_daily: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.analytics_dirty_leads: DELETE, SELECT
revenue_worker table public.analytics_touch_facts: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.appointments: INSERT, SELECT, UPDATE
revenue_worker table public.availability_caches: INSERT, SELECT, UPDATE
revenue_worker table public.booking_attempts: INSERT, SELECT, UPDATE
revenue_worker table public.call_queue: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.campaign_leads: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.campaign_steps: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.campaigns: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.core_memory_events: INSERT, SELECT
revenue_worker table public.email_domain_cache: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.inbound_messages: INSERT, SELECT
revenue_worker table public.integration_health: SELECT
revenue_worker table public.lead_assignment_events: INSERT, SELECT
revenue_worker table public.lead_events: INSERT, SELECT
revenue_worker table public.lead_import_rejects: INSERT, SELECT
revenue_worker table public.lead_imports: SELECT, UPDATE
revenue_worker table public.lead_state_transitions: SELECT
revenue_worker table public.lead_states: SELECT
revenue_worker table public.lead_timers: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.leads: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.offered_slots: INSERT, SELECT, UPDATE
revenue_worker table public.notification_deliveries: SELECT, UPDATE
revenue_worker table public.notification_events: SELECT
revenue_worker table public.notification_preferences: SELECT
revenue_worker table public.notification_user_settings: SELECT
revenue_worker table public.org_settings: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.outbound_messages: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.phone_area_codes: SELECT
revenue_worker table public.phone_lookup_cache: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.provider_readiness: INSERT, SELECT, UPDATE
revenue_worker table public.sender_addresses: SELECT
revenue_worker table public.sender_daily_counts: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.sender_rate_state: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.sender_reputation: INSERT, SELECT, UPDATE
revenue_worker table public.sender_reputation_events: INSERT, SELECT
revenue_worker table public.sequence_enrollments: INSERT, SELECT, UPDATE
revenue_worker table public.sequence_step_drafts: INSERT, SELECT, UPDATE
revenue_worker table public.sequence_steps: INSERT, SELECT, UPDATE
revenue_worker table public.sequences: INSERT, SELECT, UPDATE
revenue_worker table public.setter_tasks: INSERT, SELECT, UPDATE
revenue_worker table public.suppressions: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.touch_run_status_transitions: SELECT
revenue_worker table public.touch_run_statuses: SELECT
revenue_worker table public.touch_runs: DELETE, INSERT, SELECT, UPDATE
revenue_worker table public.webhook_receipts: INSERT, SELECT
revenue_worker table public.worker_heartbeats: SELECT
revenue_worker view lead_hunter.v_craigslist_program_status_v1: SELECT
revenue_worker view public.inbox_conversations: SELECT
revenue_worker view public.inbox_events: SELECT
revenue_worker view public.lead_enriched: SELECT
revenue_worker view public.lead_next_action_view_v5: SELECT
revenue_worker view public.lead_suppression_status_v1: SELECT
revenue_worker view public.multichannel_lead_signals: SELECT
revenue_worker view public.v_booking_attribution_v1: SELECT
revenue_worker view public.v_campaign_runtime_status_v1: SELECT
revenue_worker view public.v_craigslist_ssv_v0: SELECT
revenue_worker view public.v_funnel_daily_v1: SELECT
revenue_worker view public.v_lead_channel_attempts: SELECT
revenue_worker view public.v_lead_reachability_v1: SELECT
revenue_worker view public.v_lead_with_enrichment_and_campaign_v1: SELECT
revenue_worker view public.v_sequence_enrollments_v1: SELECT
revenue_worker view public.v_sender_health_v1: SELECT
revenue_worker view public.v_reactivation_daily_v1: SELECT
revenue_worker view public.v_touch_rates_daily_v1: SELECT

-- Functions that run with their owner's rights (public, brain, private, lead_hunter).
security definer brain.apply_pending_consent(integer)
security definer brain.availability_cache_state(uuid,timestamp with time zone)
security definer brain.consider_auto_booking(uuid,timestamp with time zone)
security definer brain.drain_webhook_receipts(integer,integer,timestamp with time zone)
security definer brain.pause_lead_sequences(uuid[],text,text,timestamp with time zone)
security definer brain.queue_pending_enrichments(timestamp with time zone)
security definer brain.release_finished_enrichment_holds(timestamp with time zone)
security definer brain.resume_enrollments(uuid[],text,timestamp with time zone)
security definer brain.queue_due_availability_refreshes(timestamp with time zone)
security definer brain.request_availability(uuid,timestamp with time zone)
revenue_worker view public.v_notification_preferences_v1: SELECT

-- Functions that run with their owner's rights (public, brain, private, lead_hunter).
security definer brain.apply_pending_consent(integer)
security definer brain.claim_notification_deliveries(uuid,timestamp with time zone)
security definer brain.claim_notification_digests(timestamp with time zone,integer)
security definer brain.drain_webhook_receipts(integer,integer,timestamp with time zone)
security definer brain.record_dispatch_integration_health(jsonb,timestamp with time zone)
security definer brain.record_integration_health(uuid,text,text,timestamp with time zone)
security definer brain.record_notification_delivery(uuid,text,text,text,timestamp with time zone)
security definer brain.record_sender_event(uuid,uuid,text,timestamp with time zone)
security definer brain.retry_webhook_receipt(text,text)
security definer private.queue_enrichment(uuid[],boolean)
security definer private.tg_ai_drafts__notify()
security definer private.tg_ai_drafts__queue_review()
security definer private.tg_appointments__sequences()
security definer private.tg_inbound_messages__meeting_requested()
security definer private.tg_leads__pause_sequences()
security definer private.tg_leads__queue_enrichment()
security definer private.tg_suppressions__pause_sequences()
security definer private.tg_appointments__notify()
security definer private.tg_inbound_messages__notify()
security definer private.tg_notification_events__fan_out()
security definer private.tg__analytics_dirty_lead()
security definer private.tg_ai_drafts__queue_review()
security definer private.tg_org_settings__analytics_time_zone()
security definer private.tg_touch_runs__ai_draft_sent()
security definer private.tg_touch_runs__resume_sequences()
security definer private.tg_touch_runs__sequence_outcome()
security definer public.accept_account_invite(text,uuid,timestamp with time zone)
security definer public.accept_account_invite_as_new_user(text,text,text,timestamp with time zone)
security definer public.approve_sequence_draft(uuid,text,text,text,timestamp with time zone)
security definer public.archive_sequence(uuid,text,timestamp with time zone)
security definer public.cancel_sequence_enrollment(uuid,text,timestamp with time zone)
security definer public.change_member_role(uuid,uuid,text)
security definer public.complete_setter_task(uuid,uuid,text,timestamp with time zone)
security definer public.create_account_invite(uuid,text,text,text,timestamp with time zone)
security definer public.ingest_slack_approval(uuid,uuid,text,text,text,text,timestamp with time zone)
security definer public.invite_preview(text,timestamp with time zone)
security definer public.mark_notifications_read(uuid,uuid[],timestamp with time zone)
security definer public.receive_webhook(uuid,text,text,text,text,text,jsonb,text[])
security definer public.receive_webhooks(jsonb)
security definer public.reject_sequence_draft(uuid,text,text,timestamp with time zone)
security definer public.remove_account_member(uuid,uuid,timestamp with time zone)
security definer public.resume_sequence_enrollment(uuid,text,timestamp with time zone)
security definer public.resume_sender(uuid,text,text)
security definer public.revoke_account_invite(uuid,uuid,timestamp with time zone)
security definer public.save_sequence(uuid,jsonb,text)
security definer public.save_notification_settings(uuid,jsonb,text,text,text)
security definer public.session_accounts(uuid)
security definer public.set_lead_auto_followups(uuid,boolean,text,timestamp with time zone)
security definer public.set_sequence_active(uuid,boolean,text)
security definer public.set_sender_already_warm(uuid,text,text,boolean)
security definer public.snooze_lead_followups(uuid,timestamp with time zone,text,timestamp with time zone)
security definer public.start_sequence_for_lead(uuid,uuid,text,timestamp with time zone)
security definer public.switch_session_account(uuid,uuid)
security definer public.team_page(timestamp with time zone)
security definer private.analyst_account_id()
security definer private.analyze_leads(boolean)
security definer private.queue_touch_dispatch(uuid,timestamp with time zone)
security definer private.tg_account_provider_settings__sync_sender_addresses()
security definer private.tg_inbound_messages__enqueue_post_process()
security definer private.tg_lead_imports__enqueue_import()
security definer private.tg_leads__release_enrichment_hold()
security definer private.tg_touch_runs__enqueue_dispatch()
security definer public.account_people()
security definer public.authenticate_api_token(text)
security definer public.engine_activity_summary(timestamp with time zone,timestamp with time zone)
security definer public.ingest_booking(uuid,text,text,text,text,text,text,timestamp with time zone,text,timestamp with time zone,text[])
security definer public.ingest_call_status(text,text,text,uuid,text,integer,timestamp with time zone)
security definer public.ingest_email_event(text,text,text,text,text,uuid,timestamp with time zone,text[],text)
security definer public.ingest_inbound_message(text,text,text,text,text,text,timestamp with time zone,text[])
security definer public.ingest_message_status(text,text,text,uuid,text,text,text,timestamp with time zone)
security definer public.provider_credentials_sealed(uuid,text)
security definer public.record_voice_call_outcome(text,text,uuid,boolean,integer,text,text,jsonb,timestamp with time zone)
security definer public.login_begin(text,text,timestamp with time zone)
security definer public.login_finish(bigint,boolean,text,uuid,interval)
security definer public.password_change(uuid,bigint,boolean,text,text)
security definer public.session_context(uuid)
security definer public.session_revoke(uuid)
security definer public.suppress_lead_channel(uuid,uuid,text,text,text,text,timestamp with time zone)
security definer public.system_health()
security definer public.update_appointment_status(uuid,uuid,text,text,text,timestamp with time zone)
security definer public.voice_call_context(uuid,text,text)
security definer public.webhook_account(text,uuid,text,text,text)
$expected$, E'\n') l
where pg_catalog.btrim(l) <> '' and l !~ '^\s*--';

create temp table actual_privileges (item) on commit drop as
with roles (role_oid, grantee) as (
  select r.oid, r.rolname::text from pg_catalog.pg_roles r
  where r.rolname in ('revenue_api', 'revenue_analyst', 'revenue_worker', 'revenue_ingest', 'revenue_login')
  union all select 0::oid, 'PUBLIC'
),
ours (nspname) as (values ('public'), ('brain'), ('private'), ('lead_hunter')),
acl (schema, kind, object, detail, grantee_oid, privilege) as (
  select n.nspname::text, 'schema', n.nspname::text, '', a.grantee, a.privilege_type
  from pg_catalog.pg_namespace n cross join lateral pg_catalog.aclexplode(n.nspacl) a
  union all
  select n.nspname::text,
         case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
         n.nspname || '.' || c.relname, '', a.grantee, a.privilege_type
  from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  cross join lateral pg_catalog.aclexplode(c.relacl) a
  union all
  select n.nspname::text, 'columns', n.nspname || '.' || c.relname, att.attname::text, a.grantee, a.privilege_type
  from pg_catalog.pg_attribute att join pg_catalog.pg_class c on c.oid = att.attrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  cross join lateral pg_catalog.aclexplode(att.attacl) a
  where att.attnum > 0 and not att.attisdropped
  union all
  select n.nspname::text, 'function', p.oid::regprocedure::text, '', a.grantee, a.privilege_type
  from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  cross join lateral pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
  union all
  select coalesce(n.nspname::text, ''), 'default privileges on ' || d.defaclobjtype::text || ' in',
         coalesce(n.nspname::text, 'every schema'), '', a.grantee, a.privilege_type
  from pg_catalog.pg_default_acl d left join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace
  cross join lateral pg_catalog.aclexplode(d.defaclacl) a
),
mine as (
  select r.grantee, acl.kind, acl.object, acl.detail, acl.privilege
  from acl join roles r on r.role_oid = acl.grantee_oid
  where acl.schema not in ('pg_catalog', 'information_schema', 'pg_toast', 'tap', 'tests')
    and (r.grantee <> 'PUBLIC' or acl.schema in (select nspname from ours))
)
select grantee || ' ' || kind || ' ' || object || ': ' || string_agg(privilege, ', ' order by privilege)
from mine where kind <> 'columns' group by grantee, kind, object
union all
select grantee || ' columns ' || object || ': ' || privilege || ' (' || string_agg(detail, ', ' order by detail) || ')'
from mine where kind = 'columns' group by grantee, object, privilege
union all
select 'security definer ' || p.oid::regprocedure::text
from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
where p.prosecdef and n.nspname in (select nspname from ours)
order by 1;

-- TEST: nothing beyond the list.
select is(
  (select E'\n' || pg_catalog.string_agg(item, E'\n' order by item)
   from (select item from actual_privileges except select item from expected_privileges) x),
  null,
  'no privilege or security definer function beyond the expected list (have: what is granted but not listed)');

-- TEST: nothing on the list is missing.
select is(
  (select E'\n' || pg_catalog.string_agg(item, E'\n' order by item)
   from (select item from expected_privileges except select item from actual_privileges) x),
  null,
  'every privilege and security definer function on the list exists (have: what is listed but not granted)');

-- TEST: the application roles never hold the privileges that reach past the rows.
select is_empty(
  $$select item from actual_privileges where item ~ '(TRUNCATE|REFERENCES|TRIGGER|CREATE)'$$,
  'no application role may truncate, reference, add triggers or create objects');

-- TEST: the roles themselves: no login, no attribute that passes by the grants, no other role's rights.
select is_empty(
  $$select r.rolname || case when r.rolcanlogin then ' can log in' when r.rolsuper then ' is a superuser'
                            when r.rolbypassrls then ' bypasses row-level security' when r.rolcreaterole then ' creates roles'
                            when r.rolcreatedb then ' creates databases' when r.rolreplication then ' replicates'
                            else ' is a member of ' || (select string_agg(g.rolname, ', ') from pg_catalog.pg_auth_members m
                                                        join pg_catalog.pg_roles g on g.oid = m.roleid where m.member = r.oid) end
    from pg_catalog.pg_roles r
    where r.rolname in ('revenue_api', 'revenue_analyst', 'revenue_worker', 'revenue_ingest', 'revenue_login')
      and (r.rolcanlogin or r.rolsuper or r.rolbypassrls or r.rolcreaterole or r.rolcreatedb or r.rolreplication
           or exists (select 1 from pg_catalog.pg_auth_members m where m.member = r.oid))$$,
  'the application roles cannot log in, bypass nothing and hold no other role');

select * from finish();
rollback;
