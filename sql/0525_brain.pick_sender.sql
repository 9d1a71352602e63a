-- Which sender of a pool a lead gets: always the same one (a hash of its id), which
-- also spreads sends across the pool. Inlined by the planner (no SET clause).
create or replace function brain.pick_sender(p_pool text[], p_lead_id uuid)
returns text
language sql
immutable
parallel safe
as $$
  select case when pg_catalog.cardinality(p_pool) > 0 then
    p_pool[((pg_catalog.hashtextextended(p_lead_id::text, 0) % pg_catalog.cardinality(p_pool))
            + pg_catalog.cardinality(p_pool)) % pg_catalog.cardinality(p_pool) + 1]
  end
$$;

comment on function brain.pick_sender(text[], uuid) is
  'The sender of p_pool (brain.sender_pool) for lead p_lead_id: element hashtextextended(lead id) mod the pool size, so a lead always gets the same one and a pool''s leads spread across it. Null for an empty pool.';
