-- Keeps updated_at current on every table that has one.
create or replace function private.tg__set_updated_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end
$$;

comment on function private.tg__set_updated_at() is
  'Trigger: sets updated_at to now() on every UPDATE.';

create or replace trigger set_updated_at before update on public.accounts
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.org_settings
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.users
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.account_members
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.account_provider_settings
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.account_provider_credentials
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.leads
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.campaigns
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.campaign_steps
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.campaign_leads
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.touch_runs
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.outbound_messages
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.lead_timers
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.call_queue
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on lead_hunter.craigslist_tasks_v1
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.lead_imports
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.ai_personas
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.ai_drafts
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.sequences
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.sequence_steps
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.sequence_enrollments
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.appointments
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.sequence_step_drafts
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.availability_caches
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.offered_slots
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.booking_attempts
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.setter_tasks
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.notification_preferences
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.notification_user_settings
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.notification_deliveries
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.integration_health
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.sender_reputation
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.phone_lookup_cache
  for each row execute function private.tg__set_updated_at();
create or replace trigger set_updated_at before update on public.email_domain_cache
  for each row execute function private.tg__set_updated_at();
