create or replace function brain.record_inbound_post_process(p_inbound_message_id uuid, p_now timestamptz default now())
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_message public.inbound_messages;
begin
  select m.* into v_message from public.inbound_messages m where m.id = p_inbound_message_id;
  if not found then
    return false;
  end if;
  return brain.record_event(v_message.account_id, v_message.lead_id, 'inbound_post_processed', 'inbound_post_process',
    'internal', pg_catalog.jsonb_build_object('inbound_message_id', v_message.id, 'stage', 'rules_only'),
    v_message.channel::text, p_now, 'inbound_post_process:' || v_message.id::text) is not null;
end
$$;

comment on function brain.record_inbound_post_process(uuid, timestamptz) is
  'The inbound_post_process job''s record that it ran for a message (once; the AI stage will add its findings here). Returns false when the message does not exist or was already processed.';

revoke execute on function brain.record_inbound_post_process(uuid, timestamptz) from public;
grant execute on function brain.record_inbound_post_process(uuid, timestamptz) to revenue_worker;
