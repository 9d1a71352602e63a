-- The one accent and case folding every name match uses (cities, campaign and
-- lead names, Command OS phrases): lower case, Latin accents removed,
-- ß → ss, æ → ae, œ → oe. "São Paulo" → "sao paulo", "CAMPAÑA" → "campana".
create or replace function brain.fold_text(p_text text)
returns text
language sql
immutable
parallel safe
strict
set search_path = ''
as $$
  select pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
    pg_catalog.translate(pg_catalog.lower(p_text),
      'áàäâãåāéèëêēíìïîīóòöôõøōúùüûūñçýÿ',
      'aaaaaaaeeeeeiiiiiooooooouuuuuncyy'),
    'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe')
$$;

comment on function brain.fold_text(text) is
  'Lower case with Latin accents removed (á → a, ñ → n, ç → c, ß → ss, æ → ae, œ → oe): the folding every name match uses, so "São Paulo", "sao paulo" and "SAO PAULO" compare equal. Null in, null out.';
