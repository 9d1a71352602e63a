create or replace function brain.render_template(p_text text, p_variables jsonb)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  v_out text := p_text;
  v_var record;
begin
  if v_out is null then
    return null;
  end if;
  for v_var in select key, value from pg_catalog.jsonb_each_text(coalesce(p_variables, '{}'::jsonb)) loop
    v_out := pg_catalog.regexp_replace(v_out, '\{\{\s*' || v_var.key || '\s*\}\}', coalesce(v_var.value, ''), 'g');
  end loop;
  return pg_catalog.btrim(pg_catalog.regexp_replace(v_out, '\{\{\s*[A-Za-z0-9_]+\s*\}\}', '', 'g'));
end
$$;

comment on function brain.render_template(text, jsonb) is
  'Fills {{name}} placeholders from p_variables; a placeholder without a value becomes empty text.';
