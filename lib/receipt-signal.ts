/**
 * The receipts drain's wake-up inside one process (`make run` serves the webhooks
 * and runs the drain in the same process). The webhook side calls
 * receiptsWritten() once per committed group of receipts, never per webhook and
 * never as a NOTIFY; a drain waiting in its back-off starts its next pass at once.
 * Drains in other processes are not woken: they find the receipts by polling.
 */
const listeners = new Set<() => void>();

/** Calls fn after each committed group of new receipts; returns the unsubscribe function. */
export function onReceiptsWritten(fn: () => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

/** Called by the webhook side after a group of receipts, at least one of them new, was committed. */
export function receiptsWritten(): void {
  for (const fn of listeners) fn();
}
