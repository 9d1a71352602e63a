-- A bounce, complaint or opt-out, attributed to the outbound message it answers (and so
-- to that message's sender), once per message and kind; then the sender's guard.
create or replace function brain.record_sender_event(
  p_account_id uuid,
  p_outbound_message_id uuid,
  p_kind text,
  p_occurred_at timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_message record;
  v_sender text;
begin
  if p_kind is null or p_kind not in ('hard_bounce', 'soft_bounce', 'complaint', 'opt_out') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('%s is not a sender event: hard_bounce, soft_bounce, complaint or opt_out', coalesce(p_kind, 'null'));
  end if;
  select m.id, m.channel, m.from_address, m.created_at into v_message from public.outbound_messages m
  where m.id = p_outbound_message_id and m.account_id = p_account_id;
  if not found then
    return pg_catalog.jsonb_build_object('recorded', false, 'reason', 'unknown_message');
  end if;
  v_sender := coalesce(v_message.from_address, 'default');
  insert into public.sender_reputation_events (account_id, channel, sender, outbound_message_id, kind, message_sent_at, occurred_at)
  values (p_account_id, v_message.channel, v_sender, v_message.id, p_kind, v_message.created_at, p_occurred_at)
  on conflict (account_id, outbound_message_id, kind) do nothing;
  if not found then
    return pg_catalog.jsonb_build_object('recorded', false, 'reason', 'duplicate', 'sender', v_sender);
  end if;
  return pg_catalog.jsonb_build_object('recorded', true, 'sender', v_sender, 'channel', v_message.channel)
         || brain.check_sender_reputation(p_account_id, v_message.channel::text, v_sender, p_occurred_at);
end
$$;

comment on function brain.record_sender_event(uuid, uuid, text, timestamptz) is
  'Records a hard_bounce, soft_bounce, complaint or opt_out of one outbound message for its sender (sender_reputation_events, once per message and kind; ''default'' for an email sent without a from address) and runs the sender''s guard (brain.check_sender_reputation), whose answer it returns with recorded true; recorded false with reason unknown_message or duplicate otherwise. Raises invalid_argument (22023) for another kind. Security definer: the guard writes notification events.';

revoke execute on function brain.record_sender_event(uuid, uuid, text, timestamptz) from public;
grant execute on function brain.record_sender_event(uuid, uuid, text, timestamptz) to revenue_worker;
