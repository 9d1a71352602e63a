-- Follow-up sequences: a lead that becomes suppressed (status or lead_state), or whose
-- "auto follow-ups" switch is turned off, has its running sequence runs paused at once.
create or replace function private.tg_leads__pause_sequences()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform brain.pause_lead_sequences(array[new.id],
    case when new.status = 'suppressed' or new.lead_state = 'suppressed' then 'suppressed' else 'auto_followups_off' end,
    null, pg_catalog.now());
  return null;
end
$$;

comment on function private.tg_leads__pause_sequences() is
  'Trigger: a lead whose status or lead_state becomes suppressed has its active sequence runs paused (suppressed); one whose auto_followups_enabled turns false, paused with auto_followups_off (brain.pause_lead_sequences).';

create or replace trigger pause_sequences after update of status, lead_state, auto_followups_enabled on public.leads
  for each row
  when ((new.status = 'suppressed' and old.status is distinct from 'suppressed')
        or (new.lead_state = 'suppressed' and old.lead_state is distinct from 'suppressed')
        or (not new.auto_followups_enabled and old.auto_followups_enabled))
  execute function private.tg_leads__pause_sequences();
