-- What a user gets when they never chose: owners, admins and setters see every event in
-- the bell as it happens and get a daily email digest; Slack is off until they turn it
-- on; analysts and viewers get nothing.
create or replace function brain.notification_default_delivery(p_role text, p_event_kind text, p_channel text)
returns text
language sql
immutable
as $$
  select case
    when p_role is null or p_role not in ('owner', 'admin', 'setter') then 'off'
    when p_event_kind is null then 'off'
    when p_channel = 'in_app' then 'realtime'
    when p_channel = 'email' then 'daily_digest'
    else 'off'
  end
$$;

comment on function brain.notification_default_delivery(text, text, text) is
  'The default delivery of an event kind on a channel for a member''s role, when they saved none: owner, admin and setter get in_app realtime and an email daily_digest for every kind, slack off; analyst and viewer get off everywhere.';

grant execute on function brain.notification_default_delivery(text, text, text) to revenue_api, revenue_worker, revenue_analyst;
