create or replace function brain.lead_priority(
  p_lead_state text,
  p_phone text,
  p_phone_line_type text,
  p_email text,
  p_engagement numeric
)
returns integer
language sql
stable
as $$
  select least(100, greatest(0, pg_catalog.round(
    coalesce((select st.priority_weight from public.lead_states st where st.state = p_lead_state), 0)
    + greatest(-20, least(20, coalesce(p_engagement, 0)))
    + case when p_phone is not null and p_phone_line_type = 'mobile' and p_email is not null then 10 else 0 end
  )))::integer
$$;

comment on function brain.lead_priority(text, text, text, text, numeric) is
  'priority_score (0-100): lead_states.priority_weight of the state + engagement clamped to -20..20 + 10 for a "gold" lead (a mobile phone and an email known), clamped to 0..100.';
