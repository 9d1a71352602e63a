-- Seed 001 "Programs UI": health per account and city, computable from the queue alone.
create or replace view lead_hunter.v_craigslist_program_status_v1
with (security_invoker = true) as
with cities as (
  select t.account_id, t.city from lead_hunter.craigslist_tasks_v1 t
  union
  select s.account_id, lead_hunter.normalize_city(s.leadgen_routing ->> 'city_fallback')
  from public.org_settings s
  where lead_hunter.normalize_city(s.leadgen_routing ->> 'city_fallback') is not null
)
select
  c.account_id,
  'craigslist:' || c.city as program_key,
  c.city,
  coalesce(s.leadgen_routing -> 'active' = 'true'::jsonb, false) as routing_active,
  coalesce(t.tasks_60m, 0) as tasks_60m,
  coalesce(t.queued_60m, 0) as queued_60m,
  coalesce(t.claimed_60m, 0) as claimed_60m,
  coalesce(t.done_60m, 0) as done_60m,
  coalesce(t.failed_60m, 0) as failed_60m,
  coalesce(t.claimed_15m, 0) as claimed_15m,
  coalesce(t.done_15m, 0) as done_15m,
  t.last_success_at,
  coalesce(o.leads_60m, 0) as leads_60m,
  coalesce(o.leads_24h, 0) as leads_24h,
  case
    when not coalesce(s.leadgen_routing -> 'active' = 'true'::jsonb, false) or coalesce(t.tasks_60m, 0) = 0 then 'disabled'
    when coalesce(t.done_60m, 0) > 0 then 'live'
    when coalesce(t.failed_60m, 0) > 0 then 'degraded'
    else 'starting'
  end as state
from cities c
join public.org_settings s on s.account_id = c.account_id
left join lateral (
  select
    count(*) filter (where x.created_at > now() - interval '60 minutes') as tasks_60m,
    count(*) filter (where x.created_at > now() - interval '60 minutes' and x.status = 'queued') as queued_60m,
    count(*) filter (where x.created_at > now() - interval '60 minutes' and x.status = 'claimed') as claimed_60m,
    count(*) filter (where x.created_at > now() - interval '60 minutes' and x.status = 'done') as done_60m,
    count(*) filter (where x.created_at > now() - interval '60 minutes' and x.status = 'failed') as failed_60m,
    count(*) filter (where x.created_at > now() - interval '15 minutes' and x.status = 'claimed') as claimed_15m,
    count(*) filter (where x.created_at > now() - interval '15 minutes' and x.status = 'done') as done_15m,
    max(coalesce(x.finished_at, x.created_at)) filter (where x.status = 'done') as last_success_at
  from lead_hunter.craigslist_tasks_v1 x
  where x.account_id = c.account_id and x.city = c.city
) t on true
left join lateral (
  select count(*) filter (where l.created_at > now() - interval '60 minutes') as leads_60m,
         count(*) filter (where l.created_at > now() - interval '24 hours') as leads_24h
  from public.leads l
  where l.account_id = c.account_id and l.source = 'craigslist' and lead_hunter.normalize_city(l.city) = c.city
    and l.created_at > now() - interval '24 hours'
) o on true;

comment on view lead_hunter.v_craigslist_program_status_v1 is
  'Craigslist program health per account and city, from the queue alone (seed 001 "Programs UI"). state: disabled (routing off, or no tasks in the last 60 minutes), live (routing on and a task done in the last 60 minutes), degraded (routing on, tasks failed and none done in the last 60 minutes), starting (routing on, tasks queued or running, none finished yet: a case seed 001 leaves open). Counts follow seed 001''s verification queries (by created_at).';
comment on column lead_hunter.v_craigslist_program_status_v1.account_id is 'Owning account.';
comment on column lead_hunter.v_craigslist_program_status_v1.program_key is 'craigslist:<city>, the key of GET /api/programs/:key.';
comment on column lead_hunter.v_craigslist_program_status_v1.city is 'Craigslist city.';
comment on column lead_hunter.v_craigslist_program_status_v1.routing_active is 'org_settings.leadgen_routing.active.';
comment on column lead_hunter.v_craigslist_program_status_v1.tasks_60m is 'Tasks created in the last 60 minutes.';
comment on column lead_hunter.v_craigslist_program_status_v1.queued_60m is '... of which queued.';
comment on column lead_hunter.v_craigslist_program_status_v1.claimed_60m is '... of which claimed.';
comment on column lead_hunter.v_craigslist_program_status_v1.done_60m is '... of which done.';
comment on column lead_hunter.v_craigslist_program_status_v1.failed_60m is '... of which failed.';
comment on column lead_hunter.v_craigslist_program_status_v1.claimed_15m is 'Tasks created in the last 15 minutes and claimed (worker health).';
comment on column lead_hunter.v_craigslist_program_status_v1.done_15m is 'Tasks created in the last 15 minutes and done (worker health).';
comment on column lead_hunter.v_craigslist_program_status_v1.last_success_at is 'When the latest done task finished.';
comment on column lead_hunter.v_craigslist_program_status_v1.leads_60m is 'Craigslist leads of the city created in the last 60 minutes.';
comment on column lead_hunter.v_craigslist_program_status_v1.leads_24h is '... in the last 24 hours.';
comment on column lead_hunter.v_craigslist_program_status_v1.state is 'disabled, starting, degraded or live.';

grant select on lead_hunter.v_craigslist_program_status_v1 to revenue_api, revenue_analyst, revenue_worker;
