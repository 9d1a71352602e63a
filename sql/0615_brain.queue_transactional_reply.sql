-- Replies the carrier rules require (STOP confirmation, HELP, START) go through
-- the dispatch path like any touch, marked transactional.
create or replace function brain.queue_transactional_reply(
  p_account_id uuid,
  p_lead_id uuid,
  p_channel text,
  p_kind text,
  p_body text,
  p_now timestamptz default now()
)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_attempt integer;
  v_id uuid;
begin
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = p_lead_id and t.campaign_id is null and t.step = 100 and t.channel = p_channel;
  if v_attempt > 100 then
    return null;
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (p_account_id, p_lead_id, null, 100, p_channel, v_attempt, 'queued', p_now, p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'transactional',
            'delivery', pg_catalog.jsonb_build_object('body', p_body),
            'meta', pg_catalog.jsonb_build_object('source', p_kind, 'transactional', true, 'created_by', 'inbound')))
  on conflict on constraint touch_runs_attempt_key do nothing
  returning id into v_id;
  return v_id;
end
$$;

comment on function brain.queue_transactional_reply(uuid, uuid, text, text, text, timestamptz) is
  'Queues a transactional reply (p_kind: opt_out_confirmation, opt_in_confirmation, help_reply) as a touch_run on step 100 without a campaign. brain.claim_touch sends transactional touches even to an opted-out lead and outside the send window (carrier rules require the confirmation), still once per send_key and within the sender''s rate limit. At most 100 per lead and channel.';

revoke execute on function brain.queue_transactional_reply(uuid, uuid, text, text, text, timestamptz) from public;
grant execute on function brain.queue_transactional_reply(uuid, uuid, text, text, text, timestamptz) to revenue_worker;
