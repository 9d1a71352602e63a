-- Command OS names leads the way people say them: "+1 (305) 555-0100",
-- "3055550100", "ana@example.com", "Ana García", a lead id or a source's own id.
-- This ranks the account's leads against such a phrase:
--   id        the phrase is the lead's id                                 100
--   phone     its digits are the lead's phone (E.164, or a 10-digit US     95
--             number without +1)
--   email     it is the lead's email or one of its other emails          95
--   external  it is the lead's external_id                                90
--   digits    7+ digits found inside the lead's phone (no exact match)    60
--   name      every word of the phrase starts a word of the lead's     50–90
--             name or company (accent- and case-insensitive; more of
--             the name covered ranks higher)
-- The exact matches use the account's indexes; the digits and name matches
-- run only when nothing matched exactly, and read the account's leads newest
-- first, stopping after p_scan_limit of them.
create or replace function public.resolve_lead(p_account_id uuid, p_text text, p_scan_limit integer default 20000)
returns table (lead_id uuid, full_name text, phone text, email text, match text, score integer)
language sql
stable
set search_path = ''
as $$
  with q as (
    select pg_catalog.btrim(coalesce(p_text, '')) as raw,
           pg_catalog.regexp_replace(coalesce(p_text, ''), '[^0-9]', '', 'g') as digits,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(coalesce(p_text, '')), '[^a-z0-9]+', ' ', 'g')) as words,
           -- Only a well-formed address is compared (and cast to the email domain).
           case when pg_catalog.lower(pg_catalog.btrim(coalesce(p_text, ''))) ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
                     and pg_catalog.length(p_text) <= 320
                then pg_catalog.lower(pg_catalog.btrim(p_text)) end as email
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
    where q.email is not null and l.account_id = p_account_id
      and (l.email::text = q.email
           or l.alternate_emails @> pg_catalog.array_append('{}'::public.email_address[], q.email::public.email_address))
    union all
    select l.id, 'external', 90
    from public.leads l, q
    where q.raw <> '' and l.account_id = p_account_id and l.external_id = q.raw
  ), recent as (
    select l.id, l.phone::text as phone,
           pg_catalog.string_to_array(pg_catalog.btrim(pg_catalog.regexp_replace(
             brain.fold_text(concat_ws(' ', l.first_name, l.last_name, l.company_name)), '[^a-z0-9]+', ' ', 'g')), ' ') as name_words
    from public.leads l
    where l.account_id = p_account_id and not exists (select 1 from exact)
    order by l.created_at desc
    limit greatest(p_scan_limit, 0)
  ), fuzzy as (
    select r.id, 'digits'::text as match, 60 as score
    from recent r, q
    where pg_catalog.length(q.digits) between 7 and 15 and q.raw !~ '[@a-zA-Z]'
      and pg_catalog.strpos(r.phone, q.digits) > 0
    union all
    select r.id, 'name', 50 + (40 * pg_catalog.cardinality(pg_catalog.string_to_array(q.words, ' '))
                               / greatest(pg_catalog.cardinality(r.name_words), 1))::integer
    from recent r, q
    where q.words ~ '[a-z]'
      and not exists (
        select 1 from pg_catalog.unnest(pg_catalog.string_to_array(q.words, ' ')) qw
        where not exists (select 1 from pg_catalog.unnest(r.name_words) nw where pg_catalog.starts_with(nw, qw)))
  ), best as (
    select distinct on (x.id) x.id, x.match, x.score
    from (select * from exact union all select * from fuzzy) x
    order by x.id, x.score desc
  )
  select l.id, nullif(concat_ws(' ', l.first_name, l.last_name), ''), l.phone::text, l.email::text, b.match, b.score
  from best b
  join public.leads l on l.id = b.id and l.account_id = p_account_id
  order by b.score desc, l.created_at desc
  limit 20
$$;

comment on function public.resolve_lead(uuid, text, integer) is
  'Leads of the account that a phrase names, best first (at most 20): match id (100), phone (the digits as E.164, or a 10-digit US number without +1; 95), email (primary or alternate, 95), external (the source''s id, 90); only when nothing matched exactly, among the newest p_scan_limit leads: digits (7+ digits inside the phone, 60) or name (every word of the phrase starts a word of the lead''s name or company, accent- and case-insensitive; 50–90 by how much of the name it covers). Runs as the caller, so row-level security applies.';

revoke execute on function public.resolve_lead(uuid, text, integer) from public;
grant execute on function public.resolve_lead(uuid, text, integer) to revenue_api, revenue_analyst;
