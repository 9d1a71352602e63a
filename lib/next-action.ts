/**
 * Reading lead_next_action_view_v5's reason column. The decision is SQL's
 * (brain.lead_next_action_at, rule 2): when a touch is already pending the view
 * reports it with reason `touch_scheduled:<touch_runs.id>` or
 * `touch_queued:<touch_runs.id>`. Screens and Command OS only put that in words;
 * they never look for pending touches themselves.
 */
export interface PendingTouch {
  status: 'scheduled' | 'queued';
  touchRunId: string;
}

const PENDING = /^touch_(scheduled|queued):([0-9a-f-]{36})$/;

/** The pending touch the view's reason names, or null when the reason is another rule. */
export function pendingTouch(reason: string | null | undefined): PendingTouch | null {
  const m = reason ? PENDING.exec(reason) : null;
  if (!m) return null;
  return { status: m[1] === 'queued' ? 'queued' : 'scheduled', touchRunId: m[2]! };
}
