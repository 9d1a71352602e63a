-- What became of a claimed delivery: sent, failed (the provider refused it, nothing to
-- send it with), skipped (nothing to say, nobody to say it to), or retry (nothing reached
-- the provider: the claim is released for the job's next attempt).
create or replace function brain.record_notification_delivery(
  p_delivery_id uuid,
  p_result text,
  p_error text default null,
  p_provider_ref text default null,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_status text;
begin
  if p_result is null or p_result not in ('sent', 'failed', 'skipped', 'retry') then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = pg_catalog.format('result must be sent, failed, skipped or retry, not %s', coalesce(p_result, 'null'));
  end if;
  update public.notification_deliveries d
  set status = case when p_result = 'retry' then 'pending' else p_result end,
      claimed_at = case when p_result = 'retry' then null else d.claimed_at end,
      sent_at = case when p_result = 'sent' then p_now end,
      error = pg_catalog.left(nullif(p_error, ''), 300),
      provider_ref = coalesce(pg_catalog.left(nullif(p_provider_ref, ''), 200), d.provider_ref)
  where d.id = p_delivery_id and d.status = 'pending' and d.claimed_at is not null
  returning d.status into v_status;
  return pg_catalog.jsonb_build_object('recorded', v_status is not null, 'status',
    coalesce(v_status, (select d.status from public.notification_deliveries d where d.id = p_delivery_id)));
end
$$;

comment on function brain.record_notification_delivery(uuid, text, text, text, timestamptz) is
  'Records the outcome of a claimed notification delivery: p_result sent (sent_at = p_now, provider_ref), failed or skipped (p_error says why; never a token), or retry (nothing reached the provider: back to pending, unclaimed, for the job''s next attempt). Only a pending, claimed delivery takes an outcome: answers {recorded, status}. Raises invalid_argument (22023) for another result.';

revoke execute on function brain.record_notification_delivery(uuid, text, text, text, timestamptz) from public;
grant execute on function brain.record_notification_delivery(uuid, text, text, text, timestamptz) to revenue_worker;
