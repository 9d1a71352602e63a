-- An owner or admin marks an email inbox already warm (no ramp: the full cap from today)
-- or puts it back on its ramp.
create or replace function public.set_sender_already_warm(p_actor_user_id uuid, p_channel text, p_sender text, p_warm boolean)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_admin(p_actor_user_id);
  v_before boolean;
begin
  if p_channel is distinct from 'email' or p_sender is null or pg_catalog.length(p_sender) not between 1 and 320 or p_warm is null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'only an email sender ramps up: give the inbox and true or false';
  end if;
  select r.already_warm into v_before from public.sender_reputation r
  where r.account_id = v_account and r.channel = 'email' and r.sender = p_sender for update;
  if coalesce(v_before, false) = p_warm then
    return false;
  end if;
  insert into public.sender_reputation as r (account_id, channel, sender, already_warm)
  values (v_account, 'email', p_sender, p_warm)
  on conflict (account_id, channel, sender) do update set already_warm = excluded.already_warm;
  insert into public.account_events (account_id, event_type, event_source, subject_type, actor, payload)
  values (v_account, 'sender_warmth_changed', 'set_sender_already_warm', 'sender', p_actor_user_id::text,
          pg_catalog.jsonb_build_object('channel', p_channel, 'sender', p_sender, 'already_warm', p_warm));
  return true;
end
$$;

comment on function public.set_sender_already_warm(uuid, text, text, boolean) is
  'An owner or admin of app.account_id marks an email inbox already warm (true: its cap is the provider''s daily_cap from today) or puts it back on its warm-up ramp (false: the ramp counts from its first send). True when it changed. Recorded in account_events (sender_warmth_changed). Raises not_an_admin (42501) for anyone else, invalid_argument (22023) for a channel other than email.';

revoke execute on function public.set_sender_already_warm(uuid, text, text, boolean) from public;
grant execute on function public.set_sender_already_warm(uuid, text, text, boolean) to revenue_api;
