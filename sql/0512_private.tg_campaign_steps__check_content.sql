-- Strict templates (issue 13): a step naming an unknown variable cannot be saved, and
-- a step of a running campaign must say what it sends.
create or replace function private.tg_campaign_steps__check_content()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_campaign public.campaigns;
begin
  select c.* into v_campaign from public.campaigns c where c.id = new.campaign_id;
  perform brain.assert_step_content(v_campaign.campaign_key, new.step, new.channel::text, new.body, new.subject,
                                    v_campaign.is_active);
  return null;
end
$$;

comment on function private.tg_campaign_steps__check_content() is
  'Constraint trigger on campaign_steps (deferrable, initially immediate): brain.assert_step_content on every insert and update, so a body or subject naming an unknown variable is refused (unknown_template_variable), and a step of an active campaign without a body (or an email step without a subject) is refused.';

-- Constraint triggers cannot be created "or replace".
drop trigger if exists check_content on public.campaign_steps;
create constraint trigger check_content after insert or update on public.campaign_steps
  deferrable initially immediate
  for each row execute function private.tg_campaign_steps__check_content();
