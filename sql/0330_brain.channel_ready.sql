create or replace function brain.channel_ready(p_account_id uuid, p_channel text)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
begin
  -- plpgsql keeps this plan per session; views use brain.ready_channels directly.
  return exists (select 1 from brain.ready_channels(p_account_id) r where r.channel = p_channel);
end
$$;

comment on function brain.channel_ready(uuid, text) is
  'True when the account can send on the channel now (brain.ready_channels). Fail closed: no default provider means not ready.';
