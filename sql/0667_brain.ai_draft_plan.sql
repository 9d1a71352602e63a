-- Whether a classified reply gets a draft answer, and everything the drafting model
-- and the auto-send decision need (issue 17, seed 003 §8):
--   - only Interested, Meeting Requested and Follow Up replies;
--   - only the lead's latest reply (a newer one makes this one moot);
--   - never for a lead who is suppressed on the reply's channel (or everywhere, or do
--     not contact), nor to a bounce-like address (mailer-daemon, postmaster, no-reply,
--     bounce…), nor for a reply whose headers made it a bounce or an automatic reply;
--   - never when the dispatch path would refuse to send it: outreach stopped (a booked
--     appointment), a suppressed, closed or archived lead, or the negative-reply cooldown;
--   - one draft per reply and channel: none when it already has one.
-- The draft goes back on the reply's channel. An emailed reply from someone other than
-- the lead (a colleague CC'd on the thread, seed 003 §6) is answered To them, with the
-- lead's own address CC'd.
-- The persona: the campaign's (campaigns.ai_persona_id), else the account's default
-- persona, else the account's settings (org_settings.persona_name, ai_tone, ai_signature).
-- The campaign: the one whose touch the lead answered (the latest sent before the reply),
-- else the lead's latest active enrollment.
create or replace function brain.ai_draft_plan(p_message_id uuid, p_now timestamptz default now())
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_m public.inbound_messages;
  v_lead public.leads;
  v_org public.org_settings;
  v_campaign public.campaigns;
  v_persona jsonb;
  v_status record;
  v_to text;
  v_cc text[] := '{}';
  v_recipient text;
  v_why text;
  v_draft public.ai_drafts;
begin
  select m.* into v_m from public.inbound_messages m where m.id = p_message_id;
  if not found then
    return pg_catalog.jsonb_build_object('wanted', false, 'reason', 'no such message');
  end if;
  select l.* into v_lead from public.leads l where l.id = v_m.lead_id;
  select o.* into v_org from public.org_settings o where o.account_id = v_m.account_id;

  select d.* into v_draft from public.ai_drafts d
  where d.account_id = v_m.account_id and d.inbound_message_id = v_m.id and d.channel = v_m.channel;

  if v_m.channel::text = 'email' and v_lead.email is not null
     and pg_catalog.lower(v_m.from_address) <> pg_catalog.lower(v_lead.email::text) then
    v_to := pg_catalog.lower(v_m.from_address);
    v_cc := array[pg_catalog.lower(v_lead.email::text)];
  end if;
  v_recipient := case when v_m.channel::text = 'email' then coalesce(v_to, pg_catalog.lower(v_lead.email::text)) end;

  select s.* into v_status from brain.lead_suppression_status_at(p_now) s where s.lead_id = v_lead.id;

  v_why := case
    when v_draft.id is not null then 'the reply already has a draft'
    when v_m.sentiment_tag is null then 'the reply is not classified yet'
    when v_m.sentiment_tag not in ('Interested', 'Meeting Requested', 'Follow Up')
      then 'no draft for ' || v_m.sentiment_tag || ' replies'
    when v_m.channel::text not in ('sms', 'whatsapp', 'email') then 'no draft on ' || v_m.channel::text
    when v_m.auto_kind is not null then 'the reply is an automatic ' || pg_catalog.replace(v_m.auto_kind, '_', ' ')
    when exists (select 1 from public.inbound_messages n
                 where n.lead_id = v_m.lead_id and n.id <> v_m.id
                   and (n.received_at, n.id) > (v_m.received_at, v_m.id))
      then 'the lead has replied again since'
    when v_lead.status = 'suppressed' or coalesce(v_status.is_unsubscribed, false)
      then 'the lead is suppressed' || coalesce(' (' || v_status.suppression_reason || ')', '')
    when v_m.channel::text = any(coalesce(v_status.suppressed_channels, '{}'))
      then 'the lead is suppressed on ' || v_m.channel::text
    when v_status.stop_event = 'do_not_contact' then 'the lead is marked do not contact'
    -- What the dispatch path would refuse anyway (brain.claim_touch_rows): no draft that could never go out.
    when v_status.stop_event is not null then 'outreach to the lead has stopped (' || v_status.stop_event || ')'
    when v_lead.lead_state in ('suppressed', 'closed') then 'the lead is ' || v_lead.lead_state
    when v_lead.lead_state = 'appointment_booked' then 'the lead has a meeting booked'
    when v_lead.status = 'archived' then 'the lead is archived'
    when coalesce(v_status.in_negative_cooldown, false)
      then 'the lead is in its negative-reply cooldown until ' || pg_catalog.to_char(v_status.negative_cooldown_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC'
    when v_m.channel::text = 'email' and v_recipient is null then 'no address to answer'
    when v_recipient ~* '^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|bounce-[^@]*|notifications?|auto-?reply)@'
      then 'the address ' || v_recipient || ' is a bounce or no-reply address'
    when v_m.channel::text = 'email' and exists (
           select 1 from public.suppressions x
           where x.account_id = v_m.account_id and x.email is not null and pg_catalog.lower(x.email::text) = v_recipient
             and x.lifted_at is null and x.created_at <= p_now)
      then 'the address ' || v_recipient || ' is suppressed'
  end;

  -- The campaign the lead answered, else its latest active enrollment.
  select c.* into v_campaign
  from public.campaigns c
  where c.account_id = v_m.account_id
    and c.id = coalesce(
      (select t.campaign_id from public.touch_runs t
       where t.lead_id = v_m.lead_id and t.campaign_id is not null and t.status in ('sent', 'delivered')
         and t.sent_at <= v_m.received_at
       order by t.sent_at desc limit 1),
      (select cl.campaign_id from public.campaign_leads cl
       where cl.lead_id = v_m.lead_id and cl.account_id = v_m.account_id and cl.status in ('active', 'paused')
       order by cl.enrolled_at desc limit 1));

  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('source', p.source, 'name', p.name, 'tone', p.tone,
                                                                    'signature', p.signature))
    into v_persona
  from (
    select 'campaign' as source, a.name, a.tone, a.signature, 1 as rank
    from public.ai_personas a where a.id = v_campaign.ai_persona_id and a.account_id = v_m.account_id
    union all
    select 'default_persona', a.name, a.tone, a.signature, 2
    from public.ai_personas a where a.account_id = v_m.account_id and a.is_default
    union all
    select 'settings', coalesce(v_org.persona_name, v_org.business_name, 'The team'), v_org.ai_tone, v_org.ai_signature, 3
  ) p
  order by p.rank
  limit 1;

  return pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'wanted', v_why is null,
    'reason', v_why,
    'draft_id', v_draft.id,
    'inbound_message_id', v_m.id,
    'lead_id', v_m.lead_id,
    'account_id', v_m.account_id,
    'tag', v_m.sentiment_tag,
    'channel', v_m.channel::text,
    'to_address', v_to,
    'cc_addresses', case when pg_catalog.cardinality(v_cc) > 0 then pg_catalog.to_jsonb(v_cc) end,
    'subject', case when v_m.channel::text = 'email'
                    then pg_catalog.left(case when coalesce(v_m.subject, '') ~* '^\s*(re|aw|sv|rv)\s*:' then pg_catalog.btrim(v_m.subject)
                                              else 'Re: ' || coalesce(nullif(pg_catalog.btrim(v_m.subject), ''), coalesce(v_org.business_name, 'your message')) end, 998) end,
    'persona', v_persona,
    'campaign', case when v_campaign.id is not null then pg_catalog.jsonb_build_object(
                  'id', v_campaign.id, 'name', v_campaign.name, 'response_mode', v_campaign.response_mode,
                  'auto_send_threshold', v_campaign.auto_send_threshold,
                  'auto_send_delay_min_seconds', v_campaign.auto_send_delay_min_seconds,
                  'auto_send_delay_max_seconds', v_campaign.auto_send_delay_max_seconds) end,
    'lead', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
              'first_name', v_lead.first_name, 'last_name', v_lead.last_name, 'company_name', v_lead.company_name,
              'city', v_lead.city, 'timezone', v_lead.timezone)),
    'business_name', v_org.business_name,
    'vertical', v_org.vertical));
end
$$;

comment on function brain.ai_draft_plan(uuid, timestamptz) is
  'Whether a classified inbound message gets an AI draft, and the context to write and decide it: {wanted, reason (why not), draft_id (when it already has one), inbound_message_id, lead_id, account_id, tag, channel, to_address and cc_addresses (an emailed reply from a CC''d colleague: To them, the lead CC''d), subject (email: Re: …), persona {source: campaign | default_persona | settings, name, tone, signature}, campaign {id, name, response_mode, auto_send_threshold, auto_send_delay_min_seconds, auto_send_delay_max_seconds} (the campaign whose touch the lead answered, else its latest active or paused enrollment; absent when none), lead {first_name, last_name, company_name, city, timezone}, business_name, vertical}. Wanted only for an Interested, Meeting Requested or Follow Up reply on sms, whatsapp or email that is the lead''s latest, has no draft yet, is not a bounce or automatic reply by its headers, from a lead not suppressed (everywhere, on that channel, or do not contact) and whom the dispatch path would write to (no stop event such as appointment_booked, not suppressed, closed or archived, not in its negative-reply cooldown), to an address that is not bounce-like (mailer-daemon, postmaster, no-reply, bounce…) nor suppressed.';

revoke execute on function brain.ai_draft_plan(uuid, timestamptz) from public;
grant execute on function brain.ai_draft_plan(uuid, timestamptz) to revenue_worker;
