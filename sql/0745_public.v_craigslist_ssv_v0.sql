-- Seed 001: Supply Velocity, UTC day boundaries, coalesce(first_seen_at, created_at).
create or replace view public.v_craigslist_ssv_v0
with (security_invoker = true) as
select
  l.account_id,
  l.city,
  (coalesce(l.first_seen_at, l.created_at) at time zone 'UTC')::date as day_utc,
  count(*) as new_leads
from public.leads l
where l.source = 'craigslist'
group by 1, 2, 3;

comment on view public.v_craigslist_ssv_v0 is
  'Craigslist supply velocity (seed 001): new leads per city per UTC day, dated by coalesce(first_seen_at, created_at) so rows without a first_seen_at are not counted as "now".';
comment on column public.v_craigslist_ssv_v0.account_id is 'Owning account.';
comment on column public.v_craigslist_ssv_v0.city is 'City of the leads.';
comment on column public.v_craigslist_ssv_v0.day_utc is 'UTC day the leads were first seen.';
comment on column public.v_craigslist_ssv_v0.new_leads is 'Leads first seen that day.';

grant select on public.v_craigslist_ssv_v0 to revenue_api, revenue_analyst, revenue_worker;
