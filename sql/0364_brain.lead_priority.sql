create or replace function brain.lead_priority(
  p_state_weight integer,
  p_phone text,
  p_phone_line_type text,
  p_email text,
  p_engagement numeric
)
returns integer
language sql
immutable
parallel safe
as $$
  select least(100, greatest(0, pg_catalog.round(
    coalesce(p_state_weight, 0)
    + greatest(-20, least(20, coalesce(p_engagement, 0)))
    + case when p_phone is not null and p_phone_line_type = 'mobile' and p_email is not null then 10 else 0 end
  )))::integer
$$;

comment on function brain.lead_priority(integer, text, text, text, numeric) is
  'priority_score (0-100): the state''s lead_states.priority_weight + engagement clamped to -20..20 + 10 for a "gold" lead (a mobile phone and an email known), clamped to 0..100.';
