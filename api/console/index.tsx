/**
 * The operator console: server-rendered pages (views/), htmx partial updates,
 * the JSON API the console's actions share, Server-Sent Events for the bell.
 *
 * Every page and action runs in one transaction as revenue_api with
 * app.account_id set (c.get('db')), so row-level security isolates accounts
 * even where a query forgets a filter. Read-only pages (dashboard, analytics, inbox, leads,
 * a lead, campaigns, programs, the bell) use c.get('readDb') instead: a READ ONLY
 * transaction on the replica pool when DATABASE_REPLICA_URL is set (README
 * "Read replica"). Roles are checked on the server for
 * every change; viewers see the same pages with the forms disabled.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import type { Sql } from '../../db/client.ts';
import { requireSession, type AuthOptions, type ConsoleEnv } from '../auth.ts';
import { apiRoutes } from './api.ts';
import { commandOsRoutes } from '../command-os/route.tsx';
import type { LlmConfig } from '../command-os/llm.ts';
import { programsRoutes } from './programs-api.ts';
import { leadImportRoutes } from '../lead-import.ts';
import { loginRoutes, logoutRoutes, passwordRoutes } from './login.tsx';
import { refuseBadInput } from './bad-input.ts';
import { healthRoutes } from './health.ts';
import type { WorkerHealth } from '../../worker/runner.ts';
import { dashboardRoutes } from './dashboard.tsx';
import { campaignRoutes } from './campaigns.tsx';
import { leadRoutes } from './leads.tsx';
import { inboxRoutes } from './inbox.tsx';
import { appointmentRoutes } from './appointments.tsx';
import { settingsRoutes } from './settings.tsx';
import { providerCredentialRoutes } from './providers.tsx';
import { createAccountLlm } from '../command-os/llm.ts';
import type { KeyRing } from '../../lib/secrets.ts';
import type { ProviderConfig } from '../../worker/providers.ts';
import { inviteRoutes, switchRoutes, teamRoutes } from './team.tsx';
import { notificationRoutes } from './notifications.tsx';
import { notificationSettingsRoutes } from './notification-settings.tsx';
import { programPages } from './programs.tsx';
import { importPages } from './imports.tsx';
import { campaignBuilderPages } from './campaign-builder.tsx';
import { sequenceRoutes } from './sequences.tsx';
import { analyticsRoutes } from './analytics.tsx';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** A Map, not an object: /assets/constructor or /assets/__proto__ names nothing. */
const ASSETS = new Map<string, { file: string; type: string }>([
  ['pico.min.css', { file: 'node_modules/@picocss/pico/css/pico.min.css', type: 'text/css; charset=utf-8' }],
  ['htmx.min.js', { file: 'node_modules/htmx.org/dist/htmx.min.js', type: 'text/javascript; charset=utf-8' }],
  ['app.css', { file: 'views/assets/app.css', type: 'text/css; charset=utf-8' }],
  ['app.js', { file: 'views/assets/app.js', type: 'text/javascript; charset=utf-8' }],
]);

export interface ConsoleDeps {
  /** Owner pool; requests still run as revenue_api through withTenant. */
  sql: Sql;
  /** Read pool for read-only pages (DATABASE_REPLICA_URL); absent: sql. */
  readSql?: Sql;
  /** Signs session cookies. */
  secret: string;
  /** PUBLIC_BASE_URL: decides Secure cookies and the allowed Origin. */
  publicBaseUrl: string;
  /** Command OS's OpenAI fallback; null or absent: rules only. */
  llm?: LlmConfig | null;
  /** Seals provider credentials; without it they can be neither saved nor tested. */
  keyRing?: KeyRing;
  /** Provider base URLs and time-outs, for Test connection. */
  providers?: ProviderConfig;
  /** This process's worker, for /healthz/detail; absent: no worker here. */
  workerHealth?: () => WorkerHealth | null;
}

export function consoleRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const publicUrl = new URL(deps.publicBaseUrl);
  const auth: AuthOptions = {
    sql: deps.sql,
    ...(deps.readSql ? { readSql: deps.readSql } : {}),
    secret: deps.secret,
    secureCookies: publicUrl.protocol === 'https:',
    publicOrigin: publicUrl.origin,
  };
  const app = new Hono<ConsoleEnv>();
  const assetCache = new Map<string, string>();

  app.get('/assets/:name', async (c) => {
    const asset = ASSETS.get(c.req.param('name'));
    if (!asset) return c.text('not found', 404);
    let body = assetCache.get(asset.file);
    if (body === undefined) {
      body = await readFile(path.join(ROOT, asset.file), 'utf8');
      assetCache.set(asset.file, body);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(body);
  });

  // A NUL, or JSON nested too deep, is refused with 400 before any route (the login
  // form included) reads it.
  app.use('*', refuseBadInput);

  app.route('/', loginRoutes(deps.sql, deps.secret, auth));
  // An invite link works without a session (and uses one when there is).
  app.route('/', inviteRoutes(deps.sql, auth));

  // Everything below needs a session (and, for changes, the session's CSRF token).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/assets/') || c.req.path === '/login' || c.req.path.startsWith('/invite/')) return next();
    return requireSession(auth)(c, next);
  });

  app.route('/', logoutRoutes(deps.sql));
  app.route('/', healthRoutes(deps.sql, deps.workerHealth ?? (() => null)));
  app.route('/', passwordRoutes(deps.sql, auth));
  app.route('/', dashboardRoutes());
  app.route('/', campaignRoutes());
  app.route('/', leadRoutes());
  app.route('/', inboxRoutes());
  app.route('/', appointmentRoutes());
  app.route('/', analyticsRoutes());
  app.route('/', settingsRoutes());
  app.route('/', providerCredentialRoutes({ sql: deps.sql, keyRing: deps.keyRing, providers: deps.providers }));
  app.route('/', teamRoutes(deps.publicBaseUrl));
  app.route('/', switchRoutes(deps.sql));
  app.route('/', notificationRoutes(deps.sql));
  app.route('/', notificationSettingsRoutes());
  app.route('/campaigns', campaignBuilderPages());
  app.route('/', sequenceRoutes());
  app.route('/programs', programPages());
  app.route('/imports', importPages());
  app.route('/api/command-os', commandOsRoutes({
    llm: deps.llm ?? null,
    ...(deps.keyRing && deps.providers
      ? { accountLlm: createAccountLlm({ sql: deps.sql, keyRing: deps.keyRing, openai: deps.providers.openai, base: deps.llm ?? null }) }
      : {}),
  }));
  app.route('/api/programs', programsRoutes());
  app.route('/api/imports', leadImportRoutes());
  app.route('/', apiRoutes());

  return app;
}
