create or replace function brain.is_within_send_window(p_lead_id uuid, p_now timestamptz default now())
returns boolean
language sql
stable
as $$
  select brain.next_send_window_start(p_lead_id, p_now) = p_now
$$;

comment on function brain.is_within_send_window(uuid, timestamptz) is
  'True when p_now is inside the account''s send window in the lead''s local time (start inclusive, end exclusive). Null when the lead is not visible.';
