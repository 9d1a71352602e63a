-- Strict templates (issue 13): a campaign is switched on only when every step can send.
create or replace function private.tg_campaigns__check_steps_on_activate()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_step record;
begin
  if not new.is_active or (tg_op = 'UPDATE' and old.is_active) then
    return null;
  end if;
  for v_step in
    select s.step, s.channel::text as channel, s.body, s.subject
    from public.campaign_steps s where s.campaign_id = new.id order by s.step
  loop
    perform brain.assert_step_content(new.campaign_key, v_step.step, v_step.channel, v_step.body, v_step.subject, true);
  end loop;
  return null;
end
$$;

comment on function private.tg_campaigns__check_steps_on_activate() is
  'Constraint trigger on campaigns (deferrable, initially immediate): when a campaign becomes active (set_campaign_active, set_campaigns_active_bulk, autos.activate or any update), each of its steps must pass brain.assert_step_content: no unknown template variable, a body on every step (the call script for voice) and a subject on email steps. Otherwise the activation is refused with the step named.';

-- Constraint triggers cannot be created "or replace".
drop trigger if exists check_steps_on_activate on public.campaigns;
create constraint trigger check_steps_on_activate after insert or update of is_active on public.campaigns
  deferrable initially immediate
  for each row execute function private.tg_campaigns__check_steps_on_activate();
