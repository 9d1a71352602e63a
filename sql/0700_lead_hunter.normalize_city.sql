create or replace function lead_hunter.normalize_city(p_city text)
returns text
language sql
immutable
parallel safe
as $$
  select nullif(pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_city, '')), '[^a-z0-9]+', '', 'g'), '')
$$;

comment on function lead_hunter.normalize_city(text) is
  'A city as Craigslist names its site: lower case, letters and digits only ("Fort Lauderdale" → fortlauderdale, " Miami " → miami).';
