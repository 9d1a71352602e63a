-- The lead page in one read: the lead, its next action and why, suppression,
-- attempts, send window, fallback, enrollments, timeline and the pickers, as
-- the caller (row-level security applies). The console page and the JSON API
-- (/api/v1/leads/:id) both read it through loadLead (api/domain/leads.ts).
-- plpgsql so it may read views defined later in sql/ (public.v_lead_reachability_v1).
create or replace function public.lead_page(p_lead_id uuid, p_now timestamptz default now())
returns json
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return (
  with lead as (
    select l.id, l.account_id, l.first_name, l.last_name, l.company_name, l.phone, l.phone_line_type, l.email,
           l.alternate_emails, l.source, l.external_id, l.city, l.country, l.timezone, l.status, l.lead_state,
           l.persona, l.assigned_user_id, l.created_at, l.first_seen_at, l.consent_review_at,
           l.consent_review_rule, l.phone_wrong_number_at, l.enrichment_status, l.enrichment_reason,
           l.enrichment_requested_at, l.enrichment_finished_at, l.phone_status, l.phone_carrier, l.phone_line_type_source,
           l.email_status, l.email_is_role, l.email_is_disposable
    from public.leads l
    where l.id = p_lead_id
  ),
  nxt as (
    select v.next_action, v.next_action_at, v.reason, v.priority_score, v.campaign_id, v.recommended_channel,
           v.effective_channel, v.recommended_delay_minutes
    from public.lead_next_action_view_v5 v
    where v.lead_id = p_lead_id
    limit 1
  )
  select pg_catalog.json_build_object(
    'lead', pg_catalog.json_build_object(
      'id', l.id, 'first_name', l.first_name, 'last_name', l.last_name, 'company_name', l.company_name,
      'phone', l.phone::text, 'phone_line_type', l.phone_line_type, 'email', l.email::text,
      'alternate_emails', l.alternate_emails::text[], 'source', l.source, 'external_id', l.external_id,
      'city', l.city, 'country', l.country, 'timezone', l.timezone::text, 'status', l.status,
      'lead_state', l.lead_state, 'persona', l.persona, 'assigned_user_id', l.assigned_user_id,
      'assigned_to', (select p.name from public.account_people() p where p.user_id = l.assigned_user_id limit 1),
      'created_at', l.created_at, 'first_seen_at', l.first_seen_at, 'consent_review_at', l.consent_review_at,
      'consent_review_rule', l.consent_review_rule, 'phone_wrong_number_at', l.phone_wrong_number_at,
      'pending_draft', (select pg_catalog.json_build_object(
                          'id', d.id, 'channel', d.channel::text, 'sentiment_tag', d.sentiment_tag, 'subject', d.subject,
                          'body', d.body, 'confidence', d.confidence, 'confidence_reason', d.confidence_reason,
                          'auto_send_reason', d.auto_send_reason, 'created_at', d.created_at)
                        from public.ai_drafts d
                        where d.lead_id = l.id and d.account_id = l.account_id and d.status = 'pending'
                        order by d.created_at desc, d.id desc
                        limit 1)),
    'next', (select pg_catalog.json_build_object(
               'next_action', n.next_action, 'next_action_at', n.next_action_at, 'reason', n.reason,
               'priority_score', n.priority_score, 'campaign_id', n.campaign_id,
               'recommended_channel', n.recommended_channel, 'effective_channel', n.effective_channel,
               'recommended_delay_minutes', n.recommended_delay_minutes)
             from nxt n),
    'suppression', (select pg_catalog.json_build_object(
                      'is_unsubscribed', s.is_unsubscribed, 'suppression_reason', s.suppression_reason,
                      'suppressed_channels', s.suppressed_channels::text[], 'in_negative_cooldown', s.in_negative_cooldown,
                      'negative_cooldown_until', s.negative_cooldown_until, 'stop_event', s.stop_event,
                      'last_touch_at', s.last_touch_at, 'last_inbound_at', s.last_inbound_at,
                      'reactivation_eligible_at', s.reactivation_eligible_at)
                    from public.lead_suppression_status_v1 s
                    where s.lead_id = l.id
                    limit 1),
    'suppressions', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                       'channel', s.channel::text, 'address', coalesce(s.phone::text, s.email::text),
                       'reason', s.reason, 'source', s.source, 'created_at', s.created_at)
                       order by s.created_at desc), '[]'::json)
                     from public.suppressions s
                     where s.lifted_at is null
                       and (s.lead_id = l.id or s.phone = l.phone or s.email = l.email)),
    'attempts', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'campaign_id', a.campaign_id, 'step', a.step, 'channel', a.channel,
                   'attempts_done', a.attempts_done::int, 'last_attempt_at', a.last_attempt_at)
                   order by a.step, a.channel), '[]'::json)
                 from public.v_lead_channel_attempts a
                 where a.lead_id = l.id),
    'window', (select pg_catalog.json_build_object(
                 'time_zone', (select z.time_zone::text from brain.lead_time_zone(l.timezone, l.phone, o.timezone) z),
                 'within', brain.is_within_send_window(l.id, p_now),
                 'next_open', brain.next_send_window_start(l.id, p_now),
                 'start', pg_catalog.to_char(o.send_window_start, 'HH24:MI'),
                 'end', pg_catalog.to_char(o.send_window_end, 'HH24:MI'))
               from public.org_settings o
               where o.account_id = l.account_id),
    'fallback', (select s.fallback
                 from nxt n
                 join public.campaign_leads cl on cl.account_id = l.account_id and cl.lead_id = l.id and cl.campaign_id = n.campaign_id
                 join public.campaign_steps s on s.account_id = cl.account_id and s.campaign_id = cl.campaign_id and s.step = cl.current_step
                 limit 1),
    'enrollments', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                      'campaign_id', cl.campaign_id, 'name', c.name, 'status', cl.status,
                      'current_step', cl.current_step, 'next_step_at', cl.next_step_at, 'stop_reason', cl.stop_reason)
                      order by cl.enrolled_at desc), '[]'::json)
                    from public.campaign_leads cl
                    join public.campaigns c on c.id = cl.campaign_id and c.account_id = cl.account_id
                    where cl.lead_id = l.id),
    'timeline', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'occurred_at', t.occurred_at, 'kind', t.kind, 'event_type', t.event_type, 'channel', t.channel,
                   'direction', t.direction, 'summary', t.summary, 'body', t.body)
                   order by t.n), '[]'::json)
                 from public.lead_timeline(l.id, 300)
                   with ordinality as t (occurred_at, kind, event_type, channel, direction, summary, body, detail, n)),
    'campaigns', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', c.id, 'name', c.name)
                    order by c.name), '[]'::json)
                  from public.campaigns c
                  where c.archived_at is null),
    'setters', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', p.user_id, 'name', p.name)
                  order by p.name), '[]'::json)
                from public.account_people() p
                where p.is_active and p.role in ('owner', 'admin', 'setter')),
    -- Follow-up sequences (issue 18): the lead's runs, its switch and snooze, what can be started.
    'followups', pg_catalog.json_build_object(
      'auto_followups_enabled', (select l_.auto_followups_enabled from public.leads l_ where l_.id = l.id),
      'snoozed_until', (select l_.followups_snoozed_until from public.leads l_ where l_.id = l.id),
      -- The same rows as public.v_sequence_enrollments_v1 (defined later in sql/, so read from the tables here).
      'runs', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                 'enrollment_id', v.id, 'sequence_id', v.sequence_id, 'sequence_name', v.name,
                 'trigger', v.trigger, 'status', v.status, 'current_step', v.current_step, 'step_count', v.step_count,
                 'next_channel', v.next_channel, 'next_step_at', v.next_step_at, 'paused_reason', v.paused_reason,
                 'ended_reason', v.ended_reason, 'started_at', v.started_at)
                 order by v.running desc, v.started_at desc), '[]'::json)
               from (select e.id, e.sequence_id, q.name, e.trigger, e.status, e.current_step, e.next_step_at, e.paused_reason,
                            e.ended_reason, e.started_at, e.status in ('active', 'paused') as running,
                            (select pg_catalog.count(*) from public.sequence_steps st
                             where st.sequence_id = e.sequence_id and st.account_id = e.account_id) as step_count,
                            (select st.channel::text from public.sequence_steps st
                             where st.sequence_id = e.sequence_id and st.account_id = e.account_id and st.step_order = e.current_step) as next_channel
                     from public.sequence_enrollments e
                     join public.sequences q on q.id = e.sequence_id and q.account_id = e.account_id
                     where e.lead_id = l.id
                     order by e.status in ('active', 'paused') desc, e.started_at desc limit 20) v),
      'drafts', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                   'id', d.id, 'enrollment_id', d.enrollment_id, 'step_order', d.step_order, 'channel', d.channel::text,
                   'subject', d.subject, 'body', d.body, 'created_at', d.created_at) order by d.created_at), '[]'::json)
                 from public.sequence_step_drafts d where d.lead_id = l.id and d.status = 'pending'),
      'sequences', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object('id', s.id, 'name', s.name, 'trigger_on', s.trigger_on)
                      order by s.name), '[]'::json)
                    from public.sequences s where s.is_active and s.archived_at is null)),
    -- Booking (issue 18): the lead's meetings, open setter tasks and unanswered offered slots.
    'appointments', public.lead_appointments(l.id, p_now),
    -- Enrichment and reachability (issue 19): what was learned, and per channel whether a
    -- touch can reach the lead and why not (v_lead_reachability_v1, the claim's rules).
    'enrichment', pg_catalog.json_build_object(
      'status', l.enrichment_status, 'reason', l.enrichment_reason, 'requested_at', l.enrichment_requested_at,
      'finished_at', l.enrichment_finished_at,
      'wait_seconds', (select o.enrichment_wait_seconds from public.org_settings o where o.account_id = l.account_id),
      'phone_status', l.phone_status, 'phone_carrier', l.phone_carrier, 'phone_line_type_source', l.phone_line_type_source,
      'email_status', l.email_status, 'email_is_role', l.email_is_role, 'email_is_disposable', l.email_is_disposable),
    'reachability', (select coalesce(pg_catalog.json_agg(pg_catalog.json_build_object(
                       'channel', r.channel, 'reachable', r.reachable, 'reason', r.reason, 'decided_by', r.decided_by,
                       'checked_at', r.checked_at, 'wait_until', r.enrichment_wait_until, 'timed_out', r.enrichment_timed_out)
                       order by pg_catalog.array_position(array['voice', 'sms', 'whatsapp', 'email'], r.channel)), '[]'::json)
                     from public.v_lead_reachability_v1 r
                     where r.lead_id = l.id and r.account_id = l.account_id)
  )
  from lead l
  );
end
$$;

comment on function public.lead_page(uuid, timestamptz) is
  'Everything the lead page shows, in one read (issue 14: one SQL call per page): lead (the lead with its assignee''s name, and pending_draft: its newest pending AI draft {id, channel, sentiment_tag, subject, body, confidence, confidence_reason, auto_send_reason, created_at}, null when none), next (lead_next_action_view_v5: action, when, reason, score, campaign, channels), suppression (lead_suppression_status_v1), suppressions (active rows on the lead, its phone or its email, newest first), attempts (v_lead_channel_attempts by step and channel), window (the lead''s time zone and the account''s send window at p_now), fallback (the current step''s fallback matrix for the decided campaign), enrollments (newest first), timeline (lead_timeline, 300 rows), campaigns (not archived, by name), setters (active owners, admins and setters, by name) and followups (issue 18: auto_followups_enabled, snoozed_until, runs: the lead''s sequence runs (the columns of v_sequence_enrollments_v1), running first, at most 20; drafts: its pending sequence step drafts; sequences: the active sequences a person may start) and appointments (public.lead_appointments: the lead''s meetings, open setter tasks, unanswered offered slots), enrichment (issue 19: status, reason, requested_at, finished_at, the account''s wait_seconds, phone_status, phone_carrier, phone_line_type_source, email_status, email_is_role, email_is_disposable) and reachability (v_lead_reachability_v1 as of now: per channel voice, sms, whatsapp, email: reachable, reason, decided_by, checked_at, wait_until, timed_out). A json object whose keys keep this order; timestamps are ISO 8601 strings. Null when the lead does not exist or belongs to another account: runs as the caller, so row-level security applies.';

revoke execute on function public.lead_page(uuid, timestamptz) from public;
grant execute on function public.lead_page(uuid, timestamptz) to revenue_api, revenue_analyst;
