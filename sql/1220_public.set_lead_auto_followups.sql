-- The lead's "auto follow-ups" switch. Off pauses its running runs (the leads trigger);
-- on again resumes the runs that the switch paused, and only those.
create or replace function public.set_lead_auto_followups(p_lead_id uuid, p_enabled boolean, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_old boolean;
  v_resumed integer := 0;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' or p_enabled is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id), on/off and an actor are required';
  end if;
  select l.auto_followups_enabled into v_old from public.leads l where l.id = p_lead_id and l.account_id = v_account for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in your account';
  end if;
  if v_old = p_enabled then
    return pg_catalog.jsonb_build_object('lead_id', p_lead_id, 'auto_followups_enabled', p_enabled, 'changed', false);
  end if;
  update public.leads l set auto_followups_enabled = p_enabled where l.id = p_lead_id and l.account_id = v_account;
  if p_enabled then
    v_resumed := brain.resume_enrollments(
      array(select e.id from public.sequence_enrollments e
            where e.account_id = v_account and e.lead_id = p_lead_id and e.status = 'paused' and e.paused_reason = 'auto_followups_off'),
      p_actor, p_now);
  end if;
  perform brain.record_event(v_account, p_lead_id, case when p_enabled then 'auto_followups_on' else 'auto_followups_off' end,
    'sequences', 'internal', pg_catalog.jsonb_build_object('by', p_actor), null, p_now);
  return pg_catalog.jsonb_build_object('lead_id', p_lead_id, 'auto_followups_enabled', p_enabled, 'changed', true, 'resumed', v_resumed);
end
$$;

comment on function public.set_lead_auto_followups(uuid, boolean, text, timestamptz) is
  'Turns a lead''s "auto follow-ups" switch on or off (leads.auto_followups_enabled). Off: its active sequence runs pause (auto_followups_off; private.tg_leads__pause_sequences) and the runner leaves it alone. On: the runs the switch paused resume (brain.resume_enrollments), others stay paused. Writes auto_followups_on / auto_followups_off. Returns {lead_id, auto_followups_enabled, changed, resumed}. P0002 lead_not_found.';

revoke execute on function public.set_lead_auto_followups(uuid, boolean, text, timestamptz) from public;
grant execute on function public.set_lead_auto_followups(uuid, boolean, text, timestamptz) to revenue_api;
