-- Email bounces, complaints and unsubscribes (Elastic Email, one-click links).
create or replace function public.suppress_lead_channel(
  p_account_id uuid,
  p_lead_id uuid,
  p_email text,
  p_channel text,
  p_reason text,
  p_source text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_lead public.leads;
  v_address text;
  v_id uuid;
begin
  if p_account_id is null or p_channel is null or p_source is null then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'the account, the channel and the source are required';
  end if;
  if p_reason is null or p_reason not in ('bounce', 'complaint', 'unsubscribe') then
    raise exception using errcode = '22023', message = 'invalid_argument', detail = 'reason must be bounce, complaint or unsubscribe';
  end if;
  if p_lead_id is not null then
    select l.* into v_lead from public.leads l where l.id = p_lead_id and l.account_id = p_account_id;
  else
    select l.* into v_lead from public.leads l
    where l.account_id = p_account_id and (l.email = pg_catalog.lower(p_email) or pg_catalog.lower(p_email) = any(l.alternate_emails))
    order by l.created_at limit 1;
  end if;
  v_address := coalesce(pg_catalog.lower(p_email), case when p_channel = 'email' then v_lead.email::text end);
  if p_channel = 'email' and v_address is null then
    return pg_catalog.jsonb_build_object('outcome', 'no_address');
  end if;
  if p_channel = 'email' then
    insert into public.suppressions (account_id, channel, email, reason, source, lead_id, created_at)
    values (p_account_id, 'email', v_address, p_reason, p_source, v_lead.id, p_now)
    on conflict do nothing
    returning id into v_id;
  else
    if v_lead.phone is null then
      return pg_catalog.jsonb_build_object('outcome', 'no_address');
    end if;
    insert into public.suppressions (account_id, channel, phone, reason, source, lead_id, created_at)
    values (p_account_id, p_channel, v_lead.phone, p_reason, p_source, v_lead.id, p_now)
    on conflict do nothing
    returning id into v_id;
  end if;
  if v_id is not null and v_lead.id is not null then
    perform brain.record_event(p_account_id, v_lead.id, p_channel || '_' || p_reason, p_source,
      case when p_reason = 'bounce' then 'internal' else 'inbound' end,
      pg_catalog.jsonb_build_object('suppression_id', v_id), p_channel, p_now);
    update public.touch_runs set status = 'canceled', error_code = 'channel_suppressed',
           error_message = 'canceled: ' || p_channel || ' ' || p_reason
    where lead_id = v_lead.id and channel = p_channel and status in ('scheduled', 'queued');
  end if;
  return pg_catalog.jsonb_build_object('outcome', case when v_id is null then 'already_suppressed' else 'suppressed' end,
                                       'lead_id', v_lead.id, 'channel', p_channel);
end
$$;

comment on function public.suppress_lead_channel(uuid, uuid, text, text, text, text, timestamptz) is
  'Suppresses one channel of a lead''s address (found by lead id, or by email within the account): bounces and complaints stop email to that address, an unsubscribe (one-click link, Elastic Email) stops marketing on that channel. Idempotent (already_suppressed); logs <channel>_<reason> and cancels the lead''s pending touches on that channel. Other channels are untouched.';

revoke execute on function public.suppress_lead_channel(uuid, uuid, text, text, text, text, timestamptz) from public;
grant execute on function public.suppress_lead_channel(uuid, uuid, text, text, text, text, timestamptz) to revenue_worker, revenue_ingest;
