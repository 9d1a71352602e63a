-- Marks a lead for brain.refresh_analytics when something the analytics count changes:
-- a touch reaching (or leaving) sent/delivered, a reply or its tag, an appointment.
create or replace function private.tg__analytics_dirty_lead()
returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_op <> 'DELETE' then
    insert into public.analytics_dirty_leads (account_id, lead_id) values (new.account_id, new.lead_id);
  end if;
  if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (old.account_id, old.lead_id) is distinct from (new.account_id, new.lead_id)) then
    insert into public.analytics_dirty_leads (account_id, lead_id) values (old.account_id, old.lead_id);
  end if;
  return null;
end
$$;

comment on function private.tg__analytics_dirty_lead() is
  'Trigger (after insert, update, delete, for each row) on touch_runs, inbound_messages and appointments: appends the row''s lead (and, when a merge moved the row, its former lead) to analytics_dirty_leads, for brain.refresh_analytics. The triggers'' WHEN clauses keep it to changes the analytics count: touches entering or leaving sent/delivered or moved while counted, every reply and change of its lead, time, tag, classification or automatic kind, every appointment and change of its lead, status or time. Security definer: every role that writes those tables marks leads without rights on the queue.';

revoke execute on function private.tg__analytics_dirty_lead() from public;

create or replace trigger analytics_dirty_insert after insert on public.touch_runs
  for each row when (new.status in ('sent', 'delivered'))
  execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_update
  after update of status, sent_at, lead_id, campaign_id, step, channel, sequence_enrollment_id, sequence_step on public.touch_runs
  for each row when ((old.status in ('sent', 'delivered') or new.status in ('sent', 'delivered'))
    and (old.status in ('sent', 'delivered'), old.sent_at, old.lead_id, old.campaign_id, old.step, old.channel,
         old.sequence_enrollment_id, old.sequence_step)
        is distinct from
        (new.status in ('sent', 'delivered'), new.sent_at, new.lead_id, new.campaign_id, new.step, new.channel,
         new.sequence_enrollment_id, new.sequence_step))
  execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_delete after delete on public.touch_runs
  for each row when (old.status in ('sent', 'delivered'))
  execute function private.tg__analytics_dirty_lead();

create or replace trigger analytics_dirty_insert after insert on public.inbound_messages
  for each row execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_update
  after update of lead_id, received_at, sentiment_tag, classification, auto_kind on public.inbound_messages
  for each row when ((old.lead_id, old.received_at, old.sentiment_tag, old.classification, old.auto_kind)
                     is distinct from (new.lead_id, new.received_at, new.sentiment_tag, new.classification, new.auto_kind))
  execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_delete after delete on public.inbound_messages
  for each row execute function private.tg__analytics_dirty_lead();

create or replace trigger analytics_dirty_insert after insert on public.appointments
  for each row execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_update
  after update of lead_id, status, created_at on public.appointments
  for each row when ((old.lead_id, old.status, old.created_at) is distinct from (new.lead_id, new.status, new.created_at))
  execute function private.tg__analytics_dirty_lead();
create or replace trigger analytics_dirty_delete after delete on public.appointments
  for each row execute function private.tg__analytics_dirty_lead();
