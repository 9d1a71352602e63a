-- The idempotency key of one send intent.
create or replace function brain.send_key(
  p_lead_id uuid,
  p_campaign_id uuid,
  p_step integer,
  p_channel text,
  p_attempt integer
)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
begin
  if p_lead_id is null or p_step is null or p_channel is null or p_attempt is null then
    raise exception using
      errcode = '22004',
      message = 'invalid_send_key',
      detail = 'a send key needs the lead, step, channel and attempt; only the campaign may be null';
  end if;
  return pg_catalog.concat_ws(':', 'v1', p_lead_id::text, coalesce(p_campaign_id::text, 'none'),
                              p_step::text, p_channel, p_attempt::text);
end
$$;

comment on function brain.send_key(uuid, uuid, integer, text, integer) is
  'outbound_messages.send_key of a send intent: v1:<lead>:<campaign or none>:<step>:<channel>:<attempt>. A pure function of the intent, so re-running an orchestrator can never produce a second key for the same intent. Raises invalid_send_key when any part but the campaign is null.';
