/** @jsxImportSource hono/jsx */
/**
 * The console's page frame: navigation, the live notification bell, the
 * Command OS chat box and the CSRF token htmx sends with every request.
 */
import type { Child, FC } from 'hono/jsx';
import type { Session } from '../api/auth.ts';
import type { SessionAccount } from '../api/domain/team.ts';

export const NAV = [
  { href: '/', label: 'Dashboard', key: 'dashboard' },
  { href: '/inbox', label: 'Inbox', key: 'inbox' },
  { href: '/appointments', label: 'Appointments', key: 'appointments' },
  { href: '/campaigns', label: 'Campaigns', key: 'campaigns' },
  { href: '/sequences', label: 'Sequences', key: 'sequences' },
  { href: '/programs', label: 'Programs', key: 'programs' },
  { href: '/leads', label: 'Leads', key: 'leads' },
  { href: '/analytics', label: 'Analytics', key: 'analytics' },
  { href: '/imports', label: 'Import', key: 'imports' },
  { href: '/settings', label: 'Settings', key: 'settings' },
] as const;

export type NavKey = (typeof NAV)[number]['key'];

export const Document: FC<{ title: string; csrf?: string; children?: Child }> = ({ title, csrf, children }) => (
  <html lang="en" data-theme="light">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {csrf ? <meta name="csrf-token" content={csrf} /> : null}
      {/* The Content-Security-Policy allows no inline style: htmx must not inject its indicator styles (app.css has them). */}
      <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
      <title>{title} · Revenue OS</title>
      <link rel="stylesheet" href="/assets/pico.min.css" />
      <link rel="stylesheet" href="/assets/app.css" />
      <script src="/assets/htmx.min.js" defer></script>
      <script src="/assets/app.js" defer></script>
    </head>
    <body>{children}</body>
  </html>
);

export const Layout: FC<{ title: string; session: Session; active: NavKey; children?: Child }> = ({
  title,
  session,
  active,
  children,
}) => (
  <Document title={title} csrf={session.csrfToken}>
    <header class="topbar">
      <nav class="container-fluid">
        <ul>
          <li>
            <a href="/" class="brand">Revenue&nbsp;OS</a>
          </li>
          <li class="account-name" title="Workspace" id="account-switcher" hx-get="/account/switcher" hx-trigger="load" hx-swap="innerHTML">
            {session.accountName}
          </li>
        </ul>
        <ul class="nav-links">
          {NAV.map((n) => (
            <li>
              <a href={n.href} aria-current={n.key === active ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
        <ul>
          <li>
            <details class="dropdown bell" id="bell">
              <summary aria-label="Replies">
                <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                  <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                  <path d="M13.7 21a2 2 0 0 1-3.4 0" />
                </svg>
                <span id="bell-count" class="badge" hx-get="/notifications/count" hx-trigger="load, inbound from:body" hx-swap="innerHTML"></span>
              </summary>
              <div id="bell-panel" class="bell-panel" hx-get="/notifications" hx-trigger="toggle from:#bell, inbound from:body" hx-swap="innerHTML">
                <small>Loading…</small>
              </div>
            </details>
          </li>
          <li>
            <small class="who">
              <a href="/account/password" title="Change password">{session.displayName ?? session.email}</a> · <span class={`role role-${session.role}`}>{session.role}</span>
              {' · '}<a href="/settings/notifications" id="notification-settings-link" title="Which events reach you, and where">Notifications</a>
            </small>
          </li>
          <li>
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={session.csrfToken} />
              <button type="submit" class="secondary outline small">Log out</button>
            </form>
          </li>
        </ul>
      </nav>
    </header>
    <main class="container">
      <h1 class="page-title">{title}</h1>
      {children}
    </main>
    <CommandBox />
  </Document>
);

/** The Command OS chat box on every page. */
export const CommandBox: FC = () => (
  <aside class="command-os" aria-label="Command OS">
    <details>
      <summary>Command OS</summary>
      <div id="chat-log" class="chat-log" aria-live="polite">
        <p class="muted">
          Ask in English or Spanish: <code>system status</code>, <code>campañas activas</code>, <code>prende craigslist miami</code>,{' '}
          <code>help</code>.
        </p>
      </div>
      <form hx-post="/api/command-os" hx-target="#chat-log" hx-swap="beforeend scroll:bottom" data-reset-on-success>
        <fieldset role="group">
          <input name="text" type="text" maxlength={500} required placeholder="Type a command…" aria-label="Command" autocomplete="off" />
          <button type="submit">Send</button>
        </fieldset>
      </form>
    </details>
  </aside>
);

/**
 * The account switcher, loaded into the header: the current account's name,
 * and when the user belongs to several, a menu of the others (each a POST with
 * the CSRF token).
 */
export const AccountSwitcher: FC<{ accounts: SessionAccount[]; csrf: string }> = ({ accounts, csrf }) => {
  const current = accounts.find((a) => a.is_current);
  const others = accounts.filter((a) => !a.is_current);
  if (others.length === 0) return <>{current?.account_name ?? ''}</>;
  return (
    <details class="dropdown account-switch">
      <summary aria-label="Switch account">{current?.account_name ?? 'Account'}</summary>
      <ul>
        {others.map((a) => (
          <li>
            <form method="post" action="/account/switch" class="inline">
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="account_id" value={a.account_id} />
              <button type="submit" class="secondary outline small" data-account={a.account_name}>
                {a.account_name} <small>({a.role})</small>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </details>
  );
};
