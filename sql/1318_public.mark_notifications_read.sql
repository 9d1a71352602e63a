-- The bell's "mark read": one notification, or all of the user's.
create or replace function public.mark_notifications_read(p_user_id uuid, p_delivery_ids uuid[] default null, p_now timestamptz default now())
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := nullif(pg_catalog.current_setting('app.account_id', true), '')::uuid;
  v_count integer;
begin
  if v_account is null then
    raise exception using errcode = '42501', message = 'no_account', detail = 'no account is selected for this session';
  end if;
  update public.notification_deliveries d set read_at = p_now
  where d.account_id = v_account and d.user_id = p_user_id and d.channel = 'in_app' and d.read_at is null
    and (p_delivery_ids is null or d.id = any(p_delivery_ids));
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

comment on function public.mark_notifications_read(uuid, uuid[], timestamptz) is
  'Marks the in-app notifications of a member of app.account_id read (read_at = p_now): those in p_delivery_ids, or all when null. Answers how many changed; another user''s notifications are never touched.';

revoke execute on function public.mark_notifications_read(uuid, uuid[], timestamptz) from public;
grant execute on function public.mark_notifications_read(uuid, uuid[], timestamptz) to revenue_api;
