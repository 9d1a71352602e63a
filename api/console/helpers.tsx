/** What the console's route files share: the context type, the actor name, form text and DB error fragments. */
import type { Context } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { Notice } from '../../views/ui.tsx';
import { readableDbError } from './errors.ts';

export type Ctx = Context<ConsoleEnv>;
export type Form = Record<string, string | File>;

/** Who did it, as the audit trail records console actions. */
export function actor(c: Ctx): string {
  return `console:${c.get('session').email}`;
}

/** A form field as trimmed text ('' when absent or a file). */
export function text(form: Form, k: string): string {
  const v = form[k];
  return typeof v === 'string' ? v.trim() : '';
}

/** A readable database error as an htmx fragment; anything else is rethrown. */
export function dbErrorFragment(c: Ctx, error: unknown) {
  const r = readableDbError(error);
  if (!r) throw error;
  return c.html(<Notice kind="error">{r.message}</Notice>, r.status);
}
