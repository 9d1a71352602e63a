-- An analytics window in the account's time zone: the last 7, 30 or 90 local days (today
-- included), or a custom range of local dates with both ends included.
create or replace function public.analytics_window(
  p_account_id uuid,
  p_window text default '30d',
  p_from date default null,
  p_to date default null,
  p_now timestamptz default now()
)
returns table (
  window_key text,
  from_day date,
  to_day date,
  from_at timestamptz,
  to_at timestamptz,
  time_zone text,
  days integer
)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_zone text;
  v_from date;
  v_to date;
begin
  select o.timezone into v_zone from public.org_settings o where o.account_id = p_account_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'account_not_found',
      detail = 'no account with that id is visible here';
  end if;
  if p_window in ('7d', '30d', '90d') then
    v_to := (p_now at time zone v_zone)::date;
    v_from := v_to - (pg_catalog.rtrim(p_window, 'd')::integer - 1);
  elsif p_window = 'custom' then
    if p_from is null or p_to is null then
      raise exception using errcode = '22023', message = 'invalid_analytics_window',
        detail = 'a custom range needs both a start date and an end date';
    end if;
    if p_from > p_to then
      raise exception using errcode = '22023', message = 'invalid_analytics_window',
        detail = pg_catalog.format('the start date %s is after the end date %s', p_from, p_to);
    end if;
    if p_to - p_from + 1 > 366 then
      raise exception using errcode = '22023', message = 'invalid_analytics_window',
        detail = pg_catalog.format('a custom range may span at most 366 days (%s to %s is %s days)', p_from, p_to, p_to - p_from + 1);
    end if;
    v_from := p_from;
    v_to := p_to;
  else
    raise exception using errcode = '22023', message = 'invalid_analytics_window',
      detail = pg_catalog.format('the window is 7d, 30d, 90d or custom, not %s', coalesce(pg_catalog.quote_literal(p_window), 'nothing'));
  end if;
  return query
  select p_window, v_from, v_to,
         v_from::timestamp at time zone v_zone, (v_to + 1)::timestamp at time zone v_zone,
         v_zone, v_to - v_from + 1;
end
$$;

comment on function public.analytics_window(uuid, text, date, date, timestamptz) is
  'The analytics window p_window of account p_account_id in its time zone (org_settings.timezone): 7d, 30d or 90d are the last 7, 30 or 90 local days up to the day of p_now, today included; custom is p_from to p_to, both local dates included (at most 366 days). Returns the local days from_day..to_day (what the v_*_v1 views'' day column is filtered by), from_at (local midnight starting from_day) and to_at (local midnight after to_day, exclusive), time_zone and days. Errors: 22023 invalid_analytics_window (unknown window, custom without both dates, start after end, more than 366 days), P0002 account_not_found (no org_settings row visible to the caller).';

revoke execute on function public.analytics_window(uuid, text, date, date, timestamptz) from public;
grant execute on function public.analytics_window(uuid, text, date, date, timestamptz) to revenue_api, revenue_analyst;
