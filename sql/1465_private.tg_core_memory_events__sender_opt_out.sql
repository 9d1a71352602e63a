-- A STOP-type opt-out by text counts against the number that last texted the lead (its
-- latest SMS or WhatsApp message before the opt-out): the number's opt-out alarm.
create or replace function private.tg_core_memory_events__sender_opt_out()
returns trigger
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_message uuid;
begin
  select m.id into v_message from public.outbound_messages m
  where m.lead_id = new.lead_id and m.account_id = new.account_id and m.created_at <= new.created_at
    and m.channel in ('sms', 'whatsapp') and m.status <> 'canceled'
  order by m.created_at desc
  limit 1;
  if v_message is not null then
    perform brain.record_sender_event(new.account_id, v_message, 'opt_out', new.created_at);
  end if;
  return null;
end
$$;

comment on function private.tg_core_memory_events__sender_opt_out() is
  'Trigger: an opt_out memory event on SMS or WhatsApp (a STOP-type reply) is recorded as an opt_out of the lead''s latest SMS / WhatsApp outbound message before it (brain.record_sender_event), which runs the number''s opt-out alarm. A lead we never texted counts against no number.';

create or replace trigger sender_opt_out after insert on public.core_memory_events
  for each row when (new.event_type = 'opt_out' and new.channel in ('sms', 'whatsapp'))
  execute function private.tg_core_memory_events__sender_opt_out();
