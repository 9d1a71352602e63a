-- The reputation guard for one sender, evaluated when one of its sends bounces, draws a
-- complaint or an opt-out (brain.record_sender_event): over its last 200 sends, an email
-- sender is paused when more than 3% hard-bounced or more than 0.1% drew a complaint, and
-- a number raises an alarm when more than 2% drew a STOP-type opt-out.
--
-- The window is the sender's last 200 outbound messages (outbound_messages_sender_idx:
-- two index probes, no scan), since its last resume: a person who resumed it starts a
-- fresh window. A sender with fewer sends counts over 200 (the missing ones as clean), so
-- one early bounce of a new inbox does not pause it; 7 hard bounces (7/200 = 3.5%) do,
-- and so does any complaint (1/200 = 0.5%).
--
-- Soft bounces are recorded and shown (v_sender_health_v1) but do not pause: they are
-- the receiving side's temporary refusals (greylisting, a full mailbox, throttling).
-- Numbers are not paused on opt-outs: a STOP is the lead's choice and is honoured for
-- that lead at once; the alarm (sender_opt_outs, once a UTC day per number) asks a
-- person to look at the list and the copy. Pausing a number would also stop the
-- replies of conversations already under way.
create or replace function brain.check_sender_reputation(
  p_account_id uuid,
  p_channel text,
  p_sender text,
  p_now timestamptz default now()
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_channel public.channel := p_channel::public.channel;
  v_from text := case when p_sender = 'default' then null else p_sender end;
  v_rep public.sender_reputation;
  v_cutoff timestamptz;
  v_sends integer;
  v_hard integer;
  v_soft integer;
  v_complaints integer;
  v_opt_outs integer;
  v_over integer;
  v_reason text;
  v_detail jsonb;
  v_paused_at timestamptz;
  v_event uuid;
  v_action text := 'ok';
begin
  select r.* into v_rep from public.sender_reputation r
  where r.account_id = p_account_id and r.channel = v_channel and r.sender = p_sender;

  -- The 200th most recent send since the last resume (null: fewer than 200).
  select m.created_at into v_cutoff from public.outbound_messages m
  where m.account_id = p_account_id and m.channel = v_channel
    and (m.from_address = v_from or (v_from is null and m.from_address is null))
    and m.created_at >= coalesce(v_rep.resumed_at, '-infinity')
  order by m.created_at desc
  offset 199 limit 1;
  v_cutoff := greatest(v_cutoff, v_rep.resumed_at);
  select count(*)::integer into v_sends from public.outbound_messages m
  where m.account_id = p_account_id and m.channel = v_channel
    and (m.from_address = v_from or (v_from is null and m.from_address is null))
    and m.created_at >= coalesce(v_cutoff, '-infinity');
  select count(*) filter (where e.kind = 'hard_bounce')::integer, count(*) filter (where e.kind = 'soft_bounce')::integer,
         count(*) filter (where e.kind = 'complaint')::integer, count(*) filter (where e.kind = 'opt_out')::integer
  into v_hard, v_soft, v_complaints, v_opt_outs
  from public.sender_reputation_events e
  where e.account_id = p_account_id and e.channel = v_channel and e.sender = p_sender
    and e.message_sent_at >= coalesce(v_cutoff, '-infinity');
  -- Ties at the cutoff (a batch's sends share one time) stay in the window: at least 200.
  v_over := greatest(v_sends, 200);
  v_detail := pg_catalog.jsonb_build_object('sends', v_sends, 'window', v_over, 'hard_bounces', v_hard, 'soft_bounces', v_soft,
                                            'complaints', v_complaints, 'opt_outs', v_opt_outs, 'window_start', v_cutoff);

  if p_channel = 'email' then
    v_reason := case when v_hard * 100 > 3 * v_over then 'bounce_rate'
                     when v_complaints * 1000 > 1 * v_over then 'complaint_rate' end;
    if v_reason is not null and v_rep.paused_at is not null then
      v_action := 'already_paused';
    elsif v_reason is not null then
      insert into public.sender_reputation as r (account_id, channel, sender, paused_at, paused_reason, paused_detail)
      values (p_account_id, v_channel, p_sender, p_now, v_reason, v_detail)
      on conflict (account_id, channel, sender) do update
        set paused_at = excluded.paused_at, paused_reason = excluded.paused_reason, paused_detail = excluded.paused_detail
        where r.paused_at is null
      returning r.paused_at into v_paused_at;
      if v_paused_at is not null then
        v_action := 'paused';
        insert into public.notification_events (account_id, kind, occurred_at, payload, dedupe_key)
        values (p_account_id, 'sender_paused', p_now,
                v_detail || pg_catalog.jsonb_build_object('channel', p_channel, 'sender', p_sender, 'reason', v_reason),
                pg_catalog.left('sender_paused:' || p_channel || ':' || p_sender || ':'
                                || pg_catalog.to_char(v_paused_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), 300))
        on conflict (account_id, dedupe_key) do nothing
        returning id into v_event;
        insert into public.account_events (account_id, event_type, event_source, subject_type, actor, payload)
        values (p_account_id, 'sender_paused', 'check_sender_reputation', 'sender', 'system',
                v_detail || pg_catalog.jsonb_build_object('channel', p_channel, 'sender', p_sender, 'reason', v_reason));
      else
        v_action := 'already_paused';
      end if;
    end if;
  elsif p_channel in ('sms', 'whatsapp') and v_opt_outs * 100 > 2 * v_over then
    v_reason := 'opt_out_rate';
    insert into public.notification_events (account_id, kind, occurred_at, payload, dedupe_key)
    values (p_account_id, 'sender_opt_outs', p_now,
            v_detail || pg_catalog.jsonb_build_object('channel', p_channel, 'sender', p_sender, 'reason', v_reason),
            pg_catalog.left('sender_opt_outs:' || p_channel || ':' || p_sender || ':' || (p_now at time zone 'UTC')::date::text, 300))
    on conflict (account_id, dedupe_key) do nothing
    returning id into v_event;
    v_action := case when v_event is null then 'alarm_already_raised' else 'alerted' end;
  end if;

  return v_detail || pg_catalog.jsonb_build_object('action', v_action, 'reason', v_reason, 'notification_event_id', v_event);
end
$$;

comment on function brain.check_sender_reputation(uuid, text, text, timestamptz) is
  'The reputation guard for one sender, over its last 200 sends (outbound_messages, since its last resume; fewer count over 200): email is paused (sender_reputation.paused_at, reason bounce_rate when hard bounces > 3%, complaint_rate when complaints > 0.1%), with a sender_paused notification event and an account_events row, once per pause; soft bounces never pause. SMS / WhatsApp: STOP-type opt-outs > 2% raise a sender_opt_outs notification event once per UTC day and number, without pausing. Returns the window''s figures (sends, window, hard_bounces, soft_bounces, complaints, opt_outs, window_start) with action (ok, paused, already_paused, alerted, alarm_already_raised) and reason.';

revoke execute on function brain.check_sender_reputation(uuid, text, text, timestamptz) from public;
