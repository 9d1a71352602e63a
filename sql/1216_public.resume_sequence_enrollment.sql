-- A setter presses Resume on a paused sequence run (the lead page's Follow-ups).
create or replace function public.resume_sequence_enrollment(p_enrollment_id uuid, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_e public.sequence_enrollments;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  select e.* into v_e from public.sequence_enrollments e where e.id = p_enrollment_id and e.account_id = v_account for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'enrollment_not_found', detail = 'no such sequence run in your account';
  end if;
  if v_e.status <> 'paused' then
    raise exception using errcode = '55000', message = 'enrollment_not_paused',
      detail = pg_catalog.format('this run is %s: only a paused run can be resumed', v_e.status);
  end if;
  perform brain.resume_enrollments(array[v_e.id], p_actor, p_now);
  select e.* into v_e from public.sequence_enrollments e where e.id = p_enrollment_id and e.account_id = v_account;
  return pg_catalog.jsonb_build_object('enrollment_id', v_e.id, 'status', v_e.status, 'current_step', v_e.current_step,
                                       'next_step_at', v_e.next_step_at);
end
$$;

comment on function public.resume_sequence_enrollment(uuid, text, timestamptz) is
  'A person resumes a paused sequence run of the caller''s account (whatever paused it): active again at its current step, next_step_at counted from p_now (brain.resume_enrollments; sequence_resumed event by p_actor). Returns {enrollment_id, status, current_step, next_step_at}. P0002 enrollment_not_found; 55000 enrollment_not_paused.';

revoke execute on function public.resume_sequence_enrollment(uuid, text, timestamptz) from public;
grant execute on function public.resume_sequence_enrollment(uuid, text, timestamptz) to revenue_api;
