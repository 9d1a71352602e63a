-- Booking (issue 18): a setter marks a task done.
create or replace function public.complete_setter_task(p_account_id uuid, p_task_id uuid, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_t public.setter_tasks;
begin
  if p_account_id is null or p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account and who acts are required';
  end if;
  update public.setter_tasks set status = 'done', done_at = p_now, done_by = p_actor
  where id = p_task_id and account_id = p_account_id and status = 'open'
  returning * into v_t;
  if not found then
    if exists (select 1 from public.setter_tasks t where t.id = p_task_id and t.account_id = p_account_id) then
      return pg_catalog.jsonb_build_object('outcome', 'already_done', 'setter_task_id', p_task_id);
    end if;
    raise exception using errcode = 'P0002', message = 'setter_task_not_found', detail = 'no such task in this account';
  end if;
  perform brain.record_event(v_t.account_id, v_t.lead_id, 'setter_task_done', 'appointments', 'internal',
    pg_catalog.jsonb_build_object('setter_task_id', v_t.id, 'kind', v_t.kind, 'by', p_actor), null, p_now,
    'setter_task_done:' || v_t.id::text);
  return pg_catalog.jsonb_build_object('outcome', 'done', 'setter_task_id', v_t.id, 'lead_id', v_t.lead_id);
end
$$;

comment on function public.complete_setter_task(uuid, uuid, text, timestamptz) is
  'A person marks an open setter task of p_account_id done (done_at, done_by) and a setter_task_done event is recorded; a task already done answers already_done; P0002 setter_task_not_found for a task of another account.';

revoke execute on function public.complete_setter_task(uuid, uuid, text, timestamptz) from public;
grant execute on function public.complete_setter_task(uuid, uuid, text, timestamptz) to revenue_api;
