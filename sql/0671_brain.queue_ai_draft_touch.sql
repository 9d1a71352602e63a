-- A draft goes out only as a touch_run (issue 17): the dispatch path then gives it every
-- check a campaign touch gets (consent and suppression at claim time, the lead's send
-- window, send_key, the strict template check). Like an operator's message it has no
-- campaign and step 99; its payload names the draft (meta.ai_draft_id).
create or replace function brain.queue_ai_draft_touch(
  p_draft_id uuid,
  p_scheduled_at timestamptz,
  p_actor text,
  p_now timestamptz default now()
)
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_draft public.ai_drafts;
  v_attempt integer;
  v_id uuid;
begin
  select d.* into v_draft from public.ai_drafts d where d.id = p_draft_id;
  if not found then
    raise exception using errcode = 'P0002', message = 'draft_not_found', detail = 'no such draft in this account';
  end if;
  -- The lead row lock serializes attempt numbers with public.queue_manual_message.
  perform 1 from public.leads l where l.id = v_draft.lead_id and l.account_id = v_draft.account_id for update;
  select coalesce(max(t.attempt), 0) + 1 into v_attempt
  from public.touch_runs t
  where t.lead_id = v_draft.lead_id and t.campaign_id is null and t.step = 99 and t.channel = v_draft.channel;
  if v_attempt > 100 then
    raise exception using errcode = '54000', message = 'too_many_manual_messages',
      detail = 'at most 100 operator and AI messages per lead and channel';
  end if;
  insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, created_at, payload)
  values (v_draft.account_id, v_draft.lead_id, null, 99, v_draft.channel, v_attempt,
          case when p_scheduled_at > p_now then 'scheduled' else 'queued' end, greatest(p_scheduled_at, p_now), p_now,
          pg_catalog.jsonb_build_object(
            'message_class', 'ai_reply',
            'delivery', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'body', v_draft.body, 'subject', v_draft.subject, 'to', v_draft.to_address,
              'cc', case when pg_catalog.cardinality(v_draft.cc_addresses) > 0 then pg_catalog.to_jsonb(v_draft.cc_addresses) end)),
            'meta', pg_catalog.jsonb_build_object('source', 'ai_inbox', 'ai_draft_id', v_draft.id,
                                                  'inbound_message_id', v_draft.inbound_message_id, 'created_by', p_actor)))
  returning id into v_id;
  return v_id;
end
$$;

comment on function brain.queue_ai_draft_touch(uuid, timestamptz, text, timestamptz) is
  'Queues an AI draft''s message as a touch_run without a campaign on step 99 (attempt numbers shared with public.queue_manual_message, at most 100 per lead and channel: 54000 too_many_manual_messages): queued now, or scheduled for p_scheduled_at when that is later. Payload: message_class ai_reply, delivery {body, subject, to, cc} from the draft, meta {source: ai_inbox, ai_draft_id, inbound_message_id, created_by: p_actor}. The dispatch path sends it with every check a campaign touch gets. Returns the touch id. P0002 draft_not_found.';

