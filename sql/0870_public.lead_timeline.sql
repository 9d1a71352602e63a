-- One timeline per lead: messages on every channel, memory events and state changes.
create or replace function public.lead_timeline(p_lead_id uuid, p_limit integer default 200)
returns table (
  occurred_at timestamptz,
  kind text,
  event_type text,
  channel text,
  direction text,
  summary text,
  body text,
  detail jsonb
)
language sql
stable
set search_path = ''
as $$
  select * from (
    select m.occurred_at, 'message'::text, m.direction || '_message', m.channel, m.direction,
           pg_catalog.concat_ws(' · ', m.status, m.classification, m.keyword, m.persona),
           m.body,
           pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('message_id', m.message_id, 'provider', m.provider,
             'from', m.from_address, 'to', m.to_address, 'touch_run_id', m.touch_run_id))
    from public.inbox_events m where m.lead_id = p_lead_id
    union all
    select e.created_at, 'memory', e.event_type, e.channel::text, e.direction,
           pg_catalog.concat_ws(' · ', e.event_source, e.payload ->> 'rule', e.payload ->> 'reason',
                                case when e.score_delta <> 0 then 'score ' || e.score_delta end),
           null, e.payload
    from public.core_memory_events e where e.lead_id = p_lead_id
    union all
    select s.created_at, 'state', s.event_type, null, null,
           pg_catalog.concat_ws(' · ',
             case when s.previous_state is distinct from s.new_state
                  then coalesce(s.previous_state, '∅') || ' → ' || coalesce(s.new_state, '∅') end,
             s.reason, s.actor),
           null, s.payload
    from public.lead_events s where s.lead_id = p_lead_id
  ) t (occurred_at, kind, event_type, channel, direction, summary, body, detail)
  order by t.occurred_at desc, t.kind, t.event_type
  limit least(greatest(coalesce(p_limit, 200), 1), 1000)
$$;

comment on function public.lead_timeline(uuid, integer) is
  'A lead''s history newest first, merged from public.inbox_events (inbound and outbound messages on every channel, with delivery status), public.core_memory_events (what the engine did and learned; the summary names the payload''s rule and reason, e.g. why a touch was canceled: missing_lead_data:first_name, the consent rule of an opt_out, or an operator''s reason for consent_lifted) and public.lead_events (state transitions with reason and actor). Runs with the caller''s rights, so row-level security applies. At most p_limit rows (1-1000, default 200).';

revoke execute on function public.lead_timeline(uuid, integer) from public;
grant execute on function public.lead_timeline(uuid, integer) to revenue_api, revenue_analyst, revenue_worker;
