-- The import_leads job reads the stored file a piece at a time (and parses it as a
-- stream), so the job never holds the whole file or all of its rows at once.
create or replace function brain.read_lead_import_content(p_import_id uuid, p_offset integer, p_length integer)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  if p_import_id is null or p_offset is null or p_offset < 0 or p_length is null or p_length < 1 then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'p_import_id is required, p_offset must be 0 or more and p_length 1 or more';
  end if;
  return (select pg_catalog.substr(i.content, p_offset + 1, p_length) from public.lead_imports i where i.id = p_import_id);
end
$$;

comment on function brain.read_lead_import_content(uuid, integer, integer) is
  'Called by the import_leads job to read a stored CSV a piece at a time: up to p_length characters of lead_imports.content after the first p_offset characters. An empty string past the end; null when the import has no stored file (it ended: done or failed, or an unknown id). Errors: 22023 invalid_argument (a negative offset, a length below 1).';

revoke execute on function brain.read_lead_import_content(uuid, integer, integer) from public;
grant execute on function brain.read_lead_import_content(uuid, integer, integer) to revenue_worker;
