-- Lead intake, step 1: the shape and values of an incoming lead. Pure validation and
-- normalization; it reads no table, so matching and merging work on clean values only.
create or replace function brain.validate_lead_input(p_lead jsonb)
returns public.leads
language plpgsql
stable
set search_path = ''
as $$
declare
  c_keys constant text[] := array[
    'source', 'external_id', 'email', 'phone', 'first_name', 'last_name', 'company_name',
    'phone_line_type', 'city', 'region', 'postal_code', 'country', 'timezone', 'attributes',
    'first_seen_at'];
  c_ws constant text := E' \t\r\n';
  v_key text;
  v_type text;
  v_max int;
  v_value text;
  v_email text;
  v_phone text;
  v_phone_line_type text;
  v_country text;
  v_timezone text;
  v_in public.leads;
begin
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
  v_in.source := nullif(pg_catalog.btrim(p_lead ->> 'source', c_ws), '');
  v_in.external_id := nullif(pg_catalog.btrim(p_lead ->> 'external_id', c_ws), '');
  v_email := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'email', c_ws), ''));
  v_phone := nullif(pg_catalog.btrim(p_lead ->> 'phone', c_ws), '');
  v_in.first_name := nullif(pg_catalog.btrim(p_lead ->> 'first_name', c_ws), '');
  v_in.last_name := nullif(pg_catalog.btrim(p_lead ->> 'last_name', c_ws), '');
  v_in.company_name := nullif(pg_catalog.btrim(p_lead ->> 'company_name', c_ws), '');
  v_phone_line_type := pg_catalog.lower(nullif(pg_catalog.btrim(p_lead ->> 'phone_line_type', c_ws), ''));
  v_in.city := nullif(pg_catalog.btrim(p_lead ->> 'city', c_ws), '');
  v_in.region := nullif(pg_catalog.btrim(p_lead ->> 'region', c_ws), '');
  v_in.postal_code := nullif(pg_catalog.btrim(p_lead ->> 'postal_code', c_ws), '');
  v_country := pg_catalog.upper(nullif(pg_catalog.btrim(p_lead ->> 'country', c_ws), ''));
  v_timezone := nullif(pg_catalog.btrim(p_lead ->> 'timezone', c_ws), '');
  v_in.attributes := nullif(p_lead -> 'attributes', 'null'::jsonb);

  -- Validate the values, with the domains themselves where one exists.
  if v_in.source is null then
    raise exception using
      errcode = '22023', message = 'invalid_lead', detail = 'source is required';
  end if;
  if v_in.source !~ '^[a-z0-9][a-z0-9_]{0,39}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('source %s must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit',
                                 pg_catalog.to_jsonb(v_in.source)::text);
  end if;
  if v_email is not null then
    begin
      v_in.email := v_email::public.email_address;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('email %s is not a valid email address', pg_catalog.to_jsonb(p_lead ->> 'email')::text);
    end;
  end if;
  if v_phone is not null then
    begin
      v_in.phone := v_phone::public.e164_phone;
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
  v_in.phone_line_type := v_phone_line_type;
  if v_country is not null and v_country !~ '^[A-Z]{2}$' then
    raise exception using
      errcode = '22023',
      message = 'invalid_lead',
      detail = pg_catalog.format('country %s is not an ISO 3166-1 alpha-2 code', pg_catalog.to_jsonb(p_lead ->> 'country')::text);
  end if;
  v_in.country := v_country;
  if v_timezone is not null then
    begin
      v_in.timezone := v_timezone::public.time_zone;
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
      v_in.first_seen_at := v_value::timestamptz;
    exception when data_exception then
      raise exception using
        errcode = '22023',
        message = 'invalid_lead',
        detail = pg_catalog.format('first_seen_at %s is not a timestamp', pg_catalog.to_jsonb(v_value)::text);
    end;
  end if;
  return v_in;
end
$$;

comment on function brain.validate_lead_input(jsonb) is
  'Lead intake step 1 (public.find_or_create_lead): checks an incoming lead (a JSON object with only the known keys source, external_id, email, phone, first_name, last_name, company_name, phone_line_type, city, region, postal_code, country, timezone, attributes, first_seen_at; each of the right type and length) and returns it normalized as a leads row with only those fields set: text trimmed, empty strings and JSON nulls as null, email lower-cased, country upper-cased, phone_line_type lower-cased (null when not given). Reads no table. 22023 invalid_lead, the detail naming the field (source required and ^[a-z0-9][a-z0-9_]{0,39}$; email, phone E.164, timezone by their domains; country ISO alpha-2; first_seen_at a timestamp).';

revoke execute on function brain.validate_lead_input(jsonb) from public;
grant execute on function brain.validate_lead_input(jsonb) to revenue_api, revenue_worker;
