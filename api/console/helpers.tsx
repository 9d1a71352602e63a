/** What the console's route files share: the context type, the actor name, form text, full pages and DB error fragments. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleEnv } from '../auth.ts';
import { Layout, type NavKey } from '../../views/layout.tsx';
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

/** A full console page: the layout (nav, bell, Command OS) around the page's body. */
export function fullPage(c: Ctx, title: string, active: NavKey, body: Child, status: ContentfulStatusCode = 200) {
  return c.html(
    <Layout title={title} session={c.get('session')} active={active}>
      {body}
    </Layout>,
    status,
  );
}
