-- Whether a channel can reach a lead's address, decided before anything is sent: the
-- dispatch path never learns after the claim that a phone was unusable.
--
-- The one reachability rule (issue 19): the claim (brain.claim_touch_rows), the touch
-- orchestrator, the fallback matrix (brain.fallback_plan) and public.v_lead_reachability_v1
-- all ask this function, with what enrichment learned about the lead's phone and email,
-- so they cannot disagree. language sql with no SET clause (every name qualified) so the
-- planner inlines it into those queries. Each channel is judged on its own: an invalid phone does not
-- stop email, a bounced email does not stop texts.
create or replace function brain.address_problem(
  p_channel text,
  p_phone text,
  p_email text,
  p_phone_line_type text,
  p_phone_status text default null,
  p_email_status text default null,
  p_email_is_role boolean default false,
  p_email_is_disposable boolean default false,
  p_allow_role_address boolean default true
)
returns text
language sql
immutable
parallel safe
as $$
  select case
    when not brain.lead_reachable(p_channel, p_phone, p_email) then 'unreachable'
    when p_channel in ('sms', 'whatsapp', 'voice') and p_phone_status = 'invalid' then 'phone_invalid'
    when p_channel in ('sms', 'whatsapp', 'voice') and p_phone_status = 'disconnected' then 'phone_disconnected'
    when p_channel in ('sms', 'whatsapp') and p_phone_line_type = 'landline' then 'phone_not_mobile'
    when p_channel = 'email' and p_email_status = 'invalid_syntax' then 'email_invalid_syntax'
    when p_channel = 'email' and p_email_status = 'no_mx' then 'email_no_mx'
    when p_channel = 'email' and p_email_status = 'hard_bounced' then 'email_hard_bounced'
    when p_channel = 'email' and p_email_is_disposable then 'email_disposable'
    when p_channel = 'email' and p_email_is_role and not coalesce(p_allow_role_address, false) then 'email_role_address'
  end
$$;

comment on function brain.address_problem(text, text, text, text, text, text, boolean, boolean, boolean) is
  'Why a channel cannot reach a lead''s address, or null when it can (the one reachability rule: the claim, the touch orchestrator, brain.fallback_plan and v_lead_reachability_v1 ask it). In this order: unreachable (no address for the channel: a phone for sms, whatsapp and voice, an email for email; brain.lead_reachable); phone_invalid / phone_disconnected (leads.phone_status from enrichment: every phone channel); phone_not_mobile (sms or whatsapp to a phone known to be a landline, leads.phone_line_type; mobile, voip and unknown are tried; voice to a landline is fine); email_invalid_syntax / email_no_mx / email_hard_bounced (leads.email_status); email_disposable (a disposable-mail domain: never emailed); email_role_address (a role mailbox such as info@, when p_allow_role_address is false: a campaign touch of a campaign without campaigns.allow_role_addresses; a touch outside campaigns, a person''s message or a reply, passes true). Unknown statuses (not checked yet, or inconclusive) are tried. A carrier-required transactional reply passes only the addresses (it answers a message the lead just sent). A phone is always E.164 (the e164_phone domain), so its shape is never the problem. brain.claim_touch cancels with this reason before any outbound_messages row exists.';
