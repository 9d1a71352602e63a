-- An operator lifts a consent revocation or a wrong number by hand (issue 13): only
-- with a recorded reason, and the lift shows on the lead's timeline.
create or replace function public.lift_consent_revocation(
  p_lead_id uuid,
  p_reason text,
  p_actor text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_lead public.leads;
  v_lifted integer;
  v_revoked boolean;
begin
  if p_lead_id is null or p_actor is null or pg_catalog.length(pg_catalog.btrim(p_actor)) = 0 then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the lead and the person lifting are required';
  end if;
  if p_reason is null or pg_catalog.length(pg_catalog.btrim(p_reason)) < 3 or pg_catalog.length(p_reason) > 500 then
    raise exception using errcode = '22023', message = 'consent_lift_reason_required',
      detail = 'a consent revocation is lifted only with a reason (3 to 500 characters), e.g. "lead asked by phone to be texted again"';
  end if;
  -- Row-level security limits this to the caller's account: another account's lead is not found.
  select l.* into v_lead from public.leads l where l.id = p_lead_id for update;
  if not found then
    raise exception using errcode = 'P0002', message = 'lead_not_found', detail = 'no lead with this id in your account';
  end if;

  update public.suppressions
  set lifted_at = greatest(p_now, created_at), lifted_reason = 'manual_lift'
  where account_id = v_lead.account_id and lifted_at is null and reason in ('opt_out_keyword', 'wrong_number')
    and (phone = v_lead.phone or (email = v_lead.email and lead_id = v_lead.id));
  get diagnostics v_lifted = row_count;
  v_revoked := coalesce((select e.event_type in ('opt_out', 'unsubscribe') from public.core_memory_events e
                         where e.lead_id = v_lead.id and e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')
                           and e.created_at <= p_now
                         order by e.created_at desc, e.id desc limit 1), false);
  if v_lifted = 0 and not v_revoked and v_lead.phone_wrong_number_at is null then
    return pg_catalog.jsonb_build_object('outcome', 'not_revoked', 'lead_id', v_lead.id);
  end if;

  update public.leads
  set consent_review_at = null, consent_review_rule = null, phone_wrong_number_at = null
  where id = v_lead.id;
  perform brain.record_event(v_lead.account_id, v_lead.id, 'consent_lifted', 'console', 'internal',
    pg_catalog.jsonb_build_object('reason', pg_catalog.btrim(p_reason), 'actor', p_actor, 'suppressions_lifted', v_lifted),
    null, p_now);
  return pg_catalog.jsonb_build_object('outcome', 'lifted', 'lead_id', v_lead.id, 'suppressions_lifted', v_lifted);
end
$$;

comment on function public.lift_consent_revocation(uuid, text, text, timestamptz) is
  'An operator''s manual lift of a lead''s consent revocation or wrong number, only with a reason (22023 consent_lift_reason_required without one; P0002 lead_not_found). Lifts the active opt_out_keyword and wrong_number suppressions of the lead''s phone (and of its email from a "stop all"), clears consent_review_at and phone_wrong_number_at, and records a consent_lifted memory event with the reason and p_actor, which ends the revocation in lead_suppression_status_v1 and shows on the timeline. Returns outcome lifted (with suppressions_lifted) or not_revoked (nothing to lift; nothing recorded). Runs with the caller''s rights: row-level security applies. Enrollments stopped by the revocation stay stopped: a person re-enrolls.';

revoke execute on function public.lift_consent_revocation(uuid, text, text, timestamptz) from public;
grant execute on function public.lift_consent_revocation(uuid, text, text, timestamptz) to revenue_api, revenue_worker;
