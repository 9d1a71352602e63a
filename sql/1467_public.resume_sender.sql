-- An owner or admin resumes an email sender the reputation guard paused.
create or replace function public.resume_sender(p_actor_user_id uuid, p_channel text, p_sender text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_account uuid := private.require_account_admin(p_actor_user_id);
  v_reason text;
begin
  update public.sender_reputation r
  set paused_at = null, paused_reason = null, paused_detail = null, resumed_at = pg_catalog.now(), resumed_by = p_actor_user_id
  from (select r_.paused_reason from public.sender_reputation r_
        where r_.account_id = v_account and r_.channel::text = p_channel and r_.sender = p_sender and r_.paused_at is not null
        for update) old
  where r.account_id = v_account and r.channel::text = p_channel and r.sender = p_sender and r.paused_at is not null
  returning old.paused_reason into v_reason;
  if not found then
    return false;
  end if;
  insert into public.account_events (account_id, event_type, event_source, subject_type, actor, payload)
  values (v_account, 'sender_resumed', 'resume_sender', 'sender', p_actor_user_id::text,
          pg_catalog.jsonb_build_object('channel', p_channel, 'sender', p_sender, 'paused_reason', v_reason));
  return true;
end
$$;

comment on function public.resume_sender(uuid, text, text) is
  'An owner or admin of app.account_id resumes a sender the reputation guard paused: its cap is its ramp''s again, and its guard starts a fresh window of 200 sends from now (brain.check_sender_reputation). True when it was paused; false (nothing changes) otherwise. Recorded in account_events (sender_resumed, actor = the user). Raises not_an_admin (42501) for anyone else.';

revoke execute on function public.resume_sender(uuid, text, text) from public;
grant execute on function public.resume_sender(uuid, text, text) to revenue_api;
