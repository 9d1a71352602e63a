-- Whether a channel can reach a lead's address, decided before anything is sent: the
-- dispatch path never learns after the claim that a phone was unusable.
create or replace function brain.address_problem(
  p_channel text,
  p_phone text,
  p_email text,
  p_phone_line_type text
)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when not brain.lead_reachable(p_channel, p_phone, p_email) then 'unreachable'
    when p_channel in ('sms', 'whatsapp') and p_phone_line_type = 'landline' then 'phone_not_mobile'
  end
$$;

comment on function brain.address_problem(text, text, text, text) is
  'Why a channel cannot reach a lead''s address, or null when it can: unreachable (no address for the channel: a phone for sms, whatsapp and voice, an email for email; brain.lead_reachable), phone_not_mobile (sms or whatsapp to a phone known to be a landline, leads.phone_line_type; mobile, voip and unknown are tried). A phone is always E.164 (the e164_phone domain), so its shape is never the problem. brain.claim_touch cancels with this reason before any outbound_messages row exists.';
