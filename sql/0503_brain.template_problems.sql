-- Strict templates (issue 13): why a template cannot be rendered with these values.
create or replace function brain.template_problems(p_text text, p_variables jsonb)
returns text[]
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  -- No {{, no placeholder (brain.template_placeholders finds none): no problem.
  if pg_catalog.strpos(coalesce(p_text, ''), '{{') = 0 then
    return '{}';
  end if;
  return (
  select coalesce(pg_catalog.array_agg(q.reason order by q.first_pos), '{}')
  from (
    select r.reason, min(r.pos) as first_pos
    from (
      select coalesce(p.pos, 2147483647) as pos,
             case
               when p.problem = 'unknown_template_variable' then 'unknown_template_variable:' || p.variable
               when p.problem is not null then 'invalid_template_placeholder'
               when not p.has_default
                    and pg_catalog.btrim(coalesce(p_variables ->> p.variable, '')) = '' then 'missing_lead_data:' || p.variable
             end as reason
      from brain.template_placeholders(p_text) p
    ) r
    where r.reason is not null
    group by r.reason
  ) q);
end
$$;

comment on function brain.template_problems(text, jsonb) is
  'Why p_text cannot be rendered with p_variables, in the order the text shows them, each once: unknown_template_variable:<name>, invalid_template_placeholder, missing_lead_data:<name> (a known variable whose value is absent or blank and that has no {{name|default}}). Empty when it renders.';
