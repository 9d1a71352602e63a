-- Command OS names campaigns the way people say them: "autos outbound miami",
-- "la campaña Autos Outbound — Miami", "autos_outbound_miami". This ranks the
-- account's campaigns against such a phrase, case- and accent-insensitive:
--   id       the phrase is the campaign's id                             100
--   key      the phrase is the campaign_key (spaces or underscores)      100
--   name     the phrase is the name, punctuation aside                    95
--   words    every word of the phrase is a word of the key or name    50–90
--            (more of the campaign's words covered ranks higher)
--   partial  the phrase (3+ characters) appears inside the key or name    30
-- Filler words ("la", "campaña", "campaign", "the", "de") are ignored. No row:
-- nothing matches.
create or replace function public.resolve_campaign(p_account_id uuid, p_text text)
returns table (campaign_id uuid, campaign_key text, name text, is_active boolean, match text, score integer)
language sql
stable
set search_path = ''
as $$
  with q as (
    select pg_catalog.btrim(pg_catalog.regexp_replace(
             pg_catalog.regexp_replace(' ' || pg_catalog.regexp_replace(brain.fold_text(coalesce(p_text, '')), '[^a-z0-9]+', ' ', 'g') || ' ',
               '(?<= )(la|el|los|las|campana|campanas|campaign|campaigns|the|de|del|of) ', '', 'g'),
             ' +', ' ', 'g')) as phrase
  ), c as (
    select c.id, c.campaign_key, c.name, c.is_active,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(c.campaign_key), '[^a-z0-9]+', ' ', 'g')) as key_f,
           pg_catalog.btrim(pg_catalog.regexp_replace(brain.fold_text(c.name), '[^a-z0-9]+', ' ', 'g')) as name_f
    from public.campaigns c
    where c.account_id = p_account_id
  ), scored as (
    select c.*, q.phrase,
           pg_catalog.string_to_array(q.phrase, ' ') as q_words,
           array(select distinct w from pg_catalog.unnest(pg_catalog.string_to_array(c.key_f || ' ' || c.name_f, ' ')) w where w <> '') as c_words
    from c cross join q
    where q.phrase <> ''
  )
  select s.id, s.campaign_key, s.name, s.is_active, m.match, m.score
  from scored s
  cross join lateral (
    select case
             when pg_catalog.lower(pg_catalog.btrim(p_text)) = s.id::text then 'id'
             when s.phrase = s.key_f then 'key'
             when s.phrase = s.name_f then 'name'
             when s.q_words <@ s.c_words then 'words'
             when pg_catalog.length(s.phrase) >= 3 and (pg_catalog.strpos(s.key_f, s.phrase) > 0 or pg_catalog.strpos(s.name_f, s.phrase) > 0) then 'partial'
           end as match,
           case
             when pg_catalog.lower(pg_catalog.btrim(p_text)) = s.id::text then 100
             when s.phrase = s.key_f then 100
             when s.phrase = s.name_f then 95
             when s.q_words <@ s.c_words
               then 50 + (40 * (select count(distinct w) from pg_catalog.unnest(s.q_words) w) / greatest(pg_catalog.cardinality(s.c_words), 1))::integer
             when pg_catalog.length(s.phrase) >= 3 and (pg_catalog.strpos(s.key_f, s.phrase) > 0 or pg_catalog.strpos(s.name_f, s.phrase) > 0) then 30
           end as score
  ) m
  where m.match is not null
  order by m.score desc, s.is_active desc, s.name
$$;

comment on function public.resolve_campaign(uuid, text) is
  'Campaigns of the account that a phrase names, best first: match id (the campaign id, 100), key (the campaign_key, 100), name (the name, punctuation aside, 95), words (every word of the phrase is a word of the key or name; 50–90 by how much of the campaign it covers) or partial (a substring of key or name, 30). Case- and accent-insensitive (brain.fold_text); filler words such as "la", "campaña", "campaign" are ignored. Runs as the caller, so row-level security applies.';

revoke execute on function public.resolve_campaign(uuid, text) from public;
grant execute on function public.resolve_campaign(uuid, text) to revenue_api, revenue_analyst;
