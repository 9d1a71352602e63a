-- A new enrollment is due at enrolled_at plus its current step's delay.
create or replace function private.tg_campaign_leads__set_next_step_at()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
begin
  if new.next_step_at is null then
    new.next_step_at := new.enrolled_at + pg_catalog.make_interval(mins => coalesce(
      (select s.delay_minutes from public.campaign_steps s
       where s.account_id = new.account_id and s.campaign_id = new.campaign_id and s.step = new.current_step), 0));
  end if;
  return new;
end
$$;

comment on function private.tg_campaign_leads__set_next_step_at() is
  'Trigger: fills campaign_leads.next_step_at on enrollment (enrolled_at + the current step''s delay_minutes) when the caller did not.';

create or replace trigger set_next_step_at before insert on public.campaign_leads
  for each row execute function private.tg_campaign_leads__set_next_step_at();
