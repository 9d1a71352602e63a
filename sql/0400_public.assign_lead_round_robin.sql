-- Weighted round-robin lead assignment (seed 003 §19): gives an unassigned lead to the
-- next setter of the account's sequence, and records the assignment.
--
-- Concurrency: every caller locks the account's org_settings row before it reads the
-- pointer, so callers of one account take turns and each advances the pointer by one.
-- The lead itself is claimed with a guarded UPDATE (assigned_user_id is null), so a lead
-- assigned by any other path keeps its owner. Meant for READ COMMITTED, the default:
-- each statement below sees what the caller before it committed.
create or replace function public.assign_lead_round_robin(
  p_lead_id uuid,
  p_channel text default null,
  p_assigned_by uuid default null
)
returns table (outcome text, assigned_user_id uuid, sequence_index integer)
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_channel public.channel;
  v_account_id uuid;
  v_owner uuid;
  v_enabled boolean;
  v_email_only boolean;
  v_configured uuid[];
  v_last_index integer;
  v_sequence uuid[];
  v_index integer;
  v_user uuid;
begin
  if p_channel is not null then
    begin
      v_channel := p_channel;
    exception when check_violation then
      raise exception using
        errcode = '22023',
        message = 'invalid_channel',
        detail = pg_catalog.format('%s is not a channel; use voice, sms, whatsapp or email', p_channel);
    end;
  end if;

  select l.account_id into v_account_id from public.leads l where l.id = p_lead_id;
  if not found then
    raise exception using
      errcode = 'P0002',
      message = 'lead_not_found',
      detail = pg_catalog.format('no lead with id %s is visible', p_lead_id);
  end if;

  -- One assigner per account at a time; the pointer read here is the latest committed.
  select s.round_robin_enabled, s.round_robin_email_only, s.round_robin_setter_sequence,
         s.round_robin_last_setter_index
    into v_enabled, v_email_only, v_configured, v_last_index
  from public.org_settings s
  where s.account_id = v_account_id
  for update;

  select l.assigned_user_id into v_owner from public.leads l where l.id = p_lead_id;
  if v_owner is not null then
    outcome := 'already_assigned';
    assigned_user_id := v_owner;
    return next;
    return;
  end if;

  if not coalesce(v_enabled, false) then
    outcome := 'disabled';
    return next;
    return;
  end if;

  if v_email_only and v_channel is distinct from 'email' then
    outcome := 'channel_not_eligible';
    return next;
    return;
  end if;

  -- The effective sequence: the configured one filtered to active setters (order and
  -- duplicates kept), or every active setter when none is configured.
  if pg_catalog.cardinality(coalesce(v_configured, '{}')) = 0 then
    select coalesce(pg_catalog.array_agg(m.user_id order by m.created_at, m.user_id), '{}')
      into v_sequence
    from public.account_members m
    join public.users u on u.id = m.user_id
    where m.account_id = v_account_id and m.role = 'setter' and m.is_active and u.is_active;
  else
    select coalesce(pg_catalog.array_agg(c.user_id order by c.ord), '{}')
      into v_sequence
    from pg_catalog.unnest(v_configured) with ordinality as c (user_id, ord)
    where exists (
      select 1
      from public.account_members m
      join public.users u on u.id = m.user_id
      where m.account_id = v_account_id and m.user_id = c.user_id
        and m.role = 'setter' and m.is_active and u.is_active);
  end if;

  if pg_catalog.cardinality(v_sequence) = 0 then
    outcome := 'no_active_setters';
    return next;
    return;
  end if;

  v_index := case
    when v_last_index is null then 0
    else (v_last_index + 1) % pg_catalog.cardinality(v_sequence)
  end;
  v_user := v_sequence[v_index + 1];

  update public.leads l
  set assigned_user_id = v_user, assigned_at = pg_catalog.now()
  where l.id = p_lead_id and l.assigned_user_id is null;
  if not found then
    -- Assigned meanwhile by a writer that does not take the settings lock.
    select l.assigned_user_id into v_owner from public.leads l where l.id = p_lead_id;
    outcome := 'already_assigned';
    assigned_user_id := v_owner;
    return next;
    return;
  end if;

  insert into public.lead_assignment_events
    (account_id, lead_id, assigned_to_user_id, assigned_by_user_id, source, channel, sequence_index)
  values (v_account_id, p_lead_id, v_user, p_assigned_by, 'round_robin', v_channel, v_index);

  update public.org_settings s
  set round_robin_last_setter_index = v_index
  where s.account_id = v_account_id;

  outcome := 'assigned';
  assigned_user_id := v_user;
  sequence_index := v_index;
  return next;
end
$$;

comment on function public.assign_lead_round_robin(uuid, text, uuid) is
  'Assigns an unassigned lead to the next setter of its account''s round-robin sequence and returns one row (outcome, assigned_user_id, sequence_index). '
  'The sequence is org_settings.round_robin_setter_sequence filtered to active setters (order and duplicates kept, so a setter listed twice gets twice the share), '
  'or all active setters by membership age when it is empty. Outcomes: '
  'assigned (the lead now belongs to assigned_user_id, taken from position sequence_index; the pointer and lead_assignment_events record it); '
  'already_assigned (the lead already had an owner, returned in assigned_user_id; nothing changes); '
  'disabled (round_robin_enabled is off); '
  'channel_not_eligible (round_robin_email_only is on and p_channel is not email); '
  'no_active_setters (the effective sequence is empty). '
  'Only assigned changes anything. Raises lead_not_found (P0002) when the lead is not visible to the caller and invalid_channel (22023) for an unknown channel. '
  'Callers of one account are serialised by a lock on its org_settings row.';

revoke execute on function public.assign_lead_round_robin(uuid, text, uuid) from public;
grant execute on function public.assign_lead_round_robin(uuid, text, uuid) to revenue_api, revenue_worker;
