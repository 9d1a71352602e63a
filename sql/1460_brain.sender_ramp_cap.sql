-- The warm-up ramp's cap for a day: start × (1 + growth)^day, rounded up, never above
-- the target (the provider config's daily_cap). Pure arithmetic, so the claim, the
-- health view and the settings page's schedule compute the same numbers.
create or replace function brain.sender_ramp_cap(
  p_start_cap integer,
  p_growth_pct numeric,
  p_ramp_day integer,
  p_target integer
)
returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select case
    when p_target is null then null
    when p_start_cap is null or p_ramp_day is null then p_target
    -- Beyond ~10 years of growth the power only matters as "at the target" (and must not overflow).
    else least(p_target::double precision,
               pg_catalog.ceil(p_start_cap::double precision
                               * pg_catalog.power(1 + greatest(coalesce(p_growth_pct, 0), 0)::double precision / 100,
                                                  least(greatest(p_ramp_day, 0), 3650))))::integer
  end
$$;

comment on function brain.sender_ramp_cap(integer, numeric, integer, integer) is
  'The warm-up ramp''s daily cap on ramp day p_ramp_day (0 = the first UTC day the sender sent): least(p_target, ceil(p_start_cap × (1 + p_growth_pct/100)^p_ramp_day)). E.g. 20, 10%: 20, 22, 25, 27, 30, … up to the target (500 by default: reached on day 34). Null target: null.';
