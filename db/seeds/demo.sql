-- Demo account for `make run`: one outbound campaign with steps on four
-- channels, 300 fictional leads (555-01xx numbers, example.com addresses)
-- enrolled in it, and the sink provider on every channel. Runs once: it does
-- nothing when the `demo` account already exists.
do $$
declare
  v_account uuid;
  v_campaign uuid;
  v_fallback jsonb := '{
    "order": ["sms", "voice", "whatsapp", "email"],
    "max_attempts": {"sms": 2, "voice": 2, "whatsapp": 2, "email": 2},
    "cooldown_minutes": {"sms": 720, "voice": 1440, "whatsapp": 720, "email": 1440}
  }';
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
  select v_account, c, 'sink', true, '{}'::jsonb
  from unnest(array['sms', 'voice', 'whatsapp', 'email']) as c;

  insert into public.campaigns (account_id, campaign_key, name, description, is_active)
  values (v_account, 'autos_outbound_miami', 'Autos outbound — Miami',
          'Private sellers found in Miami: text first, then call, WhatsApp and email.', true)
  returning id into v_campaign;

  insert into public.campaign_steps (account_id, campaign_id, step, channel, delay_minutes, fallback, template_key, subject, body) values
    (v_account, v_campaign, 1, 'sms', 0, v_fallback, 'autos_intro_sms_v1', null,
     'Hi {{first_name}}, this is Demo Motors. Is your car still for sale? We buy same day.'),
    (v_account, v_campaign, 2, 'voice', 1440, v_fallback, 'autos_intro_call_v1', null,
     'Friendly call to ask whether the car is still available and book an inspection.'),
    (v_account, v_campaign, 3, 'whatsapp', 2880, v_fallback, 'autos_nudge_whatsapp_v1', null,
     'Hola {{first_name}}, seguimos interesados en tu carro. ¿Te queda bien una inspección mañana?'),
    (v_account, v_campaign, 4, 'email', 4320, v_fallback, 'autos_booking_email_v1', 'Your car: a same-day offer',
     'Hi {{first_name}}, we can inspect your car and make an offer the same day. Pick a time that suits you.');

  insert into public.leads (account_id, first_name, last_name, phone, phone_line_type, email, source, external_id,
                            city, region, country, first_seen_at)
  select
    v_account,
    (array['Ana', 'Luis', 'Maria', 'John', 'Carla', 'Pedro', 'Sofia', 'Mike', 'Laura', 'Diego'])[1 + i % 10],
    (array['Garcia', 'Smith', 'Lopez', 'Johnson', 'Perez', 'Brown', 'Diaz', 'Miller', 'Torres', 'Davis'])[1 + (i / 10) % 10],
    '+1' || (array['305', '786', '954'])[1 + i / 100] || '55501' || lpad((i % 100)::text, 2, '0'),
    case when i % 3 = 0 then 'unknown' else 'mobile' end,
    case when i % 4 = 0 then null else 'seller' || i || '@example.com' end,
    'demo',
    'demo-' || i,
    (array['Miami', 'Hialeah', 'Fort Lauderdale'])[1 + i / 100],
    'FL',
    'US',
    now() - make_interval(hours => i)
  from generate_series(0, 299) as i;

  insert into public.campaign_leads (account_id, campaign_id, lead_id, enrolled_at)
  select v_account, v_campaign, l.id, now()
  from public.leads l
  where l.account_id = v_account;
end
$$;
