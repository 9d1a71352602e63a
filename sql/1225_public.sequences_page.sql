-- The Sequences page in one read, as the caller (row-level security applies).
create or replace function public.sequences_page()
returns json
language sql
stable
security invoker
set search_path = ''
as $$
  select pg_catalog.json_build_object(
    'sequences', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', s.id, 'name', s.name, 'trigger_on', s.trigger_on, 'no_response_days', s.no_response_days,
        'is_active', s.is_active, 'archived_at', s.archived_at, 'updated_at', s.updated_at,
        'running', (select pg_catalog.count(*) from public.sequence_enrollments e where e.sequence_id = s.id and e.account_id = s.account_id and e.status = 'active'),
        'paused', (select pg_catalog.count(*) from public.sequence_enrollments e where e.sequence_id = s.id and e.account_id = s.account_id and e.status = 'paused'),
        'completed', (select pg_catalog.count(*) from public.sequence_enrollments e where e.sequence_id = s.id and e.account_id = s.account_id and e.status = 'completed'),
        'canceled', (select pg_catalog.count(*) from public.sequence_enrollments e where e.sequence_id = s.id and e.account_id = s.account_id and e.status = 'canceled'),
        'steps', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                    'step_order', st.step_order, 'channel', st.channel::text, 'delay_amount', st.delay_amount,
                    'delay_unit', st.delay_unit, 'subject', st.subject, 'body', st.body, 'requires_approval', st.requires_approval)
                    order by st.step_order), '[]'::json)
                  from public.sequence_steps st where st.sequence_id = s.id and st.account_id = s.account_id))
        order by s.archived_at is not null, s.name), '[]'::json)
      from public.sequences s),
    'drafts', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
        'id', d.id, 'lead_id', d.lead_id, 'lead_name', pg_catalog.btrim(pg_catalog.concat_ws(' ', l.first_name, l.last_name)),
        'sequence_name', s.name, 'step_order', d.step_order, 'channel', d.channel::text, 'subject', d.subject, 'body', d.body,
        'created_at', d.created_at) order by d.created_at), '[]'::json)
      from public.sequence_step_drafts d
      join public.leads l on l.id = d.lead_id and l.account_id = d.account_id
      join public.sequences s on s.id = d.sequence_id and s.account_id = d.account_id
      where d.status = 'pending'),
    'variables', (select coalesce(pg_catalog.json_agg(v.name), '[]'::json) from public.template_variables() v)
  )
$$;

comment on function public.sequences_page() is
  'Everything the Sequences page shows, in one read: sequences (name, trigger_on, no_response_days, is_active, archived_at, counts of running (active), paused, completed and canceled runs, and the steps in order), drafts (pending sequence step drafts awaiting approval, oldest first, with the lead''s name and the sequence) and variables (public.template_variables names). Runs as the caller: row-level security keeps it to the caller''s account.';

revoke execute on function public.sequences_page() from public;
grant execute on function public.sequences_page() to revenue_api, revenue_analyst;
