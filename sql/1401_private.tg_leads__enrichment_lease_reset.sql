-- Issue 19: a changed phone or email starts a new enrichment (sql/1400 makes the lead
-- pending again): its attempts start from 0, and a lease a worker holds on the old address
-- is dropped, so that worker's results (brain.record_lead_enrichments checks the lease)
-- are not written over the new address. Named to fire after enrichment_pending_on_change
-- (BEFORE triggers fire in name order).
create or replace function private.tg_leads__enrichment_lease_reset()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  new.enrichment_attempts := 0;
  new.enrichment_lease_until := null;
  return new;
end
$$;

comment on function private.tg_leads__enrichment_lease_reset() is
  'Trigger: when a lead''s phone or email changes, its enrichment attempts go back to 0 and a worker''s lease on the old address is dropped (results recorded under that lease are then ignored by brain.record_lead_enrichments).';

create or replace trigger enrichment_reset_lease before update of phone, email on public.leads
  for each row when (old.phone is distinct from new.phone or old.email is distinct from new.email)
  execute function private.tg_leads__enrichment_lease_reset();
