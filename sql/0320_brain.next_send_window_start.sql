create or replace function brain.next_send_window_start(p_lead_id uuid, p_now timestamptz default now())
returns timestamptz
language sql
stable
as $$
  select brain.window_start_at(
    (select z_.time_zone from brain.lead_time_zone(l.timezone, l.phone, s.timezone) z_),
    s.send_window_start, s.send_window_end, p_now)
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  where l.id = p_lead_id
$$;

comment on function brain.next_send_window_start(uuid, timestamptz) is
  'When the lead may next be contacted: p_now itself when inside the account''s send window in the lead''s local time (brain.lead_time_zone), else the start of the next window. Null when the lead is not visible.';
