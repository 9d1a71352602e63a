-- Operators suppress leads by hand (console bulk action, lead detail, Command OS).
create or replace function public.suppress_leads(
  p_lead_ids uuid[],
  p_reason text,
  p_actor text,
  p_now timestamptz default now()
)
returns table (lead_id uuid, suppressed boolean)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
begin
  if p_lead_ids is null or pg_catalog.cardinality(p_lead_ids) = 0 or pg_catalog.cardinality(p_lead_ids) > 1000 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'choose between 1 and 1000 leads';
  end if;
  if p_reason is null or p_reason not in ('manual', 'do_not_contact', 'wrong_number', 'not_interested', 'bad_fit') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'reason must be manual, do_not_contact, wrong_number, not_interested or bad_fit';
  end if;
  -- Row-level security limits this to the caller's account: another account's ids are simply not found.
  for v_lead in
    select l.* from public.leads l where l.id = any(p_lead_ids) order by l.id for update
  loop
    if v_lead.phone is not null then
      insert into public.suppressions (account_id, phone, reason, source, lead_id, created_at)
      values (v_lead.account_id, v_lead.phone, p_reason, 'console', v_lead.id, p_now)
      on conflict do nothing;
    end if;
    if v_lead.email is not null then
      insert into public.suppressions (account_id, email, reason, source, lead_id, created_at)
      values (v_lead.account_id, v_lead.email, p_reason, 'console', v_lead.id, p_now)
      on conflict do nothing;
    end if;
    if v_lead.status = 'suppressed' then
      lead_id := v_lead.id;
      suppressed := false;
      return next;
      continue;
    end if;
    update public.leads set status = 'suppressed' where id = v_lead.id;
    if exists (select 1 from public.lead_state_transitions x
               where x.from_state = v_lead.lead_state and x.to_state = 'suppressed') then
      perform brain.transition_lead(v_lead.id, 'suppressed', 'manual_suppression', p_actor);
    end if;
    perform brain.record_event(v_lead.account_id, v_lead.id, 'suppressed_manually', 'console', 'internal',
      pg_catalog.jsonb_build_object('reason', p_reason, 'actor', p_actor), p_created_at => p_now);
    perform brain.halt_outreach(v_lead.id, 'manual_suppression', 'stopped', p_now);
    lead_id := v_lead.id;
    suppressed := true;
    return next;
  end loop;
end
$$;

comment on function public.suppress_leads(uuid[], text, text, timestamptz) is
  'Suppresses leads by hand: every known address (phone, email) is suppressed on all channels with p_reason (manual, do_not_contact, wrong_number, not_interested, bad_fit), the lead''s status becomes suppressed (scheduling fails closed) and its lead_state suppressed where the state machine allows it, a suppressed_manually memory event names p_actor, and scheduled touches and active enrollments stop (brain.halt_outreach). Runs with the caller''s rights: leads of other accounts are not found. Returns each lead found and whether it changed (false: already suppressed). 22023 for an empty or oversized list or an unknown reason.';

revoke execute on function public.suppress_leads(uuid[], text, text, timestamptz) from public;
grant execute on function public.suppress_leads(uuid[], text, text, timestamptz) to revenue_api, revenue_worker;
