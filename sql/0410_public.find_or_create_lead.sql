-- The single entry point for lead intake: validates and normalizes an incoming lead,
-- matches it against the account's leads (seed 003 §6: external id, email, alternate
-- emails, phone), fills in what the matched lead is missing, or creates it. Concurrent
-- calls for the same identity are serialized by advisory locks, so no duplicate is created.
create or replace function public.find_or_create_lead(p_account_id uuid, p_lead jsonb)
returns table (lead_id uuid, matched_by text, created boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  c_keys constant text[] := array[
    'source', 'external_id', 'email', 'phone', 'first_name', 'last_name', 'company_name',
    'phone_line_type', 'city', 'region', 'postal_code', 'country', 'timezone', 'attributes',
    'first_seen_at'];
  c_ws constant text := E' \t\r\n';
  v_session_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_key text;
  v_type text;
  v_max int;
  v_value text;
  v_source text;
  v_external_id text;
  v_email text;
  v_phone text;
  v_first_name text;
  v_last_name text;
  v_company_name text;
  v_phone_line_type text;
  v_city text;
  v_region text;
  v_postal_code text;
  v_country text;
  v_timezone text;
  v_attributes jsonb;
  v_first_seen_at timestamptz;
  v_lock bigint;
  v_attempt int;
  v_lead_id uuid;
  v_matched_by text;
  v_created boolean := false;
  v_lead public.leads%rowtype;
  v_new public.leads%rowtype;
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

  -- Shape: a JSON object whose keys are all known and whose values have the right type.
  if p_lead is null or pg_catalog.jsonb_typeof(p_lead) <> 'object' then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'p_lead must be a JSON object';
  end if;
  for v_key, v_type in
    select e.key, pg_catalog.jsonb_typeof(e.value) from pg_catalog.jsonb_each(p_lead) e order by e.key
  loop
    if not (v_key = any (c_keys)) then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('unknown key %s; the known keys are %s',
                                   pg_catalog.to_jsonb(v_key)::text, pg_catalog.array_to_string(c_keys, ', '));
    end if;
    continue when v_type = 'null';
    if v_key = 'attributes' then
      if v_type <> 'object' then
        raise exception using
          errcode = '22023', message = 'invalid_lead', detail = 'attributes must be a JSON object';
      end if;
    elsif v_key = 'external_id' then
      if v_type not in ('string', 'number') then
        raise exception using
          errcode = '22023', message = 'invalid_lead', detail = 'external_id must be a string or a number';
      end if;
    elsif v_type <> 'string' then
      raise exception using
        errcode = '22023', message = 'invalid_lead', detail = pg_catalog.format('%s must be a string', v_key);
    end if;
  end loop;

  -- Lengths of the free-text fields (the same limits as the leads table).
  for v_key, v_max in
    select * from (values ('external_id', 200), ('first_name', 200), ('last_name', 200), ('company_name', 200),
                          ('city', 120), ('region', 120), ('postal_code', 20)) as l(key, max_length)
  loop
    if pg_catalog.length(pg_catalog.btrim(p_lead ->> v_key, c_ws)) > v_max then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('%s is longer than %s characters', v_key, v_max);
    end if;
  end loop;

  -- Normalize: trim every text value; an empty string counts as missing.
  v_source := nullif(pg_catalog.btrim(p_lead ->> 'source', c_ws), '');
  v_external_id := nullif(pg_catalog.btrim(p_lead ->> 'external_id', c_ws), '');
  v_email := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'email', c_ws), ''));
  v_phone := nullif(pg_catalog.btrim(p_lead ->> 'phone', c_ws), '');
  v_first_name := nullif(pg_catalog.btrim(p_lead ->> 'first_name', c_ws), '');
  v_last_name := nullif(pg_catalog.btrim(p_lead ->> 'last_name', c_ws), '');
  v_company_name := nullif(pg_catalog.btrim(p_lead ->> 'company_name', c_ws), '');
  v_phone_line_type := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'phone_line_type', c_ws), ''));
  v_city := nullif(pg_catalog.btrim(p_lead ->> 'city', c_ws), '');
  v_region := nullif(pg_catalog.btrim(p_lead ->> 'region', c_ws), '');
  v_postal_code := nullif(pg_catalog.btrim(p_lead ->> 'postal_code', c_ws), '');
  v_country := pg_catalog.upper(nullif(pg_catalog.btrim(p_lead ->> 'country', c_ws), ''));
  v_timezone := nullif(pg_catalog.btrim(p_lead ->> 'timezone', c_ws), '');
  v_attributes := nullif(p_lead -> 'attributes', 'null'::jsonb);

  -- Validate the values, with the domains themselves where one exists.
  if v_source is null then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'source is required';
  end if;
  if v_source !~ '^[a-z0-9][a-z0-9_]{0,39}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('source %s must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit',
                                 pg_catalog.to_jsonb(v_source)::text);
  end if;
  if v_email is not null then
    begin
      perform v_email::public.email_address;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('email %s is not a valid email address', pg_catalog.to_jsonb(p_lead ->> 'email')::text);
    end;
  end if;
  if v_phone is not null then
    begin
      perform v_phone::public.e164_phone;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('phone %s is not E.164', pg_catalog.to_jsonb(p_lead ->> 'phone')::text),
        hint = 'Normalize the number to E.164 (e.g. +13055550100) before calling.';
    end;
  end if;
  if v_phone_line_type is not null and v_phone_line_type not in ('mobile', 'landline', 'voip', 'unknown') then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('phone_line_type %s must be mobile, landline, voip or unknown',
                                 pg_catalog.to_jsonb(p_lead ->> 'phone_line_type')::text);
  end if;
  if v_country is not null and v_country !~ '^[A-Z]{2}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('country %s is not an ISO 3166-1 alpha-2 code', pg_catalog.to_jsonb(p_lead ->> 'country')::text);
  end if;
  if v_timezone is not null then
    begin
      perform v_timezone::public.time_zone;
    exception when data_exception or check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('timezone %s is not a time zone known to the server', pg_catalog.to_jsonb(v_timezone)::text);
    end;
  end if;
  v_value := nullif(pg_catalog.btrim(p_lead ->> 'first_seen_at', c_ws), '');
  if v_value is not null then
    begin
      v_first_seen_at := v_value::timestamptz;
    exception when data_exception then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('first_seen_at %s is not a timestamp', pg_catalog.to_jsonb(v_value)::text);
    end;
  end if;

  -- Serialize every call that shares an identity key with this one. Locks are taken in
  -- the order of their lock ids, so two calls never wait on each other in a cycle.
  for v_lock in
    select distinct pg_catalog.hashtextextended(k.key, 0) as lock_id
    from pg_catalog.unnest(array[
      case when v_external_id is not null
           then pg_catalog.format('lead:%s:external_id:%s:%s', p_account_id, v_source, v_external_id) end,
      case when v_email is not null then pg_catalog.format('lead:%s:email:%s', p_account_id, v_email) end,
      case when v_phone is not null then pg_catalog.format('lead:%s:phone:%s', p_account_id, v_phone) end
    ]) as k(key)
    where k.key is not null
    order by lock_id
  loop
    perform pg_catalog.pg_advisory_xact_lock(v_lock);
  end loop;

  -- Match in priority order; the first rule that finds a lead wins. When a rule finds
  -- several leads, the oldest is taken. Leads of any status match (a suppressed lead
  -- must not come back as a new, contactable one).
  for v_attempt in 1..2 loop
    v_lead_id := null;
    if v_external_id is not null then
      select l.id into v_lead_id
      from public.leads l
      where l.account_id = p_account_id and l.source = v_source and l.external_id = v_external_id;
      if found then
        v_matched_by := 'external_id';
      end if;
    end if;
    if v_lead_id is null and v_email is not null then
      select l.id into v_lead_id
      from public.leads l
      where l.account_id = p_account_id and l.email = v_email::public.email_address
      order by l.created_at, l.id
      limit 1;
      if found then
        v_matched_by := 'email';
      end if;
    end if;
    if v_lead_id is null and v_email is not null then
      -- offset 0 keeps the limit out of the scan: with "order by created_at limit 1" the
      -- planner walks the account's leads by created_at hoping for an early match, and
      -- reads them all when (as usual) there is none; this way it asks the GIN index.
      select a.id into v_lead_id
      from (select l.id, l.created_at
            from public.leads l
            where l.account_id = p_account_id
              and l.alternate_emails @> array[v_email::public.email_address]
            offset 0) a
      order by a.created_at, a.id
      limit 1;
      if found then
        v_matched_by := 'alternate_email';
      end if;
    end if;
    if v_lead_id is null and v_phone is not null then
      select l.id into v_lead_id
      from public.leads l
      where l.account_id = p_account_id and l.phone = v_phone::public.e164_phone
      order by l.created_at, l.id
      limit 1;
      if found then
        v_matched_by := 'phone';
      end if;
    end if;
    exit when v_lead_id is not null;

    insert into public.leads (
      account_id, source, external_id, email, phone, phone_line_type, first_name, last_name,
      company_name, city, region, postal_code, country, timezone, attributes, first_seen_at)
    values (
      p_account_id, v_source, v_external_id, v_email, v_phone, coalesce(v_phone_line_type, 'unknown'),
      v_first_name, v_last_name, v_company_name, v_city, v_region, v_postal_code, v_country, v_timezone,
      coalesce(v_attributes, '{}'::jsonb), v_first_seen_at)
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
      detail = pg_catalog.format('lead %s/%s kept conflicting with a concurrent insert', v_source, v_external_id),
      hint = 'Retry the call.';
  end if;

  if not v_created then
    -- Fill in what the lead is missing; never overwrite a value it has.
    select l.* into v_lead from public.leads l where l.id = v_lead_id for update;
    if not found then
      raise exception using
        errcode = 'P0001',
        message = 'lead_intake_conflict',
        detail = pg_catalog.format('lead %s was deleted while it was being matched', v_lead_id),
        hint = 'Retry the call.';
    end if;
    v_new := v_lead;
    v_new.email := coalesce(v_lead.email, v_email);
    v_new.alternate_emails := (
      select coalesce(pg_catalog.array_agg(a.email order by a.position), '{}')
      from (
        select u.email, pg_catalog.min(u.position) as position
        from pg_catalog.unnest(v_lead.alternate_emails::text[] || v_email) with ordinality as u(email, position)
        where u.email is not null and u.email is distinct from v_new.email::text
        group by u.email
      ) a);
    v_new.phone := coalesce(v_lead.phone, v_phone);
    v_new.phone_line_type := case when v_lead.phone_line_type = 'unknown'
                                  then coalesce(v_phone_line_type, 'unknown') else v_lead.phone_line_type end;
    if v_lead.external_id is null and v_lead.source = v_source then
      v_new.external_id := v_external_id;
    end if;
    v_new.first_name := coalesce(v_lead.first_name, v_first_name);
    v_new.last_name := coalesce(v_lead.last_name, v_last_name);
    v_new.company_name := coalesce(v_lead.company_name, v_company_name);
    v_new.city := coalesce(v_lead.city, v_city);
    v_new.region := coalesce(v_lead.region, v_region);
    v_new.postal_code := coalesce(v_lead.postal_code, v_postal_code);
    v_new.country := coalesce(v_lead.country, v_country);
    v_new.timezone := coalesce(v_lead.timezone, v_timezone);
    v_new.attributes := coalesce(v_attributes, '{}'::jsonb) || v_lead.attributes;
    v_new.first_seen_at := least(v_lead.first_seen_at, v_first_seen_at);

    select coalesce(pg_catalog.array_agg(n.key order by n.key), '{}') into v_filled
    from pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_new)) n
    join pg_catalog.jsonb_each(pg_catalog.to_jsonb(v_lead)) o on o.key = n.key
    where n.value is distinct from o.value;

    if pg_catalog.cardinality(v_filled) > 0 then
      update public.leads l set
        email = v_new.email,
        alternate_emails = v_new.alternate_emails,
        phone = v_new.phone,
        phone_line_type = v_new.phone_line_type,
        external_id = v_new.external_id,
        first_name = v_new.first_name,
        last_name = v_new.last_name,
        company_name = v_new.company_name,
        city = v_new.city,
        region = v_new.region,
        postal_code = v_new.postal_code,
        country = v_new.country,
        timezone = v_new.timezone,
        attributes = v_new.attributes,
        first_seen_at = v_new.first_seen_at
      where l.id = v_lead_id;
    end if;
  end if;

  insert into public.lead_events (account_id, lead_id, event_type, reason, actor, payload)
  values (
    p_account_id, v_lead_id,
    case when v_created then 'lead_created' else 'lead_matched' end,
    v_matched_by,
    coalesce(nullif(pg_catalog.current_setting('app.actor', true), ''), current_user::text),
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'source', v_source,
      'external_id', v_external_id,
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
