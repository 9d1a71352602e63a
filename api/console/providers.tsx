/**
 * Provider credentials on the settings page: save a provider's whole set,
 * remove it, Test connection. Owners only (providers.edit); each answer
 * re-renders the settings page with the outcome. What was typed is never
 * echoed back, logged or shown.
 */
import { Hono } from 'hono';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { CREDENTIAL_FIELDS, isCredentialProvider, parseCredentials, type CredentialProvider } from '../../lib/provider-credentials.ts';
import type { KeyRing } from '../../lib/secrets.ts';
import type { ProviderConfig } from '../../worker/providers.ts';
import { SettingsPage, type FieldErrors } from '../../views/pages/settings.tsx';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import { removeProviderCredentials, saveProviderCredentials, testProviderConnection } from '../domain/providers.ts';
import { loadSettings } from '../domain/settings.ts';
import type { Ctx } from './helpers.tsx';

export interface ProviderCredentialDeps {
  /** Owner pool: Test connection reads sealed rows as revenue_worker. */
  sql: Sql;
  keyRing?: KeyRing;
  providers?: ProviderConfig;
}

const NAMES: Record<CredentialProvider, string> = {
  twilio: 'Twilio', telnyx: 'Telnyx', elastic_email: 'Elastic Email', openai: 'OpenAI', slack: 'Slack', calendly: 'Calendly',
};

async function render(c: Ctx, notice: { kind: 'ok' | 'error'; text: string }, errors?: FieldErrors, status: 200 | 400 | 404 | 503 = 200) {
  const s = c.get('session');
  const data = await c.get('db')(loadSettings);
  return c.html(
    <SettingsPage s={data} csrf={s.csrfToken} canEdit={can(s.role, 'settings.edit')} canProviders={can(s.role, 'providers.edit')} errors={errors} notice={notice} />,
    status,
  );
}

export function providerCredentialRoutes(deps: ProviderCredentialDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/settings/credentials/*', requirePermission('providers.edit'));

  const provider = (c: Ctx): CredentialProvider | null => {
    const p = c.req.param('provider') ?? '';
    return isCredentialProvider(p) ? p : null;
  };

  app.post('/settings/credentials/:provider', async (c) => {
    const p = provider(c);
    if (!p) return render(c, { kind: 'error', text: 'Unknown provider: nothing was saved.' }, undefined, 404);
    if (!deps.keyRing) return render(c, { kind: 'error', text: 'This server holds no master key, so credentials cannot be stored.' }, undefined, 503);
    const form = await c.req.parseBody();
    const input: Record<string, string> = {};
    for (const f of CREDENTIAL_FIELDS[p]) {
      const v = form[f.name];
      if (typeof v === 'string') input[f.name] = v;
    }
    const parsed = parseCredentials(p, input);
    if (!parsed.ok) {
      // Problems name the field and the rule, never the value.
      const errors: FieldErrors = {};
      for (const problem of parsed.problems) errors[`${p}.${problem.field}`] ??= problem.message;
      return render(c, { kind: 'error', text: `Nothing was saved: check the ${NAMES[p]} fields.` }, errors, 400);
    }
    const ring = deps.keyRing;
    await c.get('db')((tx) => saveProviderCredentials(tx, ring, c.get('session').accountId, p, parsed.value));
    log('PROVIDER_CREDENTIALS_SAVED', { provider: p });
    return render(c, { kind: 'ok', text: `${NAMES[p]} credentials saved, encrypted. Press Test connection to check them.` });
  });

  app.post('/settings/credentials/:provider/delete', async (c) => {
    const p = provider(c);
    if (!p) return render(c, { kind: 'error', text: 'Unknown provider: nothing was removed.' }, undefined, 404);
    const removed = await c.get('db')((tx) => removeProviderCredentials(tx, p));
    if (removed) log('PROVIDER_CREDENTIALS_REMOVED', { provider: p });
    return render(c, removed
      ? { kind: 'ok', text: `${NAMES[p]} credentials removed: this account now uses the server's own keys for ${NAMES[p]}, if it has any.` }
      : { kind: 'error', text: `No ${NAMES[p]} credentials were stored.` });
  });

  app.post('/settings/credentials/:provider/test', async (c) => {
    const p = provider(c);
    if (!p) return render(c, { kind: 'error', text: 'Unknown provider.' }, undefined, 404);
    if (!deps.keyRing || !deps.providers) return render(c, { kind: 'error', text: 'This server holds no master key, so credentials cannot be tested.' }, undefined, 503);
    const r = await testProviderConnection(deps.sql, deps.keyRing, deps.providers, c.get('session').accountId, p);
    if (!r) return render(c, { kind: 'error', text: `No ${NAMES[p]} credentials are stored: save them first.` }, undefined, 400);
    log('PROVIDER_CREDENTIALS_TESTED', { provider: p, ok: r.ok });
    return render(c, { kind: r.ok ? 'ok' : 'error', text: `Test connection: ${r.detail}` });
  });

  return app;
}
