-- Archiving a sequence: off for good; its running runs end and their pending steps are
-- withdrawn.
create or replace function public.archive_sequence(p_sequence_id uuid, p_actor text, p_now timestamptz default now())
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_seq public.sequences;
  v_ended integer;
begin
  if v_account is null or p_actor is null or pg_catalog.btrim(p_actor) = '' then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'an account (app.account_id) and an actor are required';
  end if;
  select s.* into v_seq from public.sequences s where s.id = p_sequence_id and s.account_id = v_account for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'sequence_not_found', detail = 'no sequence with this id in your account';
  end if;
  if v_seq.archived_at is not null then
    return pg_catalog.jsonb_build_object('sequence_id', v_seq.id, 'outcome', 'already_archived');
  end if;
  update public.sequences s set is_active = false, archived_at = p_now where s.id = v_seq.id and s.account_id = v_account;
  with ended as (
    update public.sequence_enrollments e
    set status = 'canceled', ended_reason = 'sequence_archived', ended_at = p_now, next_step_at = null,
        paused_reason = null, paused_at = null
    where e.account_id = v_account and e.sequence_id = v_seq.id and e.status in ('active', 'paused')
    returning e.id
  ), withdrawn as (
    update public.touch_runs t set status = 'canceled', error_code = 'sequence_archived', error_message = 'canceled: sequence_archived'
    from ended e
    where t.account_id = v_account and t.sequence_enrollment_id = e.id and t.status in ('scheduled', 'queued')
    returning t.id
  ), drafts as (
    update public.sequence_step_drafts d set status = 'rejected', decided_by = 'system', decided_at = p_now,
           decision_reason = 'the sequence was archived'
    from ended e
    where d.account_id = v_account and d.enrollment_id = e.id and d.status = 'pending'
    returning d.id
  )
  select pg_catalog.count(*) into v_ended from ended;
  insert into public.account_events (account_id, event_type, event_source, subject_type, subject_id, actor, payload)
  values (v_account, 'sequence_archived', 'sequences', 'sequence', v_seq.id, p_actor,
          pg_catalog.jsonb_build_object('enrollments_canceled', v_ended));
  return pg_catalog.jsonb_build_object('sequence_id', v_seq.id, 'outcome', 'archived', 'enrollments_canceled', v_ended);
end
$$;

comment on function public.archive_sequence(uuid, text, timestamptz) is
  'Archives a sequence of the caller''s account: off for good (archived_at), its active and paused runs canceled (ended_reason sequence_archived), their scheduled or queued touches canceled and pending approval drafts rejected; sequence_archived in account_events with p_actor. Idempotent: already_archived. P0002 sequence_not_found.';

revoke execute on function public.archive_sequence(uuid, text, timestamptz) from public;
grant execute on function public.archive_sequence(uuid, text, timestamptz) to revenue_api;
