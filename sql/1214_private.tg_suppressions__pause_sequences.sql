-- Follow-up sequences: a suppression of every channel (an operator's entry, a "stop all")
-- pauses the matching leads' runs in the same statement. A suppression of one channel
-- leaves them: the step on that channel is then canceled at claim, which pauses the run
-- with the reason. Set-based: one statement per insert statement.
create or replace function private.tg_suppressions__pause_sequences()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform brain.pause_lead_sequences(array(
    select distinct l.id
    from new_rows s
    join public.leads l on l.account_id = s.account_id
     and (l.id = s.lead_id or l.phone = s.phone or l.email = s.email)
    where s.channel is null and s.lifted_at is null
      and exists (select 1 from public.sequence_enrollments e where e.lead_id = l.id and e.status = 'active')),
    'suppressed', null, pg_catalog.now());
  return null;
end
$$;

comment on function private.tg_suppressions__pause_sequences() is
  'Trigger (per statement): suppressions inserted without a channel (all channels) pause the active sequence runs of the leads they match by lead_id, phone or email (brain.pause_lead_sequences, reason suppressed).';

create or replace trigger pause_sequences after insert on public.suppressions
  referencing new table as new_rows
  for each statement execute function private.tg_suppressions__pause_sequences();
