-- Issue 19: a worker takes a batch of an account's pending leads (oldest request first)
-- under a lease. Rows are locked with skip locked, so two workers never take the same lead;
-- the lease keeps it theirs after the claim commits, while the lookups run; a lease that
-- has passed (a dead worker, a retry's back-off) lets the lead be taken again. Each claim
-- counts an attempt; a lead whose attempts are used up becomes failed with its last reason.
-- What the caches already know about each lead's number and email domain comes with it.
create or replace function brain.claim_lead_enrichments(
  p_account_id uuid,
  p_limit integer default 200,
  p_lease interval default '5 minutes',
  p_max_attempts integer default 5,
  p_now timestamptz default now()
)
returns table (
  lead_id uuid,
  phone text,
  email text,
  phone_line_type text,
  phone_line_type_source text,
  attempt integer,
  lease_until timestamptz,
  cached_phone jsonb,
  cached_mx text
)
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_limit must be between 1 and 1000';
  end if;
  if p_max_attempts is null or p_max_attempts not between 1 and 100 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_max_attempts must be between 1 and 100';
  end if;
  if p_lease is null or p_lease <= interval '0' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_lease must be a positive interval';
  end if;

  -- Attempts used up and no live lease: it will not be tried again.
  update public.leads l
  set enrichment_status = 'failed',
      enrichment_reason = pg_catalog.left(pg_catalog.format('gave up after %s attempts%s', l.enrichment_attempts,
                                                            coalesce(' (last: ' || l.enrichment_reason || ')', '')), 300),
      enrichment_finished_at = p_now,
      enrichment_lease_until = null
  from (select x.id from public.leads x
        where x.account_id = p_account_id and x.enrichment_status = 'pending'
          and x.enrichment_attempts >= p_max_attempts
          and (x.enrichment_lease_until is null or x.enrichment_lease_until <= p_now)
        for update skip locked) g
  where l.id = g.id and l.account_id = p_account_id;

  return query
  with picked as (
    select x.id from public.leads x
    where x.account_id = p_account_id and x.enrichment_status = 'pending'
      and x.enrichment_attempts < p_max_attempts
      and (x.enrichment_lease_until is null or x.enrichment_lease_until <= p_now)
    order by x.enrichment_requested_at, x.id
    limit p_limit
    for update skip locked
  ),
  claimed as (
    update public.leads l
    set enrichment_attempts = l.enrichment_attempts + 1,
        -- Whole milliseconds: the lease is the token results are recorded under, and clients (JavaScript dates) keep milliseconds.
        enrichment_lease_until = pg_catalog.date_trunc('milliseconds', p_now + p_lease)
    from picked
    where l.id = picked.id and l.account_id = p_account_id
    returning l.id, l.phone, l.email, l.phone_line_type, l.phone_line_type_source, l.enrichment_attempts,
              l.enrichment_lease_until, l.enrichment_requested_at
  )
  select c.id, c.phone::text, c.email::text, c.phone_line_type, c.phone_line_type_source, c.enrichment_attempts::integer,
         c.enrichment_lease_until,
         (select pg_catalog.jsonb_build_object('phone_status', pc.phone_status, 'line_type', pc.line_type,
                                               'provider_type', pc.provider_type, 'carrier', pc.carrier,
                                               'looked_up_at', pc.looked_up_at)
          from public.phone_lookup_cache pc
          where pc.account_id = p_account_id and pc.phone = c.phone and pc.expires_at > p_now),
         (select dc.mx_status from public.email_domain_cache dc
          where dc.account_id = p_account_id and dc.expires_at > p_now
            and dc.domain = pg_catalog.lower(pg_catalog.split_part(c.email::text, '@', 2)))
  from claimed c
  order by c.enrichment_requested_at, c.id;
end
$$;

comment on function brain.claim_lead_enrichments(uuid, integer, interval, integer, timestamptz) is
  'The enrichment worker''s claim: up to p_limit (1–1000) of the account''s pending leads that no lease holds, oldest request first, locked with skip locked (two workers never take the same lead) and leased until p_now + p_lease (a lease that passed, a dead worker''s or a retry''s back-off, is taken again); each claim counts an attempt (leads.enrichment_attempts). A pending lead whose p_max_attempts are used up and that no lease holds becomes failed ("gave up after N attempts", with its last reason). Returns each lead''s phone, email, line type and its source, the attempt number, the lease (the token brain.record_lead_enrichments checks), the cached lookup of its number (phone_lookup_cache, unexpired) and the cached MX answer of its email domain (email_domain_cache: found or none). Raises invalid_argument (22023).';

revoke execute on function brain.claim_lead_enrichments(uuid, integer, interval, integer, timestamptz) from public;
grant execute on function brain.claim_lead_enrichments(uuid, integer, interval, integer, timestamptz) to revenue_worker;
