-- migrate:up

-- Set-based dispatch (issue 16, item 2). brain.claim_touches takes an account's due
-- touches in (scheduled_at, id) order with a limit. With id in the index the scan
-- returns them in exactly that order and stops at the limit, so the batch costs the
-- same however many touches the account has; on (account_id, scheduled_at) alone the
-- planner could prefer to sort the account's touches, and a planner without fresh
-- statistics did (one index scan over every touch of the account per batch).
create index touch_runs_account_due_order_idx on public.touch_runs (account_id, scheduled_at, id)
  where status in ('scheduled', 'queued');
drop index public.touch_runs_account_due_idx;

-- migrate:down
create index touch_runs_account_due_idx on public.touch_runs (account_id, scheduled_at)
  where status in ('scheduled', 'queued');
drop index public.touch_runs_account_due_order_idx;
