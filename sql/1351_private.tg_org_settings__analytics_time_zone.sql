-- The analytics count days in the account's time zone: a new zone recounts every lead.
create or replace function private.tg_org_settings__analytics_time_zone()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  insert into public.analytics_dirty_leads (account_id, lead_id)
  select new.account_id, f.lead_id from public.analytics_touch_facts f where f.account_id = new.account_id
  union
  select new.account_id, b.lead_id from public.analytics_booking_facts b where b.account_id = new.account_id;
  return null;
end
$$;

comment on function private.tg_org_settings__analytics_time_zone() is
  'Trigger (after update of org_settings.timezone): appends every lead the account''s analytics count to analytics_dirty_leads, so brain.refresh_analytics moves their touches and bookings to the days of the new zone.';

revoke execute on function private.tg_org_settings__analytics_time_zone() from public;

create or replace trigger analytics_time_zone after update of timezone on public.org_settings
  for each row when (old.timezone is distinct from new.timezone)
  execute function private.tg_org_settings__analytics_time_zone();
