-- What a person's reply does to its lead, whatever the channel it came on (seed 003 §11
-- lead_replied): the cadence waits for a human, the lead becomes responded, and a
-- positive reply makes it high intent (and a gold lead goes to the call queue) while a
-- negative one starts the cooldown. Shared by brain.apply_inbound_message (SMS,
-- WhatsApp) and brain.apply_inbound_email, so a reply counts the same on every channel.
create or replace function brain.apply_lead_reply(
  p_account_id uuid,
  p_lead_id uuid,
  p_message_id uuid,
  p_channel text,
  p_provider text,
  p_class text,
  p_received_at timestamptz,
  p_captured_email text default null
)
returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_result jsonb;
  v_lead_row public.leads;
  v_gold boolean;
  v_gold_priority integer;
begin
  if p_account_id is null or p_lead_id is null or p_channel is null or p_provider is null then
    raise exception using errcode = '22023', message = 'invalid_argument',
      detail = 'the account, the lead, the channel and the provider are required';
  end if;
  v_result := brain.halt_outreach(p_lead_id, 'lead_replied', 'paused', p_received_at);
  select l.* into v_lead_row from public.leads l where l.id = p_lead_id;
  if v_lead_row.lead_state in ('new', 'touched', 'dead') then
    perform brain.transition_lead(p_lead_id, 'responded', 'inbound_reply', 'webhook_' || p_provider);
  end if;
  if p_captured_email is not null then
    -- An address written in the reply belongs to this sender: it becomes the lead's email
    -- when it has none and no other lead of the account uses it, otherwise an alternate
    -- address. Never a merge with another lead.
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      pg_catalog.format('lead:%s:email:%s', p_account_id, p_captured_email), 0));
    update public.leads l
    set email = case
          when l.email is null and not exists (
            select 1 from public.leads o
            where o.account_id = l.account_id and o.id <> l.id
              and (o.email = p_captured_email::public.email_address or o.alternate_emails @> array[p_captured_email::public.email_address]))
          then p_captured_email::public.email_address else l.email end,
        alternate_emails = case
          when l.email is null and not exists (
            select 1 from public.leads o
            where o.account_id = l.account_id and o.id <> l.id
              and (o.email = p_captured_email::public.email_address or o.alternate_emails @> array[p_captured_email::public.email_address]))
          then l.alternate_emails
          else l.alternate_emails || p_captured_email::public.email_address end
    where l.id = p_lead_id
      and l.email is distinct from p_captured_email::public.email_address
      and not (l.alternate_emails @> array[p_captured_email::public.email_address]);
    select l.* into v_lead_row from public.leads l where l.id = p_lead_id;
    if exists (select 1 from public.lead_state_transitions x
               where x.from_state = v_lead_row.lead_state and x.to_state = 'email_captured') then
      perform brain.transition_lead(p_lead_id, 'email_captured', 'email_in_reply', 'webhook_' || p_provider);
    end if;
  end if;
  if p_class = 'positive' then
    perform brain.record_event(p_account_id, p_lead_id, 'reply_positive', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('inbound_message_id', p_message_id), p_channel, p_received_at,
      p_score_delta => 10);
    select l.* into v_lead_row from public.leads l where l.id = p_lead_id;
    if exists (select 1 from public.lead_state_transitions x
               where x.from_state = v_lead_row.lead_state and x.to_state = 'high_intent') then
      perform brain.transition_lead(p_lead_id, 'high_intent', 'positive_reply', 'webhook_' || p_provider);
    end if;
    -- Seed 004 Part 6: a gold lead (mobile phone and email) goes to the call queue.
    select l.* into v_lead_row from public.leads l where l.id = p_lead_id;
    -- Nobody who opted out is called: only START lifts an opt-out.
    v_gold := v_lead_row.phone is not null and v_lead_row.phone_line_type = 'mobile' and v_lead_row.email is not null
      and v_lead_row.status <> 'suppressed'
      and not exists (select 1 from public.suppressions s
                      where s.account_id = p_account_id and s.lifted_at is null
                        and (s.channel is null or s.channel = 'voice')
                        and (s.lead_id = p_lead_id or s.phone = v_lead_row.phone or s.email = v_lead_row.email));
    if v_gold then
      select o.call_queue_gold_priority into v_gold_priority from public.org_settings o where o.account_id = p_account_id;
      insert into public.call_queue (account_id, lead_id, priority, reason, source)
      select p_account_id, p_lead_id, v_gold_priority, 'positive_reply_gold', 'webhook_' || p_provider
      where not exists (select 1 from public.call_queue q
                        where q.lead_id = p_lead_id and q.status in ('pending', 'in_progress'));
      if exists (select 1 from public.lead_state_transitions x
                 where x.from_state = v_lead_row.lead_state and x.to_state = 'in_call_queue') then
        perform brain.transition_lead(p_lead_id, 'in_call_queue', 'positive_reply_gold', 'webhook_' || p_provider);
      end if;
    end if;
    perform public.assign_lead_round_robin(p_lead_id, p_channel);
  elsif p_class = 'negative' then
    perform brain.record_event(p_account_id, p_lead_id, 'reply_negative', 'webhook_' || p_provider, 'inbound',
      pg_catalog.jsonb_build_object('inbound_message_id', p_message_id), p_channel, p_received_at,
      p_score_delta => -10);
  end if;
  return v_result;
end
$$;

comment on function brain.apply_lead_reply(uuid, uuid, uuid, text, text, text, timestamptz, text) is
  'What a person''s conversational reply (not a consent keyword, not an automatic email) does to its lead, on any channel: brain.halt_outreach(lead_replied, paused); a new, touched or dead lead becomes responded; p_captured_email (an address the SMS reply wrote, brain.extract_email; null for email) becomes the lead''s email when it has none and no other lead of the account uses it, else an alternate address, and the lead email_captured; p_class positive (brain.classify_reply) records reply_positive (+10), moves the lead to high_intent, queues a gold lead (mobile phone, email, not suppressed for calls) for a call and assigns it round-robin; negative records reply_negative (-10, the cooldown). Returns halt_outreach''s counts. Called by brain.apply_inbound_message and brain.apply_inbound_email.';

revoke execute on function brain.apply_lead_reply(uuid, uuid, uuid, text, text, text, timestamptz, text) from public;
