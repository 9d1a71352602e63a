-- Issue 19: per lead and channel, can the engine reach the lead there now, and why not.
-- The same rules as the claim (brain.claim_touch_rows): consent and suppression first, then
-- brain.address_problem with what enrichment learned, and the enrichment wait
-- (brain.enrichment_wait_until). The lead page's "why" panel reads these rows.
create or replace view public.v_lead_reachability_v1
with (security_invoker = true)
as
select l.account_id,
       l.id as lead_id,
       c.channel,
       r.reason is null as reachable,
       r.reason,
       case
         when r.reason in ('suppressed', 'channel_suppressed')
           then case when ss.suppression_reason ~ '^(opt_out|unsubscribe):' then 'consent' else 'suppression' end
         when r.reason = 'unreachable' then 'lead'
         when r.reason in ('phone_invalid', 'phone_disconnected') then coalesce(l.phone_line_type_source, 'phone_check')
         when r.reason = 'phone_not_mobile' then coalesce(l.phone_line_type_source, 'import')
         when r.reason = 'email_invalid_syntax' then 'syntax_check'
         when r.reason = 'email_no_mx' then 'dns'
         when r.reason = 'email_hard_bounced' then 'email_provider'
         when r.reason = 'email_disposable' then 'disposable_list'
         when r.reason = 'email_role_address' then 'role_list'
         when c.channel = 'email' then case when l.email_status = 'valid' then 'dns' end
         else l.phone_line_type_source
       end as decided_by,
       case when r.reason in ('suppressed', 'channel_suppressed', 'unreachable') then null
            when c.channel <> 'email' then l.phone_checked_at
            when l.email_status = 'hard_bounced' then l.email_bounced_at
            else l.email_checked_at end as checked_at,
       l.enrichment_status,
       l.enrichment_reason,
       w.wait_until as enrichment_wait_until,
       coalesce(w.wait_until <= pg_catalog.now(), false) as enrichment_timed_out
from public.leads l
cross join (values ('voice'), ('sms'), ('whatsapp'), ('email')) c(channel)
left join public.org_settings o on o.account_id = l.account_id
left join public.lead_suppression_status_v1 ss on ss.lead_id = l.id
cross join lateral (
  select brain.enrichment_wait_until(c.channel, l.enrichment_status, l.enrichment_requested_at,
                                     l.phone_checked_at, l.email_checked_at, o.enrichment_wait_seconds) as wait_until
) w
cross join lateral (
  select case
    when ss.is_unsubscribed then 'suppressed'
    when c.channel = any(ss.suppressed_channels) then 'channel_suppressed'
    -- Held for enrichment: only a missing address is known yet (as in the claim).
    when w.wait_until > pg_catalog.now() then brain.address_problem(c.channel, l.phone, l.email, null)
    else brain.address_problem(c.channel, l.phone, l.email, l.phone_line_type, l.phone_status, l.email_status,
                               l.email_is_role, l.email_is_disposable, false)
  end as reason
) r;

comment on view public.v_lead_reachability_v1 is 'Per lead and channel (voice, sms, whatsapp, email), whether the engine can reach the lead there now and why not (issue 19), by the claim''s rules: consent and suppression, then brain.address_problem with what enrichment learned. A role address is judged as a campaign that does not allow role addresses judges it (the default): reachable is false with reason email_role_address, though a campaign with allow_role_addresses, a person''s own message or a reply still email it. While the lead''s enrichment has not checked the channel''s address (enrichment_wait_until in the future) only a missing address counts, as in the claim, which holds the touch until then. Account readiness (a configured provider) is not part of it. Security invoker: each role sees its own account''s rows.';
comment on column public.v_lead_reachability_v1.account_id is 'Owning account.';
comment on column public.v_lead_reachability_v1.lead_id is 'The lead.';
comment on column public.v_lead_reachability_v1.channel is 'voice, sms, whatsapp or email.';
comment on column public.v_lead_reachability_v1.reachable is 'True when a touch on this channel would not be canceled for the lead''s address, consent or suppression.';
comment on column public.v_lead_reachability_v1.reason is 'Null when reachable; otherwise suppressed, channel_suppressed, unreachable (no address for the channel), phone_invalid, phone_disconnected, phone_not_mobile, email_invalid_syntax, email_no_mx, email_hard_bounced, email_disposable or email_role_address: the claim''s cancel reason.';
comment on column public.v_lead_reachability_v1.decided_by is 'What decided: consent (an opt-out or unsubscribe), suppression, lead (the lead has no such address), twilio_lookup, libphonenumber, import or manual (the phone''s line type and status, leads.phone_line_type_source; phone_check when an invalid or disconnected number names no source, import for a landline that does), syntax_check, dns (MX), email_provider (a hard bounce), disposable_list, role_list; for a reachable channel, the source of what is known (null when nothing was checked).';
comment on column public.v_lead_reachability_v1.checked_at is 'When the address was last checked (the bounce time for a hard bounce); null for consent, suppression and a missing address.';
comment on column public.v_lead_reachability_v1.enrichment_status is 'The lead''s enrichment: pending, done, failed, or null (never queued).';
comment on column public.v_lead_reachability_v1.enrichment_reason is 'What the enrichment concluded or why it failed.';
comment on column public.v_lead_reachability_v1.enrichment_wait_until is 'While the lead''s enrichment has not checked this channel''s address: the end of the wait (brain.enrichment_wait_until); touches on the channel are held until then. Null when the channel does not wait.';
comment on column public.v_lead_reachability_v1.enrichment_timed_out is 'True when the wait has ended with the enrichment still pending: touches go ahead with what is known.';

grant select on public.v_lead_reachability_v1 to revenue_api, revenue_analyst, revenue_worker;
