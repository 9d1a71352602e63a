create or replace view public.lead_next_action_view_v5
with (security_invoker = true) as
select * from brain.lead_next_action_at(now());

comment on view public.lead_next_action_view_v5 is
$c$One row per lead: what the Lead Brain decides next. For another moment use brain.lead_next_action_at(p_now). Rules, first match wins:
1. stop_all: the lead is unsubscribed (lead_suppression_status_v1), lead_state is suppressed or closed, or a stop event (do_not_contact, or appointment_booked not canceled) is recorded.
2. a pending touch: the lead has a touch_runs row in status scheduled or queued (the earliest by scheduled_at), outside a negative cooldown unless the touch is transactional. It is what goes next, so it is reported before any campaign step: next_action send (reactivate for a reactivation touch), next_action_at the start of the send window at or after its scheduled_at (a transactional touch: its scheduled_at, or now when overdue), recommended_channel and effective_channel its channel, campaign_id its campaign (null outside a campaign), reason touch_scheduled:<touch_runs.id> or touch_queued:<touch_runs.id>. A touch brain.claim_touch would cancel on sight does not count (campaign off, enrollment neither active nor completed, a campaign touch to a dead lead, an archived lead, channel suppressed or not ready, no address); nor does a touch created after p_now.
3. stop_all: lead_state is dead and it is not due for reactivation (rule 6).
4. cooldown: a negative reply's cooldown runs; next_action_at is its end.
5. send: nothing pending, and enrolled (campaign_leads.status active) in an active campaign with a pending step (campaign_steps.step = current_step) and a usable channel; next_action_at is the start of the send window at or after the step's due time (next_step_at); recommended_channel is the step's channel; effective_channel the first usable channel of its fallback plan starting there (provider ready, lead reachable, attempts left).
6. reactivate: not enrolled in any active campaign, touched before, no inbound reply since the last touch, and now >= reactivation_eligible_at; channel order voice, whatsapp, sms, email. Dead leads come back through this rule.
7. do_nothing otherwise (reason says why).
priority_score (0-100) = lead_states.priority_weight (high_intent 70 ... suppressed 0) + engagement (sum of score_delta over the last 30 days, each weighted e^(-age/10 days), clamped to -20..20) + 10 when the lead is "gold" (a mobile phone and an email known), clamped to 0..100.$c$;
comment on column public.lead_next_action_view_v5.lead_id is 'The lead.';
comment on column public.lead_next_action_view_v5.account_id is 'Owning account.';
comment on column public.lead_next_action_view_v5.campaign_id is 'Campaign of the pending touch when one is reported (rule 2; null for a touch outside a campaign); otherwise the campaign whose pending step is due first, when the lead is enrolled in an active campaign.';
comment on column public.lead_next_action_view_v5.lead_state is 'Lifecycle state.';
comment on column public.lead_next_action_view_v5.priority_score is 'Priority 0-100: state weight + decayed 30-day engagement + gold boost (see the view comment).';
comment on column public.lead_next_action_view_v5.next_action is 'stop_all, cooldown, send, reactivate or do_nothing.';
comment on column public.lead_next_action_view_v5.next_action_at is 'When the action should happen: for a pending touch, when dispatch will send it (null for stop_all and do_nothing).';
comment on column public.lead_next_action_view_v5.recommended_action is 'Alias of next_action, for existing code paths.';
comment on column public.lead_next_action_view_v5.recommended_delay_minutes is 'Minutes from now until next_action_at (0 when due).';
comment on column public.lead_next_action_view_v5.recommended_channel is 'Channel the plan asks for: the pending touch''s channel, the pending step''s channel, or the first reachable reactivation channel.';
comment on column public.lead_next_action_view_v5.effective_channel is 'Channel that will actually be used: the pending touch''s channel, or the step''s after the fallback matrix and provider readiness.';
comment on column public.lead_next_action_view_v5.reason is 'Which rule decided, machine-readable: unsubscribed:<why>, lead_state:<state>, stop_event:<type>, touch_scheduled:<touch_runs.id>, touch_queued:<touch_runs.id>, negative_cooldown, campaign_step_pending, reactivation_due, no_ready_channel, no_pending_step, never_touched, replied_since_last_touch, reactivation_not_due.';
comment on column public.lead_next_action_view_v5.lead_name is 'First and last name.';

grant select on public.lead_next_action_view_v5 to revenue_api, revenue_analyst, revenue_worker;
