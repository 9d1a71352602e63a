-- Demo account for `make run`: one outbound campaign with steps on four
-- channels, 300 fictional leads enrolled in it, and the sink provider (records,
-- sends nothing) on every channel, with numbers per persona. Leads are spread
-- over five markets (Miami, Los Angeles, Honolulu, Bogotá, Madrid) whose send
-- windows together cover the whole day, so touches flow whenever the demo runs.
-- Cooldowns are minutes, not days, so the fallback matrix is visible quickly.
-- Runs once: it does nothing when the `demo` account already exists.
do $$
declare
  v_account uuid;
  v_campaign uuid;
  v_fallback jsonb := '{
    "order": ["sms", "voice", "whatsapp", "email"],
    "max_attempts": {"sms": 1, "voice": 1, "whatsapp": 1, "email": 1},
    "cooldown_minutes": {"sms": 2, "voice": 2, "whatsapp": 2, "email": 2}
  }';
  v_senders jsonb := '{"senders": [
    {"address": "+13055550101", "persona": "initial"},
    {"address": "+13055550102", "persona": "initial"},
    {"address": "+13055550103", "persona": "nudge"},
    {"address": "+13055550104", "persona": "booking"}
  ]}';
begin
  if exists (select 1 from public.accounts where slug = 'demo') then
    return;
  end if;

  insert into public.accounts (name, slug) values ('Demo Motors', 'demo') returning id into v_account;

  update public.org_settings set
    business_name = 'Demo Motors',
    contact_email = 'sales@demo-motors.example.com',
    contact_phone = '+13055550100',
    timezone = 'America/New_York',
    leadgen_routing = '{"dealer_address": "100 Biscayne Blvd, Miami, FL", "radius_miles": 25, "city_fallback": "miami", "active": false}'
  where account_id = v_account;

  insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
  select v_account, c, 'sink', true, case when c = 'email' then '{"daily_cap": 500}'::jsonb else v_senders end
  from unnest(array['sms', 'voice', 'whatsapp', 'email']) as c;

  insert into public.campaigns (account_id, campaign_key, name, description, is_active)
  values (v_account, 'autos_outbound_miami', 'Autos outbound — Miami',
          'Private sellers found in Miami: text first, then call, WhatsApp and email.', true)
  returning id into v_campaign;

  insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, template_key, subject, body) values
    (v_account, v_campaign, 1, 'sms', 0, v_fallback, 'autos_intro_sms_v1', null,
     'Hi {{first_name}}, this is Demo Motors. Is your car still for sale? We buy same day.'),
    (v_account, v_campaign, 2, 'voice', 10, v_fallback, 'autos_intro_call_v1', null,
     'Friendly call to ask whether the car is still available and book an inspection.'),
    (v_account, v_campaign, 3, 'whatsapp', 10, v_fallback, 'autos_nudge_whatsapp_v1', null,
     'Hola {{first_name}}, seguimos interesados en tu carro. ¿Te queda bien una inspección mañana?'),
    (v_account, v_campaign, 4, 'email', 10, v_fallback, 'autos_booking_email_v1', 'Your car: a same-day offer',
     'Hi {{first_name}}, we can inspect your car and make an offer the same day. Pick a time that suits you.');

  insert into public.leads (account_id, first_name, last_name, phone, phone_line_type, email, source, external_id,
                            city, region, country, timezone, first_seen_at)
  select
    v_account,
    (array['Ana', 'Luis', 'Maria', 'John', 'Carla', 'Pedro', 'Sofia', 'Mike', 'Laura', 'Diego'])[1 + i % 10],
    (array['Garcia', 'Smith', 'Lopez', 'Johnson', 'Perez', 'Brown', 'Diaz', 'Miller', 'Torres', 'Davis'])[1 + (i / 10) % 10],
    case m.market
      when 0 then '+1305' || '55501' || lpad((i / 5)::text, 2, '0')
      when 1 then '+1213' || '55501' || lpad((i / 5)::text, 2, '0')
      when 2 then '+1808' || '55501' || lpad((i / 5)::text, 2, '0')
      when 3 then '+57300' || lpad(i::text, 7, '0')
      else '+346' || lpad(i::text, 8, '0')
    end,
    case when i % 3 = 0 then 'unknown' else 'mobile' end,
    case when i % 4 = 0 then null else 'seller' || i || '@example.com' end,
    'demo',
    'demo-' || i,
    (array['Miami', 'Los Angeles', 'Honolulu', 'Bogotá', 'Madrid'])[1 + m.market],
    (array['FL', 'CA', 'HI', null, null])[1 + m.market],
    (array['US', 'US', 'US', 'CO', 'ES'])[1 + m.market],
    -- US numbers get their zone from the area code; the others are set.
    (array[null, null, null, 'America/Bogota', 'Europe/Madrid'])[1 + m.market],
    now() - make_interval(hours => i)
  from generate_series(0, 299) as i
  cross join lateral (select i % 5 as market) m;

  insert into public.campaign_leads (account_id, campaign_id, lead_id, enrolled_at)
  select v_account, v_campaign, l.id, now()
  from public.leads l
  where l.account_id = v_account;

  -- Follow-up sequences (issue 18), switched off until an operator switches them on.
  with s as (
    insert into public.sequences (account_id, name, trigger_on, is_active)
    values (v_account, 'Meeting requested follow-up', 'meeting_requested', false)
    returning id
  )
  insert into public.sequence_steps (account_id, sequence_id, step_order, channel, delay_amount, delay_unit, subject, body, requires_approval)
  select v_account, s.id, x.step_order, x.channel::public.channel, x.delay_amount, x.delay_unit, x.subject, x.body, x.requires_approval
  from s cross join (values
    (1, 'sms', 2, 'business_hours', null, 'Hi {{first_name|there}}, this is {{business_name}}. Which day suits you for the inspection?', false),
    (2, 'sms', 1, 'days', null, 'Hi {{first_name|there}}, still keen to meet? Reply with a day and time.', false),
    (3, 'email', 2, 'days', 'Your inspection with {{business_name}}', 'Hi {{first_name|there}}, we can inspect your car and make an offer the same day. Which time suits you?', true)
  ) as x (step_order, channel, delay_amount, delay_unit, subject, body, requires_approval);
  with s as (
    insert into public.sequences (account_id, name, trigger_on, is_active)
    values (v_account, 'Meeting reminders', 'booking_reminder', false)
    returning id
  )
  insert into public.sequence_steps (account_id, sequence_id, step_order, channel, delay_amount, delay_unit, body)
  select v_account, s.id, x.step_order, 'sms', x.delay_amount, 'hours_before_meeting', x.body
  from s cross join (values
    (1, 24, 'Hi {{first_name|there}}, a reminder: your appointment with {{business_name}} is tomorrow.'),
    (2, 2, 'See you in two hours, {{first_name|there}}!')
  ) as x (step_order, delay_amount, body);
end
$$;
