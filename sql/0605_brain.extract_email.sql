create or replace function brain.extract_email(p_text text)
returns text
language sql
immutable
parallel safe
as $$
  select pg_catalog.lower((pg_catalog.regexp_match(coalesce(p_text, ''), '([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})'))[1])
$$;

comment on function brain.extract_email(text) is
  'The first email address written in a message, lower-cased; null when there is none.';
