-- The single entry point for lead intake: validates and normalizes an incoming lead
-- (brain.validate_lead_input), matches it against the account's leads (brain.match_lead:
-- seed 003 §6), fills in what the matched lead is missing (brain.merge_lead), or creates it.
-- Concurrent calls for the same identity are serialized by advisory locks, so no duplicate
-- is created.
create or replace function public.find_or_create_lead(p_account_id uuid, p_lead jsonb)
returns table (lead_id uuid, matched_by text, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_session_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_in public.leads;
  v_lock bigint;
  v_attempt int;
  v_lead_id uuid;
  v_matched_by text;
  v_created boolean := false;
  v_filled text[] := '{}';
begin
  -- Who may call for which account. Row-level security would hide another account's
  -- leads anyway; refusing up front gives the caller a clear reason.
  if p_account_id is null then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'p_account_id is required';
  end if;
  if v_session_account is not null and v_session_account <> p_account_id then
    raise exception using
      errcode = '42501',
      message = 'account_mismatch',
      detail = pg_catalog.format('this session acts for account %s (app.account_id) and cannot take leads for account %s',
                                 v_session_account, p_account_id),
      hint = 'Call find_or_create_lead with the account named by app.account_id.';
  end if;
  if not exists (select 1 from public.accounts a where a.id = p_account_id) then
    raise exception using
      errcode = 'P0002',
      message = 'account_not_found',
      detail = pg_catalog.format('no account with id %s is visible to role %s', p_account_id, current_user),
      hint = 'The API role must set app.account_id to the account it acts for.';
  end if;

  -- Repeatable read takes its snapshot before the advisory locks below are granted, so
  -- it could miss a lead another session just created and insert a duplicate.
  if pg_catalog.current_setting('transaction_isolation') = 'repeatable read' then
    raise exception using
      errcode = '0A000',
      message = 'unsupported_isolation_level',
      detail = 'find_or_create_lead cannot guarantee one lead per identity under repeatable read',
      hint = 'Call it under read committed (the default) or serializable.';
  end if;

  v_in := brain.validate_lead_input(p_lead);

  -- Serialize every call that shares an identity key with this one. Locks are taken in
  -- the order of their lock ids, so two calls never wait on each other in a cycle.
  for v_lock in
    select distinct pg_catalog.hashtextextended(k.key, 0) as lock_id
    from pg_catalog.unnest(array[
      case when v_in.external_id is not null
           then pg_catalog.format('lead:%s:external_id:%s:%s', p_account_id, v_in.source, v_in.external_id) end,
      case when v_in.email is not null then pg_catalog.format('lead:%s:email:%s', p_account_id, v_in.email) end,
      case when v_in.phone is not null then pg_catalog.format('lead:%s:phone:%s', p_account_id, v_in.phone) end
    ]) as k(key)
    where k.key is not null
    order by lock_id
  loop
    perform pg_catalog.pg_advisory_xact_lock(v_lock);
  end loop;

  for v_attempt in 1..2 loop
    select m.lead_id, m.matched_by into v_lead_id, v_matched_by
    from brain.match_lead(p_account_id, v_in.source, v_in.external_id, v_in.email, v_in.phone) m;
    exit when v_lead_id is not null;

    insert into public.leads (
      account_id, source, external_id, email, phone, phone_line_type, first_name, last_name,
      company_name, city, region, postal_code, country, timezone, attributes, first_seen_at)
    values (
      p_account_id, v_in.source, v_in.external_id, v_in.email, v_in.phone, coalesce(v_in.phone_line_type, 'unknown'),
      v_in.first_name, v_in.last_name, v_in.company_name, v_in.city, v_in.region, v_in.postal_code, v_in.country,
      v_in.timezone, coalesce(v_in.attributes, '{}'::jsonb), v_in.first_seen_at)
    on conflict on constraint leads_account_source_external_id_key do nothing
    returning id into v_lead_id;
    if v_lead_id is not null then
      v_matched_by := 'created';
      v_created := true;
      exit;
    end if;
    -- The external id was inserted by a writer that bypassed the advisory lock; it is
    -- committed now, so the second attempt matches it.
  end loop;
  if v_lead_id is null then
    raise exception using
      errcode = 'P0001',
      message = 'lead_intake_conflict',
      detail = pg_catalog.format('lead %s/%s kept conflicting with a concurrent insert', v_in.source, v_in.external_id),
      hint = 'Retry the call.';
  end if;

  if not v_created then
    v_filled := brain.merge_lead(v_lead_id, v_in);
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, reason, actor, payload)
  values (
    p_account_id, v_lead_id,
    case when v_created then 'lead_created' else 'lead_matched' end,
    v_matched_by,
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text),
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'source', v_in.source,
      'external_id', v_in.external_id,
      'filled_fields', case when v_created then null else pg_catalog.to_jsonb(v_filled) end)));

  lead_id := v_lead_id;
  matched_by := v_matched_by;
  created := v_created;
  return next;
end
$$;

comment on function public.find_or_create_lead(uuid, jsonb) is
$c$The single entry point for lead intake and matching (seed 003 §6). Returns one row (lead_id, matched_by, created).
Inputs: p_account_id, the account (must equal app.account_id when that is set); p_lead, a JSON object with source (required, ^[a-z0-9][a-z0-9_]{0,39}$) and optional external_id (string or number), email, phone (already E.164), first_name, last_name, company_name, phone_line_type, city, region, postal_code, country, timezone, attributes (object), first_seen_at. Text values are trimmed; empty strings and JSON nulls count as missing; email is lower-cased, country upper-cased. Unknown keys are refused, so a misspelt key cannot silently create a duplicate.
Matching, first rule that finds a lead wins (oldest lead when a rule finds several; leads of every status match): 1 external_id with the same source; 2 email = leads.email; 3 email in leads.alternate_emails; 4 phone = leads.phone. matched_by is external_id | email | alternate_email | phone, or created (created = true) when nothing matched and the lead was inserted.
On a match, fields the lead lacks are filled in and nothing it has is overwritten (phone_line_type 'unknown' counts as missing; attributes keys are added; external_id only when the lead has none and the same source); an email that differs from the primary is added once to alternate_emails (which never holds the primary); first_seen_at keeps the earliest value. Every call appends a lead_events row: lead_created or lead_matched, reason = matched_by, payload {source, external_id, filled_fields}.
Concurrency: transaction-scoped advisory locks on every identity key present (account+source+external_id, account+email, account+phone), taken in lock-id order, so concurrent calls for one identity yield one lead. Runs under read committed or serializable.
Errors (nothing is changed): 22023 invalid_lead (detail names the field, e.g. phone "+1 305" is not E.164); 42501 account_mismatch (p_account_id is not app.account_id); P0002 account_not_found (account missing or not visible to the caller, e.g. the API role without app.account_id); 0A000 unsupported_isolation_level (repeatable read); P0001 lead_intake_conflict (the lead vanished or kept conflicting with a concurrent writer; retry).$c$;

revoke execute on function public.find_or_create_lead(uuid, jsonb) from public;
grant execute on function public.find_or_create_lead(uuid, jsonb) to revenue_api, revenue_worker;
