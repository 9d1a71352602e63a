-- migrate:up

-- Batched dispatch (issue 16): one dispatch_touches job per account claims up to N
-- due touches of that account at once (brain.claim_touches). Its query walks the
-- account's due touches in scheduled_at order; this index serves it.
create index touch_runs_account_due_idx on public.touch_runs (account_id, scheduled_at)
  where status in ('scheduled', 'queued');

-- migrate:down
drop index public.touch_runs_account_due_idx;
