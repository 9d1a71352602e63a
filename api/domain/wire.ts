/**
 * A page read arrives as one JSON value (issue 14: one SQL call per page).
 * JSON has no timestamps: PostgreSQL writes timestamptz as ISO 8601 strings,
 * while the pages were written against postgres.js rows, which carry Date
 * objects. Wire<T> is T as it arrives; the loaders turn its strings back into
 * Dates, and the compiler refuses a loader that forgets one.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** An ISO 8601 timestamp from SQL as a Date (millisecond precision, as postgres.js parses timestamptz). */
export function at(s: string): Date {
  return new Date(s);
}

/** As at(), keeping null. */
export function atOrNull(s: string | null): Date | null {
  return s === null ? null : new Date(s);
}
