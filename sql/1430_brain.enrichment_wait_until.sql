-- The enrichment wait (issue 19): how long the touch orchestrator and the claim hold a
-- channel of a lead whose enrichment is pending. One rule for both, and for the lead
-- page and v_lead_reachability_v1, so they always agree on the deadline. No SET clause,
-- so it is inlined into the claim's and the orchestrator's queries.
create or replace function brain.enrichment_wait_until(
  p_channel text,
  p_enrichment_status text,
  p_enrichment_requested_at timestamptz,
  p_phone_checked_at timestamptz,
  p_email_checked_at timestamptz,
  p_wait_seconds integer
)
returns timestamptz
language sql
stable
parallel safe
as $$
  select case
    when p_enrichment_status = 'pending' and coalesce(p_wait_seconds, 0) > 0
         and case when p_channel = 'email' then p_email_checked_at else p_phone_checked_at end is null
      then p_enrichment_requested_at + pg_catalog.make_interval(secs => p_wait_seconds)
  end
$$;

comment on function brain.enrichment_wait_until(text, text, timestamptz, timestamptz, timestamptz, integer) is
  'The end of a channel''s enrichment wait, or null when the channel does not wait: while the lead''s enrichment is pending and the address the channel uses has not been checked yet (phone_checked_at for voice, sms and whatsapp; email_checked_at for email: a lead whose email changed does not hold its already checked phone), enrichment_requested_at + org_settings.enrichment_wait_seconds. 0 seconds never waits. Before this time the orchestrator waits (wait_enrichment) and the claim holds the touch (enrichment_pending); at or after it both go on with what is known and record that the enrichment timed out.';
