create or replace view public.lead_suppression_status_v1
with (security_invoker = true) as
select * from brain.lead_suppression_status_at(now());

comment on view public.lead_suppression_status_v1 is
  'One row per lead: may it be contacted, and if not why. For another moment use brain.lead_suppression_status_at(p_now).';
comment on column public.lead_suppression_status_v1.lead_id is 'The lead.';
comment on column public.lead_suppression_status_v1.account_id is 'Owning account.';
comment on column public.lead_suppression_status_v1.is_unsubscribed is
  'True when the lead must not be contacted on any channel: an email unsubscribe or an all-channels revocation ("stop all", "don''t email me either") received and not undone by START or an operator''s lift, or status / lead_state is suppressed. A revocation by SMS or WhatsApp blocks only the phone''s channels: see suppressed_channels.';
comment on column public.lead_suppression_status_v1.suppression_reason is
  'Why: lead_state_suppressed, status_suppressed, opt_out:<channel>, unsubscribe:<channel>, suppression:<reason>, channel_suppression:<reason>; null when nothing applies.';
comment on column public.lead_suppression_status_v1.suppressed_channels is 'Channels the lead may not be contacted on: all four when is_unsubscribed; voice, sms and whatsapp after a revocation by text or a wrong number (until START or an operator''s lift); a channel suppressions entry''s channel (an email bounce).';
comment on column public.lead_suppression_status_v1.in_negative_cooldown is 'True while a negative reply''s cooldown runs.';
comment on column public.lead_suppression_status_v1.negative_cooldown_until is 'End of the cooldown started by the last negative reply (org_settings.negative_cooldown_days, default 30).';
comment on column public.lead_suppression_status_v1.stop_event is 'do_not_contact or appointment_booked when one is recorded; these stop all outreach.';
comment on column public.lead_suppression_status_v1.last_touch_at is 'Time of the last touch_sent memory event.';
comment on column public.lead_suppression_status_v1.last_inbound_at is 'Time of the last inbound memory event (a reply, an answered call).';
comment on column public.lead_suppression_status_v1.reactivation_eligible_at is
  'When reactivation may start: last touch plus org_settings.reactivation_after_days (default 45), if the lead has not replied since; else null.';

grant select on public.lead_suppression_status_v1 to revenue_api, revenue_analyst, revenue_worker;
