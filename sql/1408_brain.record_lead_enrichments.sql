-- Issue 19: what a worker learned about a batch of leads, in one call: each lead's phone
-- and email results, its enrichment status (done, failed, or still pending for a retry),
-- the caches, and a lead_enriched memory event per finished lead. A lead whose phone or
-- email changed since the claim (its lease was reset, sql/1401) or that another worker
-- took over (a new lease) is left alone: the results are of an address it no longer has,
-- or someone else's to record. The caches are written either way: they are per number
-- and domain, not per lead.
create or replace function brain.record_lead_enrichments(
  p_account_id uuid,
  p_results jsonb,
  p_now timestamptz default now()
)
returns table (lead_id uuid, applied boolean, enrichment_status text)
language plpgsql
volatile
set search_path = ''
as $$
begin
  if p_results is null or pg_catalog.jsonb_typeof(p_results) <> 'array' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_results must be a JSON array of lead results';
  end if;
  if exists (select 1 from pg_catalog.jsonb_array_elements(p_results) e
             where pg_catalog.jsonb_typeof(e) <> 'object'
                or e ->> 'lead_id' is null or e ->> 'lease_until' is null
                or coalesce(e ->> 'outcome', '') not in ('done', 'failed', 'retry')
                or (e ? 'phone' and pg_catalog.jsonb_typeof(e -> 'phone') not in ('object', 'null'))
                or (e ? 'email' and pg_catalog.jsonb_typeof(e -> 'email') not in ('object', 'null'))
                or coalesce(e #>> '{phone,source}', 'twilio_lookup') not in ('twilio_lookup', 'cache', 'libphonenumber')
                or coalesce(e #>> '{email,mx}', 'not_checked') not in ('found', 'none', 'inconclusive', 'not_checked')) then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'each result needs lead_id, lease_until and outcome (done, failed or retry); phone.source is twilio_lookup, cache or libphonenumber; email.mx is found, none, inconclusive or not_checked';
  end if;

  -- The caches: a fresh Twilio answer for 90 days; a conclusive MX answer for 7 days (found) or 1 day (none).
  insert into public.phone_lookup_cache as c (account_id, phone, phone_status, line_type, provider_type, carrier, looked_up_at, expires_at)
  select distinct on (e #>> '{phone,number}')
         p_account_id, e #>> '{phone,number}',
         case when (e #>> '{phone,valid}')::boolean is false then 'invalid'
              when pg_catalog.lower(e #>> '{phone,line_status}') in ('inactive', 'disconnected') then 'disconnected'
              else 'valid' end,
         brain.phone_line_type('twilio_lookup', e #>> '{phone,type}'),
         pg_catalog.left(nullif(e #>> '{phone,type}', ''), 40),
         pg_catalog.left(nullif(e #>> '{phone,carrier}', ''), 200),
         p_now, p_now + interval '90 days'
  from pg_catalog.jsonb_array_elements(p_results) e
  where e #>> '{phone,source}' = 'twilio_lookup' and e #>> '{phone,number}' is not null
  order by e #>> '{phone,number}'
  on conflict (account_id, phone) do update
    set phone_status = excluded.phone_status, line_type = excluded.line_type, provider_type = excluded.provider_type,
        carrier = excluded.carrier, looked_up_at = excluded.looked_up_at, expires_at = excluded.expires_at;

  insert into public.email_domain_cache as c (account_id, domain, mx_status, checked_at, expires_at)
  select distinct on (pg_catalog.lower(e #>> '{email,domain}'))
         p_account_id, pg_catalog.lower(e #>> '{email,domain}'), e #>> '{email,mx}', p_now,
         p_now + case when e #>> '{email,mx}' = 'found' then interval '7 days' else interval '1 day' end
  from pg_catalog.jsonb_array_elements(p_results) e
  where e #>> '{email,mx}' in ('found', 'none') and coalesce(e #>> '{email,mx_source}', 'dns') = 'dns'
    and nullif(e #>> '{email,domain}', '') is not null
  order by pg_catalog.lower(e #>> '{email,domain}')
  on conflict (account_id, domain) do update
    set mx_status = excluded.mx_status, checked_at = excluded.checked_at, expires_at = excluded.expires_at;

  return query
  with input as (
    select r.lead_id as id, r.lease_until, r.outcome, r.reason, r.retry_after_s,
           nullif(r.phone, 'null'::jsonb) as phone, nullif(r.email, 'null'::jsonb) as email
    from pg_catalog.jsonb_to_recordset(p_results)
      as r(lead_id uuid, lease_until timestamptz, outcome text, reason text, retry_after_s integer, phone jsonb, email jsonb)
  ),
  judged as (
    select i.*,
           case when i.phone is null then null
                when (i.phone ->> 'valid')::boolean is false then 'invalid'
                when i.phone ->> 'source' <> 'libphonenumber'
                     and pg_catalog.lower(i.phone ->> 'line_status') in ('inactive', 'disconnected') then 'disconnected'
                else 'valid' end as p_status,
           case when i.phone is null then null
                else brain.phone_line_type(i.phone ->> 'source', i.phone ->> 'type') end as p_type,
           case i.phone ->> 'source' when 'cache' then 'twilio_lookup' else i.phone ->> 'source' end as p_source,
           case when i.email is null then null
                else brain.email_check_status((i.email ->> 'syntax_ok')::boolean, i.email ->> 'mx') end as e_status
    from input i
  ),
  updated as (
    update public.leads l
    set enrichment_status = case j.outcome when 'retry' then 'pending' else j.outcome end,
        enrichment_reason = pg_catalog.left(case
          when j.outcome = 'done' then coalesce(nullif(pg_catalog.concat_ws('; ',
            case when j.phone is not null then pg_catalog.format('phone %s, %s (%s%s)', j.p_status,
              case when j.p_type = 'unknown' and l.phone_line_type <> 'unknown' and l.phone_line_type_source in ('import', 'manual')
                   then l.phone_line_type || ' as ' || l.phone_line_type_source || ' said' else j.p_type end,
              j.p_source, case when j.phone ->> 'source' = 'cache' then ', cached' else '' end) end,
            case when j.email is not null then pg_catalog.format('email %s%s%s%s',
              case when l.email_status = 'hard_bounced' then 'hard_bounced' else j.e_status end,
              case when (j.email ->> 'is_role')::boolean then ', a role address' else '' end,
              case when (j.email ->> 'is_disposable')::boolean then ', a disposable domain' else '' end,
              case j.email ->> 'mx' when 'not_checked' then ' (MX not checked)' when 'inconclusive' then ' (MX lookup inconclusive)'
                                    when 'found' then ' (MX found)' when 'none' then ' (no MX)' else '' end) end), ''), 'nothing to check')
          else coalesce(j.reason, j.outcome) end, 300),
        enrichment_finished_at = case when j.outcome = 'retry' then l.enrichment_finished_at else p_now end,
        -- The back-off of a retry: the caller's, else 30 s after the first attempt, doubling, at most 10 min.
        enrichment_lease_until = case when j.outcome = 'retry' then p_now + pg_catalog.make_interval(secs => greatest(coalesce(
                                   j.retry_after_s, least(600, 30 * power(2, greatest(l.enrichment_attempts - 1, 0)))::integer), 1)) end,
        phone_status = coalesce(j.p_status, l.phone_status),
        -- A type the import or a person gave is kept when the source cannot tell (unknown).
        phone_line_type = case when j.phone is null then l.phone_line_type
                               when j.p_type = 'unknown' and l.phone_line_type <> 'unknown' and l.phone_line_type_source in ('import', 'manual')
                                 then l.phone_line_type
                               else j.p_type end,
        phone_line_type_source = case when j.phone is null then l.phone_line_type_source
                                      when j.p_type = 'unknown' and l.phone_line_type <> 'unknown' and l.phone_line_type_source in ('import', 'manual')
                                        then l.phone_line_type_source
                                      else j.p_source end,
        phone_carrier = case when j.phone is null then l.phone_carrier
                             else pg_catalog.left(nullif(j.phone ->> 'carrier', ''), 200) end,
        phone_checked_at = case when j.phone is null then l.phone_checked_at
                                else coalesce((j.phone ->> 'checked_at')::timestamptz, p_now) end,
        -- A hard bounce of this same address stays (an email provider saw it bounce).
        email_status = case when j.email is null or l.email_status = 'hard_bounced' then l.email_status else j.e_status end,
        email_is_role = case when j.email is null then l.email_is_role else coalesce((j.email ->> 'is_role')::boolean, false) end,
        email_is_disposable = case when j.email is null then l.email_is_disposable else coalesce((j.email ->> 'is_disposable')::boolean, false) end,
        email_checked_at = case when j.email is null then l.email_checked_at else p_now end
    from judged j
    where l.id = j.id and l.account_id = p_account_id
      and l.enrichment_status = 'pending'
      and l.enrichment_lease_until = j.lease_until
      and (j.phone is null or l.phone::text is not distinct from j.phone ->> 'number')
      and (j.email is null or l.email::text is not distinct from j.email ->> 'address')
    returning l.id, l.account_id, l.enrichment_status, l.enrichment_reason, l.enrichment_requested_at, l.phone_status, l.phone_line_type,
              l.phone_line_type_source, l.phone_carrier, l.email_status, l.email_is_role, l.email_is_disposable, j.outcome,
              j.phone ->> 'source' as phone_source, j.email ->> 'mx' as mx, j.phone is not null as had_phone, j.email is not null as had_email
  ),
  events as (
    select u.id, brain.record_event(
             p_account_id, u.id, 'lead_enriched', 'enrichment', 'internal',
             pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
               'status', u.enrichment_status, 'reason', u.enrichment_reason,
               'phone', case when u.had_phone then pg_catalog.jsonb_build_object(
                          'status', u.phone_status, 'line_type', u.phone_line_type, 'source', u.phone_line_type_source,
                          'looked_up', u.phone_source, 'carrier', u.phone_carrier) end,
               'email', case when u.had_email then pg_catalog.jsonb_build_object(
                          'status', u.email_status, 'is_role', u.email_is_role, 'is_disposable', u.email_is_disposable, 'mx', u.mx) end)),
             null, p_now,
             'lead_enriched:' || u.id::text || ':' || pg_catalog.to_char(u.enrichment_requested_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')) as event_id
    from updated u
    where u.outcome <> 'retry'
  )
  select i.id, u.id is not null, coalesce(u.enrichment_status, l.enrichment_status)
  from input i
  left join updated u on u.id = i.id
  left join public.leads l on l.id = i.id and l.account_id = p_account_id and u.id is null
  -- Referenced, so the events are always recorded (an unreferenced CTE without a write is not run).
  cross join (select pg_catalog.count(*) as n from events) ev
  where ev.n >= 0
  order by i.id;
end
$$;

comment on function brain.record_lead_enrichments(uuid, jsonb, timestamptz) is
  'Records a batch of enrichment results for an account in one call (the enrich_leads task). p_results: a JSON array of {lead_id, lease_until (from brain.claim_lead_enrichments), outcome done | failed | retry, reason, retry_after_s, phone: {number, source twilio_lookup | cache | libphonenumber, valid, type, carrier, line_status, checked_at}, email: {address, syntax_ok, is_role, is_disposable, domain, mx found | none | inconclusive | not_checked, mx_source dns | cache}}. Per lead, only while it is still pending under that same lease with the same phone and email: phone_status (valid; invalid when not valid; disconnected when the line status is inactive), phone_line_type from brain.phone_line_type (an import''s or a person''s type is kept when the source says unknown) and its source, carrier, check time; email_status from brain.email_check_status (a hard bounce stays), role and disposable flags, check time; done or failed with a reason and finished_at, or, for retry, still pending with the lease moved to the back-off (retry_after_s when given, else 30 s after the lead''s first attempt, doubling with each attempt, at most 600 s); and a lead_enriched memory event per finished lead (no addresses, no bodies). Caches: a fresh Twilio answer in phone_lookup_cache for 90 days; a conclusive MX answer from DNS in email_domain_cache for 7 days (found) or 1 day (none). Returns each lead with whether its results were applied and its enrichment status now. Raises invalid_argument (22023).';

revoke execute on function brain.record_lead_enrichments(uuid, jsonb, timestamptz) from public;
grant execute on function brain.record_lead_enrichments(uuid, jsonb, timestamptz) to revenue_worker;
