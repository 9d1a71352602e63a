-- Seed 001: the autos outbound campaign is found by campaign_key only.
create or replace function brain.resolve_autos_campaign(p_account_id uuid, p_city text default null)
returns table (
  resolution text,
  campaign_id uuid,
  campaign_key text,
  candidates text[]
)
language sql
stable
as $$
  with wanted as (
    select nullif(pg_catalog.btrim(
             pg_catalog.regexp_replace(pg_catalog.lower(coalesce(p_city, '')), '[^a-z0-9]+', '_', 'g'), '_'), '') as city
  ), matches as (
    select c.id, c.campaign_key
    from public.campaigns c, wanted w
    where c.account_id = p_account_id
      and c.campaign_key like 'autos\_outbound\_%'
      and (w.city is null or c.campaign_key = 'autos_outbound_' || w.city)
  ), summary as (
    select count(*) as n,
           coalesce(pg_catalog.array_agg(m.campaign_key order by m.campaign_key), '{}') as keys,
           (pg_catalog.array_agg(m.id))[1] as only_id
    from matches m
  )
  select
    case when s.n = 0 then 'needs_setup' when s.n > 1 then 'needs_confirmation' else 'ok' end,
    case when s.n = 1 then s.only_id end,
    case when s.n = 1 then s.keys[1] end,
    s.keys
  from summary s
$$;

comment on function brain.resolve_autos_campaign(uuid, text) is
  'Seed 001''s campaign_key contract for autos.activate / autos.deactivate: candidates are campaigns whose key starts with autos_outbound_; with a city the key must be exactly autos_outbound_<city> (city lower-cased, each run of other characters becomes one _, leading and trailing ones dropped: "  Fort  Lauderdale!" becomes fort_lauderdale). 0 matches: needs_setup; more than 1: needs_confirmation; exactly 1: ok with its id and key.';
