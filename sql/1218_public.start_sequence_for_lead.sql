-- A setter starts a sequence for a lead by hand (the lead page's "Start sequence").
create or replace function public.start_sequence_for_lead(p_lead_id uuid, p_sequence_id uuid, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_r jsonb;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  if not exists (select 1 from public.leads l where l.id = p_lead_id and l.account_id = v_account) then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in your account';
  end if;
  if not exists (select 1 from public.sequences s where s.id = p_sequence_id and s.account_id = v_account) then
    raise exception using errcode = 'P0002', message = 'sequence_not_found', detail = 'no such sequence in your account';
  end if;
  v_r := brain.start_sequence(p_lead_id, p_sequence_id, 'manual', pg_catalog.left(p_actor, 200), null, null, p_now);
  if not (v_r ->> 'started')::boolean then
    raise exception using errcode = '55000', message = 'sequence_not_started',
      detail = case v_r ->> 'reason'
        when 'already_running' then 'this lead already has a running run of this sequence'
        when 'sequence_inactive' then 'the sequence is off: switch it on first'
        when 'lead_suppressed' then 'the lead is suppressed'
        when 'lead_archived' then 'the lead is archived'
        when 'lead_closed' then 'the lead is closed'
        when 'no_steps' then 'the sequence has no steps'
        else coalesce(v_r ->> 'reason', 'not started') end;
  end if;
  return v_r;
end
$$;

comment on function public.start_sequence_for_lead(uuid, uuid, text, timestamptz) is
  'A person starts a sequence (of any trigger; it must be active) for a lead of the caller''s account: brain.start_sequence with trigger manual and started_by p_actor. Returns its answer; 55000 sequence_not_started when it does not start (detail: already running, the sequence is off, the lead is suppressed, archived or closed, no steps); P0002 lead_not_found / sequence_not_found.';

revoke execute on function public.start_sequence_for_lead(uuid, uuid, text, timestamptz) from public;
grant execute on function public.start_sequence_for_lead(uuid, uuid, text, timestamptz) to revenue_api;
