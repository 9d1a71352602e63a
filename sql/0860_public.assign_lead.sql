-- Operators assign a lead to a setter by hand.
create or replace function public.assign_lead(
  p_lead_id uuid,
  p_user_id uuid,
  p_by_user_id uuid,
  p_now timestamptz default now()
)
returns boolean
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
begin
  if p_lead_id is null or p_user_id is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'lead and user are required';
  end if;
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no such lead in this account';
  end if;
  if not exists (select 1 from public.account_members m
                 where m.account_id = v_lead.account_id and m.user_id = p_user_id and m.is_active
                   and m.role in ('owner', 'admin', 'setter')) then
    raise exception using errcode = '22023', message = 'invalid_assignee',
      detail = 'leads can be assigned only to active owners, admins or setters of this account';
  end if;
  if v_lead.assigned_user_id is not distinct from p_user_id then
    return false;
  end if;
  update public.leads set assigned_user_id = p_user_id, assigned_at = p_now where id = v_lead.id;
  insert into public.lead_assignment_events (account_id, lead_id, assigned_to_user_id, assigned_by_user_id, source, created_at)
  values (v_lead.account_id, v_lead.id, p_user_id, p_by_user_id, 'manual', p_now);
  return true;
end
$$;

comment on function public.assign_lead(uuid, uuid, uuid, timestamptz) is
  'Assigns a lead to an active owner, admin or setter of its account (22023 invalid_assignee otherwise), recording a manual lead_assignment_events row with who did it. Returns false when the lead was already theirs. Runs with the caller''s rights; P0002 lead_not_found for a lead the caller cannot see.';

revoke execute on function public.assign_lead(uuid, uuid, uuid, timestamptz) from public;
grant execute on function public.assign_lead(uuid, uuid, uuid, timestamptz) to revenue_api, revenue_worker;
