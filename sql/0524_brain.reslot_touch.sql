-- A claimed touch whose send would start late (the worker stalled past its slot)
-- takes a new slot instead: a late start would crowd the sender's next 1-second
-- window at the provider. Only the worker that holds the claim may ask.
create or replace function brain.reslot_touch(
  p_touch_run_id uuid,
  p_worker_id text,
  p_now timestamptz default null
)
returns timestamptz
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_touch public.touch_runs;
  v_sender text;
  v_config jsonb;
  v_slot record;
begin
  select t.* into v_touch from public.touch_runs t where t.id = p_touch_run_id;
  if v_touch.id is null or v_touch.status <> 'sending' or v_touch.claimed_by is distinct from p_worker_id then
    raise exception using errcode = '55000', message = 'touch_not_claimed',
      detail = pg_catalog.format('touch %s is not being sent by worker %s', p_touch_run_id, coalesce(p_worker_id, 'null'));
  end if;
  -- Email has a daily cap, not a per-second one (brain.claim_touch): its slot is now.
  if v_touch.channel = 'email' then
    return coalesce(p_now, pg_catalog.clock_timestamp());
  end if;
  select m.from_address into v_sender from public.outbound_messages m
  where m.account_id = v_touch.account_id and m.touch_run_id = v_touch.id
  order by m.created_at desc limit 1;
  select s.config into v_config from public.account_provider_settings s
  where s.account_id = v_touch.account_id and s.channel = v_touch.channel and s.is_default;
  -- The same limit claim_touch applied; up to a minute ahead, so the slot is always reserved.
  select * into v_slot from brain.reserve_sender_slot(
    v_touch.account_id, v_touch.channel, coalesce(v_sender, 'sink'),
    case when v_config ->> 'max_per_second' ~ '^[0-9]{1,4}$' then (v_config ->> 'max_per_second')::integer else 1 end,
    coalesce(p_now, pg_catalog.clock_timestamp()), interval '1 minute');
  if not v_slot.reserved then
    raise exception using errcode = '55000', message = 'slot_unavailable',
      detail = pg_catalog.format('sender %s has no free slot in the next minute', coalesce(v_sender, 'sink'));
  end if;
  return v_slot.slot_at;
end
$$;

comment on function brain.reslot_touch(uuid, text, timestamptz) is
  'Reserves a new sender slot for a touch that p_worker_id claimed (status sending, claimed_by = p_worker_id; else 55000 touch_not_claimed) and whose send would start late: the sender is the one the claim chose (outbound_messages.from_address), the limit is the channel setting''s max_per_second as in brain.claim_touch, and the slot may be up to a minute ahead (none free in that minute: 55000 slot_unavailable). Returns the slot (now for email, which has no per-second limit). The worker sends no earlier than it; the old slot stays taken, unused.';

revoke execute on function brain.reslot_touch(uuid, text, timestamptz) from public;
grant execute on function brain.reslot_touch(uuid, text, timestamptz) to revenue_worker;
