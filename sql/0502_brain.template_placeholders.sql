-- Strict templates (issue 13): what a step body or subject asks for.
create or replace function brain.template_placeholders(p_text text)
returns table (pos integer, token text, variable text, has_default boolean, default_text text, problem text)
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
-- plpgsql, not sql: a function with SET search_path is never inlined, so as sql its
-- query was planned again on every call; plpgsql keeps the plan for the session
-- (claim_touch calls the template functions several times per touch).
begin
  -- Every placeholder, and every unclosed opening, starts with {{: without one there is nothing to find.
  if pg_catalog.strpos(coalesce(p_text, ''), '{{') = 0 then
    return;
  end if;
  return query
  with found as (
    select r.n::integer as pos, '{{' || r.x[1] || '}}' as token,
           pg_catalog.regexp_match(r.x[1], '^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:(\|)(.*))?$') as p
    from pg_catalog.regexp_matches(coalesce(p_text, ''), '\{\{([^{}]*)\}\}', 'g') with ordinality as r (x, n)
  )
  select f.pos, f.token, f.p[1], f.p[2] is not null, pg_catalog.btrim(f.p[3]),
         case
           when f.p is null then 'invalid_template_placeholder'
           when f.p[1] not in (select v.name from public.template_variables() v) then 'unknown_template_variable'
         end
  from found f
  union all
  -- An opening {{ that no placeholder closes (e.g. "{{first_name}" or "{{ {x} }}").
  select null, pg_catalog.substr(p_text, pg_catalog.strpos(p_text, '{{'), 30), null, false, null, 'invalid_template_placeholder'
  where pg_catalog.strpos(pg_catalog.regexp_replace(coalesce(p_text, ''), '\{\{[^{}]*\}\}', '', 'g'), '{{') > 0
  order by 1 nulls last;
end
$$;

comment on function brain.template_placeholders(text) is
  'The placeholders of a template in order: {{variable}} or {{variable|default}} (the default is trimmed; an empty default is allowed and explicit). problem is unknown_template_variable when the variable is not in public.template_variables(), invalid_template_placeholder for a {{…}} that is not a placeholder or an opening {{ that is never closed; null when the placeholder is fine.';
