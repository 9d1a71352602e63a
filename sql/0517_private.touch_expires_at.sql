-- When a touch's routing says it stops being worth sending (payload routing.expires_at).
create or replace function private.touch_expires_at(p_payload jsonb)
returns timestamptz
language plpgsql
stable
set search_path = ''
as $$
begin
  if pg_catalog.jsonb_typeof(p_payload -> 'routing' -> 'expires_at') is distinct from 'string' then
    return null;
  end if;
  return (p_payload -> 'routing' ->> 'expires_at')::timestamptz;
exception when others then
  -- Unreadable: treated as long past, so the touch is not sent on a guess.
  return '-infinity';
end
$$;

comment on function private.touch_expires_at(jsonb) is
  'payload routing.expires_at of a touch as a timestamptz: null when it is absent or not a JSON string, -infinity when it is a string that is not a time (the touch counts as expired). brain.claim_touch_rows cancels a touch whose expiry is at or before p_now (expired).';
