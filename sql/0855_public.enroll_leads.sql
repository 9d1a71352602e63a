-- Enroll leads into an outbound campaign by filter, with a preview that writes nothing.
create or replace function public.enroll_leads(
  p_campaign_id uuid,
  p_filter jsonb,
  p_preview boolean,
  p_now timestamptz default now()
)
returns table (matched bigint, already_enrolled bigint, not_contactable bigint, to_enroll bigint, enrolled bigint)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_campaign public.campaigns;
  v_filter jsonb := coalesce(p_filter, '{}'::jsonb);
  v_unknown text[];
  v_ids uuid[];
  v_q text;
  v_digits text;
begin
  if p_preview is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'p_preview must be true or false';
  end if;
  if pg_catalog.jsonb_typeof(v_filter) <> 'object' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the filter must be a JSON object';
  end if;
  select pg_catalog.array_agg(k) into v_unknown from pg_catalog.jsonb_object_keys(v_filter) k
  where k not in ('lead_state', 'next_action', 'source', 'city', 'assigned_user_id', 'q', 'lead_ids');
  if v_unknown is not null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('unknown filter keys: %s (allowed: lead_state, next_action, source, city, assigned_user_id, q, lead_ids)',
                                 pg_catalog.array_to_string(v_unknown, ', '));
  end if;
  select c.* into v_campaign from public.campaigns c where c.id = p_campaign_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'campaign_not_found', detail = 'no such campaign in this account';
  end if;
  if not exists (select 1 from public.campaign_steps s where s.campaign_id = v_campaign.id and s.step = 1) then
    raise exception using errcode = '22023', message = 'campaign_has_no_steps', detail = 'the campaign has no step 1 to start from';
  end if;
  if v_filter ? 'lead_ids' then
    select pg_catalog.array_agg(x::uuid) into v_ids from pg_catalog.jsonb_array_elements_text(v_filter -> 'lead_ids') x;
  end if;
  v_q := nullif(pg_catalog.btrim(v_filter ->> 'q'), '');
  v_digits := pg_catalog.regexp_replace(coalesce(v_q, ''), '[^0-9]', '', 'g');

  with candidates as (
    select l.id as lead_id,
           exists (select 1 from public.campaign_leads cl where cl.campaign_id = v_campaign.id and cl.lead_id = l.id) as enrolled,
           l.status = 'new' and l.lead_state not in ('suppressed', 'closed', 'dead', 'appointment_booked')
             and not coalesce((select ss.is_unsubscribed from public.lead_suppression_status_v1 ss where ss.lead_id = l.id), false)
             as contactable
    from public.leads l
    where l.account_id = v_campaign.account_id
      and (v_ids is null or l.id = any(v_ids))
      and (not v_filter ? 'lead_state' or l.lead_state = v_filter ->> 'lead_state')
      and (not v_filter ? 'source' or l.source = v_filter ->> 'source')
      and (not v_filter ? 'city' or pg_catalog.lower(l.city) = pg_catalog.lower(v_filter ->> 'city'))
      and (not v_filter ? 'assigned_user_id' or l.assigned_user_id = (v_filter ->> 'assigned_user_id')::uuid)
      and (v_q is null
           or pg_catalog.concat_ws(' ', l.first_name, l.last_name) ilike '%' || v_q || '%'
           or l.email::text ilike '%' || v_q || '%'
           or (v_digits <> '' and l.phone::text like '%' || v_digits || '%'))
      and (not v_filter ? 'next_action' or exists (
        select 1 from public.lead_next_action_view_v5 v where v.lead_id = l.id and v.next_action = v_filter ->> 'next_action'))
  ),
  inserted as (
    insert into public.campaign_leads (account_id, campaign_id, lead_id, status, current_step, enrolled_at)
    select v_campaign.account_id, v_campaign.id, c.lead_id, 'active', 1, p_now
    from candidates c where not p_preview and not c.enrolled and c.contactable
    on conflict do nothing
    returning 1
  )
  select count(*), count(*) filter (where c.enrolled), count(*) filter (where not c.enrolled and not c.contactable),
         count(*) filter (where not c.enrolled and c.contactable), (select count(*) from inserted)
    into matched, already_enrolled, not_contactable, to_enroll, enrolled
  from candidates c;
  return next;
end
$$;

comment on function public.enroll_leads(uuid, jsonb, boolean, timestamptz) is
  'Enrolls the leads matching p_filter (keys: lead_state, next_action, source, city, assigned_user_id, q = name, email or phone digits, lead_ids) into campaign p_campaign_id at step 1. With p_preview nothing is written and enrolled is 0: the counts say what would happen. Leads already in the campaign are left as they are; leads that are suppressed, unsubscribed, closed, dead or not status new are counted as not_contactable and never enrolled. Runs with the caller''s rights (row-level security). 22023 for a malformed filter or a campaign without step 1; P0002 campaign_not_found.';

revoke execute on function public.enroll_leads(uuid, jsonb, boolean, timestamptz) from public;
grant execute on function public.enroll_leads(uuid, jsonb, boolean, timestamptz) to revenue_api, revenue_worker;
