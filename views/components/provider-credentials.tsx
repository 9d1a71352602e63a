/**
 * The settings page's "Provider credentials": for each provider, what is
 * stored (masked: the last 4 characters), when it changed, the last Test
 * connection result, and the forms to save the whole set, test or remove it.
 * Inputs are password fields, never pre-filled: the page cannot show a value
 * because it never receives one.
 */
import type { FC } from 'hono/jsx';
import type { SettingsData } from '../../api/domain/settings.ts';
import { CREDENTIAL_FIELDS, CREDENTIAL_PROVIDERS, type CredentialProvider } from '../../lib/provider-credentials.ts';
import { Badge, Csrf, Guard, Time } from '../ui.tsx';

const NAMES: Record<CredentialProvider, string> = {
  twilio: 'Twilio', telnyx: 'Telnyx', elastic_email: 'Elastic Email', openai: 'OpenAI', slack: 'Slack', calendly: 'Calendly',
};

/** Fields that are not secrets (an address, an id) still go through password inputs: one rule, no echo. */
const HINTS: Partial<Record<string, string>> = {
  'twilio.account_sid': 'AC… (a subaccount of your own)',
  'telnyx.connection_id': 'Call Control connection id, for voice',
  'telnyx.public_key': 'webhook public key (base64)',
  'elastic_email.from': 'the From address',
};

type Row = SettingsData['credentials'][number];

export const ProviderCredentials: FC<{ rows: Row[]; csrf: string; canEdit: boolean; errors?: Record<string, string> }> = ({ rows, csrf, canEdit, errors }) => (
  <section id="provider-credentials">
    <h2>Provider credentials</h2>
    <p class="muted"><small>Each account sends with its own keys, stored encrypted. A provider without keys here uses the server's own (environment) keys, if any.</small></p>
    {CREDENTIAL_PROVIDERS.map((p) => {
      const stored = rows.filter((r) => r.provider === p);
      const first = stored[0];
      return (
        <article class="provider-credentials" id={`credentials-${p}`} data-provider={p}>
          <header>
            <strong>{NAMES[p]}</strong>{' '}
            {!first ? <Badge value="not set" tone="muted" />
              : first.verify_ok === true ? <Badge value="verified" tone="ok" />
              : first.verify_ok === false ? <Badge value="refused" tone="bad" />
              : <Badge value="not tested" tone="info" />}
          </header>
          {first ? (
            <dl class="credential-status">
              {stored.map((r) => (<><dt>{r.field}</dt><dd><code data-masked-field={r.field}>{r.masked}</code></dd></>))}
              <dt>changed</dt><dd><Time at={first.updated_at} /></dd>
              <dt>last test</dt>
              <dd data-verify-result={first.verify_ok === null ? 'none' : String(first.verify_ok)}>
                {first.verified_at ? <><Time at={first.verified_at} /> · {first.verify_detail ?? ''}</> : 'never'}
              </dd>
            </dl>
          ) : null}
          <Guard allowed={canEdit}>
            <form class="credential-form" id={`credentials-form-${p}`} method="post" action={`/settings/credentials/${p}`}
              hx-post={`/settings/credentials/${p}`} hx-target="#settings" hx-swap="outerHTML" autocomplete="off">
              <Csrf token={csrf} />
              <div class="grid">
                {CREDENTIAL_FIELDS[p].map((f) => {
                  const key = `${p}.${f.name}`;
                  return (
                    <label>
                      {f.name}{f.required ? '' : ' (optional)'}
                      <input type="password" name={f.name} autocomplete="new-password" spellcheck={false} value=""
                        required={f.required} placeholder={HINTS[key] ?? ''}
                        aria-invalid={errors?.[key] ? 'true' : undefined} />
                      {errors?.[key] ? <small class="field-error" role="alert" data-error-for={key}>{errors[key]}</small> : null}
                    </label>
                  );
                })}
              </div>
              <button type="submit">Save {NAMES[p]} credentials</button>
            </form>
            {first ? (
              <div class="inline-fields">
                <form hx-post={`/settings/credentials/${p}/test`} hx-target="#settings" hx-swap="outerHTML" hx-disabled-elt="find button">
                  <Csrf token={csrf} />
                  <button type="submit" class="secondary" data-test-connection={p}>Test connection</button>
                </form>
                <form hx-post={`/settings/credentials/${p}/delete`} hx-target="#settings" hx-swap="outerHTML"
                  hx-confirm={`Remove the ${NAMES[p]} credentials of this account?`}>
                  <Csrf token={csrf} />
                  <button type="submit" class="outline contrast">Remove</button>
                </form>
              </div>
            ) : null}
          </Guard>
        </article>
      );
    })}
  </section>
);
