-- The console's CSV upload: stores the file and its header mapping for the account in
-- app.account_id; the insert trigger queues the import_leads job. Nothing is imported here.
create or replace function public.create_lead_import(
  p_created_by uuid,
  p_file_name text,
  p_content text,
  p_content_bytes integer,
  p_columns text[],
  p_column_map jsonb,
  p_delimiter text default ',',
  p_source text default 'csv_import',
  p_default_country text default 'US',
  p_campaign_id uuid default null,
  p_now timestamptz default now()
)
returns table (id uuid, status text)
language plpgsql
volatile
set search_path = ''
as $$
declare
  c_fields constant text[] := array[
    'first_name', 'last_name', 'full_name', 'company_name', 'phone', 'email', 'city', 'region', 'postal_code',
    'country', 'source', 'external_id', 'phone_line_type', 'timezone'];
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_key text;
  v_value jsonb;
  v_id uuid;
begin
  if v_account is null then
    raise exception using errcode = '42501', message = 'no_account',
      detail = 'app.account_id is not set, so there is no account to import into';
  end if;
  if not exists (select 1 from public.account_members m where m.account_id = v_account and m.user_id = p_created_by) then
    raise exception using errcode = '42501', message = 'not_a_member',
      detail = pg_catalog.format('user %s is not a member of account %s', p_created_by, v_account);
  end if;
  if p_file_name is null or pg_catalog.length(p_file_name) not between 1 and 255 then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the file name must have 1 to 255 characters';
  end if;
  if p_content is null or pg_catalog.btrim(p_content, E' \t\r\n') = '' then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the file is empty';
  end if;
  if p_content_bytes is null or p_content_bytes not between 1 and 20971520 then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = pg_catalog.format('the file has %s bytes; the limit is 20 MiB (20971520 bytes)', p_content_bytes);
  end if;
  if p_columns is null or pg_catalog.cardinality(p_columns) not between 1 and 500 then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the header must have 1 to 500 columns';
  end if;
  if p_column_map is null or pg_catalog.jsonb_typeof(p_column_map) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the column map must be a JSON object';
  end if;
  for v_key, v_value in select e.key, e.value from pg_catalog.jsonb_each(p_column_map) e order by e.key loop
    if not (v_key = any (c_fields)) then
      raise exception using errcode = '22023', message = 'invalid_import',
        detail = pg_catalog.format('the column map names an unknown lead field %s', pg_catalog.to_jsonb(v_key)::text);
    end if;
    if not (case when pg_catalog.jsonb_typeof(v_value) = 'number'
                 then v_value::numeric = pg_catalog.trunc(v_value::numeric)
                      and v_value::numeric between 0 and pg_catalog.cardinality(p_columns) - 1
                 else false end) then
      raise exception using errcode = '22023', message = 'invalid_import',
        detail = pg_catalog.format('the column map sends %s to %s, which is not a column of the header', v_key, v_value::text);
    end if;
  end loop;
  if not (p_column_map ? 'phone' or p_column_map ? 'email') then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'the header has neither a phone nor an email column, so no row could be imported';
  end if;
  if p_delimiter is null or p_delimiter not in (',', ';', E'\t') then
    raise exception using errcode = '22023', message = 'invalid_import', detail = 'the delimiter must be a comma, a semicolon or a tab';
  end if;
  if p_source is null or p_source !~ '^[a-z0-9][a-z0-9_]{0,39}$' then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'source must be 1 to 40 lower-case letters, digits or _, starting with a letter or digit';
  end if;
  if p_default_country is null or p_default_country !~ '^[A-Z]{2}$' then
    raise exception using errcode = '22023', message = 'invalid_import',
      detail = 'default_country must be an ISO 3166-1 alpha-2 code such as US or MX';
  end if;
  if p_campaign_id is not null then
    -- Row-level security: another account's campaign is not found.
    if not exists (select 1 from public.campaigns c where c.id = p_campaign_id and c.account_id = v_account) then
      raise exception using errcode = 'P0002', message = 'campaign_not_found',
        detail = pg_catalog.format('no campaign %s in this account', p_campaign_id);
    end if;
    if not exists (select 1 from public.campaign_steps s where s.campaign_id = p_campaign_id and s.step = 1) then
      raise exception using errcode = '22023', message = 'campaign_has_no_steps',
        detail = 'the campaign has no step 1, so imported leads could not be enrolled in it';
    end if;
  end if;

  insert into public.lead_imports as i (
    account_id, created_by, file_name, content, content_bytes, delimiter, columns, column_map, source,
    default_country, campaign_id, created_at, updated_at)
  values (
    v_account, p_created_by, p_file_name, p_content, p_content_bytes, p_delimiter, p_columns, p_column_map, p_source,
    p_default_country, p_campaign_id, p_now, p_now)
  returning i.id into v_id;

  id := v_id;
  status := 'queued';
  return next;
end
$$;

comment on function public.create_lead_import(uuid, text, text, integer, text[], jsonb, text, text, text, uuid, timestamptz) is
$c$Stores an uploaded CSV for import into the account named by app.account_id and returns (id, status = queued); the insert queues graphile-worker job import_leads (job_key import_leads:<id>), which does the work. Nothing is imported here.
Inputs: p_created_by, a member of the account; p_file_name (1..255 characters); p_content, the CSV text (not blank) and p_content_bytes its size as uploaded (at most 20 MiB); p_columns, the header row as read (1..500); p_column_map, lead field → zero-based column index (fields: first_name, last_name, full_name, company_name, phone, email, city, region, postal_code, country, source, external_id, phone_line_type, timezone; phone or email required); p_delimiter , ; or tab; p_source, the lead source for rows without one; p_default_country, ISO alpha-2, for national phone numbers of rows without a country; p_campaign_id, optional campaign (with a step 1) to enroll imported leads in.
Errors (nothing is written): 42501 no_account (app.account_id unset) or not_a_member; 22023 invalid_import (detail says which input) or campaign_has_no_steps; P0002 campaign_not_found (not in this account).$c$;

revoke execute on function public.create_lead_import(uuid, text, text, integer, text[], jsonb, text, text, text, uuid, timestamptz) from public;
grant execute on function public.create_lead_import(uuid, text, text, integer, text[], jsonb, text, text, text, uuid, timestamptz) to revenue_api;
