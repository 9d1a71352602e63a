create or replace function brain.touch_sender(p_account_id uuid, p_channel text, p_persona text, p_lead_id uuid)
returns text
language plpgsql
stable
set search_path = ''
as $$
begin
  -- The lead's sender from its persona's pool: the same two rules a batch claim uses.
  return brain.pick_sender(brain.sender_pool(p_account_id, p_channel, p_persona), p_lead_id);
end
$$;

comment on function brain.touch_sender(uuid, text, text, uuid) is
  'Sender for a touch, from the default provider''s config.senders [{address, persona}]: the numbers of the lead''s persona (seed 004: each persona has its own numbers), else the initial persona''s, else all; among several, the lead always gets the same one (a hash of its id, brain.pick_sender), which also spreads sends across numbers; the pool is brain.sender_pool. Without senders: the account''s contact phone (contact email for email). Null when there is none.';
