-- Suppression, cooldown and reactivation facts of every lead, as of p_now.
-- language sql without SET clauses so the planner inlines it: a filter on
-- lead_id reaches the index scans inside.
create or replace function brain.lead_suppression_status_at(p_now timestamptz)
returns table (
  lead_id uuid,
  account_id uuid,
  is_unsubscribed boolean,
  suppression_reason text,
  suppressed_channels text[],
  in_negative_cooldown boolean,
  negative_cooldown_until timestamptz,
  stop_event text,
  last_touch_at timestamptz,
  last_inbound_at timestamptz,
  reactivation_eligible_at timestamptz
)
language sql
stable
as $$
  select
    l.id,
    l.account_id,
    f.unsubscribed,
    f.reason,
    case when f.unsubscribed then array['voice', 'sms', 'whatsapp', 'email']
         else array(select c from pg_catalog.unnest(array['voice', 'sms', 'whatsapp', 'email']) with ordinality u(c, n)
                    where c = any(coalesce(sup.channels, array[]::text[]))
                       or (f.phone_revoked and c <> 'email')
                    order by n) end,
    coalesce(p_now < f.cooldown_until, false),
    f.cooldown_until,
    case
      when ev.do_not_contact then 'do_not_contact'
      when ev.booked_at is not null and (ev.canceled_at is null or ev.canceled_at < ev.booked_at) then 'appointment_booked'
    end,
    ev.last_touch_at,
    ev.last_inbound_at,
    case when ev.last_touch_at is not null and (ev.last_inbound_at is null or ev.last_inbound_at < ev.last_touch_at)
          and not f.unsubscribed and not f.phone_revoked
          and not coalesce(sup.channels @> array['voice', 'sms', 'whatsapp'], false)
         then ev.last_touch_at + pg_catalog.make_interval(days => s.reactivation_after_days) end
  from public.leads l
  join public.org_settings s on s.account_id = l.account_id
  left join lateral (
    select
      max(e.created_at) filter (where e.event_type = 'touch_sent') as last_touch_at,
      max(e.created_at) filter (where e.direction = 'inbound') as last_inbound_at,
      max(e.created_at) filter (where e.event_type = 'reply_negative') as last_negative_at,
      coalesce(bool_or(e.event_type = 'do_not_contact'), false) as do_not_contact,
      max(e.created_at) filter (where e.event_type = 'appointment_booked') as booked_at,
      max(e.created_at) filter (where e.event_type = 'appointment_canceled') as canceled_at,
      (array_agg(e.event_type order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_event,
      (array_agg(coalesce(e.channel::text, 'any') order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_channel,
      (array_agg(coalesce(e.payload ->> 'scope', 'all') order by e.created_at desc, e.id desc)
         filter (where e.event_type in ('opt_out', 'unsubscribe', 'opt_in', 'consent_lifted')))[1] as last_opt_scope
    from public.core_memory_events e
    where e.lead_id = l.id and e.created_at <= p_now
  ) ev on true
  left join lateral (
    select
      coalesce(bool_or(x.channel is null), false) as all_channels,
      (array_agg(x.reason order by x.created_at, x.id) filter (where x.channel is null))[1] as all_reason,
      (array_agg(x.reason order by x.created_at, x.id) filter (where x.channel is not null))[1] as channel_reason,
      array_agg(distinct x.channel::text order by x.channel::text) filter (where x.channel is not null) as channels
    from public.suppressions x
    where x.account_id = l.account_id
      and x.created_at <= p_now
      and (x.lifted_at is null or x.lifted_at > p_now)
      and (x.phone = l.phone or x.email = l.email)
  ) sup on true
  cross join lateral (
    select
      (l.lead_state = 'suppressed' or l.status = 'suppressed'
        or coalesce(ev.last_opt_event = 'unsubscribe', false)
        or coalesce(ev.last_opt_event = 'opt_out' and ev.last_opt_scope = 'all', false)
        or coalesce(sup.all_channels, false)) as unsubscribed,
      coalesce(ev.last_opt_event = 'opt_out' and ev.last_opt_scope <> 'all', false) as phone_revoked,
      case
        when l.lead_state = 'suppressed' then 'lead_state_suppressed'
        when l.status = 'suppressed' then 'status_suppressed'
        when ev.last_opt_event in ('opt_out', 'unsubscribe') then ev.last_opt_event || ':' || ev.last_opt_channel
        when sup.all_channels then 'suppression:' || sup.all_reason
        when sup.channels is not null then 'channel_suppression:' || sup.channel_reason
      end as reason,
      ev.last_negative_at + pg_catalog.make_interval(days => s.negative_cooldown_days) as cooldown_until
  ) f
$$;

comment on function brain.lead_suppression_status_at(timestamptz) is
  'lead_suppression_status_v1 as of p_now (only events and suppressions that existed at p_now count). Consent (issue 13): the latest of the lead''s opt_out / unsubscribe / opt_in / consent_lifted memory events decides. An opt_out (a revocation by SMS or WhatsApp, payload scope phone) puts voice, sms and whatsapp in suppressed_channels and leaves email alone; an opt_out with scope all (or without a scope) and an unsubscribe make the lead is_unsubscribed (all four channels). opt_in (START) and consent_lifted (an operator''s lift with a reason) end it. A suppressions row without a channel that matches the lead''s phone or email makes it is_unsubscribed (an operator''s entry, a "stop all"); a row with a channel adds only its channel (STOP and wrong number write sms, whatsapp and voice rows for the phone; an email bounce an email row). is_unsubscribed is also true when lead_state or status is suppressed. suppression_reason: the first of lead_state_suppressed, status_suppressed, opt_out:<channel> / unsubscribe:<channel>, suppression:<reason>, channel_suppression:<reason>. Negative cooldown: org_settings.negative_cooldown_days after the last reply_negative; it is over at exactly its end. stop_event: do_not_contact, or appointment_booked not followed by appointment_canceled. reactivation_eligible_at: last touch_sent plus org_settings.reactivation_after_days, when no inbound event came after that touch; null for a lead that is unsubscribed, whose latest opt event is a revocation, or whose phone is suppressed for voice, sms and whatsapp (a revoked lead or a wrong number is never reactivated).';
