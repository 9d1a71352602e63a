create or replace function brain.lead_reachable(p_channel text, p_phone text, p_email text)
returns boolean
language sql
immutable
parallel safe
as $$
  select case p_channel
    when 'email' then p_email is not null
    when 'voice' then p_phone is not null
    when 'sms' then p_phone is not null
    when 'whatsapp' then p_phone is not null
    else false
  end
$$;

comment on function brain.lead_reachable(text, text, text) is
  'True when the lead has the address a channel needs: a phone for voice, sms and whatsapp; an email for email.';
