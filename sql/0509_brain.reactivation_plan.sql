create or replace function brain.reactivation_plan(p_first_channel text)
returns jsonb
language sql
immutable
as $$
  select pg_catalog.jsonb_build_object(
    'order', pg_catalog.to_jsonb(array[p_first_channel] || array(
      select c from pg_catalog.unnest(array['voice', 'whatsapp', 'sms', 'email']) with ordinality u(c, n)
      where c <> p_first_channel order by n)),
    'max_attempts', '{"voice": 1, "whatsapp": 1, "sms": 1, "email": 1}'::jsonb,
    'cooldown_minutes', '{"voice": 1440, "whatsapp": 1440, "sms": 1440, "email": 1440}'::jsonb)
$$;

comment on function brain.reactivation_plan(text) is
  'Fallback plan of a reactivation round: the chosen channel first, then voice, WhatsApp, SMS, email; one attempt each, a day apart.';
