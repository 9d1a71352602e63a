/**
 * Small building blocks shared by the console pages. Everything rendered goes
 * through Hono JSX, which escapes text and attributes.
 */
import type { Child, FC } from 'hono/jsx';

export function fmtTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

export function fmtAgo(value: Date | string | null | undefined, now = Date.now()): string {
  if (!value) return 'never';
  const d = value instanceof Date ? value : new Date(value);
  const s = Math.round((now - d.getTime()) / 1000);
  const future = s < 0;
  const a = Math.abs(s);
  const text = a < 60 ? `${a}s` : a < 3600 ? `${Math.floor(a / 60)}m` : a < 86400 ? `${Math.floor(a / 3600)}h` : `${Math.floor(a / 86400)}d`;
  return future ? `in ${text}` : `${text} ago`;
}

export function fmtNum(n: number | bigint | string | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return Number(n).toLocaleString('en-US');
}

export const Time: FC<{ at: Date | string | null | undefined }> = ({ at }) =>
  at ? (
    <time datetime={new Date(at).toISOString()} title={fmtTime(at)}>
      {fmtAgo(at)}
    </time>
  ) : (
    <span class="muted">—</span>
  );

const TONE: Record<string, string> = {
  live: 'ok', active: 'ok', ok: 'ok', done: 'ok', delivered: 'ok', sent: 'ok', ready: 'ok', high_intent: 'ok', recorded: 'ok',
  degraded: 'warn', paused: 'warn', queued: 'info', scheduled: 'info', claimed: 'info', sending: 'info', running: 'info',
  disabled: 'muted', draft: 'muted', canceled: 'muted', archived: 'muted', completed: 'muted',
  failed: 'bad', error: 'bad', suppressed: 'bad', unknown: 'bad', not_ready: 'bad', dead: 'bad',
};

export const Badge: FC<{ value: string | null | undefined; tone?: string }> = ({ value, tone }) => (
  <span class={`badge tone-${tone ?? TONE[(value ?? '').toLowerCase()] ?? 'plain'}`}>{value ?? '—'}</span>
);

export const Stat: FC<{ label: string; value: Child; hint?: string; tone?: string }> = ({ label, value, hint, tone }) => (
  <article class={`stat ${tone ? `tone-${tone}` : ''}`}>
    <small>{label}</small>
    <strong>{value}</strong>
    {hint ? <small class="muted">{hint}</small> : null}
  </article>
);

export const Empty: FC<{ children?: Child }> = ({ children }) => <p class="empty muted">{children}</p>;

export const Notice: FC<{ kind: 'ok' | 'error' | 'info'; children?: Child }> = ({ kind, children }) => (
  <p class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
    {children}
  </p>
);

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name="_csrf" value={token} />;

/** Forms the role may not use are shown, disabled (seed 003's read-only portal users). */
export const Guard: FC<{ allowed: boolean; children?: Child }> = ({ allowed, children }) =>
  allowed ? <>{children}</> : <fieldset disabled class="read-only" title="Your role is read-only here">{children}</fieldset>;

/** A table that scrolls sideways on a phone instead of breaking the layout. */
export const Table: FC<{ children?: Child; id?: string; class?: string }> = ({ children, id, class: cls }) => (
  <div class="table-wrap">
    <table id={id} class={`striped ${cls ?? ''}`}>
      {children}
    </table>
  </div>
);
