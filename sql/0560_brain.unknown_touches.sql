create or replace function brain.unknown_touches(p_limit integer default 100, p_older_than interval default interval '2 minutes', p_now timestamptz default now())
returns table (touch_run_id uuid, account_id uuid, lead_id uuid, channel text, provider text, send_key text,
               to_address text, from_address text, body text, claimed_at timestamptz)
language sql
stable
as $$
  select t.id, t.account_id, t.lead_id, t.channel::text, t.provider, t.send_key, m.to_address, m.from_address, m.body, t.claimed_at
  from public.touch_runs t
  left join public.outbound_messages m on m.account_id = t.account_id and m.send_key = t.send_key
  where t.status = 'unknown'
    and (coalesce(t.claimed_at, t.updated_at) <= p_now - p_older_than
         -- Its worker was declared dead (brain.declare_dead_workers): nothing of it is still
         -- on its way to the provider a few seconds after the claim.
         or (t.error_code = 'worker_dead' and t.claimed_at <= p_now - interval '10 seconds'))
  order by t.claimed_at nulls first
  limit p_limit
$$;

comment on function brain.unknown_touches(integer, interval, timestamptz) is
  'Touches whose outcome is unknown (a worker died mid-send, or the provider''s answer was lost), claimed p_older_than ago (2 minutes, time for a late status callback) or, when their worker was declared dead (error_code worker_dead, brain.declare_dead_workers), 10 seconds ago, oldest first, with what a reconcile task needs to ask the provider. Settle each with brain.record_touch_outcome (accepted when the provider has it, not_sent when it does not).';
