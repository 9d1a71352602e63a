/**
 * `make inbound-email-key ACCOUNT=<slug>`: prints the URL an account's mail host forwards
 * replies to (POST PUBLIC_BASE_URL/webhooks/email/inbound/<slug>) and the key the requests
 * are signed with (`X-Revenue-Signature: t=<unix>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>`).
 * The key is derived from INBOUND_EMAIL_SECRET and the account id (api/signatures.ts
 * inboundEmailSigningKey): the same every time, different per account. An account that
 * stores its own Elastic Email webhook_secret is verified with that one instead; this says
 * so and prints no key.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findWebhookAccount } from '../api/domain/webhook-keys.ts';
import { loadInboundConfig } from '../api/inbound-config.ts';
import { inboundEmailSigningKey } from '../api/signatures.ts';
import { connect } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { loadCredentials } from '../lib/provider-credentials.ts';
import { loadKeyRing } from '../lib/secrets.ts';

const Args = z.object({ account: z.string().trim().min(1, 'ACCOUNT (the account slug) is required').max(63) });

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { account: { type: 'string' } } });
  const args = Args.safeParse({ account: values.account ?? '' });
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => i.message).join('\n')}\nusage: make inbound-email-key ACCOUNT=<slug>\n`);
    return 2;
  }
  const config = loadConfig();
  setLogLevel('warn');
  const inbound = await loadInboundConfig(process.env);
  const slug = args.data.account;
  const url = `${inbound.publicBaseUrl.replace(/\/+$/, '')}/webhooks/email/inbound/${encodeURIComponent(slug)}`;
  return withCommandDatabase(config, async (databaseUrl) => {
    const sql = connect(databaseUrl, { max: 1, applicationName: 'revenue-os-inbound-email-key' });
    try {
      const account = await findWebhookAccount(sql, 'elastic_email', { accountSlug: slug });
      if (!account.accountId) {
        process.stderr.write(`no account with slug ${JSON.stringify(slug)}\n`);
        return 1;
      }
      if (account.credentialsUpdatedAt) {
        const stored = await loadCredentials(sql, await loadKeyRing(config, config.DATA_DIR), account.accountId, 'elastic_email');
        if (stored?.value.webhook_secret) {
          process.stdout.write(`URL: ${url}\n`);
          process.stderr.write(`Account ${slug} signs inbound email with the Elastic Email webhook secret stored on its settings page (not shown here).\n`);
          return 0;
        }
      }
      if (!inbound.inboundEmailSecret) {
        process.stderr.write(`INBOUND_EMAIL_SECRET is unset and account ${slug} stores no Elastic Email webhook secret: its inbound email is refused (403).\n`);
        return 1;
      }
      process.stdout.write(`URL: ${url}\nSigning key: ${inboundEmailSigningKey(inbound.inboundEmailSecret, account.accountId)}\n`);
      process.stderr.write(
        'Sign each request: X-Revenue-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<raw body>")>. The key is derived from INBOUND_EMAIL_SECRET and this account: it changes if that secret does.\n',
      );
      return 0;
    } finally {
      await sql.end();
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
