-- Append-only tables: rows are inserted, never changed or removed.
create or replace function private.tg__append_only()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'P0001',
    message = 'append_only_violation',
    detail = pg_catalog.format('%s.%s is append-only: %s is not allowed', tg_table_schema, tg_table_name, tg_op),
    hint = 'Record a new event instead of changing or removing an old one.';
end
$$;

comment on function private.tg__append_only() is
  'Trigger: refuses UPDATE, DELETE and TRUNCATE on append-only tables (append_only_violation).';

create or replace trigger append_only before update or delete on public.core_memory_events
  for each row execute function private.tg__append_only();
create or replace trigger append_only_truncate before truncate on public.core_memory_events
  for each statement execute function private.tg__append_only();
create or replace trigger append_only before update or delete on public.lead_events
  for each row execute function private.tg__append_only();
create or replace trigger append_only_truncate before truncate on public.lead_events
  for each statement execute function private.tg__append_only();
create or replace trigger append_only before update or delete on public.lead_assignment_events
  for each row execute function private.tg__append_only();
create or replace trigger append_only_truncate before truncate on public.lead_assignment_events
  for each statement execute function private.tg__append_only();
create or replace trigger append_only before update or delete on public.account_events
  for each row execute function private.tg__append_only();
create or replace trigger append_only_truncate before truncate on public.account_events
  for each statement execute function private.tg__append_only();
