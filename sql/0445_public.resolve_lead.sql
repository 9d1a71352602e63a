-- Command OS names leads the way people say them: "+1 (305) 555-0100",
-- "3055550100", "ana@example.com", "Ana García", a lead id or a source's own id.
-- This ranks the account's leads against such a phrase:
--   id        the phrase is the lead's id                                 100
--   phone     its digits are the lead's phone (E.164, or a 10-digit US     95
--             number without +1)
--   email     it is the lead's email, case aside                          95
--   external  it is the lead's external_id                                90
--   name      every word of the phrase is a word of the lead's name    50–90
--             (accent- and case-insensitive; more of the name covered ranks higher)
-- The exact matches use the account's indexes; the name match reads the
-- account's leads newest first and stops after p_scan_limit of them.
create or replace function public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer default 20000)
returns table (lead_id uuid, full_name text, phone text, email text, match text, score integer)
language sql
stable
set search_path = ''
as $$
  with q as (
    select pg_catalog.btrim(coalesce(p_text, '')) as raw,
           pg_catalog.regexp_replace(coalesce(p_text, ''), '[^0-9]', '', 'g') as digits,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_text, '')), '[^a-z0-9]+', ' ', 'g')) as words
  ), exact as (
    select l.id, 'id'::text as match, 100 as score
    from public.leads l, q
    where q.raw ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
      and l.account_id = p_account_id and l.id = q.raw::uuid
    union all
    select l.id, 'phone', 95
    from public.leads l, q
    where pg_catalog.length(q.digits) between 7 and 15 and q.raw !~ '[@a-zA-Z]'
      and l.account_id = p_account_id
      and l.phone::text in ('+' || q.digits, case when pg_catalog.length(q.digits) = 10 then '+1' || q.digits end)
    union all
    select l.id, 'email', 95
    from public.leads l, q
    where q.raw like '%@%' and l.account_id = p_account_id and l.email::text = pg_catalog.lower(q.raw)
    union all
    select l.id, 'external', 90
    from public.leads l, q
    where q.raw <> '' and l.account_id = p_account_id and l.external_id = q.raw
  ), named as (
    select n.id, 'name'::text as match,
           50 + (40 * pg_catalog.cardinality(pg_catalog.string_to_array(q.words, ' '))
                 / greatest(pg_catalog.cardinality(n.name_words), 1))::integer as score
    from q
    cross join lateral (
      select l.id, pg_catalog.string_to_array(pg_catalog.btrim(pg_catalog.regexp_replace(
               brain.fold_text(concat_ws(' ', l.first_name, l.last_name)), '[^a-z0-9]+', ' ', 'g')), ' ') as name_words
      from public.leads l
      where l.account_id = p_account_id
      order by l.created_at desc
      limit greatest(p_scan_limit, 0)
    ) n
    where q.words ~ '[a-z]' and not exists (select 1 from exact)
      and pg_catalog.string_to_array(q.words, ' ') <@ n.name_words
  ), best as (
    select distinct on (x.id) x.id, x.match, x.score
    from (select * from exact union all select * from named) x
    order by x.id, x.score desc
  )
  select l.id, nullif(concat_ws(' ', l.first_name, l.last_name), ''), l.phone::text, l.email::text, b.match, b.score
  from best b
  join public.leads l on l.id = b.id
  order by b.score desc, l.created_at desc
  limit 20
$$;

comment on function public.resolve_lead(uuid, text, integer) is
  'Leads of the account that a phrase names, best first (at most 20): match id (100), phone (the digits as E.164, or a 10-digit US number without +1; 95), email (95), external (the source''s id, 90) or name (every word of the phrase is a word of the lead''s name, accent- and case-insensitive; 50–90 by how much of the name it covers; only when nothing matched exactly, and among the newest p_scan_limit leads). Runs as the caller, so row-level security applies.';

grant execute on function public.resolve_lead(uuid, text, integer) to revenue_api, revenue_analyst;
