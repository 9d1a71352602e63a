-- Strict templates (issue 13): a template renders completely or not at all.
create or replace function brain.render_template(p_text text, p_variables jsonb)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  v_problems text[];
  v_pieces text[];
  v_out text;
  v_ph record;
  v_value text;
  v_i integer := 1;
begin
  if p_text is null then
    return null;
  end if;
  -- No {{, no placeholder (brain.template_placeholders finds none): the text is final.
  if pg_catalog.strpos(p_text, '{{') = 0 then
    return p_text;
  end if;
  v_problems := brain.template_problems(p_text, p_variables);
  if pg_catalog.cardinality(v_problems) > 0 then
    raise exception using
      errcode = '22023',
      message = pg_catalog.split_part(v_problems[1], ':', 1),
      detail = pg_catalog.format('the template cannot be rendered: %s', pg_catalog.array_to_string(v_problems, ', '));
  end if;
  -- The literal text between placeholders, then each value exactly as stored: no
  -- pattern replacement (so \1 and & stay as typed) and no second pass (so a value
  -- containing {{x}} is not expanded).
  v_pieces := pg_catalog.regexp_split_to_array(p_text, '\{\{[^{}]*\}\}');
  v_out := v_pieces[1];
  for v_ph in select p.variable, p.has_default, p.default_text from brain.template_placeholders(p_text) p order by p.pos loop
    v_value := p_variables ->> v_ph.variable;
    if pg_catalog.btrim(coalesce(v_value, '')) = '' then
      v_value := v_ph.default_text;
    end if;
    v_i := v_i + 1;
    v_out := v_out || coalesce(v_value, '') || v_pieces[v_i];
  end loop;
  return v_out;
end
$$;

comment on function brain.render_template(text, jsonb) is
  'Renders {{variable}} and {{variable|default}} placeholders with p_variables. Values appear literally (no backreference expansion, no recursive substitution). Raises 22023 with message unknown_template_variable, invalid_template_placeholder or missing_lead_data (detail: every problem, e.g. missing_lead_data:first_name) instead of rendering a blank; brain.template_problems says the same without raising.';
