create or replace function lead_hunter.normalize_city(p_city text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
  select nullif(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_city, '')), '[^a-z0-9]+', '', 'g'), '')
$$;

comment on function lead_hunter.normalize_city(text) is
  'A city as Craigslist names its site: accents folded (brain.fold_text), lower case, letters and digits only ("Fort Lauderdale" → fortlauderdale, " Miami " → miami, "São Paulo" → saopaulo).';
