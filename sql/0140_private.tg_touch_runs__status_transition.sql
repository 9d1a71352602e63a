-- The touch_runs status lifecycle: a status change must be listed in
-- public.touch_run_status_transitions; the matching timestamp is filled in.
create or replace function private.tg_touch_runs__status_transition()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.touch_run_status_transitions t
    where t.from_status = old.status and t.to_status = new.status
  ) then
    raise exception using
      errcode = 'P0001',
      message = 'invalid_touch_run_transition',
      detail = pg_catalog.format('%s → %s is not allowed (touch %s)', old.status, new.status, old.id),
      hint = 'The allowed changes are listed in public.touch_run_status_transitions.';
  end if;

  case new.status
    when 'sending' then new.claimed_at := coalesce(new.claimed_at, pg_catalog.now());
    when 'sent' then new.sent_at := coalesce(new.sent_at, pg_catalog.now());
    when 'delivered' then new.delivered_at := coalesce(new.delivered_at, pg_catalog.now());
    when 'failed' then new.failed_at := coalesce(new.failed_at, pg_catalog.now());
    when 'canceled' then new.canceled_at := coalesce(new.canceled_at, pg_catalog.now());
    else null;
  end case;
  return new;
end
$$;

comment on function private.tg_touch_runs__status_transition() is
  'Trigger: refuses status changes not in touch_run_status_transitions (invalid_touch_run_transition) and stamps claimed_at/sent_at/delivered_at/failed_at/canceled_at.';

create or replace trigger status_transition before update of status on public.touch_runs
  for each row when (old.status is distinct from new.status)
  execute function private.tg_touch_runs__status_transition();
